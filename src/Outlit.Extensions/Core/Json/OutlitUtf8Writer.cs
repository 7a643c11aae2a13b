using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// Serializes a value to the UTF-8 bytes sent, for request bodies and ingest events alike. A <see cref="StreamWriter"/>
/// per value cost about 2 KB of buffers for a few hundred bytes of JSON, and a JSON writer per value its set-up time:
/// each thread keeps one text buffer and one writer (JSON writers accept one value after another). A buffer is taken
/// off the thread while in use and not put back if serializing failed, so a half-written value never leaks into the
/// next one.
/// </summary>
internal static class OutlitUtf8Writer
{
    private const int MaxCachedChars = 64 * 1024;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    [ThreadStatic]
    private static Buffer? cached;

    public static byte[] Serialize(JsonSerializer serializer, object? value)
    {
        var buffer = cached ?? new Buffer();
        cached = null;
        var text = buffer.Text;
        text.Clear();
        serializer.Serialize(buffer.Writer, value);
        buffer.Writer.Flush();

        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var span = chars.AsSpan(0, text.Length);
            var json = new byte[Utf8NoBom.GetByteCount(span)];
            Utf8NoBom.GetBytes(span, json);
            return json;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            if (text.Capacity <= MaxCachedChars)
            {
                cached = buffer;
            }
        }
    }

    /// <summary>One thread's reusable text buffer and JSON writer.</summary>
    private sealed class Buffer
    {
        public Buffer()
        {
            Writer = new WholeNumberJsonWriter(new StringWriter(Text, CultureInfo.InvariantCulture))
            {
                Formatting = Formatting.None,
                ArrayPool = OutlitJsonCharPool.Instance,
            };
        }

        public StringBuilder Text { get; } = new(512);

        public JsonTextWriter Writer { get; }
    }

    /// <summary>
    /// Writes whole-number doubles (every event's millisecond <c>timestamp</c>, typed as a number by the contract) with
    /// the exact text Newtonsoft writes, <c>1795617026533.0</c>, without its round-trip formatting pass, which was a
    /// fifth of the cost of encoding an event. Anything else goes to the base writer unchanged.
    /// </summary>
    private sealed class WholeNumberJsonWriter(TextWriter textWriter) : JsonTextWriter(textWriter)
    {
        public override void WriteValue(double value)
        {
            // Below 1e15 Newtonsoft prints a whole number as its digits plus ".0"; from 1e15 on it switches to
            // exponent form, and -0 keeps its sign, so those stay with the base writer.
            if (value > -1e15 && value < 1e15 && value == Math.Floor(value) && !(value == 0 && double.IsNegative(value)))
            {
                Span<char> digits = stackalloc char[24];
                ((long)value).TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
                digits[length++] = '.';
                digits[length++] = '0';
                WriteRawValue(new string(digits[..length]));
            }
            else
            {
                base.WriteValue(value);
            }
        }

        public override void WriteValue(double? value)
        {
            if (value is { } number)
            {
                WriteValue(number);
            }
            else
            {
                base.WriteValue(value);
            }
        }
    }
}

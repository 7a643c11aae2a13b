using System.Buffers;
using System.Text;

namespace Outlit;

/// <summary>
/// Decodes a UTF-8 body straight into the caller's character buffer (the JSON reader's pooled one), with a pooled byte
/// buffer: a <see cref="StreamReader"/> would allocate a byte and a character buffer of its own on every response.
/// </summary>
internal sealed class OutlitUtf8Reader : TextReader
{
    private const int BufferSize = 4096;
    private readonly Stream stream;
    private readonly Decoder decoder = Encoding.UTF8.GetDecoder();
    private byte[]? bytes = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int start;
    private int end;
    private bool ended;
    private bool started;
    private char pending;
    private int pendingLength;

    private OutlitUtf8Reader(Stream stream) => this.stream = stream;

    /// <summary>
    /// A reader for <paramref name="utf8"/>: this one for UTF-8 (with or without a byte order mark), a
    /// <see cref="StreamReader"/> for a body that starts with a UTF-16 or UTF-32 byte order mark.
    /// </summary>
    public static TextReader Create(Stream utf8)
    {
        if (utf8.CanSeek)
        {
            Span<byte> head = stackalloc byte[2];
            var read = utf8.ReadAtLeast(head, 2, throwOnEndOfStream: false);
            utf8.Position = 0;
            if (read == 2 && ((head[0] == 0xFE && head[1] == 0xFF) || (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0 && head[1] == 0)))
            {
                return new StreamReader(utf8, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1024, leaveOpen: true);
            }
        }

        return new OutlitUtf8Reader(utf8);
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        ObjectDisposedException.ThrowIf(bytes is null, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (pendingLength > 0)
        {
            buffer[0] = pending;
            pendingLength = 0;
            return 1;
        }

        if (buffer.Length > 1)
        {
            return Decode(buffer);
        }

        // One character asked for: a character outside the BMP is two, so the second waits for the next read.
        Span<char> pair = stackalloc char[2];
        var decoded = Decode(pair);
        if (decoded == 0)
        {
            return 0;
        }

        buffer[0] = pair[0];
        if (decoded == 2)
        {
            pending = pair[1];
            pendingLength = 1;
        }

        return 1;
    }

    /// <summary>Decodes into at least two characters of room, enough for any one character.</summary>
    private int Decode(Span<char> buffer)
    {
        while (true)
        {
            if (start == end && !ended)
            {
                Fill();
            }

            decoder.Convert(bytes.AsSpan(start, end - start), buffer, flush: ended, out var bytesUsed, out var charsUsed, out _);
            start += bytesUsed;
            if (charsUsed > 0 || (ended && start == end))
            {
                return charsUsed;
            }
        }
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => -1;

    protected override void Dispose(bool disposing)
    {
        if (bytes is { } pooled)
        {
            bytes = null;
            ArrayPool<byte>.Shared.Return(pooled);
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        // Bytes of a character cut by the previous read stay in the decoder; what is left here is always consumed.
        start = 0;
        end = stream.Read(bytes!, 0, bytes!.Length);
        if (end == 0)
        {
            ended = true;
            return;
        }

        if (!started)
        {
            started = true;
            while (end < 3 && !ended)
            {
                var more = stream.Read(bytes, end, bytes.Length - end);
                if (more == 0)
                {
                    ended = true;
                }

                end += more;
            }

            if (end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                start = 3;
            }
        }
    }
}

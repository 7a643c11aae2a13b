using System.Globalization;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// Writes a whole <see cref="double"/> as a JSON integer (<c>50</c>, not <c>50.0</c>). The contract types page
/// sizes and counts as <c>number</c>, so they are generated as <see cref="double"/>, yet they are integers to the
/// server; both spellings are the same JSON number, and the integer one is what the API documents show.
/// Reading is left to Newtonsoft.
/// </summary>
internal sealed class WholeNumberConverter : JsonConverter
{
    // Beyond 2^53 a double no longer holds every integer, so such values keep their double spelling.
    private const double LargestExactInteger = 9007199254740992d;

    public override bool CanRead => false;

    public override bool CanConvert(Type objectType) => objectType == typeof(double) || objectType == typeof(double?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException();

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        switch (value)
        {
            case double number when Math.Abs(number) <= LargestExactInteger && Math.Floor(number) == number:
                writer.WriteValue((long)number);
                break;
            case double number:
                writer.WriteValue(number);
                break;
            default:
                writer.WriteNull();
                break;
        }
    }
}

/// <summary>
/// Writes a <see cref="DateTimeOffset"/> in UTC with a <c>Z</c> suffix (<c>2026-06-23T10:00:00Z</c>). The tool
/// contract's date-time patterns accept only <c>Z</c>, while Newtonsoft writes an offset (<c>+00:00</c>).
/// Fractional seconds are written only when present. Reading is left to Newtonsoft, which accepts both forms.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter
{
    public override bool CanRead => false;

    public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException();

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateTimeOffset instant)
        {
            writer.WriteValue(instant.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull();
        }
    }
}

using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// The one JSON policy of the SDK, for every operation and both directions. Reading: what the contract marks
/// required must be present (a missing value is an error naming its JSON path, never a default presented as
/// the server's), unknown properties are kept in <c>AdditionalProperties</c>, unknown enum values are kept by
/// the extensible enum types, and strings are never turned into dates behind the caller's back. Writing:
/// date-times in UTC with a <c>Z</c>, whole numbers as integers, nothing the caller did not set.
/// </summary>
internal static class OutlitJson
{
    public static JsonSerializerSettings Settings { get; } = new()
    {
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 128,
        Converters = { new UtcDateTimeOffsetConverter(), new WholeNumberConverter() },
    };

    /// <summary>Writes request bodies and caller values.</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>
    /// Reads responses under the same settings, with the required properties checked in one pass per object
    /// (<see cref="OutlitRequiredPropertiesResolver"/>) rather than through Newtonsoft's per-object dictionary.
    /// </summary>
    private static readonly JsonSerializer ReadSerializer = CreateReadSerializer();

    private static JsonSerializer CreateReadSerializer()
    {
        var serializer = JsonSerializer.Create(Settings);
        serializer.ContractResolver = new OutlitRequiredPropertiesResolver([.. Settings.Converters]);
        return serializer;
    }

    /// <summary>JSON trees read for conversion only: line numbers would be an annotation object per token.</summary>
    internal static readonly JsonLoadSettings WithoutLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    /// <summary>Serializes a request body to the UTF-8 bytes sent; a body already encoded is sent as it is.</summary>
    public static ReadOnlyMemory<byte> SerializeToUtf8(object? value) =>
        value is IOutlitEncodedBody encoded ? encoded.Utf8Json : OutlitUtf8Writer.Serialize(Serializer, value);

    /// <summary>Reads one value of <typeparamref name="T"/> from UTF-8 JSON; null when the JSON is the literal <c>null</c>.</summary>
    public static T? Deserialize<T>(Stream utf8) => (T?)Deserialize<object>(utf8, typeof(T));

    /// <summary>Reads one value of <paramref name="type"/> from UTF-8 JSON; null when the JSON is the literal <c>null</c>.</summary>
    public static T? Deserialize<T>(Stream utf8, Type type)
    {
        using var text = OutlitUtf8Reader.Create(utf8);
        using var reader = new JsonTextReader(text) { ArrayPool = OutlitJsonCharPool.Instance, DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        T? value;
        using (RequiredPresence.Reading(reader))
        {
            value = typeof(JToken).IsAssignableFrom(type)
                ? (T?)(object?)JToken.ReadFrom(reader, WithoutLineInfo)
                : (T?)ReadSerializer.Deserialize(reader, type);
        }

        // Trailing content after the value means the body is not one JSON document.
        if (reader.Read() && reader.TokenType != JsonToken.Comment)
        {
            throw new JsonReaderException($"Additional text found after the JSON value. Path '{reader.Path}'.");
        }

        return value;
    }

    /// <summary>Converts a JSON value already read (a tool result, one branch of a union) into a generated type under the same policy.</summary>
    public static T ToObject<T>(JToken token) => (T)ToObject(token, typeof(T))!;

    /// <summary>The same, for a type known at run time (one of the error shapes a body is tried with).</summary>
    public static object? ToObject(JToken token, Type type)
    {
        using var reader = new JTokenReader(token);
        using (RequiredPresence.Reading(reader))
        {
            return ReadSerializer.Deserialize(reader, type);
        }
    }

    /// <summary>Turns a caller's value (a generated input, a dictionary, an anonymous object, a JObject) into JSON.</summary>
    public static JToken ToToken(object value) => value as JToken ?? JToken.FromObject(value, Serializer);
}

/// <summary>A request body already serialized (the ingest client measures each batch on its exact bytes).</summary>
internal interface IOutlitEncodedBody
{
    ReadOnlyMemory<byte> Utf8Json { get; }
}

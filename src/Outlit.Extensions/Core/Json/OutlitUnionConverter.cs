using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// A type the normalizer merged from the variants of a <c>oneOf</c>/<c>anyOf</c>: every property optional, so it
/// reads any object. The generator implements this from what each variant requires.
/// </summary>
internal interface IOutlitUnion
{
    /// <summary>True when the value has everything at least one variant requires.</summary>
    bool IsAnyVariant { get; }

    /// <summary>The variants and what each requires, for the error message.</summary>
    string Variants { get; }
}

/// <summary>
/// Reads a merged union like any object, then refuses a value that is none of its variants, naming the JSON path:
/// a body of another shape must be a format error, not a result whose missing values read as null.
/// </summary>
internal sealed class OutlitUnionConverter : JsonConverter
{
    public override bool CanWrite => false;

    public override bool CanConvert(Type objectType) => typeof(IOutlitUnion).IsAssignableFrom(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var path = reader.Path;
        var value = existingValue ?? serializer.ContractResolver.ResolveContract(objectType).DefaultCreator?.Invoke()
            ?? throw new JsonSerializationException($"{objectType.Name} cannot be created. Path '{path}'.");
        serializer.Populate(reader, value);
        return value is IOutlitUnion { IsAnyVariant: false } union
            ? throw new JsonSerializationException($"The value is none of the variants: {union.Variants}. Path '{path}'.")
            : value;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

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

    /// <summary>
    /// The JSON names of the properties the value was read with as null. A merged type cannot know which variant
    /// requires a null to be present, so it remembers which were.
    /// </summary>
    ISet<string> PresentNulls { get; }
}

/// <summary>
/// Reads a merged union like any object, then refuses a value that is none of its variants, naming the JSON path:
/// a body of another shape must be a format error, not a result whose missing values read as null. Writes it back
/// with the nulls it was read with, and no others.
/// </summary>
internal sealed class OutlitUnionConverter : JsonConverter
{
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
        var json = JToken.ReadFrom(reader, OutlitJson.WithoutLineInfo);
        if (json is not JObject body)
        {
            throw new JsonSerializationException($"{objectType.Name} is an object, the value is {json.Type}. Path '{path}'.");
        }

        using (var bodyReader = body.CreateReader())
        {
            serializer.Populate(bodyReader, value);
        }

        if (value is IOutlitUnion union)
        {
            foreach (var property in body.Properties().Where(p => p.Value.Type == JTokenType.Null))
            {
                union.PresentNulls.Add(property.Name);
            }

            if (!union.IsAnyVariant)
            {
                throw new JsonSerializationException($"The value is none of the variants: {union.Variants}. Path '{path}'.");
            }
        }

        return value;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var contract = (JsonObjectContract)serializer.ContractResolver.ResolveContract(value.GetType());
        var nulls = (value as IOutlitUnion)?.PresentNulls;
        writer.WriteStartObject();
        foreach (var property in contract.Properties.Where(p => !p.Ignored && p.Readable && p.ValueProvider is not null))
        {
            var propertyValue = property.ValueProvider!.GetValue(value);
            if (propertyValue is null && nulls?.Contains(property.PropertyName!) != true)
            {
                continue;
            }

            writer.WritePropertyName(property.PropertyName!);
            if (property.Converter is { } converter && propertyValue is not null)
            {
                converter.WriteJson(writer, propertyValue, serializer);
            }
            else
            {
                serializer.Serialize(writer, propertyValue);
            }
        }

        if (contract.ExtensionDataGetter?.Invoke(value) is { } extra)
        {
            foreach (var (name, extraValue) in extra)
            {
                writer.WritePropertyName(Convert.ToString(name, System.Globalization.CultureInfo.InvariantCulture)!);
                serializer.Serialize(writer, extraValue);
            }
        }

        writer.WriteEndObject();
    }
}

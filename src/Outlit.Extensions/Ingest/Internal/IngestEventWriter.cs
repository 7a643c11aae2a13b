using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit.Ingest;

/// <summary>
/// Writes an event by walking its Newtonsoft contract once per type: each property in the contract's order, nulls left
/// out as the property's null handling says, strings, numbers, identifiers and URLs written directly and anything else
/// (nested objects, maps, extensible enums) through the serializer, then the extension data. The output is the
/// serializer's own, byte for byte; what it saves is the serializer's per-property bookkeeping, which was most of the
/// time an event took to encode.
/// </summary>
internal sealed class IngestEventWriter : JsonConverter
{
    private readonly Property[] properties;
    private readonly ExtensionDataGetter? extensionData;
    private readonly Func<string, string>? extensionDataName;

    private IngestEventWriter(Property[] properties, ExtensionDataGetter? extensionData, Func<string, string>? extensionDataName)
    {
        this.properties = properties;
        this.extensionData = extensionData;
        this.extensionDataName = extensionDataName;
    }

    public override bool CanRead => false;

    /// <summary>A writer for the contract, or null when it uses something this writer does not reproduce (then the serializer writes it).</summary>
    public static IngestEventWriter? TryCreate(JsonObjectContract contract, NullValueHandling serializerNulls)
    {
        if (contract.OnSerializingCallbacks.Count > 0 || contract.OnSerializedCallbacks.Count > 0)
        {
            return null;
        }

        var written = new List<Property>();
        foreach (var property in contract.Properties)
        {
            if (property.Ignored || !property.Readable)
            {
                continue;
            }

            if (property.ShouldSerialize is not null || property.GetIsSpecified is not null || property.ValueProvider is null
                || property.DefaultValueHandling is { } handling && handling != DefaultValueHandling.Include
                || property.TypeNameHandling is not null || property.ReferenceLoopHandling is not null || property.IsReference is not null
                || property.ItemConverter is not null || property.ItemIsReference is not null || property.ItemTypeNameHandling is not null)
            {
                return null;
            }

            written.Add(new Property(property.PropertyName!, property.ValueProvider, (property.NullValueHandling ?? serializerNulls) == NullValueHandling.Ignore, property.Converter));
        }

        return new IngestEventWriter([.. written], contract.ExtensionDataGetter, contract.ExtensionDataNameResolver);
    }

    public override bool CanConvert(Type objectType) => true;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("Events are only written.");

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteStartObject();
        foreach (var property in properties)
        {
            var propertyValue = property.Value.GetValue(value);
            if (propertyValue is null && property.SkipNull)
            {
                continue;
            }

            writer.WritePropertyName(property.Name);
            if (property.Converter is { } converter && propertyValue is not null)
            {
                converter.WriteJson(writer, propertyValue, serializer);
            }
            else
            {
                WriteAny(writer, propertyValue, serializer);
            }
        }

        if (extensionData?.Invoke(value) is { } extra)
        {
            foreach (var (name, extraValue) in extra)
            {
                var text = Convert.ToString(name, System.Globalization.CultureInfo.InvariantCulture)!;
                writer.WritePropertyName(extensionDataName?.Invoke(text) ?? text);
                WriteAny(writer, extraValue, serializer);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A property's value, a map entry or an extension field, by its runtime type as the serializer chooses: the
    /// primitives the serializer writes as themselves directly, maps of string keys entry by entry (nulls written, as the serializer writes map values), anything else
    /// through the serializer. Only when the serializer has no converters of its own, which could claim a primitive.
    /// </summary>
    private static void WriteAny(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (serializer.Converters.Count > 0)
        {
            serializer.Serialize(writer, value);
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNull();
                break;
            case string text:
                writer.WriteValue(text);
                break;
            case double number:
                writer.WriteValue(number);
                break;
            case long number:
                writer.WriteValue(number);
                break;
            case int number:
                writer.WriteValue(number);
                break;
            case bool flag:
                writer.WriteValue(flag);
                break;
            case Guid id:
                writer.WriteValue(id);
                break;
            case Uri uri:
                writer.WriteValue(uri);
                break;
            case IDictionary<string, object?> map when serializer.ContractResolver.ResolveContract(map.GetType()) is JsonDictionaryContract { Converter: null } contract:
                writer.WriteStartObject();
                foreach (var (key, entry) in map)
                {
                    writer.WritePropertyName(contract.DictionaryKeyResolver?.Invoke(key) ?? key);
                    WriteAny(writer, entry, serializer);
                }

                writer.WriteEndObject();
                break;
            default:
                serializer.Serialize(writer, value);
                break;
        }
    }

    private sealed record Property(string Name, IValueProvider Value, bool SkipNull, JsonConverter? Converter);
}

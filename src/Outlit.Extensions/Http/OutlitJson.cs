using System.Globalization;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit;

/// <summary>JSON settings of the wrappers, derived from the generated client's settings.</summary>
internal static class OutlitJson
{
    private static readonly LenientContractResolver Lenient = new();

    /// <summary>
    /// For request bodies: the generated settings plus date-times written in UTC with a <c>Z</c> suffix. The tool
    /// contract's date-time pattern accepts only <c>Z</c>; Newtonsoft writes <see cref="DateTimeOffset"/> as <c>+00:00</c>.
    /// </summary>
    internal static JsonSerializer ForWriting(JsonSerializerSettings generated)
    {
        var settings = new JsonSerializerSettings(generated);
        settings.Converters.Insert(0, new UtcDateTimeOffsetConverter());
        return JsonSerializer.Create(settings);
    }

    /// <summary>
    /// For response bodies: the generated settings, with required-property checks relaxed. The output schemas
    /// are the best known shape, not a guarantee (the seed examples themselves omit fields the schemas require),
    /// so a missing or null field reads as null or default instead of failing the whole call; unknown fields are kept in
    /// <c>AdditionalProperties</c> as before.
    /// </summary>
    internal static JsonSerializer ForReading(JsonSerializerSettings generated)
    {
        var settings = new JsonSerializerSettings(generated)
        {
            ContractResolver = Lenient,
            DateParseHandling = DateParseHandling.None,
        };
        return JsonSerializer.Create(settings);
    }

    private sealed class LenientContractResolver : DefaultContractResolver
    {
        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            property.Required = Required.Default;

            // A null where the generated type has a non-nullable value type (a nullable date-time the generator
            // typed as DateTimeOffset, say) leaves the default instead of failing the whole response.
            property.NullValueHandling = NullValueHandling.Ignore;
            return property;
        }
    }

    private sealed class UtcDateTimeOffsetConverter : JsonConverter
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
}

using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit;

/// <summary>JSON settings of the wrappers, derived from the generated client's settings.</summary>
internal static class OutlitJson
{
    private static readonly LenientContractResolver Lenient = new();

    /// <summary>
    /// For request bodies: the generated settings as they are. They already write date-times in UTC with a
    /// <c>Z</c> suffix and whole numbers as integers (see <see cref="OutlitApiClient"/>'s settings hook), so the
    /// wrappers and the generated methods write the same JSON.
    /// </summary>
    internal static JsonSerializer ForWriting(JsonSerializerSettings generated) => JsonSerializer.Create(generated);

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

            // A null the contract does not allow (Fact.validFrom is required and not nullable, so it is a
            // DateTimeOffset) leaves the default instead of failing the whole response. What the contract marks
            // nullable is generated nullable and needs none of this.
            property.NullValueHandling = NullValueHandling.Ignore;
            return property;
        }
    }
}

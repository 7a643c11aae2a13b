using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit.Ingest;

/// <summary>
/// Serializes the generated event classes straight to the writer. The generated inheritance
/// converter builds a JObject per event to add the <c>type</c> discriminator; here the
/// discriminator is a leading synthetic property instead, which gives the same JSON several times
/// faster (this runs once per tracked event).
/// </summary>
internal sealed class IngestContractResolver : DefaultContractResolver
{
    private static readonly Dictionary<Type, string> Discriminators = typeof(IngestEvent)
        .GetCustomAttributes<JsonInheritanceAttribute>(inherit: false)
        .ToDictionary(a => a.Type, a => a.Key);

    private readonly bool eventWriters;

    /// <param name="eventWriters">False for Newtonsoft's own object serialization of the events (tests compare the two).</param>
    internal IngestContractResolver(bool eventWriters = true) => this.eventWriters = eventWriters;

    public static IngestContractResolver Instance { get; } = new();

    protected override JsonContract CreateContract(Type objectType)
    {
        var contract = base.CreateContract(objectType);
        if (typeof(IngestEvent).IsAssignableFrom(objectType) && Discriminators.ContainsKey(objectType))
        {
            // The ingest serializer leaves nulls out (OutlitIngestClient creates it so); the writer follows it.
            contract.Converter = eventWriters && contract is JsonObjectContract objectContract ? IngestEventWriter.TryCreate(objectContract, NullValueHandling.Ignore) : null;
        }

        return contract;
    }

    protected override IList<JsonProperty> CreateProperties(Type type, MemberSerialization memberSerialization)
    {
        var properties = base.CreateProperties(type, memberSerialization);
        if (Discriminators.TryGetValue(type, out var discriminator) && properties.All(p => p.PropertyName != "type"))
        {
            properties.Insert(0, new JsonProperty
            {
                PropertyName = "type",
                UnderlyingName = "type",
                PropertyType = typeof(string),
                DeclaringType = type,
                ValueProvider = new ConstantValueProvider(discriminator),
                Readable = true,
                Writable = false,
                Order = int.MinValue,
            });
        }

        return properties;
    }

    private sealed class ConstantValueProvider(string value) : IValueProvider
    {
        public object GetValue(object target) => value;

        public void SetValue(object target, object? value) => throw new NotSupportedException();
    }
}

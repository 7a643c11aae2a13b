using Newtonsoft.Json;

namespace Outlit;

// CUSTOM: the wrappers serialize tool inputs and read union-shaped bodies themselves; they use the
// generated client's serializer settings so both paths read and write JSON the same way.
/// <summary>The generated Platform and Ingest API client (NSwag output plus these additions).</summary>
public partial class OutlitApiClient
{
    internal JsonSerializerSettings SerializerSettings => JsonSerializerSettings;

    // The generated client builds its settings once and lets this hook adjust them; every request body it
    // writes (and every body the wrappers write from these settings) goes through the converters added here.
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings)
    {
        settings.Converters.Add(new UtcDateTimeOffsetConverter());
        settings.Converters.Add(new WholeNumberConverter());
    }
}

using Newtonsoft.Json;

namespace Outlit;

// CUSTOM: the wrappers serialize tool inputs and read union-shaped bodies themselves; they use the
// generated client's serializer settings so both paths read and write JSON the same way.
/// <summary>The generated Platform and Ingest API client (NSwag output plus these additions).</summary>
public partial class OutlitApiClient
{
    internal JsonSerializerSettings SerializerSettings => JsonSerializerSettings;
}

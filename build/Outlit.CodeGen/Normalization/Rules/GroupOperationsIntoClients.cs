using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Puts every operation into one of two generated clients through its first tag (NSwag makes one client
/// per first tag): <c>Platform</c> for operations sent with the document's secret API key, <c>Ingest</c> for
/// operations that declare no security (the public ingest route). An operation's <c>x-outlit-client</c>
/// names its client explicitly.
/// </summary>
internal sealed class GroupOperationsIntoClients : INormalizationRule
{
    public const string ClientKeyword = "x-outlit-client";

    public string Name => "Group operations into clients";

    public string Reason => "One generated client holding every operation would let code holding the secret API key send it to the public ingest route.";

    public void Apply(NormalizationContext context)
    {
        var documentSecured = context.Document["security"] is JsonArray { Count: > 0 };
        foreach (var (_, _, _, operation) in context.Operations())
        {
            var client = NormalizationContext.StringValue(operation[ClientKeyword]) is { Length: > 0 } named
                ? NormalizationContext.Pascal(named)
                : RequiresCredential(operation, documentSecured) ? "Platform" : "Ingest";
            var tags = operation["tags"] as JsonArray ?? new JsonArray();
            var original = tags.Select(t => t?.DeepClone()).ToList();
            operation["tags"] = new JsonArray(new JsonNode?[] { JsonValue.Create(client) }.Concat(original.Where(t => NormalizationContext.StringValue(t) != client)).ToArray());
        }
    }

    /// <summary>An operation's own <c>security</c> wins; an empty list means no credential at all.</summary>
    private static bool RequiresCredential(JsonObject operation, bool documentSecured) =>
        operation["security"] is JsonArray own ? own.Count > 0 && own.Any(r => r is JsonObject { Count: > 0 }) : documentSecured;
}

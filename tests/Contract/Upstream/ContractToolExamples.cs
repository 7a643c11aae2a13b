using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Upstream;

/// <summary>The contract's request examples of the tool gateway, read once: the first example input of each tool.</summary>
internal static class ContractToolExamples
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> FirstInputs = new(Read);

    /// <summary>Each tool's first example input, by tool name.</summary>
    public static IReadOnlyDictionary<string, JsonObject> First => FirstInputs.Value;

    private static IReadOnlyDictionary<string, JsonObject> Read()
    {
        var contract = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!.AsObject();
        var gateway = contract["x-outlit-tool-gateway"]!;
        var operationId = (string?)gateway["operationId"];
        var toolProperty = (string?)gateway["toolProperty"] ?? "tool";
        var inputProperty = (string?)gateway["inputProperty"] ?? "input";
        var operation = contract["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => m.Value))
            .OfType<JsonObject>()
            .Single(o => (string?)o["operationId"] == operationId);
        var inputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (_, example) in operation["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject())
        {
            if (example?["value"] is JsonObject value && (string?)value[toolProperty] is { } tool && !inputs.ContainsKey(tool))
            {
                inputs[tool] = value[inputProperty] as JsonObject ?? [];
            }
        }

        return inputs;
    }
}

using System.Text.Json.Nodes;
using Outlit.Contracts;

namespace Outlit.Drift.Comparison;

/// <summary>
/// The tool gateway's request can be written two ways: as the project's contract does (a body that takes any tool,
/// beside the root <c>x-outlit-tools</c> list naming each tool's input schema) or as Outlit's own documents do (a
/// <c>oneOf</c> with one alternative per tool, each fixing the tool's name and its input). Compared as written, every
/// tool input would look added or removed. When only one side lists its tools, that side's body is written as the
/// other's <c>oneOf</c> before comparing, so tool inputs are matched tool by tool like any other union.
/// </summary>
internal static class ToolGatewayShapes
{
    /// <summary>
    /// Returns <paramref name="listed"/> with its gateway request body written as a <c>oneOf</c> over its tools when it
    /// lists them in <c>x-outlit-tools</c> and <paramref name="other"/> writes that body as such a <c>oneOf</c>;
    /// otherwise returns it unchanged.
    /// </summary>
    public static LoadedDocument AlignTo(LoadedDocument listed, LoadedDocument other)
    {
        if (listed.Root is not { } root
            || root["x-outlit-tools"] is not JsonArray tools
            || root["x-outlit-tool-gateway"] is not JsonObject gateway
            || (string?)gateway["operationId"] is not { } operationId
            || other.Root is not { } otherRoot
            || otherRoot["x-outlit-tools"] is not null)
        {
            return listed;
        }

        var toolProperty = (string?)gateway["toolProperty"] ?? "tool";
        var inputProperty = (string?)gateway["inputProperty"] ?? "input";
        if (RequestSchema(otherRoot, operationId) is not { } otherBody || !IsToolUnion(otherRoot, otherBody, toolProperty))
        {
            return listed;
        }

        var copy = (JsonObject)root.DeepClone();
        if (Operation(copy, operationId)?["requestBody"]?["content"]?["application/json"] is not JsonObject media)
        {
            return listed;
        }

        var body = Resolve(copy, media["schema"]);
        var required = body?["required"] is JsonArray names ? names.Select(n => (string?)n).OfType<string>().ToList() : [toolProperty];
        var alternatives = new JsonArray();
        foreach (var tool in tools.OfType<JsonObject>())
        {
            if ((string?)tool["name"] is not { } name)
            {
                continue;
            }

            var properties = new JsonObject { [toolProperty] = new JsonObject { ["type"] = "string", ["const"] = name } };
            if (tool["inputSchema"] is { } input)
            {
                properties[inputProperty] = input.DeepClone();
            }

            alternatives.Add(new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray(required.Where(properties.ContainsKey).Select(r => (JsonNode)r).ToArray()),
                ["properties"] = properties,
                ["additionalProperties"] = false,
            });
        }

        media["schema"] = new JsonObject { ["oneOf"] = alternatives };
        return OpenApiInput.ParseAsync(listed.Source, copy.ToJsonString()).GetAwaiter().GetResult();
    }

    private static bool IsToolUnion(JsonObject root, JsonNode body, string toolProperty) =>
        body["oneOf"] is JsonArray alternatives && alternatives.Count > 0
        && alternatives.All(a => Resolve(root, a)?["properties"]?[toolProperty]?["const"] is JsonValue);

    private static JsonNode? RequestSchema(JsonObject root, string operationId) =>
        Resolve(root, Operation(root, operationId)?["requestBody"]?["content"]?["application/json"]?["schema"]);

    private static JsonObject? Operation(JsonObject root, string operationId) =>
        (root["paths"] as JsonObject)?
            .Select(p => p.Value as JsonObject)
            .SelectMany(item => item ?? [])
            .Select(m => m.Value as JsonObject)
            .FirstOrDefault(o => o is not null && (string?)o["operationId"] == operationId);

    private static JsonNode? Resolve(JsonObject root, JsonNode? node)
    {
        for (var hops = 0; hops < 32 && node is JsonObject o && (string?)o["$ref"] is { } reference; hops++)
        {
            node = JsonReferences.Resolve(root, reference)?.Node;
        }

        return node;
    }
}

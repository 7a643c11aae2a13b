using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Upstream;

/// <summary>
/// One of Outlit's own published OpenAPI documents, read at run time from the shared folder: the operations it has and
/// the event types its ingest payload lists. The tests below hold the mock and the client to it.
/// </summary>
internal sealed class UpstreamDocument
{
    private readonly string text;

    private UpstreamDocument(string path)
    {
        Path = path;
        text = File.ReadAllText(path);
        Root = JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Outlit's latest published document: the API as it is now.</summary>
    public static UpstreamDocument Latest { get; } = new(RepositoryPaths.History("2026-08-19"));

    /// <summary>The document Outlit published on the seed date.</summary>
    public static UpstreamDocument SeedDate { get; } = new(System.IO.Path.Combine(RepositoryPaths.Shared, "reference", "outlit-openapi-2026-06-23.json"));

    /// <summary>Where the document is.</summary>
    public string Path { get; }

    /// <summary>The parsed document.</summary>
    public JsonObject Root { get; }

    /// <summary>The file's date, for messages.</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The path and method of an operation, or null when the document does not have it.</summary>
    public (string Path, string Method)? Operation(string operationId)
    {
        foreach (var (path, item) in Root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is JsonObject o && (string?)o["operationId"] == operationId)
                {
                    return (path, method.ToUpperInvariant());
                }
            }
        }

        return null;
    }

    /// <summary>Whether the document names a tool anywhere (a const, an enum value or an example).</summary>
    public bool Mentions(string tool) => text.Contains('"' + tool + '"', StringComparison.Ordinal);

    /// <summary>The schemas of the event kinds the ingest payload accepts, by the kind's <c>type</c> value.</summary>
    public IReadOnlyDictionary<string, JsonNode> EventKinds()
    {
        var (path, method) = Operation("ingestEvents") ?? throw new InvalidOperationException(Name + " has no ingestEvents operation");
        var payload = Resolve(Root["paths"]![path]![method.ToLowerInvariant()]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        var items = Resolve(Resolve(payload!["properties"]!["events"])!["items"]);
        var branches = (items!["oneOf"] ?? items["anyOf"])!.AsArray().Select(Resolve);
        var kinds = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var branch in branches)
        {
            if (KindOf(branch) is { } kind)
            {
                kinds[kind] = branch!;
            }
        }

        return kinds;
    }

    /// <summary>The <c>type</c> value an event schema fixes, in its own properties or in a part of its <c>allOf</c>.</summary>
    private string? KindOf(JsonNode? schema)
    {
        schema = Resolve(schema);
        if (Resolve(schema?["properties"]?["type"]) is { } type && ((string?)type["const"] ?? (string?)type["enum"]?[0]) is { } value)
        {
            return value;
        }

        return schema?["allOf"] is JsonArray parts ? parts.Select(KindOf).FirstOrDefault(k => k is not null) : null;
    }

    /// <summary>Whether the ingest payload has a batch-level property.</summary>
    public bool PayloadHas(string property)
    {
        var (path, method) = Operation("ingestEvents")!.Value;
        var payload = Resolve(Root["paths"]![path]![method.ToLowerInvariant()]!["requestBody"]!["content"]!["application/json"]!["schema"]);
        return payload?["properties"]?[property] is not null;
    }

    /// <summary>Follows a local <c>$ref</c>.</summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        while (node is JsonObject o && (string?)o["$ref"] is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            node = reference[2..].Split('/').Aggregate((JsonNode?)Root, (current, part) => current?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]);
        }

        return node;
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>One tool of the contract's <c>x-outlit-tools</c> list, as the mock needs it.</summary>
/// <param name="Name">The tool's name on the wire.</param>
/// <param name="InputSchema">The component schema of its input.</param>
/// <param name="OutputSchema">The component schema of its output; null when the contract does not describe it.</param>
/// <param name="ItemsProperty">For a cursor-paged tool, the output property that holds the page's items; null otherwise.</param>
internal sealed record CatalogTool(string Name, string InputSchema, string? OutputSchema, string? ItemsProperty);

/// <summary>Where the gateway's paging lives (<c>x-outlit-tool-gateway/paging</c>): input and output property names.</summary>
internal sealed record PagingConventions(string Cursor, string PageSize, string Pagination, string HasMore, string NextCursor, string? Total);

/// <summary>
/// The tools the mock serves, read from the contract it follows (<c>x-outlit-tools</c>, <c>x-outlit-tool-gateway</c>)
/// rather than listed here, so a tool added to the contract is served without a change to the mock. A contract
/// without the list gives a catalog that explains itself in <see cref="Problem"/> instead of failing to start.
/// </summary>
internal sealed class ToolCatalog
{
    public const string ToolsKeyword = "x-outlit-tools";
    public const string GatewayKeyword = "x-outlit-tool-gateway";

    private readonly Dictionary<string, CatalogTool> tools;

    private ToolCatalog(Dictionary<string, CatalogTool> tools, PagingConventions? paging, string? problem)
    {
        this.tools = tools;
        Paging = paging;
        Problem = problem;
    }

    /// <summary>The tools by name, in the contract's order.</summary>
    public IReadOnlyCollection<string> Names => tools.Keys;

    /// <summary>The paging conventions; null when the contract names none (paged tools then answer one page).</summary>
    public PagingConventions? Paging { get; }

    /// <summary>Why the catalog is empty or partial (no list, malformed entries); null when it is whole.</summary>
    public string? Problem { get; }

    public CatalogTool? Find(string name) => tools.GetValueOrDefault(name);

    public static ToolCatalog Read(JsonNode document)
    {
        var problems = new List<string>();
        var tools = new Dictionary<string, CatalogTool>(StringComparer.Ordinal);
        if (document[ToolsKeyword] is not JsonArray entries)
        {
            problems.Add($"the contract has no {ToolsKeyword} list, so this mock serves no tools");
            entries = [];
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject;
            var name = Text(entry?["name"]);
            var input = SchemaName(entry?["inputSchema"]);
            if (entry is null || name is null || input is null || tools.ContainsKey(name))
            {
                problems.Add($"{ToolsKeyword}/{i} is not a tool entry with a unique name and an inputSchema reference; it is not served");
                continue;
            }

            tools[name] = new CatalogTool(name, input, SchemaName(entry["outputSchema"]), Text(entry["paging"]?["items"]));
        }

        PagingConventions? paging = null;
        if (document[GatewayKeyword]?["paging"] is JsonObject p
            && Text(p["cursor"]) is { } cursor && Text(p["pageSize"]) is { } pageSize && Text(p["pagination"]) is { } pagination
            && Text(p["hasMore"]) is { } hasMore && Text(p["nextCursor"]) is { } nextCursor)
        {
            paging = new PagingConventions(cursor, pageSize, pagination, hasMore, nextCursor, Text(p["total"]));
        }

        return new ToolCatalog(tools, paging, problems.Count == 0 ? null : string.Join("; ", problems));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string? SchemaName(JsonNode? reference)
    {
        const string Prefix = "#/components/schemas/";
        return Text(reference?["$ref"]) is { } pointer && pointer.StartsWith(Prefix, StringComparison.Ordinal) ? pointer[Prefix.Length..] : null;
    }
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Outlit.Contract.Tests.Support;

/// <summary>
/// openapi/openapi.json read twice, once as an OpenAPI object model (to find operations, statuses and
/// examples the way a tool does) and once as raw JSON (to address any node by JSON pointer and to feed
/// the JSON Schema validator). Loaded once per test run; the document is immutable for the run.
/// </summary>
internal sealed class ContractDocument
{
    private static readonly Lazy<ContractDocument> Shared = new(() => Load(RepositoryPaths.OpenApiDocument));

    private ContractDocument(OpenApiDocument model, JsonObject json)
    {
        Model = model;
        Json = json;
        Validator = new SchemaValidator(json);
    }

    /// <summary>The canonical contract of this repository.</summary>
    public static ContractDocument Instance => Shared.Value;

    /// <summary>The document as Microsoft.OpenApi reads it.</summary>
    public OpenApiDocument Model { get; }

    /// <summary>The document as JSON; never mutate it.</summary>
    public JsonObject Json { get; }

    /// <summary>JSON Schema 2020-12 validation against any schema of the document.</summary>
    public SchemaValidator Validator { get; }

    /// <summary>Every operation of the document, in document order.</summary>
    public IReadOnlyList<ContractOperation> Operations =>
        _operations ??= Model.Paths
            .SelectMany(path => (path.Value.Operations ?? new Dictionary<HttpMethod, OpenApiOperation>())
                .Select(op => new ContractOperation(path.Key, op.Key, op.Value)))
            .ToList();

    private IReadOnlyList<ContractOperation>? _operations;

    /// <summary>The entries of the root extension <c>x-outlit-tools</c>.</summary>
    public IReadOnlyList<ToolEntry> Tools =>
        (Json["x-outlit-tools"]?.AsArray() ?? throw new InvalidOperationException("x-outlit-tools is missing from the contract."))
            .Select(entry => new ToolEntry(
                entry!["name"]!.GetValue<string>(),
                SchemaName(entry["inputSchema"]!["$ref"]!.GetValue<string>()),
                entry["outputSchema"]?["$ref"] is { } output ? SchemaName(output.GetValue<string>()) : null))
            .ToList();

    /// <summary>The component schema name a <c>#/components/schemas/X</c> reference points at.</summary>
    public static string SchemaName(string reference)
    {
        const string Prefix = "#/components/schemas/";
        return reference.StartsWith(Prefix, StringComparison.Ordinal)
            ? reference[Prefix.Length..]
            : throw new ArgumentException($"{reference} is not a component schema reference.", nameof(reference));
    }

    /// <summary>The node at a JSON pointer of the document (<c>#/a/b</c> or <c>/a/b</c>).</summary>
    public JsonNode? At(string pointer) => JsonPointers.Resolve(Json, pointer);

    private static ContractDocument Load(string path)
    {
        var text = File.ReadAllText(path);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        var (model, diagnostic) = OpenApiDocument.LoadAsync(stream, "json").GetAwaiter().GetResult();
        if (model is null || diagnostic is null || diagnostic.Errors.Count > 0)
        {
            var errors = diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? [];
            throw new InvalidOperationException($"{path} is not a readable OpenAPI document: {string.Join("; ", errors)}");
        }

        var json = JsonNode.Parse(text)?.AsObject() ?? throw new InvalidOperationException(path + " is not a JSON object.");
        return new ContractDocument(model, json);
    }
}

/// <summary>One operation of the contract.</summary>
internal sealed record ContractOperation(string Path, HttpMethod Method, OpenApiOperation Operation)
{
    /// <summary>The operationId, which names the operation in test names and in the coverage report.</summary>
    public string Id => Operation.OperationId ?? throw new InvalidOperationException($"{Method} {Path} has no operationId.");

    /// <summary>JSON pointer of the operation object.</summary>
    public string Pointer => "#/paths/" + JsonPointers.Escape(Path) + "/" + Method.Method.ToLowerInvariant();

    /// <summary>The documented response statuses (for example <c>200</c>, <c>404</c>), in document order.</summary>
    public IReadOnlyList<string> Statuses => (Operation.Responses ?? new OpenApiResponses()).Keys.ToList();

    /// <summary>Whether the operation needs the bearer API key (the document-level security applies).</summary>
    public bool RequiresApiKey => Operation.Security is not { Count: 0 };

    /// <inheritdoc />
    public override string ToString() => Id;
}

/// <summary>One entry of <c>x-outlit-tools</c>.</summary>
internal sealed record ToolEntry(string Name, string InputSchema, string? OutputSchema);

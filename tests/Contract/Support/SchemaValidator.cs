using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Outlit.Contract.Tests.Support;

/// <summary>
/// Validates JSON against schemas of the contract as JSON Schema 2020-12 (the dialect of OpenAPI 3.1),
/// with format assertion on (date-time, email, uri, uuid are checked, not just annotated).
/// </summary>
/// <remarks>
/// The whole document is registered under <see cref="BaseUri"/> with every local reference
/// (<c>#/components/schemas/X</c>) rewritten to <c>{BaseUri}#/components/schemas/X</c>, so a subschema
/// taken out of the document still resolves its references, whatever base URI JsonSchema.Net gives it.
/// OpenAPI-only keywords (<c>discriminator</c>, <c>example</c>) are unknown to JSON Schema and are
/// collected as annotations, which is the behaviour OpenAPI 3.1 prescribes.
/// </remarks>
internal sealed class SchemaValidator
{
    /// <summary>The URI the document is registered under; it is never fetched.</summary>
    public static readonly Uri BaseUri = new("https://contract.outlit.test/openapi.json");

    private readonly JsonObject _document;
    private readonly EvaluationOptions _options;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public SchemaValidator(JsonObject document)
    {
        _document = (JsonObject)RewriteReferences(document.DeepClone())!;
        _options = new EvaluationOptions
        {
            EvaluateAs = SpecVersion.Draft202012,
            OutputFormat = OutputFormat.Hierarchical,
            RequireFormatValidation = true,
        };
        _options.SchemaRegistry.Register(BaseUri, new JsonNodeBaseDocument(_document, BaseUri));
    }

    /// <summary>Validates <paramref name="instance"/> against the schema at <paramref name="schemaPointer"/>.</summary>
    /// <returns>One line per failed keyword (instance location, message, schema location); empty when valid.</returns>
    public IReadOnlyList<string> Validate(JsonNode? instance, string schemaPointer)
    {
        var schema = _schemas.GetOrAdd(schemaPointer, BuildSchema);
        var results = schema.Evaluate(instance, _options);
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<string>();
        CollectFailures(results, errors);
        errors = errors.Distinct().ToList();
        return errors.Count > 0 ? errors : ["invalid (no detail reported)"];
    }

    /// <summary>Validates against a component schema by name.</summary>
    public IReadOnlyList<string> ValidateComponent(JsonNode? instance, string schemaName) =>
        Validate(instance, "#/components/schemas/" + JsonPointers.Escape(schemaName));

    private JsonSchema BuildSchema(string pointer)
    {
        var node = JsonPointers.Resolve(_document, pointer)
            ?? throw new InvalidOperationException($"The contract has no schema at {pointer}.");
        if (node is not JsonObject and not JsonValue)
        {
            throw new InvalidOperationException($"{pointer} is not a schema.");
        }

        return JsonSchema.FromText(node.ToJsonString());
    }

    /// <summary>
    /// Walks only the failed branches: the failing alternatives of an <c>anyOf</c>/<c>oneOf</c> that passed
    /// as a whole are not reasons for rejection and would only bury the real one.
    /// </summary>
    private static void CollectFailures(EvaluationResults node, List<string> errors)
    {
        if (node.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            errors.Add($"{Location(node.InstanceLocation.ToString())}: {message} [{keyword} at {node.EvaluationPath}]");
        }

        foreach (var child in node.Details)
        {
            CollectFailures(child, errors);
        }
    }

    private static string Location(string pointer) => pointer.Length == 0 ? "(root)" : pointer;

    private static JsonNode? RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (key == "$ref" && obj[key] is JsonValue value && value.TryGetValue<string>(out var reference) && reference.StartsWith('#'))
                    {
                        obj[key] = BaseUri + reference;
                    }
                    else
                    {
                        RewriteReferences(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteReferences(item);
                }

                break;
        }

        return node;
    }
}

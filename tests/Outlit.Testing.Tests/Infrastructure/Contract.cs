using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Outlit.Testing.Tests.Infrastructure;

/// <summary>
/// The canonical contract, read from openapi/openapi.json at run time, used to check every response
/// body a test receives against the schema the contract gives for that operation and status.
/// </summary>
internal static class Contract
{
    private static readonly Uri BaseUri = new("https://contract.test/openapi.json");
    private static readonly Lazy<(JsonNode Document, EvaluationOptions Options)> Loaded = new(Load);
    private static readonly object Gate = new();

    public static JsonNode Document => Loaded.Value.Document;

    /// <summary>Path template and method of an operation.</summary>
    public static (string Path, string Method) Operation(string operationId)
    {
        foreach (var (path, item) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation?["operationId"]?.GetValue<string>() == operationId)
                {
                    return (path, method);
                }
            }
        }

        throw new ArgumentException("No operation " + operationId, nameof(operationId));
    }

    /// <summary>JSON pointer of the response object of an operation and status, following a <c>$ref</c> to components.</summary>
    public static string? ResponsePointer(string operationId, int status)
    {
        var (path, method) = Operation(operationId);
        var pointer = "/paths/" + Escape(path) + "/" + method + "/responses/" + status;
        if (!JsonPointer.Parse(pointer).TryEvaluate(Document, out var response) || response is null)
        {
            return null;
        }

        return response["$ref"] is { } reference ? reference.GetValue<string>().TrimStart('#') : pointer;
    }

    /// <summary>Validates <paramref name="body"/> against the schema of the operation's <paramref name="status"/> response.</summary>
    public static void AssertValid(string operationId, int status, JsonNode? body)
    {
        var pointer = ResponsePointer(operationId, status);
        Assert.That(pointer, Is.Not.Null, $"The contract documents no {status} response for {operationId}.");
        AssertMatches(pointer + "/content/application~1json/schema", body, $"{operationId} {status}");
    }

    /// <summary>Validates <paramref name="instance"/> against the component schema <paramref name="schemaName"/>.</summary>
    public static void AssertMatchesSchema(string schemaName, JsonNode? instance) =>
        AssertMatches("/components/schemas/" + schemaName, instance, schemaName);

    /// <summary>Validation failures of <paramref name="instance"/> against a component schema, empty when valid.</summary>
    public static IReadOnlyList<string> Failures(string schemaName, JsonNode? instance) =>
        Evaluate("/components/schemas/" + schemaName, instance);

    private static void AssertMatches(string schemaPointer, JsonNode? instance, string what)
    {
        Assert.That(JsonPointer.Parse(schemaPointer).TryEvaluate(Document, out var schemaNode) && schemaNode is not null,
            Is.True, $"The contract has no schema at {schemaPointer}.");
        var failures = Evaluate(schemaPointer, instance);
        Assert.That(failures, Is.Empty, $"Response does not match the contract ({what}): {instance?.ToJsonString()}");
    }

    private static List<string> Evaluate(string schemaPointer, JsonNode? instance)
    {
        var schema = new JsonSchemaBuilder().Ref(BaseUri + "#" + schemaPointer).Build();
        EvaluationResults results;
        lock (Gate)
        {
            results = schema.Evaluate(instance, Loaded.Value.Options);
        }

        if (results.IsValid)
        {
            return [];
        }

        return results.Details
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} [{d.SchemaLocation.Fragment}]: {e.Value}"))
            .ToList();
    }

    private static string Escape(string path) => path.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static (JsonNode, EvaluationOptions) Load()
    {
        var document = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!;
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(BaseUri, new JsonNodeBaseDocument(document, BaseUri));
        return (document, options);
    }
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Examples;

/// <summary>
/// Every example of the contract, found through the Microsoft.OpenApi object model: media-type,
/// parameter and header <c>example</c>/<c>examples</c>, and schema/property <c>example</c>/<c>examples</c>
/// of the component schemas (recursively through inline subschemas). A referenced object (a response,
/// header or parameter reused through <c>$ref</c>) is enumerated once, where it is defined.
/// </summary>
internal static class ExampleCatalog
{
    private static readonly Lazy<IReadOnlyList<ContractExample>> Shared = new(() => Enumerate(ContractDocument.Instance));

    /// <summary>The examples of openapi/openapi.json, in document order.</summary>
    public static IReadOnlyList<ContractExample> All => Shared.Value;

    /// <summary>NUnit case source: one case per example, named after the example and its location.</summary>
    public static IEnumerable<TestCaseData> Cases() =>
        All.Select(example => new TestCaseData(example).SetArgDisplayNames(example.DisplayName));

    /// <summary>Walks a document; exposed for the completeness check.</summary>
    public static IReadOnlyList<ContractExample> Enumerate(ContractDocument contract)
    {
        var found = new List<ContractExample>();
        var document = contract.Model;

        foreach (var operation in contract.Operations)
        {
            var op = operation.Operation;
            var pointer = operation.Pointer;

            var parameters = op.Parameters ?? new List<IOpenApiParameter>();
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i] is not IOpenApiReferenceHolder)
                {
                    AddParameter(found, parameters[i], JsonPointers.Append(pointer, "parameters", i), operation.Id);
                }
            }

            if (op.RequestBody is { } body and not IOpenApiReferenceHolder)
            {
                AddContent(found, body.Content, JsonPointers.Append(pointer, "requestBody"), $"{operation.Id} request", operation.Id, null);
            }

            foreach (var (status, response) in op.Responses ?? new OpenApiResponses())
            {
                if (response is IOpenApiReferenceHolder)
                {
                    continue;
                }

                var responsePointer = JsonPointers.Append(pointer, "responses", status);
                AddContent(found, response.Content, responsePointer, $"{operation.Id} response {status}", operation.Id, status);
                AddHeaders(found, response.Headers, responsePointer, $"{operation.Id} response {status}", operation.Id, status);
            }
        }

        var components = document.Components ?? new OpenApiComponents();
        foreach (var (name, response) in components.Responses ?? new Dictionary<string, IOpenApiResponse>())
        {
            var responsePointer = JsonPointers.Append("#/components/responses", name);
            AddContent(found, response.Content, responsePointer, $"response {name}", null, null);
            AddHeaders(found, response.Headers, responsePointer, $"response {name}", null, null);
        }

        foreach (var (name, body) in components.RequestBodies ?? new Dictionary<string, IOpenApiRequestBody>())
        {
            AddContent(found, body.Content, JsonPointers.Append("#/components/requestBodies", name), $"request body {name}", null, null);
        }

        foreach (var (name, parameter) in components.Parameters ?? new Dictionary<string, IOpenApiParameter>())
        {
            AddParameter(found, parameter, JsonPointers.Append("#/components/parameters", name), null);
        }

        foreach (var (name, header) in components.Headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            AddHeader(found, header, JsonPointers.Append("#/components/headers", name), $"header {name}", null, null);
        }

        foreach (var (name, schema) in components.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            AddSchema(found, schema, JsonPointers.Append("#/components/schemas", name), $"schema {name}");
        }

        return found;
    }

    private static void AddParameter(List<ContractExample> found, IOpenApiParameter parameter, string pointer, string? operationId)
    {
        var label = $"{operationId ?? "component"} parameter {parameter.Name}";
        var schemaPointer = JsonPointers.Append(pointer, "schema");
        AddExamples(found, ExampleKind.Parameter, parameter.Example, parameter.Examples, pointer, schemaPointer, label, operationId, null);
        if (parameter.Schema is { } schema and not IOpenApiReferenceHolder)
        {
            AddSchema(found, schema, schemaPointer, label + " schema");
        }

        AddContent(found, parameter.Content, pointer, label, operationId, null);
    }

    private static void AddHeaders(
        List<ContractExample> found, IDictionary<string, IOpenApiHeader>? headers, string responsePointer, string label, string? operationId, string? status)
    {
        foreach (var (name, header) in headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            if (header is not IOpenApiReferenceHolder)
            {
                AddHeader(found, header, JsonPointers.Append(responsePointer, "headers", name), $"{label} header {name}", operationId, status);
            }
        }
    }

    private static void AddHeader(List<ContractExample> found, IOpenApiHeader header, string pointer, string label, string? operationId, string? status)
    {
        var schemaPointer = JsonPointers.Append(pointer, "schema");
        AddExamples(found, ExampleKind.Header, header.Example, header.Examples, pointer, schemaPointer, label, operationId, status);
        if (header.Schema is { } schema and not IOpenApiReferenceHolder)
        {
            AddSchema(found, schema, schemaPointer, label);
        }

        AddContent(found, header.Content, pointer, label, operationId, status);
    }

    private static void AddContent(
        List<ContractExample> found, IDictionary<string, IOpenApiMediaType>? content, string ownerPointer, string label, string? operationId, string? status)
    {
        foreach (var (mediaTypeName, mediaType) in content ?? new Dictionary<string, IOpenApiMediaType>())
        {
            var pointer = JsonPointers.Append(ownerPointer, "content", mediaTypeName);
            var schemaPointer = JsonPointers.Append(pointer, "schema");
            AddExamples(found, ExampleKind.MediaType, mediaType.Example, mediaType.Examples, pointer, schemaPointer, label, operationId, status);
            if (mediaType.Schema is { } schema and not IOpenApiReferenceHolder)
            {
                AddSchema(found, schema, schemaPointer, label + " schema");
            }
        }
    }

    private static void AddExamples(
        List<ContractExample> found,
        ExampleKind kind,
        JsonNode? example,
        IDictionary<string, IOpenApiExample>? examples,
        string ownerPointer,
        string schemaPointer,
        string label,
        string? operationId,
        string? status)
    {
        if (example is not null)
        {
            found.Add(new ContractExample(kind, label + " example", JsonPointers.Append(ownerPointer, "example"), schemaPointer, example, operationId, status));
        }

        foreach (var (name, entry) in examples ?? new Dictionary<string, IOpenApiExample>())
        {
            if (!string.IsNullOrEmpty(entry.ExternalValue))
            {
                // An external value cannot be read offline; failing here keeps it from being skipped unseen.
                throw new InvalidOperationException($"{ownerPointer}/examples/{name} uses externalValue, which the contract tests cannot check.");
            }

            found.Add(new ContractExample(kind, $"{label} {name}", JsonPointers.Append(ownerPointer, "examples", name), schemaPointer, entry.Value, operationId, status));
        }
    }

    private static void AddSchema(List<ContractExample> found, IOpenApiSchema schema, string pointer, string label)
    {
        // The singular keyword is deprecated in OpenAPI 3.1 but still legal, so it must still be found.
#pragma warning disable CS0618
        var single = schema.Example;
#pragma warning restore CS0618
        if (single is not null)
        {
            found.Add(new ContractExample(ExampleKind.Schema, label + " example", JsonPointers.Append(pointer, "example"), pointer, single, null, null));
        }

        var examples = schema.Examples ?? new List<JsonNode>();
        for (var i = 0; i < examples.Count; i++)
        {
            found.Add(new ContractExample(ExampleKind.Schema, $"{label} examples[{i}]", JsonPointers.Append(pointer, "examples", i), pointer, examples[i], null, null));
        }

        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Walk(property, JsonPointers.Append(pointer, "properties", name), $"{label}.{name}");
        }

        foreach (var (name, property) in schema.PatternProperties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Walk(property, JsonPointers.Append(pointer, "patternProperties", name), $"{label}[/{name}/]");
        }

        foreach (var (name, definition) in schema.Definitions ?? new Dictionary<string, IOpenApiSchema>())
        {
            Walk(definition, JsonPointers.Append(pointer, "$defs", name), $"{label} $defs.{name}");
        }

        Walk(schema.Items, JsonPointers.Append(pointer, "items"), label + "[]");
        Walk(schema.AdditionalProperties, JsonPointers.Append(pointer, "additionalProperties"), label + "{*}");
        Walk(schema.Not, JsonPointers.Append(pointer, "not"), label + " not");
        WalkList(schema.AllOf, pointer, "allOf", label);
        WalkList(schema.OneOf, pointer, "oneOf", label);
        WalkList(schema.AnyOf, pointer, "anyOf", label);

        void Walk(IOpenApiSchema? child, string childPointer, string childLabel)
        {
            if (child is not null and not IOpenApiReferenceHolder)
            {
                AddSchema(found, child, childPointer, childLabel);
            }
        }

        void WalkList(IList<IOpenApiSchema>? children, string ownerPointer, string keyword, string ownerLabel)
        {
            for (var i = 0; i < (children?.Count ?? 0); i++)
            {
                Walk(children![i], JsonPointers.Append(ownerPointer, keyword, i), $"{ownerLabel} {keyword}[{i}]");
            }
        }
    }
}

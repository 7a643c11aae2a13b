using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>Finds <c>$ref</c>s that point to nothing, wherever they sit in a document.</summary>
internal static class ReferenceScanner
{
    /// <summary>Returns the location and text of every broken reference in the document.</summary>
    public static List<(string Location, string Reference)> FindUnresolved(OpenApiDocument document)
    {
        var result = new List<(string, string)>();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);

        void Schema(IOpenApiSchema? schema, string pointer)
        {
            if (schema is null)
            {
                return;
            }

            if (schema is OpenApiSchemaReference reference)
            {
                // Resolved targets are components, which are scanned at their own location.
                if (reference.Target is null)
                {
                    result.Add((JsonPointer.Append(pointer, "$ref"), reference.Reference.ReferenceV3 ?? reference.Reference.Id ?? "?"));
                }

                return;
            }

            if (!visited.Add(schema))
            {
                return;
            }

            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                Schema(property, JsonPointer.Append(pointer, "properties", name));
            }

            foreach (var (name, property) in schema.PatternProperties ?? new Dictionary<string, IOpenApiSchema>())
            {
                Schema(property, JsonPointer.Append(pointer, "patternProperties", name));
            }

            Many(schema.AllOf, pointer, "allOf");
            Many(schema.OneOf, pointer, "oneOf");
            Many(schema.AnyOf, pointer, "anyOf");
            Schema(schema.Items, JsonPointer.Append(pointer, "items"));
            Schema(schema.AdditionalProperties, JsonPointer.Append(pointer, "additionalProperties"));
            Schema(schema.Not, JsonPointer.Append(pointer, "not"));
        }

        void Many(IList<IOpenApiSchema>? schemas, string pointer, string keyword)
        {
            for (var i = 0; schemas is not null && i < schemas.Count; i++)
            {
                Schema(schemas[i], JsonPointer.Append(pointer, keyword, i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        void Content(IDictionary<string, IOpenApiMediaType>? content, string pointer)
        {
            foreach (var (mediaType, media) in content ?? new Dictionary<string, IOpenApiMediaType>())
            {
                Schema(media.Schema, JsonPointer.Append(pointer, "content", mediaType, "schema"));
            }
        }

        bool Broken(object? element, string pointer)
        {
            if (element is IOpenApiReferenceHolder { UnresolvedReference: true } holder && TargetOf(holder) is null)
            {
                result.Add((JsonPointer.Append(pointer, "$ref"), ReferenceText(holder)));
                return true;
            }

            return false;
        }

        void Parameters(IList<IOpenApiParameter>? parameters, string pointer)
        {
            for (var i = 0; parameters is not null && i < parameters.Count; i++)
            {
                var parameterPointer = JsonPointer.Append(pointer, "parameters", i.ToString(CultureInfo.InvariantCulture));
                if (!Broken(parameters[i], parameterPointer))
                {
                    Schema(parameters[i].Schema, JsonPointer.Append(parameterPointer, "schema"));
                }
            }
        }

        var components = document.Components;
        foreach (var (name, schema) in components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            Schema(schema, JsonPointer.Append(JsonPointer.Root, "components", "schemas", name));
        }

        foreach (var (name, response) in components?.Responses ?? new Dictionary<string, IOpenApiResponse>())
        {
            Content(response.Content, JsonPointer.Append(JsonPointer.Root, "components", "responses", name));
        }

        foreach (var (name, body) in components?.RequestBodies ?? new Dictionary<string, IOpenApiRequestBody>())
        {
            Content(body.Content, JsonPointer.Append(JsonPointer.Root, "components", "requestBodies", name));
        }

        foreach (var (name, parameter) in components?.Parameters ?? new Dictionary<string, IOpenApiParameter>())
        {
            Schema(parameter.Schema, JsonPointer.Append(JsonPointer.Root, "components", "parameters", name, "schema"));
        }

        foreach (var (path, item) in document.Paths ?? [])
        {
            var pathPointer = JsonPointer.Append(JsonPointer.Root, "paths", path);
            Parameters(item.Parameters, pathPointer);
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var operationPointer = JsonPointer.Append(pathPointer, method.Method.ToLowerInvariant());
                Parameters(operation.Parameters, operationPointer);
                var bodyPointer = JsonPointer.Append(operationPointer, "requestBody");
                if (operation.RequestBody is { } body && !Broken(body, bodyPointer))
                {
                    Content(body.Content, bodyPointer);
                }

                foreach (var (status, response) in operation.Responses ?? [])
                {
                    var responsePointer = JsonPointer.Append(operationPointer, "responses", status);
                    if (!Broken(response, responsePointer) && response is not IOpenApiReferenceHolder)
                    {
                        Content(response.Content, responsePointer);
                    }
                }
            }
        }

        return result;
    }

    private static object? TargetOf(IOpenApiReferenceHolder holder) => holder switch
    {
        OpenApiResponseReference r => r.Target,
        OpenApiParameterReference p => p.Target,
        OpenApiRequestBodyReference b => b.Target,
        _ => holder,
    };

    private static string ReferenceText(IOpenApiReferenceHolder holder) => holder switch
    {
        OpenApiResponseReference r => r.Reference.ReferenceV3 ?? "?",
        OpenApiParameterReference p => p.Reference.ReferenceV3 ?? "?",
        OpenApiRequestBodyReference b => b.Reference.ReferenceV3 ?? "?",
        _ => "?",
    };
}

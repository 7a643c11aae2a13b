using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>Response headers: presence, <c>required</c> and schema.</summary>
public static partial class DriftComparer
{
    /// <summary>
    /// A documented response header is something clients read (this SDK reads the
    /// <c>X-RateLimit-*</c> and <c>Retry-After</c> headers to pace its retries), so removing one or
    /// making it optional breaks them whether or not it was marked required; adding one does not.
    /// Header schemas are compared as response schemas. Names match case-insensitively, and
    /// <c>Content-Type</c> is left out, as OpenAPI says.
    /// </summary>
    private static void CompareResponseHeaders(IOpenApiResponse response, IOpenApiResponse candidateResponse, string pointer, string candidatePointer, string label, CompareContext context)
    {
        var baseHeaders = Headers(response, pointer);
        var candidateHeaders = Headers(candidateResponse, candidatePointer);
        foreach (var (key, (name, header, headerPointer, schemaPointer)) in baseHeaders)
        {
            if (!candidateHeaders.TryGetValue(key, out var candidate))
            {
                context.Findings.Add(Severity.Breaking, "response-header-removed", headerPointer, $"{label}: header {name} was removed; clients that read it get nothing.", DocumentSide.Base);
                continue;
            }

            if (header.Required && !candidate.Header.Required)
            {
                context.Findings.Add(Severity.Breaking, "response-header-became-optional", candidate.Pointer, $"{label}: header {name} is no longer always sent.", DocumentSide.Candidate);
            }

            if (HeaderSchema(header) is { } schema && HeaderSchema(candidate.Header) is { } candidateSchema)
            {
                context.CompareRoot(schema, schemaPointer, candidateSchema, candidate.SchemaPointer, Direction.Response);
            }
        }

        foreach (var (key, (name, _, headerPointer, _)) in candidateHeaders)
        {
            if (!baseHeaders.ContainsKey(key))
            {
                context.Findings.Add(Severity.NonBreaking, "response-header-added", headerPointer, $"{label}: header {name} was added.", DocumentSide.Candidate);
            }
        }
    }

    private static Dictionary<string, (string Name, IOpenApiHeader Header, string Pointer, string SchemaPointer)> Headers(IOpenApiResponse response, string responsePointer)
    {
        var result = new Dictionary<string, (string, IOpenApiHeader, string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, header) in response.Headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var pointer = JsonPointer.Append(responsePointer, "headers", name);

            // A shared header's schema is reported once, at the component.
            var definition = header is OpenApiHeaderReference { Reference.Id: { } id } ? JsonPointer.Append(JsonPointer.Root, "components", "headers", id) : pointer;
            var schemaPointer = header.Schema is null && header.Content is { Count: > 0 } content
                ? JsonPointer.Append(definition, "content", content.Keys.First(), "schema")
                : JsonPointer.Append(definition, "schema");
            result.TryAdd(name, (name, header, pointer, schemaPointer));
        }

        return result;
    }

    private static IOpenApiSchema? HeaderSchema(IOpenApiHeader header)
        => header.Schema ?? header.Content?.Values.FirstOrDefault()?.Schema;
}

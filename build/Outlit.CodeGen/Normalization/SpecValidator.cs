using JsonPointer = Outlit.Build.CodeGen.Json.JsonPointer;
using Outlit.Build.CodeGen.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Outlit.Build.CodeGen.Normalization;

/// <summary>One reason a document cannot be used, with the JSON pointer where it was found.</summary>
/// <param name="Pointer">RFC 6901 pointer to the offending object ("" for the root).</param>
/// <param name="Message">What is wrong, naming the offending value.</param>
internal sealed record SpecProblem(string Pointer, string Message)
{
    public override string ToString() => $"{JsonPointer.ToFragment(Pointer)}: {Message}";
}

/// <summary>Thrown when a document is refused; carries every problem found.</summary>
internal sealed class SpecRefusedException(IReadOnlyList<SpecProblem> problems)
    : Exception("The OpenAPI document is invalid: " + string.Join("; ", problems))
{
    public IReadOnlyList<SpecProblem> Problems { get; } = problems;
}

/// <summary>
/// Decides whether a document is sound enough to generate code from. A document that
/// references something it does not define has no single right reading, so it is refused
/// rather than repaired: generating from it would mean guessing a type.
/// </summary>
internal static class SpecValidator
{
    /// <summary>Parses JSON text into a document object, refusing text that is not a JSON object.</summary>
    public static JsonObject Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException exception)
        {
            throw new SpecRefusedException([new SpecProblem(string.Empty, $"not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}): {exception.Message}")]);
        }

        return node as JsonObject
            ?? throw new SpecRefusedException([new SpecProblem(string.Empty, "the document root must be a JSON object")]);
    }

    /// <summary>Returns every problem of the document; empty when it can be normalized.</summary>
    public static IReadOnlyList<SpecProblem> Validate(JsonObject document, string json)
    {
        var problems = new List<SpecProblem>();

        var version = (document["openapi"] as JsonValue)?.TryGetValue<string>(out var v) == true ? v : null;
        if (version is null || !(version.StartsWith("3.0", StringComparison.Ordinal) || version.StartsWith("3.1", StringComparison.Ordinal)))
        {
            problems.Add(new SpecProblem("/openapi", $"expected an OpenAPI 3.0 or 3.1 document, found version '{version ?? "(none)"}'"));
            return problems;
        }

        if (document["paths"] is not JsonObject)
        {
            problems.Add(new SpecProblem("/paths", "the document has no paths object"));
        }

        problems.AddRange(CheckReferences(document));
        var loops = CheckReferenceLoops(document).ToList();
        problems.AddRange(loops);
        if (loops.Count > 0)
        {
            // The OpenAPI reader follows references too, and a loop would take it down with the process.
            return problems.DistinctBy(p => p.ToString()).ToList();
        }

        problems.AddRange(CheckWithOpenApiReader(json));
        return problems
            .DistinctBy(p => p.ToString())
            .ToList();
    }

    /// <summary>Every local <c>$ref</c> and discriminator mapping must land on an existing object.</summary>
    public static IEnumerable<SpecProblem> CheckReferences(JsonObject document)
    {
        foreach (var visit in SchemaWalker.PostOrder(document))
        {
            if (visit.Node.TryGetPropertyValue("$ref", out var refNode))
            {
                if (refNode is not JsonValue refValue || !refValue.TryGetValue<string>(out var reference))
                {
                    yield return new SpecProblem(visit.Pointer, "$ref must be a string");
                    continue;
                }

                var problem = CheckReference(document, reference, visit.Pointer, "$ref");
                if (problem is not null)
                {
                    yield return problem;
                }
            }

            if (visit.IsSchema && visit.Node["discriminator"] is JsonObject discriminator && discriminator["mapping"] is JsonObject mapping)
            {
                foreach (var (value, target) in mapping)
                {
                    var mappingPointer = JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(visit.Pointer, "discriminator"), "mapping"), value);
                    var reference = target?.GetValueKind() == JsonValueKind.String ? target.GetValue<string>() : null;
                    if (reference is null)
                    {
                        yield return new SpecProblem(mappingPointer, "a discriminator mapping must be a string");
                        continue;
                    }

                    // A bare name in a mapping means a component schema of that name.
                    if (!reference.Contains('#', StringComparison.Ordinal) && !reference.Contains('/', StringComparison.Ordinal))
                    {
                        reference = "#/components/schemas/" + JsonPointer.Escape(reference);
                    }

                    var problem = CheckReference(document, reference, mappingPointer, "discriminator mapping");
                    if (problem is not null)
                    {
                        yield return problem;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A content-free <c>$ref</c> loop (A → B → A, an <c>allOf</c> of itself) describes nothing, and NSwag follows it
    /// until the stack overflows: it is refused with the pointers of the loop.
    /// </summary>
    public static IEnumerable<SpecProblem> CheckReferenceLoops(JsonObject document) =>
        Outlit.Contracts.ReferenceLoops.Find(document).Select(loop => new SpecProblem(
            loop[0].TrimStart('#'),
            "content-free $ref loop " + Outlit.Contracts.ReferenceLoops.Describe(loop) + ": no schema on it declares a type, properties, items or values, so it describes nothing and the generator would never stop following it"));

    private static SpecProblem? CheckReference(JsonObject document, string reference, string pointer, string what)
    {
        if (!reference.StartsWith('#'))
        {
            return new SpecProblem(pointer, $"{what} '{reference}' points outside the document; only local references (#/...) are supported");
        }

        var target = reference[1..];
        if (target.Length > 0 && !target.StartsWith('/'))
        {
            return new SpecProblem(pointer, $"{what} '{reference}' is not a JSON pointer");
        }

        if (JsonPointer.Resolve(document, Uri.UnescapeDataString(target)) is null)
        {
            var segments = JsonPointer.Segments(target);
            var where = segments.Count >= 3 && segments[0] == "components"
                ? $"no {segments[1].TrimEnd('s')} named '{segments[2]}' exists under #/components/{segments[1]}"
                : "nothing exists at that location";
            return new SpecProblem(pointer, $"broken {what} '{reference}': {where}");
        }

        return null;
    }

    /// <summary>
    /// Lets Microsoft.OpenApi parse the document too, so structural errors it knows about
    /// (wrong value kinds, malformed objects) are refused with its message and location.
    /// </summary>
    private static IEnumerable<SpecProblem> CheckWithOpenApiReader(string json)
    {
        ReadResult result;
        try
        {
            var settings = new OpenApiReaderSettings();
            result = OpenApiDocument.Parse(json, OpenApiConstants.Json, settings);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return [new SpecProblem(string.Empty, "the OpenAPI reader could not read the document: " + exception.Message)];
        }

        return result.Diagnostic?.Errors
            .Select(error => new SpecProblem(NormalizeReaderPointer(error.Pointer), error.Message))
            .ToList() ?? [];
    }

    private static string NormalizeReaderPointer(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "#" || pointer == "#/")
        {
            return string.Empty;
        }

        return pointer.StartsWith('#') ? pointer[1..] : pointer;
    }
}

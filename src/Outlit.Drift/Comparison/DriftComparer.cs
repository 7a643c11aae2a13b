using System.Globalization;
using Outlit.Contracts;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>
/// Compares a candidate OpenAPI document with the base document a client was generated from and
/// classifies every difference by what it does to that client.
/// </summary>
/// <remarks>
/// Schemas are compared through their references (a renamed component is not a change by itself),
/// with a guard against cycles; a schema change found through a component is reported once, at the
/// component's location. Requests and responses are judged in opposite directions: a request must
/// still accept what old clients send, a response must still be understood by old clients. The
/// comparison starts from the operations and from every schema an <c>x-</c> extension holds, so a
/// schema reached only through <c>x-outlit-tools</c> is compared like any other.
/// </remarks>
public static partial class DriftComparer
{
    /// <summary>Compares two loaded documents, including the defects of each.</summary>
    /// <param name="baseDocument">The document the client was generated from.</param>
    /// <param name="candidate">The document to check.</param>
    /// <returns>The findings, most severe first, in a stable order.</returns>
    public static IReadOnlyList<Finding> Compare(LoadedDocument baseDocument, LoadedDocument candidate)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        ArgumentNullException.ThrowIfNull(candidate);
        var findings = new FindingSet();
        foreach (var (loaded, side) in new[] { (baseDocument, DocumentSide.Base), (candidate, DocumentSide.Candidate) })
        {
            foreach (var error in loaded.Errors)
            {
                findings.Add(Severity.Error, "document-invalid", error.Pointer ?? JsonPointer.Root, error.Message, side);
            }
        }

        ReportReferenceLoops(baseDocument, candidate, findings);
        if (!baseDocument.Comparable || !candidate.Comparable)
        {
            // One side has nothing that can be matched; comparing would report every path as
            // removed or added, which says nothing the document errors do not.
            return findings.ToSortedList();
        }

        // The tool gateway written as a tool list on one side and as a union over tools on the other.
        (baseDocument, candidate) = (ToolGatewayShapes.AlignTo(baseDocument, candidate), ToolGatewayShapes.AlignTo(candidate, baseDocument));
        ReportUnresolvedReferences(baseDocument.Document, candidate.Document, findings);
        var baseSites = ExtensionSites.Find(baseDocument.Root);
        var candidateSites = ExtensionSites.Find(candidate.Root);
        ReportUnresolvedExtensionReferences(baseSites, candidateSites, findings);
        var context = new CompareContext(findings);
        ComparePaths(baseDocument.Document, candidate.Document, context);
        CompareExtensions(baseDocument, baseSites, candidate, candidateSites, context);
        CompareSecuritySchemes(baseDocument.Document, candidate.Document, findings);
        ReportUnreachableSchemas(baseDocument.Document, candidate.Document, context);
        return findings.ToSortedList();
    }

    [GeneratedRegex(@"\{[^}/]*\}")]
    private static partial Regex PathParameterPattern();

    private static string NormalizePath(string path) => PathParameterPattern().Replace(path, "{}");

    private static void ComparePaths(OpenApiDocument baseDocument, OpenApiDocument candidate, CompareContext context)
    {
        var findings = context.Findings;
        var basePaths = IndexPaths(baseDocument);
        var candidatePaths = IndexPaths(candidate);

        foreach (var (key, (path, item)) in basePaths)
        {
            var pointer = JsonPointer.Append(JsonPointer.Root, "paths", path);
            if (!candidatePaths.TryGetValue(key, out var candidateEntry))
            {
                var methods = string.Join(", ", Operations(item).Select(o => o.Method));
                findings.Add(Severity.Breaking, "path-removed", pointer, $"Path {path} was removed ({methods}).", DocumentSide.Base);
                continue;
            }

            var candidateItem = candidateEntry.Item;
            var candidatePointer = JsonPointer.Append(JsonPointer.Root, "paths", candidateEntry.Path);
            var candidateOperations = Operations(candidateItem).ToDictionary(o => o.Method, o => o.Operation, StringComparer.Ordinal);
            foreach (var (method, operation) in Operations(item))
            {
                var operationPointer = JsonPointer.Append(pointer, method.ToLowerInvariant());
                if (!candidateOperations.TryGetValue(method, out var candidateOperation))
                {
                    findings.Add(Severity.Breaking, "operation-removed", operationPointer, $"Operation {method} {path} was removed.", DocumentSide.Base);
                    continue;
                }

                var label = $"{method} {candidateEntry.Path}";
                CompareOperation(
                    new OperationSide(baseDocument, item, operation, operationPointer, path),
                    new OperationSide(candidate, candidateItem, candidateOperation, JsonPointer.Append(candidatePointer, method.ToLowerInvariant()), candidateEntry.Path),
                    label,
                    context);
            }

            var baseMethods = Operations(item).Select(o => o.Method).ToHashSet(StringComparer.Ordinal);
            foreach (var (method, _) in Operations(candidateItem))
            {
                if (!baseMethods.Contains(method))
                {
                    findings.Add(Severity.NonBreaking, "operation-added", JsonPointer.Append(candidatePointer, method.ToLowerInvariant()), $"Operation {method} {candidateEntry.Path} was added.", DocumentSide.Candidate);
                }
            }
        }

        foreach (var (key, (path, item)) in candidatePaths)
        {
            if (!basePaths.ContainsKey(key))
            {
                var methods = string.Join(", ", Operations(item).Select(o => o.Method));
                findings.Add(Severity.NonBreaking, "path-added", JsonPointer.Append(JsonPointer.Root, "paths", path), $"Path {path} was added ({methods}).", DocumentSide.Candidate);
            }
        }
    }

    private static Dictionary<string, (string Path, IOpenApiPathItem Item)> IndexPaths(OpenApiDocument document)
    {
        // Path parameters are matched by position, so renaming {id} to {agentId} is not a new path.
        var index = new Dictionary<string, (string, IOpenApiPathItem)>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths ?? [])
        {
            index.TryAdd(NormalizePath(path), (path, item));
        }

        return index;
    }

    private static IEnumerable<(string Method, OpenApiOperation Operation)> Operations(IOpenApiPathItem item)
        => (item.Operations ?? []).Select(pair => (pair.Key.Method.ToUpperInvariant(), pair.Value));

    private sealed record OperationSide(OpenApiDocument Document, IOpenApiPathItem PathItem, OpenApiOperation Operation, string Pointer, string Path);

    private static void CompareOperation(OperationSide baseSide, OperationSide candidateSide, string label, CompareContext context)
    {
        CompareParameters(baseSide, candidateSide, label, context);
        CompareRequestBody(baseSide, candidateSide, label, context);
        CompareResponses(baseSide, candidateSide, label, context);
        CompareSecurity(baseSide, candidateSide, label, context.Findings);
    }

    private static Dictionary<string, (IOpenApiParameter Parameter, string Pointer)> EffectiveParameters(OperationSide side)
    {
        var result = new Dictionary<string, (IOpenApiParameter, string)>(StringComparer.Ordinal);
        var pathParameterNames = PathParameterPattern().Matches(side.Path).Select(m => m.Value.Trim('{', '}')).ToList();
        void AddAll(IList<IOpenApiParameter>? parameters, string pointer)
        {
            if (parameters is null)
            {
                return;
            }

            for (var i = 0; i < parameters.Count; i++)
            {
                var parameter = parameters[i];
                if (parameter.Name is null)
                {
                    continue;
                }

                var key = parameter.In == ParameterLocation.Path && pathParameterNames.IndexOf(parameter.Name) is var position and >= 0
                    ? "path#" + position.ToString(CultureInfo.InvariantCulture)
                    : parameter.In == ParameterLocation.Header
                        ? "header:" + parameter.Name.ToLowerInvariant() // header names are case-insensitive
                        : $"{parameter.In?.ToString().ToLowerInvariant()}:{parameter.Name}";
                result[key] = (parameter, JsonPointer.Append(pointer, "parameters", i.ToString(CultureInfo.InvariantCulture)));
            }
        }

        // Operation-level parameters override path-level ones with the same name and location.
        AddAll(side.PathItem.Parameters, side.Pointer[..side.Pointer.LastIndexOf('/')]);
        AddAll(side.Operation.Parameters, side.Pointer);
        return result;
    }

    private static void CompareParameters(OperationSide baseSide, OperationSide candidateSide, string label, CompareContext context)
    {
        var findings = context.Findings;
        var baseParameters = EffectiveParameters(baseSide);
        var candidateParameters = EffectiveParameters(candidateSide);
        foreach (var (key, (parameter, pointer)) in baseParameters)
        {
            var where = $"{parameter.In?.ToString().ToLowerInvariant()} parameter '{parameter.Name}'";
            if (!candidateParameters.TryGetValue(key, out var candidate))
            {
                findings.Add(Severity.Warning, "request-parameter-removed", pointer, $"{label}: {where} was removed; clients still send it.", DocumentSide.Base);
                continue;
            }

            if (!parameter.Required && candidate.Parameter.Required)
            {
                findings.Add(Severity.Breaking, "request-parameter-became-required", candidate.Pointer, $"{label}: {where} became required.", DocumentSide.Candidate);
            }

            if (ParameterSchema(parameter, pointer) is { } schema && ParameterSchema(candidate.Parameter, candidate.Pointer) is { } candidateSchema)
            {
                context.CompareRoot(schema.Schema, schema.Pointer, candidateSchema.Schema, candidateSchema.Pointer, Direction.Request);
            }
        }

        foreach (var (key, (parameter, pointer)) in candidateParameters)
        {
            if (baseParameters.ContainsKey(key))
            {
                continue;
            }

            var where = $"{parameter.In?.ToString().ToLowerInvariant()} parameter '{parameter.Name}'";
            if (parameter.Required)
            {
                findings.Add(Severity.Breaking, "request-parameter-added-required", pointer, $"{label}: new required {where}.", DocumentSide.Candidate);
            }
            else
            {
                findings.Add(Severity.NonBreaking, "request-parameter-added", pointer, $"{label}: new optional {where}.", DocumentSide.Candidate);
            }
        }
    }

    /// <summary>A parameter's schema, or the schema of its one media type when it uses <c>content</c> instead.</summary>
    private static (IOpenApiSchema Schema, string Pointer)? ParameterSchema(IOpenApiParameter parameter, string pointer)
    {
        if (parameter.Schema is { } schema)
        {
            return (schema, JsonPointer.Append(pointer, "schema"));
        }

        return parameter.Content?.FirstOrDefault() is { Value.Schema: { } contentSchema } media
            ? (contentSchema, JsonPointer.Append(pointer, "content", media.Key, "schema"))
            : null;
    }

    private static void CompareRequestBody(OperationSide baseSide, OperationSide candidateSide, string label, CompareContext context)
    {
        var findings = context.Findings;
        var baseBody = baseSide.Operation.RequestBody;
        var candidateBody = candidateSide.Operation.RequestBody;
        var basePointer = JsonPointer.Append(baseSide.Pointer, "requestBody");
        var candidatePointer = JsonPointer.Append(candidateSide.Pointer, "requestBody");
        if (candidateBody is null)
        {
            if (baseBody is not null)
            {
                findings.Add(Severity.Warning, "request-body-removed", basePointer, $"{label}: the request body was removed; clients still send one.", DocumentSide.Base);
            }

            return;
        }

        if (baseBody is null)
        {
            findings.Add(
                candidateBody.Required ? Severity.Breaking : Severity.NonBreaking,
                candidateBody.Required ? "request-body-became-required" : "request-body-added",
                candidatePointer,
                candidateBody.Required ? $"{label}: a request body is now required." : $"{label}: an optional request body was added.",
                DocumentSide.Candidate);
            return;
        }

        if (!baseBody.Required && candidateBody.Required)
        {
            findings.Add(Severity.Breaking, "request-body-became-required", candidatePointer, $"{label}: the request body became required.", DocumentSide.Candidate);
        }

        var (matched, removed, added) = MatchMediaTypes(baseBody.Content, candidateBody.Content, rangesCover: true);
        foreach (var mediaType in removed)
        {
            findings.Add(Severity.Breaking, "request-media-type-removed", JsonPointer.Append(basePointer, "content", mediaType), $"{label}: request media type {mediaType} is no longer accepted.", DocumentSide.Base);
        }

        foreach (var match in matched)
        {
            if (match.Base.Schema is not null && match.Candidate.Schema is not null)
            {
                context.CompareRoot(match.Base.Schema, JsonPointer.Append(basePointer, "content", match.BaseKey, "schema"), match.Candidate.Schema, JsonPointer.Append(candidatePointer, "content", match.CandidateKey, "schema"), Direction.Request);
            }
        }

        foreach (var mediaType in added)
        {
            findings.Add(Severity.NonBreaking, "request-media-type-added", JsonPointer.Append(candidatePointer, "content", mediaType), $"{label}: request media type {mediaType} is now accepted.", DocumentSide.Candidate);
        }
    }

    private static bool IsSuccess(string status) => status.StartsWith('2');

    private static void CompareResponses(OperationSide baseSide, OperationSide candidateSide, string label, CompareContext context)
    {
        var findings = context.Findings;
        var baseResponses = baseSide.Operation.Responses ?? [];
        var candidateResponses = candidateSide.Operation.Responses ?? [];
        foreach (var (status, response) in baseResponses)
        {
            var pointer = JsonPointer.Append(baseSide.Pointer, "responses", status);
            var candidatePointer = JsonPointer.Append(candidateSide.Pointer, "responses", status);
            if (!candidateResponses.TryGetValue(status, out var candidateResponse))
            {
                if (IsSuccess(status))
                {
                    findings.Add(Severity.Breaking, "response-success-status-removed", pointer, $"{label}: success response {status} was removed.", DocumentSide.Base);
                }
                else
                {
                    findings.Add(Severity.NonBreaking, "response-status-removed", pointer, $"{label}: response {status} is no longer documented.", DocumentSide.Base);
                }

                continue;
            }

            CompareResponseHeaders(response, candidateResponse, pointer, candidatePointer, $"{label}: response {status}", context);
            // A response range ("*/*") promises nothing a client can parse, so it covers nothing.
            var (matched, removed, added) = MatchMediaTypes(response.Content, candidateResponse.Content, rangesCover: false);
            foreach (var mediaType in removed)
            {
                findings.Add(
                    IsSuccess(status) ? Severity.Breaking : Severity.Warning,
                    "response-media-type-removed",
                    JsonPointer.Append(pointer, "content", mediaType),
                    $"{label}: response {status} no longer returns {mediaType}.",
                    DocumentSide.Base);
            }

            foreach (var match in matched)
            {
                if (match.Base.Schema is not null && match.Candidate.Schema is not null)
                {
                    context.CompareRoot(match.Base.Schema, JsonPointer.Append(pointer, "content", match.BaseKey, "schema"), match.Candidate.Schema, JsonPointer.Append(candidatePointer, "content", match.CandidateKey, "schema"), Direction.Response);
                }
            }

            foreach (var mediaType in added)
            {
                findings.Add(Severity.NonBreaking, "response-media-type-added", JsonPointer.Append(candidatePointer, "content", mediaType), $"{label}: response {status} can now return {mediaType}.", DocumentSide.Candidate);
            }
        }

        foreach (var status in candidateResponses.Keys.Where(s => !baseResponses.ContainsKey(s)))
        {
            findings.Add(Severity.NonBreaking, "response-status-added", JsonPointer.Append(candidateSide.Pointer, "responses", status), $"{label}: response {status} was added.", DocumentSide.Candidate);
        }
    }

    private static SortedSet<string> SecurityAlternatives(OperationSide side)
    {
        var requirements = side.Operation.Security ?? side.Document.Security;
        var alternatives = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var requirement in requirements ?? [])
        {
            var schemes = requirement
                .Select(pair =>
                {
                    var name = pair.Key.Reference?.Id ?? pair.Key.Name ?? "?";
                    var scopes = pair.Value is { Count: > 0 } ? "[" + string.Join(",", pair.Value.Order(StringComparer.Ordinal)) + "]" : string.Empty;
                    return name + scopes;
                })
                .Order(StringComparer.Ordinal)
                .ToList();
            alternatives.Add(schemes.Count == 0 ? "anonymous" : string.Join(" + ", schemes));
        }

        if (alternatives.Count == 0)
        {
            alternatives.Add("anonymous");
        }

        return alternatives;
    }

    private static void CompareSecurity(OperationSide baseSide, OperationSide candidateSide, string label, FindingSet findings)
    {
        var baseAlternatives = SecurityAlternatives(baseSide);
        var candidateAlternatives = SecurityAlternatives(candidateSide);
        if (baseAlternatives.SetEquals(candidateAlternatives))
        {
            return;
        }

        var pointer = JsonPointer.Append(candidateSide.Pointer, "security");
        var before = string.Join(" | ", baseAlternatives);
        var after = string.Join(" | ", candidateAlternatives);
        if (baseAlternatives.IsSubsetOf(candidateAlternatives))
        {
            findings.Add(Severity.NonBreaking, "security-alternative-added", pointer, $"{label}: security now also accepts {string.Join(" | ", candidateAlternatives.Except(baseAlternatives))}.", DocumentSide.Candidate);
        }
        else
        {
            findings.Add(Severity.Breaking, "security-requirements-changed", pointer, $"{label}: security changed from {before} to {after}.", DocumentSide.Candidate);
        }
    }

    private static void CompareSecuritySchemes(OpenApiDocument baseDocument, OpenApiDocument candidate, FindingSet findings)
    {
        var baseSchemes = baseDocument.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        var candidateSchemes = candidate.Components?.SecuritySchemes ?? new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in baseSchemes)
        {
            if (!candidateSchemes.TryGetValue(name, out var candidateScheme))
            {
                // Operations that used it report the requirement change; an unused scheme is harmless.
                continue;
            }

            var before = DescribeScheme(scheme);
            var after = DescribeScheme(candidateScheme);
            if (before != after)
            {
                findings.Add(Severity.Breaking, "security-scheme-changed", JsonPointer.Append(JsonPointer.Root, "components", "securitySchemes", name), $"Security scheme '{name}' changed from {before} to {after}.", DocumentSide.Candidate);
            }
        }
    }

    private static string DescribeScheme(IOpenApiSecurityScheme scheme)
        => string.Join(
            " ",
            new[] { scheme.Type?.ToString().ToLowerInvariant(), scheme.Scheme?.ToLowerInvariant(), scheme.In?.ToString().ToLowerInvariant(), scheme.Name }
                .Where(part => !string.IsNullOrEmpty(part)));
}

/// <summary>Broken references and reference loops, reported once per location.</summary>
public static partial class DriftComparer
{
    private static void ReportReferenceLoops(LoadedDocument baseDocument, LoadedDocument candidate, FindingSet findings)
    {
        var inCandidate = ReferenceLoops.Find(candidate.Root);
        foreach (var loop in inCandidate)
        {
            findings.Add(Severity.Error, "reference-loop", loop[0], LoopMessage(loop, "candidate"), DocumentSide.Candidate);
        }

        var repeated = inCandidate.Select(ReferenceLoops.Describe).ToHashSet(StringComparer.Ordinal);
        foreach (var loop in ReferenceLoops.Find(baseDocument.Root))
        {
            if (!repeated.Contains(ReferenceLoops.Describe(loop)))
            {
                findings.Add(Severity.Error, "reference-loop", loop[0], LoopMessage(loop, "base"), DocumentSide.Base);
            }
        }
    }

    private static string LoopMessage(List<string> loop, string side)
        => $"Content-free $ref loop in the {side} document: {ReferenceLoops.Describe(loop)}. No schema on it declares a type, properties, items or values, so it describes nothing and a client generator following it never stops.";

    private static void ReportUnresolvedReferences(OpenApiDocument baseDocument, OpenApiDocument candidate, FindingSet findings)
    {
        var inCandidate = ReferenceScanner.FindUnresolved(candidate);
        foreach (var (location, reference) in inCandidate)
        {
            findings.Add(Severity.Error, "unresolved-reference", location, $"$ref '{reference}' points to nothing in the candidate document.", DocumentSide.Candidate);
        }

        // A base-only defect is still worth knowing; one that the candidate repeats is reported once.
        var repeated = inCandidate.Select(r => r.Location).ToHashSet(StringComparer.Ordinal);
        foreach (var (location, reference) in ReferenceScanner.FindUnresolved(baseDocument))
        {
            if (!repeated.Contains(location))
            {
                findings.Add(Severity.Error, "unresolved-reference", location, $"$ref '{reference}' points to nothing in the base document.", DocumentSide.Base);
            }
        }
    }
}

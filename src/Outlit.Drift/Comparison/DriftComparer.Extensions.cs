using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>Schemas reached through <c>x-</c> extensions, and schemas that stop being reachable.</summary>
public static partial class DriftComparer
{
    private static void ReportUnresolvedExtensionReferences(ExtensionSites baseSites, ExtensionSites candidateSites, FindingSet findings)
    {
        foreach (var (location, reference) in candidateSites.Unresolved)
        {
            findings.Add(Severity.Error, "unresolved-reference", location, $"$ref '{reference}' points to nothing in the candidate document.", DocumentSide.Candidate);
        }

        var repeated = candidateSites.Unresolved.Select(r => r.Location).ToHashSet(StringComparer.Ordinal);
        foreach (var (location, reference) in baseSites.Unresolved.Where(r => !repeated.Contains(r.Location)))
        {
            findings.Add(Severity.Error, "unresolved-reference", location, $"$ref '{reference}' points to nothing in the base document.", DocumentSide.Base);
        }
    }

    /// <summary>
    /// Compares the schemas extensions hold, site by site. A site's role (request or response) comes
    /// from the names around it; a site whose role the names do not tell is judged both ways, so a
    /// change that hurts either direction is reported.
    /// </summary>
    private static void CompareExtensions(LoadedDocument baseDocument, ExtensionSites baseSites, LoadedDocument candidate, ExtensionSites candidateSites, CompareContext context)
    {
        foreach (var (key, site) in baseSites.Sites.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (!candidateSites.Sites.TryGetValue(key, out var candidateSite)
                || ExtensionSites.ToSchema(site, baseDocument) is not { } baseSchema
                || ExtensionSites.ToSchema(candidateSite, candidate) is not { } candidateSchema)
            {
                continue;
            }

            var role = site.Role == candidateSite.Role ? site.Role : ExtensionRole.Unknown;
            if (role != ExtensionRole.Response)
            {
                context.CompareRoot(baseSchema.Schema, baseSchema.Pointer, candidateSchema.Schema, candidateSchema.Pointer, Direction.Request);
            }

            if (role != ExtensionRole.Request)
            {
                context.CompareRoot(baseSchema.Schema, baseSchema.Pointer, candidateSchema.Schema, candidateSchema.Pointer, Direction.Response);
            }
        }

        ReportVanishedSites(baseSites, candidateSites, context.Findings, removed: true);
        ReportVanishedSites(candidateSites, baseSites, context.Findings, removed: false);
    }

    /// <summary>
    /// Reports the sites of <paramref name="from"/> that <paramref name="other"/> lacks, once per
    /// outermost missing entry: a tool removed from <c>x-outlit-tools</c> is one finding, not one per
    /// schema it named.
    /// </summary>
    private static void ReportVanishedSites(ExtensionSites from, ExtensionSites other, FindingSet findings, bool removed)
    {
        var groups = new SortedDictionary<string, List<ExtensionSite>>(StringComparer.Ordinal);
        foreach (var (key, site) in from.Sites)
        {
            if (other.Sites.ContainsKey(key))
            {
                continue;
            }

            var tokens = key.Split('/');
            var missing = key;
            for (var length = 1; length <= tokens.Length; length++)
            {
                var prefix = string.Join('/', tokens.Take(length));
                if (from.Containers.ContainsKey(prefix) && !other.Containers.ContainsKey(prefix))
                {
                    missing = prefix;
                    break;
                }
            }

            if (!groups.TryGetValue(missing, out var sites))
            {
                groups[missing] = sites = [];
            }

            sites.Add(site);
        }

        foreach (var (key, sites) in groups)
        {
            var extension = sites[0].Extension;
            var last = key[(key.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            var what = last == extension ? $"Extension {extension}" : $"{extension} entry {last.Trim('[', ']')}";
            var held = string.Join(", ", sites.Select(Describe).Distinct(StringComparer.Ordinal));
            var pointer = from.Containers.GetValueOrDefault(key) ?? sites[0].Pointer;
            if (removed)
            {
                findings.Add(Severity.Breaking, "extension-entry-removed", pointer, $"{what} was removed; clients built from the base rely on what it described ({held}).", DocumentSide.Base);
            }
            else
            {
                findings.Add(Severity.NonBreaking, "extension-entry-added", pointer, $"{what} was added ({held}).", DocumentSide.Candidate);
            }
        }
    }

    private static string Describe(ExtensionSite site)
        => site.Node["$ref"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var reference)
            ? reference[(reference.LastIndexOf('/') + 1)..]
            : "an inline schema";

    /// <summary>
    /// A schema component the base reaches from an operation or extension that both documents
    /// share, which the comparison never paired with a candidate schema, which the candidate does
    /// not reach under its name either, and whose loss no other finding explains (a removed property
    /// or branch, a changed type), has silently stopped being part of the contract: the client's
    /// type for it goes unused or, when the candidate drops the component, disappears on
    /// regeneration.
    /// </summary>
    private static void ReportUnreachableSchemas(OpenApiDocument baseDocument, OpenApiDocument candidate, CompareContext context)
    {
        var reach = context.Reach;
        var baseReachable = Reachability.From(reach.BaseRoots);
        var accounted = Reachability.From(reach.Accounted);
        var candidateNames = Reachability.ComponentNames(candidate);
        var candidateReached = Reachability.From(reach.CandidateRoots)
            .Select(schema => candidateNames.GetValueOrDefault(schema))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, schema) in baseDocument.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (Reachability.Resolve(schema) is not { } resolved
                || !baseReachable.Contains(resolved)
                || reach.MatchedBase.Contains(resolved)
                || accounted.Contains(resolved)
                || candidateReached.Contains(name))
            {
                continue;
            }

            var pointer = JsonPointer.Append(JsonPointer.Root, "components", "schemas", name);
            if (candidate.Components?.Schemas?.ContainsKey(name) == true)
            {
                context.Findings.Add(Severity.Warning, "schema-no-longer-reachable", pointer, $"Schema {name} is no longer used by any operation or extension the two documents share; the candidate still defines it.", DocumentSide.Base);
            }
            else
            {
                context.Findings.Add(Severity.Breaking, "schema-no-longer-reachable", pointer, $"Schema {name} is no longer used by any operation or extension the two documents share, and the candidate no longer defines it: regenerating removes its type.", DocumentSide.Base);
            }
        }
    }
}

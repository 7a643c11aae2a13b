using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>
/// What a comparison reached: the schemas it started from on each side (operation parameters,
/// bodies, responses, headers, extension sites present in both documents) and every base schema
/// it paired with a candidate schema on the way down. Shared by the trial comparisons that match
/// union branches, so a schema matched in any trial counts as matched.
/// </summary>
internal sealed class Reach
{
    public HashSet<IOpenApiSchema> MatchedBase { get; } = new(ReferenceEqualityComparer.Instance);

    public List<IOpenApiSchema> BaseRoots { get; } = [];

    public List<IOpenApiSchema> CandidateRoots { get; } = [];

    /// <summary>Base schemas whose disappearance a finding already reports (a removed property or branch, a changed type).</summary>
    public List<IOpenApiSchema> Accounted { get; } = [];
}

/// <summary>Follows schemas through references and subschemas.</summary>
internal static class Reachability
{
    private const int MaxReferenceHops = 64;

    /// <summary>Follows a chain of references to the schema that holds keywords; null when it is broken or a loop.</summary>
    /// <param name="schema">A schema or a reference.</param>
    /// <returns>The resolved schema.</returns>
    public static IOpenApiSchema? Resolve(IOpenApiSchema? schema)
    {
        for (var hops = 0; schema is OpenApiSchemaReference reference; hops++)
        {
            if (hops >= MaxReferenceHops)
            {
                return null;
            }

            schema = reference.Target;
        }

        return schema;
    }

    /// <summary>Every resolved schema reachable from the roots, the roots included.</summary>
    /// <param name="roots">Where to start.</param>
    /// <returns>The schemas, by identity.</returns>
    public static HashSet<IOpenApiSchema> From(IEnumerable<IOpenApiSchema> roots)
    {
        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<IOpenApiSchema>(roots);
        while (pending.Count > 0)
        {
            if (Resolve(pending.Pop()) is not { } schema || !seen.Add(schema))
            {
                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return seen;
    }

    /// <summary>Names of the document's schema components, by the resolved schema each stands for.</summary>
    /// <param name="document">The document.</param>
    /// <returns>Resolved schema to component name (the first name when several resolve to one schema).</returns>
    public static Dictionary<IOpenApiSchema, string> ComponentNames(OpenApiDocument document)
    {
        var names = new Dictionary<IOpenApiSchema, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (Resolve(schema) is { } resolved)
            {
                names.TryAdd(resolved, name);
            }
        }

        return names;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema)
    {
        foreach (var map in new[] { schema.Properties, schema.PatternProperties })
        {
            foreach (var child in map?.Values ?? [])
            {
                yield return child;
            }
        }

        foreach (var list in new[] { schema.AllOf, schema.OneOf, schema.AnyOf })
        {
            foreach (var child in list ?? [])
            {
                yield return child;
            }
        }

        foreach (var child in new[] { schema.Items, schema.AdditionalProperties, schema.Not })
        {
            if (child is not null)
            {
                yield return child;
            }
        }
    }
}

using System.Globalization;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>One alternative of a <c>oneOf</c>/<c>anyOf</c>, with what tells it apart from its siblings.</summary>
internal sealed class Branch
{
    public required IOpenApiSchema Schema { get; init; }

    public required string Pointer { get; init; }

    public required SchemaView View { get; init; }

    /// <summary>The property whose value selects this alternative (the discriminator, or a required constant).</summary>
    public string? Property { get; init; }

    /// <summary>That property's value for this alternative.</summary>
    public string? Value { get; init; }

    /// <summary>The component the alternative refers to.</summary>
    public string? Reference { get; init; }

    /// <summary>Required properties no sibling requires: how a reader tells this alternative apart when no value does.</summary>
    public required SortedSet<string> Distinguishing { get; init; }

    /// <summary>The type of an alternative without properties (<c>string</c>, <c>array</c>), which is its identity among scalars.</summary>
    public string? Scalar { get; init; }

    /// <summary>A name for messages: the component, the selecting value, the distinguishing properties, the type, or the position.</summary>
    public required string Label { get; init; }
}

/// <summary>How two alternatives were paired, and what changed in what tells them apart.</summary>
/// <param name="Base">The base alternative.</param>
/// <param name="Candidate">The candidate alternative.</param>
/// <param name="Before">Distinguishing properties the base alternative has and the candidate one lost.</param>
/// <param name="After">Distinguishing properties the candidate alternative has instead.</param>
internal sealed record BranchPair(Branch Base, Branch Candidate, IReadOnlyList<string> Before, IReadOnlyList<string> After)
{
    public bool Renamed => Before.Count > 0 && After.Count > 0;
}

/// <summary>
/// Matches union alternatives across documents by what tells them apart, never by position: first
/// the value that selects them (the discriminator's mapping or a required constant such as
/// <c>type: "pageview"</c>), then the component they refer to, then the required properties only
/// they have, then the type of a scalar alternative, then an identical shape, and last a similar
/// shape whose distinguishing property was renamed. Reordering alternatives therefore changes
/// nothing, and renaming the property that tells one apart is reported as that rename.
/// </summary>
internal static class UnionBranches
{
    private const double SimilarEnough = 0.5;

    public static List<Branch> Identify(SchemaView union, List<(IOpenApiSchema Schema, string Pointer)> alternatives)
    {
        var views = alternatives.Select(a => SchemaView.Create(a.Schema, a.Pointer)).ToList();
        var requiredBy = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            foreach (var name in view.Required.Where(n => view.Properties.Any(p => p.Name == n)))
            {
                requiredBy[name] = requiredBy.GetValueOrDefault(name) + 1;
            }
        }

        var result = new List<Branch>();
        for (var i = 0; i < alternatives.Count; i++)
        {
            var (schema, pointer) = alternatives[i];
            var view = views[i];
            var reference = schema is OpenApiSchemaReference { Reference.Id: { } id } ? id : null;
            var (property, value) = Selector(union, schema, view, reference);
            var distinguishing = new SortedSet<string>(
                view.Required.Where(n => requiredBy.GetValueOrDefault(n) == 1 && view.Properties.Any(p => p.Name == n) && n != property),
                StringComparer.Ordinal);
            var scalar = view.Properties.Count == 0 && view.Types is { } types && !types.HasFlag(JsonSchemaType.Object) ? SchemaView.DescribeTypes(types) : null;
            var label = reference
                ?? (value is not null ? $"{property}={value}" : null)
                ?? (distinguishing.Count > 0 ? "with " + string.Join(", ", distinguishing) : null)
                ?? scalar
                ?? "#" + i.ToString(CultureInfo.InvariantCulture);
            result.Add(new Branch
            {
                Schema = schema,
                Pointer = pointer,
                View = view,
                Property = property,
                Value = value,
                Reference = reference,
                Distinguishing = distinguishing,
                Scalar = scalar,
                Label = label,
            });
        }

        return result;
    }

    /// <summary>Pairs alternatives; what is left on either side was removed or added.</summary>
    /// <param name="before">The base alternatives.</param>
    /// <param name="after">The candidate alternatives.</param>
    /// <param name="identical">Whether two alternatives compare without any finding (used only for leftovers).</param>
    /// <returns>The pairs, and the alternatives left without a partner.</returns>
    public static (List<BranchPair> Pairs, List<Branch> Removed, List<Branch> Added) Match(List<Branch> before, List<Branch> after, Func<Branch, Branch, bool> identical)
    {
        var pairs = new List<BranchPair>();
        var baseLeft = new List<Branch>(before);
        var candidateLeft = new List<Branch>(after);

        void PairWhere(Func<Branch, Branch, bool> same)
        {
            foreach (var b in baseLeft.ToList())
            {
                if (candidateLeft.FirstOrDefault(c => same(b, c)) is { } c)
                {
                    pairs.Add(Pair(b, c));
                    baseLeft.Remove(b);
                    candidateLeft.Remove(c);
                }
            }
        }

        PairWhere((b, c) => b.Value is not null && b.Value == c.Value);
        PairWhere((b, c) => b.Reference is not null && b.Reference == c.Reference && !(b.Value is not null && c.Value is not null));
        PairWhere((b, c) => b.Distinguishing.Count > 0 && b.Distinguishing.SetEquals(c.Distinguishing) && b.Value is null && c.Value is null);
        PairWhere((b, c) => b.Scalar is not null && b.Scalar == c.Scalar);
        PairWhere((b, c) => !(b.Value is not null && c.Value is not null) && identical(b, c));
        PairSimilar(baseLeft, candidateLeft, pairs);
        return (pairs, baseLeft, candidateLeft);
    }

    private static BranchPair Pair(Branch b, Branch c)
    {
        if (b.Value is not null && c.Value is not null)
        {
            return b.Property == c.Property ? new BranchPair(b, c, [], []) : new BranchPair(b, c, [b.Property!], [c.Property!]);
        }

        // A rename: a distinguishing property the candidate alternative no longer has at all, and
        // one the base alternative did not have. A property that merely stopped (or started)
        // being unique among the siblings is compared as usual.
        var gone = b.Distinguishing.Where(n => c.View.Properties.All(p => p.Name != n)).ToList();
        var come = c.Distinguishing.Where(n => b.View.Properties.All(p => p.Name != n)).ToList();
        return new BranchPair(b, c, gone, come);
    }

    /// <summary>
    /// Pairs leftovers that share most of their other properties, each with its best partner in
    /// both directions. Alternatives selected by different values, or naming different components,
    /// are different alternatives, so they never pair here.
    /// </summary>
    private static void PairSimilar(List<Branch> baseLeft, List<Branch> candidateLeft, List<BranchPair> pairs)
    {
        double Similarity(Branch b, Branch c)
        {
            if ((b.Value is not null && c.Value is not null) || (b.Reference is not null && c.Reference is not null))
            {
                return 0;
            }

            var left = b.View.Properties.Select(p => p.Name).Where(n => !b.Distinguishing.Contains(n) && n != b.Property).ToHashSet(StringComparer.Ordinal);
            var right = c.View.Properties.Select(p => p.Name).Where(n => !c.Distinguishing.Contains(n) && n != c.Property).ToHashSet(StringComparer.Ordinal);
            var union = left.Union(right).Count();
            return union == 0 ? 0 : (double)left.Intersect(right).Count() / union;
        }

        foreach (var b in baseLeft.ToList())
        {
            var best = candidateLeft.Select(c => (Branch: c, Score: Similarity(b, c))).Where(x => x.Score >= SimilarEnough).OrderByDescending(x => x.Score).FirstOrDefault();
            if (best.Branch is null)
            {
                continue;
            }

            var rival = baseLeft.Where(other => other != b).Any(other => Similarity(other, best.Branch) > best.Score);
            if (!rival)
            {
                pairs.Add(Pair(b, best.Branch));
                baseLeft.Remove(b);
                candidateLeft.Remove(best.Branch);
            }
        }
    }

    /// <summary>The property and value that select an alternative: the union's discriminator, else the first required single-valued property.</summary>
    private static (string? Property, string? Value) Selector(SchemaView union, IOpenApiSchema schema, SchemaView view, string? reference)
    {
        if (union.DiscriminatorProperty is { } discriminator)
        {
            if (union.DiscriminatorMapping is { } mapping && schema is OpenApiSchemaReference referenceSchema)
            {
                var target = referenceSchema.Reference.ReferenceV3 ?? "#/components/schemas/" + reference;
                foreach (var (value, mapped) in mapping)
                {
                    if (mapped == target || mapped == reference)
                    {
                        return (discriminator, value);
                    }
                }
            }

            if (SingleValue(view, discriminator) is { } constant)
            {
                return (discriminator, constant);
            }

            if (reference is not null)
            {
                // OpenAPI's default: without a mapping, the value is the component's name.
                return (discriminator, reference);
            }
        }

        foreach (var (name, _, _) in view.Properties)
        {
            if (view.Required.Contains(name) && SingleValue(view, name) is { } value)
            {
                return (name, value);
            }
        }

        return (null, null);
    }

    private static string? SingleValue(SchemaView view, string property)
    {
        var declared = view.Properties.FirstOrDefault(p => p.Name == property);
        return declared.Schema is not null && SchemaView.Create(declared.Schema, declared.Pointer).Enum is [var single] ? single : null;
    }
}

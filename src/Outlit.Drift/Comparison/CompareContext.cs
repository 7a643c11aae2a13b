using System.Runtime.CompilerServices;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>Which way data flows through a schema, which decides whether a change hurts.</summary>
internal enum Direction
{
    /// <summary>Clients send it: the candidate must still accept everything the base accepted.</summary>
    Request,

    /// <summary>Clients receive it: everything the candidate produces must still fit the base.</summary>
    Response,
}

/// <summary>Schema-by-schema comparison with a cycle guard.</summary>
internal sealed class CompareContext
{
    private readonly HashSet<(IOpenApiSchema, IOpenApiSchema, Direction)> visited = new(PairComparer.Instance);

    /// <summary>The comparison a trial runs inside, whose pairs the trial must not start again.</summary>
    private readonly CompareContext? outer;

    public CompareContext(FindingSet findings, Reach? reach = null)
    {
        Findings = findings;
        Reach = reach ?? new Reach();
    }

    /// <summary>A trial comparison (does this alternative fit?) that reports into its own findings.</summary>
    private CompareContext(CompareContext outer)
        : this(new FindingSet())
    {
        this.outer = outer;
    }

    public FindingSet Findings { get; }

    public Reach Reach { get; }

    /// <summary>Compares two schemas an operation or an extension starts from, and remembers them as roots of what is reachable.</summary>
    public void CompareRoot(IOpenApiSchema baseSchema, string basePointer, IOpenApiSchema candidateSchema, string candidatePointer, Direction direction)
    {
        Reach.BaseRoots.Add(baseSchema);
        Reach.CandidateRoots.Add(candidateSchema);
        CompareSchemas(SchemaView.Create(baseSchema, basePointer), SchemaView.Create(candidateSchema, candidatePointer), direction);
    }

    /// <summary>Compares two schemas; <paramref name="skipProperties"/> names properties another finding already covers.</summary>
    public void CompareSchemas(SchemaView baseView, SchemaView candidateView, Direction direction, IReadOnlyCollection<string>? skipProperties = null)
    {
        // A broken reference is reported on its own; there is nothing on that side to compare.
        if (baseView.Identity is null || candidateView.Identity is null)
        {
            return;
        }

        Reach.MatchedBase.Add(baseView.Identity);
        Reach.MatchedBase.UnionWith(baseView.MergedMembers);

        // Nullability can be declared by a wrapper around a shared component, so it is checked
        // before the cycle guard skips a component pair that was already compared.
        CompareNullability(baseView, candidateView, direction);
        var pair = (baseView.Identity, candidateView.Identity, direction);
        if ((!visited.Add(pair) || IsUnderWay(pair)) && skipProperties is null)
        {
            return;
        }

        var prefix = direction == Direction.Request ? "request" : "response";

        if (!CompareUnions(baseView, candidateView, direction))
        {
            return;
        }

        if (!CompareTypes(baseView, candidateView, direction, prefix))
        {
            // A value of another type meets none of the old constraints anyway.
            CompareConstraints(baseView, candidateView, direction);
        }

        CompareEnums(baseView, candidateView, direction);
        CompareProperties(baseView, candidateView, direction, skipProperties);

        if (baseView.Items is { } baseItems && candidateView.Items is { } candidateItems)
        {
            CompareSchemas(SchemaView.Create(baseItems.Schema, baseItems.Pointer), SchemaView.Create(candidateItems.Schema, candidateItems.Pointer), direction);
        }

        if (baseView.AdditionalProperties is { } baseMap && candidateView.AdditionalProperties is { } candidateMap)
        {
            CompareSchemas(SchemaView.Create(baseMap.Schema, baseMap.Pointer), SchemaView.Create(candidateMap.Schema, candidateMap.Pointer), direction);
        }
    }

    /// <summary>
    /// Whether a comparison this trial runs inside already took on the pair. A trial that reached
    /// the pair again through a recursive schema would otherwise try the same alternatives forever.
    /// </summary>
    private bool IsUnderWay((IOpenApiSchema, IOpenApiSchema, Direction) pair)
    {
        for (var context = outer; context is not null; context = context.outer)
        {
            if (context.visited.Contains(pair))
            {
                return true;
            }
        }

        return false;
    }

    private void CompareNullability(SchemaView baseView, SchemaView candidateView, Direction direction)
    {
        if (direction == Direction.Response && !baseView.Nullable && candidateView.Nullable)
        {
            Findings.Add(Severity.Breaking, "response-property-became-nullable", candidateView.NullablePointer, $"Response value at {candidateView.NullablePointer} can now be null.", DocumentSide.Candidate);
        }
        else if (direction == Direction.Request && baseView.Nullable && !candidateView.Nullable)
        {
            Findings.Add(Severity.Breaking, "request-type-changed", candidateView.NullablePointer, $"Request value at {candidateView.NullablePointer} no longer accepts null.", DocumentSide.Candidate);
        }
    }

    /// <summary>Compares oneOf/anyOf alternatives; returns false when the shapes differ so much that comparing further only repeats the same finding.</summary>
    private bool CompareUnions(SchemaView baseView, SchemaView candidateView, Direction direction)
    {
        var baseBranches = baseView.Branches;
        var candidateBranches = candidateView.Branches;
        if (baseBranches is null && candidateBranches is null)
        {
            return true;
        }

        if (baseBranches is not null && candidateBranches is not null)
        {
            CompareAlternatives(baseView, baseBranches, candidateView, candidateBranches, direction);
            return true;
        }

        if (direction == Direction.Request && candidateBranches is not null && TrySplitByDiscriminator(baseView, candidateView, candidateBranches))
        {
            return false;
        }

        if (direction == Direction.Request && candidateBranches is not null)
        {
            // Old clients send the old single shape: it must fit one of the new alternatives, so
            // judge it against the alternative that fits best.
            CompareWithBestBranch(baseView, candidateBranches, direction, baseIsSingle: true);
            return false;
        }

        if (direction == Direction.Response && baseBranches is not null)
        {
            // The server now returns one shape; old clients understand it if it fits one of the
            // alternatives they know.
            CompareWithBestBranch(candidateView, baseBranches, direction, baseIsSingle: false);
            return false;
        }

        var rule = direction == Direction.Request ? "request-type-changed" : "response-type-changed";
        Reach.Accounted.Add(baseView.Identity!);
        Findings.Add(Severity.Breaking, rule, candidateView.Pointer, $"{(direction == Direction.Request ? "Request" : "Response")} schema at {candidateView.Pointer} changed from {baseView.Describe()} to {candidateView.Describe()}.", DocumentSide.Candidate);
        return false;
    }

    /// <summary>
    /// Compares two unions alternative by alternative, matched by what tells them apart (see
    /// <see cref="UnionBranches"/>). An alternative selected by a renamed property is one finding,
    /// <c>request-branch-property-renamed</c> or <c>response-branch-property-renamed</c>, both
    /// breaking: a client sends, or recognizes, the alternative by the old name. When every matched
    /// alternative shows the same rename, it is reported once for the union.
    /// </summary>
    private void CompareAlternatives(SchemaView baseView, List<(IOpenApiSchema Schema, string Pointer)> baseBranches, SchemaView candidateView, List<(IOpenApiSchema Schema, string Pointer)> candidateBranches, Direction direction)
    {
        var before = UnionBranches.Identify(baseView, baseBranches);
        var after = UnionBranches.Identify(candidateView, candidateBranches);
        var (pairs, removed, added) = UnionBranches.Match(before, after, (b, c) =>
        {
            var trial = new CompareContext(this);
            trial.CompareSchemas(b.View, c.View, direction);
            return trial.Findings.Count == 0;
        });

        var side = direction == Direction.Request ? "Request" : "Response";
        var rule = direction == Direction.Request ? "request-branch-property-renamed" : "response-branch-property-renamed";
        var renames = pairs.Where(p => p.Renamed).GroupBy(p => (string.Join(", ", p.Before), string.Join(", ", p.After))).ToList();
        var wholeUnion = renames.Count == 1 && pairs.Count > 1 && renames[0].Count() == pairs.Count;
        foreach (var group in renames)
        {
            var (old, now) = group.Key;
            var what = $"'{now}' instead of '{old}'";
            var consequence = direction == Direction.Request ? "clients that send the old property are refused or misread" : "clients that look for the old property cannot tell which alternative they received";
            if (wholeUnion)
            {
                Findings.Add(Severity.Breaking, rule, candidateView.Pointer, $"{side} {candidateView.BranchKeyword} at {candidateView.Pointer}: every alternative is now told apart by {what}; {consequence}.", DocumentSide.Candidate);
                continue;
            }

            foreach (var pair in group)
            {
                Findings.Add(Severity.Breaking, rule, pair.Candidate.Pointer, $"{side} {candidateView.BranchKeyword} alternative {pair.Base.Label} at {candidateView.Pointer} is now told apart by {what}; {consequence}.", DocumentSide.Candidate);
            }
        }

        foreach (var pair in pairs)
        {
            CompareSchemas(pair.Base.View, pair.Candidate.View, direction, pair.Renamed ? [.. pair.Before, .. pair.After] : null);
        }

        foreach (var branch in removed)
        {
            Reach.Accounted.Add(branch.Schema);
            if (direction == Direction.Request)
            {
                Findings.Add(Severity.Breaking, "request-branch-removed", branch.Pointer, $"Request {baseView.BranchKeyword} alternative {branch.Label} at {baseView.Pointer} is no longer accepted.", DocumentSide.Base);
            }
            else
            {
                Findings.Add(Severity.NonBreaking, "response-branch-removed", branch.Pointer, $"Response {baseView.BranchKeyword} alternative {branch.Label} at {baseView.Pointer} is no longer returned.", DocumentSide.Base);
            }
        }

        foreach (var branch in added)
        {
            if (direction == Direction.Request)
            {
                Findings.Add(Severity.NonBreaking, "request-branch-added", branch.Pointer, $"Request {candidateView.BranchKeyword} at {candidateView.Pointer} gained alternative {branch.Label}.", DocumentSide.Candidate);
            }
            else
            {
                Findings.Add(Severity.Breaking, "response-branch-added", branch.Pointer, $"Response {candidateView.BranchKeyword} at {candidateView.Pointer} gained alternative {branch.Label}; clients do not know it.", DocumentSide.Candidate);
            }
        }
    }

    /// <summary>
    /// A request object whose discriminator was an enum ("tool: one of A, B, C") that became a union
    /// with one alternative per value ("oneOf: [{tool: A, ...}, {tool: B, ...}]"): each old value is
    /// compared with its own alternative, and only values left without one are reported as removed.
    /// </summary>
    private bool TrySplitByDiscriminator(SchemaView baseView, SchemaView candidateView, List<(IOpenApiSchema Schema, string Pointer)> candidateBranches)
    {
        var alternatives = UnionBranches.Identify(candidateView, candidateBranches);
        var properties = alternatives.Select(a => a.Property).Distinct(StringComparer.Ordinal).ToList();
        if (alternatives.Count == 0 || properties is not [{ } discriminator] || alternatives.Any(a => a.Value is null))
        {
            return false;
        }

        var baseProperty = baseView.Properties.FirstOrDefault(p => p.Name == discriminator);
        if (baseProperty.Schema is null || SchemaView.Create(baseProperty.Schema, baseProperty.Pointer) is not { Enum: { } values } discriminatorView)
        {
            return false;
        }

        var byValue = alternatives.GroupBy(a => a.Value!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (byValue.TryGetValue(value, out var branch))
            {
                CompareSchemas(baseView, branch.View, Direction.Request, [discriminator]);
            }
            else
            {
                Findings.Add(Severity.Breaking, "request-enum-value-removed", discriminatorView.Pointer, $"Request value '{value}' at {discriminatorView.Pointer} is no longer accepted.", DocumentSide.Base);
            }
        }

        foreach (var branch in alternatives.Where(a => !values.Contains(a.Value!, StringComparer.Ordinal)))
        {
            Findings.Add(Severity.NonBreaking, "request-branch-added", branch.Pointer, $"Request {candidateView.BranchKeyword} at {candidateView.Pointer} gained alternative {branch.Label}.", DocumentSide.Candidate);
        }

        return true;
    }

    private void CompareWithBestBranch(SchemaView single, List<(IOpenApiSchema Schema, string Pointer)> branches, Direction direction, bool baseIsSingle)
    {
        List<Finding>? best = null;
        Reach? bestReach = null;
        foreach (var branch in branches)
        {
            var trial = new CompareContext(this);
            var branchView = SchemaView.Create(branch.Schema, branch.Pointer);
            if (baseIsSingle)
            {
                trial.CompareSchemas(single, branchView, direction);
            }
            else
            {
                trial.CompareSchemas(branchView, single, direction);
            }

            var trialFindings = trial.Findings.Items.ToList();
            if (best is null || Score(trialFindings).CompareTo(Score(best)) < 0)
            {
                best = trialFindings;
                bestReach = trial.Reach;
            }
        }

        // Only the alternative that was judged counts as reached: the others were merely tried.
        Findings.AddRange(best ?? []);
        if (bestReach is not null)
        {
            Reach.MatchedBase.UnionWith(bestReach.MatchedBase);
            Reach.Accounted.AddRange(bestReach.Accounted);
        }
    }

    private static (int, int, int) Score(List<Finding> findings)
        => (findings.Count(f => f.Severity >= Severity.Breaking), findings.Count(f => f.Severity == Severity.Warning), findings.Count);

    private static JsonSchemaType Widen(JsonSchemaType types)
        => types.HasFlag(JsonSchemaType.Number) ? types | JsonSchemaType.Integer : types;

    /// <summary>Reports an incompatible type change; returns true when it did.</summary>
    private bool CompareTypes(SchemaView baseView, SchemaView candidateView, Direction direction, string prefix)
    {
        if (baseView.Types is not { } baseTypes || candidateView.Types is not { } candidateTypes || baseTypes == candidateTypes)
        {
            return false;
        }

        // Requests may widen (the server accepts more), responses may narrow (the server sends less).
        var compatible = direction == Direction.Request
            ? (Widen(candidateTypes) & baseTypes) == baseTypes
            : (Widen(baseTypes) & candidateTypes) == candidateTypes;
        if (!compatible)
        {
            Findings.Add(
                Severity.Breaking,
                prefix + "-type-changed",
                candidateView.Pointer,
                $"{(direction == Direction.Request ? "Request" : "Response")} type at {candidateView.Pointer} changed from {SchemaView.DescribeTypes(baseTypes)} to {SchemaView.DescribeTypes(candidateTypes)}.",
                DocumentSide.Candidate);
        }

        return !compatible;
    }

    /// <summary>
    /// Compares length, range, pattern, format and item constraints. A request breaks when a
    /// constraint tightens (a value old clients send may now be refused); a response breaks when one
    /// loosens (the server may now send a value old clients do not expect: a longer string, a number
    /// out of the old range, a date where a date-time was promised). A change that is neither (a
    /// different pattern) breaks both.
    /// </summary>
    private void CompareConstraints(SchemaView baseView, SchemaView candidateView, Direction direction)
    {
        foreach (var (keyword, change, description) in ConstraintComparer.Differences(baseView.Constraints, candidateView.Constraints))
        {
            var (severity, rule, consequence) = (direction, change) switch
            {
                (Direction.Request, ConstraintChange.Tightened) => (Severity.Breaking, "request-constraint-tightened", "values old clients send may now be refused"),
                (Direction.Request, ConstraintChange.Loosened) => (Severity.NonBreaking, "request-constraint-loosened", "more values are accepted"),
                (Direction.Request, _) => (Severity.Breaking, "request-constraint-changed", "values old clients send may now be refused"),
                (_, ConstraintChange.Loosened) => (Severity.Breaking, "response-constraint-loosened", "the server may now send values old clients do not expect"),
                (_, ConstraintChange.Tightened) => (Severity.NonBreaking, "response-constraint-tightened", "the server sends a subset of what it sent"),
                _ => (Severity.Breaking, "response-constraint-changed", "the server may now send values old clients do not expect"),
            };
            var side = direction == Direction.Request ? "Request" : "Response";
            Findings.Add(severity, rule, candidateView.Pointer, $"{side} {keyword} at {candidateView.Pointer} {description}: {consequence}.", DocumentSide.Candidate);
        }
    }

    private void CompareEnums(SchemaView baseView, SchemaView candidateView, Direction direction)
    {
        var baseValues = baseView.Enum;
        var candidateValues = candidateView.Enum;
        if (baseValues is null && candidateValues is null)
        {
            return;
        }

        if (baseValues is null)
        {
            if (direction == Direction.Request)
            {
                Findings.Add(Severity.Breaking, "request-type-changed", candidateView.Pointer, $"Request value at {candidateView.Pointer} is now restricted to {Join(candidateValues!)}.", DocumentSide.Candidate);
            }

            return;
        }

        if (candidateValues is null)
        {
            if (direction == Direction.Response)
            {
                Findings.Add(Severity.Warning, "response-enum-value-added", candidateView.Pointer, $"Response value at {candidateView.Pointer} is no longer restricted to {Join(baseValues)}.", DocumentSide.Candidate);
            }

            return;
        }

        foreach (var removed in baseValues.Except(candidateValues, StringComparer.Ordinal))
        {
            if (direction == Direction.Request)
            {
                Findings.Add(Severity.Breaking, "request-enum-value-removed", baseView.Pointer, $"Request value '{removed}' at {baseView.Pointer} is no longer accepted.", DocumentSide.Base);
            }
            else
            {
                Findings.Add(Severity.NonBreaking, "response-enum-value-removed", baseView.Pointer, $"Response value '{removed}' at {baseView.Pointer} is no longer returned.", DocumentSide.Base);
            }
        }

        foreach (var added in candidateValues.Except(baseValues, StringComparer.Ordinal))
        {
            if (direction == Direction.Request)
            {
                Findings.Add(Severity.NonBreaking, "request-enum-value-added", candidateView.Pointer, $"Request value '{added}' at {candidateView.Pointer} is now accepted.", DocumentSide.Candidate);
            }
            else
            {
                Findings.Add(Severity.Warning, "response-enum-value-added", candidateView.Pointer, $"Response value '{added}' at {candidateView.Pointer} can now be returned.", DocumentSide.Candidate);
            }
        }
    }

    private static string Join(IEnumerable<string> values) => string.Join(", ", values.Select(v => "'" + v + "'"));

    private void CompareProperties(SchemaView baseView, SchemaView candidateView, Direction direction, IReadOnlyCollection<string>? skipProperties)
    {
        if (baseView.Properties.Count == 0 && candidateView.Properties.Count == 0)
        {
            return;
        }

        var candidateProperties = candidateView.PropertyMap;
        foreach (var (name, schema, pointer) in baseView.Properties)
        {
            var baseProperty = SchemaView.Create(schema, pointer);
            if (skipProperties?.Contains(name) == true || !Applies(baseProperty, direction))
            {
                continue;
            }

            if (!candidateProperties.TryGetValue(name, out var candidate))
            {
                Reach.Accounted.Add(schema);
                if (direction == Direction.Response)
                {
                    Findings.Add(Severity.Breaking, "response-property-removed", pointer, $"Response property '{name}' was removed from {baseView.Pointer}.", DocumentSide.Base);
                }
                else if (candidateView.Closed)
                {
                    Findings.Add(Severity.Breaking, "request-property-removed", pointer, $"Request property '{name}' was removed from {baseView.Pointer} and unknown properties are rejected.", DocumentSide.Base);
                }
                else
                {
                    Findings.Add(Severity.Warning, "request-property-removed", pointer, $"Request property '{name}' was removed from {baseView.Pointer}; clients still send it.", DocumentSide.Base);
                }

                continue;
            }

            var wasRequired = baseView.Required.Contains(name);
            var isRequired = candidateView.Required.Contains(name);
            if (direction == Direction.Request && !wasRequired && isRequired)
            {
                Findings.Add(Severity.Breaking, "request-property-became-required", candidate.Pointer, $"Request property '{name}' became required.", DocumentSide.Candidate);
            }
            else if (direction == Direction.Response && wasRequired && !isRequired)
            {
                Findings.Add(Severity.Breaking, "response-property-became-optional", candidate.Pointer, $"Response property '{name}' became optional.", DocumentSide.Candidate);
            }

            CompareSchemas(baseProperty, SchemaView.Create(candidate.Schema, candidate.Pointer), direction);
        }

        var baseNames = baseView.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, schema, pointer) in candidateView.Properties)
        {
            if (skipProperties?.Contains(name) == true || baseNames.Contains(name) || !Applies(SchemaView.Create(schema, pointer), direction))
            {
                continue;
            }

            if (direction == Direction.Response)
            {
                Findings.Add(Severity.NonBreaking, "response-property-added", pointer, $"Response property '{name}' was added to {candidateView.Pointer}.", DocumentSide.Candidate);
            }
            else if (candidateView.Required.Contains(name))
            {
                Findings.Add(Severity.Breaking, "request-property-added-required", pointer, $"Request property '{name}' was added to {candidateView.Pointer} as required.", DocumentSide.Candidate);
            }
            else
            {
                Findings.Add(Severity.NonBreaking, "request-property-added", pointer, $"Optional request property '{name}' was added to {candidateView.Pointer}.", DocumentSide.Candidate);
            }
        }
    }

    /// <summary>readOnly properties never travel in requests and writeOnly ones never in responses.</summary>
    private static bool Applies(SchemaView property, Direction direction)
        => direction == Direction.Request ? !property.ReadOnly : !property.WriteOnly;

    private sealed class PairComparer : IEqualityComparer<(IOpenApiSchema, IOpenApiSchema, Direction)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((IOpenApiSchema, IOpenApiSchema, Direction) x, (IOpenApiSchema, IOpenApiSchema, Direction) y)
            => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2) && x.Item3 == y.Item3;

        public int GetHashCode((IOpenApiSchema, IOpenApiSchema, Direction) obj)
            => HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Item1), RuntimeHelpers.GetHashCode(obj.Item2), obj.Item3);
    }
}

using System.Globalization;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>A lower or upper bound: its value and whether the value itself is excluded.</summary>
/// <param name="Value">The bound.</param>
/// <param name="Exclusive">True for <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>.</param>
internal readonly record struct Bound(decimal Value, bool Exclusive)
{
    public override string ToString()
        => (Exclusive ? "exclusive " : string.Empty) + Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The validation keywords of a schema that restrict the values it accepts, beyond type and enum.</summary>
internal sealed class Constraints
{
    public Bound? Minimum { get; set; }

    public Bound? Maximum { get; set; }

    public decimal? MultipleOf { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public string? Pattern { get; set; }

    public string? Format { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public bool UniqueItems { get; set; }

    public static Constraints Read(IOpenApiSchema schema)
    {
        var result = new Constraints
        {
            // OpenAPI 3.0's boolean exclusiveMinimum arrives here already as 3.1's numeric form.
            Minimum = Stricter(Number(schema.Minimum) is { } min ? new Bound(min, false) : null, Number(schema.ExclusiveMinimum) is { } emin ? new Bound(emin, true) : null, lower: true),
            Maximum = Stricter(Number(schema.Maximum) is { } max ? new Bound(max, false) : null, Number(schema.ExclusiveMaximum) is { } emax ? new Bound(emax, true) : null, lower: false),
            MultipleOf = schema.MultipleOf,
            MinLength = schema.MinLength is > 0 ? schema.MinLength : null,
            MaxLength = schema.MaxLength,
            Pattern = string.IsNullOrEmpty(schema.Pattern) ? null : schema.Pattern,
            Format = string.IsNullOrEmpty(schema.Format) ? null : schema.Format,
            MinItems = schema.MinItems is > 0 ? schema.MinItems : null,
            MaxItems = schema.MaxItems,
            UniqueItems = schema.UniqueItems == true,
        };
        return result;
    }

    /// <summary>Adds an <c>allOf</c> member's constraints: a value must satisfy both, so the stricter of each wins.</summary>
    public void Merge(Constraints other)
    {
        Minimum = Stricter(Minimum, other.Minimum, lower: true);
        Maximum = Stricter(Maximum, other.Maximum, lower: false);
        MultipleOf ??= other.MultipleOf;
        MinLength = Max(MinLength, other.MinLength);
        MaxLength = Min(MaxLength, other.MaxLength);
        Pattern ??= other.Pattern;
        Format ??= other.Format;
        MinItems = Max(MinItems, other.MinItems);
        MaxItems = Min(MaxItems, other.MaxItems);
        UniqueItems |= other.UniqueItems;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Number(string? text)
        => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The bound that admits fewer values.</summary>
    public static Bound? Stricter(Bound? a, Bound? b, bool lower)
    {
        if (a is not { } x)
        {
            return b;
        }

        if (b is not { } y)
        {
            return a;
        }

        if (x.Value != y.Value)
        {
            return (x.Value > y.Value) == lower ? x : y;
        }

        return x.Exclusive ? x : y;
    }
}

/// <summary>How a constraint changed between two schemas.</summary>
internal enum ConstraintChange
{
    /// <summary>It admits fewer values: what was valid may now be refused.</summary>
    Tightened,

    /// <summary>It admits more values: what is valid now may have been refused before.</summary>
    Loosened,

    /// <summary>Neither contains the other (a different pattern or format): both of the above.</summary>
    Changed,
}

/// <summary>Finds what changed in the constraints of two schemas, keyword by keyword.</summary>
internal static class ConstraintComparer
{
    /// <summary>Widening pairs of formats: every value of the first is a value of the second.</summary>
    private static readonly HashSet<(string Narrow, string Wide)> WiderFormats = [("int32", "int64"), ("float", "double")];

    public static IEnumerable<(string Keyword, ConstraintChange Change, string Description)> Differences(Constraints before, Constraints after)
    {
        foreach (var difference in Bounds("minimum", before.Minimum, after.Minimum, lower: true))
        {
            yield return difference;
        }

        foreach (var difference in Bounds("maximum", before.Maximum, after.Maximum, lower: false))
        {
            yield return difference;
        }

        foreach (var difference in Count("minLength", before.MinLength, after.MinLength, lower: true))
        {
            yield return difference;
        }

        foreach (var difference in Count("maxLength", before.MaxLength, after.MaxLength, lower: false))
        {
            yield return difference;
        }

        foreach (var difference in Count("minItems", before.MinItems, after.MinItems, lower: true))
        {
            yield return difference;
        }

        foreach (var difference in Count("maxItems", before.MaxItems, after.MaxItems, lower: false))
        {
            yield return difference;
        }

        if (before.UniqueItems != after.UniqueItems)
        {
            yield return after.UniqueItems
                ? ("uniqueItems", ConstraintChange.Tightened, "now requires unique items")
                : ("uniqueItems", ConstraintChange.Loosened, "no longer requires unique items");
        }

        if (MultipleOf(before.MultipleOf, after.MultipleOf) is { } multiple)
        {
            yield return multiple;
        }

        if (Text("pattern", before.Pattern, after.Pattern, wider: null) is { } pattern)
        {
            yield return pattern;
        }

        if (Text("format", before.Format, after.Format, wider: (a, b) => WiderFormats.Contains((a, b))) is { } format)
        {
            yield return format;
        }
    }

    private static IEnumerable<(string, ConstraintChange, string)> Bounds(string keyword, Bound? before, Bound? after, bool lower)
    {
        if (before == after)
        {
            yield break;
        }

        if (before is null)
        {
            yield return (keyword, ConstraintChange.Tightened, $"was added ({after})");
        }
        else if (after is null)
        {
            yield return (keyword, ConstraintChange.Loosened, $"was removed (was {before})");
        }
        else
        {
            var tighter = Constraints.Stricter(before, after, lower) == after;
            yield return (keyword, tighter ? ConstraintChange.Tightened : ConstraintChange.Loosened, $"changed from {before} to {after}");
        }
    }

    private static IEnumerable<(string, ConstraintChange, string)> Count(string keyword, int? before, int? after, bool lower)
    {
        if (before == after)
        {
            yield break;
        }

        if (before is null)
        {
            yield return (keyword, ConstraintChange.Tightened, $"was added ({after})");
        }
        else if (after is null)
        {
            yield return (keyword, ConstraintChange.Loosened, $"was removed (was {before})");
        }
        else
        {
            var tighter = lower ? after > before : after < before;
            yield return (keyword, tighter ? ConstraintChange.Tightened : ConstraintChange.Loosened, $"changed from {before} to {after}");
        }
    }

    private static (string, ConstraintChange, string)? MultipleOf(decimal? before, decimal? after)
    {
        if (before == after)
        {
            return null;
        }

        if (before is null)
        {
            return ("multipleOf", ConstraintChange.Tightened, $"was added ({after})");
        }

        if (after is null)
        {
            return ("multipleOf", ConstraintChange.Loosened, $"was removed (was {before})");
        }

        // Multiples of 4 are multiples of 2: going from 2 to 4 admits fewer values.
        var change = after.Value % before.Value == 0 ? ConstraintChange.Tightened
            : before.Value % after.Value == 0 ? ConstraintChange.Loosened
            : ConstraintChange.Changed;
        return ("multipleOf", change, $"changed from {before} to {after}");
    }

    private static (string, ConstraintChange, string)? Text(string keyword, string? before, string? after, Func<string, string, bool>? wider)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return null;
        }

        if (before is null)
        {
            return (keyword, ConstraintChange.Tightened, $"'{after}' was added");
        }

        if (after is null)
        {
            return (keyword, ConstraintChange.Loosened, $"'{before}' was removed");
        }

        var change = wider?.Invoke(before, after) == true ? ConstraintChange.Loosened
            : wider?.Invoke(after, before) == true ? ConstraintChange.Tightened
            : ConstraintChange.Changed;
        return (keyword, change, $"changed from '{before}' to '{after}'");
    }
}

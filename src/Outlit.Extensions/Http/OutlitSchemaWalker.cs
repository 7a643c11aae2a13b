using System.Text;
using System.Text.Json;

namespace Outlit;

/// <summary>A difference found by <see cref="OutlitSchemaWalker"/>, before it is tied to an operation.</summary>
internal readonly record struct SchemaFinding(OutlitContractDriftKind Kind, string Pointer, string Detail, string Signature);

/// <summary>
/// Walks a JSON value along a compiled schema and lists undocumented properties, unlisted enum values, missing
/// required properties and unexpected types. For oneOf/anyOf a value matches when some branch matches; when none
/// does, the findings of the closest branch (fewest findings, discriminator first) are reported.
/// </summary>
internal static class OutlitSchemaWalker
{
    private const int MaxDepth = 64;

    internal static List<SchemaFinding> Walk(JsonElement value, SchemaNode schema)
    {
        var sink = new Sink();
        Visit(value, schema.Flat, null, sink, 0, null);
        return sink.Findings;
    }

    private static void Visit(JsonElement value, FlatSchema schema, Segment? path, Sink sink, int depth, HashSet<string>? inheritedNames)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (schema.Nothing)
        {
            sink.Add(OutlitContractDriftKind.UnexpectedType, path, "no value is documented here", "nothing");
            return;
        }

        var found = TypeOf(value, schema.Types);
        if ((schema.Types & found) == 0)
        {
            sink.Add(OutlitContractDriftKind.UnexpectedType, path, $"expected {Describe(schema.Types)}, found {Describe(found)}", Describe(found));
            return;
        }

        foreach (var set in schema.Enums)
        {
            if (!set.Contains(value))
            {
                var shown = SafeValue(value);
                sink.Add(OutlitContractDriftKind.UnlistedEnumValue, path, shown, shown);
            }
        }

        foreach (var not in schema.Nots)
        {
            var probe = new Sink { CountOnly = true };
            Visit(value, not.Flat, path, probe, depth + 1, null);
            if (probe.Count == 0)
            {
                // Not a finding of its own (no kind describes it) but it rules the schema out when choosing a branch.
                sink.Penalty++;
            }
        }

        HashSet<string>? branchNames = null;
        foreach (var alternatives in schema.Alternatives)
        {
            var branch = Choose(value, alternatives, path, sink, depth, Union(inheritedNames, schema.Properties.Keys));
            if (branch is not null && value.ValueKind == JsonValueKind.Object)
            {
                branchNames ??= new HashSet<string>(StringComparer.Ordinal);
                branchNames.UnionWith(branch.Properties.Keys);
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                VisitObject(value, schema, path, sink, depth, inheritedNames, branchNames);
                break;
            case JsonValueKind.Array when schema.Items.Count > 0:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var itemPath = new Segment(path, null, index++);
                    foreach (var items in schema.Items)
                    {
                        Visit(item, items.Flat, itemPath, sink, depth + 1, null);
                    }
                }

                break;
        }
    }

    private static void VisitObject(JsonElement value, FlatSchema schema, Segment? path, Sink sink, int depth, HashSet<string>? inheritedNames, HashSet<string>? branchNames)
    {
        if (schema.Properties.Count == 0 && schema.Additional == AdditionalMode.Allowed)
        {
            ReportMissing(value, schema, path, sink);
            return;
        }

        // Required names are counted while the properties are walked anyway; only a shortfall costs a second look.
        var requiredSeen = 0;
        var reportsUnlisted = schema.ReportsUnlisted;
        foreach (var property in value.EnumerateObject())
        {
            // JsonProperty.Name makes a new string on every read.
            var name = property.Name;
            if (schema.Properties.TryGetValue(name, out var documented))
            {
                if (schema.RequiredListed.Contains(name))
                {
                    requiredSeen++;
                }

                // Most properties are scalars under a bare type: checked in place, with no path built unless reported.
                var child = property.Value;
                if (documented.Count == 1 && documented[0].Flat.IsTypeOnly
                    && child.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)
                    && (documented[0].Flat.Types & TypeOf(child, documented[0].Flat.Types)) != 0)
                {
                    continue;
                }

                var propertyPath = new Segment(path, name, 0);
                foreach (var node in documented)
                {
                    Visit(child, node.Flat, propertyPath, sink, depth + 1, null);
                }
            }
            else if (schema.Additional == AdditionalMode.Schema)
            {
                var propertyPath = new Segment(path, name, 0);
                foreach (var node in schema.AdditionalSchemas)
                {
                    Visit(property.Value, node.Flat, propertyPath, sink, depth + 1, null);
                }
            }
            else if (reportsUnlisted
                && inheritedNames?.Contains(name) != true
                && branchNames?.Contains(name) != true)
            {
                sink.Add(OutlitContractDriftKind.UndocumentedProperty, new Segment(path, name, 0), name, name);
            }
        }

        if (requiredSeen < schema.Required.Count)
        {
            ReportMissing(value, schema, path, sink);
        }
    }

    private static void ReportMissing(JsonElement value, FlatSchema schema, Segment? path, Sink sink)
    {
        foreach (var name in schema.Required)
        {
            if (!value.TryGetProperty(name, out _))
            {
                sink.Add(OutlitContractDriftKind.MissingRequiredProperty, new Segment(path, name, 0), name, name);
            }
        }
    }

    private static FlatSchema? Choose(JsonElement value, Alternatives alternatives, Segment? path, Sink sink, int depth, HashSet<string>? inheritedNames)
    {
        if (alternatives.DiscriminatorProperty is { } discriminator && alternatives.Mapping is { } mapping
            && value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty(discriminator, out var tag) && tag.ValueKind == JsonValueKind.String
            && mapping.TryGetValue(tag.GetString()!, out var mapped))
        {
            Visit(value, mapped.Flat, path, sink, depth + 1, inheritedNames);
            return mapped.Flat;
        }

        // Branches of another JSON type cannot match; with one candidate left (the usual "X or null") it is walked directly.
        var kind = TypeOf(value, JsonTypes.Number);
        SchemaNode? only = null;
        var candidates = 0;
        foreach (var branch in alternatives.Branches)
        {
            if ((branch.Flat.Types & kind) != 0 || (kind == JsonTypes.Number && (branch.Flat.Types & JsonTypes.Integer) != 0))
            {
                only = branch;
                candidates++;
            }
        }

        if (candidates == 1)
        {
            Visit(value, only!.Flat, path, sink, depth + 1, inheritedNames);
            return only.Flat;
        }

        Sink? best = null;
        FlatSchema? bestSchema = null;
        foreach (var branch in alternatives.Branches)
        {
            var trial = new Sink();
            Visit(value, branch.Flat, path, trial, depth + 1, inheritedNames);
            if (trial.Count == 0 && trial.Penalty == 0)
            {
                return branch.Flat;
            }

            if (best is null || trial.Penalty < best.Penalty || (trial.Penalty == best.Penalty && trial.Count < best.Count))
            {
                best = trial;
                bestSchema = branch.Flat;
            }
        }

        if (best is not null)
        {
            sink.AddRange(best);
        }

        return bestSchema;
    }

    private static HashSet<string>? Union(HashSet<string>? inherited, IEnumerable<string> names)
    {
        if (inherited is null && names is ICollection<string> { Count: 0 })
        {
            return null;
        }

        var union = inherited is null ? new HashSet<string>(StringComparer.Ordinal) : new HashSet<string>(inherited, StringComparer.Ordinal);
        union.UnionWith(names);
        return union;
    }

    private static JsonTypes TypeOf(JsonElement value, JsonTypes allowed) => value.ValueKind switch
    {
        JsonValueKind.Null => JsonTypes.Null,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.Object => JsonTypes.Object,
        // Only tell integers from other numbers when the schema cares: 2.0 counts as an integer, as JSON Schema says.
        JsonValueKind.Number when (allowed & JsonTypes.Number) != 0 => JsonTypes.Number,
        JsonValueKind.Number => IsInteger(value) ? JsonTypes.Integer : JsonTypes.Number,
        _ => JsonTypes.None,
    };

    private static bool IsInteger(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDecimal(out var d) && decimal.Truncate(d) == d)
        || (value.TryGetDouble(out var f) && double.IsFinite(f) && Math.Floor(f) == f);

    private static string Describe(JsonTypes types)
    {
        if (types == JsonTypes.Any)
        {
            return "any";
        }

        if ((types & JsonTypes.Number) != 0)
        {
            types &= ~JsonTypes.Integer;
        }

        var names = new List<string>();
        foreach (var type in new[] { JsonTypes.Object, JsonTypes.Array, JsonTypes.String, JsonTypes.Number, JsonTypes.Integer, JsonTypes.Boolean, JsonTypes.Null })
        {
            if ((types & type) != 0)
            {
                names.Add(type.ToString().ToLowerInvariant());
            }
        }

        return names.Count == 0 ? "nothing" : string.Join(" or ", names);
    }

    /// <summary>
    /// An enum value is shown when it looks like an identifier (a provider id, a status): an unknown value in an
    /// enumerated field is almost always a new member. Anything else is described by its length only.
    /// </summary>
    private static string SafeValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString()!;
                return text.Length is > 0 and <= 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':')
                    ? text
                    : $"(a {text.Length}-character string, not shown)";
            case JsonValueKind.Number:
            case JsonValueKind.True:
            case JsonValueKind.False:
            case JsonValueKind.Null:
                return value.GetRawText();
            default:
                return $"(a JSON {value.ValueKind.ToString().ToLowerInvariant()}, not shown)";
        }
    }

    /// <summary>A path into the body, built as a linked list so no string is made unless something is reported.</summary>
    private sealed record Segment(Segment? Parent, string? Name, int Index)
    {
        internal string ToPointer(bool wildcardIndices)
        {
            var segments = new List<Segment>();
            for (var current = this; current is not null; current = current.Parent)
            {
                segments.Add(current);
            }

            var builder = new StringBuilder();
            for (var i = segments.Count - 1; i >= 0; i--)
            {
                builder.Append('/');
                var segment = segments[i];
                if (segment.Name is null)
                {
                    builder.Append(wildcardIndices ? "*" : segment.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(segment.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
                }
            }

            return builder.ToString();
        }
    }

    private sealed class Sink
    {
        internal List<SchemaFinding> Findings { get; } = [];

        internal bool CountOnly { get; init; }

        internal int Count { get; private set; }

        internal int Penalty { get; set; }

        internal void Add(OutlitContractDriftKind kind, Segment? path, string detail, string signatureDetail)
        {
            Count++;
            if (!CountOnly)
            {
                var pointer = path?.ToPointer(false) ?? "";
                // Array positions are left out of the signature so one change seen in every item of a list is logged once.
                var signature = $"{kind}|{path?.ToPointer(true) ?? ""}|{signatureDetail}";
                Findings.Add(new SchemaFinding(kind, pointer, detail, signature));
            }
        }

        internal void AddRange(Sink other)
        {
            Count += other.Count;
            Penalty += other.Penalty;
            Findings.AddRange(other.Findings);
        }
    }
}

using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>
/// For every union the normalizer merged into one superset type (<c>x-outlit-union</c> strategy <c>merged</c>), tells
/// the variants apart by what each requires: an <c>Is&lt;Variant&gt;</c> property per variant, and a check after
/// deserialization that the answer is at least one of them. Without the check, a merged type (every property
/// optional) would read any object, and a body of another shape would come back as a result full of nulls.
/// </summary>
internal static class UnionEmitter
{
    public static string? Emit(JsonObject document, GeneratedCodeIndex index, string @namespace, List<EmitProblem> problems)
    {
        if (document["components"]?["schemas"] is not JsonObject schemas)
        {
            return null;
        }

        var source = new CSharpSource(@namespace, "the variants of the merged unions (x-outlit-union).");
        var any = false;
        foreach (var (name, node) in schemas)
        {
            if (node is not JsonObject schema || schema[NormalizationContext.UnionMarker] is not JsonObject marker
                || NormalizationContext.StringValue(marker["strategy"]) != "merged" || !index.HasType(name))
            {
                continue;
            }

            var pointer = JsonPointer.Append(JsonPointer.Append("/components/schemas", name), NormalizationContext.UnionMarker);
            var variants = new List<(string Name, List<string> Required, List<string> Json)>();
            foreach (var branch in (marker["branches"] as JsonArray ?? []).Select(NormalizationContext.StringValue).OfType<string>())
            {
                if (schemas[branch] is not JsonObject branchSchema)
                {
                    problems.Add(new EmitProblem(pointer, $"the variant {branch} is not a component"));
                    continue;
                }

                var required = new List<string>();
                var json = new List<string>();
                foreach (var property in RequiredNonNullable(schemas, branchSchema, []))
                {
                    if (index.Property(name, property) is { } generated)
                    {
                        required.Add(generated.Name);
                        json.Add(property);
                    }
                    else
                    {
                        problems.Add(new EmitProblem(pointer, $"{name} has no property \"{property}\", which its variant {branch} requires"));
                    }
                }

                variants.Add((branch, required, json));
            }

            if (variants.Count == 0)
            {
                continue;
            }

            any = true;
            source.Line($"// From x-outlit-union: which of its variants an answer read as {name} is.");
            source.Line("[global::Newtonsoft.Json.JsonConverter(typeof(global::Outlit.OutlitUnionConverter))]");
            source.Open($"partial class {name} : global::Outlit.IOutlitUnion");
            foreach (var (variant, required, _) in variants)
            {
                source.Summary($"True when this value has every non-null property the variant {variant} requires.");
                source.Line("[global::Newtonsoft.Json.JsonIgnore]");
                source.Line($"public bool Is{variant} => {(required.Count == 0 ? "true" : string.Join(" && ", required.Select(p => p + " != null")))};");
                source.Line();
            }

            var checks = string.Join(" || ", variants.Select(v => "Is" + v.Name));
            var needs = string.Join("; ", variants.Select(v => v.Name + (v.Json.Count == 0 ? " (anything)" : " needs " + string.Join(", ", v.Json))));
            source.Line($"bool global::Outlit.IOutlitUnion.IsAnyVariant => {checks};");
            source.Line();
            source.Line($"string global::Outlit.IOutlitUnion.Variants => {CSharpSource.Literal($"{name} is one of: {needs}")};");
            source.Line();
            source.Line("// The properties the JSON carried as null: written back as null, so a value reads and writes the same.");
            source.Line("private readonly global::System.Collections.Generic.HashSet<string> outlitPresentNulls = new(global::System.StringComparer.Ordinal);");
            source.Line();
            source.Line("global::System.Collections.Generic.ISet<string> global::Outlit.IOutlitUnion.PresentNulls => outlitPresentNulls;");
            source.Close();
            source.Line();
        }

        return any ? source.ToString() : null;
    }

    /// <summary>The JSON names a schema requires and does not allow to be null, through <c>allOf</c> and <c>$ref</c>.</summary>
    private static IEnumerable<string> RequiredNonNullable(JsonObject schemas, JsonObject schema, HashSet<string> visiting)
    {
        var properties = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var required = new List<string>();
        Collect(schemas, schema, properties, required, visiting);
        return required.Distinct(StringComparer.Ordinal)
            .Where(r => !(properties.TryGetValue(r, out var p) && (NormalizationContext.IsTrue(p["nullable"]) || p["oneOf"] is JsonArray)));
    }

    private static void Collect(JsonObject schemas, JsonObject schema, Dictionary<string, JsonObject> properties, List<string> required, HashSet<string> visiting)
    {
        if (NormalizationContext.RefName(schema) is { } reference)
        {
            if (visiting.Add(reference) && schemas[reference] is JsonObject target)
            {
                Collect(schemas, target, properties, required, visiting);
            }

            return;
        }

        foreach (var member in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Collect(schemas, member, properties, required, visiting);
        }

        foreach (var (key, value) in schema["properties"] as JsonObject ?? [])
        {
            if (value is JsonObject property)
            {
                properties[key] = property;
            }
        }

        required.AddRange((schema["required"] as JsonArray ?? []).Select(NormalizationContext.StringValue).OfType<string>());
    }
}

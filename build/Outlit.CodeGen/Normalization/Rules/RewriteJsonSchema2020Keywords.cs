using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Rewrites the OpenAPI 3.1 (JSON Schema 2020-12) spelling of every schema into its OpenAPI 3.0 form:
/// type arrays, <c>const</c>, null in enums and unions, numeric exclusive bounds, 3.1-only keywords,
/// closed objects and tuples. Schemas are visited children first, so a parent sees its subschemas rewritten.
/// </summary>
internal sealed class RewriteJsonSchema2020Keywords : INormalizationRule
{
    /// <summary>3.1 (JSON Schema 2020-12) keywords that NSwag does not understand and that only restrict values.</summary>
    private static readonly string[] DroppedKeywords =
    [
        "$schema", "$id", "$anchor", "$comment", "$dynamicAnchor", "propertyNames", "contentMediaType",
        "contentEncoding", "contentSchema", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
        "dependentSchemas", "patternProperties", "if", "then", "else", "contains", "minContains", "maxContains",
    ];

    public string Name => "Rewrite 3.1 keywords";

    public string Reason =>
        "NSwag 14 reads OpenAPI 3.0 only: type arrays, const, null branches and 3.1 keywords are ignored or misread, "
        + "and a closed object would make it drop unknown fields silently.";

    public void Apply(NormalizationContext context)
    {
        foreach (var visit in SchemaWalker.PostOrder(context.Document))
        {
            if (visit.IsSchema)
            {
                NormalizeKeywords(visit.Node);
            }
        }
    }

    /// <summary>Rewrites 3.1 keywords of one schema into their 3.0 form (children are already done).</summary>
    internal static void NormalizeKeywords(JsonObject schema)
    {
        // type: [T, "null"] -> type: T, nullable: true. Several non-null types have no 3.0 form: any value.
        if (schema["type"] is JsonArray types)
        {
            var names = types.Select(t => t?.GetValue<string>()).Where(t => t is not null).Cast<string>().ToList();
            var nonNull = names.Where(n => n != "null").Distinct(StringComparer.Ordinal).ToList();
            schema.Remove("type");
            if (names.Contains("null"))
            {
                schema["nullable"] = true;
            }

            if (nonNull.Count == 1)
            {
                schema["type"] = nonNull[0];
            }
            else if (nonNull.Count > 1)
            {
                NormalizationContext.AppendDescription(schema, "Accepts a value of type " + string.Join(" or ", nonNull) + ".");
            }
        }

        // const: v -> enum: [v], with the type inferred when absent.
        if (schema.TryGetPropertyValue("const", out var constant))
        {
            schema.Remove("const");
            if (constant is null)
            {
                schema["nullable"] = true;
                schema["type"] ??= "string";
            }
            else
            {
                schema["enum"] = new JsonArray(constant.DeepClone());
                if (!schema.ContainsKey("type") && InferType(constant) is { } inferred)
                {
                    schema["type"] = inferred;
                }
            }
        }

        // enum: [..., null] -> nullable enum without the null member.
        if (schema["enum"] is JsonArray members && members.Any(m => m is null))
        {
            var kept = new JsonArray(members.Where(m => m is not null).Select(m => m!.DeepClone()).ToArray());
            schema["nullable"] = true;
            if (kept.Count == 0)
            {
                schema.Remove("enum");
            }
            else
            {
                schema["enum"] = kept;
            }
        }

        // examples: [...] (3.1 schema keyword) -> example: first.
        if (schema["examples"] is JsonArray examples)
        {
            schema.Remove("examples");
            if (!schema.ContainsKey("example") && examples.Count > 0)
            {
                schema["example"] = examples[0]?.DeepClone();
            }
        }

        // Numeric exclusive bounds (3.1) -> boolean form (3.0).
        ConvertExclusiveBound(schema, "exclusiveMinimum", "minimum");
        ConvertExclusiveBound(schema, "exclusiveMaximum", "maximum");

        foreach (var keyword in DroppedKeywords)
        {
            schema.Remove(keyword);
        }

        // Closed objects would make NSwag drop unknown fields silently; an open object keeps them.
        if (schema["additionalProperties"] is JsonValue additional && additional.GetValueKind() is JsonValueKind.False or JsonValueKind.True)
        {
            schema.Remove("additionalProperties");
        }

        // prefixItems (tuples) have no 3.0 form: keep the array, let items be anything.
        if (schema["items"] is JsonArray)
        {
            schema.Remove("items");
        }

        // T | null written as a union -> T, nullable.
        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray branches)
            {
                continue;
            }

            var nullBranches = branches.Where(b => b is JsonObject o && IsNullOnly(o)).ToList();
            if (nullBranches.Count == 0)
            {
                continue;
            }

            schema["nullable"] = true;
            var remaining = branches.Where(b => !nullBranches.Contains(b)).Select(b => b!.DeepClone()).ToList();
            schema.Remove(keyword);
            if (remaining.Count == 1 && remaining[0] is JsonObject single)
            {
                MergeSingleBranch(schema, single);
            }
            else if (remaining.Count > 1)
            {
                schema[keyword] = new JsonArray(remaining.ToArray());
            }
        }

        // 3.1 allows siblings next to $ref; 3.0 readers ignore them, so a nullable reference must be wrapped.
        if (schema.ContainsKey("$ref") && NormalizationContext.IsTrue(schema["nullable"]))
        {
            var reference = schema["$ref"]!.DeepClone();
            schema.Remove("$ref");
            schema["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = reference });
        }
    }

    private static void ConvertExclusiveBound(JsonObject schema, string exclusiveKey, string boundKey)
    {
        if (schema[exclusiveKey] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            schema[boundKey] = value.DeepClone();
            schema[exclusiveKey] = true;
        }
    }

    private static string? InferType(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().Contains('.', StringComparison.Ordinal) ? "number" : "integer",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        _ => null,
    };

    /// <summary>True for a branch that only admits null: {type: null}, {const: null}, {enum: [null]}.</summary>
    internal static bool IsNullOnly(JsonObject branch)
    {
        var constraintKeys = branch.Select(p => p.Key).Where(k => !NormalizationContext.AnnotationKeys.Contains(k) || k == "nullable").ToList();
        if (NormalizationContext.StringValue(branch["type"]) == "null")
        {
            return constraintKeys.All(k => k is "type" or "nullable");
        }

        if (branch["type"] is JsonArray ta && ta.Count == 1 && ta[0]?.GetValue<string>() == "null")
        {
            return constraintKeys.All(k => k is "type" or "nullable");
        }

        // Already rewritten by the post-order pass: {type: null} became {nullable: true}.
        if (constraintKeys.Count == 1 && constraintKeys[0] == "nullable" && NormalizationContext.IsTrue(branch["nullable"]))
        {
            return true;
        }

        if (branch.ContainsKey("const") && branch["const"] is null && constraintKeys.All(k => k is "const" or "type" or "nullable"))
        {
            return true;
        }

        return branch["enum"] is JsonArray e && e.Count > 0 && e.All(m => m is null);
    }

    /// <summary>Folds the only non-null branch of a nullable union into the schema that held the union.</summary>
    private static void MergeSingleBranch(JsonObject schema, JsonObject branch)
    {
        if (branch.ContainsKey("$ref"))
        {
            // NJsonSchema's own spelling of a nullable reference.
            schema["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = branch["$ref"]!.DeepClone() });
            if (!schema.ContainsKey("description") && branch["description"] is JsonNode d)
            {
                schema["description"] = d.DeepClone();
            }

            return;
        }

        foreach (var (key, value) in branch.ToArray())
        {
            if (!schema.ContainsKey(key))
            {
                schema[key] = value?.DeepClone();
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;
using static Outlit.Build.CodeGen.Normalization.NormalizationContext;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Renders every <c>oneOf</c>/<c>anyOf</c>: discriminated unions become NSwag's inheritance form, other
/// object unions one merged superset type, and unions of primitives an untyped value. Every branch keeps a
/// class of its own, and every union is listed in the union report.
/// </summary>
internal sealed class ResolveUnions : INormalizationRule
{
    private const int MaxUnionPasses = 200;

    public string Name => "Resolve unions";

    public string Reason => "NSwag keeps only the first branch of a oneOf (or emits an empty class), so every other branch would be lost.";

    public void Apply(NormalizationContext context)
    {
        for (var pass = 0; pass < MaxUnionPasses; pass++)
        {
            var pending = FindOutermostUnions(context);
            if (pending.Count == 0)
            {
                return;
            }

            foreach (var (pointer, node) in pending)
            {
                // An earlier rewrite in this pass may have replaced or moved the node.
                if (!ReferenceEquals(JsonPointer.Resolve(context.Document, pointer), node))
                {
                    continue;
                }

                ResolveUnion(context, pointer, node);
            }
        }

        throw new InvalidOperationException($"Unions were still being rewritten after {MaxUnionPasses} passes; the document is probably recursive in a way the normalizer does not handle.");
    }

    private static List<(string Pointer, JsonObject Node)> FindOutermostUnions(NormalizationContext context)
    {
        var unions = SchemaWalker.PostOrder(context.Document)
            .Where(v => v.IsSchema && IsUnion(v.Node))
            .Select(v => (v.Pointer, v.Node))
            .OrderBy(u => u.Pointer.Length)
            .ThenBy(u => u.Pointer, StringComparer.Ordinal)
            .ToList();

        var outermost = new List<(string Pointer, JsonObject Node)>();
        foreach (var union in unions)
        {
            if (!outermost.Any(o => union.Pointer.StartsWith(o.Pointer + "/", StringComparison.Ordinal)))
            {
                outermost.Add(union);
            }
        }

        return outermost;
    }

    private static bool IsUnion(JsonObject schema) =>
        (schema["oneOf"] is JsonArray one && (one.Count > 1 || (one.Count == 1 && one[0] is JsonObject o && !o.ContainsKey("$ref"))))
        || schema["anyOf"] is JsonArray;

    private static void ResolveUnion(NormalizationContext context, string pointer, JsonObject node)
    {
        var keyword = node.ContainsKey("oneOf") ? "oneOf" : "anyOf";
        var branches = new List<JsonObject>();
        foreach (var key in new[] { "oneOf", "anyOf" })
        {
            if (node[key] is JsonArray array)
            {
                branches.AddRange(array.OfType<JsonObject>());
            }
        }

        var name = ComponentName(pointer) ?? context.NameFromPointer(pointer);
        var flats = branches.Select(context.Flatten).ToList();

        if (branches.Count > 0 && flats.All(f => f.IsObject))
        {
            var discriminator = FindDiscriminator(node, branches, flats);
            if (discriminator is not null && CanInherit(context, name, branches, flats))
            {
                MakeInheritance(context, pointer, node, name, keyword, discriminator.Value.Property, discriminator.Value.Values, branches, flats);
                return;
            }

            MakeMerged(context, pointer, node, name, keyword, branches, flats);
            return;
        }

        MakeUntyped(context, pointer, node, name, keyword, branches, flats);
    }

    private static (string Property, List<string> Values)? FindDiscriminator(JsonObject node, List<JsonObject> branches, List<FlatSchema> flats)
    {
        if (node["discriminator"] is JsonObject explicitDiscriminator && StringValue(explicitDiscriminator["propertyName"]) is { } explicitName)
        {
            var mapping = explicitDiscriminator["mapping"] as JsonObject;
            var values = new List<string>();
            for (var i = 0; i < branches.Count; i++)
            {
                string? value = null;
                if (mapping is not null && RefName(branches[i]) is { } refName)
                {
                    value = mapping
                        .Where(m => StringValue(m.Value) is { } target && (target == SchemaReference(refName) || target == refName))
                        .Select(m => m.Key)
                        .FirstOrDefault();
                }

                value ??= SingleValue(flats[i], explicitName);
                if (value is null && RefName(branches[i]) is { } implicitName && mapping is null)
                {
                    // OpenAPI's default discriminator value is the component name.
                    value = implicitName;
                }

                if (value is null)
                {
                    return null;
                }

                values.Add(value);
            }

            return values.Distinct(StringComparer.Ordinal).Count() == values.Count ? (explicitName, values) : null;
        }

        foreach (var candidate in flats[0].PropertyOrder)
        {
            var values = flats.Select(f => SingleValue(f, candidate)).ToList();
            if (values.All(v => v is not null) && values.Distinct(StringComparer.Ordinal).Count() == values.Count)
            {
                return (candidate, values.Cast<string>().ToList());
            }
        }

        return null;
    }

    private static bool CanInherit(NormalizationContext context, string baseName, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < branches.Count; i++)
        {
            if (flats[i].HasUnion || flats[i].HasDiscriminator)
            {
                return false;
            }

            if (RefName(branches[i]) is { } refName)
            {
                if (refName == baseName || !seen.Add(refName) || context.DerivedFrom.ContainsKey(refName))
                {
                    return false;
                }
            }
            else if (branches[i].ContainsKey("$ref"))
            {
                return false;
            }
        }

        return true;
    }

    private static void MakeInheritance(NormalizationContext context, string pointer, JsonObject node, string name, string keyword, string property, List<string> values, List<JsonObject> branches, List<FlatSchema> flats)
    {
        // Properties every branch declares identically move to the base class.
        var common = flats[0].PropertyOrder
            .Where(p => p != property && flats.All(f => f.Properties.TryGetValue(p, out var s) && Equivalent(s, flats[0].Properties[p])))
            .ToList();
        var commonRequired = common.Where(p => flats.All(f => f.Required.Contains(p))).ToList();

        var baseName = IsComponentPointer(pointer) ? name : context.UniqueName(name);
        var derivedNames = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            derivedNames.Add(RefName(branches[i]) ?? context.UniqueName(baseName + Pascal(values[i]), reserve: true));
        }

        var mapping = new JsonObject();
        for (var i = 0; i < branches.Count; i++)
        {
            mapping[values[i]] = SchemaReference(derivedNames[i]);
        }

        var baseProperties = new JsonObject { [property] = new JsonObject { ["type"] = "string" } };
        foreach (var p in common)
        {
            baseProperties[p] = flats[0].Properties[p].DeepClone();
        }

        var baseSchema = new JsonObject
        {
            ["type"] = "object",
            ["description"] = JoinDescription(
                Description(node),
                $"Polymorphic on '{property}': " + string.Join(", ", values.Select((v, i) => $"'{v}' is {derivedNames[i]}")) + "."),
            ["discriminator"] = new JsonObject { ["propertyName"] = property, ["mapping"] = mapping },
            ["required"] = new JsonArray(new[] { property }.Concat(commonRequired).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
            ["properties"] = baseProperties,
            [UnionMarker] = UnionMarkerValue("inheritance", keyword, derivedNames, property),
        };

        for (var i = 0; i < branches.Count; i++)
        {
            var own = new JsonObject();
            foreach (var p in flats[i].PropertyOrder)
            {
                var s = flats[i].Properties[p];
                if (p != property && !common.Contains(p))
                {
                    own[p] = s.DeepClone();
                }
            }

            var ownSchema = new JsonObject { ["type"] = "object", ["properties"] = own };
            var ownRequired = flats[i].Required.Where(r => r != property && !common.Contains(r) && own.ContainsKey(r)).ToList();
            if (ownRequired.Count > 0)
            {
                ownSchema["required"] = new JsonArray(ownRequired.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            }

            if (flats[i].AdditionalProperties is JsonObject additional)
            {
                ownSchema["additionalProperties"] = additional.DeepClone();
            }

            var derived = new JsonObject();
            if (flats[i].Description is { } description)
            {
                derived["description"] = description;
            }

            derived["allOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaReference(baseName) }, ownSchema);
            context.Schemas[derivedNames[i]] = derived;
            context.DerivedFrom[derivedNames[i]] = baseName;
        }

        PlaceUnionSchema(context, pointer, node, baseName, baseSchema);
        context.Unions.Add(new UnionRecord(pointer, "inheritance", baseName, derivedNames, property, values));
    }

    private static void MakeMerged(NormalizationContext context, string pointer, JsonObject node, string name, string keyword, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var typeName = IsComponentPointer(pointer) ? name : context.UniqueName(name);
        var branchNames = HoistBranches(context, typeName, branches, flats);

        var properties = new JsonObject();
        var conflicted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var flat in flats)
        {
            foreach (var p in flat.PropertyOrder)
            {
                var s = flat.Properties[p];
                if (!properties.ContainsKey(p))
                {
                    properties[p] = s.DeepClone();
                }
                else if (!conflicted.Contains(p))
                {
                    var merged = MergePropertySchemas((JsonObject)properties[p]!, s);
                    if (merged is null)
                    {
                        conflicted.Add(p);
                        properties[p] = new JsonObject
                        {
                            ["description"] = JoinDescription(
                                Description((JsonObject)properties[p]!),
                                "The type of this value differs between the variants of " + typeName + "; read it as raw JSON."),
                        };
                    }
                    else
                    {
                        properties[p] = merged;
                    }
                }
            }
        }

        // Every property is optional: which ones appear depends on the variant.
        var mergedSchema = new JsonObject
        {
            ["type"] = "object",
            ["description"] = JoinDescription(Description(node), "One of: " + string.Join(", ", branchNames) + ". Holds the fields of every variant; those of other variants stay null."),
            ["properties"] = properties,
            [UnionMarker] = UnionMarkerValue("merged", keyword, branchNames, null),
        };

        var additional = flats.Select(f => f.AdditionalProperties).ToList();
        if (additional.All(a => a is JsonObject) && additional.Skip(1).All(a => JsonNode.DeepEquals(a, additional[0])))
        {
            mergedSchema["additionalProperties"] = additional[0]!.DeepClone();
        }

        PlaceUnionSchema(context, pointer, node, typeName, mergedSchema);
        context.Unions.Add(new UnionRecord(pointer, "merged", typeName, branchNames, null, []));
    }

    private static void MakeUntyped(NormalizationContext context, string pointer, JsonObject node, string name, string keyword, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var branchNames = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            if (RefName(branches[i]) is { } refName)
            {
                branchNames.Add(refName);
            }
            else if (flats[i].IsObject)
            {
                var hoisted = context.UniqueName(name + VariantSuffix(branches[i], flats[i], i), reserve: true);
                context.Schemas[hoisted] = branches[i].DeepClone();
                branchNames.Add(hoisted);
            }
            else
            {
                branchNames.Add(Describe(branches[i]));
            }
        }

        node.Remove("oneOf");
        node.Remove("anyOf");
        node.Remove("discriminator");
        node.Remove("type");
        node["description"] = JoinDescription(Description(node), "Any of: " + string.Join(", ", branchNames) + ".");
        node[UnionMarker] = UnionMarkerValue("untyped", keyword, branchNames, null);
        context.Unions.Add(new UnionRecord(pointer, "untyped", null, branchNames, null, []));
    }

    /// <summary>Gives every inline object branch a component of its own so it is generated as a class.</summary>
    private static List<string> HoistBranches(NormalizationContext context, string unionName, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var names = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            if (RefName(branches[i]) is { } refName)
            {
                names.Add(refName);
                continue;
            }

            var hoisted = context.UniqueName(unionName + VariantSuffix(branches[i], flats[i], i), reserve: true);
            context.Schemas[hoisted] = branches[i].DeepClone();
            names.Add(hoisted);
        }

        return names;
    }

    /// <summary>Puts the schema standing for a union in components and points the union's location at it.</summary>
    private static void PlaceUnionSchema(NormalizationContext context, string pointer, JsonObject node, string typeName, JsonObject schema)
    {
        if (IsComponentPointer(pointer))
        {
            if (IsTrue(node["nullable"]))
            {
                schema["nullable"] = true;
            }

            context.Schemas[typeName] = schema;
            return;
        }

        context.Schemas[typeName] = schema;
        var nullable = IsTrue(node["nullable"]);
        var description = node["description"]?.DeepClone();
        node.Clear();
        if (nullable)
        {
            node["nullable"] = true;
            node["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemaReference(typeName) });
        }
        else
        {
            node["$ref"] = SchemaReference(typeName);
        }

        if (description is not null)
        {
            node["description"] = description;
        }
    }

    /// <summary>
    /// Combines the schemas two variants give one property. Returns null when they disagree on
    /// the type (the merged property then becomes untyped rather than wrong for one variant).
    /// </summary>
    internal static JsonObject? MergePropertySchemas(JsonObject first, JsonObject second)
    {
        if (Equivalent(first, second))
        {
            var merged = (JsonObject)first.DeepClone();
            if (IsTrue(second["nullable"]))
            {
                merged["nullable"] = true;
            }

            return merged;
        }

        // Two enums (typically each variant's constant): the property takes any of their values.
        if (first["enum"] is JsonArray a && second["enum"] is JsonArray b
            && Equivalent(WithoutKey(first, "enum"), WithoutKey(second, "enum")))
        {
            var merged = (JsonObject)first.DeepClone();
            var values = a.Select(v => v!.DeepClone()).ToList();
            foreach (var value in b)
            {
                if (!values.Any(existing => JsonNode.DeepEquals(existing, value)))
                {
                    values.Add(value!.DeepClone());
                }
            }

            merged["enum"] = new JsonArray(values.ToArray());
            if (IsTrue(second["nullable"]))
            {
                merged["nullable"] = true;
            }

            return merged;
        }

        // One variant fixes the value (a constant), the other allows any value of the same type: the property takes
        // any value of that type (a success flag that is always true in one answer and either in another).
        if ((first["enum"] is null) != (second["enum"] is null))
        {
            var open = first["enum"] is null ? first : second;
            var closed = first["enum"] is null ? second : first;
            if (Equivalent(WithoutKey(closed, "enum"), open))
            {
                var merged = (JsonObject)open.DeepClone();
                if (IsTrue(first["nullable"]) || IsTrue(second["nullable"]))
                {
                    merged["nullable"] = true;
                }

                return merged;
            }
        }

        return null;
    }

    private static JsonObject WithoutKey(JsonObject schema, string key)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy.Remove(key);
        return copy;
    }

    private static string VariantSuffix(JsonObject branch, FlatSchema flat, int index)
    {
        if (StringValue(branch["title"]) is { } title)
        {
            return Pascal(title);
        }

        foreach (var name in flat.PropertyOrder)
        {
            if (SingleValue(flat, name) is { } value)
            {
                return Pascal(value);
            }
        }

        return "Variant" + (index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private static string Describe(JsonObject branch) =>
        RefName(branch) ?? StringValue(branch["type"]) ?? "any value";

    private static JsonObject UnionMarkerValue(string strategy, string keyword, IEnumerable<string> branches, string? discriminator)
    {
        var marker = new JsonObject
        {
            ["strategy"] = strategy,
            ["keyword"] = keyword,
            ["branches"] = new JsonArray(branches.Select(b => (JsonNode)JsonValue.Create(b)!).ToArray()),
        };
        if (discriminator is not null)
        {
            marker["discriminator"] = discriminator;
        }

        return marker;
    }
}

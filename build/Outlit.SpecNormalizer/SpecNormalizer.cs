using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outlit.Build.SpecNormalizer;

/// <summary>How one <c>oneOf</c>/<c>anyOf</c> of the source document was made readable for NSwag.</summary>
/// <param name="Pointer">Where the union was in the document being normalized.</param>
/// <param name="Strategy"><c>inheritance</c>, <c>merged</c> or <c>untyped</c>.</param>
/// <param name="TypeName">The component schema (and so the generated class) that stands for the union; null when untyped.</param>
/// <param name="Branches">Component names of every branch (inline branches are hoisted and named).</param>
/// <param name="Discriminator">The discriminating property for the inheritance form.</param>
/// <param name="DiscriminatorValues">Discriminator value of each branch, in branch order.</param>
internal sealed record UnionRecord(
    string Pointer,
    string Strategy,
    string? TypeName,
    IReadOnlyList<string> Branches,
    string? Discriminator,
    IReadOnlyList<string> DiscriminatorValues);

/// <summary>The normalized document and what was done to its unions.</summary>
internal sealed record NormalizationResult(JsonObject Document, IReadOnlyList<UnionRecord> Unions);

/// <summary>
/// Rewrites an OpenAPI 3.0/3.1 document into the OpenAPI 3.0 subset that NSwag 14 generates
/// faithful C# from. Every rewrite keeps the set of JSON values the schema accepts the same or
/// wider (never narrower), so generated code may be more lenient than the contract but never
/// rejects a valid payload. See build/README.md for the reason behind each rule.
/// </summary>
internal sealed class SpecNormalizer
{
    /// <summary>Marker left on every schema that stands for a union, for readers of the intermediate.</summary>
    public const string UnionMarker = "x-outlit-union";

    private const string SchemasPrefix = "#/components/schemas/";
    private const int MaxUnionPasses = 200;

    /// <summary>3.1 (JSON Schema 2020-12) keywords that NSwag does not understand and that only restrict values.</summary>
    private static readonly string[] DroppedKeywords =
    [
        "$schema", "$id", "$anchor", "$comment", "$dynamicAnchor", "propertyNames", "contentMediaType",
        "contentEncoding", "contentSchema", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
        "dependentSchemas", "patternProperties", "if", "then", "else", "contains", "minContains", "maxContains",
    ];

    /// <summary>Keys that describe a schema without constraining it; ignored when comparing two schemas.</summary>
    private static readonly HashSet<string> AnnotationKeys = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "nullable", "deprecated", "readOnly", "writeOnly", "default", UnionMarker,
    };

    private readonly JsonObject _document;
    private readonly JsonObject _schemas;
    private readonly List<UnionRecord> _unions = [];

    /// <summary>Component schemas turned into a subclass, with the base they now derive from.</summary>
    private readonly Dictionary<string, string> _derivedFrom = new(StringComparer.Ordinal);

    private SpecNormalizer(JsonObject document)
    {
        _document = document;
        var components = document["components"] as JsonObject;
        if (components is null)
        {
            components = new JsonObject();
            document["components"] = components;
        }

        var schemas = components["schemas"] as JsonObject;
        if (schemas is null)
        {
            schemas = new JsonObject();
            components["schemas"] = schemas;
        }

        _schemas = schemas;
    }

    /// <summary>Validates and normalizes a document given as JSON text.</summary>
    /// <exception cref="SpecRefusedException">The document is invalid.</exception>
    public static NormalizationResult Normalize(string json)
    {
        var document = SpecValidator.Parse(json);
        var problems = SpecValidator.Validate(document, json);
        if (problems.Count > 0)
        {
            throw new SpecRefusedException(problems);
        }

        var normalizer = new SpecNormalizer(document);
        normalizer.Run();

        // The rewrite must not have broken any reference; if it did, that is a bug here, not in the input.
        var introduced = SpecValidator.CheckReferences(document).ToList();
        if (introduced.Count > 0)
        {
            throw new InvalidOperationException("Normalization produced dangling references: " + string.Join("; ", introduced));
        }

        return new NormalizationResult(document, normalizer._unions);
    }

    private void Run()
    {
        InlineFreeFormObjects();
        foreach (var visit in SchemaWalker.PostOrder(_document))
        {
            if (visit.IsSchema)
            {
                NormalizeKeywords(visit.Node);
            }
        }

        HoistOperationSchemas();
        ResolveUnions();
        HoistInlineEnums();
        GiveAliasesAClass();
        FinishDocument();
    }

    /// <summary>
    /// A component that only names another object schema (<c>allOf: [$ref]</c> or a bare
    /// <c>$ref</c>) gets a class deriving from its target. NSwag otherwise reuses the target's
    /// class and the component's name (GetFactOutput, listed in x-outlit-tools) does not exist.
    /// </summary>
    private void GiveAliasesAClass()
    {
        foreach (var (name, node) in _schemas.ToArray())
        {
            if (node is not JsonObject schema)
            {
                continue;
            }

            JsonObject? reference = null;
            if (schema["allOf"] is JsonArray { Count: 1 } allOf && allOf[0] is JsonObject only && only.Count == 1 && only.ContainsKey("$ref"))
            {
                reference = only;
            }
            else if (schema.ContainsKey("$ref"))
            {
                reference = new JsonObject { ["$ref"] = schema["$ref"]!.DeepClone() };
            }

            var structural = schema.Select(p => p.Key).Where(k => !AnnotationKeys.Contains(k) && k is not "allOf" and not "$ref" and not "type");
            if (reference is null || structural.Any() || RefName(reference) is not { } target || _schemas[target] is not JsonObject targetSchema || !Flatten(targetSchema, []).IsObject)
            {
                continue;
            }

            schema.Remove("$ref");
            schema["allOf"] = new JsonArray((JsonNode)reference.DeepClone(), new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() });
        }
    }

    /// <summary>
    /// Gives every inline string enum of a component a component of its own named after its
    /// owner and property (ListCustomersInputOrderBy, GetCustomerInputIncludeItem). NSwag names
    /// enums of array items after the property alone ("Status", "SourceTypes2"), which collides
    /// across schemas and changes when an unrelated schema is added.
    /// </summary>
    private void HoistInlineEnums()
    {
        foreach (var (componentName, componentNode) in _schemas.ToArray())
        {
            if (componentNode is JsonObject component)
            {
                HoistEnumsBelow(JsonPointer.Append("/components/schemas", componentName), component);
            }
        }
    }

    private void HoistEnumsBelow(string pointer, JsonObject schema)
    {
        foreach (var (childPointer, child) in SchemaWalker.Subschemas(pointer, schema).ToList())
        {
            if (IsInlineStringEnum(child))
            {
                var name = UniqueName(NameFromPointer(childPointer));
                var enumSchema = new JsonObject();
                foreach (var key in new[] { "type", "enum", "description" })
                {
                    if (child[key] is JsonNode value)
                    {
                        enumSchema[key] = value.DeepClone();
                    }
                }

                enumSchema["type"] ??= "string";
                _schemas[name] = enumSchema;
                foreach (var key in new[] { "type", "enum", "format", "minLength", "maxLength", "pattern" })
                {
                    child.Remove(key);
                }

                var reference = new JsonObject { ["$ref"] = SchemasPrefix + JsonPointer.Escape(name) };
                if (child.Count == 0)
                {
                    child["$ref"] = reference["$ref"]!.DeepClone();
                }
                else
                {
                    child["allOf"] = new JsonArray(reference);
                }
            }
            else
            {
                HoistEnumsBelow(childPointer, child);
            }
        }
    }

    private static bool IsInlineStringEnum(JsonObject schema) =>
        !schema.ContainsKey("$ref")
        && schema["enum"] is JsonArray values && values.Count > 0 && values.All(v => v?.GetValueKind() == JsonValueKind.String)
        && (schema["type"] is null || (schema["type"]!.GetValueKind() == JsonValueKind.String && schema["type"]!.GetValue<string>() == "string"));

    /// <summary>
    /// Moves inline object schemas of request and response bodies into named components, so
    /// the generated classes are named after their operation (ListIntegrationsResponse) rather
    /// than NSwag's positional names (Response, Response2, Body).
    /// </summary>
    private void HoistOperationSchemas()
    {
        if (_document["paths"] is not JsonObject paths)
        {
            return;
        }

        foreach (var (path, pathItemNode) in paths.ToArray())
        {
            if (pathItemNode is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var (method, operationNode) in pathItem.ToArray())
            {
                if (operationNode is not JsonObject operation || method is "parameters" or "servers" or "summary" or "description")
                {
                    continue;
                }

                var operationPointer = JsonPointer.Append(JsonPointer.Append("/paths", path), method);
                if (operation["requestBody"]?["content"] is JsonObject requestContent)
                {
                    HoistMediaSchemas(requestContent, JsonPointer.Append(JsonPointer.Append(operationPointer, "requestBody"), "content"));
                }

                if (operation["responses"] is JsonObject responses)
                {
                    foreach (var (status, responseNode) in responses.ToArray())
                    {
                        if (responseNode?["content"] is JsonObject responseContent)
                        {
                            HoistMediaSchemas(responseContent, JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(operationPointer, "responses"), status), "content"));
                        }
                    }
                }
            }
        }
    }

    private void HoistMediaSchemas(JsonObject content, string contentPointer)
    {
        foreach (var (mediaType, mediaNode) in content.ToArray())
        {
            if (mediaNode is not JsonObject media || media["schema"] is not JsonObject schema)
            {
                continue;
            }

            var schemaPointer = JsonPointer.Append(JsonPointer.Append(contentPointer, mediaType), "schema");
            if (IsInlineObjectWithProperties(schema))
            {
                media["schema"] = Hoist(schemaPointer, schema);
            }
            else if (schema["items"] is JsonObject items && IsInlineObjectWithProperties(items))
            {
                schema["items"] = Hoist(JsonPointer.Append(schemaPointer, "items"), items);
            }
        }
    }

    private static bool IsInlineObjectWithProperties(JsonObject schema) =>
        !schema.ContainsKey("$ref") && schema["properties"] is JsonObject properties && properties.Count > 0
        && !schema.ContainsKey("oneOf") && !schema.ContainsKey("anyOf");

    private JsonObject Hoist(string pointer, JsonObject schema)
    {
        var name = UniqueName(NameFromPointer(pointer));
        _schemas[name] = schema.DeepClone();
        return new JsonObject { ["$ref"] = SchemasPrefix + JsonPointer.Escape(name) };
    }

    /// <summary>
    /// A component that is only "any JSON object" (no properties) becomes a dictionary where it
    /// is used instead of a class of its own. NSwag would otherwise emit an empty class named
    /// after the component; for the contract's <c>JsonObject</c> that is a public
    /// <c>Outlit.JsonObject</c> which shadows System.Text.Json.Nodes.JsonObject in every file of
    /// the Outlit namespaces, and an IDictionary is the natural C# shape of a free-form map.
    /// </summary>
    private void InlineFreeFormObjects()
    {
        var freeForm = _schemas
            .Where(s => s.Value is JsonObject schema && IsFreeFormObject(schema))
            .ToDictionary(s => SchemasPrefix + JsonPointer.Escape(s.Key), s => (JsonObject)s.Value!, StringComparer.Ordinal);
        if (freeForm.Count == 0)
        {
            return;
        }

        foreach (var visit in SchemaWalker.PostOrder(_document))
        {
            if (visit.Node["$ref"]?.GetValueKind() == JsonValueKind.String
                && freeForm.TryGetValue(visit.Node["$ref"]!.GetValue<string>(), out var target))
            {
                visit.Node.Remove("$ref");
                foreach (var (key, value) in target)
                {
                    if (!visit.Node.ContainsKey(key))
                    {
                        visit.Node[key] = value?.DeepClone();
                    }
                }

                visit.Node["type"] ??= "object";
                visit.Node["additionalProperties"] = new JsonObject();
            }
        }

        foreach (var reference in freeForm.Keys)
        {
            _schemas.Remove(JsonPointer.Unescape(reference[SchemasPrefix.Length..]));
        }
    }

    internal static bool IsFreeFormObject(JsonObject schema)
    {
        var type = schema["type"];
        var isObjectType = type switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>() == "object",
            JsonArray a => a.Select(t => t?.GetValue<string>()).Where(t => t != "null").SequenceEqual(["object"]),
            _ => false,
        };
        var additional = schema["additionalProperties"];
        var openAdditional = additional is null
            || (additional is JsonValue b && b.GetValueKind() == JsonValueKind.True)
            || (additional is JsonObject o && o.Count == 0);
        var structuralKeys = new[] { "properties", "allOf", "oneOf", "anyOf", "enum", "const", "$ref", "discriminator", "patternProperties", "required" };
        return isObjectType && openAdditional && !structuralKeys.Any(k => schema.ContainsKey(k) && !(k == "properties" && schema[k] is JsonObject { Count: 0 }));
    }

    // ---------------------------------------------------------------- keyword level

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
                AppendDescription(schema, "Accepts a value of type " + string.Join(" or ", nonNull) + ".");
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
                if (!schema.ContainsKey("type"))
                {
                    var inferred = InferType(constant);
                    if (inferred is not null)
                    {
                        schema["type"] = inferred;
                    }
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
        if (schema.ContainsKey("$ref") && schema["nullable"] is JsonValue nullableValue && nullableValue.GetValueKind() == JsonValueKind.True)
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
        var constraintKeys = branch.Select(p => p.Key).Where(k => !AnnotationKeys.Contains(k) || k == "nullable").ToList();
        if (branch["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == "null")
        {
            return constraintKeys.All(k => k is "type" or "nullable");
        }

        if (branch["type"] is JsonArray ta && ta.Count == 1 && ta[0]?.GetValue<string>() == "null")
        {
            return constraintKeys.All(k => k is "type" or "nullable");
        }

        // Already rewritten by the post-order pass: {type: null} became {nullable: true}.
        if (constraintKeys.Count == 1 && constraintKeys[0] == "nullable" && branch["nullable"]?.GetValueKind() == JsonValueKind.True)
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

    // ---------------------------------------------------------------- unions

    private void ResolveUnions()
    {
        for (var pass = 0; pass < MaxUnionPasses; pass++)
        {
            var pending = FindOutermostUnions();
            if (pending.Count == 0)
            {
                return;
            }

            foreach (var (pointer, node) in pending)
            {
                // An earlier rewrite in this pass may have replaced or moved the node.
                if (!ReferenceEquals(JsonPointer.Resolve(_document, pointer), node))
                {
                    continue;
                }

                ResolveUnion(pointer, node);
            }
        }

        throw new InvalidOperationException($"Unions were still being rewritten after {MaxUnionPasses} passes; the document is probably recursive in a way the normalizer does not handle.");
    }

    private List<(string Pointer, JsonObject Node)> FindOutermostUnions()
    {
        var unions = SchemaWalker.PostOrder(_document)
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

    private void ResolveUnion(string pointer, JsonObject node)
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

        var name = ComponentName(pointer) ?? NameFromPointer(pointer);
        var flats = branches.Select(b => Flatten(b, [])).ToList();

        if (branches.Count > 0 && flats.All(f => f.IsObject))
        {
            var discriminator = FindDiscriminator(node, branches, flats);
            if (discriminator is not null && CanInherit(name, branches, flats))
            {
                MakeInheritance(pointer, node, name, keyword, discriminator.Value.Property, discriminator.Value.Values, branches, flats);
                return;
            }

            MakeMerged(pointer, node, name, keyword, branches, flats);
            return;
        }

        MakeUntyped(pointer, node, name, keyword, branches, flats);
    }

    private (string Property, List<string> Values)? FindDiscriminator(JsonObject node, List<JsonObject> branches, List<FlatSchema> flats)
    {
        if (node["discriminator"] is JsonObject explicitDiscriminator && explicitDiscriminator["propertyName"]?.GetValue<string>() is { } explicitName)
        {
            var mapping = explicitDiscriminator["mapping"] as JsonObject;
            var values = new List<string>();
            for (var i = 0; i < branches.Count; i++)
            {
                string? value = null;
                if (mapping is not null && RefName(branches[i]) is { } refName)
                {
                    value = mapping
                        .Where(m => m.Value?.GetValue<string>() is { } target && (target == SchemasPrefix + JsonPointer.Escape(refName) || target == refName))
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

    private static string? SingleValue(FlatSchema flat, string property)
    {
        if (flat.Properties.TryGetValue(property, out var schema)
            && schema["enum"] is JsonArray values
            && values.Count == 1
            && values[0]?.GetValueKind() == JsonValueKind.String)
        {
            return values[0]!.GetValue<string>();
        }

        return null;
    }

    private bool CanInherit(string baseName, List<JsonObject> branches, List<FlatSchema> flats)
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
                if (refName == baseName || !seen.Add(refName) || _derivedFrom.ContainsKey(refName))
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

    private void MakeInheritance(string pointer, JsonObject node, string name, string keyword, string property, List<string> values, List<JsonObject> branches, List<FlatSchema> flats)
    {
        // Properties every branch declares identically move to the base class.
        var common = flats[0].PropertyOrder
            .Where(p => p != property && flats.All(f => f.Properties.TryGetValue(p, out var s) && Equivalent(s, flats[0].Properties[p])))
            .ToList();
        var commonRequired = common.Where(p => flats.All(f => f.Required.Contains(p))).ToList();

        var baseName = IsComponentPointer(pointer) ? name : UniqueName(name);
        var derivedNames = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            derivedNames.Add(RefName(branches[i]) ?? UniqueName(baseName + Pascal(values[i]), reserve: true));
        }

        var mapping = new JsonObject();
        for (var i = 0; i < branches.Count; i++)
        {
            mapping[values[i]] = SchemasPrefix + JsonPointer.Escape(derivedNames[i]);
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

            derived["allOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemasPrefix + JsonPointer.Escape(baseName) }, ownSchema);
            _schemas[derivedNames[i]] = derived;
            _derivedFrom[derivedNames[i]] = baseName;
        }

        PlaceUnionSchema(pointer, node, baseName, baseSchema);
        _unions.Add(new UnionRecord(pointer, "inheritance", baseName, derivedNames, property, values));
    }

    private void MakeMerged(string pointer, JsonObject node, string name, string keyword, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var typeName = IsComponentPointer(pointer) ? name : UniqueName(name);
        var branchNames = HoistBranches(typeName, branches, flats);

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

        PlaceUnionSchema(pointer, node, typeName, mergedSchema);
        _unions.Add(new UnionRecord(pointer, "merged", typeName, branchNames, null, []));
    }

    private void MakeUntyped(string pointer, JsonObject node, string name, string keyword, List<JsonObject> branches, List<FlatSchema> flats)
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
                var hoisted = UniqueName(name + VariantSuffix(branches[i], flats[i], i), reserve: true);
                _schemas[hoisted] = branches[i].DeepClone();
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
        _unions.Add(new UnionRecord(pointer, "untyped", null, branchNames, null, []));
    }

    /// <summary>Gives every inline object branch a component of its own so it is generated as a class.</summary>
    private List<string> HoistBranches(string unionName, List<JsonObject> branches, List<FlatSchema> flats)
    {
        var names = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            if (RefName(branches[i]) is { } refName)
            {
                names.Add(refName);
                continue;
            }

            var hoisted = UniqueName(unionName + VariantSuffix(branches[i], flats[i], i), reserve: true);
            _schemas[hoisted] = branches[i].DeepClone();
            names.Add(hoisted);
        }

        return names;
    }

    /// <summary>Puts the schema standing for a union in components and points the union's location at it.</summary>
    private void PlaceUnionSchema(string pointer, JsonObject node, string typeName, JsonObject schema)
    {
        if (IsComponentPointer(pointer))
        {
            if (node["nullable"]?.GetValueKind() == JsonValueKind.True)
            {
                schema["nullable"] = true;
            }

            _schemas[typeName] = schema;
            return;
        }

        _schemas[typeName] = schema;
        var nullable = node["nullable"]?.GetValueKind() == JsonValueKind.True;
        var description = node["description"]?.DeepClone();
        node.Clear();
        if (nullable)
        {
            node["nullable"] = true;
            node["oneOf"] = new JsonArray(new JsonObject { ["$ref"] = SchemasPrefix + JsonPointer.Escape(typeName) });
        }
        else
        {
            node["$ref"] = SchemasPrefix + JsonPointer.Escape(typeName);
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
            if (second["nullable"]?.GetValueKind() == JsonValueKind.True)
            {
                merged["nullable"] = true;
            }

            return merged;
        }

        // Two string enums (typically each variant's constant): the property takes any of their values.
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
            if (second["nullable"]?.GetValueKind() == JsonValueKind.True)
            {
                merged["nullable"] = true;
            }

            return merged;
        }

        return null;
    }

    private static JsonObject WithoutKey(JsonObject schema, string key)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy.Remove(key);
        return copy;
    }

    /// <summary>Equal as constraints: descriptions, examples and nullability do not matter.</summary>
    internal static bool Equivalent(JsonObject a, JsonObject b) => JsonNode.DeepEquals(StripAnnotations(a), StripAnnotations(b));

    private static JsonNode StripAnnotations(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!AnnotationKeys.Contains(key))
                    {
                        result[key] = value is null ? null : StripAnnotations(value);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(i => i is null ? null : StripAnnotations(i)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    // ---------------------------------------------------------------- flattening

    /// <summary>A schema with its $ref and allOf resolved: the properties an instance can carry.</summary>
    private sealed class FlatSchema
    {
        public Dictionary<string, JsonObject> Properties { get; } = new(StringComparer.Ordinal);

        public List<string> PropertyOrder { get; } = [];

        public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

        public bool IsObject { get; set; }

        public bool HasUnion { get; set; }

        public bool HasDiscriminator { get; set; }

        public JsonNode? AdditionalProperties { get; set; }

        public string? Description { get; set; }
    }

    private FlatSchema Flatten(JsonObject schema, HashSet<string> visiting)
    {
        var flat = new FlatSchema();
        if (RefName(schema) is { } refName)
        {
            if (!visiting.Add(refName) || _schemas[refName] is not JsonObject target)
            {
                flat.IsObject = true;
                return flat;
            }

            var inner = Flatten(target, visiting);
            visiting.Remove(refName);
            return inner;
        }

        if (schema["discriminator"] is not null)
        {
            flat.HasDiscriminator = true;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var member in allOf.OfType<JsonObject>())
            {
                var part = Flatten(member, visiting);
                flat.IsObject |= part.IsObject;
                flat.HasUnion |= part.HasUnion;
                flat.HasDiscriminator |= part.HasDiscriminator;
                flat.Required.UnionWith(part.Required);
                flat.AdditionalProperties ??= part.AdditionalProperties;
                flat.Description ??= part.Description;
                foreach (var p in part.PropertyOrder)
                {
                    AddProperty(flat, p, part.Properties[p], intersect: true);
                }
            }
        }

        foreach (var keyword in new[] { "oneOf", "anyOf" })
        {
            if (schema[keyword] is not JsonArray branches)
            {
                continue;
            }

            flat.HasUnion = true;
            var parts = branches.OfType<JsonObject>().Select(b => Flatten(b, visiting)).ToList();
            flat.IsObject |= parts.Count > 0 && parts.All(p => p.IsObject);
            foreach (var part in parts)
            {
                foreach (var p in part.PropertyOrder)
                {
                    if (!flat.Properties.ContainsKey(p))
                    {
                        AddProperty(flat, p, part.Properties[p], intersect: false);
                    }
                }
            }
        }

        var type = schema["type"]?.GetValueKind() == JsonValueKind.String ? schema["type"]!.GetValue<string>() : null;
        if (type == "object" || (type is null && (schema.ContainsKey("properties") || schema["additionalProperties"] is JsonObject)))
        {
            flat.IsObject = true;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (p, s) in properties)
            {
                if (s is JsonObject propertySchema)
                {
                    AddProperty(flat, p, propertySchema, intersect: true);
                }
            }
        }

        if (schema["required"] is JsonArray required)
        {
            flat.Required.UnionWith(required.Select(r => r?.GetValue<string>()).Where(r => r is not null).Cast<string>());
        }

        if (schema["additionalProperties"] is JsonObject additionalSchema)
        {
            flat.AdditionalProperties = additionalSchema;
        }

        if (schema["description"]?.GetValueKind() == JsonValueKind.String)
        {
            flat.Description = schema["description"]!.GetValue<string>();
        }

        return flat;
    }

    /// <summary>
    /// Adds a property; with <paramref name="intersect"/> (allOf semantics) a second declaration
    /// of the same property refines the first, key by key.
    /// </summary>
    private static void AddProperty(FlatSchema flat, string name, JsonObject schema, bool intersect)
    {
        if (flat.Properties.TryGetValue(name, out var existing) && intersect)
        {
            var refined = (JsonObject)existing.DeepClone();
            foreach (var (key, value) in schema)
            {
                refined[key] = value?.DeepClone();
            }

            // A narrower declaration without a type keeps the earlier type.
            flat.Properties[name] = refined;
            return;
        }

        if (!flat.Properties.ContainsKey(name))
        {
            flat.PropertyOrder.Add(name);
        }

        flat.Properties[name] = (JsonObject)schema.DeepClone();
    }

    // ---------------------------------------------------------------- naming

    private static bool IsComponentPointer(string pointer)
    {
        var segments = JsonPointer.Segments(pointer);
        return segments.Count == 3 && segments[0] == "components" && segments[1] == "schemas";
    }

    private static string? ComponentName(string pointer) =>
        IsComponentPointer(pointer) ? JsonPointer.Segments(pointer)[2] : null;

    /// <summary>Names an inline union after where it sits: operation, then property path.</summary>
    internal string NameFromPointer(string pointer)
    {
        var segments = JsonPointer.Segments(pointer);
        var name = new StringBuilder();
        var i = 0;
        if (segments.Count >= 3 && segments[0] == "components" && segments[1] == "schemas")
        {
            name.Append(segments[2]);
            i = 3;
        }
        else if (segments.Count >= 3 && segments[0] == "paths")
        {
            var operation = _document["paths"]?[segments[1]]?[segments[2]] as JsonObject;
            var operationId = operation?["operationId"]?.GetValueKind() == JsonValueKind.String ? operation["operationId"]!.GetValue<string>() : null;
            name.Append(Pascal(operationId ?? segments[2] + " " + segments[1]));
            i = 3;
            if (i < segments.Count && segments[i] == "requestBody")
            {
                name.Append("Request");
                i++;
            }
            else if (i + 1 < segments.Count && segments[i] == "responses")
            {
                var status = segments[i + 1];
                name.Append(status.StartsWith('2') ? "Response" : "Response" + Pascal(status));
                i += 2;
            }
            else if (i + 1 < segments.Count && segments[i] == "parameters")
            {
                var parameter = operation?["parameters"]?[int.Parse(segments[i + 1], CultureInfo.InvariantCulture)]?["name"]?.GetValue<string>();
                name.Append(Pascal(parameter ?? "Parameter"));
                i += 2;
            }

            // Skip content/{media type}/schema.
            while (i < segments.Count && segments[i] != "schema")
            {
                i++;
            }

            i++;
        }
        else if (segments.Count >= 3 && segments[0] == "components")
        {
            name.Append(Pascal(segments[2]));
            name.Append(segments[1] switch
            {
                "responses" => "Response",
                "requestBodies" => "Request",
                "parameters" => "Parameter",
                "headers" => "Header",
                _ => string.Empty,
            });
            while (i < segments.Count && segments[i] != "schema")
            {
                i++;
            }

            i++;
        }

        for (; i < segments.Count; i++)
        {
            switch (segments[i])
            {
                case "properties" when i + 1 < segments.Count:
                    name.Append(Pascal(segments[++i]));
                    break;
                case "items":
                    name.Append("Item");
                    break;
                case "additionalProperties":
                    name.Append("Value");
                    break;
                case "oneOf" or "anyOf" when i + 1 < segments.Count:
                    name.Append("Variant").Append(int.Parse(segments[++i], CultureInfo.InvariantCulture) + 1);
                    break;
                case "allOf" when i + 1 < segments.Count:
                    i++;
                    break;
                default:
                    name.Append(Pascal(segments[i]));
                    break;
            }
        }

        return name.Length == 0 ? "Union" : name.ToString();
    }

    private static string VariantSuffix(JsonObject branch, FlatSchema flat, int index)
    {
        if (branch["title"]?.GetValueKind() == JsonValueKind.String)
        {
            return Pascal(branch["title"]!.GetValue<string>());
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

    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);

    private string UniqueName(string name, bool reserve = false)
    {
        var candidate = name;
        for (var n = 2; _schemas.ContainsKey(candidate) || _reserved.Contains(candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        if (reserve)
        {
            _reserved.Add(candidate);
        }

        return candidate;
    }

    /// <summary>"outlit_list-customers v2" -> "OutlitListCustomersV2"; "SLACK_CHANNEL" -> "SlackChannel".</summary>
    internal static string Pascal(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in Regex.Split(text, "[^A-Za-z0-9]+"))
        {
            if (word.Length == 0)
            {
                continue;
            }

            var shouting = word.Length > 1 && word.Any(char.IsLetter) && !word.Any(char.IsLower);
            builder.Append(char.ToUpperInvariant(word[0]));
            builder.Append(shouting ? word[1..].ToLowerInvariant() : word[1..]);
        }

        if (builder.Length > 0 && char.IsDigit(builder[0]))
        {
            builder.Insert(0, 'V');
        }

        return builder.ToString();
    }

    private static string? RefName(JsonObject schema) =>
        schema["$ref"]?.GetValueKind() == JsonValueKind.String && schema["$ref"]!.GetValue<string>() is { } reference && reference.StartsWith(SchemasPrefix, StringComparison.Ordinal)
            ? JsonPointer.Unescape(reference[SchemasPrefix.Length..])
            : null;

    private static string Describe(JsonObject branch) =>
        RefName(branch) ?? (branch["type"]?.GetValueKind() == JsonValueKind.String ? branch["type"]!.GetValue<string>() : "any value");

    private static string? Description(JsonObject schema) =>
        schema["description"]?.GetValueKind() == JsonValueKind.String ? schema["description"]!.GetValue<string>() : null;

    private static string JoinDescription(string? first, string second) =>
        string.IsNullOrWhiteSpace(first) ? second : first.TrimEnd() + (first.TrimEnd().EndsWith('.') ? " " : ". ") + second;

    private static void AppendDescription(JsonObject schema, string text) =>
        schema["description"] = JoinDescription(Description(schema), text);

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

    // ---------------------------------------------------------------- document level

    private void FinishDocument()
    {
        _document["openapi"] = "3.0.3";
        _document.Remove("jsonSchemaDialect");
        _document.Remove("webhooks");
        if (_document["info"] is JsonObject info)
        {
            info.Remove("summary");
            if (info["license"] is JsonObject license)
            {
                license.Remove("identifier");
            }
        }

        if (_document["components"] is JsonObject components)
        {
            components.Remove("pathItems");
        }
    }
}

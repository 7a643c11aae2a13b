using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization;

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

/// <summary>
/// The document being normalized and what the rules share: the component schemas, the unions
/// rendered so far, names already taken, and the helpers every rule names and flattens with.
/// </summary>
internal sealed class NormalizationContext
{
    public const string SchemasPrefix = "#/components/schemas/";

    /// <summary>Marker left on every schema that stands for a union, for readers of the intermediate.</summary>
    public const string UnionMarker = "x-outlit-union";

    /// <summary>Keys that describe a schema without constraining it; ignored when comparing two schemas.</summary>
    public static readonly HashSet<string> AnnotationKeys = new(StringComparer.Ordinal)
    {
        "description", "title", "example", "examples", "nullable", "deprecated", "readOnly", "writeOnly", "default", UnionMarker,
    };

    private readonly HashSet<string> reserved = new(StringComparer.Ordinal);

    public NormalizationContext(JsonObject document)
    {
        Document = document;
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

        Schemas = schemas;
    }

    public JsonObject Document { get; }

    public JsonObject Schemas { get; }

    public List<UnionRecord> Unions { get; } = [];

    /// <summary>Component schemas turned into a subclass, with the base they now derive from.</summary>
    public Dictionary<string, string> DerivedFrom { get; } = new(StringComparer.Ordinal);

    /// <summary>Every operation of the document with its pointer, in document order.</summary>
    public IEnumerable<(string Pointer, string Path, string Method, JsonObject Operation)> Operations()
    {
        if (Document["paths"] is not JsonObject paths)
        {
            yield break;
        }

        foreach (var (path, pathItemNode) in paths.ToArray())
        {
            if (pathItemNode is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var (method, operationNode) in pathItem.ToArray())
            {
                if (operationNode is JsonObject operation && IsHttpMethod(method))
                {
                    yield return (JsonPointer.Append(JsonPointer.Append("/paths", path), method), path, method, operation);
                }
            }
        }
    }

    public static bool IsHttpMethod(string key) => key is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    // ---------------------------------------------------------------- naming

    public static bool IsComponentPointer(string pointer)
    {
        var segments = JsonPointer.Segments(pointer);
        return segments.Count == 3 && segments[0] == "components" && segments[1] == "schemas";
    }

    public static string? ComponentName(string pointer) =>
        IsComponentPointer(pointer) ? JsonPointer.Segments(pointer)[2] : null;

    public static string SchemaReference(string name) => SchemasPrefix + JsonPointer.Escape(name);

    /// <summary>Names an inline schema after where it sits: owner (component or operation), then property path.</summary>
    public string NameFromPointer(string pointer)
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
            var operation = Document["paths"]?[segments[1]]?[segments[2]] as JsonObject;
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

    /// <summary>
    /// A component name not yet used; with <paramref name="reserve"/> the name is also held back for a
    /// component the caller adds later (a branch hoisted after the union that owns it).
    /// </summary>
    public string UniqueName(string name, bool reserve = false)
    {
        var candidate = name;
        for (var n = 2; Schemas.ContainsKey(candidate) || reserved.Contains(candidate); n++)
        {
            candidate = name + n.ToString(CultureInfo.InvariantCulture);
        }

        if (reserve)
        {
            reserved.Add(candidate);
        }

        return candidate;
    }

    /// <summary>"outlit_list-customers v2" -> "OutlitListCustomersV2"; "SLACK_CHANNEL" -> "SlackChannel".</summary>
    public static string Pascal(string text)
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

    public static string? RefName(JsonObject schema) =>
        schema["$ref"]?.GetValueKind() == JsonValueKind.String && schema["$ref"]!.GetValue<string>() is { } reference && reference.StartsWith(SchemasPrefix, StringComparison.Ordinal)
            ? JsonPointer.Unescape(reference[SchemasPrefix.Length..])
            : null;

    public static string? Description(JsonObject schema) =>
        schema["description"]?.GetValueKind() == JsonValueKind.String ? schema["description"]!.GetValue<string>() : null;

    public static string JoinDescription(string? first, string second) =>
        string.IsNullOrWhiteSpace(first) ? second : first.TrimEnd() + (first.TrimEnd().EndsWith('.') ? " " : ". ") + second;

    public static void AppendDescription(JsonObject schema, string text) =>
        schema["description"] = JoinDescription(Description(schema), text);

    public static string? StringValue(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    public static bool IsTrue(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;

    // ---------------------------------------------------------------- comparing

    /// <summary>Equal as constraints: descriptions, examples and nullability do not matter.</summary>
    public static bool Equivalent(JsonObject a, JsonObject b) => JsonNode.DeepEquals(StripAnnotations(a), StripAnnotations(b));

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
    public sealed class FlatSchema
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

    public FlatSchema Flatten(JsonObject schema) => Flatten(schema, []);

    private FlatSchema Flatten(JsonObject schema, HashSet<string> visiting)
    {
        var flat = new FlatSchema();
        if (RefName(schema) is { } refName)
        {
            if (!visiting.Add(refName) || Schemas[refName] is not JsonObject target)
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

        var type = StringValue(schema["type"]);
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
            flat.Required.UnionWith(required.Select(r => StringValue(r)).Where(r => r is not null).Cast<string>());
        }

        if (schema["additionalProperties"] is JsonObject additionalSchema)
        {
            flat.AdditionalProperties = additionalSchema;
        }

        if (StringValue(schema["description"]) is { } description)
        {
            flat.Description = description;
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

    /// <summary>The single string value a flattened property is fixed to (an enum of one), if any.</summary>
    public static string? SingleValue(FlatSchema flat, string property)
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
}

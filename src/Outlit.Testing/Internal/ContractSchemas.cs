using System.Globalization;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Outlit.Testing.Internal;

/// <summary>One problem found in a request, in the shape of the contract's <c>ValidationIssue</c>.</summary>
internal sealed record Issue(IReadOnlyList<object> Path, string Message)
{
    public JsonObject ToJson()
    {
        var path = new JsonArray();
        foreach (var segment in Path)
        {
            path.Add(segment is int index ? JsonValue.Create(index) : JsonValue.Create((string)segment));
        }

        return new JsonObject { ["path"] = path, ["message"] = Message };
    }
}

/// <summary>
/// Validates request payloads against the component schemas of the embedded contract, and turns
/// the failures into path + message issues worded like the gateway's own validation errors.
/// </summary>
internal sealed class ContractSchemas
{
    private static readonly Uri DocumentUri = new("https://outlit.testing/openapi.json");
    private static readonly Lazy<ContractSchemas> Shared = new(Load);

    private readonly JsonNode document;
    private readonly EvaluationOptions options;
    private readonly Dictionary<string, JsonSchema> schemas = new(StringComparer.Ordinal);
    private readonly object gate = new();

    private ContractSchemas(JsonNode document)
    {
        this.document = document;
        // Formats are asserted, as the service checks them (an email that is not one is refused).
        options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(DocumentUri, new JsonNodeBaseDocument(document, DocumentUri));
    }

    /// <summary>The whole contract, for facts such as the tool list.</summary>
    public JsonNode Document => document;

    public IReadOnlyList<Issue> Validate(string componentSchema, JsonNode? instance)
    {
        if (document["components"]?["schemas"]?[componentSchema] is null)
        {
            // A contract the mock follows may not describe this body (an older document): there is nothing to check.
            return [];
        }

        JsonSchema schema;
        lock (gate)
        {
            if (!schemas.TryGetValue(componentSchema, out schema!))
            {
                schema = new JsonSchemaBuilder().Ref(DocumentUri + "#/components/schemas/" + componentSchema).Build();
                schemas[componentSchema] = schema;
            }
        }

        EvaluationResults results;
        lock (gate)
        {
            // Evaluation shares the option's registry and caches; serialising it keeps that safe.
            results = schema.Evaluate(instance, options);
        }

        if (results.IsValid)
        {
            return [];
        }

        // A branch of an anyOf/oneOf that failed while another branch passed is no problem of the value: only
        // failures under unions that failed as a whole (or under no union) are reported.
        var validPaths = results.Details
            .Where(d => d.IsValid)
            .Select(d => d.EvaluationPath.ToString())
            .ToHashSet(StringComparer.Ordinal);
        bool UnderSatisfiedUnion(EvaluationResults detail)
        {
            var path = detail.EvaluationPath;
            for (var i = 0; i < path.Count - 1; i++)
            {
                if (path[i] is "anyOf" or "oneOf" && validPaths.Contains(JsonPointer.Create(path.Take(i).Select(s => (PointerSegment)s).ToArray()).ToString()))
                {
                    return true;
                }
            }

            return false;
        }

        var issues = new List<Issue>();
        foreach (var detail in results.Details)
        {
            if (detail.Errors is null || UnderSatisfiedUnion(detail))
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                try
                {
                    issues.AddRange(Describe(componentSchema, detail, keyword, message, instance).ToList());
                }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
                {
                    // Wording the problem must never turn a client's bad input into a crash of the mock.
                    issues.Add(new Issue(ToPath(detail.InstanceLocation), message));
                }
            }
        }

        if (issues.Count == 0)
        {
            issues.Add(new Issue([], "Invalid input"));
        }

        // One problem per place, as the service reports it (a format and a pattern on one field are one problem).
        return issues
            .GroupBy(i => string.Join('/', i.Path) + (i.Message.StartsWith("Unrecognized key", StringComparison.Ordinal) ? "|" + i.Message : ""))
            .Select(g => g.First())
            .ToList();
    }

    private IEnumerable<Issue> Describe(string componentSchema, EvaluationResults detail, string keyword, string fallback, JsonNode? root)
    {
        var path = ToPath(detail.InstanceLocation);
        var keywordValue = SchemaValue(componentSchema, detail.EvaluationPath, keyword);
        detail.InstanceLocation.TryEvaluate(root, out var value);
        switch (keyword)
        {
            case "required":
                var present = value as JsonObject;
                foreach (var name in (keywordValue as JsonArray ?? []).Select(n => n!.GetValue<string>()))
                {
                    if (present is null || !present.ContainsKey(name))
                    {
                        yield return new Issue([.. path, name], "Invalid input: expected " + ExpectedType(componentSchema, detail.EvaluationPath, name) + ", received undefined");
                    }
                }

                yield break;
            case "" when detail.SchemaLocation.Fragment.EndsWith("/additionalProperties", StringComparison.Ordinal) && path.Count > 0:
                // A property that met "additionalProperties": false is reported on its object, as an unknown key.
                yield return new Issue(path[..^1], "Unrecognized key: \"" + path[^1] + "\"");
                yield break;
            case "maximum":
                yield return new Issue(path, "Too big: expected number to be <=" + Number(keywordValue));
                yield break;
            case "minimum":
                yield return new Issue(path, "Too small: expected number to be >=" + Number(keywordValue));
                yield break;
            case "maxLength":
                yield return new Issue(path, "Too big: expected string to have <=" + Number(keywordValue) + " characters");
                yield break;
            case "minLength":
                yield return new Issue(path, "Too small: expected string to have >=" + Number(keywordValue) + " characters");
                yield break;
            case "maxItems":
                yield return new Issue(path, "Too big: expected array to have <=" + Number(keywordValue) + " items");
                yield break;
            case "minItems":
                yield return new Issue(path, "Too small: expected array to have >=" + Number(keywordValue) + " items");
                yield break;
            case "enum":
                var options = string.Join('|', (keywordValue as JsonArray ?? []).Select(o => o?.ToJsonString() ?? "null"));
                yield return new Issue(path, "Invalid option: expected one of " + options);
                yield break;
            case "type":
                yield return new Issue(path, "Invalid input: expected " + TypeName(keywordValue) + ", received " + Received(value));
                yield break;
            case "pattern":
                yield return new Issue(path, "Invalid string: must match pattern " + keywordValue?.GetValue<string>());
                yield break;
            case "format":
                yield return new Issue(path, (keywordValue as JsonValue)?.GetValue<string>() switch
                {
                    "email" => "Invalid email address",
                    "uuid" => "Invalid UUID",
                    "uri" or "url" => "Invalid URL",
                    "date-time" => "Invalid ISO datetime",
                    "date" => "Invalid ISO date",
                    var other => "Invalid " + other,
                });
                yield break;
            default:
                yield return new Issue(path, fallback);
                yield break;
        }
    }

    /// <summary>
    /// The value of <paramref name="keyword"/> in the schema an evaluation path leads to, walked from the component
    /// schema and through every <c>$ref</c> on the way (a schema location is relative to the last reference taken, so
    /// it cannot be resolved from the document root).
    /// </summary>
    private JsonNode? SchemaValue(string componentSchema, JsonPointer evaluationPath, string keyword)
    {
        JsonNode? node = document["components"]?["schemas"]?[componentSchema];
        // The first segment is the reference this class wraps every component in.
        for (var i = 1; i < evaluationPath.Count && node is not null; i++)
        {
            var segment = evaluationPath[i];
            if (i == evaluationPath.Count - 1 && segment == keyword)
            {
                break;
            }

            node = segment == "$ref" ? (Text(node["$ref"]) is { } reference && reference.StartsWith("#/", StringComparison.Ordinal) ? JsonPointer.Parse(reference[1..]).TryEvaluate(document, out var target) ? target : null : null)
                : node is JsonArray array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count ? array[index]
                : (node as JsonObject)?[segment];
        }

        return (node as JsonObject)?[keyword];
    }

    private string ExpectedType(string componentSchema, JsonPointer evaluationPath, string property)
    {
        var properties = SchemaValue(componentSchema, evaluationPath, "properties") as JsonObject;
        var type = (properties?[property] as JsonObject)?["type"];
        return type is null ? "value" : TypeName(type);
    }

    private static string TypeName(JsonNode? type) => type switch
    {
        JsonArray many => string.Join(" | ", many.Select(t => t?.GetValue<string>())),
        JsonValue one => one.GetValue<string>(),
        _ => "value",
    };

    public static string Received(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        _ => "number",
    };

    private static string Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : node?.ToJsonString() ?? "?";

    private static List<object> ToPath(JsonPointer pointer)
    {
        var path = new List<object>(pointer.Count);
        for (var i = 0; i < pointer.Count; i++)
        {
            var segment = pointer[i];
            path.Add(int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : segment);
        }

        return path;
    }

    /// <summary>
    /// Every alias of every enumeration (<c>x-outlit-aliases</c>), case-insensitive, mapped to the value it stands
    /// for. One map for the whole contract: an alias names one value wherever it is accepted.
    /// </summary>
    public Dictionary<string, string> Aliases()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, schema) in document["components"]?["schemas"] as JsonObject ?? [])
        {
            foreach (var (alias, target) in schema?["x-outlit-aliases"] as JsonObject ?? [])
            {
                if (target is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    map.TryAdd(alias, text);
                }
            }
        }

        return map;
    }

    /// <summary>
    /// The value of the constant <paramref name="className"/>.<paramref name="name"/> the contract names
    /// (<c>x-outlit-constants</c>), read from the keyword it points at; null when the contract names none.
    /// </summary>
    public JsonNode? Constant(string className, string name)
    {
        JsonNode? Find(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var entry in (obj["x-outlit-constants"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (Text(entry["class"]) == className && Text(entry["name"]) == name && Text(entry["keyword"]) is { } keyword)
                        {
                            return obj[keyword];
                        }
                    }

                    return obj.Where(p => p.Key != "x-outlit-constants").Select(p => Find(p.Value)).FirstOrDefault(found => found is not null);
                case JsonArray array:
                    return array.Select(Find).FirstOrDefault(found => found is not null);
                default:
                    return null;
            }
        }

        return Find(document);
    }

    /// <summary>An integer constant of the contract (see <see cref="Constant"/>), or null.</summary>
    public int? IntConstant(string className, string name) =>
        Constant(className, name) is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The schema of <paramref name="property"/> of the component schema <paramref name="componentSchema"/>, references followed.</summary>
    public JsonObject? PropertySchema(string componentSchema, string property) =>
        Follow(Follow(document["components"]?["schemas"]?[componentSchema])?["properties"]?[property]);

    /// <summary>
    /// The discriminator of a union schema (references followed): its property, and each value's component schema
    /// from the mapping. No property when the schema is not a discriminated union.
    /// </summary>
    public (string? Property, IReadOnlyDictionary<string, string> Kinds) Discriminator(JsonNode? schema)
    {
        var union = Follow(schema);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (union?["discriminator"] is not JsonObject discriminator || Text(discriminator["propertyName"]) is not { } property)
        {
            return (null, kinds);
        }

        foreach (var (value, target) in discriminator["mapping"] as JsonObject ?? [])
        {
            if (Text(target) is { } reference)
            {
                kinds[value] = reference[(reference.LastIndexOf('/') + 1)..];
            }
        }

        return (property, kinds);
    }

    private JsonObject? Follow(JsonNode? schema)
    {
        for (var depth = 0; depth < 16 && schema is JsonObject obj && Text(obj["$ref"]) is { } reference; depth++)
        {
            schema = reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
                ? document["components"]?["schemas"]?[reference["#/components/schemas/".Length..]]
                : null;
        }

        return schema as JsonObject;
    }

    /// <summary>The contract this package was built with.</summary>
    public static ContractSchemas Embedded => Shared.Value;

    /// <summary>Reads an OpenAPI document (JSON) to follow instead of the embedded one.</summary>
    /// <exception cref="ArgumentException">The text is not a JSON object.</exception>
    public static ContractSchemas FromJson(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ArgumentException($"{source} is not JSON: {ex.Message}", nameof(json), ex);
        }

        return node is JsonObject ? new ContractSchemas(node) : throw new ArgumentException($"{source} is not a JSON object.", nameof(json));
    }

    private static ContractSchemas Load()
    {
        using var stream = typeof(ContractSchemas).Assembly.GetManifestResourceStream("Outlit.Testing.openapi.json")
            ?? throw new InvalidOperationException("The embedded contract is missing from the assembly.");
        var node = JsonNode.Parse(stream) ?? throw new InvalidOperationException("The embedded contract is empty.");
        return new ContractSchemas(node);
    }
}

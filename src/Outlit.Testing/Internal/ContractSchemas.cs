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
        options = new EvaluationOptions { OutputFormat = OutputFormat.List };
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

        var issues = new List<Issue>();
        foreach (var detail in results.Details)
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                issues.AddRange(Describe(detail, keyword, message, instance));
            }
        }

        if (issues.Count == 0)
        {
            issues.Add(new Issue([], "Invalid input"));
        }

        return issues
            .GroupBy(i => string.Join('/', i.Path) + "|" + i.Message)
            .Select(g => g.First())
            .ToList();
    }

    private IEnumerable<Issue> Describe(EvaluationResults detail, string keyword, string fallback, JsonNode? root)
    {
        var path = ToPath(detail.InstanceLocation);
        var keywordValue = SchemaValue(detail.SchemaLocation, keyword);
        detail.InstanceLocation.TryEvaluate(root, out var value);
        switch (keyword)
        {
            case "required":
                var present = value as JsonObject;
                foreach (var name in (keywordValue as JsonArray ?? []).Select(n => n!.GetValue<string>()))
                {
                    if (present is null || !present.ContainsKey(name))
                    {
                        yield return new Issue([.. path, name], "Invalid input: expected " + ExpectedType(detail.SchemaLocation, name) + ", received undefined");
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
            default:
                yield return new Issue(path, fallback);
                yield break;
        }
    }

    private JsonNode? SchemaValue(Uri schemaLocation, string keyword)
    {
        var fragment = Uri.UnescapeDataString(schemaLocation.Fragment.TrimStart('#'));
        var pointer = JsonPointer.Parse(fragment);
        if (!pointer.TryEvaluate(document, out var keywordNode))
        {
            return null;
        }

        // The location points at the failing keyword; its parent holds the sibling keywords.
        if (pointer.Count > 0 && pointer[^1] == keyword)
        {
            return keywordNode;
        }

        return (keywordNode as JsonObject)?[keyword];
    }

    private string ExpectedType(Uri schemaLocation, string property)
    {
        var properties = SchemaValue(schemaLocation, "properties") as JsonObject;
        var type = (properties?[property] as JsonObject)?["type"];
        return type is null ? "value" : TypeName(type);
    }

    private static string TypeName(JsonNode? type) => type switch
    {
        JsonArray many => string.Join(" | ", many.Select(t => t?.GetValue<string>())),
        JsonValue one => one.GetValue<string>(),
        _ => "value",
    };

    private static string Received(JsonNode? value) => value switch
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

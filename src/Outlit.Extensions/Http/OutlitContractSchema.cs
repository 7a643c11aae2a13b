using System.Text.Json;

namespace Outlit;

/// <summary>
/// The response schemas of the contract the client was generated from, read from the copy of
/// <c>openapi/openapi.json</c> embedded in this assembly. Parsed and compiled once per process, on first use.
/// </summary>
/// <remarks>
/// A small hand-written walker instead of a JSON Schema library: the Outlit package must stay light, and the
/// contract uses a narrow subset (type, properties, required, additionalProperties, enum/const, items, local
/// <c>$ref</c>, oneOf/anyOf/allOf, not). Keywords outside that subset (formats, lengths, patterns) are ignored:
/// they describe values, and the handler reports the shape of responses, not their contents.
/// </remarks>
internal sealed class OutlitContractSchema
{
    internal const string ResourceName = "Outlit.openapi.json";

    private static readonly Lazy<OutlitContractSchema> Embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, OperationEntry> operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SchemaNode?> toolOutputs = new(StringComparer.Ordinal);

    private OutlitContractSchema(JsonElement root)
    {
        var compiler = new Compiler(root);
        if (root.TryGetProperty("paths", out var paths) && paths.ValueKind == JsonValueKind.Object)
        {
            foreach (var path in paths.EnumerateObject())
            {
                if (path.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                foreach (var method in path.Value.EnumerateObject())
                {
                    if (method.Value.ValueKind != JsonValueKind.Object
                        || !method.Value.TryGetProperty("operationId", out var id) || id.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    var responses = new Dictionary<string, SchemaNode?>(StringComparer.OrdinalIgnoreCase);
                    if (method.Value.TryGetProperty("responses", out var statuses) && statuses.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var status in statuses.EnumerateObject())
                        {
                            responses[status.Name] = JsonSchemaOf(compiler, status.Value);
                        }
                    }

                    var entry = new OperationEntry(id.GetString()!, method.Name.ToUpperInvariant(), responses);
                    operations[entry.OperationId] = entry;
                }
            }
        }

        if (root.TryGetProperty("x-outlit-tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    toolOutputs[name.GetString()!] = tool.TryGetProperty("outputSchema", out var output) ? compiler.Compile(output) : null;
                }
            }
        }

        compiler.Finish();
    }

    internal static OutlitContractSchema Instance => Embedded.Value;

    /// <summary>Reads a contract from JSON text; the embedded one is read through <see cref="Instance"/>.</summary>
    internal static OutlitContractSchema Parse(ReadOnlyMemory<byte> utf8)
    {
        using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = false });
        return new OutlitContractSchema(document.RootElement);
    }

    internal OperationEntry? FindOperation(string operationId) => operations.GetValueOrDefault(operationId);

    /// <summary>Whether <paramref name="tool"/> is a tool of the contract, and its output schema (null for action tools).</summary>
    internal bool TryGetToolOutput(string tool, out SchemaNode? output) => toolOutputs.TryGetValue(tool, out output);

    private static SchemaNode? JsonSchemaOf(Compiler compiler, JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (response.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String
            && compiler.Resolve(reference.GetString()!) is { ValueKind: JsonValueKind.Object } target)
        {
            response = target;
        }

        if (!response.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var media in content.EnumerateObject())
        {
            if (media.Name.Contains("json", StringComparison.OrdinalIgnoreCase)
                && media.Value.ValueKind == JsonValueKind.Object
                && media.Value.TryGetProperty("schema", out var schema))
            {
                return compiler.Compile(schema);
            }
        }

        return null;
    }

    private static OutlitContractSchema LoadEmbedded()
    {
        using var stream = typeof(OutlitContractSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded contract {ResourceName} is missing from the Outlit assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>One operation: its responses by status key (<c>200</c>, <c>4XX</c>, <c>default</c>) with their JSON schema, if any.</summary>
    internal sealed class OperationEntry(string operationId, string method, Dictionary<string, SchemaNode?> responses)
    {
        internal string OperationId { get; } = operationId;

        internal string Method { get; } = method;

        /// <summary>The schema for <paramref name="status"/>; false when the operation documents no such status.</summary>
        internal bool TryGetResponse(int status, out SchemaNode? schema)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return responses.TryGetValue(code, out schema)
                || responses.TryGetValue($"{code[0]}XX", out schema)
                || responses.TryGetValue("default", out schema);
        }
    }

    /// <summary>Turns schema JSON into <see cref="SchemaNode"/>s, sharing one node per <c>$ref</c> target so cycles terminate.</summary>
    private sealed class Compiler(JsonElement root)
    {
        private readonly Dictionary<string, SchemaNode> byReference = new(StringComparer.Ordinal);
        private readonly List<SchemaNode> all = [];

        internal JsonElement? Resolve(string reference)
        {
            if (!reference.StartsWith("#/", StringComparison.Ordinal))
            {
                return null;
            }

            var current = root;
            foreach (var raw in reference[2..].Split('/'))
            {
                var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
                {
                    return null;
                }
            }

            return current;
        }

        internal SchemaNode Compile(JsonElement schema)
        {
            var node = new SchemaNode();
            all.Add(node);
            if (schema.ValueKind == JsonValueKind.False)
            {
                node.Types = JsonTypes.None;
                node.Nothing = true;
                return node;
            }

            if (schema.ValueKind != JsonValueKind.Object)
            {
                return node;
            }

            foreach (var keyword in schema.EnumerateObject())
            {
                var value = keyword.Value;
                switch (keyword.Name)
                {
                    case "$ref" when value.ValueKind == JsonValueKind.String:
                        node.AllOf.Add(CompileReference(value.GetString()!));
                        break;
                    case "type":
                        node.Types = ParseTypes(value);
                        break;
                    case "properties" when value.ValueKind == JsonValueKind.Object:
                        node.Properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                        foreach (var property in value.EnumerateObject())
                        {
                            node.Properties[property.Name] = Compile(property.Value);
                        }

                        break;
                    case "required" when value.ValueKind == JsonValueKind.Array:
                        node.Required = [.. value.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!)];
                        break;
                    case "additionalProperties":
                        node.Additional = value.ValueKind switch
                        {
                            JsonValueKind.True => AdditionalMode.Allowed,
                            JsonValueKind.False => AdditionalMode.Forbidden,
                            JsonValueKind.Object => AdditionalMode.Schema,
                            _ => AdditionalMode.Unspecified,
                        };
                        if (value.ValueKind == JsonValueKind.Object)
                        {
                            node.AdditionalSchema = Compile(value);
                        }

                        break;
                    case "enum" when value.ValueKind == JsonValueKind.Array:
                        node.Enum = EnumSet.From(value.EnumerateArray());
                        break;
                    case "const":
                        node.Enum = EnumSet.From([value]);
                        break;
                    case "items" when value.ValueKind is JsonValueKind.Object or JsonValueKind.False or JsonValueKind.True:
                        node.Items = Compile(value);
                        break;
                    case "allOf" when value.ValueKind == JsonValueKind.Array:
                        node.AllOf.AddRange(value.EnumerateArray().Select(Compile));
                        break;
                    case "oneOf" or "anyOf" when value.ValueKind == JsonValueKind.Array:
                        node.Alternatives.Add(new Alternatives([.. value.EnumerateArray().Select(Compile)]));
                        break;
                    case "not":
                        node.Not = Compile(value);
                        break;
                    case "discriminator" when value.ValueKind == JsonValueKind.Object:
                        node.DiscriminatorSource = value;
                        break;
                }
            }

            if (node.DiscriminatorSource is { } discriminator && node.Alternatives.Count > 0
                && discriminator.TryGetProperty("propertyName", out var propertyName) && propertyName.ValueKind == JsonValueKind.String
                && discriminator.TryGetProperty("mapping", out var mapping) && mapping.ValueKind == JsonValueKind.Object)
            {
                var map = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                foreach (var entry in mapping.EnumerateObject())
                {
                    if (entry.Value.ValueKind == JsonValueKind.String)
                    {
                        map[entry.Name] = CompileReference(entry.Value.GetString()!);
                    }
                }

                node.Alternatives[^1] = node.Alternatives[^1] with { DiscriminatorProperty = propertyName.GetString(), Mapping = map };
            }

            node.DiscriminatorSource = null;
            return node;
        }

        internal void Finish()
        {
            foreach (var node in all)
            {
                node.Flatten();
            }
        }

        private SchemaNode CompileReference(string reference)
        {
            if (byReference.TryGetValue(reference, out var known))
            {
                return known;
            }

            // Registered before compiling its target, so a schema that refers to itself gets this same node.
            var node = new SchemaNode();
            all.Add(node);
            byReference[reference] = node;
            if (Resolve(reference) is { } target)
            {
                node.AllOf.Add(Compile(target));
            }
            else
            {
                // A dangling reference documents nothing; treating it as "anything" avoids reporting the contract's own fault as drift.
                node.Additional = AdditionalMode.Allowed;
            }

            return node;
        }

        private static JsonTypes ParseTypes(JsonElement value)
        {
            static JsonTypes One(string? name) => name switch
            {
                "null" => JsonTypes.Null,
                "boolean" => JsonTypes.Boolean,
                "integer" => JsonTypes.Integer,
                "number" => JsonTypes.Number | JsonTypes.Integer,
                "string" => JsonTypes.String,
                "array" => JsonTypes.Array,
                "object" => JsonTypes.Object,
                _ => JsonTypes.Any,
            };

            return value.ValueKind switch
            {
                JsonValueKind.String => One(value.GetString()),
                JsonValueKind.Array => value.EnumerateArray().Aggregate(JsonTypes.None, (types, item) => types | One(item.ValueKind == JsonValueKind.String ? item.GetString() : null)),
                _ => JsonTypes.Any,
            };
        }
    }
}

/// <summary>The JSON types a schema accepts; <see cref="Any"/> when it does not say.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Integer = 4,
    Number = 8,
    String = 16,
    Array = 32,
    Object = 64,
    Any = Null | Boolean | Integer | Number | String | Array | Object,
}

internal enum AdditionalMode
{
    /// <summary>Not stated: properties not listed are undocumented (standard JSON Schema would allow them; drift is about what the contract says).</summary>
    Unspecified,
    Allowed,
    Forbidden,
    Schema,
}

/// <summary>oneOf or anyOf: the value should match some branch. The distinction between the two does not matter for drift.</summary>
internal sealed record Alternatives(SchemaNode[] Branches, string? DiscriminatorProperty = null, IReadOnlyDictionary<string, SchemaNode>? Mapping = null);

/// <summary>The allowed values of an <c>enum</c> or <c>const</c>.</summary>
internal sealed class EnumSet
{
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly List<decimal> numbers = [];
    private bool allowsTrue;
    private bool allowsFalse;
    private bool allowsNull;
    private bool allowsOther;

    internal static EnumSet From(IEnumerable<JsonElement> values)
    {
        var set = new EnumSet();
        foreach (var value in values)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: set.strings.Add(value.GetString()!); break;
                case JsonValueKind.Number when value.TryGetDecimal(out var number): set.numbers.Add(number); break;
                case JsonValueKind.True: set.allowsTrue = true; break;
                case JsonValueKind.False: set.allowsFalse = true; break;
                case JsonValueKind.Null: set.allowsNull = true; break;
                default: set.allowsOther = true; break; // object or array constants: not compared, never reported
            }
        }

        return set;
    }

    internal bool Contains(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => strings.Contains(value.GetString()!),
        JsonValueKind.Number => value.TryGetDecimal(out var number) && numbers.Contains(number),
        JsonValueKind.True => allowsTrue,
        JsonValueKind.False => allowsFalse,
        JsonValueKind.Null => allowsNull,
        _ => allowsOther,
    };
}

/// <summary>
/// One compiled schema. <see cref="Flatten"/> folds <c>$ref</c> and <c>allOf</c> into one view (union of
/// properties and required names, intersection of types) so an object described in parts is checked as a whole.
/// </summary>
internal sealed class SchemaNode
{
    internal JsonTypes Types { get; set; } = JsonTypes.Any;

    internal bool Nothing { get; set; }

    internal Dictionary<string, SchemaNode>? Properties { get; set; }

    internal string[]? Required { get; set; }

    internal AdditionalMode Additional { get; set; }

    internal SchemaNode? AdditionalSchema { get; set; }

    internal EnumSet? Enum { get; set; }

    internal SchemaNode? Items { get; set; }

    internal SchemaNode? Not { get; set; }

    internal List<SchemaNode> AllOf { get; } = [];

    internal List<Alternatives> Alternatives { get; } = [];

    internal JsonElement? DiscriminatorSource { get; set; }

    /// <summary>The flattened view, filled by <see cref="Flatten"/> after the whole contract is compiled.</summary>
    internal FlatSchema Flat { get; private set; } = FlatSchema.Empty;

    internal void Flatten()
    {
        var flat = new FlatSchema();
        Collect(this, flat, []);
        flat.RequiredListed.UnionWith(flat.Required.Where(flat.Properties.ContainsKey));
        flat.IsTypeOnly = !flat.Nothing && flat.Enums.Count == 0 && flat.Nots.Count == 0 && flat.Alternatives.Count == 0;
        Flat = flat;
    }

    private static void Collect(SchemaNode node, FlatSchema flat, HashSet<SchemaNode> visiting)
    {
        if (!visiting.Add(node))
        {
            return;
        }

        flat.Types &= node.Types;
        flat.Nothing |= node.Nothing;
        if (node.Properties is not null)
        {
            foreach (var (name, schema) in node.Properties)
            {
                if (!flat.Properties.TryGetValue(name, out var list))
                {
                    flat.Properties[name] = list = [];
                }

                list.Add(schema);
            }
        }

        if (node.Required is not null)
        {
            foreach (var name in node.Required)
            {
                if (!flat.Required.Contains(name))
                {
                    flat.Required.Add(name);
                }
            }
        }

        // Any part that opens the object up (true or a schema) wins over a part that says nothing.
        switch (node.Additional)
        {
            case AdditionalMode.Allowed:
                flat.Additional = AdditionalMode.Allowed;
                break;
            case AdditionalMode.Forbidden when flat.Additional == AdditionalMode.Unspecified:
                flat.Additional = AdditionalMode.Forbidden;
                break;
            case AdditionalMode.Schema when flat.Additional != AdditionalMode.Allowed:
                flat.Additional = AdditionalMode.Schema;
                flat.AdditionalSchemas.Add(node.AdditionalSchema!);
                break;
        }

        if (node.Enum is not null)
        {
            flat.Enums.Add(node.Enum);
        }

        if (node.Items is not null)
        {
            flat.Items.Add(node.Items);
        }

        if (node.Not is not null)
        {
            flat.Nots.Add(node.Not);
        }

        flat.Alternatives.AddRange(node.Alternatives);
        foreach (var part in node.AllOf)
        {
            Collect(part, flat, visiting);
        }
    }
}

internal sealed class FlatSchema
{
    internal static readonly FlatSchema Empty = new() { Additional = AdditionalMode.Allowed };

    internal JsonTypes Types { get; set; } = JsonTypes.Any;

    internal bool Nothing { get; set; }

    /// <summary>For a scalar value only the type matters here (no enum, const, not or branches).</summary>
    internal bool IsTypeOnly { get; set; }

    internal Dictionary<string, List<SchemaNode>> Properties { get; } = new(StringComparer.Ordinal);

    internal List<string> Required { get; } = [];

    /// <summary>The required names that are also listed in <see cref="Properties"/>, for counting during the walk.</summary>
    internal HashSet<string> RequiredListed { get; } = new(StringComparer.Ordinal);

    internal AdditionalMode Additional { get; set; }

    internal List<SchemaNode> AdditionalSchemas { get; } = [];

    internal List<EnumSet> Enums { get; } = [];

    internal List<SchemaNode> Items { get; } = [];

    internal List<SchemaNode> Nots { get; } = [];

    internal List<Alternatives> Alternatives { get; } = [];

    /// <summary>
    /// Whether properties not listed are undocumented: when additionalProperties is false, or unstated on a schema
    /// that lists properties. A schema listing none (<c>{}</c>, a bare <c>type: object</c>) documents a free-form value.
    /// </summary>
    internal bool ReportsUnlisted => Additional == AdditionalMode.Forbidden || (Additional == AdditionalMode.Unspecified && Properties.Count > 0);
}

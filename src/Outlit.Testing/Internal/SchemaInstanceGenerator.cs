using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outlit.Testing.Internal;

/// <summary>
/// Makes up JSON that a schema of the contract accepts: the schema's own example when it has one, otherwise values
/// drawn from its types, formats, enumerations, bounds and patterns. The draws come from the caller's
/// <see cref="Random"/>, so the same seed gives the same data. It serves tools the mock has no hand-written fake for,
/// and completes the answers of those it has when the contract later requires more than the fake writes.
/// </summary>
internal sealed class SchemaInstanceGenerator(JsonNode document, DateTimeOffset asOf)
{
    /// <summary>Below this depth optional properties are written too; deeper, only required ones, so recursion ends.</summary>
    private const int OptionalDepth = 6;

    private const int MaxDepth = 24;

    /// <summary>An instance of the component schema <paramref name="name"/>.</summary>
    public JsonNode? Component(string name, Random random) => Generate(ComponentSchema(name), random, 0);

    /// <summary>The component schema <paramref name="name"/>, or null.</summary>
    public JsonNode? ComponentSchema(string name) => document["components"]?["schemas"]?[name];

    /// <summary>The schema with its <c>$ref</c> followed and its <c>allOf</c> parts merged into one object schema.</summary>
    public JsonObject? Flatten(JsonNode? schema, int depth = 0)
    {
        if (schema is not JsonObject s || depth > MaxDepth)
        {
            return null;
        }

        if (Reference(s) is { } target)
        {
            return Flatten(target, depth + 1);
        }

        if (s["allOf"] is not JsonArray parts)
        {
            return s;
        }

        var merged = new JsonObject();
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var part in parts.Append(Without(s, "allOf")))
        {
            if (Flatten(part, depth + 1) is not { } flat)
            {
                continue;
            }

            foreach (var (key, value) in flat)
            {
                if (key == "properties" && value is JsonObject own)
                {
                    foreach (var (property, propertySchema) in own)
                    {
                        properties[property] = propertySchema?.DeepClone();
                    }
                }
                else if (key == "required" && value is JsonArray names)
                {
                    foreach (var n in names)
                    {
                        if (!required.Any(r => JsonNode.DeepEquals(r, n)))
                        {
                            required.Add(n?.DeepClone());
                        }
                    }
                }
                else if (!merged.ContainsKey(key))
                {
                    merged[key] = value?.DeepClone();
                }
            }
        }

        merged["properties"] = properties;
        merged["required"] = required;
        return merged;
    }

    /// <summary>Adds to <paramref name="instance"/> every property its schema requires and it lacks, at any depth.</summary>
    public void Complete(JsonNode? schema, JsonNode? instance, Random random, int depth = 0)
    {
        if (depth > MaxDepth || Flatten(schema) is not { } s)
        {
            return;
        }

        switch (instance)
        {
            case JsonObject obj:
                var properties = s["properties"] as JsonObject;
                foreach (var name in (s["required"] as JsonArray ?? []).Select(Text).OfType<string>())
                {
                    if (!obj.ContainsKey(name))
                    {
                        obj[name] = Generate(properties?[name], random, depth + 1);
                    }
                }

                foreach (var (name, value) in obj.ToList())
                {
                    if (properties?[name] is { } propertySchema)
                    {
                        Complete(propertySchema, value, random, depth + 1);
                    }
                }

                break;
            case JsonArray list when s["items"] is { } items:
                foreach (var item in list)
                {
                    Complete(items, item, random, depth + 1);
                }

                break;
        }
    }

    public JsonNode? Generate(JsonNode? schema, Random random, int depth)
    {
        if (schema is not JsonObject s || depth > MaxDepth)
        {
            return null;
        }

        if (Reference(s) is { } target)
        {
            return Generate(target, random, depth + 1);
        }

        if (s.TryGetPropertyValue("const", out var constant))
        {
            return constant?.DeepClone();
        }

        if (s["examples"] is JsonArray { Count: > 0 } examples)
        {
            return examples[0]?.DeepClone();
        }

        if (s.TryGetPropertyValue("example", out var example))
        {
            return example?.DeepClone();
        }

        if (s["enum"] is JsonArray values)
        {
            var choices = values.Where(v => v is not null).ToList();
            return choices.Count == 0 ? null : choices[random.Next(choices.Count)]!.DeepClone();
        }

        if (s["allOf"] is JsonArray)
        {
            return Generate(Flatten(s), random, depth + 1);
        }

        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray branches)
        {
            // The first branch that is not just null: a union's first shape is as good as any, and stays the same.
            var branch = branches.FirstOrDefault(b => Type(Flatten(b)) != "null") ?? branches.FirstOrDefault();
            return Generate(branch, random, depth + 1);
        }

        return Type(s) switch
        {
            "object" => Object(s, random, depth),
            "array" => Array(s, random, depth),
            "string" => String(s, random),
            "integer" => Number(s, random, integer: true),
            "number" => Number(s, random, integer: false),
            "boolean" => JsonValue.Create(random.Next(2) == 1),
            "null" => null,
            _ => new JsonObject(),
        };
    }

    private JsonObject Object(JsonObject s, Random random, int depth)
    {
        var result = new JsonObject();
        var required = (s["required"] as JsonArray ?? []).Select(Text).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (name, propertySchema) in s["properties"] as JsonObject ?? [])
        {
            if (required.Contains(name) || depth < OptionalDepth)
            {
                result[name] = Generate(propertySchema, random, depth + 1);
            }
        }

        return result;
    }

    private JsonArray Array(JsonObject s, Random random, int depth)
    {
        var min = Int(s["minItems"]) ?? 0;
        var max = Int(s["maxItems"]) ?? int.MaxValue;
        var count = depth < OptionalDepth ? Math.Clamp(2, min, max) : min;
        var unique = s["uniqueItems"] is JsonValue u && u.TryGetValue<bool>(out var distinct) && distinct;
        var list = new JsonArray();
        for (var attempts = 0; list.Count < count && attempts < count * 10; attempts++)
        {
            var item = Generate(s["items"], random, depth + 1);
            if (!unique || !list.Any(existing => JsonNode.DeepEquals(existing, item)))
            {
                list.Add(item);
            }
        }

        return list;
    }

    private JsonValue String(JsonObject s, Random random)
    {
        var pattern = Text(s["pattern"]);
        var minLength = Int(s["minLength"]) ?? 0;
        var maxLength = Int(s["maxLength"]) ?? int.MaxValue;
        bool Fits(string text) =>
            text.Length >= minLength && text.Length <= maxLength
            && (pattern is null || Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)));

        var n = random.Next(1000, 9999);
        var at = asOf.AddMinutes(-random.Next(60 * 24 * 90));
        var candidates = new List<string?>
        {
            Text(s["format"]) switch
            {
                "date-time" => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                "date" => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "email" => $"person{n}@example.com",
                "uri" or "url" => $"https://example.com/mock/{n}",
                "uuid" => Uuid(random),
                _ => null,
            },
            pattern is null ? null : PatternSampler.Sample(pattern, random),
            "mock-" + n.ToString(CultureInfo.InvariantCulture),
        };

        foreach (var candidate in candidates.OfType<string>())
        {
            var sized = candidate.Length < minLength ? candidate.PadRight(minLength, 'x') : candidate;
            if (Fits(sized))
            {
                return JsonValue.Create(sized);
            }

            if (sized.Length > maxLength && Fits(sized[..maxLength]))
            {
                return JsonValue.Create(sized[..maxLength]);
            }
        }

        // Nothing fitted (a pattern beyond the sampler): the plainest string the length bounds allow.
        return JsonValue.Create(new string('x', Math.Min(Math.Max(minLength, 1), maxLength)));
    }

    private static JsonValue Number(JsonObject s, Random random, bool integer)
    {
        var low = Double(s["minimum"]);
        var high = Double(s["maximum"]);
        // OpenAPI 3.1 writes exclusive bounds as numbers, 3.0 as flags on minimum/maximum.
        var exclusiveLow = Double(s["exclusiveMinimum"]) is { } el ? el : s["exclusiveMinimum"] is JsonValue fl && fl.TryGetValue<bool>(out var f1) && f1 ? low : null;
        var exclusiveHigh = Double(s["exclusiveMaximum"]) is { } eh ? eh : s["exclusiveMaximum"] is JsonValue fh && fh.TryGetValue<bool>(out var f2) && f2 ? high : null;
        var step = Double(s["multipleOf"]) ?? (integer ? 1 : 0.5);

        var from = exclusiveLow is { } xl ? xl + step : low ?? (high is { } h0 ? Math.Min(0, h0 - 100) : 0);
        var to = exclusiveHigh is { } xh ? xh - step : high ?? from + 100;
        var first = Math.Ceiling(from / step) * step;
        var steps = Math.Max(0, (int)Math.Min(100, Math.Floor((to - first) / step)));
        var value = first + (random.Next(steps + 1) * step);
        return integer || value == Math.Floor(value) && Math.Abs(value) < long.MaxValue
            ? JsonValue.Create((long)value)
            : JsonValue.Create(value);
    }

    private static string Uuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private JsonNode? Reference(JsonObject s)
    {
        const string Prefix = "#/";
        if (Text(s["$ref"]) is not { } pointer || !pointer.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? node = document;
        foreach (var segment in pointer[Prefix.Length..].Split('/'))
        {
            node = node?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node;
    }

    private static JsonObject Without(JsonObject s, string keyword)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in s)
        {
            if (key != keyword)
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static string? Type(JsonObject? s) => s?["type"] switch
    {
        JsonArray types => types.Select(Text).FirstOrDefault(t => t != "null") ?? "null",
        JsonValue one => Text(one),
        _ when s?["properties"] is not null => "object",
        _ when s?["items"] is not null => "array",
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Int(JsonNode? node) => Double(node) is { } d ? (int)Math.Min(int.MaxValue, d) : null;

    private static double? Double(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;
}

using Newtonsoft.Json.Linq;
using Outlit.TestSupport;

namespace Outlit.Tests.Infrastructure;

/// <summary>
/// Makes a test's answer body complete under the contract: every required property the test leaves out gets the
/// plainest value its schema accepts (null where null is allowed). A test then writes only the fields it is about,
/// and the client, which refuses bodies missing what the contract requires, reads the rest as the server would
/// send it.
/// </summary>
internal static class ContractFixtures
{
    private static readonly Lazy<JObject> Contract = new(() => JObject.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument)));

    /// <summary>Completes <paramref name="partial"/> as an instance of the component schema <paramref name="schemaName"/>.</summary>
    public static JObject Complete(string schemaName, JObject partial)
    {
        Fill(Schema(schemaName), partial, depth: 0);
        return partial;
    }

    /// <summary>Completes a JSON text (dates kept as the text wrote them) as an instance of the component schema.</summary>
    public static JObject Complete(string schemaName, string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return Complete(schemaName, JObject.Load(reader));
    }

    /// <summary>A complete instance of the component schema, with <paramref name="values"/> set first.</summary>
    public static JObject Instance(string schemaName, object? values = null) =>
        Complete(schemaName, values is null ? [] : JObject.FromObject(values));

    private static JObject Schema(string name) =>
        (JObject?)Contract.Value["components"]!["schemas"]![name] ?? throw new InvalidOperationException($"no schema {name} in the contract");

    private static JObject Resolve(JObject schema) =>
        schema["$ref"]?.Value<string>() is { } reference ? Resolve(Schema(reference.Split('/').Last())) : schema;

    private static void Fill(JObject schema, JObject instance, int depth)
    {
        schema = Resolve(schema);
        foreach (var part in (schema["allOf"] as JArray ?? []).OfType<JObject>())
        {
            Fill(part, instance, depth);
        }

        var properties = schema["properties"] as JObject ?? [];
        foreach (var name in (schema["required"] as JArray ?? []).Select(r => r.Value<string>()!))
        {
            if (!instance.ContainsKey(name))
            {
                instance[name] = properties[name] is JObject property ? Plain(property, depth + 1) : JValue.CreateNull();
            }
        }

        // What the test did write is completed too: objects and the objects of arrays, by their own schemas.
        foreach (var (name, value) in instance)
        {
            if (properties[name] is not JObject property || depth > 8)
            {
                continue;
            }

            var target = ObjectSchema(property);
            if (value is JObject nested && target is not null)
            {
                Fill(target, nested, depth + 1);
            }
            else if (value is JArray items && ObjectSchema(Resolve(property))?["items"] is JObject itemSchema && ObjectSchema(itemSchema) is { } itemTarget)
            {
                foreach (var item in items.OfType<JObject>())
                {
                    Fill(itemTarget, item, depth + 1);
                }
            }
        }
    }

    /// <summary>The schema itself, or the non-null branch of a nullable union, resolved.</summary>
    private static JObject? ObjectSchema(JObject schema)
    {
        var resolved = Resolve(schema);
        if ((resolved["anyOf"] ?? resolved["oneOf"]) is JArray branches)
        {
            var others = branches.OfType<JObject>().Where(b => b["type"]?.Value<string>() != "null").ToList();
            return others.Count == 1 ? Resolve(others[0]) : null;
        }

        return resolved;
    }

    private static JToken Plain(JObject schema, int depth)
    {
        if (schema["$ref"] is not null)
        {
            var target = Resolve(schema);
            return target.ContainsKey("enum") ? target["enum"]![0]!.DeepClone() : Plain(target, depth);
        }

        if (AllowsNull(schema))
        {
            return JValue.CreateNull();
        }

        if (schema["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        if (schema["enum"] is JArray values)
        {
            return values[0]!.DeepClone();
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema[keyword] is JArray { Count: > 0 } branches)
            {
                return Plain((JObject)branches[0]!, depth);
            }
        }

        var type = schema["type"] is JArray types ? types.Values<string>().First(t => t != "null") : schema["type"]?.Value<string>();
        switch (type)
        {
            case "string":
                return schema["format"]?.Value<string>() switch
                {
                    "date-time" => "2026-01-01T00:00:00Z",
                    "date" => "2026-01-01",
                    "email" => "someone@example.com",
                    "uri" or "url" => "https://example.com/",
                    "uuid" => "00000000-0000-4000-8000-000000000000",
                    _ => new string('x', Math.Max(1, schema["minLength"]?.Value<int>() ?? 1)),
                };
            case "integer":
                return new JValue((long)Math.Ceiling(schema["minimum"]?.Value<double>() ?? 0));
            case "number":
                return new JValue(schema["minimum"]?.Value<double>() ?? 0d);
            case "boolean":
                return false;
            case "array":
                var count = schema["minItems"]?.Value<int>() ?? 0;
                return new JArray(Enumerable.Range(0, count).Select(_ => schema["items"] is JObject item ? Plain(item, depth + 1) : JValue.CreateNull()));
            default:
                var instance = new JObject();
                if (depth < 8)
                {
                    Fill(schema, instance, depth);
                }

                return instance;
        }
    }

    private static bool AllowsNull(JObject schema) =>
        (schema["type"] is JArray types && types.Values<string>().Contains("null"))
        || schema["type"]?.Value<string>() == "null"
        || (schema["anyOf"] ?? schema["oneOf"]) is JArray branches && branches.OfType<JObject>().Any(b => b["type"]?.Value<string>() == "null");
}

using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Json;

/// <summary>
/// Visits every JSON object of an OpenAPI document and knows, for each, whether it is a JSON
/// Schema. Transformations must only touch schemas: a property that happens to be called
/// "const" or "type" inside a <c>properties</c> map, or example data, is not a keyword.
/// </summary>
internal static class SchemaWalker
{
    /// <summary>Schema keywords whose value is one subschema.</summary>
    private static readonly HashSet<string> SingleSubschemaKeywords = new(StringComparer.Ordinal)
    {
        "items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames",
        "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
    };

    /// <summary>Schema keywords whose value is an array of subschemas.</summary>
    private static readonly HashSet<string> ArraySubschemaKeywords = new(StringComparer.Ordinal)
    {
        "allOf", "anyOf", "oneOf", "prefixItems", "items",
    };

    /// <summary>Schema keywords whose value is a map of name to subschema.</summary>
    private static readonly HashSet<string> MapSubschemaKeywords = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas",
    };

    /// <summary>A visited object: where it is and whether it is a schema.</summary>
    public readonly record struct Visit(string Pointer, JsonObject Node, bool IsSchema);

    /// <summary>
    /// Lists every object in post-order (children before their parent), so a callback that
    /// rewrites a schema sees its subschemas already rewritten.
    /// </summary>
    public static List<Visit> PostOrder(JsonObject document)
    {
        var visits = new List<Visit>();
        WalkDocumentObject(document, string.Empty, visits, parentKey: null);
        return visits;
    }

    /// <summary>Lists the schemas that are direct subschemas of <paramref name="schema"/>, with pointers.</summary>
    public static IEnumerable<(string Pointer, JsonObject Schema)> Subschemas(string pointer, JsonObject schema)
    {
        foreach (var (key, value) in schema.ToArray())
        {
            if (value is JsonObject single && SingleSubschemaKeywords.Contains(key))
            {
                yield return (JsonPointer.Append(pointer, key), single);
            }
            else if (value is JsonArray array && ArraySubschemaKeywords.Contains(key))
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject item)
                    {
                        yield return (JsonPointer.Append(JsonPointer.Append(pointer, key), i), item);
                    }
                }
            }
            else if (value is JsonObject map && MapSubschemaKeywords.Contains(key))
            {
                foreach (var (name, child) in map.ToArray())
                {
                    if (child is JsonObject childSchema)
                    {
                        yield return (JsonPointer.Append(JsonPointer.Append(pointer, key), name), childSchema);
                    }
                }
            }
        }
    }

    private static void WalkSchema(JsonObject schema, string pointer, List<Visit> visits)
    {
        foreach (var (childPointer, child) in Subschemas(pointer, schema))
        {
            WalkSchema(child, childPointer, visits);
        }

        // Extensions inside a schema may hold references (for example a list of related schemas).
        foreach (var (key, value) in schema.ToArray())
        {
            if (key.StartsWith("x-", StringComparison.Ordinal) && value is JsonObject or JsonArray)
            {
                WalkDocumentNode(value, JsonPointer.Append(pointer, key), visits, key);
            }
        }

        visits.Add(new Visit(pointer, schema, IsSchema: true));
    }

    private static void WalkDocumentNode(JsonNode? node, string pointer, List<Visit> visits, string? parentKey)
    {
        switch (node)
        {
            case JsonObject obj:
                WalkDocumentObject(obj, pointer, visits, parentKey);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    WalkDocumentNode(array[i], JsonPointer.Append(pointer, i), visits, parentKey);
                }

                break;
        }
    }

    private static void WalkDocumentObject(JsonObject obj, string pointer, List<Visit> visits, string? parentKey)
    {
        foreach (var (key, value) in obj.ToArray())
        {
            var childPointer = JsonPointer.Append(pointer, key);
            if (key == "schema" && value is JsonObject schema)
            {
                WalkSchema(schema, childPointer, visits);
            }
            else if (key == "schemas" && pointer == "/components" && value is JsonObject schemas)
            {
                foreach (var (name, child) in schemas.ToArray())
                {
                    if (child is JsonObject componentSchema)
                    {
                        WalkSchema(componentSchema, JsonPointer.Append(childPointer, name), visits);
                    }
                }
            }
            else if (key is "example" or "value" or "default")
            {
                // Example and default payloads are data, not document structure.
            }
            else
            {
                WalkDocumentNode(value, childPointer, visits, key);
            }
        }

        visits.Add(new Visit(pointer, obj, IsSchema: false));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// A component that is only "any JSON object" (no properties) becomes a dictionary where it is used
/// instead of a class of its own.
/// </summary>
internal sealed class InlineFreeFormObjects : INormalizationRule
{
    public string Name => "Inline free-form objects";

    public string Reason =>
        "NSwag would emit an empty class named after the component; for a component called JsonObject that is a public "
        + "Outlit.JsonObject shadowing System.Text.Json.Nodes.JsonObject, and an IDictionary is the natural C# shape of a free-form map.";

    public void Apply(NormalizationContext context)
    {
        var freeForm = context.Schemas
            .Where(s => s.Value is JsonObject schema && IsFreeFormObject(schema))
            .ToDictionary(s => NormalizationContext.SchemaReference(s.Key), s => (JsonObject)s.Value!, StringComparer.Ordinal);
        if (freeForm.Count == 0)
        {
            return;
        }

        foreach (var visit in SchemaWalker.PostOrder(context.Document))
        {
            if (NormalizationContext.StringValue(visit.Node["$ref"]) is { } reference && freeForm.TryGetValue(reference, out var target))
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
            context.Schemas.Remove(JsonPointer.Unescape(reference[NormalizationContext.SchemasPrefix.Length..]));
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
}

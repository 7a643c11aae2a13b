using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// A component that only names another object schema (<c>allOf: [$ref]</c> or a bare <c>$ref</c>) gets a
/// class deriving from its target: <c>allOf: [$ref X, {}]</c>.
/// </summary>
internal sealed class GiveAliasesAClass : INormalizationRule
{
    public string Name => "Give aliases a class";

    public string Reason => "NSwag reuses the target's class for an alias, so a name the contract lists (GetFactOutput in x-outlit-tools) would not exist in C#.";

    public void Apply(NormalizationContext context)
    {
        foreach (var (name, node) in context.Schemas.ToArray())
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

            var structural = schema.Select(p => p.Key).Where(k => !NormalizationContext.AnnotationKeys.Contains(k) && k is not "allOf" and not "$ref" and not "type");
            if (reference is null || structural.Any()
                || NormalizationContext.RefName(reference) is not { } target
                || context.Schemas[target] is not JsonObject targetSchema
                || !context.Flatten(targetSchema).IsObject)
            {
                continue;
            }

            schema.Remove("$ref");
            schema["allOf"] = new JsonArray((JsonNode)reference.DeepClone(), new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() });
        }
    }
}

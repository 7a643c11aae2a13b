using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Gives every inline string enum of a component a component of its own named after its owner and
/// property (<c>ListCustomersInputOrderBy</c>, <c>GetCustomerInputIncludeItem</c>).
/// </summary>
internal sealed class HoistInlineEnums : INormalizationRule
{
    public string Name => "Name inline enums";

    public string Reason => "NSwag names enums of array items after the property alone (Status, SourceTypes2), which collides across schemas and changes when an unrelated schema is added.";

    public void Apply(NormalizationContext context)
    {
        foreach (var (componentName, componentNode) in context.Schemas.ToArray())
        {
            if (componentNode is JsonObject component)
            {
                HoistEnumsBelow(context, JsonPointer.Append("/components/schemas", componentName), component);
            }
        }
    }

    private static void HoistEnumsBelow(NormalizationContext context, string pointer, JsonObject schema)
    {
        foreach (var (childPointer, child) in SchemaWalker.Subschemas(pointer, schema).ToList())
        {
            if (IsInlineStringEnum(child))
            {
                var name = context.UniqueName(context.NameFromPointer(childPointer));
                var enumSchema = new JsonObject();
                foreach (var key in new[] { "type", "enum", "description", "x-enumNames" })
                {
                    if (child[key] is JsonNode value)
                    {
                        enumSchema[key] = value.DeepClone();
                    }
                }

                enumSchema["type"] ??= "string";
                context.Schemas[name] = enumSchema;
                foreach (var key in new[] { "type", "enum", "format", "minLength", "maxLength", "pattern", "x-enumNames" })
                {
                    child.Remove(key);
                }

                var reference = NormalizationContext.SchemaReference(name);
                if (child.Count == 0)
                {
                    child["$ref"] = reference;
                }
                else
                {
                    child["allOf"] = new JsonArray(new JsonObject { ["$ref"] = reference });
                }
            }
            else
            {
                HoistEnumsBelow(context, childPointer, child);
            }
        }
    }

    internal static bool IsInlineStringEnum(JsonObject schema) =>
        !schema.ContainsKey("$ref")
        && schema["enum"] is JsonArray values && values.Count > 0 && values.All(v => v?.GetValueKind() == JsonValueKind.String)
        && (schema["type"] is null || NormalizationContext.StringValue(schema["type"]) == "string");
}

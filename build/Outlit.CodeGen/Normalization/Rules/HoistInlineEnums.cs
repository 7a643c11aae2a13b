using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Gives every inline string enum of a component a component of its own named after its owner and
/// property (<c>ListCustomersInputOrderBy</c>, <c>GetCustomerInputIncludeItem</c>); an inline enum with the values
/// of a named or already hoisted one refers to that one instead, so a value set is one type.
/// </summary>
internal sealed class HoistInlineEnums : INormalizationRule
{
    public string Name => "Name inline enums";

    public string Reason => "NSwag names enums of array items after the property alone (Status, SourceTypes2), which collides across schemas and changes when an unrelated schema is added.";

    public void Apply(NormalizationContext context)
    {
        // A value set the contract already names is reused, not repeated: one type per value set.
        var byValues = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (componentName, componentNode) in context.Schemas)
        {
            if (componentNode is JsonObject component && IsInlineStringEnum(component))
            {
                byValues.TryAdd(ValueSet(component), componentName);
            }
        }

        foreach (var (componentName, componentNode) in context.Schemas.ToArray())
        {
            if (componentNode is JsonObject component)
            {
                HoistEnumsBelow(context, JsonPointer.Append("/components/schemas", componentName), component, byValues);
            }
        }
    }

    private static void HoistEnumsBelow(NormalizationContext context, string pointer, JsonObject schema, Dictionary<string, string> byValues)
    {
        foreach (var (childPointer, child) in SchemaWalker.Subschemas(pointer, schema).ToList())
        {
            if (IsInlineStringEnum(child))
            {
                // The same values inline in several places (often one constant in several variants) become one type,
                // named after the first place; member names (x-enumNames) come with the values.
                var values = ValueSet(child);
                if (!byValues.TryGetValue(values, out var name))
                {
                    name = context.UniqueName(context.NameFromPointer(childPointer));
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
                    byValues[values] = name;
                }
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
                HoistEnumsBelow(context, childPointer, child, byValues);
            }
        }
    }

    /// <summary>
    /// The values (in any order) and their C# names, as one key: two enums with the same key are the same type. With
    /// member names the order matters, since a name belongs to the value at its position.
    /// </summary>
    private static string ValueSet(JsonObject schema) =>
        schema["x-enumNames"] is JsonNode names
            ? schema["enum"]!.ToJsonString() + "|" + names.ToJsonString()
            : string.Join("\n", ((JsonArray)schema["enum"]!).Select(v => v?.ToJsonString()).Order(StringComparer.Ordinal));

    internal static bool IsInlineStringEnum(JsonObject schema) =>
        !schema.ContainsKey("$ref")
        && schema["enum"] is JsonArray values && values.Count > 0 && values.All(v => v?.GetValueKind() == JsonValueKind.String)
        && (schema["type"] is null || NormalizationContext.StringValue(schema["type"]) == "string");
}

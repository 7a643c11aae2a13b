using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Moves inline object schemas of request and response bodies into components named after their
/// operation (<c>&lt;OperationId&gt;Request</c>, <c>&lt;OperationId&gt;Response</c>).
/// </summary>
internal sealed class NameOperationBodies : INormalizationRule
{
    public string Name => "Name inline bodies";

    public string Reason => "NSwag names inline bodies by position (Response, Response2, Body): meaningless public names that shift when another operation changes.";

    public void Apply(NormalizationContext context)
    {
        foreach (var (pointer, _, _, operation) in context.Operations())
        {
            if (operation["requestBody"]?["content"] is JsonObject requestContent)
            {
                HoistMediaSchemas(context, requestContent, JsonPointer.Append(JsonPointer.Append(pointer, "requestBody"), "content"));
            }

            if (operation["responses"] is JsonObject responses)
            {
                foreach (var (status, responseNode) in responses.ToArray())
                {
                    if (responseNode?["content"] is JsonObject responseContent)
                    {
                        HoistMediaSchemas(context, responseContent, JsonPointer.Append(JsonPointer.Append(JsonPointer.Append(pointer, "responses"), status), "content"));
                    }
                }
            }
        }
    }

    private static void HoistMediaSchemas(NormalizationContext context, JsonObject content, string contentPointer)
    {
        foreach (var (mediaType, mediaNode) in content.ToArray())
        {
            if (mediaNode is not JsonObject media || media["schema"] is not JsonObject schema)
            {
                continue;
            }

            var schemaPointer = JsonPointer.Append(JsonPointer.Append(contentPointer, mediaType), "schema");
            if (IsInlineObjectWithProperties(schema))
            {
                media["schema"] = Hoist(context, schemaPointer, schema);
            }
            else if (schema["items"] is JsonObject items && IsInlineObjectWithProperties(items))
            {
                schema["items"] = Hoist(context, JsonPointer.Append(schemaPointer, "items"), items);
            }
        }
    }

    private static bool IsInlineObjectWithProperties(JsonObject schema) =>
        !schema.ContainsKey("$ref") && schema["properties"] is JsonObject properties && properties.Count > 0
        && !schema.ContainsKey("oneOf") && !schema.ContainsKey("anyOf");

    private static JsonObject Hoist(NormalizationContext context, string pointer, JsonObject schema)
    {
        var name = context.UniqueName(context.NameFromPointer(pointer));
        context.Schemas[name] = schema.DeepClone();
        return new JsonObject { ["$ref"] = NormalizationContext.SchemaReference(name) };
    }
}

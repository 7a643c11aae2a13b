using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// An operation whose contract flags a non-2xx response with <c>x-outlit-result: true</c> (an answer, not a
/// failure: disconnect's 404 "not connected"), or documents a second 2xx with a body (ingest's 207 partial result),
/// gets one result component, <c>&lt;OperationId&gt;Result</c>, a
/// <c>oneOf</c> of the success body and every flagged body, and all those responses refer to it. The union
/// rule then renders it like any other union, so the generated method returns one type for every answer.
/// </summary>
internal sealed class MergeDocumentedResults : INormalizationRule
{
    public const string ResultKeyword = "x-outlit-result";

    public string Name => "Merge documented results";

    public string Reason => "A generated method has one return type; a documented answer on an error status with a body of its own could otherwise only be thrown and caught.";

    public void Apply(NormalizationContext context)
    {
        foreach (var (pointer, _, _, operation) in context.Operations())
        {
            if (operation["responses"] is not JsonObject responses)
            {
                continue;
            }

            var success = responses
                .Where(r => r.Key.StartsWith('2') && r.Value is JsonObject response && JsonSchemaOf(response) is not null)
                .Select(r => (JsonObject)r.Value!)
                .FirstOrDefault();
            // Every other 2xx with a body of its own (a 207 partial result) is an answer too, whether flagged or not.
            var flagged = responses
                .Where(r => r.Value is JsonObject response && response != success && JsonSchemaOf(response) is not null
                    && (NormalizationContext.IsTrue(response[ResultKeyword]) || r.Key.StartsWith('2')))
                .Select(r => (JsonObject)r.Value!)
                .ToList();
            foreach (var response in flagged)
            {
                response[ResultKeyword] = true;
            }
            if (flagged.Count == 0 || success is null)
            {
                continue;
            }

            var operationId = NormalizationContext.StringValue(operation["operationId"]) ?? context.NameFromPointer(pointer);
            var name = context.UniqueName(NormalizationContext.Pascal(operationId) + "Result");
            var branches = new List<JsonNode>();
            foreach (var response in new[] { success }.Concat(flagged))
            {
                var schema = JsonSchemaOf(response)!;
                if (!branches.Any(b => JsonNode.DeepEquals(b, schema)))
                {
                    branches.Add(schema.DeepClone());
                }
            }

            context.Schemas[name] = new JsonObject
            {
                ["description"] = $"Every documented answer of {operationId}: the success body or the body of a status the contract documents as an answer.",
                ["oneOf"] = new JsonArray(branches.ToArray()),
            };
            foreach (var response in new[] { success }.Concat(flagged))
            {
                ((JsonObject)response["content"]!["application/json"]!)["schema"] = new JsonObject { ["$ref"] = NormalizationContext.SchemaReference(name) };
            }
        }
    }

    private static JsonObject? JsonSchemaOf(JsonObject response) =>
        response["content"]?["application/json"]?["schema"] as JsonObject;
}

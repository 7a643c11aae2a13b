using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>A documented response of an operation: its status and the schema, examples and headers it declares.</summary>
/// <param name="Status">The status key, for example <c>404</c>.</param>
/// <param name="Pointer">JSON pointer of the response object, after following a <c>$ref</c> to components.</param>
/// <param name="SchemaPointer">JSON pointer of its JSON body schema, when it has a JSON body.</param>
/// <param name="ExampleNames">Names of its JSON body examples.</param>
/// <param name="Headers">Names of the headers it declares.</param>
internal sealed record DocumentedResponse(string Status, string Pointer, string? SchemaPointer, IReadOnlyList<string> ExampleNames, IReadOnlyList<string> Headers)
{
    /// <summary>Whether the status is a success (2xx).</summary>
    public bool IsSuccess => Status.StartsWith('2');

    /// <summary>The value of a named example.</summary>
    public JsonNode? Example(string name) =>
        ContractDocument.Instance.At(JsonPointers.Append(Pointer, "content", "application/json", "examples", name, "value"));
}

/// <summary>A request built from the operation's documented parameter and body examples.</summary>
/// <param name="Name">The request-body example it uses, or <c>parameters</c> when the operation has no body.</param>
/// <param name="PathAndQuery">Path with path parameters filled in, and the query string.</param>
/// <param name="Body">The JSON body, if any.</param>
internal sealed record ExampleRequest(string Name, string PathAndQuery, JsonNode? Body);

/// <summary>
/// What the contract documents per operation, as the oracle tests and the coverage report use it: the
/// requests its examples describe and the responses it declares.
/// </summary>
internal static class OperationPlan
{
    /// <summary>The API key sent to Prism; Prism checks the scheme, not the value.</summary>
    public const string TestApiKey = "sk_contract_test_key";

    /// <summary>The documented responses of an operation, in document order.</summary>
    public static IReadOnlyList<DocumentedResponse> Responses(ContractOperation operation)
    {
        var contract = ContractDocument.Instance;
        var list = new List<DocumentedResponse>();
        foreach (var status in operation.Statuses)
        {
            var pointer = JsonPointers.Append(operation.Pointer, "responses", status);
            if (contract.At(pointer)?["$ref"] is JsonValue reference)
            {
                pointer = reference.GetValue<string>();
            }

            var response = contract.At(pointer)?.AsObject() ?? throw new InvalidOperationException($"{pointer} does not exist.");
            var json = response["content"]?["application/json"];
            list.Add(new DocumentedResponse(
                status,
                pointer,
                json?["schema"] is null ? null : JsonPointers.Append(pointer, "content", "application/json", "schema"),
                json?["examples"]?.AsObject().Select(e => e.Key).ToList() ?? [],
                response["headers"]?.AsObject().Select(h => h.Key).ToList() ?? []));
        }

        return list;
    }

    /// <summary>One request per request-body example (or one from the parameter examples when there is no body).</summary>
    public static IReadOnlyList<ExampleRequest> Requests(ContractOperation operation)
    {
        var contract = ContractDocument.Instance;
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Operation.Parameters ?? [])
        {
            var text = ParameterExample(operation, parameter.Name!);
            switch (parameter.In)
            {
                case Microsoft.OpenApi.ParameterLocation.Path:
                    path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
                    break;
                case Microsoft.OpenApi.ParameterLocation.Query:
                    query.Add(Uri.EscapeDataString(parameter.Name!) + "=" + Uri.EscapeDataString(text));
                    break;
                default:
                    throw new InvalidOperationException($"{operation.Id} parameter {parameter.Name} in {parameter.In} is not supported by the plan.");
            }
        }

        var pathAndQuery = query.Count == 0 ? path : path + "?" + string.Join("&", query);
        var bodies = contract.At(JsonPointers.Append(operation.Pointer, "requestBody", "content", "application/json", "examples"))?.AsObject();
        if (bodies is null)
        {
            return [new ExampleRequest("parameters", pathAndQuery, null)];
        }

        return bodies.Select(b => new ExampleRequest(b.Key, pathAndQuery, b.Value!["value"]!.DeepClone())).ToList();
    }

    /// <summary>The documented example of a parameter, as the text that goes into the path or query.</summary>
    public static string ParameterExample(ContractOperation operation, string name)
    {
        var parameter = (operation.Operation.Parameters ?? []).SingleOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"{operation.Id} has no parameter {name}.");
        var example = parameter.Example ?? parameter.Examples?.Values.FirstOrDefault()?.Value
            ?? throw new InvalidOperationException($"{operation.Id} parameter {name} has no example to build a request from.");
        return example is JsonValue value && value.TryGetValue<string>(out var text) ? text : example.ToJsonString();
    }

    /// <summary>The HTTP request for <paramref name="request"/>, with the API key when the operation needs it.</summary>
    public static HttpRequestMessage Build(ContractOperation operation, ExampleRequest request)
    {
        var message = new HttpRequestMessage(operation.Method, request.PathAndQuery.TrimStart('/'));
        if (operation.RequiresApiKey)
        {
            message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestApiKey);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }

        return message;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Support;

/// <summary>
/// What the contract says about a request body: it must be JSON that satisfies the media-type schema and,
/// where the request body declares <c>x-outlit-max-body-bytes</c>, it must not be larger than that.
/// </summary>
internal static class RequestBodyCheck
{
    /// <summary>The extension that carries a body-size limit JSON Schema cannot express.</summary>
    public const string MaxBodyBytesExtension = "x-outlit-max-body-bytes";

    /// <summary>The body-size limit of an operation, when it declares one.</summary>
    public static long? MaxBodyBytes(ContractOperation operation) =>
        ContractDocument.Instance.At(JsonPointers.Append(operation.Pointer, "requestBody", MaxBodyBytesExtension)) is JsonValue value
            ? value.GetValue<long>()
            : null;

    /// <summary>The reasons the contract rejects <paramref name="body"/>; empty when it accepts it.</summary>
    public static IReadOnlyList<string> Check(ContractOperation operation, string body)
    {
        var failures = new List<string>();
        var size = Encoding.UTF8.GetByteCount(body);
        if (MaxBodyBytes(operation) is { } limit && size > limit)
        {
            failures.Add($"body is {size} bytes, above the {limit}-byte limit of {operation.Id}");
        }

        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            failures.Add("body is not JSON: " + e.Message);
            return failures;
        }

        var schemaPointer = JsonPointers.Append(operation.Pointer, "requestBody", "content", "application/json", "schema");
        failures.AddRange(ContractDocument.Instance.Validator.Validate(instance, schemaPointer));
        return failures;
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Generation;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Examples;

/// <summary>
/// The checks every example goes through, computed once per example and shared by the per-example test
/// case and the coverage report, so the report never depends on test execution order.
/// </summary>
internal static class ExampleChecks
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Results = new(StringComparer.Ordinal);

    /// <summary>Whether the checks of <paramref name="example"/> have run in this test run.</summary>
    public static bool WasChecked(ContractExample example) => Results.ContainsKey(example.Pointer);

    /// <summary>The failures of one example; empty when it passes every check.</summary>
    public static IReadOnlyList<string> For(ContractExample example) => Results.GetOrAdd(example.Pointer, _ => Run(example));

    private static IReadOnlyList<string> Run(ContractExample example)
    {
        var contract = ContractDocument.Instance;
        var failures = new List<string>();

        foreach (var error in contract.Validator.Validate(example.Value, example.SchemaPointer))
        {
            failures.Add($"schema {example.SchemaPointer}: {error}");
        }

        failures.AddRange(CheckToolInput(contract, example));
        failures.AddRange(CheckRoundTrip(example));
        return failures;
    }

    /// <summary>
    /// The example deserializes into the generated type of its schema and serializes back to the same
    /// JSON, apart from the normalizations <see cref="JsonEquivalence"/> names. An example without a
    /// generated type to go into is a failure, not a skip.
    /// </summary>
    private static IEnumerable<string> CheckRoundTrip(ContractExample example)
    {
        var (type, description) = GeneratedTypes.ForSchemaPointer(example.SchemaPointer);
        if (type is null)
        {
            return [$"no generated type: {description}"];
        }

        object? value;
        try
        {
            value = GeneratedTypes.Deserialize(example.Value?.ToJsonString() ?? "null", type);
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            return [$"does not deserialize into {description}: {e.Message}"];
        }

        var again = GeneratedTypes.Serialize(value);
        return JsonEquivalence.Differences(example.Value, again, JsonEquivalence.DefaultsOf(example.SchemaPointer)).Select(d => $"round trip through {description}: {d}")
            .Concat(ContractDocument.Instance.Validator.Validate(again, example.SchemaPointer).Select(e => $"written back by {description}, invalid: {e}"));
    }

    /// <summary>
    /// A tool call's <c>input</c> is an open object in <c>ToolCallRequest</c>; the tool it is meant for
    /// is named by the sibling <c>tool</c>, and x-outlit-tools says which input schema applies.
    /// </summary>
    private static IEnumerable<string> CheckToolInput(ContractDocument contract, ContractExample example)
    {
        if (contract.At(example.SchemaPointer) is not JsonObject schema
            || schema["$ref"]?.GetValue<string>() != "#/components/schemas/ToolCallRequest"
            || example.Value is not JsonObject call)
        {
            yield break;
        }

        var toolName = call["tool"]?.GetValue<string>();
        var tool = contract.Tools.FirstOrDefault(t => t.Name == toolName);
        if (tool is null)
        {
            yield return $"tool '{toolName}' is not listed in x-outlit-tools";
            yield break;
        }

        foreach (var error in contract.Validator.ValidateComponent(call["input"] ?? new JsonObject(), tool.InputSchema))
        {
            yield return $"input of {tool.Name} against {tool.InputSchema}: {error}";
        }
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Examples;

/// <summary>Where in the document an example sits, which decides what it illustrates.</summary>
internal enum ExampleKind
{
    /// <summary>An <c>example</c>/<c>examples</c> entry of a request or response media type.</summary>
    MediaType,

    /// <summary>An <c>example</c>/<c>examples</c> entry of a parameter.</summary>
    Parameter,

    /// <summary>An <c>example</c>/<c>examples</c> entry of a response header.</summary>
    Header,

    /// <summary>An <c>example</c>/<c>examples</c> keyword of a schema or property schema.</summary>
    Schema,
}

/// <summary>One example value of the contract and the schema it must satisfy.</summary>
/// <param name="Kind">What kind of object holds the example.</param>
/// <param name="Name">A readable name: operation or component, direction/status, example name.</param>
/// <param name="Pointer">JSON pointer of the example entry in openapi/openapi.json.</param>
/// <param name="SchemaPointer">JSON pointer of the schema the example illustrates.</param>
/// <param name="Value">The example value.</param>
/// <param name="OperationId">The operation it belongs to, when it sits inside one.</param>
/// <param name="Status">The response status it illustrates, for response media types and headers.</param>
internal sealed record ContractExample(
    ExampleKind Kind,
    string Name,
    string Pointer,
    string SchemaPointer,
    JsonNode? Value,
    string? OperationId,
    string? Status)
{
    /// <summary>The display name of the test case: readable name, then the location.</summary>
    public string DisplayName => $"{Name} @ {Pointer}";

    /// <inheritdoc />
    public override string ToString() => DisplayName;
}

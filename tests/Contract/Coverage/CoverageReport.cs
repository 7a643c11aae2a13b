using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Coverage;

/// <summary>Coverage of one documented status.</summary>
/// <param name="Status">The status key.</param>
/// <param name="Examples">Its documented response examples.</param>
/// <param name="ThroughClient">Drawn from Prism through the public client, with the documented outcome.</param>
/// <param name="ByReplay">Drawn from Prism by the plain-HTTP replay, as documented.</param>
/// <param name="Failures">Calls for this status whose outcome was not the documented one.</param>
internal sealed record StatusCoverage(string Status, IReadOnlyList<string> Examples, bool ThroughClient, bool ByReplay, IReadOnlyList<string> Failures);

/// <summary>Coverage of one operation.</summary>
internal sealed record OperationCoverage(string OperationId, string Method, string Path, IReadOnlyList<StatusCoverage> Statuses)
{
    /// <summary>An operation is exercised when at least one of its statuses was, through the client.</summary>
    public bool Exercised => Statuses.Any(s => s.ThroughClient);
}

/// <summary>Outcome of the checks of one example.</summary>
internal sealed record ExampleCoverage(string Name, string Pointer, IReadOnlyList<string> Failures)
{
    /// <summary>Whether the example passed every check.</summary>
    public bool Passed => Failures.Count == 0;
}

/// <summary>Calls made by one channel and the request violations Prism reported for them.</summary>
internal sealed record ChannelSummary(string Channel, int Calls, int RequestViolations);

/// <summary>The coverage report: operations × documented statuses × examples.</summary>
/// <summary>A tool of the contract and its request examples that passed every check.</summary>
internal sealed record ToolCoverage(string Name, bool Deprecated, int ExamplesChecked);

internal sealed record CoverageReport(IReadOnlyList<OperationCoverage> Operations, IReadOnlyList<ExampleCoverage> Examples, IReadOnlyList<ChannelSummary> Channels, IReadOnlyList<ToolCoverage> Tools)
{
    /// <summary>Tools with at least one request example that passed every check (the round trip included).</summary>
    public int ToolsWithCheckedExample => Tools.Count(t => t.ExamplesChecked > 0);

    /// <summary>Operations exercised through the client.</summary>
    public int OperationsExercised => Operations.Count(o => o.Exercised);

    /// <summary>Documented statuses across all operations.</summary>
    public int StatusesTotal => Operations.Sum(o => o.Statuses.Count);

    /// <summary>Documented statuses drawn through the client with the documented outcome.</summary>
    public int StatusesExercised => Operations.Sum(o => o.Statuses.Count(s => s.ThroughClient));

    /// <summary>Examples that passed every check.</summary>
    public int ExamplesChecked => Examples.Count(e => e.Passed);

    /// <summary>Request violations Prism reported across every channel.</summary>
    public int RequestViolations => Channels.Sum(c => c.RequestViolations);

    /// <summary>The one-line summary printed in the test output.</summary>
    public string Summary =>
        $"operations {OperationsExercised}/{Operations.Count}, statuses {StatusesExercised}/{StatusesTotal}, examples {ExamplesChecked}/{Examples.Count}, " +
        $"tools with a checked example {ToolsWithCheckedExample}/{Tools.Count} ({Tools.Count(t => !t.Deprecated)} current + {Tools.Count(t => t.Deprecated)} deprecated); " +
        "Prism " + (Channels.Count == 0 ? "not called" : string.Join(", ", Channels.Select(c => $"{c.Channel} {c.Calls} calls {c.RequestViolations} request violations")));

    /// <summary>Operation/status pairs not drawn through the client with the documented outcome.</summary>
    public IReadOnlyList<string> MissingStatuses =>
        Operations.SelectMany(o => o.Statuses.Where(s => !s.ThroughClient).Select(s => $"{o.OperationId} {s.Status}")).ToList();

    /// <summary>The report as JSON.</summary>
    public JsonObject ToJson() => new()
    {
        ["document"] = "openapi/openapi.json",
        ["summary"] = Summary,
        ["totals"] = new JsonObject
        {
            ["operations"] = Operations.Count,
            ["operationsExercised"] = OperationsExercised,
            ["statuses"] = StatusesTotal,
            ["statusesExercised"] = StatusesExercised,
            ["examples"] = Examples.Count,
            ["examplesChecked"] = ExamplesChecked,
            ["requestViolations"] = RequestViolations,
        },
        ["channels"] = new JsonArray(Channels.Select(c => (JsonNode)new JsonObject
        {
            ["channel"] = c.Channel,
            ["calls"] = c.Calls,
            ["requestViolations"] = c.RequestViolations,
        }).ToArray()),
        ["operations"] = new JsonArray(Operations.Select(o => (JsonNode)new JsonObject
        {
            ["operationId"] = o.OperationId,
            ["method"] = o.Method,
            ["path"] = o.Path,
            ["exercised"] = o.Exercised,
            ["statuses"] = new JsonArray(o.Statuses.Select(s => (JsonNode)new JsonObject
            {
                ["status"] = s.Status,
                ["throughClient"] = s.ThroughClient,
                ["byReplay"] = s.ByReplay,
                ["examples"] = new JsonArray(s.Examples.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
                ["failures"] = new JsonArray(s.Failures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
            }).ToArray()),
        }).ToArray()),
        ["examples"] = new JsonArray(Examples.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["pointer"] = e.Pointer,
            ["passed"] = e.Passed,
            ["failures"] = new JsonArray(e.Failures.Select(f => (JsonNode)JsonValue.Create(f)!).ToArray()),
        }).ToArray()),
    };
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Examples;
using Outlit.Contract.Tests.Oracle;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Coverage;

/// <summary>How a documented status of an operation was exercised.</summary>
/// <param name="OperationId">The operation.</param>
/// <param name="Status">The documented status that came back.</param>
/// <param name="Channel">Who made the call: <see cref="ContractCoverage.ClientChannel"/> or <see cref="ContractCoverage.ReplayChannel"/>.</param>
/// <param name="Case">The case name (request or response example).</param>
/// <param name="Conforms">Whether the outcome was the documented one.</param>
/// <param name="RequestViolations">The request violations Prism reported for the call.</param>
internal sealed record ExercisedStatus(string OperationId, string Status, string Channel, string Case, bool Conforms, int RequestViolations);

/// <summary>
/// The coverage of the contract by this suite: operations × documented statuses × examples. A status
/// counts as covered when a call through the public client drew it from Prism and the client surfaced
/// the documented outcome; an example counts when it passed every example check. The Prism replay over
/// plain HTTP is reported beside it but does not cover anything by itself, since it does not involve
/// the client.
/// </summary>
internal static class ContractCoverage
{
    /// <summary>Calls made through the public <c>OutlitClient</c>.</summary>
    public const string ClientChannel = "client";

    /// <summary>Calls made by the plain-HTTP replay of the contract's examples.</summary>
    public const string ReplayChannel = "prism-replay";

    /// <summary>File name of the JSON report.</summary>
    public const string ReportFileName = "contract-coverage.json";

    /// <summary>
    /// The sources of exercised statuses. Each runs its calls at most once per test run (results are
    /// shared with its own test cases), so the report does not depend on which tests ran first.
    /// </summary>
    private static readonly Func<Task<IReadOnlyList<ExercisedStatus>>>[] Sources =
    [
        ReplayAsync,
        ClientAsync,
    ];

    /// <summary>Runs (or reuses) every source and computes the report.</summary>
    public static async Task<CoverageReport> BuildAsync()
    {
        var exercised = new List<ExercisedStatus>();
        foreach (var source in Sources)
        {
            exercised.AddRange(await source().ConfigureAwait(false));
        }

        var contract = ContractDocument.Instance;
        var operations = contract.Operations.Select(operation =>
        {
            var statuses = OperationPlan.Responses(operation).Select(response =>
            {
                var calls = exercised.Where(e => e.OperationId == operation.Id && e.Status == response.Status).ToList();
                return new StatusCoverage(
                    response.Status,
                    response.ExampleNames,
                    calls.Any(c => c.Channel == ClientChannel && c.Conforms),
                    calls.Any(c => c.Channel == ReplayChannel && c.Conforms),
                    calls.Where(c => !c.Conforms).Select(c => $"{c.Channel}: {c.Case}").ToList());
            }).ToList();
            return new OperationCoverage(operation.Id, operation.Method.Method, operation.Path, statuses);
        }).ToList();

        var examples = ExampleCatalog.All.Select(e => new ExampleCoverage(e.Name, e.Pointer, ExampleChecks.For(e))).ToList();
        var calls = exercised
            .GroupBy(e => e.Channel)
            .Select(g => new ChannelSummary(g.Key, g.Count(), g.Sum(e => e.RequestViolations)))
            .ToList();
        return new CoverageReport(operations, examples, calls, Tools(contract.Json, examples));
    }

    /// <summary>Each tool of x-outlit-tools with the callTool request examples that name it and passed every check.</summary>
    private static List<ToolCoverage> Tools(System.Text.Json.Nodes.JsonObject contract, IReadOnlyList<ExampleCoverage> examples)
    {
        var passed = examples.Where(e => e.Passed).Select(e => e.Pointer).ToHashSet(StringComparer.Ordinal);
        var requestExamples = contract["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key, Operation: m.Value as System.Text.Json.Nodes.JsonObject)))
            .Where(o => o.Operation is not null && (string?)o.Operation["operationId"] == (string?)contract["x-outlit-tool-gateway"]?["operationId"])
            .SelectMany(o => (o.Operation!["requestBody"]?["content"]?["application/json"]?["examples"] as System.Text.Json.Nodes.JsonObject ?? [])
                .Select(e => (Pointer: $"#/paths/{o.Path.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}/{o.Method}/requestBody/content/application~1json/examples/{e.Key}",
                    Tool: (string?)e.Value?["value"]?["tool"])))
            .ToList();
        return (contract["x-outlit-tools"] as System.Text.Json.Nodes.JsonArray ?? [])
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .Select(t => (Name: (string?)t["name"] ?? "", Deprecated: t["deprecated"] is not null))
            .Select(t => new ToolCoverage(t.Name, t.Deprecated, requestExamples.Count(e => e.Tool == t.Name && passed.Contains(e.Pointer))))
            .ToList();
    }

    /// <summary>Writes the report as JSON and returns the file path.</summary>
    public static string Write(CoverageReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, ReportFileName);
        File.WriteAllText(path, report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static async Task<IReadOnlyList<ExercisedStatus>> ClientAsync()
    {
        var results = await ClientMatrix.RunAllAsync().ConfigureAwait(false);
        return results
            .Select(r => new ExercisedStatus(r.Case.OperationId, r.Case.Status, ClientChannel, r.Case.DisplayName, r.Result.Failures.Count == 0, r.Result.RequestViolations))
            .ToList();
    }

    private static async Task<IReadOnlyList<ExercisedStatus>> ReplayAsync()
    {
        var results = await PrismReplay.RunAllAsync().ConfigureAwait(false);
        return results
            .Select(r => new ExercisedStatus(r.Case.OperationId, r.Case.Status, ReplayChannel, r.Case.DisplayName, r.Result.Failures.Count == 0, r.Result.Exchange.Violations.Count))
            .ToList();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Outlit.Drift.Cli;

namespace Outlit.Drift.Tests;

/// <summary>
/// What a pipeline sees for each consecutive pair of Outlit's published documents: the exit code, the
/// counts, and the rules behind the verdict. Run through the command line with the default
/// threshold, as the scheduled job runs it. The table is written to the test output.
/// </summary>
[TestFixture]
public sealed class UpstreamVerdictTests
{
    private sealed record Verdict(
        string Base,
        string Candidate,
        int ExitCode,
        string Summary,
        string Invalid,
        IReadOnlyDictionary<string, int> Reasons,
        string Why);

    /// <summary>
    /// The verdicts, worked out by reading the documents side by side; <see cref="HistoryTests"/>
    /// pins every finding of each transition.
    /// </summary>
    private static readonly Verdict[] Expected =
    [
        new("2026-06-23", "2026-06-28", ExitCodes.Clean, "0 error, 0 breaking, 0 warning, 4 non-breaking", "none", new Dictionary<string, int>(),
            "Additions only: the four agent paths."),
        new("2026-06-28", "2026-07-14", ExitCodes.InvalidDocument, "1 error, 11 breaking, 2 warning, 41 non-breaking", "candidate",
            new Dictionary<string, int>
            {
                ["error unresolved-reference"] = 1,
                ["breaking response-property-removed"] = 6,
                ["breaking request-property-added-required"] = 2,
                ["breaking request-branch-removed"] = 2,
                ["breaking request-property-removed"] = 1,
            },
            "The candidate's $ref to DeliveryStatus points to nothing; besides, agent creation was reshaped and the ingest API dropped stage and billing events."),
        new("2026-07-14", "2026-08-05", ExitCodes.InvalidDocument, "1 error, 88 breaking, 2 warning, 147 non-breaking", "base",
            new Dictionary<string, int>
            {
                ["error unresolved-reference"] = 1,
                ["breaking path-removed"] = 41,
                ["breaking request-property-became-required"] = 18,
                ["breaking request-constraint-tightened"] = 10,
                ["breaking request-property-added-required"] = 8,
                ["breaking response-property-removed"] = 5,
                ["breaking response-header-removed"] = 3,
                ["breaking request-enum-value-removed"] = 1,
                ["breaking response-property-became-nullable"] = 1,
                ["breaking response-type-changed"] = 1,
            },
            "The base is the broken document; besides, 41 of 44 paths are gone, ingest events require more and validate more, and the ingest 200 response lost its rate-limit headers."),
        new("2026-08-05", "2026-08-19", ExitCodes.OverThreshold, "0 error, 17 breaking, 10 warning, 17 non-breaking", "none",
            new Dictionary<string, int>
            {
                ["breaking response-branch-added"] = 12,
                ["breaking response-property-removed"] = 3,
                ["breaking request-branch-removed"] = 2,
            },
            "Two integration tools removed from /api/tools/call, twelve new tool outputs clients do not know, three item properties gone from the integrations list."),
    ];

    private static async Task<(int ExitCode, JsonDocument Report)> RunAsync(string baseDate, string candidateDate)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await DriftCommand.RunAsync(["compare", "--base", RepositoryPaths.History(baseDate), "--candidate", RepositoryPaths.History(candidateDate), "--format", "json"], stdout, stderr);
        return (code, JsonDocument.Parse(stdout.ToString()));
    }

    private static async Task<Verdict> ObserveAsync(Verdict expected)
    {
        var (code, report) = await RunAsync(expected.Base, expected.Candidate);
        using (report)
        {
            var root = report.RootElement;
            var summary = root.GetProperty("summary");
            var counts = string.Join(", ", new[] { "error", "breaking", "warning", "non-breaking" }.Select(s => $"{summary.GetProperty(s).GetInt32()} {s}"));
            var invalid = root.GetProperty("invalidDocuments").EnumerateArray().Select(e => e.GetString()).ToList();
            var reasons = root.GetProperty("findings").EnumerateArray()
                .Select(f => (Severity: f.GetProperty("severity").GetString(), Rule: f.GetProperty("rule").GetString()))
                .Where(f => f.Severity is "error" or "breaking")
                .GroupBy(f => $"{f.Severity} {f.Rule}")
                .ToDictionary(g => g.Key, g => g.Count());
            return expected with { ExitCode = code, Summary = counts, Invalid = invalid.Count == 0 ? "none" : string.Join(", ", invalid), Reasons = reasons };
        }
    }

    private static string Name(int exitCode, string invalid) => exitCode switch
    {
        ExitCodes.Clean => "compatible",
        ExitCodes.OverThreshold => "breaking",
        ExitCodes.InvalidDocument => $"invalid document ({invalid})",
        _ => "exit " + exitCode.ToString(CultureInfo.InvariantCulture),
    };

    [Test]
    public async Task EveryConsecutiveTransitionHasItsVerdict()
    {
        var observed = new List<Verdict>();
        foreach (var expected in Expected)
        {
            observed.Add(await ObserveAsync(expected));
        }

        var table = new StringBuilder();
        table.AppendLine("| Transition | Exit | Verdict | Counts | Main reasons |");
        table.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var verdict in observed)
        {
            var reasons = string.Join(", ", verdict.Reasons.OrderByDescending(r => r.Key.StartsWith("error", StringComparison.Ordinal)).ThenByDescending(r => r.Value).Select(r => $"{r.Key.Split(' ')[1]} ×{r.Value}"));
            table.AppendLine($"| {verdict.Base} → {verdict.Candidate} | {verdict.ExitCode} | {Name(verdict.ExitCode, verdict.Invalid)} | {verdict.Summary} | {(reasons.Length == 0 ? "none" : reasons)}. {verdict.Why} |");
        }

        await TestContext.Out.WriteLineAsync(table.ToString());
        Assert.Multiple(() =>
        {
            for (var i = 0; i < Expected.Length; i++)
            {
                var (expected, actual) = (Expected[i], observed[i]);
                var transition = $"{expected.Base} → {expected.Candidate}";
                Assert.That(actual.ExitCode, Is.EqualTo(expected.ExitCode), transition);
                Assert.That(actual.Summary, Is.EqualTo(expected.Summary), transition);
                Assert.That(actual.Invalid, Is.EqualTo(expected.Invalid), transition);
                Assert.That(actual.Reasons, Is.EquivalentTo(expected.Reasons), transition);
            }
        });
    }

    /// <summary>
    /// The comparison stays fast enough to run on every push: the two largest documents (08-05 and
    /// 08-19, 326 and 446 kB), read from disk, compared and reported, in well under a second once
    /// the code is warm (the first run pays for loading and compiling it).
    /// </summary>
    [TestCase("2026-08-05", "2026-08-19")]
    [TestCase("2026-07-14", "2026-08-19")]
    public async Task ComparingTheLargestDocumentsTakesLessThanASecond(string baseDate, string candidateDate)
    {
        var times = new List<TimeSpan>();
        for (var run = 0; run < 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var (_, report) = await RunAsync(baseDate, candidateDate);
            stopwatch.Stop();
            report.Dispose();
            times.Add(stopwatch.Elapsed);
        }

        await TestContext.Out.WriteLineAsync($"{baseDate} → {candidateDate}: {string.Join(", ", times.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"))} (first run cold)");
        Assert.That(times.Skip(1).Min(), Is.LessThan(TimeSpan.FromSeconds(1)));
    }
}

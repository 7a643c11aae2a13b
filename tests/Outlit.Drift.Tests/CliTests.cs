using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Outlit.Drift.Cli;
using Outlit.Drift.Comparison;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>The command line, run in-process through the same entry point as the tool.</summary>
[TestFixture]
public sealed class CliTests
{
    private static readonly string June23 = RepositoryPaths.History("2026-06-23");
    private static readonly string June28 = RepositoryPaths.History("2026-06-28");
    private static readonly string July14 = RepositoryPaths.History("2026-07-14");
    private static readonly string August05 = RepositoryPaths.History("2026-08-05");
    private static readonly string August19 = RepositoryPaths.History("2026-08-19");

    private sealed record Run(int ExitCode, string Out, string Error);

    private static async Task<Run> RunAsync(IClientRegenerator? regenerator, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await DriftCommand.RunAsync(args, stdout, stderr, regenerator);
        return new Run(code, stdout.ToString(), stderr.ToString());
    }

    private static Task<Run> RunAsync(params string[] args) => RunAsync(null, args);

    [Test]
    public async Task ADocumentAgainstItselfExitsZero()
    {
        var run = await RunAsync("compare", "--base", June23, "--candidate", June23);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Clean), run.Error);
        Assert.That(run.Out, Does.Contain("Summary: 0 error, 0 breaking, 0 warning, 0 non-breaking."));
    }

    [Test]
    public async Task OnlyAdditionsExitZeroUnderTheDefaultThreshold()
    {
        var run = await RunAsync("compare", "--base", June23, "--candidate", June28);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Clean));
        Assert.That(run.Out, Does.Contain("4 non-breaking"));
    }

    [Test]
    public async Task AdditionsFailWhenAnyFindingCounts()
    {
        var run = await RunAsync("compare", "--base", June23, "--candidate", June28, "--fail-on", "any");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.OverThreshold));
    }

    [Test]
    public async Task BreakingChangesExitOne()
    {
        var run = await RunAsync("compare", "--base", August05, "--candidate", August19);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.OverThreshold));
        Assert.That(run.Out, Does.Contain("[breaking] request-branch-removed base:#/paths/~1api~1tools~1call/post/requestBody/content/application~1json/schema/oneOf/"));
    }

    [Test]
    public async Task BreakingChangesExitZeroWhenTheThresholdIsNone()
    {
        var run = await RunAsync("compare", "--base", August05, "--candidate", August19, "--fail-on=none");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Clean));
        Assert.That(run.Out, Does.Contain("Summary: 0 error, 17 breaking, 10 warning, 17 non-breaking."));
    }

    [TestCase("breaking")]
    [TestCase("any")]
    [TestCase("none")]
    public async Task ADocumentErrorExitsThreeWhateverTheThreshold(string failOn)
    {
        var run = await RunAsync("compare", "--base", July14, "--candidate", July14, "--fail-on", failOn);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument));
        Assert.That(run.Out, Does.Contain("[error] unresolved-reference candidate:#/components/schemas/DestinationDeliverySummary/properties/status/$ref"));
        Assert.That(run.Out, Does.Contain("Not a valid OpenAPI document: the candidate (1 error)"));
    }

    [Test]
    public async Task AnInvalidBaseAlsoExitsThreeAndTheRestIsStillCompared()
    {
        var run = await RunAsync("compare", "--base", July14, "--candidate", August05, "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), run.Error);
        Assert.That(root.GetProperty("invalidDocuments").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "base" }));
        Assert.That(root.GetProperty("summary").GetProperty("breaking").GetInt32(), Is.GreaterThan(0), "the paths removed between the two are still reported");
    }

    /// <summary>
    /// The dated upstream document with a dangling <c>$ref</c>, as base or candidate, with and
    /// without <c>--regenerate</c>: exit 3 and a report in every format that names the defect. The
    /// regeneration is skipped for an invalid document, so this runs no build.
    /// </summary>
    [Test]
    [Combinatorial]
    public async Task TheInvalidUpstreamDocumentExitsThreeWithAReportInEveryFormat(
        [Values("text", "markdown", "json", "github")] string format,
        [Values] bool regenerate,
        [Values] bool asCandidate)
    {
        string[] args = ["compare", "--base", asCandidate ? June28 : July14, "--candidate", asCandidate ? July14 : August05, "--format", format];
        var run = await RunAsync(regenerate ? [.. args, "--regenerate"] : args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), run.Error);
        Assert.That(run.Out, Does.Contain("#/components/schemas/DestinationDeliverySummary/properties/status/$ref"));
        Assert.That(run.Out, Does.Contain(asCandidate ? "request-branch-removed" : "path-removed"), "what could be compared is in the report too");
        if (regenerate)
        {
            Assert.That(run.Out, Does.Contain("skipped"));
            Assert.That(run.Out, Does.Contain("not a valid OpenAPI document"));
        }

        if (format == "json")
        {
            using var json = JsonDocument.Parse(run.Out);
            Assert.That(json.RootElement.GetProperty("summary").GetProperty("error").GetInt32(), Is.EqualTo(1));
            Assert.That(json.RootElement.GetProperty("invalidDocuments")[0].GetString(), Is.EqualTo(asCandidate ? "candidate" : "base"));
            Assert.That(json.RootElement.TryGetProperty("surface", out var surface), Is.EqualTo(regenerate));
            if (regenerate)
            {
                Assert.That(surface.GetProperty("status").GetString(), Is.EqualTo("skipped"));
            }
        }
    }

    [TestCase]
    [TestCase("compare")]
    [TestCase("compare", "--base", "a.json")]
    [TestCase("compare", "--candidate", "a.json")]
    [TestCase("compare", "--base", "a.json", "--candidate", "b.json", "--format", "xml")]
    [TestCase("compare", "--base", "a.json", "--candidate", "b.json", "--fail-on", "sometimes")]
    [TestCase("compare", "--base", "a.json", "--candidate", "b.json", "--verbose")]
    [TestCase("compare", "--base", "--candidate", "b.json")]
    [TestCase("diff", "--base", "a.json", "--candidate", "b.json")]
    public async Task UsageErrorsExitTwoWithTheUsageText(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(run.Error, Does.Contain("Usage: outlit-drift compare"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task HelpExitsZero()
    {
        var run = await RunAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Clean));
        Assert.That(run.Out, Does.Contain("--fail-on"));
    }

    [Test]
    public async Task AMissingFileExitsTwoAndNamesIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "outlit-drift-missing-" + Guid.NewGuid().ToString("N") + ".json");

        var run = await RunAsync("compare", "--base", June23, "--candidate", missing);

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(run.Error, Does.Contain("File not found: " + missing));
    }

    [TestCase("{ this is not json")]
    [TestCase("")]
    [TestCase("  \n\t")]
    [TestCase("[1, 2, 3]")]
    [TestCase("just some words")]
    [TestCase("openapi: [")]
    public async Task AnUnreadableDocumentExitsTwo(string content)
    {
        var file = Path.Combine(Path.GetTempPath(), "outlit-drift-bad-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var run = await RunAsync("compare", "--base", file, "--candidate", June23);

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
            Assert.That(run.Error, Does.Contain(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("{ \"hello\": 1 }", "#/openapi", "'openapi' version field is missing")]
    [TestCase("hello: 1\nworld: [2]\n", "#/openapi", "'openapi' version field is missing")]
    [TestCase("{ \"openapi\": \"4.0.0\", \"info\": { \"title\": \"t\", \"version\": \"1\" }, \"paths\": {} }", "#/openapi", "OpenAPI version \"4.0.0\" is not supported")]
    [TestCase("{ \"openapi\": \"3.2.0\", \"info\": { \"title\": \"t\", \"version\": \"1\" }, \"paths\": {} }", "#/openapi", "OpenAPI version \"3.2.0\" is not supported")]
    [TestCase("{ \"swagger\": \"2.0\", \"info\": { \"title\": \"t\", \"version\": \"1\" }, \"paths\": {} }", "#/swagger", "Swagger 2.0 is not supported")]
    [TestCase("{ \"openapi\": \"3.1.0\", \"paths\": {} }", "#/info/title", "REQUIRED")]
    [TestCase("{ \"openapi\": \"3.1.0\", \"info\": { \"title\": \"t\", \"version\": \"1\" }, \"paths\": {}, \"paths\": {} }", "#", "Duplicate property 'paths'")]
    [TestCase("openapi: 3.1.0\ninfo: { title: t, version: '1' }\npaths: {}\npaths: {}\n", "#", "Duplicate key")]
    public async Task JsonOrYamlThatIsNotAValidOpenApiDocumentExitsThreeWithTheReport(string content, string pointer, string message)
    {
        var file = Path.Combine(Path.GetTempPath(), "outlit-drift-invalid-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var run = await RunAsync("compare", "--base", June23, "--candidate", file, "--format", "json");

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), run.Error);
            using var json = JsonDocument.Parse(run.Out);
            var errors = json.RootElement.GetProperty("findings").EnumerateArray()
                .Where(f => f.GetProperty("severity").GetString() == "error")
                .Select(f => (Location: f.GetProperty("location").GetString(), Message: f.GetProperty("message").GetString()!))
                .ToList();
            Assert.That(errors, Has.Some.Matches<(string? Location, string Message)>(e => e.Location == pointer && e.Message.Contains(message, StringComparison.Ordinal)), run.Out);
            Assert.That(json.RootElement.GetProperty("invalidDocuments")[0].GetString(), Is.EqualTo("candidate"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task AnUnsupportedVersionIsReportedAndTheRestIsStillCompared()
    {
        var file = Path.Combine(Path.GetTempPath(), "outlit-drift-version-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(June23)).Replace("\"openapi\": \"3.1.0\"", "\"openapi\": \"4.0.0\"", StringComparison.Ordinal));
        try
        {
            var run = await RunAsync("compare", "--base", June23, "--candidate", file);

            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), run.Error);
            Assert.That(run.Out, Does.Contain("[error] document-invalid candidate:#/openapi"));
            Assert.That(run.Out, Does.Contain("Summary: 1 error, 0 breaking, 0 warning, 0 non-breaking."), "the paths match: only the version is wrong");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task AYamlCandidateIsRead()
    {
        var file = Path.Combine(Path.GetTempPath(), "outlit-drift-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, """
            openapi: 3.0.3
            info: { title: yaml, version: "1" }
            paths:
              /api/validate-api-key:
                post:
                  responses:
                    "200": { description: ok }
            """);
        try
        {
            var run = await RunAsync("compare", "--base", June23, "--candidate", file, "--format", "json");

            using var json = JsonDocument.Parse(run.Out);
            var rules = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()).ToList();
            Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), run.Error);
            Assert.That(rules, Has.Member("path-removed").And.Member("response-media-type-removed"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task JsonOutputIsMachineReadableAndCountsMatch()
    {
        var run = await RunAsync("compare", "--base", June28, "--candidate", July14, "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        var summary = root.GetProperty("summary");
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(summary.GetProperty("error").GetInt32(), Is.EqualTo(1));
            Assert.That(summary.GetProperty("breaking").GetInt32(), Is.EqualTo(11));
            Assert.That(summary.GetProperty("warning").GetInt32(), Is.EqualTo(2));
            Assert.That(summary.GetProperty("non-breaking").GetInt32(), Is.EqualTo(41));
            Assert.That(findings, Has.Count.EqualTo(55));
            Assert.That(findings[0].GetProperty("severity").GetString(), Is.EqualTo("error"));
            Assert.That(findings[0].GetProperty("rule").GetString(), Is.EqualTo("unresolved-reference"));
            Assert.That(findings[0].GetProperty("document").GetString(), Is.EqualTo("candidate"));
            Assert.That(findings[0].GetProperty("location").GetString(), Is.EqualTo("#/components/schemas/DestinationDeliverySummary/properties/status/$ref"));
        });
    }

    [Test]
    public async Task GitHubOutputAnnotatesTheDocumentEachFindingPointsInto()
    {
        var run = await RunAsync("compare", "--base", July14, "--candidate", August05, "--format", "github");
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.StartsWith($"::error file={July14},title=breaking%3A path-removed::Path /api/integrations was removed (GET)."));
            Assert.That(lines, Has.Some.StartsWith($"::error file={July14},title=error%3A unresolved-reference::"));
            Assert.That(lines, Has.Some.StartsWith($"::warning file={August05},title=warning%3A response-enum-value-added::"));
            Assert.That(lines, Has.Some.StartsWith($"::notice file={August05},title=non-breaking%3A response-status-added::"));
            Assert.That(lines.Count(l => l.StartsWith("::", StringComparison.Ordinal)), Is.EqualTo(238));
        });
    }

    [Test]
    public async Task MarkdownOutputIsATable()
    {
        var run = await RunAsync("compare", "--base", June23, "--candidate", June28, "--format", "markdown");

        Assert.That(run.Out, Does.Contain("| Severity | Rule | Location | Message |"));
        Assert.That(run.Out, Does.Contain("| non-breaking | `path-added` | candidate `#/paths/~1api~1agents` | Path /api/agents was added (GET, POST). |"));
    }

    [Test]
    public async Task ACandidateCanBeDownloaded()
    {
        using var server = new DocumentServer(await File.ReadAllBytesAsync(August19));

        var run = await RunAsync("compare", "--base", August05, "--candidate", server.Url + "openapi.json", "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), run.Error);
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("candidate").GetString(), Is.EqualTo(server.Url + "openapi.json"));
        Assert.That(json.RootElement.GetProperty("summary").GetProperty("breaking").GetInt32(), Is.EqualTo(17));
    }

    [Test]
    public async Task AFailedDownloadExitsTwo()
    {
        using var server = new DocumentServer(null);

        var run = await RunAsync("compare", "--base", July14, "--candidate", server.Url + "missing.json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(run.Error, Does.Contain("HTTP 404"));
    }

    [Test]
    public async Task RegenerationFailureExitsTwoWithItsMessageAndStillWritesTheReport()
    {
        var run = await RunAsync(new FailingRegenerator(), "compare", "--base", June23, "--candidate", June28, "--regenerate");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(run.Error, Does.Contain("compilation failed for the test"));
        Assert.That(run.Out, Does.Contain("[non-breaking] path-added candidate:#/paths/~1api~1agents"));
        Assert.That(run.Out, Does.Contain("C# surface: failed: compilation failed for the test"));
    }

    [Test]
    public async Task ADocumentTheGeneratorRefusesExitsThreeWithTheReport()
    {
        var run = await RunAsync(new FailingRegenerator(DocumentSide.Candidate), "compare", "--base", June23, "--candidate", June28, "--regenerate", "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument));
        using var json = JsonDocument.Parse(run.Out);
        Assert.That(json.RootElement.GetProperty("invalidDocuments")[0].GetString(), Is.EqualTo("candidate"));
        Assert.That(json.RootElement.GetProperty("surface").GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(json.RootElement.GetProperty("surface").GetProperty("reason").GetString(), Does.Contain("compilation failed for the test"));
    }

    [Test]
    public async Task AnInvalidDocumentIsNeverHandedToTheRegenerator()
    {
        var regenerator = new FixedRegenerator(new SurfaceReport([], [], []));

        var run = await RunAsync(regenerator, "compare", "--base", June28, "--candidate", July14, "--regenerate");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument));
        Assert.That(regenerator.Candidate, Is.Null);
        Assert.That(run.Out, Does.Contain("C# surface: skipped: the candidate is not a valid OpenAPI document"));
    }

    [Test]
    public async Task RegenerationResultIsReportedWithTheSuggestedBump()
    {
        var regenerator = new FixedRegenerator(new SurfaceReport(["Outlit.IntegrationsClient"], [], ["Outlit.ToolsClient"]));

        var run = await RunAsync(regenerator, "compare", "--base", June23, "--candidate", June23, "--regenerate", "--format", "json");

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), "a removed member is breaking, even when the documents do not differ");
        using var json = JsonDocument.Parse(run.Out);
        var surface = json.RootElement.GetProperty("surface");
        Assert.That(surface.GetProperty("suggestedBump").GetString(), Is.EqualTo("major"));
        Assert.That(surface.GetProperty("removed")[0].GetString(), Is.EqualTo("Outlit.IntegrationsClient"));
        Assert.That(regenerator.Candidate, Is.EqualTo(June23));
    }

    private sealed class FailingRegenerator(DocumentSide? refused = null) : IClientRegenerator
    {
        public Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken)
            => throw new RegenerationException("compilation failed for the test", refused);
    }

    private sealed class FixedRegenerator(SurfaceReport report) : IClientRegenerator
    {
        public string? Candidate { get; private set; }

        public Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken)
        {
            Candidate = candidate.Source;
            return Task.FromResult(report);
        }
    }

    /// <summary>Serves one document at /openapi.json on a free local port; every other path is 404.</summary>
    private sealed class DocumentServer : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly byte[]? document;
        private readonly Task loop;

        public DocumentServer(byte[]? document)
        {
            this.document = document;
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public string Url { get; }

        private async Task ServeAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception) when (!listener.IsListening)
                {
                    return;
                }

                if (document is not null && context.Request.Url?.AbsolutePath == "/openapi.json")
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(document);
                }
                else
                {
                    context.Response.StatusCode = 404;
                }

                context.Response.Close();
            }
        }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // The listener was stopped while waiting for a request.
            }
        }
    }
}

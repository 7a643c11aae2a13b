using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>
/// <c>build/pipeline.sh</c>, the command itself, replaying a scripted series of contract changes into a temporary feed:
/// each run regenerates the client, builds it, versions it against the previous package and publishes it with the drift
/// report as its release notes. It runs on a copy of the SDK's sources (the checkout is not touched), packs only the
/// <c>Outlit</c> package and skips the pipeline's own test step (<c>--skip-tests</c>), since it runs inside that suite.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PipelineTests
{
    private string work = null!;
    private string repository = null!;
    private string feed = null!;
    private string release = null!;

    [OneTimeSetUp]
    public void CopyTheSdk()
    {
        work = Path.Combine(Path.GetTempPath(), "outlit-pipeline-" + Guid.NewGuid().ToString("N"));
        repository = Path.Combine(work, "sdk");
        feed = Path.Combine(work, "feed");
        release = Path.Combine(work, "release");
        SdkSources.CopyTo(RepositoryPaths.Root, repository);
        Directory.CreateDirectory(feed);
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => Directory.Delete(work, recursive: true);

    private sealed record Step(string Change, Action<JsonObject> Edit, string? Version, string[] NotesContain);

    /// <summary>The contract changes, in order, each on top of the previous one, with the version it must publish.</summary>
    private static readonly Step[] Steps =
    [
        new("the contract as it is", _ => { }, "1.0.0", ["# Outlit 1.0.0", "First release"]),
        new("a tool added to x-outlit-tools", AddTool, "1.1.0",
            ["Minor release after Outlit 1.0.0", "`extension-entry-added`", "| added | `Outlit.OutlitTools.ListProspectsAsync("]),
        new("a description and info.version changed", contract =>
            {
                contract["info"]!["description"] = "Contract of the public Outlit HTTP API, reworded.";
                contract["info"]!["version"] = "1.0.1";
            }, "1.1.1",
            ["Patch release after Outlit 1.1.0: no public API changed", "`info.version` 1.0.1", "0 removed, 0 changed, 0 added"]),
        new("a required response property removed", contract =>
            {
                var summary = contract["components"]!["schemas"]!["CustomerSummary"]!.AsObject();
                summary["properties"]!.AsObject().Remove("daysSinceActivity");
                var required = summary["required"]!.AsArray();
                required.Remove(required.First(n => n!.GetValue<string>() == "daysSinceActivity"));
            }, "2.0.0",
            ["Major release after Outlit 1.1.1", "`response-property-removed`", "| removed | `Outlit.CustomerSummary.DaysSinceActivity` |"]),
        new("an optional response property added", contract =>
                contract["components"]!["schemas"]!["Integration"]!["properties"]!["region"] = new JsonObject { ["type"] = "string", ["description"] = "Where the integration's data is kept." },
            "2.1.0",
            ["Minor release after Outlit 2.0.0", "`response-property-added`", "| added | `Outlit.Integration.Region` |"]),
        new("a property the hand-written layer reads removed", contract =>
                contract["components"]!["schemas"]!["IntegrationConnectionStatusResponse"]!["properties"]!.AsObject().Remove("error"),
            null,
            ["error CS1061", "'IntegrationConnectionStatusResponse' does not contain a definition for 'Error'"]),
        new("the same property put back", contract =>
                contract["components"]!["schemas"]!["IntegrationConnectionStatusResponse"]!["properties"]!["error"] = new JsonObject { ["description"] = "Reason, which a `failed` session may carry.", ["type"] = "string" },
            "2.1.1",
            ["Patch release after Outlit 2.1.0", "0 error, 0 breaking"]),
    ];

    private static void AddTool(JsonObject contract)
    {
        var tools = contract["x-outlit-tools"]!.AsArray();
        var tool = tools.First(t => t!["name"]!.GetValue<string>() == "outlit_list_customers")!.DeepClone().AsObject();
        tool["name"] = "outlit_list_prospects";
        tool["method"] = "ListProspects";
        tool["summary"] = "One page of prospects.";
        tool["paging"]!["method"] = "ListAllProspects";
        tools.Add(tool);
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task EachContractChangeIsPublishedWithTheVersionItsSurfaceAsksForAndItsDriftReport(CancellationToken cancellationToken)
    {
        var contractPath = Path.Combine(repository, "openapi", "openapi.json");
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(contractPath, cancellationToken))!.AsObject();
        var published = new List<string>();
        var timings = new List<string>();
        var total = Stopwatch.StartNew();

        foreach (var step in Steps)
        {
            step.Edit(contract);
            await File.WriteAllTextAsync(contractPath, contract.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), cancellationToken);
            var started = Stopwatch.StartNew();

            var (exitCode, output) = await RunPipelineAsync(cancellationToken);

            timings.Add($"{step.Change}: {started.Elapsed.TotalSeconds:F1} s");
            var latest = Versions().LastOrDefault();
            if (step.Version is null)
            {
                Assert.That(exitCode, Is.Not.Zero, $"{step.Change}: the SDK does not build, so nothing may be published\n{output}");
                Assert.That(output, Does.Contain(step.NotesContain[0]).And.Contain(step.NotesContain[1]), step.Change);
                Assert.That(latest, Is.EqualTo(published[^1]), $"{step.Change}: the feed is unchanged");
                continue;
            }

            Assert.That(exitCode, Is.Zero, $"{step.Change}: the pipeline failed\n{output}");
            Assert.That(latest, Is.EqualTo(step.Version), $"{step.Change}: published {string.Join(", ", Versions())}\n{output}");
            var (notes, tags, entries) = ReadPackage(step.Version);
            foreach (var expected in step.NotesContain)
            {
                Assert.That(notes, Does.Contain(expected), $"{step.Change}: the release notes of {step.Version}");
            }

            Assert.That(tags, Does.Contain("contract-" + contract["info"]!["version"]!.GetValue<string>()), "info.version is recorded, not used as the version");
            Assert.That(entries, Is.SupersetOf(new[] { "api/Outlit.surface.json", "api/Outlit.cs", "api/openapi.json", "lib/net10.0/Outlit.dll" }));
            published.Add(step.Version);
        }

        TestContext.Progress.WriteLine($"pipeline replay: {string.Join(" -> ", published)} in {total.Elapsed.TotalSeconds:F0} s ({string.Join("; ", timings)})");
        Assert.That(Versions(), Is.EqualTo(new[] { "1.0.0", "1.1.0", "1.1.1", "2.0.0", "2.1.0", "2.1.1" }));
    }

    [Test]
    public async Task AnUnknownArgumentIsRefusedBeforeAnythingIsBuilt()
    {
        var (exitCode, output) = await RunPipelineAsync(CancellationToken.None, "--publish-everything");

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Does.Contain("unknown argument '--publish-everything'"));
    }

    [TestCase("github-actions/outlit-api-drift.yml", "OUTLIT_PUBLISHED_SPEC_URL", "--format markdown")]
    [TestCase("azure-pipelines/outlit-api-drift.yml", "OUTLIT_PUBLISHED_SPEC_URL", "--format markdown")]
    [TestCase("github-actions/outlit-release.yml", "openapi/openapi.json", "build/pipeline.sh")]
    [TestCase("azure-pipelines/outlit-release.yml", "openapi/openapi.json", "build/pipeline.sh")]
    public void TheCiSamplesAreYamlThatCallsTheCommands(string sample, string trigger, string command)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "ci", sample));

        var document = new SharpYaml.Serialization.Serializer().Deserialize(text);

        Assert.That(document, Is.Not.Null);
        Assert.That(text, Does.Contain(trigger).And.Contain(command));
        foreach (var script in new[] { "build/pipeline.sh", "build/fetch-latest-packages.sh" }.Where(text.Contains))
        {
            Assert.That(File.Exists(Path.Combine(RepositoryPaths.Root, script)), script);
        }
    }

    private IEnumerable<string> Versions()
        => Directory.GetFiles(feed, "Outlit.*.nupkg")
            .Select(Path.GetFileName)
            .Select(name => name!["Outlit.".Length..^".nupkg".Length])
            .Where(version => char.IsDigit(version[0]))
            .OrderBy(version => Release.ReleaseVersion.Parse(version));

    private (string Notes, string Tags, IReadOnlyList<string> Entries) ReadPackage(string version)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(feed, $"Outlit.{version}.nupkg"));
        using var nuspec = zip.GetEntry("Outlit.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().First(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? string.Empty;
        return (Value("releaseNotes"), Value("tags"), zip.Entries.Select(e => e.FullName).ToList());
    }

    private async Task<(int ExitCode, string Output)> RunPipelineAsync(CancellationToken cancellationToken, params string[] extra)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] arguments = [Path.Combine(repository, "build", "pipeline.sh"), "--feed", feed, "--release-dir", release, "--package", "Outlit", "--skip-tests", .. extra];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point the pipeline's builds at the wrong SDK components.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment.Remove("GITHUB_STEP_SUMMARY");
        start.Environment["OUTLIT_DRIFT_DLL"] = DriftTool();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The drift tool as its own project built it (its folder has the tool's runtime configuration and dependencies).</summary>
    private static string DriftTool()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var tool = Path.Combine(RepositoryPaths.Root, "src", "Outlit.Drift", "bin", configuration, "net10.0", "outlit-drift.dll");
        Assert.That(File.Exists(tool), $"{tool} is built before this test (the test project references it)");
        return tool;
    }
}

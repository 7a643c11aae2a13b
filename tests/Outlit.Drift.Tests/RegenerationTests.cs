using Outlit.Drift.Cli;
using Outlit.Drift.Comparison;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>
/// The contract between <c>--regenerate</c> and the regeneration command: arguments, status files,
/// the compiled assembly and its per-document namespaces. A stand-in script that follows the same
/// contract compiles a small library, so these tests do not depend on NSwag.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RegenerationTests
{
    private string root = null!;

    [OneTimeSetUp]
    public void CreateWorkFolder()
    {
        root = Path.Combine(Path.GetTempPath(), "outlit-drift-regeneration-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
    }

    [OneTimeTearDown]
    public void RemoveWorkFolder() => Directory.Delete(root, recursive: true);

    private static Task<LoadedDocument> Load(string date) => Documents.HistoryAsync(date);

    /// <summary>A stand-in for build/regenerate.sh: same arguments, status files and output layout.</summary>
    private string StandInScript(string candidateStatus)
    {
        var script = Path.Combine(root, $"regenerate-{candidateStatus}.sh");
        File.WriteAllText(script, $$"""
            #!/usr/bin/env bash
            set -euo pipefail
            out="$1"; shift
            mkdir -p "$out"
            [ "$(basename "$1")" = base.json ] && [ "$(basename "$2")" = candidate.json ] || { echo "unexpected arguments: $*" >&2; exit 64; }
            [ "$(head -c1 "$1")" = "{" ] && [ "$(head -c1 "$2")" = "{" ] || { echo "the documents must arrive as JSON" >&2; exit 65; }
            mkdir -p "$out/base" "$out/candidate"
            echo generated > "$out/base/status"
            echo {{candidateStatus}} > "$out/candidate/status"
            if [ "{{candidateStatus}}" != generated ]; then echo "candidate: {{candidateStatus}}"; exit 2; fi
            cat > "$out/Regenerated.csproj" <<'PROJECT'
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>disable</Nullable></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.4" /></ItemGroup>
            </Project>
            PROJECT
            cat > "$out/Client.cs" <<'SOURCE'
            namespace Outlit.Regenerated.Nbase { public class OutlitApiClient { public System.Threading.Tasks.Task ListIntegrationsAsync() => null; public Integration Get() => null; public void Save(Integration integration) { } } public class Integration { public string Provider { get; set; } public System.Collections.Generic.IDictionary<string, Newtonsoft.Json.Linq.JToken> AdditionalProperties { get; set; } } }
            namespace Outlit.Regenerated.Ncandidate { public class OutlitApiClient { public Integration Get() => null; public void Save(Integration integration) { } public System.Threading.Tasks.Task CallToolAsync() => null; } public class Integration { public string Provider { get; set; } public System.Collections.Generic.IDictionary<string, Newtonsoft.Json.Linq.JToken> AdditionalProperties { get; set; } } }
            SOURCE
            echo '<Project />' > "$out/Directory.Build.props"
            echo '<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>' > "$out/Directory.Packages.props"
            dotnet build "$out/Regenerated.csproj" -c Release -nologo -v:q > "$out/build.log" 2>&1
            """);
        return script;
    }

    [Test]
    public async Task TheRegeneratedSurfacesAreComparedUnderOneNamespace()
    {
        var regenerator = new ScriptRegenerator(StandInScript("generated"));

        var report = await regenerator.CompareSurfaceAsync(await Load("2026-07-14"), await Load("2026-08-05"), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.Removed, Is.EqualTo(new[] { "Outlit.OutlitApiClient.ListIntegrationsAsync()" }));
            Assert.That(report.Added, Is.EqualTo(new[] { "Outlit.OutlitApiClient.CallToolAsync()" }));
            Assert.That(report.Changed, Is.Empty, "Get() returns Outlit.Integration on both sides once the namespaces are projected");
            Assert.That(report.Removed.Concat(report.Added), Has.None.Contains("Save("), "Save(Integration) names the namespace in its parameter list");
            Assert.That(report.Bump, Is.EqualTo(VersionBump.Major));
        });
    }

    [Test]
    public async Task AYamlCandidateReachesTheScriptAsJson()
    {
        var regenerator = new ScriptRegenerator(StandInScript("generated"));
        var candidate = await OpenApiInput.ParseAsync("candidate.yaml", SmallDocumentYaml);

        var report = await regenerator.CompareSurfaceAsync(await Load("2026-07-14"), candidate, CancellationToken.None);

        Assert.That(report.Bump, Is.EqualTo(VersionBump.Major), "the stand-in compiled, so both files were JSON");
    }

    /// <summary>A small valid document, once as JSON and once as the same content in YAML.</summary>
    private const string SmallDocumentJson = """
        {
          "openapi": "3.1.0",
          "info": { "title": "small", "version": "1.0.0" },
          "paths": {
            "/api/items": {
              "get": {
                "operationId": "listItems",
                "responses": {
                  "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "Item": { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "size": { "type": "integer" } } }
            }
          }
        }
        """;

    private const string SmallDocumentYaml = """
        openapi: 3.1.0
        info:
          title: small
          version: 1.0.0
        paths:
          /api/items:
            get:
              operationId: listItems
              responses:
                "200":
                  description: ok
                  content:
                    application/json:
                      schema:
                        $ref: "#/components/schemas/Item"
        components:
          schemas:
            Item:
              type: object
              required: [id]
              properties:
                id: { type: string }
                size: { type: integer }
        """;

    [Test]
    public async Task AValidYamlCandidateRegeneratesThroughTheRepositorysCommand()
    {
        var folder = Path.Combine(root, "yaml");
        Directory.CreateDirectory(folder);
        var basePath = Path.Combine(folder, "small.json");
        var candidatePath = Path.Combine(folder, "small.yaml");
        await File.WriteAllTextAsync(basePath, SmallDocumentJson);
        await File.WriteAllTextAsync(candidatePath, SmallDocumentYaml);
        var previousCommand = Environment.GetEnvironmentVariable(ScriptRegenerator.CommandVariable);
        var previousNormalizer = Environment.GetEnvironmentVariable("OUTLIT_NORMALIZER_DLL");
        Environment.SetEnvironmentVariable(ScriptRegenerator.CommandVariable, Path.Combine(RepositoryPaths.Root, "build", "regenerate.sh"));
        Environment.SetEnvironmentVariable("OUTLIT_NORMALIZER_DLL", Path.Combine(AppContext.BaseDirectory, "Outlit.SpecNormalizer.dll"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = await DriftCommand.RunAsync(["compare", "--base", basePath, "--candidate", candidatePath, "--regenerate=generated", "--format", "json"], stdout, stderr);

            Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr.ToString() + stdout);
            using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
            var surface = json.RootElement.GetProperty("surface");
            Assert.That(surface.GetProperty("status").GetString(), Is.EqualTo("compared"));
            Assert.That(surface.GetProperty("suggestedBump").GetString(), Is.EqualTo("patch"), "the same document in two notations regenerates the same client");
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptRegenerator.CommandVariable, previousCommand);
            Environment.SetEnvironmentVariable("OUTLIT_NORMALIZER_DLL", previousNormalizer);
        }
    }

    [Test]
    public void ACandidateTheGeneratorRefusesIsARegenerationError()
    {
        var regenerator = new ScriptRegenerator(StandInScript("refused"));

        var error = Assert.ThrowsAsync<RegenerationException>(async () =>
            await regenerator.CompareSurfaceAsync(await Load("2026-06-28"), await Load("2026-07-14"), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("outlit-openapi-2026-07-14.json failed (refused)"));
        Assert.That(error.RefusedDocument, Is.EqualTo(DocumentSide.Candidate));
    }

    [Test]
    public async Task TheRepositorysRegenerationCommandReportsWhatRegeneratingWouldChange()
    {
        var script = Path.Combine(RepositoryPaths.Root, "build", "regenerate.sh");
        var previous = Environment.GetEnvironmentVariable("OUTLIT_NORMALIZER_DLL");
        Environment.SetEnvironmentVariable("OUTLIT_CODEGEN_DLL", Path.Combine(AppContext.BaseDirectory, "Outlit.CodeGen.dll"));
        try
        {
            var report = await new ScriptRegenerator(script).CompareSurfaceAsync(await Load("2026-08-05"), await Load("2026-08-19"), CancellationToken.None);

            Assert.Multiple(() =>
            {
                // 08-19 drops the list_integrations and get_integration_sync_status tools.
                Assert.That(report.Removed, Has.Some.Contains("list_integrations"));
                Assert.That(report.Removed, Has.Some.Contains("get_integration_sync_status"));
                Assert.That(report.Added, Has.Some.Contains("get_integration_status"));
                Assert.That(report.Bump, Is.EqualTo(VersionBump.Major));

                // Operations present in both documents keep their methods once namespaces are projected.
                var unchanged = report.Removed.Concat(report.Added).Concat(report.Changed);
                Assert.That(unchanged, Has.None.Contains("ValidateApiKeyAsync"));
                Assert.That(unchanged, Has.None.Contains("Regenerated"));
            });
        }
        finally
        {
            Environment.SetEnvironmentVariable("OUTLIT_NORMALIZER_DLL", previous);
        }
    }

    [Test]
    public async Task WithoutARegenerationCommandTheToolSaysSoAndExitsTwo()
    {
        var previous = Environment.GetEnvironmentVariable(ScriptRegenerator.CommandVariable);
        Environment.SetEnvironmentVariable(ScriptRegenerator.CommandVariable, Path.Combine(root, "no-such-script.sh"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var history = RepositoryPaths.History("2026-06-23");

            var code = await DriftCommand.RunAsync(["compare", "--base", history, "--candidate", history, "--regenerate=generated"], stdout, stderr);

            Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
            Assert.That(stderr.ToString(), Does.Contain("The regeneration command is not available"));
            Assert.That(stdout.ToString(), Does.Contain("Summary: 0 error, 0 breaking"), "the comparison is reported all the same");
        }
        finally
        {
            Environment.SetEnvironmentVariable(ScriptRegenerator.CommandVariable, previous);
        }
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Drift.Cli;

namespace Outlit.Drift.Tests;

/// <summary>
/// Hand-made changes to the contract this client is generated from (<c>openapi/openapi.json</c>,
/// edited in memory at test time) or to tiny documents, each run through the command line: the
/// classification of the change and the exit code a pipeline acts on.
/// </summary>
[TestFixture]
public sealed class ContractCaseTests
{
    private sealed record Reported(string Severity, string Rule, string Document, string Location, string Message);

    private sealed record Outcome(int ExitCode, IReadOnlyList<Reported> Findings, string Report)
    {
        public IEnumerable<Reported> Rule(string rule) => Findings.Where(f => f.Rule == rule);

        public override string ToString() => Report;
    }

    private static JsonObject Contract() => (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!;

    private static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>Writes both documents to files and runs <c>outlit-drift compare --format json</c> on them.</summary>
    private static async Task<Outcome> CompareAsync(JsonObject baseDocument, JsonObject candidate, params string[] extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outlit-drift-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var basePath = Path.Combine(folder, "base.json");
            var candidatePath = Path.Combine(folder, "candidate.json");
            await File.WriteAllTextAsync(basePath, baseDocument.ToJsonString());
            await File.WriteAllTextAsync(candidatePath, candidate.ToJsonString());
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = await DriftCommand.RunAsync(["compare", "--base", basePath, "--candidate", candidatePath, "--format", "json", .. extra], stdout, stderr);

            Assert.That(stderr.ToString(), Is.Empty);
            using var json = JsonDocument.Parse(stdout.ToString());
            var findings = json.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => new Reported(
                    f.GetProperty("severity").GetString()!,
                    f.GetProperty("rule").GetString()!,
                    f.GetProperty("document").GetString()!,
                    f.GetProperty("location").GetString()!,
                    f.GetProperty("message").GetString()!))
                .ToList();
            return new Outcome(code, findings, stdout.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<Outcome> CompareWithContractAsync(Action<JsonObject> edit)
    {
        var candidate = Contract();
        edit(candidate);
        return CompareAsync(Contract(), candidate);
    }

    [Test]
    public async Task TheContractAgainstItselfIsClean()
    {
        var outcome = await CompareWithContractAsync(_ => { });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean), outcome.Report);
        Assert.That(outcome.Findings, Is.Empty, outcome.Report);
    }

    [Test]
    public async Task AContentFreeLoopThroughTwoReferencesIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            Schemas(candidate)["LoopA"] = Parse("""{ "$ref": "#/components/schemas/LoopB" }""");
            Schemas(candidate)["LoopB"] = Parse("""{ "description": "points back", "$ref": "#/components/schemas/LoopA" }""");
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Severity, Is.EqualTo("error"));
        Assert.That(loop.Document, Is.EqualTo("candidate"));
        Assert.That(loop.Location, Is.EqualTo("#/components/schemas/LoopA"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/LoopA → #/components/schemas/LoopB → #/components/schemas/LoopA"));
    }

    [Test]
    public async Task ASchemaThatIsAllOfItselfIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate =>
            Schemas(candidate)["Itself"] = Parse("""{ "description": "nothing but itself", "allOf": [ { "$ref": "#/components/schemas/Itself" } ] }"""));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Location, Is.EqualTo("#/components/schemas/Itself"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/Itself → #/components/schemas/Itself/allOf/0 → #/components/schemas/Itself"));
    }

    [Test]
    public async Task ALoopThroughANullableWrapperIsADocumentErrorInTheBaseToo()
    {
        var document = Contract();
        Schemas(document)["Maybe"] = Parse("""{ "anyOf": [ { "$ref": "#/components/schemas/Wrapped" }, { "type": "null" } ] }""");
        Schemas(document)["Wrapped"] = Parse("""{ "allOf": [ { "$ref": "#/components/schemas/Maybe" } ] }""");

        var outcome = await CompareAsync(document, Contract());

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Document, Is.EqualTo("base"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/Maybe → #/components/schemas/Maybe/anyOf/0 → #/components/schemas/Wrapped → #/components/schemas/Wrapped/allOf/0 → #/components/schemas/Maybe"));
    }

    [Test]
    public async Task RecursionThroughRealContentIsNotALoop()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            Schemas(candidate)["Tree"] = Parse("""{ "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } } } }""");
            Schemas(candidate)["Typed"] = Parse("""{ "type": "object", "allOf": [ { "$ref": "#/components/schemas/Typed" } ] }""");
        });

        Assert.That(outcome.Rule("reference-loop"), Is.Empty, outcome.Report);
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean), outcome.Report);
    }
}

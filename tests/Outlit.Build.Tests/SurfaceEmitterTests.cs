using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Emit;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.Tests;

/// <summary>
/// The code emitted beside NSwag's, run on the committed contract and its committed NSwag output, then on edited
/// copies: a contract fact the emitter cannot serve stops generation with the JSON pointer of that fact.
/// </summary>
public class SurfaceEmitterTests
{
    private static readonly Lazy<GeneratedCodeIndex> Index = new(() =>
        new GeneratedCodeIndex(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Outlit.Generated", "OutlitApiClient.g.cs"))));

    private static JsonObject Contract() => SpecNormalizer.Normalize(File.ReadAllText(RepositoryPaths.OpenApiDocument)).Document;

    private static JsonArray Tools(JsonObject contract) => (JsonArray)contract[ToolSurfaceEmitter.ToolsKeyword]!;

    private static IReadOnlyDictionary<string, string> Emit(JsonObject contract) => SurfaceEmitter.Emit(contract, Index.Value, "Outlit");

    private static IReadOnlyList<string> Refusals(JsonObject contract)
    {
        var refused = Assert.Throws<EmitRefusedException>(() => Emit(contract))!;
        return refused.Problems.Select(p => p.ToString()).ToList();
    }

    [Test]
    public void TheCommittedContractEmitsTheCommittedFiles()
    {
        var files = Emit(Contract());

        Assert.That(files.Keys, Is.SupersetOf(new[] { "OutlitToolCatalog.g.cs", "OutlitTools.g.cs", "OutlitEnums.g.cs", "OutlitErrorBodies.g.cs", "OutlitUnions.g.cs" }));
        foreach (var (name, content) in files)
        {
            var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "Outlit.Generated", name));
            Assert.That(content.ReplaceLineEndings(), Is.EqualTo(committed.ReplaceLineEndings()), name);
        }
    }

    [Test]
    public void ANewToolEntryIsANewMethodAndCatalogEntry()
    {
        var contract = Contract();
        Tools(contract).Add(JsonNode.Parse("""
            { "name": "outlit_get_fact_again", "method": "GetFactAgain", "group": "facts and sources", "summary": "The same as getting a fact.",
              "inputSchema": { "$ref": "#/components/schemas/GetFactInput" }, "outputSchema": { "$ref": "#/components/schemas/GetFactOutput" }, "action": false }
            """));

        var files = Emit(contract);

        Assert.That(files["OutlitTools.g.cs"], Does.Contain("Task<GetFactOutput> GetFactAgainAsync(GetFactInput input"));
        Assert.That(files["OutlitToolCatalog.g.cs"], Does.Contain("public static global::Outlit.OutlitTool GetFactAgain { get; } = new global::Outlit.OutlitTool(\"outlit_get_fact_again\""));
    }

    [Test]
    public void ATwiceListedToolIsRefusedAtItsSecondEntry()
    {
        var contract = Contract();
        Tools(contract).Add(Tools(contract)[0]!.DeepClone());
        var last = Tools(contract).Count - 1;

        Assert.That(Refusals(contract), Has.Some.StartsWith($"#/x-outlit-tools/{last}/name:"));
    }

    [Test]
    public void TwoToolsWithOneMethodNameAreRefused()
    {
        var contract = Contract();
        Tools(contract)[1]!["method"] = Tools(contract)[0]!["method"]!.GetValue<string>();

        Assert.That(Refusals(contract), Has.Some.StartsWith("#/x-outlit-tools/1/method:"));
    }

    [Test]
    public void APagedToolWhoseItemsAreNotInItsOutputIsRefused()
    {
        var contract = Contract();
        var paged = Tools(contract).Select((t, i) => (Tool: (JsonObject)t!, Index: i)).First(t => t.Tool["paging"] is not null);
        paged.Tool["paging"]!["items"] = "rows";

        Assert.That(Refusals(contract), Has.Some.StartsWith($"#/x-outlit-tools/{paged.Index}/paging/items:").And.Some.Contains("'rows'"));
    }

    [Test]
    public void AToolWithoutAnInputSchemaReferenceIsRefused()
    {
        var contract = Contract();
        ((JsonObject)Tools(contract)[2]!).Remove("inputSchema");

        Assert.That(Refusals(contract), Has.Some.StartsWith("#/x-outlit-tools/2/inputSchema:"));
    }

    [Test]
    public void AnAliasOfNoValueIsRefused()
    {
        var contract = Contract();
        contract["components"]!["schemas"]!["ProviderId"]!["x-outlit-aliases"]!["gmail"] = "gmail-classic";

        Assert.That(Refusals(contract), Has.Some.StartsWith("#/components/schemas/ProviderId/x-outlit-aliases/gmail:"));
    }

    [Test]
    public void EveryProblemIsReportedAtOnce()
    {
        var contract = Contract();
        Tools(contract)[1]!["method"] = Tools(contract)[0]!["method"]!.GetValue<string>();
        ((JsonObject)Tools(contract)[2]!).Remove("inputSchema");

        Assert.That(Refusals(contract), Has.Count.GreaterThanOrEqualTo(2));
    }

    [Test]
    public void AContractWithoutToolsOrGatewayStillEmitsATypedToolsService()
    {
        var contract = Contract();
        contract.Remove(ToolSurfaceEmitter.ToolsKeyword);
        contract.Remove(ToolSurfaceEmitter.GatewayKeyword);

        var files = Emit(contract);

        Assert.That(files["OutlitTools.g.cs"], Does.Contain("public partial class OutlitTools"));
        Assert.That(files["OutlitToolCatalog.g.cs"], Does.Contain("All { get; }"));
    }

    [Test]
    public void AConstantIsReadFromTheKeywordItNames()
    {
        var contract = Contract();
        var events = contract["components"]!["schemas"]!["IngestEventsRequest"]!["properties"]!["events"]!;
        events["maxItems"] = 250;

        var files = Emit(contract);

        Assert.That(files["OutlitConstants.g.cs"], Does.Contain("public const int MaxEventsPerRequest = 250;"));
    }

    [Test]
    public void AConstantOfAMissingKeywordIsRefusedAtItsEntry()
    {
        var contract = Contract();
        var events = (JsonObject)contract["components"]!["schemas"]!["IngestEventsRequest"]!["properties"]!["events"]!;
        events.Remove("maxItems");

        Assert.That(Refusals(contract), Has.Some.StartsWith("#/components/schemas/IngestEventsRequest/properties/events/x-outlit-constants/0/keyword:"));
    }

    [Test]
    public void APrefixConstantNeedsAPlainPattern()
    {
        var contract = Contract();
        var parameter = contract["paths"]!["/api/i/v1/{publicKey}/events"]!["post"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "publicKey")!;
        parameter["schema"]!["pattern"] = "^pk_[a-z]+$";

        Assert.That(Refusals(contract), Has.Some.Contains("x-outlit-constants/0/keyword:").And.Some.Contains("literal-prefix"));
    }
}

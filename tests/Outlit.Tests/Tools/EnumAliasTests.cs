using Newtonsoft.Json.Linq;

namespace Outlit.Tests.Tools;

/// <summary>The aliases the contract lists (x-outlit-aliases) and the tool input normalization generated from them.</summary>
public class EnumAliasTests
{
    [TestCase(" crm ", "OPPORTUNITY")]
    [TestCase("CRM_OPPORTUNITY", "OPPORTUNITY")]
    [TestCase("crm_opportunity", "OPPORTUNITY")]
    [TestCase(" call", "CALL")]
    [TestCase("support_ticket ", "SUPPORT_TICKET")]
    [TestCase("slack", "SLACK")]
    public void NormalizesOneValue(string input, string expected) =>
        Assert.That(SourceTypeFilter.Normalize(input), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("  ")]
    [TestCase(null)]
    public void ABlankValueNormalizesToNothing(string? input) =>
        Assert.That(SourceTypeFilter.Normalize(input), Is.Null);

    [Test]
    public void AliasesComeFromTheContract()
    {
        var contract = JObject.Parse(File.ReadAllText(Outlit.TestSupport.RepositoryPaths.OpenApiDocument));
        var listed = (JObject)contract.SelectToken("components.schemas.SourceTypeFilter.x-outlit-aliases")!;
        Assert.That(SourceTypeFilter.Aliases.Keys, Is.EquivalentTo(listed.Properties().Select(p => p.Name)));
        Assert.That(listed.Properties().All(p => SourceTypeFilter.Aliases[p.Name] == (string)p.Value!), Is.True);
    }

    [Test]
    public void AToolInputListIsNormalizedKeepingOrderAndDroppingBlanksAndDuplicates()
    {
        var caller = JObject.Parse("{\"customer\":\"acme\",\"sourceTypes\":[\" email\",\"CRM\",\"\",\"opportunity\",\"Call\"]}");
        var sent = OutlitToolCatalog.ListFacts.PrepareInput(caller, "input");
        Assert.That(sent["sourceTypes"]!.ToObject<string[]>(), Is.EqualTo(new[] { "EMAIL", "OPPORTUNITY", "CALL" }));
        Assert.That(caller["sourceTypes"]!.Count(), Is.EqualTo(5), "the caller's object is left as it was");
    }

    [Test]
    public void AToolInputValueIsNormalizedAndOtherPropertiesAreLeftAlone()
    {
        var sent = OutlitToolCatalog.ListSources.PrepareInput(new { sourceType = "crm_opportunity ", query = "crm" }, "input");
        Assert.That(sent.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"sourceType\":\"OPPORTUNITY\",\"query\":\"crm\"}"));
    }

    [Test]
    public void ABlankToolInputValueIsLeftOutRatherThanSentBlank()
    {
        var sent = OutlitToolCatalog.ListSources.PrepareInput(new JObject { ["sourceType"] = "  " }, "input");
        Assert.That(sent.ContainsKey("sourceType"), Is.False);
    }

    [Test]
    public void AnUnlistedToolGetsItsInputAsGiven()
    {
        var sent = OutlitTool.Unlisted("outlit_future_tool").PrepareInput(new JObject { ["sourceType"] = " crm " }, "input");
        Assert.That((string?)sent["sourceType"], Is.EqualTo(" crm "));
    }
}

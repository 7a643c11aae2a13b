using Newtonsoft.Json.Linq;

namespace Outlit.Tests.Tools;

public class OutlitSourceTypesTests
{
    [TestCase(" crm ", "OPPORTUNITY")]
    [TestCase("CRM_OPPORTUNITY", "OPPORTUNITY")]
    [TestCase("crm_opportunity", "OPPORTUNITY")]
    [TestCase(" call", "CALL")]
    [TestCase("support_ticket ", "SUPPORT_TICKET")]
    [TestCase("slack", "SLACK")]
    public void NormalizesOneValue(string input, string expected) =>
        Assert.That(OutlitSourceTypes.Normalize(input), Is.EqualTo(expected));

    [Test]
    public void NormalizesAListKeepingOrderAndDroppingBlanksAndDuplicates() =>
        Assert.That(OutlitSourceTypes.Normalize(new[] { " email", "CRM", "", "opportunity", "Call" }), Is.EqualTo(new[] { "EMAIL", "OPPORTUNITY", "CALL" }));

    [Test]
    public void NormalizesToolInputJson()
    {
        var input = JObject.Parse("{\"sourceTypes\":[\" crm\",\"email\"],\"sourceType\":\"crm_opportunity \",\"query\":\"crm\"}");
        OutlitSourceTypes.NormalizeToolInput(input);
        Assert.That(input.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{\"sourceTypes\":[\"OPPORTUNITY\",\"EMAIL\"],\"sourceType\":\"OPPORTUNITY\",\"query\":\"crm\"}"));
    }
}

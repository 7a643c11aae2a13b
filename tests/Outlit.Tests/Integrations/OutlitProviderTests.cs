using Newtonsoft.Json;

namespace Outlit.Tests.Integrations;

public class OutlitProviderTests
{
    [Test]
    public void TheTwelveDocumentedProvidersAreKnown()
    {
        Assert.That(OutlitProvider.Known.Select(p => p.Value), Is.EqualTo(new[]
        {
            "hubspot", "attio", "slack", "fireflies", "granola", "google-calendar", "google-mail", "posthog", "stripe", "supabase", "clerk", "pylon",
        }));
        Assert.That(OutlitProvider.Known.All(p => p.IsKnown), Is.True);
    }

    [TestCase("gmail")]
    [TestCase(" Gmail ")]
    [TestCase("GOOGLE-MAIL")]
    public void GmailIsAnAliasOfGoogleMail(string value)
    {
        OutlitProvider provider = value;
        Assert.That(provider, Is.EqualTo(OutlitProvider.GoogleMail));
        Assert.That(provider.Value, Is.EqualTo("google-mail"));
    }

    [Test]
    public void UnknownProvidersAreKeptNotRejected()
    {
        OutlitProvider provider = "salesforce";
        Assert.That(provider.IsKnown, Is.False);
        Assert.That(provider.ToString(), Is.EqualTo("salesforce"));
        var roundTrip = JsonConvert.DeserializeObject<OutlitProvider>(JsonConvert.SerializeObject(provider));
        Assert.That(roundTrip, Is.EqualTo(provider));
    }

    [Test]
    public void JsonReadsAndWritesTheWireValue()
    {
        Assert.That(JsonConvert.SerializeObject(OutlitProvider.GoogleCalendar), Is.EqualTo("\"google-calendar\""));
        Assert.That(JsonConvert.DeserializeObject<OutlitProvider>("\"gmail\""), Is.EqualTo(OutlitProvider.GoogleMail));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void BlankIdsAreRejected(string value) =>
        Assert.Throws<ArgumentException>(() => _ = new OutlitProvider(value));
}

using Newtonsoft.Json;

namespace Outlit.Tests.Integrations;

public class ProviderIdTests
{
    [Test]
    public void TheTwelveDocumentedProvidersAreKnown()
    {
        Assert.That(ProviderId.KnownValues.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "hubspot", "attio", "slack", "fireflies", "granola", "google-calendar", "google-mail", "posthog", "stripe", "supabase", "clerk", "pylon",
        }));
        Assert.That(ProviderId.KnownValues.All(p => p.IsKnown), Is.True);
    }

    [TestCase("gmail")]
    [TestCase(" Gmail ")]
    [TestCase("GOOGLE-MAIL")]
    public void GmailIsAnAliasOfGoogleMail(string value)
    {
        var provider = ProviderId.Parse(value);
        Assert.That(provider.ToString(), Is.EqualTo("google-mail"));
        Assert.That(provider, Is.EqualTo(ProviderId.GoogleMail));
        Assert.That(((ProviderId)value).Normalized().ToString(), Is.EqualTo("google-mail"));
    }

    [Test]
    public void UnknownProvidersAreKeptNotRejected()
    {
        var provider = ProviderId.Parse(" Salesforce ");
        Assert.That(provider.IsKnown, Is.False);
        Assert.That(provider.ToString(), Is.EqualTo("salesforce"));
        var roundTrip = JsonConvert.DeserializeObject<ProviderId>(JsonConvert.SerializeObject(provider));
        Assert.That(roundTrip, Is.EqualTo(provider));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void BlankIdsAreRejected(string? value) =>
        Assert.Throws<ArgumentException>(() => ProviderId.Parse(value));
}

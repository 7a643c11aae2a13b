using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

public class IngestEventTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_123_456);

    private static IEnumerable<TestCaseData> AllKinds()
    {
        yield return new TestCaseData(PageviewEvent.Create("https://www.example.com/pricing?utm_source=news&utm_campaign=spring#plans", "Pricing", "https://ref.example.org/", At), "pageview");
        yield return new TestCaseData(CustomEvent.Create("report_exported", new Dictionary<string, object?> { ["format"] = "csv", ["rows"] = 120, ["nested"] = new[] { 1, 2 } }, "https://app.example.com/reports/7", At), "custom");
        yield return new TestCaseData(FormEvent.Create("https://www.example.com/contact", "contact", new Dictionary<string, string> { ["company"] = "Acme" }, At), "form");
        yield return new TestCaseData(IdentifyEvent.Create("ada@example.com", "usr_1", new Dictionary<string, object?> { ["name"] = "Ada" }, "cus_9", new Dictionary<string, object?> { ["plan"] = "team" }, timestamp: At), "identify");
        yield return new TestCaseData(EngagementEvent.Create("https://app.example.com/dash", Guid.Parse("5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11"), TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(90), At), "engagement");
        yield return new TestCaseData(CalendarEvent.Create(CalendarEventProvider.Calendly, At.AddDays(1), At.AddDays(1).AddMinutes(30), "bob@example.com", "Bob", "Intro call", timestamp: At), "calendar");
        yield return new TestCaseData(StageEvent.Create(StageEventStage.Activated, new Dictionary<string, object?> { ["milestone"] = "first_report" }, timestamp: At), "stage");
        yield return new TestCaseData(BillingEvent.Create(BillingEventStatus.Paid, "cus_9", "cus_stripe_1", timestamp: At), "billing");
    }

    [TestCaseSource(nameof(AllKinds))]
    public void EveryEventKindSerializesWithItsTypeFirstAndMatchesTheGeneratedConverter(IngestEvent @event, string type)
    {
        using var client = new OutlitIngestClient(PublicKey);
        var ours = Encoding.UTF8.GetString(client.Encode(@event));
        var generated = JsonConvert.SerializeObject(@event, new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });

        var parsed = JObject.Parse(ours);
        Assert.That(parsed.Properties().First().Name, Is.EqualTo("type"));
        Assert.That((string?)parsed["type"], Is.EqualTo(type));
        Assert.That((long)parsed["timestamp"]!, Is.EqualTo(1_764_000_123_456));
        Assert.That(JToken.DeepEquals(parsed, JObject.Parse(generated)), Is.True, $"ours: {ours}\ngenerated: {generated}");
        var back = JsonConvert.DeserializeObject<IngestEvent>(ours);
        Assert.That(back!.GetType(), Is.EqualTo(@event.GetType()), "the generated model reads it back as the same kind");
    }

    [Test]
    public void AnEventKindThisClientDoesNotKnowIsReadAndSentUnchanged()
    {
        const string json = "{\"type\":\"checkout\",\"timestamp\":1764000123456,\"cart\":{\"items\":3}}";
        var @event = JsonConvert.DeserializeObject<IngestEvent>(json)!;
        using var client = new OutlitIngestClient(PublicKey);

        Assert.That(@event.GetType(), Is.EqualTo(typeof(IngestEvent)));
        var sent = JObject.Parse(Encoding.UTF8.GetString(client.Encode(@event)));
        Assert.That((string?)sent["type"], Is.EqualTo("checkout"));
        Assert.That((double)sent["timestamp"]!, Is.EqualTo(1764000123456d));
        Assert.That(JToken.DeepEquals(sent["cart"], JObject.Parse(json)["cart"]), Is.True);
        Assert.That(sent.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "type", "timestamp", "cart" }));
    }

    [Test]
    public void BuildersStampTheCurrentTimeInUnixMilliseconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var @event = CustomEvent.Create("signup");
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.That(@event.Timestamp, Is.InRange((double)before, after));
        Assert.That(@event.Timestamp % 1, Is.Zero, "whole milliseconds");
    }

    [TestCase("https://www.example.com/pricing", "/pricing")]
    [TestCase("https://www.example.com", "/")]
    [TestCase("https://www.example.com/a/b/?x=1#top", "/a/b/")]
    [TestCase("https://www.example.com/caf%C3%A9", "/caf%C3%A9")]
    [TestCase("/docs/start?utm_source=x", "/docs/start")]
    public void PathIsDerivedFromTheUrl(string url, string path)
    {
        var @event = PageviewEvent.Create(url);
        Assert.That(@event.Path, Is.EqualTo(path));
        Assert.That(@event.Url?.OriginalString, url.StartsWith('/') ? Is.Null : Is.EqualTo(url), "a bare path is not a URL");
    }

    [Test]
    public void CampaignParametersAreTakenFromTheUrl()
    {
        var @event = PageviewEvent.Create("https://www.example.com/?utm_source=news&utm_medium=email&utm_campaign=spring%20launch&utm_term=crm&utm_content=hero&x=1");
        Assert.That(@event.Utm, Is.Not.Null);
        Assert.That((@event.Utm!.Source, @event.Utm.Medium, @event.Utm.Campaign, @event.Utm.Term, @event.Utm.Content),
            Is.EqualTo(("news", "email", "spring launch", "crm", "hero")));
        Assert.That(PageviewEvent.Create("https://www.example.com/?x=1").Utm, Is.Null);
    }

    [TestCase("")]
    [TestCase("pricing")]
    [TestCase("file:///etc/passwd")]
    public void AnUnusableUrlIsRefused(string url) =>
        Assert.Throws<ArgumentException>(() => PageviewEvent.Create(url));

    [Test]
    public void BuildersRefuseEventsTheApiWouldReject()
    {
        Assert.Throws<ArgumentException>(() => CustomEvent.Create(" "));
        Assert.Throws<ArgumentException>(() => IdentifyEvent.Create());
        Assert.Throws<ArgumentException>(() => BillingEvent.Create(BillingEventStatus.Churned));
        Assert.Throws<ArgumentOutOfRangeException>(() => EngagementEvent.Create("/x", Guid.NewGuid(), TimeSpan.FromSeconds(-1), TimeSpan.Zero));
    }

    [Test]
    public void CalendarDurationIsInMinutes()
    {
        var @event = CalendarEvent.Create(CalendarEventProvider.CalCom, At, At.AddMinutes(45));
        Assert.That(@event.Duration, Is.EqualTo(45));
    }
}

public class TrackerIdentityTests
{
    [TestCase("ada@example.com", null, "server://ada@example.com")]
    [TestCase(null, "usr_123", "server://usr_123")]
    [TestCase(null, "usr 1/2", "server:///usr%201%2F2")]
    public void TheServerUrlFollowsOutlitsServerSdks(string? email, string? userId, string expected)
    {
        var url = new TrackerIdentity(Email: email, UserId: userId).ServerUrl();
        Assert.That(url, Is.EqualTo(expected));
        Assert.That(Uri.TryCreate(url, UriKind.Absolute, out _), Is.True);
    }
}

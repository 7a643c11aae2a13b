using Outlit.Testing;

namespace Outlit.Tests.Ingest;

/// <summary>The ingest client and tracker against the fake server shipped in Outlit.Testing, an independent implementation of the endpoint's validation.</summary>
public class MockServerInteropTests
{
    private static OutlitIngestClientOptions Options(OutlitMockServer mock) => new()
    {
        BaseUrl = mock.BaseUrl,
        BaseDelay = TimeSpan.Zero,
    };

    [Test]
    public async Task EveryEventKindBuiltByTheBuildersIsAccepted()
    {
        await using var mock = await OutlitMockServer.StartAsync();
        using var client = new OutlitIngestClient(mock.PublicKey, Options(mock));
        var at = DateTimeOffset.UtcNow;
        IngestEvent[] events =
        [
            PageviewEvent.Create("https://www.example.com/pricing?utm_source=news", "Pricing", "https://ref.example.org/"),
            CustomEvent.Create("report_exported", new Dictionary<string, object?> { ["rows"] = 12 }),
            FormEvent.Create("https://www.example.com/contact", "contact", new Dictionary<string, string> { ["company"] = "Acme" }),
            IdentifyEvent.Create("ada@example.com", "usr_1", customerId: "cus_9"),
            EngagementEvent.Create("https://app.example.com/", Guid.NewGuid(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(9)),
            CalendarEvent.Create(CalendarEventProvider.Calendly, at.AddDays(1), at.AddDays(1).AddMinutes(30), "bob@example.com"),
            StageEvent.Create(StageEventStage.Engaged),
            BillingEvent.Create(BillingEventStatus.Trialing, "cus_9"),
        ];

        var result = await client.SendAsync(events);

        Assert.That(result.Failures, Is.Empty);
        Assert.That(mock.ReceivedEvents.Select(e => e.Type), Is.EqualTo(new[] { "pageview", "custom", "form", "identify", "engagement", "calendar", "stage", "billing" }));
        Assert.That(mock.ReceivedEvents.Select(e => e.Source), Is.All.EqualTo("server"));
    }

    [Test]
    public async Task TheFakeServersValidationErrorsAreMappedToTheEventsTheyName()
    {
        await using var mock = await OutlitMockServer.StartAsync();
        using var client = new OutlitIngestClient(mock.PublicKey, Options(mock));
        var events = Enumerable.Range(0, 150).Select(i => (IngestEvent)CustomEvent.Create($"e{i}")).ToList();
        events[3] = CalendarEvent.Create(new CalendarEventProvider("zoom"));
        events[120] = new IdentifyEvent { Email = "not-an-email" };

        var result = await client.SendAsync(events);

        Assert.That(result.Failures.Select(f => (f.Index, f.Reason)), Is.EqualTo(new[] { (3L, IngestFailureReason.Rejected), (120L, IngestFailureReason.Rejected) }));
        // The current answer names the event by its index and the field in its message.
        Assert.That(result.Failures[0].Issues.Single().Message, Does.StartWith("provider: "));
        Assert.That(result.Failures[1].Issues.Single().Message, Does.StartWith("email: "));
        Assert.That(result.AcceptedCount, Is.EqualTo(148));
        Assert.That(mock.ReceivedEvents, Has.Count.EqualTo(148), "the valid neighbours were delivered once each");
    }

    [Test]
    public async Task TheTrackerDeliversToTheFakeServer()
    {
        await using var mock = await OutlitMockServer.StartAsync();
        using var client = new OutlitIngestClient(mock.PublicKey, Options(mock));
        await using (var tracker = new OutlitTracker(client))
        {
            for (var i = 0; i < 1_000; i++)
            {
                tracker.Track("step", TrackerIdentity.ForUser($"usr_{i % 7}"), new Dictionary<string, object?> { ["i"] = i });
            }

            tracker.Identify(new TrackerIdentity("dev_1", "ada@example.com"));
            tracker.Pageview("https://app.example.com/home", TrackerIdentity.ForFingerprint("dev_1"));
        }

        Assert.That(mock.ReceivedEvents, Has.Count.EqualTo(1_002));
        Assert.That(mock.ReceivedEvents.Take(1_000).Select(e => e.Event.GetProperty("properties").GetProperty("i").GetInt32()), Is.EqualTo(Enumerable.Range(0, 1_000)));
    }

    [Test]
    public async Task AWrongPublicKeyIsReportedAsRejectedWithoutRetrying()
    {
        await using var mock = await OutlitMockServer.StartAsync();
        using var client = new OutlitIngestClient("pk_not_this_one", Options(mock));

        var result = await client.SendAsync([CustomEvent.Create("x")]);

        Assert.That(result.Failures.Single().Reason, Is.EqualTo(IngestFailureReason.RequestRejected));
        Assert.That(result.Failures.Single().StatusCode, Is.EqualTo(403));
        Assert.That(result.RequestCount, Is.EqualTo(1));
    }
}

using Newtonsoft.Json.Linq;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

/// <summary>The public, typed entry points: SendAsync overloads and the tracker helpers.</summary>
public class IngestTypedSendTests
{
    [Test]
    public async Task ARequestsPayloadFieldsGoWithEverySplitRequest()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var visitor = Guid.Parse("5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11");
        var request = new IngestEventsRequest
        {
            Source = IngestEventsRequestSource.Client,
            VisitorId = visitor,
            UserIdentity = new UserIdentity { Email = "ada@example.com", UserId = "usr_1" },
            CustomerIdentity = new CustomerIdentity { CustomerId = "cus_9", CustomerTraits = new Dictionary<string, object?> { ["plan"] = "team" } },
        };
        for (var i = 0; i < 230; i++)
        {
            request.Events.Add(i % 2 == 0 ? Custom(i) : PageviewEvent.Create($"https://www.example.com/p/{i}"));
        }

        var result = await client.SendAsync(request);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.EventCount, Is.EqualTo(230));
        Assert.That(server.Accepted.Select(b => b.Events.Count), Is.EqualTo(new[] { 100, 100, 30 }));
        var expected = JObject.Parse($"{{\"source\":\"client\",\"visitorId\":\"{visitor:D}\",\"userIdentity\":{{\"email\":\"ada@example.com\",\"userId\":\"usr_1\"}},\"customerIdentity\":{{\"customerId\":\"cus_9\",\"customerTraits\":{{\"plan\":\"team\"}}}}}}");
        Assert.That(server.Accepted.Select(b => JToken.DeepEquals(b.Payload, expected)), Is.All.True);
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(e => (string?)e["type"]).Take(4), Is.EqualTo(new[] { "custom", "pageview", "custom", "pageview" }));
        Assert.That((string?)server.Accepted[0].Events[1]["path"], Is.EqualTo("/p/1"));
    }

    [Test]
    public async Task EventsSentDirectlyGoAsServerEventsAndGetATimestamp()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var handMade = new PageviewEvent { Url = new Uri("https://www.example.com/docs/intro?utm_source=x") };

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (await client.SendAsync([handMade])).EnsureSuccess();

        var batch = server.Accepted.Single();
        Assert.That((string?)batch.Payload["source"], Is.EqualTo("server"));
        var sent = batch.Events.Single();
        Assert.That((long)sent["timestamp"]!, Is.GreaterThanOrEqualTo(before));
        Assert.That((string?)sent["path"], Is.EqualTo("/docs/intro"));
        Assert.That((string?)sent["utm"]!["source"], Is.EqualTo("x"));
    }

    [Test]
    public async Task ANullEventIsReportedAsInvalidAndTheOthersGo()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendAsync([Custom(0), null!, Custom(2)]);

        Assert.That(result.Failures.Select(f => (f.Index, f.Reason)), Is.EqualTo(new[] { (1L, IngestFailureReason.Invalid) }));
        Assert.That(result.AcceptedIndexes, Is.EqualTo(new long[] { 0, 2 }));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 0, 2 }));
    }

    [Test]
    public async Task TypedEventsAreBatchedByTheirExactSerializedSize()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var events = Enumerable.Range(0, 40).Select(i => Custom(i, padding: 90_000 + i * 1_000)).Append(Custom(99, padding: 1_100_000)).Append(Custom(40)).ToList();

        var result = await client.SendAsync(events);

        Assert.That(result.Failures.Single().Reason, Is.EqualTo(IngestFailureReason.TooLarge));
        Assert.That(result.Failures.Single().Event, Is.SameAs(events[40]));
        Assert.That(server.LimitViolations, Is.Zero);
        Assert.That(server.Accepted.Select(b => b.BodyBytes), Is.All.LessThanOrEqualTo(IngestLimits.MaxRequestBytes));
        Assert.That(server.Accepted.Select(b => b.BodyBytes).SkipLast(1), Is.All.GreaterThan(IngestLimits.MaxRequestBytes - 140_000), "requests are filled close to the limit");
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 41).Select(i => (long)i)));
    }

    [Test]
    public async Task TrackerHelpersPutTheIdentityOnTheEvent()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client);

        tracker.Track("subscription_created", TrackerIdentity.ForEmail("ada@example.com"), new Dictionary<string, object?> { ["plan"] = "pro" });
        tracker.Pageview("https://app.example.com/settings?utm_medium=email", new TrackerIdentity(Fingerprint: "dev_42"), "Settings");
        tracker.Identify(new TrackerIdentity("dev_42", "ada@example.com", "usr_1"), new Dictionary<string, object?> { ["name"] = "Ada" }, "cus_9");
        tracker.Track("export", TrackerIdentity.ForUser("usr 1/2"));
        await tracker.FlushAsync();

        var events = server.Accepted.SelectMany(b => b.Events).ToList();
        Assert.That(events.Select(e => (string?)e["type"]), Is.EqualTo(new[] { "custom", "pageview", "identify", "custom" }));
        Assert.Multiple(() =>
        {
            Assert.That((string?)events[0]["email"], Is.EqualTo("ada@example.com"));
            Assert.That((string?)events[0]["eventName"], Is.EqualTo("subscription_created"));
            Assert.That((string?)events[0]["url"], Is.EqualTo("server://ada@example.com"));
            Assert.That((string?)events[0]["properties"]!["plan"], Is.EqualTo("pro"));
            Assert.That((string?)events[1]["fingerprint"], Is.EqualTo("dev_42"));
            Assert.That((string?)events[1]["path"], Is.EqualTo("/settings"));
            Assert.That((string?)events[1]["utm"]!["medium"], Is.EqualTo("email"));
            Assert.That((string?)events[1]["title"], Is.EqualTo("Settings"));
            Assert.That((string?)events[2]["email"], Is.EqualTo("ada@example.com"));
            Assert.That((string?)events[2]["userId"], Is.EqualTo("usr_1"));
            Assert.That((string?)events[2]["fingerprint"], Is.EqualTo("dev_42"));
            Assert.That((string?)events[2]["customerId"], Is.EqualTo("cus_9"));
            Assert.That((string?)events[3]["userId"], Is.EqualTo("usr 1/2"));
            Assert.That((string?)events[3]["url"], Does.StartWith("server://"));
            Assert.That(events.Select(e => e["timestamp"]), Is.All.Not.Null);
        });
    }

    [Test]
    public async Task TrackerHelpersRequireAnIdentity()
    {
        using var client = new OutlitIngestClient(PublicKey, FastRetries(new Uri("http://127.0.0.1:9/")));
        await using var tracker = new OutlitTracker(client);

        Assert.Throws<ArgumentException>(() => tracker.Track("x", new TrackerIdentity()));
        Assert.Throws<ArgumentException>(() => tracker.Track("x", new TrackerIdentity(Email: "  ")));
        Assert.Throws<ArgumentException>(() => tracker.Pageview("https://www.example.com/", new TrackerIdentity()));
        Assert.Throws<ArgumentException>(() => tracker.Identify(new TrackerIdentity()));
        var ex = Assert.Throws<ArgumentException>(() => tracker.Identify(TrackerIdentity.ForFingerprint("dev_1")));
        Assert.That(ex!.Message, Does.Contain("email or a user ID"));
        Assert.Throws<ArgumentNullException>(() => tracker.Enqueue(null!));
        Assert.That(tracker.QueuedCount, Is.Zero, "nothing half-queued");
    }

    [Test]
    public async Task EnqueueAsyncWaitsForRoomAndCanBeCancelled()
    {
        var release = new TaskCompletionSource();
        await using var server = await Infrastructure.LoopbackServer.StartAsync(async (_, context) =>
        {
            await release.Task;
            await Infrastructure.LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { Capacity = 5, FlushAt = 5, OverflowPolicy = TrackerOverflowPolicy.Block });
        for (var i = 0; i < 10; i++)
        {
            await tracker.EnqueueAsync(Custom(i));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await tracker.EnqueueAsync(Custom(10), cts.Token), Throws.InstanceOf<OperationCanceledException>());
        release.SetResult();
        await tracker.FlushAsync();
        Assert.That(tracker.SentCount, Is.EqualTo(10), "the cancelled event was not queued");
    }
}

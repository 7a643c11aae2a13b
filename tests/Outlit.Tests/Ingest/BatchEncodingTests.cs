using System.Text;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

/// <summary>
/// The ingest client encodes a request's worth of events in one serializer pass. What it sends must be, byte for byte,
/// what encoding each event on its own gives, and an event that cannot be serialized must still cost only itself.
/// </summary>
public class BatchEncodingTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);

    private static List<IngestEvent> EveryKind() =>
    [
        PageviewEvent.Create("https://www.example.com/docs/intro?utm_source=news&utm_medium=mail", "Intro — ünïcode \"quoted\"", "https://ref.example/", At),
        CustomEvent.Create("report_exported", new Dictionary<string, object?> { ["plan"] = "pro", ["seats"] = 5, ["ratio"] = 0.125, ["trial"] = false, ["none"] = null, ["nested"] = new Dictionary<string, object?> { ["a"] = new[] { 1, 2 } } }, "server://x", At),
        FormEvent.Create("https://www.example.com/signup", "signup", new Dictionary<string, string> { ["email"] = "a@example.com", ["line"] = "one\ntwo" }, At),
        IdentifyEvent.Create("a@example.com", "u_1", new Dictionary<string, object?> { ["name"] = "Ada" }, "cus_1", new Dictionary<string, object?> { ["mrr"] = 1234.5 }, "https://www.example.com/", At),
        EngagementEvent.Create("https://www.example.com/app", Guid.Parse("2c867dd5-5464-42c7-8c26-8c2c033d1f16"), TimeSpan.FromSeconds(42.5), TimeSpan.FromMinutes(3), At),
        CustomEvent.Create("whole_and_large", new Dictionary<string, object?> { ["big"] = 1e16, ["neg"] = -0.0, ["whole"] = 3.0 }, null, At),
    ];

    [Test]
    public void OnePassGivesEachEventExactlyTheBytesItGetsAlone()
    {
        using var client = new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/") });
        var events = EveryKind();
        var chunk = events.Select((e, i) => ((long)i, e)).ToList();
        var invalid = new List<IngestEventFailure>();

        var together = client.EncodeChunk(chunk, invalid);

        var onePass = OutlitUtf8Writer.SerializeEach(client.EventSerializer, events.Select(e => (object)e).ToList());
        Assert.That(onePass, Is.Not.Null, "the chunk was encoded in one pass, not event by event");
        Assert.That(invalid, Is.Empty);
        Assert.That(together.Select(e => e.Json), Is.EqualTo(onePass));
        Assert.That(together.Select(e => e.Index), Is.EqualTo(Enumerable.Range(0, events.Count).Select(i => (long)i)));
        for (var i = 0; i < events.Count; i++)
        {
            Assert.That(Encoding.UTF8.GetString(together[i].Json), Is.EqualTo(Encoding.UTF8.GetString(client.Encode(events[i]))), $"event {i}");
        }
    }

    [Test]
    public void TheEventWriterWritesExactlyWhatNewtonsoftWrites()
    {
        using var client = new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/") });
        var newtonsoft = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
        {
            NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore,
            DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
            ContractResolver = new Outlit.Ingest.IngestContractResolver(eventWriters: false),
        });
        var events = EveryKind();
        var full = IdentifyEvent.Create("a@example.com", "u_1", new Dictionary<string, object?> { ["name"] = "Ada" }, "cus_1", new Dictionary<string, object?> { ["mrr"] = 12.5, ["tags"] = new[] { "a", "b" } }, "https://www.example.com/x?utm_source=s&utm_campaign=c", At);
        full.Uuid = Guid.Parse("2c867dd5-5464-42c7-8c26-8c2c033d1f16");
        full.Referrer = "https://ref.example/?q=\u00e9";
        full.AdditionalProperties["extra"] = null!;
        full.AdditionalProperties["nested"] = new Dictionary<string, object> { ["k"] = 1 };
        events.Add(full);
        events.Add(CalendarEvent.Create(CalendarEventProvider.Calendly, At, At.AddMinutes(30), "b@example.com", "Bea", "demo", null, At));
        events.Add(StageEvent.Create(StageEventStage.Activated, new Dictionary<string, object?> { ["why"] = "first report" }, null, At));
        events.Add(BillingEvent.Create(BillingEventStatus.Paid, "cus_1", "cus_stripe_1", null, At));
        events.Add(new PageviewEvent { Url = new Uri("https://www.example.com/") });

        foreach (var e in events)
        {
            e.FillDefaults(TimeProvider.System);
            var expected = Encoding.UTF8.GetString(OutlitUtf8Writer.Serialize(newtonsoft, e));
            Assert.That(Encoding.UTF8.GetString(client.Encode(e)), Is.EqualTo(expected), e.GetType().Name);
        }

        Assert.That(client.EventSerializer.ContractResolver.ResolveContract(typeof(CustomEvent)).Converter, Is.InstanceOf<Outlit.Ingest.IngestEventWriter>(), "the writer is the one in use");
    }

    [Test]
    public void AnEventThatCannotBeSerializedIsTheOnlyOneReportedInvalid()
    {
        using var client = new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { BaseUrl = new Uri("http://127.0.0.1:1/") });
        var events = EveryKind();
        events.Insert(2, CustomEvent.Create("broken", new Dictionary<string, object?> { ["value"] = new Unserializable() }, null, At));
        var invalid = new List<IngestEventFailure>();

        var encoded = client.EncodeChunk(events.Select((e, i) => ((long)i, e)).ToList(), invalid);

        Assert.That(invalid.Select(f => (f.Index, f.Reason)), Is.EqualTo(new[] { (2L, IngestFailureReason.Invalid) }));
        Assert.That(encoded.Select(e => e.Index), Is.EqualTo(new long[] { 0, 1, 3, 4, 5, 6 }));
        Assert.That(Encoding.UTF8.GetString(encoded[2].Json), Is.EqualTo(Encoding.UTF8.GetString(client.Encode(events[3]))));
    }

    [Test]
    public async Task ManyEventsAreSentInOrderAcrossChunksWithNothingLostOrRepeated()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var events = Enumerable.Range(0, 250).Select(i => (IngestEvent)Custom(i)).ToList();
        events[130] = null!;

        var result = await client.SendAsync(events);

        Assert.That(result.Failures.Select(f => f.Index), Is.EqualTo(new long[] { 130 }));
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 250).Where(i => i != 130).Select(i => (long)i)));
    }

    private sealed class Unserializable
    {
        public string Value => throw new InvalidOperationException("not serializable");
    }
}

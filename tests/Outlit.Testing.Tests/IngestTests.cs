using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class IngestTests
{
    private const string EveryKind = """
        {
          "visitorId": "5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11",
          "source": "client",
          "userIdentity": { "email": "jane@acme.com", "userId": "usr_42" },
          "customerIdentity": { "customerId": "cus_123", "customerTraits": { "seats": 25 } },
          "events": [
            { "type": "pageview", "timestamp": 1775844131000, "url": "https://www.example.com/pricing", "path": "/pricing", "title": "Pricing",
              "utm": { "source": "newsletter", "medium": "email" } },
            { "type": "custom", "timestamp": 1775844135000, "url": "https://www.example.com/pricing", "path": "/pricing", "eventName": "plan_compared", "properties": { "plans": ["team", "business"] } },
            { "type": "form", "timestamp": 1775844150000, "url": "https://www.example.com/contact", "path": "/contact", "formId": "contact-sales", "formFields": { "company": "Acme" } },
            { "type": "identify", "timestamp": 1775844152000, "url": "https://app.example.com/", "path": "/", "email": "jane@acme.com", "userId": "usr_42", "traits": { "role": "ops" } },
            { "type": "engagement", "timestamp": 1775844200000, "url": "https://www.example.com/pricing", "path": "/pricing", "activeTimeMs": 42000, "totalTimeMs": 65000, "sessionId": "9c4a2d7e-3f1b-4c2a-8e6d-1a2b3c4d5e6f" },
            { "type": "calendar", "timestamp": 1775844260000, "url": "https://www.example.com/demo", "path": "/demo", "provider": "calendly", "startTime": "2026-04-14T15:00:00Z", "endTime": "2026-04-14T15:30:00Z", "duration": 30 },
            { "type": "stage", "stage": "activated" },
            { "type": "billing", "status": "paid", "customerId": "cus_123" }
          ]
        }
        """;

    private static JsonObject Batch(int events, string type = "custom")
    {
        var list = new JsonArray();
        for (var i = 0; i < events; i++)
        {
            list.Add(new JsonObject { ["type"] = type, ["timestamp"] = 1775844131000L + i, ["url"] = "https://app.example.com/", ["path"] = "/", ["eventName"] = "event_" + i });
        }

        return new JsonObject { ["source"] = "server", ["events"] = list };
    }

    /// <summary>
    /// Where a problem of the current ingest answer is: <c>events/i</c> from its index (-1: the batch), then the path
    /// its message starts with (<c>type: Invalid event type</c>).
    /// </summary>
    private static string[] Path(JsonNode issue)
    {
        var index = issue["index"]!.GetValue<int>();
        var message = issue["message"]!.GetValue<string>();
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        var rest = colon > 0 && !message[..colon].Contains(' ') ? message[..colon].Split('.') : [];
        return index >= 0 ? ["events", index.ToString(System.Globalization.CultureInfo.InvariantCulture), .. rest] : rest;
    }

    /// <summary>The message of a problem without the path it starts with.</summary>
    private static string Text(JsonNode issue)
    {
        var message = issue["message"]!.GetValue<string>();
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && !message[..colon].Contains(' ') ? message[(colon + 2)..] : message;
    }

    [Test]
    public async Task A_batch_of_every_event_kind_is_accepted_and_can_be_read_back()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", rawBody: EveryKind);

        Assert.That(reply.Status, Is.EqualTo(200), reply.Body);
        Assert.That(reply.Json["success"]!.GetValue<bool>(), Is.True);
        var events = server.ReceivedEvents;
        Assert.That(events.Select(e => e.Type),
            Is.EqualTo(new[] { "pageview", "custom", "form", "identify", "engagement", "calendar", "stage", "billing" }));
        Assert.That(events.Select(e => e.VisitorId), Is.All.EqualTo("5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11"));
        Assert.That(events[0].Source, Is.EqualTo("client"));
        Assert.That(events[0].UserIdentity!.Value.GetProperty("email").GetString(), Is.EqualTo("jane@acme.com"));
        Assert.That(events[0].CustomerIdentity!.Value.GetProperty("customerId").GetString(), Is.EqualTo("cus_123"));
        Assert.That(events[1].Event.GetProperty("eventName").GetString(), Is.EqualTo("plan_compared"));
        foreach (var e in events)
        {
            Contract.AssertMatchesSchema("IngestEvent", JsonNode.Parse(e.Event.GetRawText()));
        }
    }

    [Test]
    public async Task Source_defaults_to_client_and_events_accumulate_across_batches()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        await api.SendAsync("ingestEvents", rawBody: """{"events":[{"type":"pageview","timestamp":1775844131000,"url":"https://app.example.com/","path":"/"}]}""");
        await api.SendAsync("ingestEvents", body: Batch(2));

        Assert.That(server.ReceivedEvents.Select(e => e.Source), Is.EqualTo(new[] { "client", "server", "server" }));
        server.ClearReceivedEvents();
        Assert.That(server.ReceivedEvents, Is.Empty);
    }

    [Test]
    public async Task An_unknown_public_key_answers_403_and_stores_nothing()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", body: Batch(1), publicKey: "pk_someone_else");

        Assert.That(reply.Status, Is.EqualTo(403));
        Assert.That(reply.Json["success"]!.GetValue<bool>(), Is.False);
        Assert.That(reply.Json["message"]!.GetValue<string>(), Is.EqualTo("Invalid public key"));
        Assert.That(server.ReceivedEvents, Is.Empty);
    }

    [Test]
    public async Task Ingest_needs_no_authorization_header()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", body: Batch(1));

        Assert.That(reply.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task One_hundred_events_are_accepted_and_one_hundred_and_one_are_not()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var ok = await api.SendAsync("ingestEvents", body: Batch(100));
        var tooMany = await api.SendAsync("ingestEvents", body: Batch(101));

        Assert.That(ok.Status, Is.EqualTo(200));
        Assert.That(tooMany.Status, Is.EqualTo(400));
        var issue = tooMany.Json["errors"]!.AsArray().Single()!;
        Assert.That(Path(issue), Is.EqualTo(new[] { "events" }));
        Assert.That(issue["message"]!.GetValue<string>(), Does.Contain("100"));
        Assert.That(server.ReceivedEvents, Has.Count.EqualTo(100), "the rejected batch adds nothing");
    }

    [Test]
    public async Task An_empty_batch_answers_400()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", rawBody: """{"events":[]}""");

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(Path(reply.Json["errors"]![0]!), Is.EqualTo(new[] { "events" }));
    }

    [Test]
    public async Task A_body_over_one_megabyte_answers_400_as_the_contract_says()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);
        Assert.That(server.MaxIngestBodyBytes, Is.EqualTo(1_048_576), "the contract's limit, read from x-outlit-max-body-bytes");
        var big = Batch(1);
        big["events"]![0]!["properties"] = new JsonObject { ["blob"] = new string('x', server.MaxIngestBodyBytes!.Value) };
        var justUnder = Batch(1);
        justUnder["events"]![0]!["properties"] = new JsonObject { ["blob"] = new string('x', server.MaxIngestBodyBytes!.Value - 200) };

        var tooBig = await api.SendAsync("ingestEvents", body: big);
        var fits = await api.SendAsync("ingestEvents", body: justUnder);

        Assert.That(Contract.ResponsePointer("ingestEvents", 413), Is.Null, "the contract has no 413, so the mock must not send one");
        Assert.That(tooBig.Status, Is.EqualTo(400));
        Assert.That(tooBig.Json["errors"]![0]!["message"]!.GetValue<string>(), Does.Contain("1 MB"));
        Assert.That(tooBig.Json["errors"]![0]!["index"]!.GetValue<int>(), Is.EqualTo(-1), "a problem of the batch as a whole");
        Assert.That(fits.Status, Is.EqualTo(200));
        Assert.That(server.ReceivedEvents, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Per_event_errors_carry_the_event_index_and_field()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", rawBody: """
            {"events":[
              {"type":"pageview","timestamp":1,"url":"https://a.example/","path":"/"},
              {"type":"click","timestamp":1,"url":"https://a.example/","path":"/"},
              {"type":"engagement","timestamp":1,"url":"https://a.example/","path":"/","activeTimeMs":"long","totalTimeMs":5},
              {"type":"stage","stage":"promoted"},
              {"type":"identify","timestamp":1,"url":"https://a.example/","path":"/","email":"not-an-email"},
              {"type":"custom","timestamp":1,"url":"https://a.example/","path":"/"},
              "not an object"
            ]}
            """);

        Assert.That(reply.Status, Is.EqualTo(400));
        var errors = reply.Json["errors"]!.AsArray().Select(e => (Path: string.Join('/', Path(e!)), Message: Text(e!))).ToList();
        Assert.That(errors, Does.Contain(("events/1/type", "Invalid event type")));
        Assert.That(errors, Does.Contain(("events/4/email", "Invalid email address")), "formats are asserted, as the service does");
        Assert.That(errors.Select(e => e.Path), Is.EquivalentTo(new[]
        {
            "events/1/type", "events/2/activeTimeMs", "events/2/sessionId", "events/3/stage", "events/4/email", "events/5/eventName", "events/6",
        }));
        Assert.That(reply.Json["errors"]![0]!["index"]!.GetValueKind(), Is.EqualTo(System.Text.Json.JsonValueKind.Number), "indexes are numbers");
        Assert.That(reply.Json["processed"]!.GetValue<int>(), Is.Zero);
        Assert.That(server.ReceivedEvents, Is.Empty, "one bad event rejects the batch");
    }

    [TestCase("""{"events":[{"type":"pageview"}],"extra":1}""", "")]
    [TestCase("""{"events":[{"type":"pageview"}],"source":"browser"}""", "source")]
    [TestCase("""{"events":[{"type":"pageview"}],"visitorId":"abc"}""", "visitorId")]
    [TestCase("""{"events":[{"type":"pageview"}],"userIdentity":{"email":"x"}}""", "userIdentity/email")]
    [TestCase("""{"events":{"type":"pageview"}}""", "events")]
    [TestCase("""{"visitorId":"5b0c1f0e-8a5d-4d8e-9a52-2c8f0c6b7e11"}""", "events")]
    [TestCase("""[]""", "")]
    public async Task Batch_level_errors_are_reported_with_their_path(string body, string path)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", rawBody: body);

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Json["errors"]!.AsArray().Select(e => string.Join('/', Path(e!))), Does.Contain(path));
    }

    [Test]
    public async Task Malformed_json_answers_400_in_the_ingest_format()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("ingestEvents", rawBody: """{"events":[{"type":""");

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Json["success"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task The_rate_limit_allows_one_hundred_requests_per_second_then_answers_429()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { TimeProvider = clock });
        using var api = new Api(server);
        var second = clock.GetUtcNow().ToUnixTimeSeconds();

        var remaining = new List<int>();
        for (var i = 0; i < 100; i++)
        {
            var ok = await api.SendAsync("ingestEvents", body: Batch(1));
            Assert.That(ok.Status, Is.EqualTo(200));
            remaining.Add(int.Parse(ok.Header("X-RateLimit-Remaining")!));
        }

        var limited = await api.SendAsync("ingestEvents", body: Batch(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var next = await api.SendAsync("ingestEvents", body: Batch(1));

        Assert.That(remaining, Is.EqualTo(Enumerable.Range(0, 100).Select(i => 99 - i)));
        Assert.That(limited.Status, Is.EqualTo(429));
        Assert.That(limited.Json["message"]!.GetValue<string>(), Is.EqualTo("Rate limit exceeded"));
        Assert.That(limited.Header("X-RateLimit-Limit"), Is.EqualTo("100"));
        Assert.That(limited.Header("X-RateLimit-Remaining"), Is.EqualTo("0"));
        Assert.That(limited.Header("X-RateLimit-Reset"), Is.EqualTo((second + 1).ToString()));
        Assert.That(next.Status, Is.EqualTo(200));
        Assert.That(next.Header("X-RateLimit-Remaining"), Is.EqualTo("99"));
        Assert.That(server.ReceivedEvents, Has.Count.EqualTo(101), "the limited request stored nothing");
    }

    [Test]
    public async Task Rejected_requests_also_carry_the_rate_limit_headers()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { IngestRequestsPerSecond = 5 });
        using var api = new Api(server);

        var forbidden = await api.SendAsync("ingestEvents", body: Batch(1), publicKey: "pk_other");
        var invalid = await api.SendAsync("ingestEvents", rawBody: "{}");

        Assert.That(forbidden.Header("X-RateLimit-Limit"), Is.EqualTo("5"));
        Assert.That(int.Parse(invalid.Header("X-RateLimit-Remaining")!), Is.LessThan(5));
    }

    [Test]
    public async Task Browser_preflight_is_answered_for_the_ingest_route()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);
        using var request = new HttpRequestMessage(HttpMethod.Options, $"api/i/v1/{server.PublicKey}/events");
        request.Headers.Add("Origin", "https://www.example.com");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await api.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("https://www.example.com"));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Methods").Single(), Does.Contain("POST"));
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Outlit.Ingest;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

public class IngestClientTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("pk_")]
    [TestCase("ok_live_0123456789abcdef")]
    [TestCase("PK_uppercase")]
    [TestCase("pk_has/slash")]
    [TestCase("pk_has space")]
    public void PublicKeyCheckRefusesAnythingButAPkKeyWithoutEchoingIt(string? key)
    {
        var ex = Assert.Throws<ArgumentException>(() => new OutlitIngestClient(key!));
        Assert.That(ex!.Message, Does.Contain("pk_"));
        if (!string.IsNullOrWhiteSpace(key) && key != "pk_")
        {
            Assert.That(ex.Message, Does.Not.Contain(key));
        }
    }

    [Test]
    public void APlatformApiKeyGivenAsPublicKeyIsNamedAsSuchButNotRepeated()
    {
        const string secret = "ok_live_9c1b7e55aa";
        var ex = Assert.Throws<ArgumentException>(() => new OutlitIngestClient(secret));
        Assert.That(ex!.Message, Does.Contain("Platform API key").And.Not.Contain(secret));
    }

    [Test]
    public void AValidPublicKeyIsAcceptedAndGoesIntoThePath()
    {
        using var client = new OutlitIngestClient("pk_live_abc-123_X", new OutlitIngestClientOptions { BaseUrl = new Uri("https://ingest.example.test/") });
        Assert.That(client.Endpoint.AbsoluteUri, Is.EqualTo("https://ingest.example.test/api/i/v1/pk_live_abc-123_X/events"));
    }

    [TestCase("http://ingest.example.test/")]
    [TestCase("ftp://127.0.0.1/")]
    public void PlainHttpIsRefusedExceptOnLoopback(string address)
    {
        // The same base-URL rules as the Platform client, with the same typed configuration error.
        Assert.Throws<OutlitConfigurationException>(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { BaseUrl = new Uri(address) }));
        Assert.DoesNotThrow(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { BaseUrl = new Uri("http://127.0.0.1:5000/") }).Dispose());
    }

    [Test]
    public void OptionsOutsideTheDocumentedLimitsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { MaxEventsPerRequest = 101 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { MaxRequestBytes = IngestLimits.MaxRequestBytes + 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { RequestsPerSecond = 0 }));
        Assert.Throws<OutlitConfigurationException>(() => new OutlitIngestClient(PublicKey, new OutlitIngestClientOptions { MaxRetries = -1 }), "the shared options are checked as for the Platform client");
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlitTracker(PublicKey, new OutlitTrackerOptions { Capacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OutlitTracker(PublicKey, new OutlitTrackerOptions { FlushAt = 101 }));
    }

    [Test]
    public void AnHttpClientCarryingCredentialsIsRefused()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ok_live_secret_value");
        var ex = Assert.Throws<ArgumentException>(() => new OutlitIngestClient(PublicKey, http));
        Assert.That(ex!.Message, Does.Contain("Authorization").And.Not.Contain("ok_live_secret_value"));
    }

    [Test]
    public async Task SplitsByEventCountKeepingOrder()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(250), CancellationToken.None);

        Assert.That(result.Failures, Is.Empty);
        Assert.That(result.AcceptedIndexes, Is.EqualTo(Enumerable.Range(0, 250).Select(i => (long)i)));
        Assert.That(server.Accepted.Select(b => b.Events.Count), Is.EqualTo(new[] { 100, 100, 50 }));
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 250).Select(i => (long)i)));
        Assert.That(server.Accepted.Select(b => (string?)b.Payload["source"]), Is.All.EqualTo("server"));
    }

    [Test]
    public async Task SplitsByTheExactBytesSentAndPacksRequestsTightly()
    {
        var sizes = new Random(7);
        var events = Events(60, _ => sizes.Next(20_000, 300_000));
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var envelope = client.CreateEnvelope("server", null, null, null);

        var result = await client.SendEncodedAsync(envelope, events, CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        var batches = server.Accepted;
        Assert.That(server.LimitViolations, Is.Zero);
        Assert.That(batches.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 60).Select(i => (long)i)));
        var at = 0;
        foreach (var batch in batches)
        {
            var sent = events.Skip(at).Take(batch.Events.Count).ToList();
            Assert.That(batch.BodyBytes, Is.LessThanOrEqualTo(IngestLimits.MaxRequestBytes));
            Assert.That(batch.BodyBytes, Is.EqualTo(envelope.BodySize(sent.Count, sent.Sum(e => (long)e.Json.Length))), "client size model matches the bytes received");
            at += batch.Events.Count;
            if (at < events.Count)
            {
                // Greedy packing: the next event would not have fitted.
                Assert.That(batch.BodyBytes + 1 + events[at].Json.Length, Is.GreaterThan(IngestLimits.MaxRequestBytes));
            }
        }

        TestContext.Out.WriteLine($"60 events of 20-300 KB: {batches.Count} requests, largest body {server.MaxBodyBytes:N0} bytes");
    }

    [Test]
    public async Task ABodyOfExactlyOneMegabyteIsSentAndOneByteMoreSplits()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var envelope = client.CreateEnvelope("server", null, null, null);
        var first = CustomJson(0);
        var secondBase = CustomJson(1, padding: 1).Length - 1;
        var padding = IngestLimits.MaxRequestBytes - envelope.OverheadBytes - first.Length - 1 - secondBase;
        var exact = new[] { Encoded(0, first), Encoded(1, CustomJson(1, padding)) };
        var over = new[] { Encoded(0, first), Encoded(1, CustomJson(1, padding + 1)) };

        await client.SendEncodedAsync(envelope, exact, CancellationToken.None);
        await client.SendEncodedAsync(envelope, over, CancellationToken.None);

        Assert.That(server.Accepted.Select(b => b.BodyBytes).ToArray()[0], Is.EqualTo(IngestLimits.MaxRequestBytes));
        Assert.That(server.Accepted.Skip(1).Select(b => b.Events.Count), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public async Task AnEventTooLargeAloneIsRefusedBeforeSendingAndTheOthersStillGo()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var events = new[] { Encoded(0, CustomJson(0)), Encoded(1, CustomJson(1, 1_100_000)), Encoded(2, CustomJson(2)) };

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), events, CancellationToken.None);

        var failure = result.Failures.Single();
        Assert.Multiple(() =>
        {
            Assert.That(failure.Index, Is.EqualTo(1));
            Assert.That(failure.Reason, Is.EqualTo(IngestFailureReason.TooLarge));
            Assert.That(failure.Message, Does.Contain("1,048,576"));
            Assert.That(failure.Event, Is.SameAs(events[1].Source));
            Assert.That(result.AcceptedIndexes, Is.EqualTo(new long[] { 0, 2 }));
            Assert.That(server.MaxBodyBytes, Is.LessThan(1_000), "the oversized event never went on the wire");
            Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 0, 2 }));
        });
        var thrown = Assert.Throws<OutlitIngestException>(() => result.EnsureSuccess());
        Assert.That(thrown!.Failures, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PerEventRejectionsAreMappedBackAndTheRestIsResent()
    {
        var settings = new IngestServerSettings
        {
            RejectEvent = e => (string?)e["eventName"] == "bad" ? ("eventName", "Event name not allowed") : null,
        };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var events = Enumerable.Range(0, 130).Select(i => Encoded(i, CustomJson(i, name: i is 2 or 7 or 120 ? "bad" : "ok"))).ToList();
        events.Insert(50, Encoded(999, "{\"type\":\"mystery\",\"properties\":{\"seq\":999}}"));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), events, CancellationToken.None);

        Assert.That(result.Failures.Select(f => f.Index), Is.EqualTo(new long[] { 2, 7, 120, 999 }));
        var bad = result.Failures.First();
        Assert.Multiple(() =>
        {
            Assert.That(bad.Reason, Is.EqualTo(IngestFailureReason.Rejected));
            Assert.That(bad.StatusCode, Is.EqualTo(400));
            Assert.That(bad.Issues.Single().Path, Is.EqualTo(new object[] { "eventName" }));
            Assert.That(bad.Issues.Single().Message, Is.EqualTo("Event name not allowed"));
            Assert.That(result.Failures.Last().Issues.Single().Path, Is.EqualTo(new object[] { "type" }));
            Assert.That(result.AcceptedCount, Is.EqualTo(127));
        });
        var expected = Enumerable.Range(0, 130).Where(i => i is not (2 or 7 or 120)).Select(i => (long)i);
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(expected), "the accepted events arrived once each, in order");
        Assert.That(result.AcceptedIndexes, Is.EqualTo(expected));
    }

    [Test]
    public void ErrorPathsThatDoNotPointAtAnEventRejectTheWholeRequest()
    {
        var errors = new List<IngestErrorItem> { new(["events", 1L, "type"], "bad"), new(["visitorId"], "Invalid uuid") };
        Assert.That(OutlitIngestClient.MapEventErrors(errors, 5), Is.Null);
        Assert.That(OutlitIngestClient.MapEventErrors([new(["events", 5L], "out of range")], 5), Is.Null);
        Assert.That(OutlitIngestClient.MapEventErrors([], 5), Is.Null);
        var mapped = OutlitIngestClient.MapEventErrors([new(["events", 3L, "utm", "source"], "bad"), new(["events", 3L], "worse")], 5);
        Assert.That(mapped!.Keys, Is.EqualTo(new[] { 3 }));
        Assert.That(mapped[3].Select(i => i.Path), Is.EqualTo(new[] { new object[] { "utm", "source" }, Array.Empty<object>() }));
    }

    [Test]
    public async Task AnErrorAboutThePayloadRejectsTheWholeRequestWithoutRetrying()
    {
        await using var server = await Infrastructure.LoopbackServer.StartAsync((_, context) => Infrastructure.LoopbackServer.WriteJsonAsync(context, 400,
            "{\"success\":false,\"message\":\"Invalid request body\",\"errors\":[{\"path\":[\"events\",0,\"type\"],\"message\":\"Invalid event type\"},{\"path\":[\"visitorId\"],\"message\":\"Invalid uuid\"}]}"));
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("client", "not-a-uuid", null, null), Events(3), CancellationToken.None);

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(result.Failures.Select(f => (f.Reason, f.StatusCode)), Is.All.EqualTo((IngestFailureReason.RequestRejected, (int?)400)));
        Assert.That(result.Failures[0].Message, Is.EqualTo("Invalid request body"));
        Assert.That(result.AcceptedCount, Is.Zero);
    }

    [Test]
    public async Task AnEntryThatIsNotAnEventObjectIsRejectedOnItsOwn()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), [Encoded(0, CustomJson(0)), Encoded(1, "42")], CancellationToken.None);

        Assert.That(result.Failures.Select(f => (f.Index, f.Reason)), Is.EqualTo(new[] { (1L, IngestFailureReason.Rejected) }));
        Assert.That(server.RequestCount, Is.EqualTo(2));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 0 }));
    }

    [TestCase(IngestFault.ServerError)]
    [TestCase(IngestFault.Unavailable)]
    [TestCase(IngestFault.TooManyRequests)]
    [TestCase(IngestFault.ConnectionReset)]
    public async Task TransientFailuresAreRetried(IngestFault fault)
    {
        var settings = new IngestServerSettings { Faults = n => n <= 2 ? fault : IngestFault.None };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(3), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.RequestCount, Is.EqualTo(3));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 0, 1, 2 }));
    }

    [Test]
    public async Task AResponseSlowerThanTheTimeoutIsRetriedAndNotStoredTwice()
    {
        var settings = new IngestServerSettings { Faults = n => n == 1 ? IngestFault.Slow : IngestFault.None, SlowDelay = TimeSpan.FromSeconds(5) };
        await using var server = await IngestTestServer.StartAsync(settings);
        var options = FastRetries(server.BaseAddress);
        options.AttemptTimeout = TimeSpan.FromSeconds(1);
        using var client = new OutlitIngestClient(PublicKey, options);

        var watch = Stopwatch.StartNew();
        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(2), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.RequestCount, Is.EqualTo(2));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4.5)), "the slow attempt was abandoned, not waited out");
        Assert.That(server.Accepted, Has.Count.EqualTo(1));
    }

    [TestCase(403)]
    [TestCase(401)]
    [TestCase(404)]
    [TestCase(413)]
    public async Task OtherClientErrorsAreNotRetried(int status)
    {
        await using var server = await Infrastructure.LoopbackServer.StartAsync((_, context) =>
            Infrastructure.LoopbackServer.WriteJsonAsync(context, status, "{\"success\":false,\"message\":\"Invalid public key\"}"));
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(4), CancellationToken.None);

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(result.Failures.Select(f => f.Reason), Is.All.EqualTo(IngestFailureReason.RequestRejected));
        Assert.That(result.Failures.Select(f => f.StatusCode), Is.All.EqualTo(status));
        Assert.That(result.Failures[0].Message, Is.EqualTo("Invalid public key"));
        Assert.That(result.Failures.Select(f => f.Index), Is.EqualTo(new long[] { 0, 1, 2, 3 }));
    }

    [Test]
    public async Task AFailureThatOutlastsTheRetriesIsReportedForEveryEvent()
    {
        var settings = new IngestServerSettings { Faults = _ => IngestFault.Unavailable };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress, maxRetries: 2));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(5), CancellationToken.None);

        Assert.That(server.RequestCount, Is.EqualTo(3));
        Assert.That(result.RequestCount, Is.EqualTo(3));
        Assert.That(result.Failures, Has.Count.EqualTo(5));
        Assert.That(result.Failures.Select(f => (f.Reason, f.StatusCode)), Is.All.EqualTo((IngestFailureReason.DeliveryFailed, (int?)503)));
    }

    [Test]
    public async Task AnUnreachableServerIsReportedWithTheNetworkError()
    {
        var server = await IngestTestServer.StartAsync();
        var address = server.BaseAddress;
        await server.DisposeAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(address, maxRetries: 1));

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(2), CancellationToken.None);

        Assert.That(result.Failures.Select(f => f.Reason), Is.All.EqualTo(IngestFailureReason.DeliveryFailed));
        Assert.That(result.Failures[0].Exception, Is.InstanceOf<OutlitNetworkException>());
        Assert.That(result.Failures[0].Exception!.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(result.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task CancellationStopsSendingAndIsNotReportedAsAFailure()
    {
        var settings = new IngestServerSettings { Faults = _ => IngestFault.Slow, SlowDelay = TimeSpan.FromSeconds(10) };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(2), cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ReadsTheRateLimitHeaders()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        Assert.That(client.RateLimit, Is.Null);

        await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(1), CancellationToken.None);

        var info = client.RateLimit!;
        Assert.That(info.Limit, Is.EqualTo(100));
        Assert.That(info.Remaining, Is.InRange(0, 99));
        Assert.That(info.ResetAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddSeconds(-1)).And.LessThan(DateTimeOffset.UtcNow.AddSeconds(3)));
    }

    [Test]
    public async Task AServer429WithResetHoldsSendingUntilTheReset()
    {
        // At least two seconds away, longer than the attempt timeout below even on a loaded machine.
        var reset = DateTimeOffset.UtcNow.AddSeconds(3).ToUnixTimeSeconds();
        var calls = 0;
        await using var server = await Infrastructure.LoopbackServer.StartAsync((_, context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["X-RateLimit-Limit"] = "100";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = reset.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Infrastructure.LoopbackServer.WriteJsonAsync(context, 429, "{\"success\":false,\"message\":\"Rate limit exceeded\"}");
            }

            return Infrastructure.LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        var options = FastRetries(server.BaseAddress, maxRetries: 1);
        // Waiting for the reset takes longer than one attempt may: the wait must not count as a timeout.
        options.AttemptTimeout = TimeSpan.FromMilliseconds(1500);
        options.MaxRetryAfter = TimeSpan.FromSeconds(10);
        using var client = new OutlitIngestClient(PublicKey, options);

        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(1), CancellationToken.None);

        Assert.That(result.Failures, Is.Empty);
        Assert.That(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Is.GreaterThanOrEqualTo(reset * 1000 - 20), "the retry waited for the advertised reset");
        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(result.RequestCount, Is.EqualTo(2));
    }

    [Test]
    public async Task AResetFarInTheFutureIsWaitedForNoLongerThanMaxRetryDelay()
    {
        var calls = 0;
        await using var server = await Infrastructure.LoopbackServer.StartAsync((_, context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Infrastructure.LoopbackServer.WriteJsonAsync(context, 429, "{\"success\":false,\"message\":\"Rate limit exceeded\"}");
            }

            return Infrastructure.LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        var options = FastRetries(server.BaseAddress);
        options.MaxRetryAfter = TimeSpan.FromMilliseconds(300);
        using var client = new OutlitIngestClient(PublicKey, options);

        var watch = Stopwatch.StartNew();
        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(1), CancellationToken.None);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(watch.Elapsed, Is.InRange(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task PacesItselfUnderTheDocumentedRequestRate()
    {
        await using var server = await IngestTestServer.StartAsync(new IngestServerSettings { KeepBatches = false });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        const int requests = 350;

        var watch = Stopwatch.StartNew();
        var result = await client.SendEncodedAsync(client.CreateEnvelope("server", null, null, null), Events(requests * 100), CancellationToken.None);
        watch.Stop();

        // Whole seconds only: the first and last are partial.
        var perSecond = server.AdmittedPerSecond;
        var steady = perSecond.Skip(1).SkipLast(1).ToList();
        TestContext.Progress.WriteLine($"[figure] requests/s at the 100 req/s limit: {steady.Average():F1} per whole second (seconds: {string.Join(", ", perSecond)}; {server.RequestCount} requests in {watch.Elapsed.TotalSeconds:F2} s; {server.RateLimitedCount} answered 429)");
        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.AcceptedCount, Is.EqualTo(requests * 100));
        Assert.That(perSecond, Is.All.LessThanOrEqualTo(100));
        Assert.That(steady, Is.Not.Empty);
        // A loaded 2-core machine may not reach the budget; what must never happen is going over it.
        Assert.That(steady.Average(), Is.GreaterThanOrEqualTo(50), "the client uses most of the budget it has");
        Assert.That(server.RateLimitedCount, Is.LessThanOrEqualTo(3), "pacing, not the server, keeps the rate");
    }
}

using System.Diagnostics.Tracing;
using Outlit.Tests.Http;
using Outlit.Tests.Infrastructure;
using Outlit.Tests.Ingest;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Diagnostics;

/// <summary>
/// The <c>Outlit</c> EventSource: what a listener hears from the request path (Platform and Ingest alike) and from the
/// tracker, with no logger configured anywhere.
/// </summary>
[NonParallelizable]
public class EventSourceTests
{
    private static IEnumerable<CapturedEvent> Named(OutlitEventCapture capture, string name, string operationId) =>
        capture.Events.Where(e => e.Name == name && e.String("operationId") == operationId);

    [Test]
    public void TheSourceIsNamedOutlitAndEveryEventMatchesItsPayload()
    {
        // Strict: a WriteEvent whose arguments do not match its method's parameters fails here, not silently in production.
        var manifest = EventSource.GenerateManifest(typeof(OutlitEventSource), typeof(OutlitEventSource).Assembly.Location, EventManifestOptions.Strict);

        Assert.Multiple(() =>
        {
            Assert.That(EventSource.GetName(typeof(OutlitEventSource)), Is.EqualTo("Outlit"));
            Assert.That(manifest, Does.Contain("name=\"Outlit\""));
            Assert.That(manifest, Does.Contain("RequestAttempt").And.Contain("RequestRetry").And.Contain("RequestFailed")
                .And.Contain("TrackerEventsUndelivered").And.Contain("TrackerEventsOutcomeUnknown"));
        });
    }

    [Test]
    public async Task PlatformAttemptsRetriesAndTheFailureAreReported()
    {
        using var capture = new OutlitEventCapture();
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 503, """{"error":"maintenance"}"""));
        using var client = TestClients.Create(server, o => o.MaxRetries = 2);

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Integrations.ListAsync());

        var attempts = Named(capture, "RequestAttempt", "listIntegrations").ToList();
        var retries = Named(capture, "RequestRetry", "listIntegrations").ToList();
        var failure = Named(capture, "RequestFailed", "listIntegrations").Single();
        Assert.Multiple(() =>
        {
            Assert.That(capture.SourceErrors, Is.Empty);
            Assert.That(attempts.Select(a => (a.Number("attempt"), a.Number("status"))), Is.EqualTo(new[] { (1L, 503L), (2L, 503L), (3L, 503L) }));
            Assert.That(retries.Select(r => r.Number("retry")), Is.EqualTo(new[] { 1L, 2L }));
            Assert.That(retries.Select(r => r.Number("status")), Is.All.EqualTo(503L));
            Assert.That(retries.Select(r => r.Number("delayMs")), Is.All.GreaterThanOrEqualTo(0L));
            Assert.That(failure.Number("attempts"), Is.EqualTo(3));
            Assert.That(failure.String("exceptionType"), Is.EqualTo(nameof(OutlitServerException)));
            Assert.That(failure.Number("status"), Is.EqualTo(503));
            Assert.That(failure.Level, Is.EqualTo(EventLevel.Warning));
        });
    }

    [Test]
    public async Task AFailureWithoutAnAnswerNamesItsKindAndHasNoStatus()
    {
        using var capture = new OutlitEventCapture();
        using var client = TestClients.Create(new Uri($"http://127.0.0.1:{AttemptOutcomeTests.UnusedPort()}/"), null, o => o.MaxRetries = 1);

        await TestClients.ThrowsAsync<OutlitNetworkException>(() => client.Integrations.ListAsync());

        var attempts = Named(capture, "RequestAttempt", "listIntegrations").ToList();
        var failure = Named(capture, "RequestFailed", "listIntegrations").Single();
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Has.Count.EqualTo(2));
            Assert.That(attempts.Select(a => a.Number("status")), Is.All.EqualTo(0L));
            Assert.That(attempts.Select(a => a.String("errorKind")), Is.All.StartWith(nameof(HttpRequestException)));
            Assert.That(failure.String("exceptionType"), Is.EqualTo(nameof(OutlitNetworkException)));
            Assert.That(failure.Number("status"), Is.Zero);
        });
    }

    [Test]
    public async Task IngestRequestsAreReportedByTheSamePipeline()
    {
        using var capture = new OutlitEventCapture();
        var settings = new IngestServerSettings { Faults = n => n == 1 ? IngestFault.ServerError : IngestFault.None };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var result = await client.SendAsync([Custom(1)]);

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(Named(capture, "RequestRetry", "ingestEvents").Select(r => r.Number("status")), Is.EqualTo(new[] { 500L }));
            Assert.That(Named(capture, "RequestAttempt", "ingestEvents").Select(a => a.Number("status")), Is.EqualTo(new[] { 500L, 200L }));
            Assert.That(Named(capture, "RequestFailed", "ingestEvents"), Is.Empty);
        });
    }

    [TestCase(false, TestName = "FailureTextsNeverCarryTheSecretsOfTheCall(credentials as a map of objects)")]
    [TestCase(true, TestName = "FailureTextsNeverCarryTheSecretsOfTheCall(credentials as a map of strings)")]
    public async Task FailureTextsNeverCarryTheSecretsOfTheCall(bool stringMap)
    {
        const string credential = "phx_EVENTSOURCE_credential_6c1d";
        using var capture = new OutlitEventCapture();
        await using var server = await LoopbackServer.StartAsync((request, context) =>
        {
            // An echoing server: the bearer token and the body in the message, JSON-escaped; the credential in every short field.
            var echo = $"{request.Headers["Authorization"]} {request.Body}".Replace("_", "\\u005f", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            return LoopbackServer.WriteJsonAsync(context, 402, $$"""{"error":"{{echo}}","code":"{{credential}}","plan":"{{credential}}","feature":"{{credential}}","requestId":"{{credential}}"}""");
        });
        using var client = TestClients.Create(server);

        // Both shapes a caller writes credentials in: a map of strings is sent as it is, any other is read as JSON first.
        object config = stringMap ? new Dictionary<string, string> { ["apiKey"] = credential } : new Dictionary<string, object> { ["apiKey"] = credential };
        var ex = await TestClients.ThrowsAsync<OutlitPlanLimitException>(() => client.Integrations.ConnectAsync(ProviderId.Posthog, config));

        var failure = Named(capture, "RequestFailed", "connectIntegration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(failure.String("message"), Does.Contain("[redacted]"), "the echo is there, redacted");
            Assert.That(failure.Text, Does.Not.Contain(LeakRecorder.SentinelKey));
            Assert.That(failure.Text, Does.Not.Contain(credential));
            Assert.That(failure.Text, Does.Not.Contain("SENTINEL"));
            Assert.That(failure.String("errorCode"), Is.EqualTo("[redacted]"));
            Assert.That(new[] { ex.ErrorCode, ex.Plan, ex.Feature }, Is.All.EqualTo("[redacted]"), "the exception's short fields are redacted too");
            Assert.That(ex.ToString(), Does.Not.Contain(credential));
        });
    }

    [Test]
    public async Task ATrackerBuiltAsTheReadmeShowsReportsEveryUndeliveredEventWithoutALoggerOrCallback()
    {
        const int total = 1_000;
        const string publicKey = "pk_eventsource_dead_server";
        using var capture = new OutlitEventCapture();

        // The README's form, pointed at a port nothing listens on; backoff delays at zero so the retries take no time.
        var tracker = new OutlitTracker(publicKey, clientOptions: new OutlitIngestClientOptions
        {
            BaseUrl = new Uri($"http://127.0.0.1:{AttemptOutcomeTests.UnusedPort()}/"),
            BaseDelay = TimeSpan.Zero,
        });
        for (var i = 0; i < total; i++)
        {
            tracker.Track("report_exported", TrackerIdentity.ForEmail($"user{i}@example.com"));
        }

        await tracker.DisposeAsync();

        var reported = capture.Events.Where(e => e.Name == "TrackerEventsUndelivered" && e.String("publicKey") == publicKey).ToList();
        var counted = reported.Sum(e => e.Number("count"));
        TestContext.Progress.WriteLine($"[figure] EventListener: {counted:N0} of {total:N0} undelivered events reported in {reported.Count} events (tracker counted {tracker.FailedCount:N0} failed)");
        Assert.Multiple(() =>
        {
            Assert.That(counted, Is.EqualTo(total));
            Assert.That(reported.Select(e => e.String("reason")), Is.All.EqualTo(nameof(IngestFailureReason.DeliveryFailed)));
            Assert.That(reported.Select(e => e.Level), Is.All.EqualTo(EventLevel.Error));
            Assert.That(tracker.FailedCount, Is.EqualTo(total));
            Assert.That(capture.SourceErrors, Is.Empty);
        });
    }

    [Test]
    public async Task EventsTheQueueDropsAreReported()
    {
        const string publicKey = "pk_eventsource_dropped";
        using var capture = new OutlitEventCapture();
        var release = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            await release.Task;
            await LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        using var client = new OutlitIngestClient(publicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { Capacity = 5, FlushAt = 5 });
        for (var i = 0; i < 5; i++)
        {
            tracker.Enqueue(Custom(i));
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (server.Requests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        for (var i = 5; i < 17; i++)
        {
            tracker.Enqueue(Custom(i));
        }

        release.SetResult();
        await tracker.FlushAsync();

        var dropped = capture.Events.Where(e => e.Name == "TrackerEventsUndelivered" && e.String("publicKey") == publicKey && e.String("reason") == "Dropped").Sum(e => e.Number("count"));
        Assert.That(dropped, Is.EqualTo(tracker.DroppedCount).And.EqualTo(7));
    }
}

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

public class PipelineTests
{
    private const string EmptyList = "{\"items\":[]}";

    /// <summary>A read (listIntegrations): safe to retry.</summary>
    private static Task<IntegrationListResponse> GetAsync(OutlitClient client, CancellationToken cancellationToken = default) =>
        client.Api.ListIntegrationsAsync(null, cancellationToken);

    /// <summary>A state-changing call (connectIntegration): retried only when it never reached the server.</summary>
    private static Task<ConnectResult> ConnectAsync(OutlitClient client) =>
        client.Integrations.ConnectAsync(ProviderId.Slack);

    /// <summary>Answers the n-th request (0-based) with responses[n], repeating the last one.</summary>
    private static Func<RecordedRequest, HttpContext, Task> Sequence(params (int Status, string Body, (string Name, string Value)[] Headers)[] responses)
    {
        var count = -1;
        return async (_, context) =>
        {
            var index = Math.Min(Interlocked.Increment(ref count), responses.Length - 1);
            var (status, body, headers) = responses[index];
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await LoopbackServer.WriteJsonAsync(context, status, body);
        };
    }

    /// <summary>Answers nothing until the client gives up on the request (or 5 s pass).</summary>
    private static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stalls the first request; answers every later one with an empty list.</summary>
    private static Func<RecordedRequest, HttpContext, Task> StallFirstThenAnswer()
    {
        var count = 0;
        return (_, context) => Interlocked.Increment(ref count) == 1 ? StallAsync(context) : LoopbackServer.WriteJsonAsync(context, 200, EmptyList);
    }

    private static (int, string, (string, string)[]) R(int status, string body = EmptyList, params (string, string)[] headers) => (status, body, headers);

    [Test]
    public async Task SendsTheBearerKeyToTheConfiguredHost()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, EmptyList));
        using var client = TestClients.Create(server);

        await GetAsync(client);

        Assert.That(server.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + LeakRecorder.SentinelKey));
    }

    [Test]
    public async Task RefusesToSendAnywhereButTheConfiguredHost()
    {
        await using var configured = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, "{}"));
        await using var other = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, "{}"));
        using var client = TestClients.Create(configured);
        using var stages = OutlitPipelineBuilder.CreateHttpClient(client.Settings.Pipeline, client.Settings.CreateApiStages());

        await TestClients.ThrowsAsync<OutlitConfigurationException>(() => stages.GetAsync(new Uri(other.BaseAddress, "api/integrations")));

        Assert.That(other.Requests, Is.Empty);
        Assert.That(configured.Requests, Is.Empty);
    }

    [Test]
    public async Task RedirectsAreNotFollowed()
    {
        await using var other = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, "{}"));
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(other.BaseAddress, "steal").ToString();
            return Task.CompletedTask;
        });
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitException>(() => GetAsync(client));

        Assert.That(ex.Status, Is.EqualTo(302));
        Assert.That(other.Requests, Is.Empty);
    }

    [Test]
    public async Task RetriesServerErrorsOnIdempotentCallsUntilSuccess()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503), R(500), R(200)));
        using var client = TestClients.Create(server);

        await GetAsync(client);

        Assert.That(server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task GivesUpAfterMaxRetriesWithTheServerError()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(500, "{\"error\":\"Internal server error\"}")));
        using var client = TestClients.Create(server, o => o.MaxRetries = 2);

        var ex = await TestClients.ThrowsAsync<OutlitServerException>(() => GetAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(3));
        Assert.That(ex.Status, Is.EqualTo(500));
        Assert.That(ex.ServerMessage, Is.EqualTo("Internal server error"));
    }

    [Test]
    public async Task RetriesRequestTimeout408()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(408), R(200)));
        using var client = TestClients.Create(server);

        await GetAsync(client);

        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(404)]
    [TestCase(501)]
    public async Task DoesNotRetryClientErrorsOrNotImplemented(int status)
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(status, "{\"error\":\"no\"}")));
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitException>(() => GetAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task NeverRetriesPlanLimits()
    {
        const string plan = "{\"error\":\"Your plan has exhausted its included API calls for the current billing cycle.\",\"code\":\"api_limit_exceeded\",\"plan\":\"free\",\"feature\":\"api_calls\",\"resetAt\":1776124800000}";
        await using var server429 = await LoopbackServer.StartAsync(Sequence(R(429, plan, ("Retry-After", "0"))));
        await using var server402 = await LoopbackServer.StartAsync(Sequence(R(402, plan)));
        using var client429 = TestClients.Create(server429);
        using var client402 = TestClients.Create(server402);

        // A tool call, whose 402 and 429 the contract documents as plan-limit errors.
        var ex429 = await TestClients.ThrowsAsync<OutlitPlanLimitException>(() => client429.Tools.CallToolAsync("outlit_list_customers"));
        var ex402 = await TestClients.ThrowsAsync<OutlitPlanLimitException>(() => client402.Tools.CallToolAsync("outlit_list_customers"));

        Assert.That(server429.Requests, Has.Count.EqualTo(1));
        Assert.That(server402.Requests, Has.Count.EqualTo(1));
        Assert.That(ex429.Status, Is.EqualTo(429));
        Assert.That(ex402.Status, Is.EqualTo(402));
    }

    [Test]
    public async Task RetriesRateLimitWithoutPlanCodeAndHonoursRetryAfter()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await LoopbackServer.StartAsync(Sequence(R(429, "{\"error\":\"Too many requests\"}", ("Retry-After", "7")), R(200)));
        using var client = TestClients.Create(server, o => WithClock(o, clock));

        await GetAsync(client);

        Assert.That(server.Requests, Has.Count.EqualTo(2));
        Assert.That(clock.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
    }

    [Test]
    public async Task HonoursXRateLimitResetAsEpochSeconds()
    {
        var now = DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture);
        var clock = new RecordingTimeProvider(now);
        var reset = now.AddSeconds(12).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var server = await LoopbackServer.StartAsync(Sequence(
            R(429, "{\"error\":\"Rate limit exceeded\"}", ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset)),
            R(200)));
        using var client = TestClients.Create(server, o => WithClock(o, clock));

        await GetAsync(client);

        Assert.That(clock.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(12) }));
    }

    [Test]
    public async Task AServerWaitLongerThanMaxRetryAfterIsReportedNotSlept()
    {
        var now = DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture);
        var clock = new RecordingTimeProvider(now);
        var reset = now.AddMinutes(10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await using var server = await LoopbackServer.StartAsync(Sequence(
            R(429, "{\"error\":\"Rate limit exceeded\"}", ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset))));
        using var client = TestClients.Create(server, o => WithClock(o, clock));

        var ex = await TestClients.ThrowsAsync<OutlitRateLimitException>(() => GetAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(clock.Delays, Is.Empty);
        Assert.That(ex.ResetAt, Is.EqualTo(now.AddMinutes(10)));
        Assert.That(ex.Limit, Is.EqualTo(100));
        Assert.That(ex.Remaining, Is.EqualTo(0));
    }

    [Test]
    public async Task BackoffIsExponentialWithJitterAndCapped()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503)));
        using var client = TestClients.Create(server, o =>
        {
            WithClock(o, clock);
            o.MaxRetries = 6;
            o.BaseDelay = TimeSpan.FromSeconds(1);
            o.MaxDelay = TimeSpan.FromSeconds(8);
        });

        await TestClients.ThrowsAsync<OutlitServerException>(() => GetAsync(client));

        var delays = clock.Delays;
        Assert.That(server.Requests, Has.Count.EqualTo(7));
        Assert.That(delays, Has.Count.EqualTo(6));
        for (var i = 0; i < delays.Count; i++)
        {
            // Doubling from the base delay, within 20% either way, never above the maximum.
            var nominal = Math.Pow(2, i);
            Assert.That(delays[i].TotalSeconds, Is.InRange(Math.Min(0.8 * nominal, 8), Math.Min(1.2 * nominal, 8)), $"retry {i + 1}: {string.Join(", ", delays)}");
        }

        Assert.That(delays.Take(3).Distinct().Count(), Is.GreaterThan(1), "jittered delays should vary");
    }

    [Test]
    public async Task StateChangingCallsAreNotRetriedOnceTheServerAnswered()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503), R(200)));
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitServerException>(() => ConnectAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StateChangingCallsAreNotRetriedAfterATimeoutMidFlight()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => StallAsync(context));
        using var client = TestClients.Create(server, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));

        await TestClients.ThrowsAsync<OutlitTimeoutException>(() => ConnectAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task IdempotentCallsGetAFreshAttemptAfterAnAttemptTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(StallFirstThenAnswer());
        using var client = TestClients.Create(server, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));

        await GetAsync(client);

        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task TotalTimeoutEndsTheCallEvenWithRetriesLeft()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => StallAsync(context));
        using var client = TestClients.Create(server, o =>
        {
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.TotalTimeout = TimeSpan.FromMilliseconds(300);
        });

        var started = DateTime.UtcNow;
        var ex = await TestClients.ThrowsAsync<OutlitTimeoutException>(() => GetAsync(client));

        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(4)));
        Assert.That(ex.Message, Does.Contain("listIntegrations"));
    }

    [Test]
    public async Task ARetryDueAfterTheTotalTimeoutIsNotSent()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503, EmptyList, ("Retry-After", "3")), R(200)));
        using var client = TestClients.Create(server, o =>
        {
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.TotalTimeout = TimeSpan.FromMilliseconds(400);
            o.MaxRetryAfter = TimeSpan.FromSeconds(10);
        });

        var started = DateTime.UtcNow;
        var ex = await TestClients.ThrowsAsync<OutlitTimeoutException>(() => GetAsync(client));
        var elapsed = DateTime.UtcNow - started;

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350)).And.LessThan(TimeSpan.FromSeconds(2.5)));
        Assert.That(ex.Message, Does.Contain("0.4 s"));
    }

    [Test]
    public async Task WhenTheTotalRunsOutBeforeTheAttemptTimeoutNothingIsRetried()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => StallAsync(context));
        using var client = TestClients.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(4);
            o.TotalTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 3;
        });

        var ex = await TestClients.ThrowsAsync<OutlitTimeoutException>(() => GetAsync(client));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(ex.Message, Does.Contain("0.3 s"));
    }

    [Test]
    public async Task AnAttemptTimeoutDoesNotCarryIntoTheNextCall()
    {
        await using var server = await LoopbackServer.StartAsync(StallFirstThenAnswer());
        using var client = TestClients.Create(server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 0;
        });

        await TestClients.ThrowsAsync<OutlitTimeoutException>(() => GetAsync(client));
        for (var i = 0; i < 20; i++)
        {
            Assert.That(await GetAsync(client), Is.Not.Null);
        }

        Assert.That(server.Requests, Has.Count.EqualTo(21));
    }

    [Test]
    public async Task CancellingDuringTheWaitForARetryEndsTheCallWithTheCallersToken()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503, EmptyList, ("Retry-After", "5")), R(200)));
        using var client = TestClients.Create(server, o => o.MaxRetryAfter = TimeSpan.FromSeconds(10));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var started = DateTime.UtcNow;
        var ex = await TestClients.ThrowsAsync<OperationCanceledException>(() => GetAsync(client, cancel.Token));

        Assert.That(ex.CancellationToken, Is.EqualTo(cancel.Token));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(3)));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CallerCancellationIsNotRetriedOrWrapped()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => StallAsync(context));
        using var client = TestClients.Create(server);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var ex = await TestClients.ThrowsAsync<OperationCanceledException>(() => GetAsync(client, cts.Token));

        Assert.That(ex, Is.Not.InstanceOf<OutlitException>());
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConnectionRefusedIsRetriedEvenForStateChangingCalls()
    {
        var port = FreePort();
        var logs = new CapturingLoggerProvider();
        using var client = TestClients.Create(new Uri($"http://127.0.0.1:{port}/"), logs, o => o.MaxRetries = 2);

        var ex = await TestClients.ThrowsAsync<OutlitNetworkException>(() => ConnectAsync(client));

        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(logs.Lines.Count(l => l.Contains("Retrying Outlit connectIntegration", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(logs.Lines.Count(l => l.Contains("failed after", StringComparison.Ordinal)), Is.EqualTo(3));
    }

    [Test]
    public async Task MarksEachRequestWithOperationIdempotencyAndAttempt()
    {
        var seen = new List<(string? Operation, bool Idempotent, int Attempt)>();
        await using var server = await LoopbackServer.StartAsync(Sequence(R(503), R(200), R(503)));
        var recorder = new OptionsRecordingHandler(seen);
        using var client = TestClients.Create(server, o => o.HttpMessageHandler = recorder);

        await GetAsync(client);
        await TestClients.ThrowsAsync<OutlitServerException>(() => ConnectAsync(client));

        Assert.That(seen, Is.EqualTo(new[]
        {
            ("listIntegrations", true, 1),
            ("listIntegrations", true, 2),
            ("connectIntegration", false, 1),
        }));
        recorder.Dispose();
    }

    [Test]
    public async Task EveryRequestCarriesTheContractsOperationIdAndToolCallsTheirTool()
    {
        var seen = new List<(string? Operation, bool Idempotent, int Attempt)>();
        var ids = new List<string?>();
        await using var server = await LoopbackServer.StartAsync(Sequence(R(200, "{}")));
        using var recorder = new OptionsRecordingHandler(seen, ids);
        using var client = TestClients.Create(server, o => o.HttpMessageHandler = recorder);

        await client.Tools.CallToolAsync("outlit_list_customers");
        await client.Tools.CallToolAsync("outlit_send_notification", new { title = "t", body = "b" });

        Assert.That(seen, Is.EqualTo(new[] { ("outlit_list_customers", true, 1), ("outlit_send_notification", false, 1) }), "tool calls are labelled with the tool; read-only tools are safe to retry, the action is not");
        Assert.That(ids, Is.EqualTo(new[] { "callTool", "callTool" }));
    }

    [Test]
    public async Task ACallerSuppliedHttpClientIsUsedAndEachRetryResendsTheBody()
    {
        await using var server = await LoopbackServer.StartAsync(Sequence(R(502), R(200)));
        using var callerClient = new HttpClient();
        using var client = TestClients.Create(server, o => o.HttpClient = callerClient);

        await client.Tools.CallToolAsync("outlit_list_customers", new { limit = 2 });

        const string sent = "{\"tool\":\"outlit_list_customers\",\"input\":{\"limit\":2}}";
        Assert.That(server.Requests.Select(r => r.Body), Is.EqualTo(new[] { sent, sent }));
        Assert.That(server.Requests.Select(r => r.Headers["Authorization"]).Distinct().Single(), Is.EqualTo("Bearer " + LeakRecorder.SentinelKey));
        using var stillUsable = await callerClient.GetAsync(server.BaseAddress);
    }

    [Test]
    public async Task LogsNeverContainHeadersQueriesOrBodies()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(Sequence(R(500, "{\"error\":\"boom\"}"), R(200, "{\"status\":\"pending\",\"provider\":\"hubspot\"}")));
        using var client = TestClients.Create(server, logs: logs);

        await client.Integrations.GetConnectionStatusAsync("secret-session");

        Assert.That(logs.Lines, Is.Not.Empty);
        Assert.That(logs.Lines, Has.Some.Contains("getIntegrationConnectionStatus"));
        Assert.That(logs.Lines, Has.None.Contains("secret-session").And.None.Contains("Bearer").And.None.Contains(LeakRecorder.SentinelKey));
    }

    private static void WithClock(OutlitClientOptions options, TimeProvider clock)
    {
        options.TimeProvider = clock;
        options.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.TotalTimeout = Timeout.InfiniteTimeSpan;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class OptionsRecordingHandler(List<(string? Operation, bool Idempotent, int Attempt)> seen, List<string?>? operationIds = null) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.TryGetValue(OutlitHttpRequestOptions.Operation, out var operation);
            request.Options.TryGetValue(OutlitHttpRequestOptions.Idempotent, out var idempotent);
            request.Options.TryGetValue(OutlitHttpRequestOptions.Attempt, out var attempt);
            request.Options.TryGetValue(OutlitHttpRequestOptions.OperationId, out var operationId);
            lock (seen)
            {
                seen.Add((operation, idempotent, attempt));
                operationIds?.Add(operationId);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

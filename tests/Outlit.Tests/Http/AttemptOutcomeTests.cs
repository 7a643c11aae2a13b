using System.Net;
using System.Net.Sockets;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

/// <summary>
/// What the request path tells a caller about a failed call besides the exception: whether an attempt may have
/// reached the server without an answer, so the server may have acted on it (what the ingest client needs to tell
/// "not sent" from "may have been stored").
/// </summary>
public class AttemptOutcomeTests
{
    private static Task<JObject> ListAsync(OutlitClient client, OutlitRequestContext context) =>
        ((OutlitPlatformApi)client.Api).ListIntegrationsAsync<JObject>(null, context, CancellationToken.None);

    [Test]
    public async Task AnAttemptThatTimesOutAfterTheRequestLeftLeavesTheOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) => await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted));
        using var client = TestClients.Create(server, o =>
        {
            o.MaxRetries = 0;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        });
        var context = new OutlitRequestContext();

        await TestClients.ThrowsAsync<OutlitTimeoutException>(() => ListAsync(client, context));

        Assert.That(context.Attempts, Is.EqualTo(1));
        Assert.That(context.OutcomeUnknown, Is.True);
    }

    [Test]
    public async Task AnAnsweredAttemptIsNotUnknown()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 503, """{"error":"down"}"""));
        using var client = TestClients.Create(server, o => o.MaxRetries = 1);
        var context = new OutlitRequestContext();

        await TestClients.ThrowsAsync<OutlitServerException>(() => ListAsync(client, context));

        Assert.That(context.Attempts, Is.EqualTo(2));
        Assert.That(context.OutcomeUnknown, Is.False);
    }

    [Test]
    public async Task ARefusedConnectionNeverReachedTheServer()
    {
        using var client = TestClients.Create(new Uri($"http://127.0.0.1:{UnusedPort()}/"), null, o => o.MaxRetries = 1);
        var context = new OutlitRequestContext();

        await TestClients.ThrowsAsync<OutlitNetworkException>(() => ListAsync(client, context));

        Assert.That(context.Attempts, Is.EqualTo(2));
        Assert.That(context.OutcomeUnknown, Is.False);
    }

    [Test]
    public async Task ADisposalNoticedBeforeTheNextAttemptLeavesIsNotUnknown()
    {
        // Retry-After fixes the wait at one second: a jittered backoff may draw a wait shorter than the disposal delay.
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.Headers["Retry-After"] = "1";
            return LoopbackServer.WriteJsonAsync(context, 503, """{"error":"down"}""");
        });
        var client = TestClients.Create(server, o =>
        {
            o.MaxRetries = 2;
            o.MaxRetryAfter = TimeSpan.FromSeconds(5);
        });
        var context = new OutlitRequestContext();

        // The 503 is answered, then the client is disposed while it waits to retry.
        var call = ListAsync(client, context);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (server.Requests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        // Time for the 503 to arrive; the retry is a second away.
        await Task.Delay(200);
        client.Dispose();
        var ex = await TestClients.ThrowsAsync<ObjectDisposedException>(() => call);

        Assert.That(ex.ObjectName, Is.EqualTo(nameof(OutlitClient)));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(context.OutcomeUnknown, Is.False, "the only request that left was answered");
    }

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    internal static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

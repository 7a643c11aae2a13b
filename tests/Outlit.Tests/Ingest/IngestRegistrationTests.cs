using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

public class IngestRegistrationTests
{
    private const string PlatformApiKey = "ok_live_7f3e9d2c1b0a5566";

    /// <summary>Stands in for a Platform client's auth handler registered for every HttpClient in the app.</summary>
    private sealed class BearerHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PlatformApiKey);
            request.Headers.TryAddWithoutValidation("X-Api-Key", PlatformApiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task ThePlatformApiKeyNeverReachesAnIngestRequest()
    {
        await using var server = await IngestTestServer.StartAsync(keepRawRequests: true);
        var services = new ServiceCollection();
        // An application that configured the Platform API key for every HttpClient it makes.
        services.ConfigureHttpClientDefaults(http => http
            .ConfigureHttpClient(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformApiKey))
            .AddHttpMessageHandler(() => new BearerHandler()));
        services.AddOutlitTracker(PublicKey, configureClient: o =>
        {
            o.BaseUrl = server.BaseAddress;
            o.BaseDelay = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();
        var tracker = provider.GetRequiredService<OutlitTracker>();
        var client = provider.GetRequiredService<OutlitIngestClient>();

        tracker.Enqueue(Custom(1));
        await tracker.FlushAsync();
        (await client.SendAsync([Custom(2)])).EnsureSuccess();

        var requests = server.RawRequests;
        Assert.That(requests, Has.Count.EqualTo(2));
        foreach (var request in requests)
        {
            Assert.That(request.Headers, Has.None.StartsWith("Authorization:").IgnoreCase);
            Assert.That(request.Headers, Has.None.StartsWith("X-Api-Key:").IgnoreCase);
            Assert.That(string.Join("\n", request.Headers) + request.PathAndQuery + request.Body, Does.Not.Contain(PlatformApiKey));
            Assert.That(request.PathAndQuery, Is.EqualTo($"/api/i/v1/{PublicKey}/events"));
        }
    }

    [Test]
    public async Task ThePlatformClientRegisteredBesideTheTrackerKeepsItsKeyToItself()
    {
        await using var ingest = await IngestTestServer.StartAsync(keepRawRequests: true);
        var services = new ServiceCollection();
        services.AddOutlitClient(o =>
        {
            o.ApiKey = Infrastructure.LeakRecorder.SentinelKey;
            o.BaseUrl = ingest.BaseAddress;
        });
        services.AddOutlitTracker(PublicKey, configureClient: o => o.BaseUrl = ingest.BaseAddress);
        await using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<OutlitClient>();
        var tracker = provider.GetRequiredService<OutlitTracker>();

        tracker.Enqueue(Custom(1));
        await tracker.FlushAsync();

        var request = ingest.RawRequests.Single();
        Assert.That(string.Join("\n", request.Headers) + request.PathAndQuery + request.Body, Does.Not.Contain(Infrastructure.LeakRecorder.SentinelKey));
        Assert.That(request.Headers, Has.None.StartsWith("Authorization:").IgnoreCase);
    }

    [Test]
    public void IngestErrorsBelongToTheOutlitExceptionFamily()
    {
        Assert.That(new OutlitEventTooLargeException(2_000_000, IngestLimits.MaxRequestBytes), Is.InstanceOf<OutlitException>());
    }

    [Test]
    public async Task AStandaloneClientSendsNoCredentialHeaders()
    {
        await using var server = await IngestTestServer.StartAsync(keepRawRequests: true);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        (await client.SendAsync([Custom(0)])).EnsureSuccess();

        var headers = server.RawRequests.Single().Headers.Select(h => h[..h.IndexOf(':')].ToLowerInvariant());
        Assert.That(headers, Has.None.AnyOf("authorization", "x-api-key", "cookie"));
        Assert.That(server.RawRequests.Single().Headers, Has.Some.StartsWith("Content-Type: application/json"));
    }

    [Test]
    public async Task TheHostedServiceFlushesOnStopAndTheContainerDisposesTheTracker()
    {
        await using var server = await IngestTestServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOutlitTracker(PublicKey,
            tracker => tracker.FlushInterval = TimeSpan.FromHours(1),
            client => client.BaseUrl = server.BaseAddress);
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Single(s => s.GetType().Name == "OutlitTrackerHostedService");
        var tracker = provider.GetRequiredService<OutlitTracker>();
        var first = provider.GetRequiredService<OutlitIngestClient>();
        Assert.That(provider.GetRequiredService<OutlitIngestClient>(), Is.SameAs(first), "one long-lived client");

        await hosted.StartAsync(CancellationToken.None);
        for (var i = 0; i < 7; i++)
        {
            tracker.Enqueue(Custom(i));
        }

        await hosted.StopAsync(CancellationToken.None);
        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 7).Select(i => (long)i)));

        await provider.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => tracker.Enqueue(Custom(0)));
    }

    [Test]
    public void RegistrationChecksThePublicKey()
    {
        var services = new ServiceCollection();
        Assert.Throws<ArgumentException>(() => services.AddOutlitTracker(PlatformApiKey));
    }
}

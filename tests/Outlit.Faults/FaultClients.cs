using Microsoft.Extensions.Logging;
using Outlit.Faults.Matrix;

namespace Outlit.Faults;

/// <summary>How a cell's client reaches the server.</summary>
public enum Transport
{
    /// <summary>The library's own transport.</summary>
    Default,

    /// <summary>An <see cref="HttpClient"/> the caller supplies (it follows redirects, as HttpClient does by default).</summary>
    CallerHttpClient,

    /// <summary>An <see cref="HttpClientHandler"/> the caller supplies (it follows redirects by default too).</summary>
    CallerHandler,
}

/// <summary>
/// Every client of the matrix is built here, so a renamed or added option is changed in one place.
/// Timeouts are short so a cell that ends as documented ends within a few seconds, and so the whole
/// matrix stays under two minutes on two cores.
/// </summary>
public static class FaultClients
{
    /// <summary>Public key of the ingest clients (public keys are not secrets).</summary>
    public const string PublicKey = "pk_fault_matrix";

    /// <summary>Retries of the Platform client.</summary>
    public const int PlatformMaxRetries = 2;

    /// <summary>Retries of the ingest client.</summary>
    public const int IngestMaxRetries = 2;

    /// <summary>Per-attempt timeout of both clients.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>Whole-call timeout of the Platform client; also how long a wait for a browser connection lasts.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Longest server-requested wait the clients sleep through: above one second, so <c>Retry-After: 1</c> is honoured.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// What a cell may take beyond the configured timeouts before it counts as a hang: scheduling on two busy
    /// cores and the backoff delays, which are short here.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    /// <summary>Attempts a Platform read makes before giving up.</summary>
    public static int PlatformAttempts => PlatformMaxRetries + 1;

    /// <summary>Attempts an ingest request makes before giving up.</summary>
    public static int IngestAttempts => IngestMaxRetries + 1;

    /// <summary>The longest a call of this kind may take when the library keeps its documented timeouts.</summary>
    /// <param name="kind">The kind of operation.</param>
    /// <returns>The configured timeouts plus <see cref="Margin"/>.</returns>
    public static TimeSpan Bound(OperationKind kind) => kind switch
    {
        OperationKind.Platform => TotalTimeout + Margin,
        // Each attempt has its timeout, and a rate-limit pause or a backoff delay between two attempts is capped by MaxRetryDelay.
        _ => (AttemptTimeout * IngestAttempts) + (MaxRetryAfter * IngestMaxRetries) + Margin,
    };

    /// <summary>A Platform client for <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The scripted server.</param>
    /// <param name="log">Receives the client's logs.</param>
    /// <param name="transport">How requests leave the client.</param>
    /// <param name="driftDetection">Whether runtime contract drift detection is on.</param>
    /// <param name="owned">Collects what the caller owns and must dispose after the cell (a caller-supplied transport).</param>
    /// <returns>The client.</returns>
    public static OutlitClient Platform(Uri baseUrl, CellLog log, Transport transport, bool driftDetection, ICollection<IDisposable> owned)
    {
        var options = new OutlitClientOptions
        {
            ApiKey = Sentinels.ApiKey,
            BaseUrl = baseUrl,
            AttemptTimeout = AttemptTimeout,
            TotalTimeout = TotalTimeout,
            MaxRetries = PlatformMaxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryAfter = MaxRetryAfter,
            ConnectionPollInterval = TimeSpan.FromMilliseconds(20),
            ConnectionPollMaxInterval = TimeSpan.FromMilliseconds(100),
            LoggerFactory = log,
            ContractDriftDetection = driftDetection,
        };

        switch (transport)
        {
            case Transport.CallerHttpClient:
                var http = new HttpClient();
                owned.Add(http);
                options.HttpClient = http;
                break;
            case Transport.CallerHandler:
                var handler = new HttpClientHandler();
                owned.Add(handler);
                options.HttpMessageHandler = handler;
                break;
        }

        var client = new OutlitClient(options);
        log.Add(client.ToString());
        log.Add(options.ToString());
        return client;
    }

    /// <summary>An ingest client for <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">The scripted server.</param>
    /// <param name="log">Receives the client's logs.</param>
    /// <param name="transport">How requests leave the client.</param>
    /// <param name="owned">Collects what the caller owns and must dispose after the cell.</param>
    /// <returns>The client.</returns>
    public static OutlitIngestClient Ingest(Uri baseUrl, CellLog log, Transport transport, ICollection<IDisposable> owned)
    {
        var options = new OutlitIngestClientOptions
        {
            LoggerFactory = log,
            BaseUrl = baseUrl,
            AttemptTimeout = AttemptTimeout,
            TotalTimeout = TotalTimeout,
            MaxRetries = IngestMaxRetries,
            BaseDelay = TimeSpan.FromMilliseconds(20),
            MaxDelay = MaxRetryAfter,
            MaxRetryAfter = MaxRetryAfter,
        };

        if (transport == Transport.CallerHttpClient)
        {
            var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            owned.Add(http);
            return new OutlitIngestClient(PublicKey, http, options);
        }

        return new OutlitIngestClient(PublicKey, options);
    }

    /// <summary>A tracker sending through <paramref name="client"/> that only sends when flushed.</summary>
    /// <param name="client">The ingest client.</param>
    /// <param name="log">Receives the tracker's logs.</param>
    /// <param name="onDeliveryFailed">Receives undelivered events.</param>
    /// <returns>The tracker.</returns>
    public static OutlitTracker Tracker(OutlitIngestClient client, CellLog log, Action<IngestDeliveryFailure> onDeliveryFailed) =>
        new(
            client,
            new OutlitTrackerOptions
            {
                FlushInterval = TimeSpan.FromMinutes(10),
                DisposeTimeout = TimeSpan.FromMilliseconds(500),
                OnDeliveryFailed = onDeliveryFailed,
            },
            log.CreateLogger<OutlitTracker>());
}

namespace Outlit;

/// <summary>Settings for <see cref="OutlitIngestClient"/>. The defaults follow the documented Ingest API limits.</summary>
public sealed class OutlitIngestClientOptions
{
    /// <summary>Host of the Ingest API; requests go to <c>{BaseAddress}/api/i/v1/{publicKey}/events</c>. Default <c>https://app.outlit.ai/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("https://app.outlit.ai/");

    /// <summary>Retries after the first attempt for 429, 5xx, timeouts and network failures. Default 5; 0 disables retrying.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; later ones grow exponentially with jitter. Default 500 ms. <see cref="TimeSpan.Zero"/> retries at once.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound for one backoff delay, and for waiting on a rate-limit reset. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one HTTP attempt. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests per second the client allows itself. Default <see cref="IngestLimits.RequestsPerSecond"/> (100).</summary>
    public int RequestsPerSecond { get; set; } = IngestLimits.RequestsPerSecond;

    /// <summary>Most events per request; may be lowered, not raised above <see cref="IngestLimits.MaxEventsPerRequest"/>.</summary>
    public int MaxEventsPerRequest { get; set; } = IngestLimits.MaxEventsPerRequest;

    /// <summary>Largest request body in bytes; may be lowered, not raised above <see cref="IngestLimits.MaxRequestBytes"/>.</summary>
    public int MaxRequestBytes { get; set; } = IngestLimits.MaxRequestBytes;

    internal void Validate()
    {
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
        {
            throw new ArgumentException("BaseAddress must be an absolute URI.", nameof(BaseAddress));
        }

        // Events carry emails and user IDs: plain HTTP is only allowed to this machine (tests, local proxies).
        if (BaseAddress.Scheme != Uri.UriSchemeHttps && !(BaseAddress.Scheme == Uri.UriSchemeHttp && BaseAddress.IsLoopback))
        {
            throw new ArgumentException("BaseAddress must use https (plain http is accepted only for loopback addresses).", nameof(BaseAddress));
        }

        Require(MaxRetries >= 0, nameof(MaxRetries), "must be 0 or more");
        Require(RetryDelay >= TimeSpan.Zero, nameof(RetryDelay), "must not be negative");
        Require(MaxRetryDelay >= TimeSpan.Zero, nameof(MaxRetryDelay), "must not be negative");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(RequestsPerSecond > 0, nameof(RequestsPerSecond), "must be positive");
        Require(MaxEventsPerRequest is > 0 and <= IngestLimits.MaxEventsPerRequest, nameof(MaxEventsPerRequest), $"must be between 1 and {IngestLimits.MaxEventsPerRequest}");
        Require(MaxRequestBytes is > 0 and <= IngestLimits.MaxRequestBytes, nameof(MaxRequestBytes), $"must be between 1 and {IngestLimits.MaxRequestBytes}");
    }

    private static void Require(bool condition, string name, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, $"OutlitIngestClientOptions.{name} {rule}.");
        }
    }
}

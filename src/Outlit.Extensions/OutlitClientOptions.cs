using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Outlit;

/// <summary>
/// Settings of an <see cref="OutlitClient"/>. Every property has a working default except the API key,
/// which can also come from the <c>OUTLIT_API_KEY</c> environment variable.
/// </summary>
/// <remarks>
/// Retry defaults: 3 retries, exponential backoff with jitter from 0.5 s capped at 30 s, a server-requested
/// wait of up to 60 s honoured. That rides out a restart or a short throttle window (a few seconds) without
/// holding a caller for minutes, and stays inside the 2-minute total timeout. Set <see cref="MaxRetries"/>
/// to 0 to disable retries, or the delays to <see cref="TimeSpan.Zero"/> in tests.
/// </remarks>
public class OutlitClientOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "OUTLIT_API_KEY";

    /// <summary>The production Platform API host.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://app.outlit.ai/");

    /// <summary>The Outlit API key (<c>ok_…</c>). When null, <c>OUTLIT_API_KEY</c> is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Root of the Platform API. Must be <c>https</c>; <c>http</c> is accepted only for loopback hosts.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Limit for one HTTP attempt; a retried call gets a fresh one per attempt. <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for a whole call including retries and their delays. <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt (0 disables retrying). Default 3.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Median first backoff delay; later retries grow exponentially, with jitter. Default 0.5 s; zero for tests.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap for computed backoff delays. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest server-requested wait (<c>Retry-After</c>, <c>X-RateLimit-Reset</c>) the client sleeps for.
    /// A longer request ends the call with <see cref="OutlitRateLimitException"/> so the caller can decide. Default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First wait between two status polls of <see cref="OutlitIntegrations.WaitForConnectionAsync"/>; it grows by half each poll. Default 2 s.</summary>
    public TimeSpan ConnectionPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two status polls. Default 10 s.</summary>
    public TimeSpan ConnectionPollMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// An HttpClient to send through (its handlers and proxy settings are used). The client's own pipeline
    /// (auth, retry, logging) runs in front of it. Takes precedence over <see cref="HttpMessageHandler"/>.
    /// The caller keeps ownership: it is not disposed with the client.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A transport handler placed under the client's pipeline; not disposed with the client.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Where request and retry logs go. Logs never contain the API key or request bodies.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Clock used for backoff delays, timeouts and rate-limit reset times; replaceable in tests.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"OutlitClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : OutlitRedactor.Mask)}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, MaxRetries = {MaxRetries}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, MaxRetryAfter = {MaxRetryAfter} }}");
}

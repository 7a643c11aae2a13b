using Microsoft.Extensions.Logging;

namespace Outlit;

/// <summary>
/// The settings every Outlit client shares: where requests go, how often and how long to retry, how long to
/// wait, how large an answer may be, the transport, logging and the clock. <see cref="OutlitClientOptions"/>
/// (Platform API) and <see cref="OutlitIngestClientOptions"/> (Ingest API) derive from it and differ only in
/// their defaults and in what is specific to each API.
/// </summary>
/// <remarks>
/// Retries use exponential backoff with jitter from <see cref="BaseDelay"/>, capped at <see cref="MaxDelay"/>; a
/// wait the server asks for (<c>Retry-After</c>, <c>X-RateLimit-Reset</c>) replaces the computed delay, and a
/// wait longer than <see cref="MaxRetryAfter"/> is not slept through but reported. Set <see cref="MaxRetries"/> to
/// 0 to disable retries, or the delays to <see cref="TimeSpan.Zero"/> in tests.
/// </remarks>
public abstract class OutlitPipelineOptions
{
    /// <summary>The largest response body read by default: 50 MB.</summary>
    public const long DefaultMaxResponseBytes = 50L * 1024 * 1024;

    /// <summary>Sets the defaults that differ between the APIs.</summary>
    /// <param name="maxRetries">Default for <see cref="MaxRetries"/>.</param>
    /// <param name="attemptTimeout">Default for <see cref="AttemptTimeout"/>.</param>
    private protected OutlitPipelineOptions(int maxRetries, TimeSpan attemptTimeout)
    {
        MaxRetries = maxRetries;
        AttemptTimeout = attemptTimeout;
    }

    /// <summary>The production host of Outlit's APIs.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://app.outlit.ai/");

    /// <summary>Root of the API. Must be <c>https</c>; <c>http</c> is accepted only for loopback hosts. No user info, query or fragment.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetries { get; set; }

    /// <summary>Median first backoff delay; later retries grow exponentially, with jitter. Default 0.5 s; zero for tests.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Cap for computed backoff delays. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest server-requested wait (<c>Retry-After</c>, <c>X-RateLimit-Reset</c>) the client sleeps for before a
    /// retry. For the Platform client a longer request ends the call with the server's error so the caller can decide
    /// (default 60 s); the Ingest client waits this long and tries again, since delivering the events is its purpose
    /// (default 30 s).
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Limit for one attempt: sending the request and reading the whole answer, body included. A retried call gets a
    /// fresh one per attempt. <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; }

    /// <summary>Limit for a whole call including retries, their delays and every body read. <see cref="Timeout.InfiniteTimeSpan"/> disables it. Default 2 min.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The largest response body read, in bytes, after decompression. A larger answer ends the call with
    /// <see cref="OutlitResponseTooLargeException"/> before more than this is held. Default 50 MB.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// An HttpClient to send through (its handlers and proxy settings are used). The client's own pipeline runs in front
    /// of it. Takes precedence over <see cref="HttpMessageHandler"/>. The caller keeps ownership: it is not disposed.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>A transport handler placed under the client's pipeline; not disposed with the client.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Where request, retry and failure logs go. Logs never contain keys, credentials or bodies.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Clock used for backoff delays, timeouts and rate-limit reset times; replaceable in tests.</summary>
    public TimeProvider? TimeProvider { get; set; }
}

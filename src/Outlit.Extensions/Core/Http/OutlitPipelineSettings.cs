using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Outlit;

/// <summary>
/// <see cref="OutlitPipelineOptions"/> after validation, shared by the Platform and Ingest clients: built once per
/// client so every request works from the same checked values.
/// </summary>
internal sealed class OutlitPipelineSettings
{
    private OutlitPipelineSettings(OutlitPipelineOptions options, Uri baseUrl, IReadOnlyList<string> secrets, string logCategory, HttpClient? transportClient, TimeProvider? fallbackTime)
    {
        BaseUrl = baseUrl;
        MaxRetries = options.MaxRetries;
        BaseDelay = options.BaseDelay;
        MaxDelay = options.MaxDelay;
        MaxRetryAfter = options.MaxRetryAfter;
        AttemptTimeout = options.AttemptTimeout;
        TotalTimeout = options.TotalTimeout;
        MaxResponseBytes = options.MaxResponseBytes;
        HttpClient = transportClient ?? options.HttpClient;
        HttpMessageHandler = options.HttpMessageHandler;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        TimeProvider = options.TimeProvider ?? fallbackTime ?? TimeProvider.System;
        Secrets = secrets;
        LogCategory = logCategory;
    }

    public Uri BaseUrl { get; }

    public int MaxRetries { get; }

    public TimeSpan BaseDelay { get; }

    public TimeSpan MaxDelay { get; }

    public TimeSpan MaxRetryAfter { get; }

    public TimeSpan AttemptTimeout { get; }

    public TimeSpan TotalTimeout { get; }

    public long MaxResponseBytes { get; }

    public HttpClient? HttpClient { get; }

    public HttpMessageHandler? HttpMessageHandler { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TimeProvider TimeProvider { get; }

    /// <summary>The client's own secrets (the API key; for ingest, none), redacted from every message.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>The logger category of the client's request logs.</summary>
    public string LogCategory { get; }

    /// <summary>
    /// What a server-requested wait longer than <see cref="MaxRetryAfter"/> does: false (Platform) ends the call with the
    /// server's error, so a caller is never held for minutes; true (Ingest) waits <see cref="MaxRetryAfter"/> and tries
    /// again, since delivering the events is what the client is for and the server refuses early requests anyway.
    /// </summary>
    public bool RetriesAfterLongWaits { get; private init; }

    public ILogger CreateLogger() => LoggerFactory.CreateLogger(LogCategory);

    /// <summary>Validates the shared options; a bad value is a typed configuration error raised before any request.</summary>
    /// <param name="options">The options to check.</param>
    /// <param name="secrets">The client's own secrets.</param>
    /// <param name="logCategory">The logger category of the client's request logs.</param>
    /// <param name="transportClient">An HttpClient given to the client's constructor, which wins over the options'.</param>
    /// <param name="fallbackTime">The clock when the options name none.</param>
    /// <param name="retriesAfterLongWaits">See <see cref="RetriesAfterLongWaits"/>.</param>
    public static OutlitPipelineSettings Resolve(OutlitPipelineOptions options, IReadOnlyList<string> secrets, string logCategory, HttpClient? transportClient = null, TimeProvider? fallbackTime = null, bool retriesAfterLongWaits = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout));
        ValidateTimeout(options.TotalTimeout, nameof(options.TotalTimeout));
        if (options.MaxRetries is < 0 or > 20)
        {
            throw new OutlitConfigurationException($"{nameof(options.MaxRetries)} must be between 0 and 20.");
        }

        if (options.BaseDelay < TimeSpan.Zero || options.MaxDelay < TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero
            || options.BaseDelay > TimeSpan.FromDays(1) || options.MaxDelay > TimeSpan.FromDays(1) || options.MaxRetryAfter > TimeSpan.FromDays(1))
        {
            throw new OutlitConfigurationException("Retry delays must be between zero and one day.");
        }

        if (options.MaxResponseBytes < 1024)
        {
            throw new OutlitConfigurationException($"{nameof(options.MaxResponseBytes)} must be at least 1,024 bytes.");
        }

        return new OutlitPipelineSettings(options, ValidateBaseUrl(options.BaseUrl), secrets, logCategory, transportClient, fallbackTime)
        {
            RetriesAfterLongWaits = retriesAfterLongWaits,
        };
    }

    /// <summary>
    /// https, or http to a loopback host; no user info, query or fragment (a credential in the URL would travel in
    /// every request line and every log of a proxy). A trailing slash is added so relative paths append to it.
    /// </summary>
    public static Uri ValidateBaseUrl(Uri? baseUrl)
    {
        if (baseUrl is null || !baseUrl.IsAbsoluteUri)
        {
            throw new OutlitConfigurationException("The Outlit base URL must be an absolute URL such as https://app.outlit.ai.");
        }

        if (!string.IsNullOrEmpty(baseUrl.UserInfo) || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment))
        {
            throw new OutlitConfigurationException("The Outlit base URL must not contain credentials, a query or a fragment.");
        }

        if (baseUrl.Scheme == Uri.UriSchemeHttp)
        {
            if (!IsLoopback(baseUrl))
            {
                throw new OutlitConfigurationException(
                    $"Refusing http:// base URL for host {baseUrl.Host}: requests would travel unencrypted. Use https (http is allowed only for loopback hosts).");
            }
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new OutlitConfigurationException($"The Outlit base URL must use https, not {baseUrl.Scheme}.");
        }

        var text = baseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>True when <paramref name="uri"/> has the base URL's scheme, host and port.</summary>
    public bool IsSameOrigin(Uri? uri) => IsSameOrigin(uri, BaseUrl);

    public static bool IsSameOrigin(Uri? uri, Uri origin) =>
        uri is not null && uri.IsAbsoluteUri
        && Uri.Compare(uri, origin, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback
        || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void ValidateTimeout(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1)))
        {
            throw new OutlitConfigurationException($"{name} must be positive and at most one day, or Timeout.InfiniteTimeSpan.");
        }
    }
}

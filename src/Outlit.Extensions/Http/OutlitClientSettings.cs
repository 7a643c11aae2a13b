using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Outlit;

/// <summary>
/// Options after validation: the key is known to be present and well formed and the base URL acceptable.
/// Built once per client so every request works from the same checked values.
/// </summary>
internal sealed class OutlitClientSettings
{
    private OutlitClientSettings(string apiKey, Uri baseUrl, OutlitClientOptions options)
    {
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        AttemptTimeout = options.AttemptTimeout;
        TotalTimeout = options.TotalTimeout;
        MaxRetries = options.MaxRetries;
        BaseDelay = options.BaseDelay;
        MaxDelay = options.MaxDelay;
        MaxRetryAfter = options.MaxRetryAfter;
        ConnectionPollInterval = options.ConnectionPollInterval;
        ConnectionPollMaxInterval = options.ConnectionPollMaxInterval;
        HttpClient = options.HttpClient;
        HttpMessageHandler = options.HttpMessageHandler;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    internal string ApiKey { get; }

    internal Uri BaseUrl { get; }

    internal TimeSpan AttemptTimeout { get; }

    internal TimeSpan TotalTimeout { get; }

    internal int MaxRetries { get; }

    internal TimeSpan BaseDelay { get; }

    internal TimeSpan MaxDelay { get; }

    internal TimeSpan MaxRetryAfter { get; }

    internal TimeSpan ConnectionPollInterval { get; }

    internal TimeSpan ConnectionPollMaxInterval { get; }

    internal HttpClient? HttpClient { get; }

    internal HttpMessageHandler? HttpMessageHandler { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal TimeProvider TimeProvider { get; }

    internal static OutlitClientSettings Resolve(OutlitClientOptions options, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= Environment.GetEnvironmentVariable;

        var key = string.IsNullOrWhiteSpace(options.ApiKey)
            ? environment(OutlitClientOptions.ApiKeyEnvironmentVariable)
            : options.ApiKey;
        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            throw new OutlitConfigurationException(
                $"No Outlit API key: set OutlitClientOptions.ApiKey or the {OutlitClientOptions.ApiKeyEnvironmentVariable} environment variable.");
        }

        // The message describes the problem without echoing the value: a mistyped secret is still a secret.
        if (!key.StartsWith("ok_", StringComparison.Ordinal) || key.Length <= 3)
        {
            throw new OutlitConfigurationException(
                $"The Outlit API key is malformed: Outlit API keys start with \"ok_\" (the {key.Length}-character value given does not; it is not shown here).");
        }

        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new OutlitConfigurationException("The Outlit API key is malformed: it contains whitespace or control characters (the value is not shown here).");
        }

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

        if (options.ConnectionPollInterval < TimeSpan.Zero || options.ConnectionPollMaxInterval < options.ConnectionPollInterval
            || options.ConnectionPollMaxInterval > TimeSpan.FromHours(1))
        {
            throw new OutlitConfigurationException("Connection poll intervals must be non-negative, at most one hour, and the maximum at least the first interval.");
        }

        return new OutlitClientSettings(key, ValidateBaseUrl(options.BaseUrl), options);
    }

    internal static Uri ValidateBaseUrl(Uri? baseUrl)
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
                    $"Refusing http:// base URL for host {baseUrl.Host}: the API key would travel unencrypted. Use https (http is allowed only for loopback hosts).");
            }
        }
        else if (baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            throw new OutlitConfigurationException($"The Outlit base URL must use https, not {baseUrl.Scheme}.");
        }

        // A trailing slash makes relative request paths append to the base path instead of replacing its last segment.
        var text = baseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

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

    internal bool IsConfiguredHost(Uri? uri) =>
        uri is not null && uri.IsAbsoluteUri
        && Uri.Compare(uri, BaseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;

    internal ILogger CreateLogger() => LoggerFactory.CreateLogger("Outlit.Http");
}

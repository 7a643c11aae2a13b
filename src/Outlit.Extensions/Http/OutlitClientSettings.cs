using Microsoft.Extensions.Logging;

namespace Outlit;

/// <summary>
/// <see cref="OutlitClientOptions"/> after validation: the shared pipeline settings plus what only the Platform
/// client has (the API key, the drift monitor, the connection poll intervals).
/// </summary>
internal sealed class OutlitClientSettings
{
    private OutlitClientSettings(string apiKey, OutlitPipelineSettings pipeline, OutlitClientOptions options)
    {
        ApiKey = apiKey;
        Pipeline = pipeline;
        ConnectionPollInterval = options.ConnectionPollInterval;
        ConnectionPollMaxInterval = options.ConnectionPollMaxInterval;
        ContractDrift = new OutlitContractDriftMonitor(options.ContractDriftDetection, options.ContractDriftMaxRecentFindings);
    }

    internal string ApiKey { get; }

    internal OutlitPipelineSettings Pipeline { get; }

    internal Uri BaseUrl => Pipeline.BaseUrl;

    internal TimeProvider TimeProvider => Pipeline.TimeProvider;

    internal ILoggerFactory LoggerFactory => Pipeline.LoggerFactory;

    internal TimeSpan ConnectionPollInterval { get; }

    internal TimeSpan ConnectionPollMaxInterval { get; }

    /// <summary>The drift counters; shared by every client built from these settings (with DI, the whole registration).</summary>
    internal OutlitContractDriftMonitor ContractDrift { get; }

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

        if (options.ConnectionPollInterval < TimeSpan.Zero || options.ConnectionPollMaxInterval < options.ConnectionPollInterval
            || options.ConnectionPollMaxInterval > TimeSpan.FromHours(1))
        {
            throw new OutlitConfigurationException("Connection poll intervals must be non-negative, at most one hour, and the maximum at least the first interval.");
        }

        if (options.ContractDriftMaxRecentFindings is < 1 or > 10_000)
        {
            throw new OutlitConfigurationException($"{nameof(options.ContractDriftMaxRecentFindings)} must be between 1 and 10,000.");
        }

        var pipeline = OutlitPipelineSettings.Resolve(options, [key], "Outlit.Http");
        return new OutlitClientSettings(key, pipeline, options);
    }

    /// <summary>The Platform client's own per-try stages: the bearer key, then (when enabled) the contract drift check.</summary>
    internal IEnumerable<DelegatingHandler> CreateApiStages()
    {
        yield return new OutlitAuthenticationHandler(BaseUrl, ApiKey);
        if (ContractDrift.IsEnabled)
        {
            yield return new OutlitContractDriftHandler(this);
        }
    }
}

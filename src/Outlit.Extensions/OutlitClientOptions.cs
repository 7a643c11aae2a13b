using System.Globalization;

namespace Outlit;

/// <summary>
/// Settings of an <see cref="OutlitClient"/>. Every property has a working default except the API key, which can
/// also come from the <c>OUTLIT_API_KEY</c> environment variable. The shared settings (retries, timeouts,
/// transport, logging, clock) are those of <see cref="OutlitPipelineOptions"/>.
/// </summary>
/// <remarks>
/// Retry defaults: 3 retries, exponential backoff with jitter from 0.5 s capped at 30 s, a server-requested wait of
/// up to 60 s honoured, 30 s per attempt and 2 minutes per call. That rides out a restart or a short throttle window
/// (a few seconds) without holding a caller for minutes.
/// </remarks>
public class OutlitClientOptions : OutlitPipelineOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set.</summary>
    public const string ApiKeyEnvironmentVariable = "OUTLIT_API_KEY";

    /// <summary>Creates options with the Platform API defaults.</summary>
    public OutlitClientOptions()
        : base(maxRetries: 3, attemptTimeout: TimeSpan.FromSeconds(30))
    {
    }

    /// <summary>The Outlit API key (<c>ok_…</c>). When null, <c>OUTLIT_API_KEY</c> is used.</summary>
    public string? ApiKey { get; set; }

    /// <summary>First wait between two status polls of <see cref="OutlitIntegrations.WaitForConnectionAsync"/>; it grows by half each poll. Default 2 s.</summary>
    public TimeSpan ConnectionPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two status polls. Default 10 s.</summary>
    public TimeSpan ConnectionPollMaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks every response against the response schema of its operation in the contract the client was built from,
    /// and reports undocumented properties, enum values the contract does not list, missing required properties and
    /// unexpected types as Warning logs (category <c>Outlit.ContractDrift</c>, once per kind and place, repeats at
    /// Debug) and in <see cref="OutlitClient.ContractDrift"/>. It never throws and never changes a response.
    /// Off by default; when off, no stage is added to the pipeline.
    /// </summary>
    public bool ContractDriftDetection { get; set; }

    /// <summary>How many findings <see cref="OutlitContractDriftMonitor.RecentFindings"/> keeps (1 to 10,000). Default 100.</summary>
    public int ContractDriftMaxRecentFindings { get; set; } = 100;

    /// <summary>Describes the options without the API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"OutlitClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : OutlitRedactor.Mask)}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, MaxRetries = {MaxRetries}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, MaxRetryAfter = {MaxRetryAfter}, MaxResponseBytes = {MaxResponseBytes}, ContractDriftDetection = {ContractDriftDetection} }}");
}

namespace Outlit;

/// <summary>
/// Settings for <see cref="OutlitIngestClient"/>: the shared settings of <see cref="OutlitPipelineOptions"/> with the
/// Ingest API's defaults (5 retries, 10 s per attempt, a server-requested wait of up to 30 s), plus pacing and
/// batch limits. The defaults follow the documented Ingest API limits.
/// </summary>
public sealed class OutlitIngestClientOptions : OutlitPipelineOptions
{
    /// <summary>Creates options with the Ingest API defaults.</summary>
    public OutlitIngestClientOptions()
        : base(maxRetries: 5, attemptTimeout: TimeSpan.FromSeconds(10))
    {
        MaxRetryAfter = TimeSpan.FromSeconds(30);
    }

    /// <summary>Requests per second the client allows itself. Default <see cref="IngestLimits.RequestsPerSecond"/> (100).</summary>
    public int RequestsPerSecond { get; set; } = IngestLimits.RequestsPerSecond;

    /// <summary>Most events per request; may be lowered, not raised above <see cref="IngestLimits.MaxEventsPerRequest"/>.</summary>
    public int MaxEventsPerRequest { get; set; } = IngestLimits.MaxEventsPerRequest;

    /// <summary>Largest request body in bytes; may be lowered, not raised above <see cref="IngestLimits.MaxRequestBytes"/>.</summary>
    public int MaxRequestBytes { get; set; } = IngestLimits.MaxRequestBytes;

    internal void ValidateIngestLimits()
    {
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

namespace Outlit;

/// <summary>The limits the Outlit Ingest API documents for one request.</summary>
public static class IngestLimits
{
    /// <summary>Most events one request may carry.</summary>
    public const int MaxEventsPerRequest = 100;

    /// <summary>Largest request body the API accepts, in bytes (1 MB).</summary>
    public const int MaxRequestBytes = 1_048_576;

    /// <summary>Requests per second the API allows for one public key.</summary>
    public const int RequestsPerSecond = 100;

    /// <summary>Prefix every Outlit public key starts with.</summary>
    public const string PublicKeyPrefix = "pk_";
}

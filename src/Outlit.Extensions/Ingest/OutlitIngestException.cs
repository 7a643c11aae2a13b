namespace Outlit;

/// <summary>Raised when events could not be delivered to the Outlit Ingest API.</summary>
public class OutlitIngestException : OutlitException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="failures">The events that were not accepted.</param>
    /// <param name="innerException">The underlying transport error, if any.</param>
    public OutlitIngestException(string message, IReadOnlyList<IngestEventFailure> failures, Exception? innerException = null)
        : base(message, innerException)
    {
        Failures = failures;
    }

    /// <summary>The events that were not accepted, with their reasons.</summary>
    public IReadOnlyList<IngestEventFailure> Failures { get; }
}

/// <summary>Raised when a single event is larger than one ingest request may be, so it can never be sent.</summary>
public sealed class OutlitEventTooLargeException : OutlitIngestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="requestBytes">Size of the smallest request that could carry the event.</param>
    /// <param name="limitBytes">The request size limit.</param>
    public OutlitEventTooLargeException(long requestBytes, int limitBytes)
        : base($"The event needs a {requestBytes:N0}-byte request, over the {limitBytes:N0}-byte ingest limit; it was not queued or sent.", Array.Empty<IngestEventFailure>())
    {
        RequestBytes = requestBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>Size of the smallest request that could carry the event.</summary>
    public long RequestBytes { get; }

    /// <summary>The request size limit in bytes.</summary>
    public int LimitBytes { get; }
}

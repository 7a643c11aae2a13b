using System.Diagnostics.Tracing;

namespace Outlit;

/// <summary>
/// The SDK's diagnostics that need no logger: an <see cref="EventSource"/> named <c>Outlit</c> (the .NET library
/// convention, as Azure SDKs publish <c>Azure-Core</c>), fed by the one request path that Platform and Ingest share
/// and by the tracker. An <see cref="EventListener"/> in the process, <c>dotnet-trace collect --providers Outlit</c>
/// or any EventPipe/ETW session reads it.
/// </summary>
/// <remarks>
/// Payloads are ids, counts, statuses and type names; the one free text (a failure's message) and the server's error
/// code are redacted with the call's secrets first, because a hostile or echoing server chooses them. Every write is
/// behind an <see cref="EventSource.IsEnabled(EventLevel, EventKeywords)"/> check so that, with nobody listening, a
/// request pays for a boolean read and nothing else.
/// </remarks>
[EventSource(Name = SourceName)]
internal sealed class OutlitEventSource : EventSource
{
    /// <summary>The name listeners enable.</summary>
    public const string SourceName = "Outlit";

    public const int RequestAttemptId = 1;
    public const int RequestRetryId = 2;
    public const int RequestFailedId = 3;
    public const int TrackerEventsUndeliveredId = 10;
    public const int TrackerEventsOutcomeUnknownId = 11;

    /// <summary>The one instance; an EventSource must be a singleton per name.</summary>
    public static readonly OutlitEventSource Log = new();

    private OutlitEventSource()
    {
    }

    /// <summary>Event groups a session can select (<c>--providers Outlit:0x1</c> for requests only).</summary>
    public static class Keywords
    {
        /// <summary>Attempts, retries and failures of the request path.</summary>
        public const EventKeywords Requests = (EventKeywords)0x1;

        /// <summary>Events the tracker did not deliver.</summary>
        public const EventKeywords Tracker = (EventKeywords)0x2;
    }

    /// <summary>One attempt ended: with a status (<paramref name="errorKind"/> empty or naming the error the status was read as), or without an answer (<paramref name="status"/> 0).</summary>
    [Event(RequestAttemptId, Level = EventLevel.Verbose, Keywords = Keywords.Requests,
        Message = "Outlit {1} attempt {2} ended with status {3} {4} after {5} ms")]
    public void RequestAttempt(string operationId, string operation, int attempt, int status, string errorKind, long durationMs)
    {
        if (IsEnabled(EventLevel.Verbose, Keywords.Requests))
        {
            WriteEvent(RequestAttemptId, new EventSourcePrimitive[] { operationId, operation, attempt, status, errorKind, durationMs });
        }
    }

    /// <summary>A retry is about to be made after <paramref name="delayMs"/>.</summary>
    [Event(RequestRetryId, Level = EventLevel.Informational, Keywords = Keywords.Requests,
        Message = "Outlit {1}: retry {2} of {3} in {6} ms after status {4} {5}")]
    public void RequestRetry(string operationId, string operation, int retry, int maxRetries, int status, string errorKind, long delayMs)
    {
        if (IsEnabled(EventLevel.Informational, Keywords.Requests))
        {
            WriteEvent(RequestRetryId, new EventSourcePrimitive[] { operationId, operation, retry, maxRetries, status, errorKind, delayMs });
        }
    }

    /// <summary>A call ended with an exception after <paramref name="attempts"/> attempts (never for the caller's own cancellation).</summary>
    [Event(RequestFailedId, Level = EventLevel.Warning, Keywords = Keywords.Requests,
        Message = "Outlit {1} failed after {2} attempt(s): {3} (status {4}, code {5}): {6}")]
    public void RequestFailed(string operationId, string operation, int attempts, string exceptionType, int status, string errorCode, string message)
    {
        if (IsEnabled(EventLevel.Warning, Keywords.Requests))
        {
            WriteEvent(RequestFailedId, new EventSourcePrimitive[] { operationId, operation, attempts, exceptionType, status, errorCode, message });
        }
    }

    /// <summary>
    /// The tracker gave up on <paramref name="count"/> events for <paramref name="reason"/> (an
    /// <see cref="IngestFailureReason"/> name, or <c>Dropped</c> for the queue's overflow policy).
    /// </summary>
    [Event(TrackerEventsUndeliveredId, Level = EventLevel.Error, Keywords = Keywords.Tracker,
        Message = "Outlit tracker for {0}: {1} events not delivered ({2}, status {3}, may have been stored: {4})")]
    public void TrackerEventsUndelivered(string publicKey, int count, string reason, int status, bool mayHaveBeenStored)
    {
        if (IsEnabled(EventLevel.Error, Keywords.Tracker))
        {
            WriteEvent(TrackerEventsUndeliveredId, new EventSourcePrimitive[] { publicKey, count, reason, status, mayHaveBeenStored });
        }
    }

    /// <summary>
    /// <paramref name="count"/> events were in a request still in flight when the tracker or its client was disposed:
    /// the server may have stored them, so queueing them again may duplicate them.
    /// </summary>
    [Event(TrackerEventsOutcomeUnknownId, Level = EventLevel.Warning, Keywords = Keywords.Tracker,
        Message = "Outlit tracker for {0}: outcome unknown (may have been stored) for {1} events in flight at disposal")]
    public void TrackerEventsOutcomeUnknown(string publicKey, int count)
    {
        if (IsEnabled(EventLevel.Warning, Keywords.Tracker))
        {
            WriteEvent(TrackerEventsOutcomeUnknownId, new EventSourcePrimitive[] { publicKey, count });
        }
    }
}

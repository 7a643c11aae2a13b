namespace Outlit;

/// <summary>Why an event did not reach Outlit.</summary>
public enum IngestFailureReason
{
    /// <summary>The event alone is larger than the 1 MB request limit; it was never sent.</summary>
    TooLarge,

    /// <summary>The server refused this event (a 400 whose error path points at it); the other events of its request were resent.</summary>
    Rejected,

    /// <summary>The server refused the whole request with a 4xx that is not retried (for example 403 for an unknown public key).</summary>
    RequestRejected,

    /// <summary>The request still failed after every retry (429, 5xx, timeout or network failure).</summary>
    DeliveryFailed,

    /// <summary>
    /// Sending stopped before the event left: the tracker's disposal timed out, or the tracker or the ingest client was
    /// disposed first. The server never received it; queueing it again cannot duplicate it.
    /// </summary>
    NotSent,

    /// <summary>The event was null or could not be serialized; it was not sent.</summary>
    Invalid,

    /// <summary>
    /// Outcome unknown (may have been stored): the event's request was in flight when the tracker or the ingest client
    /// was disposed, so the server may have stored it without the client hearing back. Queueing it again may
    /// duplicate it; unlike <see cref="NotSent"/>, <see cref="IngestEventFailure.MayHaveBeenStored"/> is always true.
    /// </summary>
    OutcomeUnknown,
}

/// <summary>One problem the server reported about an event field.</summary>
/// <param name="Path">Path inside the event, e.g. <c>["type"]</c>; empty when the problem is with the event as a whole.</param>
/// <param name="Message">The server's description.</param>
public sealed record IngestIssue(IReadOnlyList<object> Path, string Message);

/// <summary>An event that was not accepted, with the reason.</summary>
public sealed class IngestEventFailure
{
    internal IngestEventFailure(long index, IngestEvent @event, IngestFailureReason reason, string message, int? statusCode, IReadOnlyList<IngestIssue> issues, Exception? exception, bool mayHaveBeenStored = false)
    {
        Index = index;
        Event = @event;
        Reason = reason;
        Message = message;
        StatusCode = statusCode;
        Issues = issues;
        Exception = exception;
        MayHaveBeenStored = mayHaveBeenStored || reason == IngestFailureReason.OutcomeUnknown;
    }

    /// <summary>Position of the event in the sequence passed to the send call (for the tracker: its enqueue sequence number).</summary>
    public long Index { get; }

    /// <summary>The event as the caller supplied it, so it can be corrected or queued again.</summary>
    public IngestEvent Event { get; }

    /// <summary>Why it failed.</summary>
    public IngestFailureReason Reason { get; }

    /// <summary>Human-readable explanation.</summary>
    public string Message { get; }

    /// <summary>HTTP status of the last response, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>Field-level problems the server reported for this event (only for <see cref="IngestFailureReason.Rejected"/>).</summary>
    public IReadOnlyList<IngestIssue> Issues { get; }

    /// <summary>The transport error of the last attempt, when the failure was not an HTTP response.</summary>
    public Exception? Exception { get; }

    /// <summary>
    /// True when the server may have stored the event although it is reported here: always for
    /// <see cref="IngestFailureReason.OutcomeUnknown"/>, and for <see cref="IngestFailureReason.DeliveryFailed"/> (or a
    /// refusal) when one of its attempts reached the server and got no answer (a timeout or a reset). Queueing such an
    /// event again may store it twice; false means no attempt reached the server, or each one that did was refused.
    /// </summary>
    public bool MayHaveBeenStored { get; }

    /// <inheritdoc />
    public override string ToString() => MayHaveBeenStored ? $"event {Index}: {Reason}, may have been stored ({Message})" : $"event {Index}: {Reason} ({Message})";
}

/// <summary>Outcome of sending a set of events: which were accepted, which were not and why.</summary>
public sealed class IngestResult
{
    internal IngestResult(IReadOnlyList<long> acceptedIndexes, IReadOnlyList<IngestEventFailure> failures, int requestCount, long? processedCount = null)
    {
        AcceptedIndexes = acceptedIndexes;
        Failures = failures;
        RequestCount = requestCount;
        ProcessedCount = processedCount;
    }

    /// <summary>
    /// How many events the server said it stored (its <c>processed</c> count, summed over the requests); null when no
    /// answer carried the count (an older server's answers do not).
    /// </summary>
    public long? ProcessedCount { get; }

    /// <summary>How many events were passed in: every one is either accepted or listed in <see cref="Failures"/>.</summary>
    public int EventCount => AcceptedIndexes.Count + Failures.Count;

    /// <summary>Positions (in the input) of the events the server accepted, in sending order.</summary>
    public IReadOnlyList<long> AcceptedIndexes { get; }

    /// <summary>How many events the server accepted.</summary>
    public int AcceptedCount => AcceptedIndexes.Count;

    /// <summary>Events that were not accepted, in input order.</summary>
    public IReadOnlyList<IngestEventFailure> Failures { get; }

    /// <summary>HTTP requests made, retries included.</summary>
    public int RequestCount { get; }

    /// <summary>True when every event was accepted.</summary>
    public bool IsSuccess => Failures.Count == 0;

    /// <summary>Throws <see cref="OutlitIngestException"/> when any event was not accepted.</summary>
    /// <exception cref="OutlitIngestException">At least one event failed.</exception>
    public IngestResult EnsureSuccess()
    {
        if (!IsSuccess)
        {
            var first = Failures[0];
            throw new OutlitIngestException(
                $"{Failures.Count} of {EventCount} events were not accepted; first: event {first.Index}, {first.Reason}: {first.Message}",
                Failures,
                first.Exception);
        }

        return this;
    }
}

/// <summary>The rate-limit state the Ingest API reported in its last response.</summary>
/// <param name="Limit">Requests allowed per window (<c>X-RateLimit-Limit</c>).</param>
/// <param name="Remaining">Requests left in the current window (<c>X-RateLimit-Remaining</c>).</param>
/// <param name="ResetAt">When the window resets (<c>X-RateLimit-Reset</c>).</param>
public sealed record IngestRateLimitInfo(int? Limit, int? Remaining, DateTimeOffset? ResetAt);

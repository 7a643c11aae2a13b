namespace Outlit;

/// <summary>What <see cref="OutlitTracker"/> does when its queue is full.</summary>
public enum TrackerOverflowPolicy
{
    /// <summary>The caller waits until the sender has taken events off the queue. Nothing is dropped.</summary>
    Block,

    /// <summary>The oldest queued event is discarded to make room and <see cref="OutlitTracker.DroppedCount"/> goes up. The caller never waits.</summary>
    DropOldest,
}

/// <summary>Events that could not be delivered, handed to <see cref="OutlitTrackerOptions.OnDeliveryFailed"/>.</summary>
public sealed class IngestDeliveryFailure
{
    internal IngestDeliveryFailure(IReadOnlyList<IngestEventFailure> failures) => Failures = failures;

    /// <summary>The events of one batch that were not accepted, each with its reason; never empty.</summary>
    public IReadOnlyList<IngestEventFailure> Failures { get; }
}

/// <summary>Settings for <see cref="OutlitTracker"/>.</summary>
public sealed class OutlitTrackerOptions
{
    /// <summary>Default <see cref="Capacity"/>: 10,000 events (a few MB for typical events).</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>Most events held in memory waiting to be sent. Default <see cref="DefaultCapacity"/>.</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>What happens when the queue is full. Default <see cref="TrackerOverflowPolicy.DropOldest"/>, so a slow or unreachable Outlit never stalls the application.</summary>
    public TrackerOverflowPolicy OverflowPolicy { get; set; } = TrackerOverflowPolicy.DropOldest;

    /// <summary>Queued events are sent at least this often, even if fewer than a full batch. Default 10 s.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many queued events trigger a send right away; at most <see cref="IngestLimits.MaxEventsPerRequest"/>. Default 100.</summary>
    public int FlushAt { get; set; } = IngestLimits.MaxEventsPerRequest;

    /// <summary>How long <see cref="OutlitTracker.DisposeAsync"/> keeps sending what is queued before giving up. Default 10 s.</summary>
    public TimeSpan DisposeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Called with the events of a batch that still failed after the client's retries, or that disposal stopped, so
    /// they can be logged, stored or queued again. Without it such events are logged; either way they are also
    /// reported through the <c>Outlit</c> EventSource. Exceptions it throws are logged and ignored.
    /// </summary>
    /// <remarks>
    /// Before queueing an event again, look at <see cref="IngestEventFailure.MayHaveBeenStored"/>: it is true for
    /// <see cref="IngestFailureReason.OutcomeUnknown"/> (the request was in flight when the tracker or its client was
    /// disposed; the server may have stored it) and for a <see cref="IngestFailureReason.DeliveryFailed"/> whose
    /// attempts timed out or were reset after leaving. Re-queueing those may store them twice; events reported as
    /// <see cref="IngestFailureReason.NotSent"/> never reached the server and can be queued again safely.
    /// </remarks>
    public Action<IngestDeliveryFailure>? OnDeliveryFailed { get; set; }

    internal void Validate()
    {
        if (Capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Capacity), "OutlitTrackerOptions.Capacity must be at least 1.");
        }

        if (FlushInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushInterval), "OutlitTrackerOptions.FlushInterval must be positive.");
        }

        if (FlushAt is < 1 or > IngestLimits.MaxEventsPerRequest)
        {
            throw new ArgumentOutOfRangeException(nameof(FlushAt), $"OutlitTrackerOptions.FlushAt must be between 1 and {IngestLimits.MaxEventsPerRequest}.");
        }

        if (DisposeTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DisposeTimeout), "OutlitTrackerOptions.DisposeTimeout must not be negative.");
        }

        if (!Enum.IsDefined(OverflowPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(OverflowPolicy), "OutlitTrackerOptions.OverflowPolicy is not a known policy.");
        }
    }
}

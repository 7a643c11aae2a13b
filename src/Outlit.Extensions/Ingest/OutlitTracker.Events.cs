namespace Outlit;

public sealed partial class OutlitTracker
{
    /// <summary>
    /// Queues an event. It is serialized now, so a bad event fails here rather than in the
    /// background; a missing timestamp is set to now and a missing path is taken from the URL.
    /// </summary>
    /// <param name="event">The event.</param>
    /// <exception cref="ArgumentException">The event is null or cannot be serialized.</exception>
    /// <exception cref="OutlitEventTooLargeException">The event alone is larger than a request may be.</exception>
    /// <exception cref="ObjectDisposedException">The tracker has been disposed.</exception>
    /// <remarks>With <see cref="TrackerOverflowPolicy.Block"/> and a full queue, the calling thread waits for room.</remarks>
    public void Enqueue(IngestEvent @event) => EnqueueEncoded(@event, Encode(@event));

    /// <summary>Queues an event, waiting asynchronously for room when the queue is full under <see cref="TrackerOverflowPolicy.Block"/>.</summary>
    /// <param name="event">The event.</param>
    /// <param name="cancellationToken">Stops waiting for room; the event is then not queued.</param>
    /// <returns>A task that completes once the event is queued.</returns>
    /// <exception cref="ArgumentException">The event is null or cannot be serialized.</exception>
    /// <exception cref="OutlitEventTooLargeException">The event alone is larger than a request may be.</exception>
    /// <exception cref="ObjectDisposedException">The tracker has been disposed.</exception>
    public ValueTask EnqueueAsync(IngestEvent @event, CancellationToken cancellationToken = default) =>
        EnqueueEncodedAsync(@event, Encode(@event), cancellationToken);

    /// <summary>Queues a custom event about <paramref name="identity"/>.</summary>
    /// <param name="eventName">Name of the event, e.g. <c>subscription_created</c>.</param>
    /// <param name="identity">Who it is about: at least one of fingerprint, email or user ID.</param>
    /// <param name="properties">Free-form properties.</param>
    /// <param name="url">URL or path it relates to; defaults to the <c>server://</c> URL Outlit's server SDKs use.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <exception cref="ArgumentException">No identifier, or no event name.</exception>
    public void Track(string eventName, TrackerIdentity identity, IReadOnlyDictionary<string, object?>? properties = null, string? url = null, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.Validate(nameof(identity));
        var @event = CustomEvent.Create(eventName, properties, url ?? identity.ServerUrl(), timestamp);
        identity.Apply(@event);
        Enqueue(@event);
    }

    /// <summary>Queues a page view by <paramref name="identity"/>.</summary>
    /// <param name="url">URL of the page (or its path).</param>
    /// <param name="identity">Who viewed it: at least one of fingerprint, email or user ID.</param>
    /// <param name="title">Page title.</param>
    /// <param name="referrer">Referring URL.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <exception cref="ArgumentException">No identifier, or no usable URL.</exception>
    public void Pageview(string url, TrackerIdentity identity, string? title = null, string? referrer = null, DateTimeOffset? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.Validate(nameof(identity));
        var @event = PageviewEvent.Create(url, title, referrer, timestamp);
        identity.Apply(@event);
        Enqueue(@event);
    }

    /// <summary>
    /// Queues an identify event: names the person by email and/or user ID and, when a fingerprint
    /// is given, links the anonymous activity tracked under it to them.
    /// </summary>
    /// <param name="identity">The person: an email or a user ID is required, a fingerprint is optional.</param>
    /// <param name="traits">Person traits.</param>
    /// <param name="customerId">Your ID for their customer account.</param>
    /// <param name="customerTraits">Customer traits.</param>
    /// <exception cref="ArgumentException">Neither an email nor a user ID was given.</exception>
    public void Identify(TrackerIdentity identity, IReadOnlyDictionary<string, object?>? traits = null, string? customerId = null, IReadOnlyDictionary<string, object?>? customerTraits = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        identity.Validate(nameof(identity));
        if (string.IsNullOrWhiteSpace(identity.Email) && string.IsNullOrWhiteSpace(identity.UserId))
        {
            // A fingerprint alone names nobody: identify is what links a fingerprint to a person.
            throw new ArgumentException("Identify needs an email or a user ID; a fingerprint alone cannot identify a person.", nameof(identity));
        }

        var @event = IdentifyEvent.Create(identity.Email, identity.UserId, traits, customerId, customerTraits, identity.ServerUrl());
        identity.Apply(@event);
        Enqueue(@event);
    }

    private byte[] Encode(IngestEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (!client.TryEncode(@event, out var json, out var error))
        {
            throw new ArgumentException(error, nameof(@event));
        }

        return json;
    }
}

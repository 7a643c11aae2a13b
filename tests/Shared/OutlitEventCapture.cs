using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Outlit.TestSupport;

/// <summary>One event of the <c>Outlit</c> EventSource as a listener saw it.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Name">The event name (the method of the source).</param>
/// <param name="Level">Its level.</param>
/// <param name="Payload">The payload by name.</param>
/// <param name="Text">The formatted message followed by every payload value: what a trace viewer would show.</param>
internal sealed record CapturedEvent(int Id, string Name, EventLevel Level, IReadOnlyDictionary<string, object?> Payload, string Text)
{
    /// <summary>A payload value as an integer.</summary>
    /// <param name="name">The payload name.</param>
    /// <returns>The value.</returns>
    public long Number(string name) => Convert.ToInt64(Payload[name], CultureInfo.InvariantCulture);

    /// <summary>A payload value as text.</summary>
    /// <param name="name">The payload name.</param>
    /// <returns>The value.</returns>
    public string? String(string name) => Payload.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Listens to the SDK's <c>Outlit</c> EventSource at every level, as a user's own <see cref="EventListener"/> would,
/// and keeps what it hears. A listener hears the whole process: tests tell their own events apart by a payload
/// value (a public key, an operation) or by <see cref="Route"/>.
/// </summary>
internal sealed class OutlitEventCapture : EventListener
{
    // Initialized before the base constructor runs, which already reports the existing sources.
    private readonly ConcurrentQueue<CapturedEvent> events = new();
    private readonly ConcurrentQueue<string> errors = new();

    /// <summary>Called with every event on the thread that wrote it (so an AsyncLocal of the writer is visible).</summary>
    public Action<CapturedEvent>? Route { get; set; }

    /// <summary>Every event heard so far.</summary>
    public IReadOnlyList<CapturedEvent> Events => events.ToArray();

    /// <summary>Messages the EventSource runtime reported about the source itself (a payload that does not match its event, say).</summary>
    public IReadOnlyList<string> SourceErrors => errors.ToArray();

    /// <inheritdoc />
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Outlit")
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    /// <inheritdoc />
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventSource.Name != "Outlit")
        {
            return;
        }

        if (eventData.EventId <= 0)
        {
            // The runtime's own report about the source (id 0, "EventSourceMessage"): a defect of the source.
            errors.Enqueue($"{eventData.EventName}: {string.Join(", ", eventData.Payload ?? [])}");
            return;
        }

        var names = eventData.PayloadNames ?? [];
        var values = eventData.Payload ?? [];
        var payload = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count && i < values.Count; i++)
        {
            payload[names[i]] = values[i];
        }

        var message = eventData.Message is { } template ? string.Format(CultureInfo.InvariantCulture, template, values.ToArray()) : "";
        var text = $"{eventData.EventName}: {message} | {string.Join(", ", payload.Select(p => $"{p.Key}={p.Value}"))}";
        var captured = new CapturedEvent(eventData.EventId, eventData.EventName ?? "", eventData.Level, payload, text);
        events.Enqueue(captured);
        Route?.Invoke(captured);
    }
}

using System.Diagnostics.Tracing;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Outlit.Ingest;

namespace Outlit;

/// <summary>
/// Background event sender for long-running servers: events are queued in memory and sent in
/// batches by one sender loop, in the order they were queued.
/// </summary>
/// <remarks>
/// The queue holds at most <see cref="OutlitTrackerOptions.Capacity"/> events (default 10,000);
/// when full, <see cref="OutlitTrackerOptions.OverflowPolicy"/> either makes the caller wait
/// (<see cref="TrackerOverflowPolicy.Block"/>) or discards the oldest event and counts it in
/// <see cref="DroppedCount"/> (<see cref="TrackerOverflowPolicy.DropOldest"/>, the default).
/// A send happens as soon as <see cref="OutlitTrackerOptions.FlushAt"/> events are queued, and
/// otherwise every <see cref="OutlitTrackerOptions.FlushInterval"/>. Events are serialized when
/// queued, so a malformed or oversized event fails at the call site instead of in the background.
/// </remarks>
public sealed partial class OutlitTracker : IAsyncDisposable
{
    private readonly OutlitIngestClient client;
    private readonly bool ownsClient;
    private readonly OutlitTrackerOptions options;
    private readonly ILogger logger;
    private readonly Channel<EncodedEvent> channel;
    private readonly IngestEnvelope envelope;
    private readonly CancellationTokenSource abort = new();
    private readonly List<(long Target, TaskCompletionSource Done)> flushWaiters = [];
    private readonly Task loop;
    private TaskCompletionSource wake = NewSignal();
    private long sequence;
    private long enqueued;
    private long sent;
    private long failed;
    private long outcomeUnknown;
    private long dropped;
    private int disposed;

    /// <summary>Creates a tracker that sends through <paramref name="client"/> (which it does not dispose).</summary>
    /// <param name="client">The ingest client to send with.</param>
    /// <param name="options">Queue and flush settings.</param>
    /// <param name="logger">Receives delivery failures when no callback is set, and callback errors.</param>
    public OutlitTracker(OutlitIngestClient client, OutlitTrackerOptions? options = null, ILogger<OutlitTracker>? logger = null)
        : this(client ?? throw new ArgumentNullException(nameof(client)), ownsClient: false, options, logger)
    {
    }

    /// <summary>Creates a tracker with its own <see cref="OutlitIngestClient"/> for <paramref name="publicKey"/>.</summary>
    /// <param name="publicKey">The organization's public key (starts with <c>pk_</c>).</param>
    /// <param name="options">Queue and flush settings.</param>
    /// <param name="clientOptions">Settings for the underlying client.</param>
    /// <exception cref="ArgumentException">The public key is missing or malformed.</exception>
    public OutlitTracker(string publicKey, OutlitTrackerOptions? options = null, OutlitIngestClientOptions? clientOptions = null)
        : this(CreateOwnClient(publicKey, options, clientOptions), ownsClient: true, options, null)
    {
    }

    private static OutlitIngestClient CreateOwnClient(string publicKey, OutlitTrackerOptions? options, OutlitIngestClientOptions? clientOptions)
    {
        // Checked first so bad tracker options do not leave a client (and its connection pool) behind.
        options?.Validate();
        return new OutlitIngestClient(publicKey, clientOptions);
    }

    private OutlitTracker(OutlitIngestClient client, bool ownsClient, OutlitTrackerOptions? options, ILogger? logger)
    {
        options ??= new OutlitTrackerOptions();
        options.Validate();
        this.client = client;
        this.ownsClient = ownsClient;
        this.options = options;
        this.logger = logger ?? NullLogger.Instance;
        envelope = client.CreateEnvelope("server", null, null, null);
        var channelOptions = new BoundedChannelOptions(options.Capacity)
        {
            FullMode = options.OverflowPolicy == TrackerOverflowPolicy.Block ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        };
        channel = Channel.CreateBounded<EncodedEvent>(channelOptions, _ =>
        {
            Interlocked.Increment(ref dropped);
            if (OutlitEventSource.Log.IsEnabled(EventLevel.Error, OutlitEventSource.Keywords.Tracker))
            {
                OutlitEventSource.Log.TrackerEventsUndelivered(client.PublicKey, 1, DroppedReason, 0, mayHaveBeenStored: false);
            }
        });
        loop = Task.Run(RunAsync);
    }

    /// <summary>Events currently waiting in the queue.</summary>
    public int QueuedCount => channel.Reader.Count;

    /// <summary>Events the server has accepted since the tracker started.</summary>
    public long SentCount => Interlocked.Read(ref sent);

    /// <summary>
    /// Events handed to <see cref="OutlitTrackerOptions.OnDeliveryFailed"/> (or logged) because their delivery was not
    /// confirmed; <see cref="OutcomeUnknownCount"/> of them may have been stored all the same.
    /// </summary>
    public long FailedCount => Interlocked.Read(ref failed);

    /// <summary>
    /// Of <see cref="FailedCount"/>, the events reported as <see cref="IngestFailureReason.OutcomeUnknown"/>: their
    /// request was in flight when the tracker (or its client) was disposed, so the server may have stored them.
    /// </summary>
    public long OutcomeUnknownCount => Interlocked.Read(ref outcomeUnknown);

    /// <summary>Events discarded by <see cref="TrackerOverflowPolicy.DropOldest"/> because the queue was full.</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    /// <summary>
    /// Sends everything queued before this call and waits until it has been accepted or reported
    /// as failed.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the events stay queued.</param>
    /// <returns>A task that completes when everything queued before the call is accepted or reported.</returns>
    /// <exception cref="ObjectDisposedException">The tracker has been disposed (disposal already sent or reported everything).</exception>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            throw Disposed();
        }

        var target = Interlocked.Read(ref enqueued);
        TaskCompletionSource done;
        lock (flushWaiters)
        {
            // After disposal everything has been sent or reported; there is nothing left to wait for.
            if (Processed >= target || loop.IsCompleted)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            flushWaiters.Add((target, done));
        }

        Wake();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Stops accepting events, sends what is queued for up to
    /// <see cref="OutlitTrackerOptions.DisposeTimeout"/>, then stops sending and reports to
    /// <see cref="OutlitTrackerOptions.OnDeliveryFailed"/> the events of a request still in flight as
    /// <see cref="IngestFailureReason.OutcomeUnknown"/> (the server may have stored them) and the events never sent
    /// as <see cref="IngestFailureReason.NotSent"/>.
    /// </summary>
    /// <returns>A task that completes when every queued event is accepted or reported.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        channel.Writer.TryComplete();
        Wake();
        try
        {
            await loop.WaitAsync(options.DisposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await loop.ConfigureAwait(false);
        }

        lock (flushWaiters)
        {
            foreach (var (_, done) in flushWaiters)
            {
                done.TrySetResult();
            }

            flushWaiters.Clear();
        }

        abort.Dispose();
        if (ownsClient)
        {
            client.Dispose();
        }
    }

    private long Processed => Interlocked.Read(ref sent) + Interlocked.Read(ref failed) + Interlocked.Read(ref dropped);

    /// <summary>Queues an already-encoded event, applying the overflow policy.</summary>
    internal void EnqueueEncoded(IngestEvent @event, byte[] json)
    {
        var item = Prepare(@event, json);
        if (!channel.Writer.TryWrite(item))
        {
            if (options.OverflowPolicy == TrackerOverflowPolicy.DropOldest)
            {
                throw Disposed();
            }

            // Block policy: the queue is full, so the calling thread waits for the sender.
            try
            {
                channel.Writer.WriteAsync(item).AsTask().GetAwaiter().GetResult();
            }
            catch (ChannelClosedException)
            {
                throw Disposed();
            }
        }

        Queued();
    }

    /// <summary>Queues an already-encoded event, waiting asynchronously when the queue is full under <see cref="TrackerOverflowPolicy.Block"/>.</summary>
    internal async ValueTask EnqueueEncodedAsync(IngestEvent @event, byte[] json, CancellationToken cancellationToken)
    {
        var item = Prepare(@event, json);
        try
        {
            await channel.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw Disposed();
        }

        Queued();
    }

    private EncodedEvent Prepare(IngestEvent @event, byte[] json)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            throw Disposed();
        }

        var size = envelope.BodySize(1, json.Length);
        if (size > client.MaxRequestBytes)
        {
            throw new OutlitEventTooLargeException(size, client.MaxRequestBytes);
        }

        return new EncodedEvent(Interlocked.Increment(ref sequence) - 1, json, @event);
    }

    private void Queued()
    {
        Interlocked.Increment(ref enqueued);
        if (channel.Reader.Count >= options.FlushAt)
        {
            Wake();
        }
    }

    /// <summary>The reason the tracker's events name for an event discarded by <see cref="TrackerOverflowPolicy.DropOldest"/>.</summary>
    internal const string DroppedReason = "Dropped";

    private static ObjectDisposedException Disposed() => new(nameof(OutlitTracker), "The tracker has been disposed; no more events can be queued.");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Volatile.Read(ref wake).TrySetResult();

    private async Task RunAsync()
    {
        var reader = channel.Reader;
        var batch = new List<EncodedEvent>(options.FlushAt);
        while (true)
        {
            var signal = Volatile.Read(ref wake);
            if (signal.Task.IsCompleted)
            {
                // Re-arm before looking at the state: every state change wakes after it happens,
                // so nothing that follows this check can be missed.
                Interlocked.CompareExchange(ref wake, NewSignal(), signal);
                continue;
            }

            var intervalElapsed = false;
            if (reader.Count < options.FlushAt && !FlushRequested() && !reader.Completion.IsCompleted)
            {
                try
                {
                    await signal.Task.WaitAsync(options.FlushInterval).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    intervalElapsed = true;
                }
            }

            // Full batches go whenever they are ready; a partial one only when the interval has
            // elapsed, a flush is waiting or the tracker is stopping.
            while (intervalElapsed || FlushRequested() || reader.Count >= options.FlushAt)
            {
                while (batch.Count < options.FlushAt && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    break;
                }

                await SendAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }

            ReleaseFlushWaiters();
            if (reader.Completion.IsCompleted)
            {
                return;
            }
        }
    }

    private bool FlushRequested() => Volatile.Read(ref disposed) != 0 || HasFlushWaiters();

    private async Task SendAsync(List<EncodedEvent> batch)
    {
        IReadOnlyList<IngestEventFailure> failures;
        if (abort.IsCancellationRequested)
        {
            failures = NotSent(batch);
        }
        else
        {
            try
            {
                // Stopping reports the request in flight as "outcome unknown" rather than throwing it away as not sent.
                var result = await client.SendEncodedAsync(envelope, batch, abort.Token, reportWhenStopped: true).ConfigureAwait(false);
                Interlocked.Add(ref sent, result.AcceptedCount);
                failures = result.Failures;
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                failures = NotSent(batch);
            }
            catch (Exception ex)
            {
                // Unexpected (not a delivery failure the client reports): still never lose the batch silently.
                logger.LogError(ex, "Outlit tracker: sending a batch of {Count} events failed unexpectedly.", batch.Count);
                failures = batch.Select(e => new IngestEventFailure(e.Index, e.Source, IngestFailureReason.DeliveryFailed, ex.Message, null, [], ex)).ToList();
            }
        }

        if (failures.Count > 0)
        {
            Report(failures);
            Interlocked.Add(ref outcomeUnknown, failures.Count(f => f.Reason == IngestFailureReason.OutcomeUnknown));
            Interlocked.Add(ref failed, failures.Count);
        }

        ReleaseFlushWaiters();
    }

    private static List<IngestEventFailure> NotSent(List<EncodedEvent> batch) =>
        batch.Select(e => new IngestEventFailure(e.Index, e.Source, IngestFailureReason.NotSent, "The tracker was disposed before the event could be sent.", null, [], null)).ToList();

    private void Report(IReadOnlyList<IngestEventFailure> failures)
    {
        // Whatever else is configured: with neither logger nor callback this is the one place undelivered events show.
        ReportToEventSource(failures);
        var callback = options.OnDeliveryFailed;
        if (callback is null)
        {
            var unknown = failures.Count(f => f.Reason == IngestFailureReason.OutcomeUnknown);
            if (unknown > 0)
            {
                logger.LogWarning("Outlit tracker: outcome unknown for {Count} events (may have been stored): their request was in flight when the tracker stopped.", unknown);
            }

            if (failures.Count > unknown)
            {
                var first = failures.First(f => f.Reason != IngestFailureReason.OutcomeUnknown);
                logger.LogError("Outlit tracker: {Count} events were not delivered; first: {Reason} {Message}", failures.Count - unknown, first.Reason, first.Message);
            }

            return;
        }

        try
        {
            callback(new IngestDeliveryFailure(failures));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Outlit tracker: the delivery-failure callback threw for {Count} events.", failures.Count);
        }
    }

    private void ReportToEventSource(IReadOnlyList<IngestEventFailure> failures)
    {
        if (!OutlitEventSource.Log.IsEnabled(EventLevel.Warning, OutlitEventSource.Keywords.Tracker))
        {
            return;
        }

        foreach (var group in failures.GroupBy(f => (f.Reason, Status: f.StatusCode ?? 0, f.MayHaveBeenStored)))
        {
            if (group.Key.Reason == IngestFailureReason.OutcomeUnknown)
            {
                // Its own event: a listener that re-sends what was not delivered must not count these as lost.
                OutlitEventSource.Log.TrackerEventsOutcomeUnknown(client.PublicKey, group.Count());
            }
            else
            {
                OutlitEventSource.Log.TrackerEventsUndelivered(client.PublicKey, group.Count(), group.Key.Reason.ToString(), group.Key.Status, group.Key.MayHaveBeenStored);
            }
        }
    }

    private bool HasFlushWaiters()
    {
        lock (flushWaiters)
        {
            return flushWaiters.Count > 0;
        }
    }

    private void ReleaseFlushWaiters()
    {
        lock (flushWaiters)
        {
            var processed = Processed;
            flushWaiters.RemoveAll(w =>
            {
                if (w.Target > processed)
                {
                    return false;
                }

                w.Done.TrySetResult();
                return true;
            });
        }
    }
}

namespace Outlit;

/// <summary>
/// A timeout over part of a call (one attempt, or a wait before one): a token cancelled when the time is up or when
/// the enclosing token is, on the client's <see cref="TimeProvider"/>. Infinite costs nothing: the enclosing token is
/// used. On the system clock the cancellation sources are reused, timer included, as a call's attempts come and go.
/// </summary>
internal readonly struct OutlitTimeoutScope : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? spare;

    private readonly CancellationTokenSource? source;
    private readonly ITimer? timer;
    private readonly CancellationTokenRegistration link;
    private readonly CancellationToken enclosing;

    private OutlitTimeoutScope(CancellationTokenSource? source, ITimer? timer, CancellationTokenRegistration link, CancellationToken enclosing)
    {
        this.source = source;
        this.timer = timer;
        this.link = link;
        this.enclosing = enclosing;
    }

    /// <summary>Cancelled when the time is up or the enclosing token is cancelled.</summary>
    public CancellationToken Token => source?.Token ?? enclosing;

    /// <summary>True when this timeout, not the enclosing token, ended the wait.</summary>
    public bool Expired => source is { IsCancellationRequested: true } && !enclosing.IsCancellationRequested;

    public static OutlitTimeoutScope Start(TimeSpan timeout, TimeProvider time, CancellationToken enclosing)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new OutlitTimeoutScope(null, null, default, enclosing);
        }

        CancellationTokenSource source;
        ITimer? timer = null;
        if (ReferenceEquals(time, TimeProvider.System))
        {
            source = spare ?? new CancellationTokenSource();
            spare = null;
            source.CancelAfter(timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }
        else
        {
            source = new CancellationTokenSource();
            timer = time.CreateTimer(static state => Cancel((CancellationTokenSource)state!), source, timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout, Timeout.InfiniteTimeSpan);
        }

        var link = enclosing.CanBeCanceled ? enclosing.UnsafeRegister(static state => Cancel((CancellationTokenSource)state!), source) : default;
        return new OutlitTimeoutScope(source, timer, link, enclosing);
    }

    public void Dispose()
    {
        link.Dispose();
        if (timer is not null)
        {
            timer.Dispose();
            source?.Dispose();
        }
        else if (source is not null)
        {
            // A source whose time did not run out can serve the next attempt on this thread; one that fired cannot.
            if (source.TryReset())
            {
                spare = source;
            }
            else
            {
                source.Dispose();
            }
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The part it timed ended as the timer fired.
        }
    }
}

/// <summary>The call's total time, measured on the client's clock from the call's start.</summary>
internal readonly struct OutlitDeadline(TimeSpan total, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();

    public TimeSpan Total => total;

    public bool IsInfinite => total == Timeout.InfiniteTimeSpan;

    /// <summary>What is left of the total; <see cref="Timeout.InfiniteTimeSpan"/> without one.</summary>
    public TimeSpan Remaining => IsInfinite ? Timeout.InfiniteTimeSpan : Max(TimeSpan.Zero, total - time.GetElapsedTime(started));

    /// <summary>
    /// The limit of a part of the call (an attempt) that must also end within the total, and whether the total is the
    /// nearer of the two.
    /// </summary>
    public (TimeSpan Limit, bool TotalIsNearer) Limit(TimeSpan part)
    {
        var remaining = Remaining;
        if (remaining == Timeout.InfiniteTimeSpan)
        {
            return (part, false);
        }

        return part == Timeout.InfiniteTimeSpan || remaining < part ? (remaining, true) : (part, false);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A timeout of the request path ran out: an attempt's (retried when safe) or the whole call's (never retried).</summary>
internal sealed class OutlitTimeoutElapsedException(TimeSpan timeout, bool isTotal, Exception? inner)
    : TimeoutException($"The operation did not complete within {timeout.TotalSeconds:0.###} s.", inner)
{
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>True when the whole call's time ran out, not one attempt's.</summary>
    public bool IsTotal { get; } = isTotal;
}

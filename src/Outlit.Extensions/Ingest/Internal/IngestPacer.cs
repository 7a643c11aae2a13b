using System.Threading.RateLimiting;

namespace Outlit.Ingest;

/// <summary>
/// Keeps the client under the documented request rate: a sliding-window limiter bounds the request rate locally,
/// and the server's <c>X-RateLimit-*</c> headers (read by the shared parser) pause all sends until the window
/// resets once the server says none are left (or answers 429). Waited for before each attempt, outside its
/// timeout: waiting for a permit is not a slow server and must not use up attempts.
/// </summary>
internal sealed class IngestPacer : IOutlitAttemptGate, IDisposable
{
    private readonly SlidingWindowRateLimiter limiter;
    private readonly TimeSpan maxPause;
    private readonly TimeProvider time;
    private long pausedUntilTicks;
    private IngestRateLimitInfo? last;

    public IngestPacer(int requestsPerSecond, TimeSpan maxPause, TimeProvider time)
    {
        this.maxPause = maxPause;
        this.time = time;
        limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = requestsPerSecond,
            Window = TimeSpan.FromSeconds(1),
            // Ten segments release capacity in 100 ms steps, so a burst at the end of one second
            // does not make the next second's budget available all at once.
            SegmentsPerWindow = 10,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>What the server said in its last response that carried rate-limit headers.</summary>
    public IngestRateLimitInfo? Last => Volatile.Read(ref last);

    /// <summary>Waits until one more request may go out.</summary>
    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = new DateTimeOffset(Interlocked.Read(ref pausedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The ingest rate limiter refused a permit.");
        }
    }

    /// <summary>Reads the rate-limit headers of a response and pauses sending when the server's budget is spent.</summary>
    public void Observe(HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        var limit = OutlitRateLimitHeaders.Count(OutlitRateLimitHeaders.Header(response, "X-RateLimit-Limit"));
        var remaining = OutlitRateLimitHeaders.Count(OutlitRateLimitHeaders.Header(response, "X-RateLimit-Remaining"));
        var reset = OutlitRateLimitHeaders.Reset(OutlitRateLimitHeaders.Header(response, "X-RateLimit-Reset"), now);
        if (limit is not null || remaining is not null || reset is not null)
        {
            Volatile.Write(ref last, new IngestRateLimitInfo(limit, remaining, reset));
        }

        if ((int)response.StatusCode == 429 || remaining == 0)
        {
            var resumeAt = OutlitRateLimitHeaders.RetryAfter(OutlitRateLimitHeaders.Header(response, "Retry-After"), now) is { } retryAfter
                ? now + retryAfter
                : reset;
            if (resumeAt is { } until)
            {
                // A skewed or hostile clock must not stall the client for long.
                var cap = now + maxPause;
                PauseUntil(until < cap ? until : cap);
            }
        }
    }

    private void PauseUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref pausedUntilTicks);
            if (current >= ticks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref pausedUntilTicks, ticks, current) != current);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>The ingest client's per-try stage: tells the pacer what each answer said about the rate limit.</summary>
internal sealed class IngestPacingHandler(IngestPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        pacer.Observe(response);
        return response;
    }
}

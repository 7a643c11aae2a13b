using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.RateLimiting;

namespace Outlit.Ingest;

/// <summary>
/// Keeps the client under the documented request rate: a sliding-window limiter bounds the
/// request rate locally, and the server's <c>X-RateLimit-*</c> headers pause all sends until the
/// window resets once the server says none are left (or answers 429).
/// </summary>
internal sealed class IngestPacer : IDisposable
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
    public void Observe(HttpResponseHeaders headers, int statusCode)
    {
        var limit = ReadInt(headers, "X-RateLimit-Limit");
        var remaining = ReadInt(headers, "X-RateLimit-Remaining");
        var reset = ReadReset(headers);
        if (limit is not null || remaining is not null || reset is not null)
        {
            Volatile.Write(ref last, new IngestRateLimitInfo(limit, remaining, reset));
        }

        var retryAfter = headers.RetryAfter;
        DateTimeOffset? resumeAt = null;
        if (statusCode == 429 || remaining == 0)
        {
            resumeAt = reset;
            if (retryAfter?.Delta is { } delta)
            {
                resumeAt = time.GetUtcNow() + delta;
            }
            else if (retryAfter?.Date is { } date)
            {
                resumeAt = date;
            }
        }

        if (resumeAt is { } until)
        {
            // A skewed or hostile clock must not stall the client for long.
            var cap = time.GetUtcNow() + maxPause;
            PauseUntil(until < cap ? until : cap);
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

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static DateTimeOffset? ReadReset(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("X-RateLimit-Reset", out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || value <= 0)
        {
            return null;
        }

        // Documented as Unix seconds; a value this large can only be milliseconds.
        return value switch
        {
            < 100_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(value),
            <= 253_402_300_799_999 => DateTimeOffset.FromUnixTimeMilliseconds(value),
            _ => null,
        };
    }

    public void Dispose() => limiter.Dispose();
}

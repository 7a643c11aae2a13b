using System.Globalization;
using System.Net.Http.Headers;

namespace Outlit;

/// <summary>
/// The one reader of <c>Retry-After</c> and <c>X-RateLimit-*</c>, for the Platform and Ingest clients alike.
/// Servers and gateways disagree on units, so the magnitude decides: <c>X-RateLimit-Reset</c> below 10^9 is a
/// number of seconds from now, up to 10^12 epoch seconds, above that epoch milliseconds; <c>Retry-After</c> is
/// seconds or an HTTP date. Nothing here throws: a value that is not a number is absent, a negative wait is no
/// wait, and an absurd one (infinite, or beyond <see cref="LongestWait"/>) reads as <see cref="LongestWait"/>. A reset
/// instant in the past is kept as the server sent it (the wait until it is zero).
/// </summary>
internal static class OutlitRateLimitHeaders
{
    /// <summary>The longest wait a header can express here; anything beyond (up to infinity) is read as this.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    private const double EpochSecondsFrom = 1e9;
    private const double EpochMillisecondsFrom = 1e12;

    /// <summary>The wait of a <c>Retry-After</c> header, from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return Wait(seconds);
        }

        if (RetryConditionHeaderValue.TryParse(value.Trim(), out var parsed) && parsed.Date is { } date)
        {
            return Clamp(date - now);
        }

        return null;
    }

    /// <summary>When the window of an <c>X-RateLimit-Reset</c> header resets.</summary>
    public static DateTimeOffset? Reset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || double.IsNaN(number))
        {
            return null;
        }

        if (number < EpochSecondsFrom)
        {
            return now + Wait(number);
        }

        // The instant the server named, unless it is further away than the longest wait (or not representable).
        var milliseconds = number < EpochMillisecondsFrom ? number * 1000 : number;
        var latest = now + LongestWait;
        return milliseconds >= latest.ToUnixTimeMilliseconds() ? latest : DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }

    /// <summary>The wait until <see cref="Reset"/>, from <paramref name="now"/>; never negative.</summary>
    public static TimeSpan? ResetWait(string? value, DateTimeOffset now) =>
        Reset(value, now) is { } reset ? Clamp(reset - now) : null;

    /// <summary>A non-negative whole number of <c>X-RateLimit-Limit</c> or <c>X-RateLimit-Remaining</c>.</summary>
    public static int? Count(string? value) =>
        double.TryParse(value?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number)
            ? (int)Math.Clamp(Math.Floor(number), 0, int.MaxValue)
            : null;

    /// <summary>The first value of a header of a response or of its content.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || (response.Content?.Headers.TryGetValues(name, out values) ?? false)
            ? values!.FirstOrDefault()
            : null;

    /// <summary>What the server asked the client to wait before the next request: <c>Retry-After</c>, or on a 429 the <c>X-RateLimit-Reset</c>.</summary>
    public static TimeSpan? RequestedWait(HttpResponseMessage response, DateTimeOffset now) =>
        RetryAfter(Header(response, "Retry-After"), now)
        ?? ((int)response.StatusCode == 429 ? ResetWait(Header(response, "X-RateLimit-Reset"), now) : null);

    private static TimeSpan Wait(double seconds) =>
        double.IsNaN(seconds) || seconds <= 0 ? TimeSpan.Zero
        : seconds >= LongestWait.TotalSeconds ? LongestWait
        : TimeSpan.FromSeconds(seconds);

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait <= TimeSpan.Zero ? TimeSpan.Zero : wait >= LongestWait ? LongestWait : wait;
}

namespace Outlit.Testing;

/// <summary>What kind of failure a <see cref="MockFault"/> produces.</summary>
public enum MockFaultKind
{
    /// <summary>Answer with a server error status and the route's error body.</summary>
    ServerError,

    /// <summary>Answer 429 with the route's rate-limit body and headers.</summary>
    TooManyRequests,

    /// <summary>Wait, then handle the request normally.</summary>
    Delay,

    /// <summary>Drop the connection without a response.</summary>
    ConnectionReset,

    /// <summary>Answer 200 with a JSON content type and a body that is not valid JSON.</summary>
    MalformedBody,
}

/// <summary>A failure the server applies to upcoming requests instead of (or before) handling them normally.</summary>
public sealed record MockFault
{
    private MockFault(MockFaultKind kind) => Kind = kind;

    /// <summary>Kind of failure.</summary>
    public MockFaultKind Kind { get; }

    /// <summary>HTTP status for <see cref="MockFaultKind.ServerError"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Wait time for <see cref="MockFaultKind.Delay"/>; the <c>Retry-After</c> value for <see cref="MockFaultKind.TooManyRequests"/>.</summary>
    public TimeSpan? Duration { get; private init; }

    /// <summary>A 5xx answer (500 unless given) with the route's documented error body.</summary>
    /// <param name="statusCode">A status from 500 to 599.</param>
    public static MockFault ServerError(int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new MockFault(MockFaultKind.ServerError) { StatusCode = statusCode };
    }

    /// <summary>A 429 answer; ingest routes carry the exhausted <c>X-RateLimit-*</c> headers.</summary>
    /// <param name="retryAfter">When given, sent as a <c>Retry-After</c> header in whole seconds.</param>
    public static MockFault TooManyRequests(TimeSpan? retryAfter = null) =>
        new(MockFaultKind.TooManyRequests) { StatusCode = 429, Duration = retryAfter };

    /// <summary>Holds the request for <paramref name="delay"/>, then answers normally (or stops if the client gives up).</summary>
    public static MockFault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new MockFault(MockFaultKind.Delay) { Duration = delay };
    }

    /// <summary>Aborts the connection: the client sees a reset with no HTTP response.</summary>
    public static MockFault ConnectionReset() => new(MockFaultKind.ConnectionReset);

    /// <summary>A 200 answer whose <c>application/json</c> body is cut off mid-document.</summary>
    public static MockFault MalformedBody() => new(MockFaultKind.MalformedBody) { StatusCode = 200 };
}

namespace Outlit;

/// <summary>
/// Everything the client could read from a failed API response: status, headers of interest and the
/// body (JSON or not). Exceptions of the <see cref="OutlitException"/> family are built from it.
/// </summary>
public sealed record OutlitErrorResponse
{
    /// <summary>HTTP status code.</summary>
    public required int Status { get; init; }

    /// <summary>The API operation that failed, when known.</summary>
    public string? Operation { get; init; }

    /// <summary>The server's error text: <c>error</c>, else <c>message</c> of a JSON body.</summary>
    public string? Message { get; init; }

    /// <summary>The stable <c>code</c> of a JSON body (plan and billing failures carry one).</summary>
    public string? Code { get; init; }

    /// <summary>Validation problems from <c>details</c> (or <c>errors</c>) of a JSON body.</summary>
    public IReadOnlyList<OutlitErrorDetail> Details { get; init; } = Array.Empty<OutlitErrorDetail>();

    /// <summary>The plan named by a plan-limit body.</summary>
    public string? Plan { get; init; }

    /// <summary>The plan feature named by a plan-limit body (e.g. <c>api_calls</c>).</summary>
    public string? Feature { get; init; }

    /// <summary>When a plan allowance resets, from the plan-limit body.</summary>
    public DateTimeOffset? PlanResetAt { get; init; }

    /// <summary>Connections in use, from a connection-limit body.</summary>
    public int? CurrentConnections { get; init; }

    /// <summary>Connections allowed by the plan, from a connection-limit body.</summary>
    public int? ConnectionLimit { get; init; }

    /// <summary>Request allowance from the <c>X-RateLimit-Limit</c> header.</summary>
    public int? RateLimitLimit { get; init; }

    /// <summary>Requests left from the <c>X-RateLimit-Remaining</c> header.</summary>
    public int? RateLimitRemaining { get; init; }

    /// <summary>When the rate-limit window resets, from <c>X-RateLimit-Reset</c>.</summary>
    public DateTimeOffset? RateLimitResetAt { get; init; }

    /// <summary>How long the server asked the client to wait, from <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The server's identifier of the request, for support, when its error body carries one.</summary>
    public string? RequestId { get; init; }

    /// <summary>Whether the server says repeating the request may succeed; null when it does not say.</summary>
    public bool? Retryable { get; init; }

    /// <summary>The body's code is one the contract lists as a plan refusal.</summary>
    internal bool PlanRefusal { get; init; }

    /// <summary>How long the server asked the client to wait before the next attempt (<c>Retry-After</c>, or a 429's <c>X-RateLimit-Reset</c>).</summary>
    public TimeSpan? RequestedWait { get; init; }

    /// <summary>The first characters of the raw body, redacted.</summary>
    public string? RawBodySnippet { get; init; }

    /// <summary>True when the body was JSON and could be read as an object.</summary>
    public bool BodyWasJson { get; init; }
}

namespace Outlit;

/// <summary>The request was rejected as invalid (HTTP 400): malformed JSON, an unknown provider or tool, or tool input that failed validation. See <see cref="OutlitException.Details"/>.</summary>
public class OutlitValidationException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitValidationException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>The API key is missing, malformed or not accepted by the server (HTTP 401).</summary>
public class OutlitAuthenticationException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitAuthenticationException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>
/// A plan allowance is used up (HTTP 402, or 429 with a plan <c>code</c> such as <c>api_limit_exceeded</c>).
/// Retrying does not help before <see cref="ResetAt"/>, so the client never retries it.
/// </summary>
public class OutlitPlanLimitException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitPlanLimitException(OutlitErrorResponse response) : base(response)
    {
        Plan = response.Plan;
        Feature = response.Feature;
        ResetAt = response.PlanResetAt;
    }

    /// <summary>The organization's plan, as named by the server.</summary>
    public string? Plan { get; }

    /// <summary>The limited feature, e.g. <c>api_calls</c> or <c>integration_connections</c>.</summary>
    public string? Feature { get; }

    /// <summary>When the allowance resets, when the server said so.</summary>
    public DateTimeOffset? ResetAt { get; }
}

/// <summary>
/// The plan's integration connection limit is reached (HTTP 403 with code <c>plan_connection_limit_exceeded</c>).
/// It is a plan limit, so it also derives from <see cref="OutlitPlanLimitException"/>.
/// </summary>
public class OutlitConnectionLimitException : OutlitPlanLimitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitConnectionLimitException(OutlitErrorResponse response) : base(response)
    {
        CurrentConnections = response.CurrentConnections;
        Limit = response.ConnectionLimit;
    }

    /// <summary>Connections the organization has now.</summary>
    public int? CurrentConnections { get; }

    /// <summary>Connections the plan allows.</summary>
    public int? Limit { get; }
}

/// <summary>
/// Too many requests in a short window (HTTP 429 without a plan <c>code</c>). The client retries these
/// itself; this error means the retries ran out or the server asked for a longer wait than allowed.
/// </summary>
public class OutlitRateLimitException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitRateLimitException(OutlitErrorResponse response) : base(response)
    {
        ResetAt = response.RateLimitResetAt;
        RetryAfter = response.RetryAfter;
        Limit = response.RateLimitLimit;
        Remaining = response.RateLimitRemaining;
    }

    /// <summary>When the window resets, from <c>X-RateLimit-Reset</c>.</summary>
    public DateTimeOffset? ResetAt { get; }

    /// <summary>The wait the server asked for in <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The allowance per window, from <c>X-RateLimit-Limit</c>.</summary>
    public int? Limit { get; }

    /// <summary>Requests left in the window, from <c>X-RateLimit-Remaining</c>.</summary>
    public int? Remaining { get; }
}

/// <summary>The resource or route does not exist (HTTP 404).</summary>
public class OutlitNotFoundException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitNotFoundException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>
/// The key is valid but may not do this (HTTP 403 without a plan or connection-limit body): a tool the workspace
/// has not enabled, or a call its role does not allow. Retrying does not help.
/// </summary>
public class OutlitPermissionException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitPermissionException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>
/// The call conflicts with the current state (HTTP 409): the resource changed, already exists, or is in a state that
/// does not allow it. <see cref="OutlitException.Retryable"/> says whether the server expects a repeat to succeed.
/// </summary>
public class OutlitConflictException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitConflictException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>The server failed (HTTP 5xx) and retries, if allowed, did not help.</summary>
public class OutlitServerException : OutlitException
{
    /// <summary>Creates the error from a parsed response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitServerException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>
/// The call took too long: a per-attempt or total timeout of <see cref="OutlitClientOptions"/> elapsed,
/// the server answered 408, or a wait for a browser connection ran out of time.
/// </summary>
public class OutlitTimeoutException : OutlitException
{
    /// <summary>Creates a timeout that did not come from an HTTP response.</summary>
    /// <param name="message">Description, free of secrets.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public OutlitTimeoutException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the error from a 408 response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    public OutlitTimeoutException(OutlitErrorResponse response) : base(response) { }
}

/// <summary>The server could not be reached or the connection broke (DNS, refused connection, TLS, reset).</summary>
public class OutlitNetworkException : OutlitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">Description, free of secrets.</param>
    /// <param name="innerException">The transport failure.</param>
    public OutlitNetworkException(string message, Exception? innerException = null) : base(message, innerException) { }
}

/// <summary>The client is set up wrongly (missing or malformed API key, refused base URL); raised before any request is sent.</summary>
public class OutlitConfigurationException : OutlitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">Description, free of secrets.</param>
    public OutlitConfigurationException(string message) : base(message) { }
}

/// <summary>A successful response had a body the client cannot interpret (not JSON, or none of the documented shapes).</summary>
public class OutlitResponseFormatException : OutlitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="message">Description, free of secrets.</param>
    /// <param name="innerException">The parse failure, if any.</param>
    public OutlitResponseFormatException(string message, Exception? innerException = null) : base(message, innerException) { }

    /// <summary>Creates the error for a response whose body is not what the contract documents.</summary>
    /// <param name="message">Description, free of secrets.</param>
    /// <param name="status">The response status.</param>
    /// <param name="operation">The operation, when known.</param>
    /// <param name="rawBodySnippet">A redacted excerpt of the body.</param>
    internal OutlitResponseFormatException(string message, int status, string? operation, string? rawBodySnippet)
        : base(message, status, operation, rawBodySnippet) { }
}

/// <summary>
/// The server answered with a redirect (3xx), or a transport that follows redirects by itself was sent to another
/// origin. Outlit's APIs do not redirect; the client never follows one, so a request body (which can carry
/// credentials) is never sent anywhere but the configured host.
/// </summary>
public class OutlitRedirectException : OutlitException
{
    /// <summary>Creates the error for a redirect answer.</summary>
    /// <param name="response">The facts read from the response.</param>
    /// <param name="target">Where the redirect pointed, if it said.</param>
    public OutlitRedirectException(OutlitErrorResponse response, Uri? target) : base(response)
    {
        TargetOrigin = Origin(target);
    }

    /// <summary>Creates the error for a request a transport tried to send to another origin.</summary>
    /// <param name="target">The URL the transport was about to send to.</param>
    public OutlitRedirectException(Uri target)
        : base($"Refused to follow a redirect to {Origin(target) ?? "another host"}: Outlit requests are only sent to the configured host.")
    {
        TargetOrigin = Origin(target);
    }

    /// <summary>Scheme, host and port the redirect pointed to (never its path or query, which could carry data).</summary>
    public string? TargetOrigin { get; }

    private static string? Origin(Uri? target) => target is { IsAbsoluteUri: true } ? target.GetLeftPart(UriPartial.Authority) : null;
}

/// <summary>
/// The response body was larger than <see cref="OutlitPipelineOptions.MaxResponseBytes"/> (after decompression);
/// the read was stopped before more was held.
/// </summary>
public class OutlitResponseTooLargeException : OutlitException
{
    /// <summary>Creates the error.</summary>
    /// <param name="status">The response status.</param>
    /// <param name="limit">The configured cap, in bytes.</param>
    /// <param name="declaredLength">The <c>Content-Length</c> the server declared, if any.</param>
    public OutlitResponseTooLargeException(int status, long limit, long? declaredLength)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The Outlit response (status {status}) is larger than the {limit:N0}-byte limit{(declaredLength is { } n ? $" (it declared {n:N0} bytes)" : "")}; raise OutlitPipelineOptions.MaxResponseBytes if such answers are expected."))
    {
        Limit = limit;
        ResponseStatus = status;
    }

    /// <summary>The configured cap, in bytes.</summary>
    public long Limit { get; }

    /// <summary>The status of the response that was too large.</summary>
    public int ResponseStatus { get; }
}

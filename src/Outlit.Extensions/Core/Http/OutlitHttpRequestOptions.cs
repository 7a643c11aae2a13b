namespace Outlit;

/// <summary>
/// Keys the client stores in <see cref="HttpRequestMessage.Options"/> of every request it sends, so handlers (the
/// client's own and any the caller adds) can tell which operation a request belongs to and whether repeating it
/// is safe. The generated request path sets them on every attempt.
/// </summary>
public static class OutlitHttpRequestOptions
{
    /// <summary>What the call is called in logs and errors: the contract's operationId, or the tool name for tool calls.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("Outlit.Operation");

    /// <summary>The contract's operationId, also for tool calls.</summary>
    public static readonly HttpRequestOptionsKey<string> OperationId = new("Outlit.OperationId");

    /// <summary>The tool a tool call runs; absent on other calls.</summary>
    public static readonly HttpRequestOptionsKey<string> Tool = new("Outlit.Tool");

    /// <summary>
    /// True when sending the request twice has the same effect as sending it once (from the contract: the HTTP method,
    /// the operation's <c>x-outlit-idempotent</c> flag, or a read-only tool). False for calls that change state: those
    /// are retried only when they never reached the server.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Outlit.Idempotent");

    /// <summary>1 for the first attempt, 2 for the first retry, and so on.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("Outlit.Attempt");

    /// <summary>The secrets the request carries (the key, credentials in its body), for the client's own stages to redact.</summary>
    internal static readonly HttpRequestOptionsKey<IReadOnlyCollection<string>> Secrets = new("Outlit.Secrets");
}

namespace Outlit;

/// <summary>
/// What the request path needs to know about one operation of the contract: its id and whether sending it
/// twice is safe. The generated clients create one per operation, from the contract (the HTTP method, or the
/// operation's <c>x-outlit-idempotent</c> flag).
/// </summary>
/// <param name="id">The contract's operationId.</param>
/// <param name="method">The HTTP method.</param>
/// <param name="pathTemplate">The path as the contract writes it.</param>
/// <param name="retrySafe">True when a request that may have reached the server can be sent again.</param>
internal sealed class OutlitOperation(string id, string method, string pathTemplate, bool retrySafe)
{
    public string Id { get; } = id;

    public string Method { get; } = method;

    public string PathTemplate { get; } = pathTemplate;

    public bool RetrySafe { get; } = retrySafe;

    public override string ToString() => Id;
}

/// <summary>
/// Per-call settings a wrapper adds to an operation: a more specific label (a tool call is labelled with its
/// tool), retry safety decided by more than the operation (a read-only tool), and the secrets the request
/// carries, which must never reach a message. The pipeline reports back how many attempts it made.
/// </summary>
internal sealed class OutlitRequestContext
{
    /// <summary>What logs and errors call this call; the operation id when null.</summary>
    public string? Label { get; init; }

    /// <summary>The tool a tool call runs, for handlers that check tool results.</summary>
    public string? Tool { get; init; }

    /// <summary>Overrides the operation's retry safety for this call.</summary>
    public bool? RetrySafe { get; init; }

    /// <summary>Values the request carries that are secret (credentials in a body), redacted wherever text is shown.</summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

    /// <summary>Requests the pipeline sent for this call (retries included); set by the pipeline.</summary>
    public int Attempts { get; internal set; }

    /// <summary>
    /// True when an attempt may have reached the server and ended without an answer (a timeout, a reset, a
    /// cancellation or a disposal after the request left), so the server may have acted on it; set by the pipeline.
    /// </summary>
    public bool OutcomeUnknown { get; internal set; }
}

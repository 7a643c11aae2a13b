namespace Outlit;

/// <summary>
/// Keys the client stores in <see cref="HttpRequestMessage.Options"/> of every request it sends, so handlers
/// (the client's own and any the caller adds) can tell which operation a request belongs to and whether
/// repeating it is safe.
/// </summary>
public static class OutlitHttpRequestOptions
{
    /// <summary>The API operation: an operation id such as <c>connectIntegration</c>, or the tool name for tool calls.</summary>
    public static readonly HttpRequestOptionsKey<string> Operation = new("Outlit.Operation");

    /// <summary>
    /// True when sending the request twice has the same effect as sending it once. False for calls that change
    /// state (connect, disconnect, setup steps, notifications): those are retried only when they never reached the server.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("Outlit.Idempotent");

    /// <summary>1 for the first attempt, 2 for the first retry, and so on.</summary>
    public static readonly HttpRequestOptionsKey<int> Attempt = new("Outlit.Attempt");

    /// <summary>A non-success status the caller handles itself (e.g. 404 "not connected" of disconnect), left untranslated.</summary>
    internal static readonly HttpRequestOptionsKey<int> PassThroughStatus = new("Outlit.PassThroughStatus");
}

/// <summary>
/// The operation being called, carried across the generated client (whose methods do not take per-call
/// request options) to the pipeline, which copies it into <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal sealed record OutlitCallInfo(string Operation, bool Idempotent, int? PassThroughStatus = null)
{
    private static readonly AsyncLocal<OutlitCallInfo?> Ambient = new();

    internal static OutlitCallInfo? Current => Ambient.Value;

    internal static IDisposable Begin(string operation, bool idempotent, int? passThroughStatus = null)
    {
        var previous = Ambient.Value;
        Ambient.Value = new OutlitCallInfo(operation, idempotent, passThroughStatus);
        return new Restore(previous);
    }

    /// <summary>
    /// What to assume for a request nobody marked (e.g. the generated client used directly): reads are safe to
    /// repeat; every POST is treated as state-changing, including tool calls, because the tool name inside the
    /// body might be the notification action.
    /// </summary>
    internal static OutlitCallInfo Infer(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath.TrimEnd('/') ?? "";
        var known = path switch
        {
            _ when path.EndsWith("/api/validate-api-key", StringComparison.Ordinal) => new OutlitCallInfo("validateApiKey", true),
            _ when path.EndsWith("/api/tools/call", StringComparison.Ordinal) => new OutlitCallInfo("callTool", false),
            _ when path.EndsWith("/api/integrations/connect/status", StringComparison.Ordinal) => new OutlitCallInfo("getIntegrationConnectionStatus", true),
            _ when path.EndsWith("/api/integrations/connect", StringComparison.Ordinal) => new OutlitCallInfo("connectIntegration", false),
            _ when path.EndsWith("/api/integrations/disconnect", StringComparison.Ordinal) => new OutlitCallInfo("disconnectIntegration", false),
            _ when path.EndsWith("/api/integrations/setup-step", StringComparison.Ordinal) => new OutlitCallInfo("runIntegrationSetupStep", false),
            _ when path.EndsWith("/api/integrations/capabilities", StringComparison.Ordinal) => new OutlitCallInfo("getIntegrationCapabilities", true),
            _ when path.EndsWith("/api/integrations/sync-status", StringComparison.Ordinal) => new OutlitCallInfo("getIntegrationSyncStatus", true),
            _ when path.EndsWith("/api/integrations", StringComparison.Ordinal) => new OutlitCallInfo("listIntegrations", true),
            _ => null,
        };
        var safeMethod = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options;
        return known ?? new OutlitCallInfo($"{request.Method.Method} {path}", safeMethod);
    }

    private sealed class Restore(OutlitCallInfo? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

using System.Text.Json;

namespace Outlit.Testing;

/// <summary>An event the ingest route accepted, with the batch fields it arrived with.</summary>
/// <param name="Type">The event kind (<c>pageview</c>, <c>custom</c>, …).</param>
/// <param name="Event">The event object exactly as sent.</param>
/// <param name="VisitorId">The batch's <c>visitorId</c>, if any.</param>
/// <param name="Source">The batch's <c>source</c> (<c>client</c> when left out).</param>
/// <param name="UserIdentity">The batch's <c>userIdentity</c> object, if any.</param>
/// <param name="CustomerIdentity">The batch's <c>customerIdentity</c> object, if any.</param>
/// <param name="ReceivedAt">When the server accepted the batch.</param>
public sealed record MockIngestEvent(
    string Type,
    JsonElement Event,
    string? VisitorId,
    string Source,
    JsonElement? UserIdentity,
    JsonElement? CustomerIdentity,
    DateTimeOffset ReceivedAt);

/// <summary>A notification recorded by <c>outlit_send_notification</c> (nothing is sent anywhere).</summary>
/// <param name="Id">ID returned to the caller.</param>
/// <param name="Input">The tool input exactly as sent.</param>
/// <param name="SentAt">When it was recorded.</param>
public sealed record MockNotification(string Id, JsonElement Input, DateTimeOffset SentAt)
{
    /// <summary>The <c>title</c> of the notification.</summary>
    public string Title => Input.GetProperty("title").GetString() ?? "";
}

/// <summary>State of a browser connection session.</summary>
public enum MockSessionStatus
{
    /// <summary>Waiting for the user to finish in the browser.</summary>
    Pending,

    /// <summary>The provider is connected.</summary>
    Connected,

    /// <summary>Authorization failed; the status carries an error.</summary>
    Failed,

    /// <summary>The session ran out before it was completed.</summary>
    Expired,
}

/// <summary>A browser connection session as the server sees it.</summary>
/// <param name="SessionId">The ID returned by the connect route.</param>
/// <param name="Provider">Public provider ID.</param>
/// <param name="Status">Current state.</param>
/// <param name="Polls">Status polls received so far.</param>
/// <param name="Error">The failure message of a failed session.</param>
public sealed record MockConnectSession(string SessionId, string Provider, MockSessionStatus Status, int Polls, string? Error);

/// <summary>A connected integration. Credentials sent in <c>config</c> are never kept.</summary>
/// <param name="Provider">Public provider ID.</param>
/// <param name="ConnectionId">Connection ID reported by the API.</param>
/// <param name="ConnectedAt">When it was connected.</param>
/// <param name="ThroughBrowserSession">Whether it was connected by a browser session rather than direct credentials.</param>
public sealed record MockConnection(string Provider, string ConnectionId, DateTimeOffset ConnectedAt, bool ThroughBrowserSession);

/// <summary>A request the server received. Headers are not kept, so keys never end up in test output.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Query string including the leading <c>?</c>, or empty.</param>
/// <param name="StatusCode">Status answered (0 when the connection was reset).</param>
/// <param name="Fault">The injected fault applied to it, if any.</param>
public sealed record MockRequest(string Method, string Path, string Query, int StatusCode, MockFaultKind? Fault);

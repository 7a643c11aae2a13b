using System.Diagnostics.CodeAnalysis;

namespace Outlit;

/// <summary>
/// What <see cref="OutlitIntegrations.ConnectAsync"/> returned: exactly one of a <see cref="DirectConnection"/>
/// (credentials were accepted, the provider is connected) or a <see cref="BrowserSession"/> (a person must
/// finish the connection in a browser). The branch is decided from the response body; a body that fits
/// neither is an error, never a default.
/// </summary>
public abstract class ConnectResult
{
    private protected ConnectResult(bool alreadyConnected) => AlreadyConnected = alreadyConnected;

    /// <summary>True when the provider was connected before this call.</summary>
    public bool AlreadyConnected { get; }

    /// <summary>True for a <see cref="DirectConnection"/>.</summary>
    public bool IsDirect => this is DirectConnection;

    /// <summary>True for a <see cref="BrowserSession"/>.</summary>
    public bool IsBrowserSession => this is BrowserSession;

    /// <summary>Runs the function matching the branch and returns its result.</summary>
    /// <typeparam name="TResult">Result type.</typeparam>
    /// <param name="direct">Called for a direct connection.</param>
    /// <param name="browserSession">Called for a browser session.</param>
    /// <returns>The result of the function that ran.</returns>
    public TResult Match<TResult>(Func<DirectConnection, TResult> direct, Func<BrowserSession, TResult> browserSession)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(browserSession);
        return this switch
        {
            DirectConnection connection => direct(connection),
            BrowserSession session => browserSession(session),
            _ => throw new InvalidOperationException("ConnectResult has only two branches."),
        };
    }

    /// <summary>Runs the action matching the branch.</summary>
    /// <param name="direct">Called for a direct connection.</param>
    /// <param name="browserSession">Called for a browser session.</param>
    public void Switch(Action<DirectConnection> direct, Action<BrowserSession> browserSession)
    {
        ArgumentNullException.ThrowIfNull(direct);
        ArgumentNullException.ThrowIfNull(browserSession);
        Match(
            connection => { direct(connection); return true; },
            session => { browserSession(session); return true; });
    }

    /// <summary>Gets the direct connection, if this is one.</summary>
    /// <param name="connection">The direct connection, or null.</param>
    /// <returns>True for a direct connection.</returns>
    public bool TryGetDirect([NotNullWhen(true)] out DirectConnection? connection)
    {
        connection = this as DirectConnection;
        return connection is not null;
    }

    /// <summary>Gets the browser session, if this is one.</summary>
    /// <param name="session">The browser session, or null.</param>
    /// <returns>True for a browser session.</returns>
    public bool TryGetBrowserSession([NotNullWhen(true)] out BrowserSession? session)
    {
        session = this as BrowserSession;
        return session is not null;
    }
}

/// <summary>The provider accepted the credentials: it is connected.</summary>
public sealed class DirectConnection : ConnectResult
{
    /// <summary>Creates the result (public so tests of calling code can build one).</summary>
    /// <param name="connectionId">ID of the connection.</param>
    /// <param name="alreadyConnected">True when it existed before the call.</param>
    public DirectConnection(string connectionId, bool alreadyConnected) : base(alreadyConnected)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        ConnectionId = connectionId;
    }

    /// <summary>ID of the connection.</summary>
    public string ConnectionId { get; }

    /// <summary>Describes the result.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"DirectConnection {{ ConnectionId = {ConnectionId}, AlreadyConnected = {AlreadyConnected} }}";
}

/// <summary>A browser session was opened: send the user to <see cref="ConnectUrl"/>, then wait with <see cref="OutlitIntegrations.WaitForConnectionAsync"/>.</summary>
public sealed class BrowserSession : ConnectResult
{
    /// <summary>Creates the result (public so tests of calling code can build one).</summary>
    /// <param name="sessionId">Session to poll.</param>
    /// <param name="connectUrl">Page where the user completes the connection.</param>
    /// <param name="alreadyConnected">True when the provider was connected before the call.</param>
    public BrowserSession(string sessionId, Uri connectUrl, bool alreadyConnected) : base(alreadyConnected)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(connectUrl);
        SessionId = sessionId;
        ConnectUrl = connectUrl;
    }

    /// <summary>Session to poll with <see cref="OutlitIntegrations.WaitForConnectionAsync"/>.</summary>
    public string SessionId { get; }

    /// <summary>Page where the user completes the provider's authorization.</summary>
    public Uri ConnectUrl { get; }

    /// <summary>Describes the result.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"BrowserSession {{ SessionId = {SessionId}, ConnectUrl = {ConnectUrl}, AlreadyConnected = {AlreadyConnected} }}";
}

namespace Outlit;

/// <summary>The outcome of <see cref="OutlitIntegrations.DisconnectAsync"/>: disconnected, or there was nothing to disconnect.</summary>
/// <param name="Provider">The provider asked for (normalized).</param>
/// <param name="Disconnected">True when a connection was removed; false when the provider was not connected (the documented 404).</param>
/// <param name="Message">The server's explanation when nothing was disconnected.</param>
public sealed record DisconnectResult(ProviderId Provider, bool Disconnected, string? Message)
{
    /// <summary>True when the provider had no active connection.</summary>
    public bool WasNotConnected => !Disconnected;
}

/// <summary>
/// Setup capabilities of one or all providers, as one shape: the server answers a single-provider request
/// with an envelope and an all-providers request with a map; both end up here as a list.
/// </summary>
public sealed class IntegrationCapabilitySet
{
    /// <summary>Creates the set (public so tests of calling code can build one).</summary>
    /// <param name="providers">Capabilities, one per provider.</param>
    /// <param name="isSingleProvider">True when the request named one provider.</param>
    public IntegrationCapabilitySet(IReadOnlyList<ProviderCapability> providers, bool isSingleProvider)
    {
        Providers = providers ?? throw new ArgumentNullException(nameof(providers));
        IsSingleProvider = isSingleProvider;
    }

    /// <summary>Capabilities, one entry per provider, in the server's order.</summary>
    public IReadOnlyList<ProviderCapability> Providers { get; }

    /// <summary>True when the request named a provider (the envelope shape).</summary>
    public bool IsSingleProvider { get; }

    /// <summary>Finds a provider's capabilities by id or alias (<c>gmail</c> works).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The capabilities, or null when the provider is not in the set.</returns>
    public ProviderCapability? Find(ProviderId provider)
    {
        var wanted = provider.Normalized();
        return Providers.FirstOrDefault(p => p.ProviderId == wanted)
            ?? Providers.FirstOrDefault(p => string.Equals(p.CliName, provider.ToString().Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A browser connection session ended without connecting: base of the failed and expired outcomes.</summary>
public abstract class OutlitConnectionSessionException : OutlitException
{
    private protected OutlitConnectionSessionException(string message, string sessionId, IntegrationConnectionStatusResponse status)
        : base(message)
    {
        SessionId = sessionId;
        LastStatus = status;
    }

    /// <summary>The session that ended.</summary>
    public string SessionId { get; }

    /// <summary>The last status the server reported.</summary>
    public IntegrationConnectionStatusResponse LastStatus { get; }
}

/// <summary>The user or the provider ended the browser connection with a failure; <see cref="ServerError"/> says why when the server did.</summary>
public class OutlitConnectionFailedException : OutlitConnectionSessionException
{
    /// <summary>Creates the error.</summary>
    /// <param name="sessionId">The session that failed.</param>
    /// <param name="status">The final status reported by the server.</param>
    public OutlitConnectionFailedException(string sessionId, IntegrationConnectionStatusResponse status)
        : base($"Connecting {status?.Provider} failed{(string.IsNullOrEmpty(status?.Error) ? "" : ": " + OutlitRedactor.Redact(status!.Error, []))}.", sessionId, status!)
    {
        // The server's text, like every message it chooses, may echo the request: the only secret a status poll carries
        // is the API key, which the redactor recognizes by its shape in any escaping.
        ServerError = status!.Error is { } error ? OutlitRedactor.Redact(error, []) : null;
    }

    /// <summary>The server's reason (the status' <c>error</c>), when given.</summary>
    public string? ServerError { get; }
}

/// <summary>The browser connection session expired before the user completed it; start a new one with <see cref="OutlitIntegrations.ConnectAsync"/>.</summary>
public class OutlitConnectionExpiredException : OutlitConnectionSessionException
{
    /// <summary>Creates the error.</summary>
    /// <param name="sessionId">The session that expired.</param>
    /// <param name="status">The final status reported by the server.</param>
    public OutlitConnectionExpiredException(string sessionId, IntegrationConnectionStatusResponse status)
        : base($"The connection session for {status?.Provider} expired before it was completed.", sessionId, status!)
    {
    }
}

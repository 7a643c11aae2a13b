namespace Outlit.Testing.Internal;

/// <summary>Where one provider stands: connected or not, a browser session waiting, its mapping step done.</summary>
internal sealed record IntegrationView(bool Connected, bool AwaitingAuth, bool Mapped);

/// <summary>A browser session the integration tools handed out; all null when the provider was connected already.</summary>
internal sealed record IntegrationHandoff(string? SessionId, Uri? ConnectUrl, DateTimeOffset? ExpiresAt);

/// <summary>
/// The server's integration state as the integration tools use it. The tools and the REST integration routes
/// must agree on what is connected, so the tools change that state only through the server, under its lock.
/// </summary>
internal interface IIntegrationHost
{
    IntegrationView View(Provider provider);

    /// <summary>Opens a browser session for <paramref name="provider"/>, unless it is connected already.</summary>
    IntegrationHandoff BeginHandoff(Provider provider);

    /// <summary>Reads a session's status, counting the read as one poll the way the REST status route does; null when unknown.</summary>
    (string ProviderId, string Status)? PollSession(string sessionId);

    /// <summary>Connects a provider from credentials; the plan's refusal when the connection limit is reached, else null.</summary>
    string? ConnectWithCredentials(Provider provider);

    /// <summary>Records that the provider's mapping step (pipelines, account keys) was completed.</summary>
    void MarkMapped(Provider provider);
}

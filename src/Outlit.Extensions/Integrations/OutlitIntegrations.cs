using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// Integration management (<c>/api/integrations/*</c>): list providers, inspect setup capabilities, connect
/// (directly or through a browser session), wait for a browser connection, run follow-up setup steps,
/// check sync status and disconnect. Reach it through <see cref="OutlitClient.Integrations"/>.
/// </summary>
/// <remarks>
/// Provider arguments accept the documented ids and the <c>gmail</c> alias (any <see cref="ProviderId"/>, or a
/// string); they are normalized before sending. Connect, disconnect and setup steps change state, so they are
/// retried only when the request never reached the server.
/// </remarks>
public class OutlitIntegrations
{
    /// <summary>How long <see cref="WaitForConnectionAsync"/> waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultConnectionWaitTimeout = TimeSpan.FromMinutes(10);

    private readonly OutlitCall? call;

    internal OutlitIntegrations(OutlitCall call) => this.call = call;

    /// <summary>For mocking frameworks only.</summary>
    protected OutlitIntegrations()
    {
    }

    private OutlitCall Call => call ?? throw new InvalidOperationException("This OutlitIntegrations was created for mocking and cannot send requests.");

    /// <summary>Lists the integrations available to the organization with their connection state.</summary>
    /// <param name="connectedOnly">True to list only connected integrations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per provider.</returns>
    public virtual async Task<IReadOnlyList<Integration>> ListAsync(bool connectedOnly = false, CancellationToken cancellationToken = default)
    {
        var response = await Call.GeneratedAsync("listIntegrations", idempotent: true, api => api.ListIntegrationsAsync(connectedOnly, cancellationToken)).ConfigureAwait(false);
        return response.Items?.ToList() ?? [];
    }

    /// <summary>
    /// Gets setup capabilities (setup mode, credential fields, follow-up steps) of one provider or of all.
    /// Both answers of the server, the single-provider envelope and the all-providers map, come back as the
    /// same <see cref="IntegrationCapabilitySet"/>.
    /// </summary>
    /// <param name="provider">A provider id or alias; null for all providers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The capabilities.</returns>
    public virtual async Task<IntegrationCapabilitySet> GetCapabilitiesAsync(ProviderId? provider = null, CancellationToken cancellationToken = default)
    {
        const string operation = "getIntegrationCapabilities";

        // The response is a oneOf (envelope or map); the raw body is read here so the branch is decided on the
        // actual keys rather than on a generated class that merges both shapes.
        var path = provider is { } one ? "api/integrations/capabilities?provider=" + Uri.EscapeDataString(one.Normalized().ToString()) : "api/integrations/capabilities";
        var response = await Call.Transport.SendAsync(HttpMethod.Get, path, null, operation, idempotent: true, cancellationToken).ConfigureAwait(false);
        var json = Call.ReadObject(response.Body, operation);

        if (json["provider"] is JObject single)
        {
            return new IntegrationCapabilitySet([Call.Read<ProviderCapability>(single.ToString(), operation)], isSingleProvider: true);
        }

        var all = new List<ProviderCapability>();
        foreach (var property in json.Properties())
        {
            if (property.Value is not JObject entry)
            {
                throw new OutlitResponseFormatException($"The Outlit response to {operation} has a non-object entry \"{property.Name}\"; expected a provider envelope or a map of providers.");
            }

            var capability = Call.Read<ProviderCapability>(entry.ToString(), operation);
            if (string.IsNullOrEmpty(capability.ProviderId.ToString()))
            {
                capability.ProviderId = new ProviderId(property.Name);
            }

            all.Add(capability);
        }

        return new IntegrationCapabilitySet(all, isSingleProvider: false);
    }

    /// <summary>
    /// Connects a provider. With <paramref name="config"/> (the provider's credential fields, see
    /// <see cref="GetCapabilitiesAsync"/>) the connection is made directly; without it a browser session is opened.
    /// </summary>
    /// <param name="provider">A provider id or alias.</param>
    /// <param name="config">Credential fields as a dictionary, an anonymous object or a JObject; null for a browser session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A <see cref="DirectConnection"/> or a <see cref="BrowserSession"/>, decided by the response body.</returns>
    /// <exception cref="OutlitConnectionLimitException">The plan's connection limit is reached.</exception>
    /// <exception cref="OutlitResponseFormatException">The body is neither of the two documented shapes.</exception>
    public virtual async Task<ConnectResult> ConnectAsync(ProviderId provider, object? config = null, CancellationToken cancellationToken = default)
    {
        const string operation = "connectIntegration";
        var body = new JObject { ["provider"] = provider.Normalized().ToString() };
        if (config is not null)
        {
            body["config"] = Call.ToObject(config, nameof(config));
        }

        var json = await Call.Transport.SendAsync(HttpMethod.Post, "api/integrations/connect", Call.Serialize(body), operation, idempotent: false, (stream, length) => Call.ReadObject(stream, operation, length), cancellationToken).ConfigureAwait(false);
        return ParseConnectResult(json);
    }

    /// <summary>Decides the branch of a connect response from its keys: <c>sessionId</c> + <c>connectUrl</c>, or <c>connectionId</c>.</summary>
    internal static ConnectResult ParseConnectResult(JObject json)
    {
        static string? Text(JObject o, string name) => o[name] is JValue { Type: JTokenType.String } v && !string.IsNullOrEmpty((string?)v) ? (string?)v : null;

        var alreadyConnected = json["alreadyConnected"] is JValue { Type: JTokenType.Boolean } flag && (bool)flag;
        var sessionId = Text(json, "sessionId");
        var connectUrl = Text(json, "connectUrl");
        var connectionId = Text(json, "connectionId");
        var isSession = sessionId is not null && connectUrl is not null;
        var isDirect = connectionId is not null;

        if (isSession && isDirect)
        {
            throw new OutlitResponseFormatException("The connect response has both a connectionId and a browser session; it matches neither documented shape alone.");
        }

        if (isSession)
        {
            if (!Uri.TryCreate(connectUrl, UriKind.Absolute, out var url))
            {
                throw new OutlitResponseFormatException("The connect response's connectUrl is not an absolute URL.");
            }

            return new BrowserSession(sessionId!, url, alreadyConnected);
        }

        if (isDirect)
        {
            return new DirectConnection(connectionId!, alreadyConnected);
        }

        var keys = string.Join(", ", json.Properties().Select(p => p.Name));
        throw new OutlitResponseFormatException($"The connect response matches neither a direct connection (connectionId) nor a browser session (sessionId, connectUrl); it has: {(keys.Length == 0 ? "no keys" : keys)}.");
    }

    /// <summary>Gets the current state of a browser connection session once.</summary>
    /// <param name="sessionId">The session from <see cref="BrowserSession.SessionId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status (<c>pending</c>, <c>connected</c>, <c>failed</c>, <c>expired</c>, or a value added later).</returns>
    public virtual Task<IntegrationConnectionStatusResponse> GetConnectionStatusAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Call.GeneratedAsync("getIntegrationConnectionStatus", idempotent: true, api => api.GetIntegrationConnectionStatusAsync(sessionId, cancellationToken));
    }

    /// <summary>
    /// Polls a browser connection session, with growing intervals, until it is connected. Each status is
    /// reported to <paramref name="progress"/>; an unknown status keeps the wait going.
    /// </summary>
    /// <param name="sessionId">The session from <see cref="BrowserSession.SessionId"/>.</param>
    /// <param name="timeout">How long to wait; <see cref="DefaultConnectionWaitTimeout"/> when null.</param>
    /// <param name="progress">Receives every status read.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The <c>connected</c> status.</returns>
    /// <exception cref="OutlitConnectionFailedException">The session failed (with the server's error, if any).</exception>
    /// <exception cref="OutlitConnectionExpiredException">The session expired.</exception>
    /// <exception cref="OutlitTimeoutException">The timeout elapsed first.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public virtual async Task<IntegrationConnectionStatusResponse> WaitForConnectionAsync(
        string sessionId,
        TimeSpan? timeout = null,
        IProgress<IntegrationConnectionStatusResponse>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var settings = Call.Settings;
        var limit = timeout ?? DefaultConnectionWaitTimeout;
        if (limit != Timeout.InfiniteTimeSpan && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        using var deadline = new CancellationTokenSource(limit, settings.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var interval = settings.ConnectionPollInterval;
        IntegrationConnectionStatusResponse? last = null;
        try
        {
            while (true)
            {
                last = await GetConnectionStatusAsync(sessionId, linked.Token).ConfigureAwait(false);
                progress?.Report(last);
                if (last.Status == IntegrationConnectionStatusResponseStatus.Connected)
                {
                    return last;
                }

                if (last.Status == IntegrationConnectionStatusResponseStatus.Failed)
                {
                    throw new OutlitConnectionFailedException(sessionId, last);
                }

                if (last.Status == IntegrationConnectionStatusResponseStatus.Expired)
                {
                    throw new OutlitConnectionExpiredException(sessionId, last);
                }

                await Task.Delay(interval, settings.TimeProvider, linked.Token).ConfigureAwait(false);
                interval = TimeSpan.FromTicks(Math.Min(settings.ConnectionPollMaxInterval.Ticks, (long)(interval.Ticks * 1.5)));
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new OutlitTimeoutException($"The connection session was not completed within {limit} (last status: {last?.Status.ToString() ?? "none read"}).", ex);
        }
        catch (OutlitTimeoutException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new OutlitTimeoutException($"The connection session was not completed within {limit} (last status: {last?.Status.ToString() ?? "none read"}).", ex);
        }
    }

    /// <summary>
    /// Runs a follow-up setup step of a connected provider (for example <c>mappings</c> or <c>webhooks</c>, as
    /// listed in <see cref="ProviderCapability.PostConnectSteps"/>).
    /// </summary>
    /// <param name="provider">A provider id or alias.</param>
    /// <param name="step">The step token.</param>
    /// <param name="config">Step-specific settings; null to get what the step needs (pipelines, webhook URL…).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The step's response, whose fields depend on the step.</returns>
    public virtual async Task<JObject> RunSetupStepAsync(ProviderId provider, string step, object? config = null, CancellationToken cancellationToken = default)
    {
        const string operation = "runIntegrationSetupStep";
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        var body = new JObject { ["provider"] = provider.Normalized().ToString(), ["step"] = step.Trim() };
        if (config is not null)
        {
            body["config"] = Call.ToObject(config, nameof(config));
        }

        var response = await Call.Transport.SendAsync(HttpMethod.Post, "api/integrations/setup-step", Call.Serialize(body), operation, idempotent: false, cancellationToken).ConfigureAwait(false);
        return Call.ReadObject(response.Body, operation);
    }

    /// <summary>Gets the connection and per-model sync status of a provider; a valid but unconnected provider reports <c>not_connected</c>.</summary>
    /// <param name="provider">A provider id or alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sync status.</returns>
    public virtual async Task<IntegrationSyncStatusResponse> GetSyncStatusAsync(ProviderId provider, CancellationToken cancellationToken = default)
    {
        var normalized = provider.Normalized();
        return await Call.GeneratedAsync("getIntegrationSyncStatus", idempotent: true, api => api.GetIntegrationSyncStatusAsync(normalized, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Disconnects a provider. A provider that was not connected is a normal outcome
    /// (<see cref="DisconnectResult.WasNotConnected"/>), not an exception.
    /// </summary>
    /// <param name="provider">A provider id or alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether a connection was removed.</returns>
    public virtual async Task<DisconnectResult> DisconnectAsync(ProviderId provider, CancellationToken cancellationToken = default)
    {
        const string operation = "disconnectIntegration";
        var normalized = provider.Normalized();
        try
        {
            // 404 is let through the pipeline so the generated client reads it with its documented schema.
            var response = await Call.GeneratedAsync(
                operation,
                idempotent: false,
                api => api.DisconnectIntegrationAsync(new IntegrationDisconnectRequest { Provider = normalized }, cancellationToken),
                passThroughStatus: 404).ConfigureAwait(false);
            return new DisconnectResult(normalized, response.Success, null);
        }
        catch (ApiException<IntegrationDisconnectNotConnectedResponse> ex) when (ex.StatusCode == 404 && ex.Result is { Success: false })
        {
            return new DisconnectResult(normalized, false, ex.Result.Message);
        }
        catch (ApiException ex)
        {
            // A 404 without the documented body (an HTML page from a proxy, say) is a real not-found.
            throw Call.Translate(ex, operation);
        }
    }
}

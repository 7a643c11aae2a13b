using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// Integration management (<c>/api/integrations/*</c>): list providers, inspect setup capabilities, connect
/// (directly or through a browser session), wait for a browser connection, run follow-up setup steps,
/// check sync status and disconnect. Reach it through <see cref="OutlitClient.Integrations"/>.
/// </summary>
/// <remarks>
/// Provider arguments accept the documented ids and the aliases the contract lists for them (any <see cref="ProviderId"/>,
/// or a string); they are normalized before sending, and a blank one is an <see cref="ArgumentException"/>. Connect, disconnect and setup steps change state, so they are
/// retried only when the request never reached the server.
/// </remarks>
public class OutlitIntegrations
{
    /// <summary>How long <see cref="WaitForConnectionAsync"/> waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultConnectionWaitTimeout = TimeSpan.FromMinutes(10);

    private readonly OutlitPlatformApi? api;
    private readonly OutlitClientSettings? settings;

    internal OutlitIntegrations(OutlitPlatformApi api, OutlitClientSettings settings)
    {
        this.api = api;
        this.settings = settings;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected OutlitIntegrations()
    {
    }

    private OutlitPlatformApi Api => api ?? throw NotConstructed();

    private OutlitClientSettings Settings => settings ?? throw NotConstructed();

    private static InvalidOperationException NotConstructed() => new("This OutlitIntegrations was created for mocking and cannot send requests.");

    /// <summary>Lists the integrations available to the organization with their connection state.</summary>
    /// <param name="connectedOnly">True to list only connected integrations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per provider.</returns>
    public virtual async Task<IReadOnlyList<Integration>> ListAsync(bool connectedOnly = false, CancellationToken cancellationToken = default)
    {
        var response = await Api.ListIntegrationsAsync(connectedOnly, cancellationToken).ConfigureAwait(false);
        return response.Items.ToList();
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
        // The answer is a oneOf (envelope or map): it is read as JSON so the branch is decided on the actual keys
        // rather than on the generated class that merges both shapes.
        var json = await Api.GetIntegrationCapabilitiesAsync<JObject>(provider is { } wanted ? ProviderId.Parse(wanted.ToString()) : (ProviderId?)null, context: null, cancellationToken).ConfigureAwait(false);
        if (json["provider"] is JObject single)
        {
            return new IntegrationCapabilitySet([ReadBranch<ProviderCapability>(single, "provider")], isSingleProvider: true);
        }

        var all = new List<ProviderCapability>();
        foreach (var property in json.Properties())
        {
            if (property.Value is not JObject entry)
            {
                throw new OutlitResponseFormatException($"The Outlit response to getIntegrationCapabilities has a non-object entry \"{property.Name}\"; expected a provider envelope or a map of providers.");
            }

            var capability = ReadBranch<ProviderCapability>(entry, property.Name);
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
        var normalized = ProviderId.Parse(provider.ToString());
        var (credentials, secrets) = SettingsToSend(config, nameof(config));
        var response = await Api.ConnectIntegrationAsync<IntegrationConnectResponse>(
            new IntegrationConnectRequest { Provider = normalized, Config = credentials },
            new OutlitRequestContext { Secrets = secrets },
            cancellationToken).ConfigureAwait(false);
        return ToConnectResult(response);
    }

    /// <summary>
    /// Maps the generated union to the two outcomes. Which variant the answer is was decided when it was read, from
    /// what each variant of the contract requires; an answer that is both is ambiguous and refused.
    /// </summary>
    internal static ConnectResult ToConnectResult(IntegrationConnectResponse response)
    {
        if (response.IsIntegrationBrowserSessionResponse && response.IsIntegrationDirectConnectionResponse)
        {
            throw new OutlitResponseFormatException("The connect response is both a direct connection and a browser session; it matches neither documented shape alone.");
        }

        if (response.IsIntegrationBrowserSessionResponse)
        {
            if (!response.ConnectUrl!.IsAbsoluteUri)
            {
                throw new OutlitResponseFormatException("The connect response's connectUrl is not an absolute URL.");
            }

            return new BrowserSession(response.SessionId!, response.ConnectUrl!, response.AlreadyConnected == true);
        }

        return new DirectConnection(response.ConnectionId!, response.AlreadyConnected == true);
    }

    /// <summary>Gets the current state of a browser connection session once.</summary>
    /// <param name="sessionId">The session from <see cref="BrowserSession.SessionId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status (<c>pending</c>, <c>connected</c>, <c>failed</c>, <c>expired</c>, or a value added later).</returns>
    public virtual Task<IntegrationConnectionStatusResponse> GetConnectionStatusAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        return Api.GetIntegrationConnectionStatusAsync(sessionId, cancellationToken);
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
        var settings = Settings;
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
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        var (stepConfig, secrets) = SettingsToSend(config, nameof(config));
        return await Api.RunIntegrationSetupStepAsync<JObject>(
            new IntegrationSetupStepRequest { Provider = ProviderId.Parse(provider.ToString()), Step = step.Trim(), Config = stepConfig },
            new OutlitRequestContext { Secrets = secrets },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the connection and per-model sync status of a provider; a valid but unconnected provider reports <c>not_connected</c>.</summary>
    /// <param name="provider">A provider id or alias.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sync status.</returns>
    public virtual async Task<IntegrationSyncStatusResponse> GetSyncStatusAsync(ProviderId provider, CancellationToken cancellationToken = default)
    {
        var normalized = ProviderId.Parse(provider.ToString());
        return await Api.GetIntegrationSyncStatusAsync(normalized, cancellationToken).ConfigureAwait(false);
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
        var normalized = ProviderId.Parse(provider.ToString());
        // The contract documents "not connected" (404) as an answer, so it comes back as a result, not an error.
        var result = await Api.DisconnectIntegrationAsync(new IntegrationDisconnectRequest { Provider = normalized }, cancellationToken).ConfigureAwait(false);
        return new DisconnectResult(normalized, result.Success == true, result.Success == true ? null : result.Message);
    }

    /// <summary>Reads one branch of a union answer under the client's JSON policy; a branch of another shape is a format error naming it.</summary>
    private static T ReadBranch<T>(JObject branch, string name)
    {
        try
        {
            return OutlitJson.ToObject<T>(branch);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new OutlitResponseFormatException($"The Outlit response to getIntegrationCapabilities has an entry \"{name}\" that is not a provider capability: {OutlitRedactor.Redact(ex.Message, [])}");
        }
    }

    /// <summary>
    /// Caller-supplied settings (credentials, a setup step's settings) as they are sent, with the secrets they carry. A
    /// map of strings, the usual shape of credentials, is an object by construction and its values are the secrets: it
    /// is sent as it is. Any other shape is read as JSON first, which also checks that it is an object.
    /// </summary>
    private static (object? Body, string[] Secrets) SettingsToSend(object? value, string parameterName)
    {
        switch (value)
        {
            case null:
                return (null, []);
            case IReadOnlyDictionary<string, string> fields:
                return (fields, [.. fields.Values.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal)]);
            default:
                var json = ToJsonObject(value, parameterName);
                return (json, SecretsOf(json));
        }
    }

    /// <summary>Turns caller-supplied settings (a dictionary, an anonymous object, a JObject) into a JSON object.</summary>
    private static JObject ToJsonObject(object value, string parameterName)
    {
        JToken token;
        try
        {
            token = OutlitJson.ToToken(value);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new ArgumentException($"The value cannot be sent: {ex.GetType().Name}.", parameterName, ex);
        }

        return token as JObject ?? throw new ArgumentException("Expected a value that serializes to a JSON object.", parameterName);
    }

    /// <summary>Every string value of caller-supplied settings: credentials and webhook secrets, kept out of every message.</summary>
    private static string[] SecretsOf(JObject? settings)
    {
        if (settings is null)
        {
            return [];
        }

        var secrets = new List<string>();
        Collect(settings, secrets);
        return [.. secrets];

        // A walk of the few values a credential object holds, without the iterator chain a query over Descendants builds.
        static void Collect(JToken token, List<string> secrets)
        {
            switch (token)
            {
                case JValue { Type: JTokenType.String, Value: string { Length: > 0 } text } when !secrets.Contains(text):
                    secrets.Add(text);
                    break;
                case JContainer container:
                    foreach (var child in container.Children())
                    {
                        Collect(child, secrets);
                    }

                    break;
            }
        }
    }
}

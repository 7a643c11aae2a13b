namespace Outlit;

/// <summary>
/// Entry point to the Outlit Platform API: integrations (<see cref="Integrations"/>), customer intelligence
/// tools (<see cref="Tools"/>) and key validation. Create one per API key and reuse it; it is thread-safe.
/// </summary>
/// <remarks>
/// Every call goes through one pipeline built with the client: operation labelling and error translation,
/// bearer authentication (for the configured host only), retry with per-attempt and total timeouts, logging,
/// transport. Members are virtual and a protected constructor exists so the client can be mocked.
/// </remarks>
public partial class OutlitClient : IDisposable
{
    private readonly HttpClient? http;
    private readonly bool ownsHttp;
    private readonly OutlitClientSettings? settings;
    private readonly OutlitRawTransport? transport;
    private readonly OutlitCall? call;
    private readonly OutlitIntegrations? integrations;
    private readonly OutlitTools? tools;

    /// <summary>Creates a client with the given API key and default settings.</summary>
    /// <param name="apiKey">An Outlit API key (<c>ok_…</c>).</param>
    /// <exception cref="OutlitConfigurationException">The key is missing or malformed.</exception>
    public OutlitClient(string apiKey)
        : this(new OutlitClientOptions { ApiKey = apiKey ?? throw new OutlitConfigurationException("No Outlit API key: the apiKey argument is null.") })
    {
    }

    /// <summary>Creates a client from options; the key falls back to the <c>OUTLIT_API_KEY</c> environment variable.</summary>
    /// <param name="options">Client settings.</param>
    /// <exception cref="OutlitConfigurationException">The key is missing or malformed, or the base URL is refused.</exception>
    public OutlitClient(OutlitClientOptions options)
        : this(OutlitClientSettings.Resolve(options ?? throw new ArgumentNullException(nameof(options))), httpClient: null)
    {
    }

    /// <summary>Used by dependency injection: <paramref name="httpClient"/> already contains the pipeline.</summary>
    internal OutlitClient(OutlitClientSettings settings, HttpClient? httpClient)
    {
        this.settings = settings;
        ownsHttp = httpClient is null;
        http = httpClient ?? OutlitPipeline.CreateHttpClient(settings);
        transport = new OutlitRawTransport(http);
        // Streams success bodies; a body that fails to deserialize still reaches the error with its first bytes.
        var api = new OutlitStreamingApiClient(http) { BaseUrl = settings.BaseUrl.ToString() };
        call = new OutlitCall(settings, api, transport);
        integrations = new OutlitIntegrations(call);
        tools = new OutlitTools(call);
    }

    /// <summary>For mocking frameworks only: a client created this way has no connection and fails on use.</summary>
    protected OutlitClient()
    {
    }

    /// <summary>The configured API root.</summary>
    public virtual Uri BaseUrl => Settings.BaseUrl;

    internal OutlitClientSettings Settings => settings ?? throw NotConstructed();

    internal HttpClient Http => http ?? throw NotConstructed();

    internal OutlitRawTransport Transport => transport ?? throw NotConstructed();

    /// <summary>Integration management: list, capabilities, connect, wait for a browser connection, setup steps, sync status, disconnect.</summary>
    public virtual OutlitIntegrations Integrations => integrations ?? throw NotConstructed();

    /// <summary>The customer intelligence tools, one typed method each, with paging helpers and a generic call.</summary>
    public virtual OutlitTools Tools => tools ?? throw NotConstructed();

    /// <summary>
    /// What the contract drift check has found in this client's responses (with dependency injection: in the
    /// responses of every client of the registration). Counts stay zero unless
    /// <see cref="OutlitClientOptions.ContractDriftDetection"/> is on.
    /// </summary>
    public virtual OutlitContractDriftMonitor ContractDrift => Settings.ContractDrift;

    /// <summary>
    /// The generated client for the raw operations, sharing this client's pipeline (authentication, retries,
    /// error translation). Prefer <see cref="Integrations"/> and <see cref="Tools"/>, which add the typed unions,
    /// paging and normalization.
    /// </summary>
    public virtual IOutlitApiClient Api => (call ?? throw NotConstructed()).Api;

    /// <summary>
    /// Asks the server whether the configured API key is accepted. A rejected key (401) is reported as
    /// <see cref="ApiKeyValidationResult.IsValid"/> = false rather than thrown; other failures throw.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the key is valid and, when it is, the organization it belongs to.</returns>
    public virtual async Task<ApiKeyValidationResult> ValidateApiKeyAsync(CancellationToken cancellationToken = default)
    {
        var outlit = call ?? throw NotConstructed();
        try
        {
            var result = await outlit.GeneratedAsync("validateApiKey", idempotent: true, api => api.ValidateApiKeyAsync(cancellationToken)).ConfigureAwait(false);
            return new ApiKeyValidationResult(result.Valid, result.OrganizationId, result.CreatedById, null);
        }
        catch (OutlitAuthenticationException ex)
        {
            return new ApiKeyValidationResult(false, null, null, ex.ServerMessage);
        }
    }

    /// <summary>Describes the client without its API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => settings is null ? "OutlitClient (not connected)" : $"OutlitClient {{ BaseUrl = {settings.BaseUrl}, ApiKey = {OutlitRedactor.Mask} }}";

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HttpClient the client created itself; caller-supplied clients and handlers are left alone.</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && ownsHttp)
        {
            http?.Dispose();
        }
    }

    private static InvalidOperationException NotConstructed() =>
        new("This OutlitClient was created with the protected constructor (for mocking) and cannot send requests.");
}

/// <summary>The answer of <see cref="OutlitClient.ValidateApiKeyAsync"/>.</summary>
/// <param name="IsValid">True when the server accepted the key.</param>
/// <param name="OrganizationId">The organization the key belongs to, when valid.</param>
/// <param name="CreatedById">The user who created the key, when the server says.</param>
/// <param name="ServerMessage">The server's reason when the key was rejected.</param>
public sealed record ApiKeyValidationResult(bool IsValid, string? OrganizationId, string? CreatedById, string? ServerMessage);

namespace Outlit;

/// <summary>
/// Entry point to the Outlit Platform API: integrations (<see cref="Integrations"/>), customer intelligence tools
/// (<see cref="Tools"/>) and key validation. Create one per API key and reuse it; it is thread-safe.
/// </summary>
/// <remarks>
/// Every call goes through one request path built with the client: the generated operation builds the request,
/// then a total timeout, retries and a per-attempt timeout wrap bearer authentication (for the configured host
/// only), logging, the body read in full and capped, and the transport; the generated reader turns the answer into
/// the result or a typed <see cref="OutlitException"/>. The client sends to the Platform API only: the ingest
/// route, which takes a public key, is reached through <see cref="OutlitIngestClient"/>, so the secret key never
/// goes there. Members are virtual and a protected constructor exists so the client can be mocked.
/// </remarks>
public partial class OutlitClient : IDisposable
{
    private readonly OutlitClientSettings? settings;
    private readonly OutlitHttpPipeline? pipeline;
    private readonly OutlitPlatformApi? api;
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

    /// <summary>Used by dependency injection: <paramref name="httpClient"/> already holds the per-try stages.</summary>
    internal OutlitClient(OutlitClientSettings settings, HttpClient? httpClient)
    {
        this.settings = settings;
        var http = httpClient ?? OutlitPipelineBuilder.CreateHttpClient(settings.Pipeline, settings.CreateApiStages());
        pipeline = new OutlitHttpPipeline(http, ownsHttp: httpClient is null, settings.Pipeline, nameof(OutlitClient));
        api = new OutlitPlatformApi(pipeline);
        integrations = new OutlitIntegrations(api, settings);
        tools = new OutlitTools(api);
    }

    /// <summary>For mocking frameworks only: a client created this way has no connection and fails on use.</summary>
    protected OutlitClient()
    {
    }

    /// <summary>The configured API root.</summary>
    public virtual Uri BaseUrl => Settings.BaseUrl;

    internal OutlitClientSettings Settings => settings ?? throw NotConstructed();

    /// <summary>The client's request path, for tests that send a raw request through its stages.</summary>
    internal OutlitHttpPipeline Pipeline => pipeline ?? throw NotConstructed();

    /// <summary>Integration management: list, capabilities, connect, wait for a browser connection, setup steps, sync status, disconnect.</summary>
    public virtual OutlitIntegrations Integrations => integrations ?? throw NotConstructed();

    /// <summary>The customer intelligence tools, one typed method each, with paging helpers and a generic call.</summary>
    public virtual OutlitTools Tools => tools ?? throw NotConstructed();

    /// <summary>
    /// What the contract drift check has found in this client's responses (with dependency injection: in the responses
    /// of every client of the registration). Counts stay zero unless <see cref="OutlitClientOptions.ContractDriftDetection"/> is on.
    /// </summary>
    public virtual OutlitContractDriftMonitor ContractDrift => Settings.ContractDrift;

    /// <summary>
    /// The generated Platform API client on this client's request path (authentication, retries, timeouts, typed
    /// errors): one method per operation of the contract. Prefer <see cref="Integrations"/> and <see cref="Tools"/>,
    /// which add the typed unions, paging and normalization.
    /// </summary>
    public virtual IOutlitPlatformApi Api => api ?? throw NotConstructed();

    /// <summary>
    /// Asks the server whether the configured API key is accepted, and with what: the organization, who created the
    /// key and the grants it carries. A rejected key is a documented answer of the operation
    /// (<see cref="ValidateApiKeyResult.IsValid"/> is false, <see cref="ValidateApiKeyResult.Error"/> says why), not an
    /// exception; other failures throw.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server's answer.</returns>
    public virtual Task<ValidateApiKeyResult> ValidateApiKeyAsync(CancellationToken cancellationToken = default) =>
        (api ?? throw NotConstructed()).ValidateApiKeyAsync(cancellationToken);

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
        if (disposing)
        {
            pipeline?.Dispose();
        }
    }

    private static InvalidOperationException NotConstructed() =>
        new("This OutlitClient was created with the protected constructor (for mocking) and cannot send requests.");
}

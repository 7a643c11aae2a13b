using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outlit.Testing.Internal;

namespace Outlit.Testing;

/// <summary>
/// An in-process stand-in for the Outlit Platform and Ingest APIs, served by Kestrel on a free
/// loopback port (or the one <see cref="OutlitMockServerOptions.Port"/> names). It keeps state like
/// the real service: integrations connect and disconnect, browser sessions move from <c>pending</c>
/// to a final state, the tool gateway answers from a seeded fake customer base, and ingest enforces
/// the documented limits and keeps what it accepted.
/// </summary>
/// <example>
/// <code>
/// await using var server = await OutlitMockServer.StartAsync();
/// var client = new HttpClient { BaseAddress = server.BaseUrl };
/// client.DefaultRequestHeaders.Authorization = new("Bearer", server.ApiKey);
/// </code>
/// </example>
public sealed partial class OutlitMockServer : IAsyncDisposable
{
    // CUSTOM: the contract states no limit for Platform bodies; the mock refuses absurd ones rather than buffer them.
    private const int MaxPlatformBody = 10 * 1024 * 1024;

    // CUSTOM: nor for an ingest body when a contract it follows states no MaxRequestBytes; the same guard applies.
    private const int MaxUndocumentedBody = 64 * 1024 * 1024;

    private readonly WebApplication app;
    private readonly OutlitMockServerOptions options;
    private readonly TimeProvider clock;
    private readonly object gate = new();
    private readonly List<FaultEntry> faults = [];
    private readonly List<MockRequest> requests = [];
    private readonly ToolGateway tools;
    private readonly ContractSchemas contract;

    private OutlitMockServer(WebApplication app, OutlitMockServerOptions options)
    {
        this.app = app;
        this.options = options;
        clock = options.TimeProvider;
        ApiKey = options.ApiKey ?? "ok_mock_" + RandomHex(24);
        PublicKey = options.PublicKey ?? "pk_mock_" + RandomHex(16);
        contract = options.ContractPath is { } path ? ContractSchemas.FromJson(File.ReadAllText(path), path) : ContractSchemas.Embedded;
        tools = new ToolGateway(FakeCustomerBase.Create(options.Seed, options.CustomerCount, options.DataAsOf), options.DataAsOf, contract, options.Seed, RecordNotification, this);
        foreach (var provider in options.ConnectedProviders)
        {
            var known = Providers.ById(provider)
                ?? throw new ArgumentException($"'{provider}' is not a public provider ID.", nameof(options));
            Connect(known, throughBrowser: !known.IsDirect);
        }
    }

    /// <summary>Root address of the server, ending with <c>/</c>; use it as the SDK's base URL.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The <c>ok_…</c> Platform API key the server accepts as a bearer token.</summary>
    public string ApiKey { get; }

    /// <summary>The <c>pk_…</c> ingest public key the server accepts in the ingest path.</summary>
    public string PublicKey { get; }

    /// <summary>The organization the API key belongs to.</summary>
    public string OrganizationId => options.OrganizationId;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<MockRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToArray();
            }
        }
    }

    /// <summary>Starts a server on a free loopback port, or where <see cref="OutlitMockServerOptions.Port"/> and <see cref="OutlitMockServerOptions.ListenAddress"/> say.</summary>
    /// <param name="options">Settings; defaults when <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<OutlitMockServer> StartAsync(OutlitMockServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OutlitMockServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.CustomerCount);
        if (options.IngestRequestsPerSecond is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "IngestRequestsPerSecond must be at least 1.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentNullException.ThrowIfNull(options.ListenAddress);
        if (options.PollsBeforeConnected is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PollsBeforeConnected cannot be negative.");
        }

        if (options.ApiKey is { } key && !key.StartsWith("ok_", StringComparison.Ordinal))
        {
            throw new ArgumentException("An Outlit API key starts with 'ok_'.", nameof(options));
        }

        if (options.PublicKey is { } pk && !pk.StartsWith("pk_", StringComparison.Ordinal))
        {
            throw new ArgumentException("An Outlit public key starts with 'pk_'.", nameof(options));
        }

        // Empty: no configuration sources, so an appsettings.json or ASPNETCORE_* variables of the hosting process or
        // its working directory cannot add endpoints or settings to the mock; the options are its whole configuration.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        // The default console lifetime would take SIGTERM and Ctrl-C from the process hosting the mock (cancelling
        // them and waiting on the mock instead), so that process no longer stops; the host's owner decides that.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(options.ListenAddress, options.Port);
            kestrel.AddServerHeader = false;
            // The 1 MB ingest limit is enforced by the route itself so it can answer in the documented format.
            kestrel.Limits.MaxRequestBodySize = MaxUndocumentedBody;
        });
        var app = builder.Build();
        var server = new OutlitMockServer(app, options);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.BaseUrl = LocalBaseUrl(new Uri(app.Urls.First()));
        return server;
    }

    /// <summary>
    /// Applies <paramref name="fault"/> to the next <paramref name="count"/> requests whose path starts with
    /// <paramref name="pathPrefix"/> (every request when <c>null</c>). Faults queue up in the order injected.
    /// </summary>
    /// <param name="fault">What to do instead of (or before) the normal answer.</param>
    /// <param name="count">How many requests it applies to.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this, e.g. <c>/api/tools</c> or <c>/api/i/v1</c>.</param>
    public void InjectFault(MockFault fault, int count = 1, string? pathPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (gate)
        {
            faults.Add(new FaultEntry(fault, count, pathPrefix));
        }
    }

    /// <summary>Drops every injected fault that has not been used yet.</summary>
    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>Stops the server and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The address a client on this machine uses: a wildcard listen address is not one it can connect to.</summary>
    private static Uri LocalBaseUrl(Uri bound)
    {
        var url = new UriBuilder(bound) { Path = "/" };
        if (IPAddress.TryParse(bound.Host, out var address))
        {
            if (address.Equals(IPAddress.Any))
            {
                url.Host = IPAddress.Loopback.ToString();
            }
            else if (address.Equals(IPAddress.IPv6Any))
            {
                url.Host = "[" + IPAddress.IPv6Loopback + "]";
            }
        }

        return url.Uri;
    }

    private async Task HandleAsync(HttpContext context)
    {
        // Real time on purpose: the duration reports how long the answer took, whatever clock the test set.
        var started = Stopwatch.GetTimestamp();
        var path = context.Request.Path.Value ?? "/";
        var fault = TakeFault(path);
        var status = 0;
        try
        {
            if (fault is not null && await ApplyFaultAsync(context, fault, path).ConfigureAwait(false))
            {
                return;
            }

            await RouteAsync(context, path).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (for example during a delay fault); there is nobody to answer.
        }
        finally
        {
            status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 0 : context.Response.StatusCode;
            if (fault?.Kind == MockFaultKind.ConnectionReset)
            {
                status = 0;
            }

            var request = new MockRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", status, fault?.Kind);
            lock (gate)
            {
                requests.Add(request);
            }

            options.OnRequestCompleted?.Invoke(request, Stopwatch.GetElapsedTime(started));
        }
    }

    private Task RouteAsync(HttpContext context, string path)
    {
        var method = context.Request.Method;
        if (path.StartsWith("/api/i/v1/", StringComparison.Ordinal))
        {
            var rest = path["/api/i/v1/".Length..];
            var slash = rest.IndexOf('/');
            if (slash > 0 && rest[(slash + 1)..] == "events")
            {
                var publicKey = Uri.UnescapeDataString(rest[..slash]);
                if (HttpMethods.IsOptions(method))
                {
                    return PreflightAsync(context);
                }

                if (HttpMethods.IsPost(method))
                {
                    return IngestAsync(context, publicKey);
                }

                return MethodNotAllowedAsync(context, "POST, OPTIONS");
            }

            return NotFoundAsync(context);
        }

        if (path == "/integrations/connect" && HttpMethods.IsGet(method))
        {
            // Not an API route: the page a user would open from connectUrl. Visiting it finishes the session.
            return BrowserConnectPageAsync(context);
        }

        (string Method, Func<HttpContext, Task> Handler)? route = path switch
        {
            "/api/validate-api-key" => ("POST", ValidateApiKeyAsync),
            "/api/tools/call" => ("POST", CallToolAsync),
            "/api/integrations" => ("GET", ListIntegrationsAsync),
            "/api/integrations/capabilities" => ("GET", CapabilitiesAsync),
            "/api/integrations/setup-step" => ("POST", SetupStepAsync),
            "/api/integrations/connect" => ("POST", ConnectAsync),
            "/api/integrations/connect/status" => ("GET", ConnectionStatusAsync),
            "/api/integrations/disconnect" => ("POST", DisconnectAsync),
            "/api/integrations/sync-status" => ("GET", SyncStatusAsync),
            _ => null,
        };
        if (route is null)
        {
            return NotFoundAsync(context);
        }

        if (!string.Equals(method, route.Value.Method, StringComparison.OrdinalIgnoreCase))
        {
            return MethodNotAllowedAsync(context, route.Value.Method);
        }

        if (!IsAuthorized(context.Request))
        {
            // Each route refuses a key in its own documented shape: the gateway's envelope, key validation's answer,
            // the older error body on the integration routes.
            return WriteJsonAsync(context, StatusCodes.Status401Unauthorized, path switch
            {
                "/api/tools/call" => GatewayError("INVALID_CREDENTIALS", "Invalid credentials", retryable: false),
                "/api/validate-api-key" => new JsonObject { ["valid"] = false, ["error"] = "Invalid credentials" },
                _ => Error("Invalid credentials"),
            });
        }

        return route.Value.Handler(context);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(ApiKey));
    }

    /// <summary>
    /// The current answer of key validation: the organization, who created the key and its grants. The shape (and
    /// the grants) come from the contract's success example; the organization and key are this server's.
    /// </summary>
    private Task ValidateApiKeyAsync(HttpContext context)
    {
        var body = tools.Generator.Component("ValidateApiKeySuccess", new Random(options.Seed)) as JsonObject ?? [];
        body["valid"] = true;
        body["organizationId"] = options.OrganizationId;
        body["createdById"] = "user_mock_owner";
        if (body["organization"] is JsonObject organization)
        {
            organization["id"] = options.OrganizationId;
        }

        if (body["createdBy"] is JsonObject creator)
        {
            creator["id"] = "user_mock_owner";
        }

        if (body["apiKey"] is JsonObject key)
        {
            key["prefix"] = ApiKey[..Math.Min(ApiKey.Length, 12)];
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, body);
    }

    private FaultEntry? TakeFaultEntry(string path)
    {
        lock (gate)
        {
            var entry = faults.FirstOrDefault(f => f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (entry is null)
            {
                return null;
            }

            entry.Remaining--;
            if (entry.Remaining == 0)
            {
                faults.Remove(entry);
            }

            return entry;
        }
    }

    private MockFault? TakeFault(string path) => TakeFaultEntry(path)?.Fault;

    /// <returns><c>true</c> when the fault produced the whole answer.</returns>
    private async Task<bool> ApplyFaultAsync(HttpContext context, MockFault fault, string path)
    {
        var ingest = path.StartsWith("/api/i/v1/", StringComparison.Ordinal);
        switch (fault.Kind)
        {
            case MockFaultKind.Delay:
                // Real time on purpose: a delay exists to make a client time out, which a frozen test clock would turn into a hang.
                await Task.Delay(fault.Duration ?? TimeSpan.Zero, context.RequestAborted).ConfigureAwait(false);
                return false;
            case MockFaultKind.ConnectionReset:
                context.Abort();
                return true;
            case MockFaultKind.MalformedBody:
                if (ingest)
                {
                    WriteRateLimitHeaders(context, PeekRateWindow());
                }

                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"items\": [{\"id\": \"cus_", context.RequestAborted).ConfigureAwait(false);
                return true;
            case MockFaultKind.ServerError:
                if (ingest)
                {
                    WriteRateLimitHeaders(context, PeekRateWindow());
                    await WriteJsonAsync(context, fault.StatusCode, IngestOutcome(0, [new Issue([], "Internal server error")])).ConfigureAwait(false);
                }
                else if (path == "/api/tools/call")
                {
                    await WriteJsonAsync(context, fault.StatusCode, GatewayError("TOOL_GATEWAY_ERROR", "Internal server error", retryable: true)).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(context, fault.StatusCode, Error("Internal server error")).ConfigureAwait(false);
                }

                return true;
            case MockFaultKind.TooManyRequests:
                if (fault.Duration is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (ingest)
                {
                    var window = PeekRateWindow();
                    WriteRateLimitHeaders(context, window with { Remaining = 0 });
                    await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, IngestError("Rate limit exceeded")).ConfigureAwait(false);
                }
                else if (path == "/api/tools/call")
                {
                    await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, ApiLimitError()).ConfigureAwait(false);
                }
                else
                {
                    await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, Error("Too many requests")).ConfigureAwait(false);
                }

                return true;
            default:
                return false;
        }
    }

    private JsonObject ApiLimitError()
    {
        var body = GatewayError("plan_api_limit_exceeded", "Your plan has used all of its included API calls for this billing cycle.", retryable: false);
        body["plan"] = options.Plan;
        body["feature"] = "api_calls";
        body["resetAt"] = NextMonthStart().ToUnixTimeMilliseconds();
        return body;
    }

    /// <summary>The tool gateway's current error envelope, with a fresh request ID.</summary>
    internal static JsonObject GatewayError(string code, string message, bool retryable) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["retryable"] = retryable,
        ["requestId"] = "req_" + RandomHex(12),
    };

    private DateTimeOffset NextMonthStart()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    /// <summary>Reads a JSON request body; <c>null</c> after answering 400 when it is not JSON.</summary>
    /// <param name="context">The exchange.</param>
    /// <param name="gateway">True on the tool gateway, which answers in its envelope (<c>INVALID_JSON</c>).</param>
    private static async Task<(bool Ok, JsonNode? Body)> ReadJsonBodyAsync(HttpContext context, bool gateway = false)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxPlatformBody)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, gateway ? GatewayError("INVALID_TOOL_CALL", "Request body is too large", false) : Error("Request body is too large")).ConfigureAwait(false);
            return (false, null);
        }

        try
        {
            var node = JsonNode.Parse(buffer.ToArray());
            return (true, node);
        }
        catch (JsonException)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, gateway ? GatewayError("INVALID_JSON", "Invalid JSON", false) : Error("Invalid JSON")).ConfigureAwait(false);
            return (false, null);
        }
    }

    private static JsonObject Error(string message, IEnumerable<Issue>? details = null)
    {
        var body = new JsonObject { ["error"] = message };
        if (details is not null)
        {
            body["details"] = new JsonArray(details.Select(d => (JsonNode)d.ToJson()).ToArray());
        }

        return body;
    }

    private static JsonObject IngestError(string message, IEnumerable<Issue>? errors = null)
    {
        var body = new JsonObject { ["success"] = false, ["message"] = message };
        if (errors is not null)
        {
            body["errors"] = new JsonArray(errors.Select(d => (JsonNode)d.ToJson()).ToArray());
        }

        return body;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static Task NotFoundAsync(HttpContext context) =>
        WriteJsonAsync(context, StatusCodes.Status404NotFound, Error("Not found"));

    private static Task MethodNotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return WriteJsonAsync(context, StatusCodes.Status405MethodNotAllowed, Error("Method not allowed"));
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A host lifetime that leaves the process's signals alone: the mock stops when it is disposed.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FaultEntry(MockFault fault, int remaining, string? pathPrefix)
    {
        public MockFault Fault { get; } = fault;

        public int Remaining { get; set; } = remaining;

        public string? PathPrefix { get; } = pathPrefix;
    }
}

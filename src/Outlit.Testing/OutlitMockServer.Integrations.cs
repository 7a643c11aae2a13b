using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outlit.Testing.Internal;

namespace Outlit.Testing;

public sealed partial class OutlitMockServer : IIntegrationHost
{
    // CUSTOM: how long a browser link handed out by the integration tools is said to stay valid; the contract gives
    // the field but no duration.
    private static readonly TimeSpan HandoffLifetime = TimeSpan.FromHours(1);

    private readonly Dictionary<string, MockConnection> connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionState> sessions = new(StringComparer.Ordinal);

    // Providers whose mapping step is done, through the setup-step route or the setup tool: both report it.
    private readonly HashSet<string> mapped = new(StringComparer.Ordinal);

    /// <summary>The integrations connected right now.</summary>
    public IReadOnlyList<MockConnection> Connections
    {
        get
        {
            lock (gate)
            {
                return Providers.All.Concat(Providers.ToolOnly).Where(p => connections.ContainsKey(p.Id)).Select(p => connections[p.Id]).ToArray();
            }
        }
    }

    /// <summary>Every browser connection session created so far, in creation order.</summary>
    public IReadOnlyList<MockConnectSession> Sessions
    {
        get
        {
            lock (gate)
            {
                return sessions.Values.OrderBy(s => s.Order).Select(s => s.Snapshot()).ToArray();
            }
        }
    }

    /// <summary>Finishes a pending browser session as if the user had authorized the provider.</summary>
    /// <param name="sessionId">The <c>sessionId</c> returned by the connect route.</param>
    /// <exception cref="KeyNotFoundException">No such session.</exception>
    /// <exception cref="InvalidOperationException">The session is no longer pending.</exception>
    public void CompleteSession(string sessionId) => Settle(sessionId, MockSessionStatus.Connected, null);

    /// <summary>Fails a pending browser session; the status route then reports <c>failed</c> with <paramref name="error"/>.</summary>
    /// <param name="sessionId">The <c>sessionId</c> returned by the connect route.</param>
    /// <param name="error">Message reported in the status's <c>error</c> field.</param>
    /// <exception cref="KeyNotFoundException">No such session.</exception>
    /// <exception cref="InvalidOperationException">The session is no longer pending.</exception>
    public void FailSession(string sessionId, string error = "The user denied access.") =>
        Settle(sessionId, MockSessionStatus.Failed, error);

    /// <summary>Expires a pending browser session; the status route then reports <c>expired</c>.</summary>
    /// <param name="sessionId">The <c>sessionId</c> returned by the connect route.</param>
    /// <exception cref="KeyNotFoundException">No such session.</exception>
    /// <exception cref="InvalidOperationException">The session is no longer pending.</exception>
    public void ExpireSession(string sessionId) => Settle(sessionId, MockSessionStatus.Expired, null);

    private void Settle(string sessionId, MockSessionStatus status, string? error)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (gate)
        {
            if (!sessions.TryGetValue(sessionId, out var session))
            {
                throw new KeyNotFoundException($"No connection session '{sessionId}'.");
            }

            if (session.Status != MockSessionStatus.Pending)
            {
                throw new InvalidOperationException($"Session '{sessionId}' is already {session.Status.ToString().ToLowerInvariant()}.");
            }

            Finish(session, status, error);
        }
    }

    /// <summary>Moves a pending session to its final state; connecting respects the plan limit. Caller holds the lock.</summary>
    private void Finish(SessionState session, MockSessionStatus status, string? error)
    {
        if (status == MockSessionStatus.Connected && LimitReached(session.Provider))
        {
            status = MockSessionStatus.Failed;
            error = "Your plan has reached its integration connection limit.";
        }

        session.Status = status;
        session.Error = error;
        if (status == MockSessionStatus.Connected)
        {
            Connect(session.Provider, throughBrowser: true);
        }
    }

    private bool LimitReached(Provider provider) =>
        options.ConnectionLimit is { } limit && !connections.ContainsKey(provider.Id) && connections.Count >= limit;

    private MockConnection Connect(Provider provider, bool throughBrowser)
    {
        var connection = new MockConnection(provider.Id, $"{provider.Id}-{options.OrganizationId}", clock.GetUtcNow(), throughBrowser);
        connections[provider.Id] = connection;
        return connection;
    }

    private Task ListIntegrationsAsync(HttpContext context)
    {
        var connectedOnly = string.Equals(context.Request.Query["connectedOnly"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var items = new JsonArray();
        lock (gate)
        {
            foreach (var provider in Providers.All)
            {
                connections.TryGetValue(provider.Id, out var connection);
                if (connectedOnly && connection is null)
                {
                    continue;
                }

                items.Add(new JsonObject
                {
                    ["id"] = provider.Id,
                    ["name"] = provider.Name,
                    ["category"] = provider.Category,
                    ["status"] = connection is null ? "not_connected" : "connected",
                    ["connectionId"] = connection?.ConnectionId,
                    ["lastDataReceivedAt"] = connection is null ? null : Timestamp(connection.ConnectedAt),
                    ["syncStatus"] = connection is null ? null : "SUCCESS",
                    ["errorMessage"] = null,
                });
            }
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["items"] = items });
    }

    private Task CapabilitiesAsync(HttpContext context)
    {
        if (context.Request.Query.TryGetValue("provider", out var requested))
        {
            var provider = Providers.ByIdOrAlias(requested.ToString());
            if (provider is null)
            {
                return InvalidProviderAsync(context);
            }

            return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["provider"] = provider.Capability() });
        }

        var all = new JsonObject();
        foreach (var provider in Providers.All)
        {
            all[provider.Id] = provider.Capability();
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, all);
    }

    private async Task ConnectAsync(HttpContext context)
    {
        var request = await ReadPlatformRequestAsync(context, "IntegrationConnectRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var provider = Providers.ById(request["provider"]!.GetValue<string>())!;
        var config = request["config"] as JsonObject;
        JsonObject response;
        var status = StatusCodes.Status200OK;
        lock (gate)
        {
            if (connections.TryGetValue(provider.Id, out var existing))
            {
                response = DirectResponse(existing, alreadyConnected: true);
            }
            else if (LimitReached(provider))
            {
                response = new JsonObject
                {
                    ["error"] = "Your plan has reached its integration connection limit.",
                    ["code"] = "plan_connection_limit_exceeded",
                    ["feature"] = "integration_connections",
                    ["plan"] = options.Plan,
                    ["currentConnections"] = connections.Count,
                    ["limit"] = options.ConnectionLimit,
                };
                status = StatusCodes.Status403Forbidden;
            }
            else if (config is not null || provider.IsDirect)
            {
                var issues = CheckConfig(provider, config);
                if (issues.Count > 0)
                {
                    response = Error("Invalid request", issues);
                    status = StatusCodes.Status400BadRequest;
                }
                else
                {
                    response = DirectResponse(Connect(provider, throughBrowser: false), alreadyConnected: false);
                }
            }
            else
            {
                var session = new SessionState(Guid.NewGuid().ToString(), provider, sessions.Count);
                sessions[session.Id] = session;
                response = new JsonObject
                {
                    ["sessionId"] = session.Id,
                    ["connectUrl"] = ConnectUrl(session).ToString(),
                    ["alreadyConnected"] = false,
                };
            }
        }

        await WriteJsonAsync(context, status, response).ConfigureAwait(false);
    }

    private static JsonObject DirectResponse(MockConnection connection, bool alreadyConnected) => new()
    {
        ["connected"] = true,
        ["connectionId"] = connection.ConnectionId,
        ["alreadyConnected"] = alreadyConnected,
    };

    private static List<Issue> CheckConfig(Provider provider, JsonObject? config)
    {
        if (!provider.IsDirect)
        {
            return [new Issue(["config"], $"{provider.Name} connects through a browser session; leave config out")];
        }

        var issues = new List<Issue>();
        foreach (var field in provider.RequiredFields)
        {
            var value = config?[field.Key];
            if (value is not JsonValue text || !text.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
            {
                issues.Add(new Issue(["config", field.Key], $"{field.Label} is required"));
            }
        }

        return issues;
    }

    private Task ConnectionStatusAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["sessionId"].ToString();
        if (string.IsNullOrEmpty(sessionId))
        {
            return WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                Error("Invalid request", [new Issue(["sessionId"], "Invalid input: expected string, received undefined")]));
        }

        JsonObject body;
        lock (gate)
        {
            if (!sessions.TryGetValue(sessionId, out var session))
            {
                return WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                    Error("Invalid request", [new Issue(["sessionId"], "Unknown connection session")]));
            }

            Poll(session);
            body = new JsonObject
            {
                ["status"] = session.Status.ToString().ToLowerInvariant(),
                ["provider"] = session.Provider.Id,
            };
            if (session.Error is not null)
            {
                body["error"] = session.Error;
            }
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, body);
    }

    /// <summary>One status read of a session: it connects once it has been read as often as the options say. Caller holds the lock.</summary>
    private void Poll(SessionState session)
    {
        if (session.Status == MockSessionStatus.Pending
            && options.PollsBeforeConnected is { } polls && session.Polls >= polls)
        {
            Finish(session, MockSessionStatus.Connected, null);
        }

        session.Polls++;
    }

    IntegrationView IIntegrationHost.View(Provider provider)
    {
        lock (gate)
        {
            return new IntegrationView(
                connections.ContainsKey(provider.Id),
                sessions.Values.Any(s => s.Provider.Id == provider.Id && s.Status == MockSessionStatus.Pending),
                mapped.Contains(provider.Id));
        }
    }

    IntegrationHandoff IIntegrationHost.BeginHandoff(Provider provider)
    {
        lock (gate)
        {
            if (connections.ContainsKey(provider.Id))
            {
                return new IntegrationHandoff(null, null, null);
            }

            var session = new SessionState(Guid.NewGuid().ToString(), provider, sessions.Count);
            sessions[session.Id] = session;
            return new IntegrationHandoff(session.Id, ConnectUrl(session), clock.GetUtcNow() + HandoffLifetime);
        }
    }

    (string ProviderId, string Status)? IIntegrationHost.PollSession(string sessionId)
    {
        lock (gate)
        {
            if (!sessions.TryGetValue(sessionId, out var session))
            {
                return null;
            }

            Poll(session);
            return (session.Provider.Id, session.Status.ToString().ToLowerInvariant());
        }
    }

    string? IIntegrationHost.ConnectWithCredentials(Provider provider)
    {
        lock (gate)
        {
            if (LimitReached(provider))
            {
                return "Your plan has reached its integration connection limit.";
            }

            if (!connections.ContainsKey(provider.Id))
            {
                Connect(provider, throughBrowser: false);
            }

            return null;
        }
    }

    void IIntegrationHost.MarkMapped(Provider provider)
    {
        lock (gate)
        {
            mapped.Add(provider.Id);
        }
    }

    private Uri ConnectUrl(SessionState session) => new(BaseUrl, "integrations/connect?sessionId=" + session.Id);

    private async Task BrowserConnectPageAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["sessionId"].ToString();
        string message;
        lock (gate)
        {
            if (sessions.TryGetValue(sessionId, out var session) && session.Status == MockSessionStatus.Pending)
            {
                Finish(session, MockSessionStatus.Connected, null);
                message = session.Status == MockSessionStatus.Connected ? $"{session.Provider.Name} is connected." : session.Error ?? "Failed.";
            }
            else
            {
                message = "This connection link is not valid any more.";
            }
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!doctype html><title>Outlit</title><p>{System.Net.WebUtility.HtmlEncode(message)}</p>", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task DisconnectAsync(HttpContext context)
    {
        var request = await ReadPlatformRequestAsync(context, "IntegrationDisconnectRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var provider = Providers.ById(request["provider"]!.GetValue<string>())!;
        bool removed;
        lock (gate)
        {
            removed = connections.Remove(provider.Id);
            mapped.Remove(provider.Id);
        }

        if (removed)
        {
            await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["success"] = true }).ConfigureAwait(false);
        }
        else
        {
            await WriteJsonAsync(context, StatusCodes.Status404NotFound,
                new JsonObject { ["success"] = false, ["message"] = "Integration is not connected" }).ConfigureAwait(false);
        }
    }

    private Task SyncStatusAsync(HttpContext context)
    {
        var provider = Providers.ById(context.Request.Query["provider"].ToString());
        if (provider is null)
        {
            return InvalidProviderAsync(context);
        }

        MockConnection? connection;
        lock (gate)
        {
            connections.TryGetValue(provider.Id, out connection);
        }

        var syncs = new JsonArray();
        if (connection is not null)
        {
            foreach (var model in provider.SyncModels)
            {
                syncs.Add(new JsonObject
                {
                    ["model"] = model,
                    ["status"] = "SUCCESS",
                    ["lastSyncedAt"] = Timestamp(connection.ConnectedAt),
                    ["errorMessage"] = null,
                });
            }
        }

        return WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["provider"] = provider.Id,
            ["name"] = provider.Name,
            ["category"] = provider.Category,
            ["status"] = connection is null ? "not_connected" : "connected",
            ["syncs"] = syncs,
        });
    }

    private async Task SetupStepAsync(HttpContext context)
    {
        var request = await ReadPlatformRequestAsync(context, "IntegrationSetupStepRequest").ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        var provider = Providers.ById(request["provider"]!.GetValue<string>())!;
        var token = request["step"]!.GetValue<string>();
        var config = request["config"] as JsonObject;
        var step = provider.Steps.FirstOrDefault(s => s.Token == token || s.Id == token);
        if (step is null)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                Error("Invalid request", [new Issue(["step"], $"{provider.Name} has no '{token}' setup step")])).ConfigureAwait(false);
            return;
        }

        bool connected;
        lock (gate)
        {
            connected = connections.ContainsKey(provider.Id);
        }

        if (!connected)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                Error("Integration is not connected", [new Issue(["provider"], $"Connect {provider.Name} before running its setup steps")])).ConfigureAwait(false);
            return;
        }

        JsonObject result;
        if (step.Token == "mappings")
        {
            result = config is null
                ? new JsonObject
                {
                    ["status"] = "config_required",
                    ["step"] = "mappings",
                    ["pipelines"] = new JsonArray(
                        new JsonObject { ["id"] = "default", ["label"] = "Sales pipeline", ["stages"] = new JsonArray("Qualified", "Proposal", "Closed won", "Closed lost") },
                        new JsonObject { ["id"] = "renewals", ["label"] = "Renewals", ["stages"] = new JsonArray("Upcoming", "Renewed", "Churned") }),
                }
                : Mapped(provider, new JsonObject
                {
                    ["status"] = "completed",
                    ["step"] = "mappings",
                    ["mappings"] = (config["mappings"] as JsonArray)?.DeepClone() ?? new JsonArray(),
                });
        }
        else
        {
            var hasSecret = config?["webhookSecret"] is JsonValue;
            result = new JsonObject
            {
                ["status"] = hasSecret ? "completed" : "manual_setup_required",
                ["step"] = "webhooks",
                ["webhookUrl"] = new Uri(BaseUrl, $"api/webhooks/{provider.Id}/{options.OrganizationId}").ToString(),
                ["headers"] = new JsonObject { ["X-Outlit-Organization"] = options.OrganizationId },
                ["requiredEvents"] = new JsonArray(WebhookEvents(provider.Id).Select(e => (JsonNode)e).ToArray()),
            };
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, result).ConfigureAwait(false);
    }

    private JsonObject Mapped(Provider provider, JsonObject result)
    {
        lock (gate)
        {
            mapped.Add(provider.Id);
        }

        return result;
    }

    private static string[] WebhookEvents(string provider) => provider switch
    {
        "stripe" => ["customer.created", "customer.subscription.updated", "invoice.paid"],
        "pylon" => ["issue.created", "issue.updated"],
        _ => ["transcription.completed"],
    };

    private static Task InvalidProviderAsync(HttpContext context) =>
        WriteJsonAsync(context, StatusCodes.Status400BadRequest, Error("Invalid request", [new Issue(["provider"], "Invalid provider")]));

    /// <summary>
    /// Reads and validates a Platform request body against its contract schema. Answers 400 and returns
    /// <c>null</c> when the body is not valid; a bad provider is reported as the documented "Invalid provider".
    /// </summary>
    private async Task<JsonObject?> ReadPlatformRequestAsync(HttpContext context, string schema)
    {
        var (ok, body) = await ReadJsonBodyAsync(context).ConfigureAwait(false);
        if (!ok)
        {
            return null;
        }

        var issues = contract.Validate(schema, body)
            .Select(i => i.Path.Count == 1 && Equals(i.Path[0], "provider") ? new Issue(["provider"], "Invalid provider") : i)
            .DistinctBy(i => string.Join('/', i.Path) + "|" + i.Message)
            .ToList();
        if (issues.Count > 0)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, Error("Invalid request", issues)).ConfigureAwait(false);
            return null;
        }

        return (JsonObject)body!;
    }

    private sealed class SessionState(string id, Provider provider, int order)
    {
        public string Id { get; } = id;

        public Provider Provider { get; } = provider;

        public int Order { get; } = order;

        public MockSessionStatus Status { get; set; } = MockSessionStatus.Pending;

        public int Polls { get; set; }

        public string? Error { get; set; }

        public MockConnectSession Snapshot() => new(Id, Provider.Id, Status, Polls, Error);
    }
}

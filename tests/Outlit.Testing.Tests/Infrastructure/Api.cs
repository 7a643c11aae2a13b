using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Outlit.Testing.Tests.Infrastructure;

/// <summary>A response as a test sees it.</summary>
internal sealed record Reply(int Status, string Body, HttpResponseHeaders Headers, string? ContentType)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body)!;

    /// <summary>A response header's single value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? values.Single() : null;
}

/// <summary>
/// Calls the mock server over real HTTP by operation ID, and checks every JSON body it receives
/// against the contract's schema for that operation and status.
/// </summary>
internal sealed class Api(OutlitMockServer server) : IDisposable
{
    /// <summary>Sentinel meaning "send no Authorization header".</summary>
    public const string NoKey = "\0none";

    private readonly HttpClient http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = server.BaseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public OutlitMockServer Server => server;

    /// <summary>Sends a request for <paramref name="operationId"/> and validates the response body against the contract.</summary>
    /// <param name="operationId">Operation of the contract.</param>
    /// <param name="query">Query string without '?'.</param>
    /// <param name="body">JSON body.</param>
    /// <param name="rawBody">Body text sent as is (wins over <paramref name="body"/>).</param>
    /// <param name="key">Bearer key; the server's key when null, none with <see cref="NoKey"/>.</param>
    /// <param name="publicKey">Public key for the ingest path; the server's when null.</param>
    /// <param name="validate">False only for answers the contract does not describe (injected faults).</param>
    public async Task<Reply> SendAsync(
        string operationId,
        string? query = null,
        JsonNode? body = null,
        string? rawBody = null,
        string? key = null,
        string? publicKey = null,
        bool validate = true)
    {
        var (path, method) = Contract.Operation(operationId);
        path = path.Replace("{publicKey}", Uri.EscapeDataString(publicKey ?? server.PublicKey), StringComparison.Ordinal);
        var uri = path.TrimStart('/') + (query is null ? "" : "?" + query);
        using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), uri);
        var text = rawBody ?? body?.ToJsonString();
        if (text is not null)
        {
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        if (key != NoKey && operationId != "ingestEvents")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? server.ApiKey);
        }

        using var response = await http.SendAsync(request);
        var reply = new Reply((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers, response.Content.Headers.ContentType?.MediaType);
        if (validate)
        {
            Assert.That(reply.ContentType, Is.EqualTo("application/json"), $"{operationId} {reply.Status} content type");
            Contract.AssertValid(operationId, reply.Status, reply.Json);
            if (operationId == "ingestEvents")
            {
                AssertRateLimitHeaders(reply);
            }
        }

        return reply;
    }

    /// <summary>Calls a tool and validates the answer: 200 bodies against the tool's own output schema too.</summary>
    public async Task<Reply> ToolAsync(string tool, JsonObject? input = null, bool validate = true)
    {
        var body = new JsonObject { ["tool"] = tool };
        if (input is not null)
        {
            body["input"] = input.DeepClone();
        }

        var reply = await SendAsync("callTool", body: body, validate: validate);
        if (validate && reply.Status == 200)
        {
            var entry = Contract.Document["x-outlit-tools"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == tool)!;
            if (entry["outputSchema"]?["$ref"] is { } output)
            {
                var name = output.GetValue<string>().Split('/')[^1];
                Contract.AssertMatchesSchema(name, reply.Json);
            }
        }

        return reply;
    }

    /// <summary>Sends a raw request (for routes or methods outside the contract).</summary>
    public async Task<(HttpStatusCode Status, string Body)> RawAsync(HttpMethod method, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public HttpClient Http => http;

    public static void AssertRateLimitHeaders(Reply reply)
    {
        foreach (var header in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset" })
        {
            Assert.That(long.TryParse(reply.Header(header), out _), Is.True, $"{header} is an integer on a {reply.Status} ingest response");
        }
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A clock that only moves when the test says so.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

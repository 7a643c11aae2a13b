using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Tests.Ingest;

/// <summary>A fault the ingest test server injects instead of handling a request normally.</summary>
public enum IngestFault
{
    /// <summary>Handle the request normally.</summary>
    None,

    /// <summary>Answer 500 with the documented error body.</summary>
    ServerError,

    /// <summary>Answer 503 with no body.</summary>
    Unavailable,

    /// <summary>Answer 429 without rate-limit headers (so a retry may go at once).</summary>
    TooManyRequests,

    /// <summary>Reset the connection after reading the request, without any response.</summary>
    ConnectionReset,

    /// <summary>Wait <see cref="IngestServerSettings.SlowDelay"/>, then handle normally (unless the client gave up).</summary>
    Slow,

    /// <summary>Handle normally (store the batch), then wait <see cref="IngestServerSettings.SlowDelay"/> before answering: a client that gives up first never hears that it was stored.</summary>
    StoreThenSlow,
}

/// <summary>How the ingest test server behaves.</summary>
public sealed class IngestServerSettings
{
    /// <summary>Requests per Unix second before answering 429; null lifts the limit.</summary>
    public int? RequestsPerSecond { get; set; } = 100;

    /// <summary>Most events per request.</summary>
    public int MaxEvents { get; set; } = 100;

    /// <summary>Largest body in bytes.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>Fault to inject for the n-th request (1-based, counted over all requests).</summary>
    public Func<long, IngestFault> Faults { get; set; } = _ => IngestFault.None;

    /// <summary>Delay of <see cref="IngestFault.Slow"/>.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns (field, message) to refuse an event with a 400 pointing at it, or null to accept it.</summary>
    public Func<JObject, (string Field, string Message)?> RejectEvent { get; set; } = _ => null;

    /// <summary>Keeps every accepted batch in <see cref="IngestTestServer.Accepted"/>; turn off for very large runs.</summary>
    public bool KeepBatches { get; set; } = true;

    /// <summary>Called with every accepted batch (on the request thread).</summary>
    public Action<AcceptedBatch>? OnAccepted { get; set; }
}

/// <summary>A request the server accepted.</summary>
/// <param name="RequestNumber">1-based arrival number of the request.</param>
/// <param name="Payload">The payload without its events.</param>
/// <param name="Events">The events, in the order received.</param>
/// <param name="BodyBytes">Exact size of the body received.</param>
public sealed record AcceptedBatch(long RequestNumber, JObject Payload, IReadOnlyList<JObject> Events, int BodyBytes);

/// <summary>Everything a request carried, for checks that nothing secret was sent.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="PathAndQuery">Request target.</param>
/// <param name="Headers">All headers as "name: value" lines.</param>
/// <param name="Body">The body as text.</param>
public sealed record RawRequest(string Method, string PathAndQuery, IReadOnlyList<string> Headers, string Body);

/// <summary>
/// A real Kestrel server that plays the Outlit Ingest API: it enforces the documented limits
/// (100 events, 1 MB, a per-second request budget with 429 and <c>X-RateLimit-*</c> headers),
/// answers with the documented error format and injects faults on a schedule.
/// </summary>
public sealed class IngestTestServer : IAsyncDisposable
{
    private static readonly HashSet<string> EventTypes = ["pageview", "custom", "form", "identify", "engagement", "calendar", "stage", "billing"];

    private readonly WebApplication app;
    private readonly IngestServerSettings settings;
    private readonly ConcurrentQueue<AcceptedBatch> accepted = new();
    private readonly ConcurrentQueue<RawRequest> raw = new();
    private readonly object windowLock = new();
    private long requestCount;
    private long window;
    private int windowCount;
    private int maxPerWindow;
    private readonly SortedDictionary<long, int> admittedPerSecond = [];
    private long rateLimited;
    private long faultsInjected;
    private long tooLarge;
    private long maxBodyBytes;

    private IngestTestServer(WebApplication app, IngestServerSettings settings)
    {
        this.app = app;
        this.settings = settings;
    }

    /// <summary>Base address, e.g. http://127.0.0.1:12345/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Accepted batches in arrival order.</summary>
    public IReadOnlyList<AcceptedBatch> Accepted => accepted.ToArray();

    /// <summary>Every request as received (headers and body).</summary>
    public IReadOnlyList<RawRequest> RawRequests => raw.ToArray();

    /// <summary>Requests received.</summary>
    public long RequestCount => Interlocked.Read(ref requestCount);

    /// <summary>Requests answered 429 because the per-second budget was spent.</summary>
    public long RateLimitedCount => Interlocked.Read(ref rateLimited);

    /// <summary>Failures injected (slow responses that still succeed are not counted).</summary>
    public long FaultCount => Interlocked.Read(ref faultsInjected);

    /// <summary>Requests refused for exceeding the body or event-count limit.</summary>
    public long LimitViolations => Interlocked.Read(ref tooLarge);

    /// <summary>Largest body received.</summary>
    public long MaxBodyBytes => Interlocked.Read(ref maxBodyBytes);

    /// <summary>Most requests admitted within one Unix second.</summary>
    public int MaxRequestsInOneSecond
    {
        get
        {
            lock (windowLock)
            {
                return maxPerWindow;
            }
        }
    }

    /// <summary>Requests admitted in each Unix second that saw any, oldest first.</summary>
    public IReadOnlyList<int> AdmittedPerSecond
    {
        get
        {
            lock (windowLock)
            {
                return admittedPerSecond.Values.ToArray();
            }
        }
    }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<IngestTestServer> StartAsync(IngestServerSettings? settings = null, bool keepRawRequests = false)
    {
        settings ??= new IngestServerSettings();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(System.Net.IPAddress.Loopback, 0);
            // The server checks the documented limit itself, so let Kestrel read any body.
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new IngestTestServer(app, settings);
        app.Run(context => server.HandleAsync(context, keepRawRequests));
        await app.StartAsync();
        var address = app.Urls.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    private async Task HandleAsync(HttpContext context, bool keepRaw)
    {
        var number = Interlocked.Increment(ref requestCount);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        if (keepRaw)
        {
            var headers = context.Request.Headers.Select(h => $"{h.Key}: {h.Value}").ToList();
            raw.Enqueue(new RawRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, Encoding.UTF8.GetString(body)));
        }

        UpdateMax(ref maxBodyBytes, body.Length);

        if (!AdmitRate(context))
        {
            Interlocked.Increment(ref rateLimited);
            await WriteErrorAsync(context, 429, "Rate limit exceeded", []);
            return;
        }

        var fault = settings.Faults(number);
        if (fault is not (IngestFault.None or IngestFault.Slow or IngestFault.StoreThenSlow))
        {
            Interlocked.Increment(ref faultsInjected);
        }

        switch (fault)
        {
            case IngestFault.ServerError:
                await WriteErrorAsync(context, 500, "Internal server error", []);
                return;
            case IngestFault.Unavailable:
                context.Response.StatusCode = 503;
                return;
            case IngestFault.TooManyRequests:
                context.Response.Headers.Remove("X-RateLimit-Remaining");
                context.Response.Headers.Remove("X-RateLimit-Reset");
                await WriteErrorAsync(context, 429, "Rate limit exceeded", []);
                return;
            case IngestFault.ConnectionReset:
                context.Abort();
                return;
            case IngestFault.Slow:
                try
                {
                    await Task.Delay(settings.SlowDelay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up; as a real server would, nothing is stored.
                    return;
                }

                break;
        }

        if (!context.Request.Path.Value!.StartsWith("/api/i/v1/pk_", StringComparison.Ordinal) || !context.Request.Path.Value.EndsWith("/events", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 403, "Invalid public key", []);
            return;
        }

        if (body.Length > settings.MaxBodyBytes)
        {
            Interlocked.Increment(ref tooLarge);
            await WriteErrorAsync(context, 413, "Request body too large", []);
            return;
        }

        JObject payload;
        try
        {
            payload = JObject.Parse(Encoding.UTF8.GetString(body));
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, "Invalid JSON", []);
            return;
        }

        if (payload["events"] is not JArray events || events.Count == 0 || events.Count > settings.MaxEvents)
        {
            Interlocked.Increment(ref tooLarge);
            await WriteErrorAsync(context, 400, "Invalid request body", [(new JArray("events"), $"Expected 1 to {settings.MaxEvents} events")]);
            return;
        }

        var errors = new List<(JArray Path, string Message)>();
        var list = new List<JObject>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JObject e || e["type"]?.Type != JTokenType.String || !EventTypes.Contains((string)e["type"]!))
            {
                errors.Add((new JArray("events", i, "type"), "Invalid event type"));
                continue;
            }

            if (settings.RejectEvent(e) is { } rejection)
            {
                errors.Add((new JArray("events", i, rejection.Field), rejection.Message));
            }

            list.Add(e);
        }

        if (errors.Count > 0)
        {
            await WriteErrorAsync(context, 400, "Invalid request body", errors);
            return;
        }

        payload.Remove("events");
        var batch = new AcceptedBatch(number, payload, list, body.Length);
        settings.OnAccepted?.Invoke(batch);
        if (settings.KeepBatches)
        {
            accepted.Enqueue(batch);
        }

        if (fault == IngestFault.StoreThenSlow)
        {
            try
            {
                await Task.Delay(settings.SlowDelay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up; the batch is stored all the same.
                return;
            }
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"success\":true}");
    }

    private bool AdmitRate(HttpContext context)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000;
        int count;
        lock (windowLock)
        {
            if (now != window)
            {
                window = now;
                windowCount = 0;
            }

            count = ++windowCount;
            if (settings.RequestsPerSecond is { } limit && count > limit)
            {
                SetHeaders(context, limit, 0, now + 1);
                return false;
            }

            maxPerWindow = Math.Max(maxPerWindow, count);
            admittedPerSecond[now] = count;
            if (settings.RequestsPerSecond is { } budget)
            {
                SetHeaders(context, budget, budget - count, now + 1);
            }

            return true;
        }
    }

    private static void SetHeaders(HttpContext context, int limit, int remaining, long reset)
    {
        context.Response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string message, IReadOnlyList<(JArray Path, string Message)> errors)
    {
        var body = new JObject { ["success"] = false, ["message"] = message };
        if (errors.Count > 0)
        {
            body["errors"] = new JArray(errors.Select(e => new JObject { ["path"] = e.Path, ["message"] = e.Message }));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToString(Formatting.None));
    }

    private static void UpdateMax(ref long field, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, current) != current)
        {
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

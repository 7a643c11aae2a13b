using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Outlit.Benchmarks.Server;

/// <summary>
/// Loopback Kestrel server that answers every route with a precomputed body. It runs in its own
/// process, so its CPU time and allocations are not charged to the client being measured.
/// </summary>
/// <remarks>
/// Routes: <c>POST api/tools/call</c> (by tool; <c>outlit_list_customers</c> pages by the
/// <c>page-N</c> cursor), <c>POST api/integrations/connect</c> (a direct connection when the request
/// has <c>config</c>, a browser session otherwise), <c>POST api/i/v1/{key}/events</c> (counts
/// events; with limits on, enforces 100 requests per second per window with <c>X-RateLimit-*</c>
/// headers and 429), <c>GET stats</c>, <c>POST stats/reset</c>, <c>POST limits/on|off</c>.
/// </remarks>
public static class BenchServer
{
    private static long requests;
    private static long ingestRequests;
    private static long ingestEvents;
    private static long ingestRejected;
    private static long maxEventsPerRequest;
    private static long oversized;
    private static volatile bool limitsOn;
    private static long windowSecond;
    private static int windowCount;
    private static readonly Lock WindowLock = new();

    public static async Task<int> RunAsync(string[] args)
    {
        var fixtures = await Fixtures.CreateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
            k.AddServerHeader = false;
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.Run(context => HandleAsync(context, fixtures));
        await app.StartAsync();
        var address = app.Urls.First();
        Console.Out.WriteLine($"LISTENING {address} {fixtures.CustomerPages[0].Length} {fixtures.Customer.Length} {fixtures.LargeQuery.Length} {fixtures.LargeQueryRows} {fixtures.CustomerId}");
        Console.Out.Flush();

        // The parent closes stdin (or dies) to stop the server.
        await Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        await app.StopAsync();
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, Fixtures fixtures)
    {
        Interlocked.Increment(ref requests);
        var path = context.Request.Path.Value ?? "";
        var request = context.Request;
        if (request.Method == "POST" && path == "/api/tools/call")
        {
            var body = await ReadBodyAsync(context);
            var (tool, cursor) = ReadTool(body);
            var payload = tool switch
            {
                "outlit_list_customers" => fixtures.CustomerPages[PageIndex(cursor)],
                "outlit_get_customer" => fixtures.Customer,
                "outlit_query" => fixtures.LargeQuery,
                _ => null,
            };
            await WriteAsync(context, payload is null ? 400 : 200, payload ?? "{\"error\":\"unknown tool\"}"u8.ToArray());
            return;
        }

        if (request.Method == "POST" && path == "/api/integrations/connect")
        {
            var body = await ReadBodyAsync(context);
            var direct = body.AsSpan().IndexOf("\"config\""u8) >= 0;
            await WriteAsync(context, 200, direct ? fixtures.ConnectDirect : fixtures.ConnectBrowser);
            return;
        }

        if (request.Method == "POST" && path.StartsWith("/api/i/v1/", StringComparison.Ordinal) && path.EndsWith("/events", StringComparison.Ordinal))
        {
            await IngestAsync(context);
            return;
        }

        switch (path)
        {
            case "/stats":
                await WriteAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long>
                {
                    ["requests"] = Interlocked.Read(ref requests),
                    ["ingestRequests"] = Interlocked.Read(ref ingestRequests),
                    ["ingestEvents"] = Interlocked.Read(ref ingestEvents),
                    ["ingestRejected"] = Interlocked.Read(ref ingestRejected),
                    ["maxEventsPerRequest"] = Interlocked.Read(ref maxEventsPerRequest),
                    ["oversized"] = Interlocked.Read(ref oversized),
                }));
                return;
            case "/stats/reset":
                Interlocked.Exchange(ref requests, 0);
                Interlocked.Exchange(ref ingestRequests, 0);
                Interlocked.Exchange(ref ingestEvents, 0);
                Interlocked.Exchange(ref ingestRejected, 0);
                Interlocked.Exchange(ref maxEventsPerRequest, 0);
                Interlocked.Exchange(ref oversized, 0);
                await WriteAsync(context, 200, "{}"u8.ToArray());
                return;
            case "/limits/on":
                limitsOn = true;
                await WriteAsync(context, 200, "{}"u8.ToArray());
                return;
            case "/limits/off":
                limitsOn = false;
                await WriteAsync(context, 200, "{}"u8.ToArray());
                return;
        }

        await WriteAsync(context, 404, "{\"error\":\"not found\"}"u8.ToArray());
    }

    private static async Task IngestAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (limitsOn)
        {
            // The documented limits: 100 requests per second per key, 100 events and 1 MB per request.
            var now = DateTimeOffset.UtcNow;
            var second = now.ToUnixTimeSeconds();
            int used;
            lock (WindowLock)
            {
                if (second != windowSecond)
                {
                    windowSecond = second;
                    windowCount = 0;
                }

                used = ++windowCount;
            }

            var remaining = Math.Max(0, 100 - used);
            context.Response.Headers["X-RateLimit-Limit"] = "100";
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Reset"] = (second + 1).ToString(CultureInfo.InvariantCulture);
            if (used > 100)
            {
                Interlocked.Increment(ref ingestRejected);
                context.Response.Headers["Retry-After"] = "1";
                await WriteAsync(context, 429, "{\"success\":false,\"message\":\"Too many requests\"}"u8.ToArray());
                return;
            }

            if (body.Length > 1_048_576)
            {
                Interlocked.Increment(ref oversized);
                await WriteAsync(context, 413, "{\"success\":false,\"message\":\"Payload too large\"}"u8.ToArray());
                return;
            }
        }

        var count = CountEvents(body);
        Interlocked.Increment(ref ingestRequests);
        Interlocked.Add(ref ingestEvents, count);
        long seen;
        while (count > (seen = Interlocked.Read(ref maxEventsPerRequest)) && Interlocked.CompareExchange(ref maxEventsPerRequest, count, seen) != seen)
        {
        }

        await WriteAsync(context, 200, Fixtures.IngestSuccess);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var reader = context.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync();
            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length);
    }

    private static int PageIndex(string? cursor) =>
        cursor is not null && cursor.StartsWith("page-", StringComparison.Ordinal) && int.TryParse(cursor.AsSpan(5), CultureInfo.InvariantCulture, out var n) && n is >= 0 and < Fixtures.PageCount ? n : 0;

    /// <summary>Reads the top-level <c>tool</c> and <c>input.cursor</c> of a tool call.</summary>
    private static (string? Tool, string? Cursor) ReadTool(byte[] body)
    {
        string? tool = null;
        string? cursor = null;
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("tool"u8))
            {
                reader.Read();
                tool = reader.GetString();
            }
            else if (reader.CurrentDepth == 2 && reader.ValueTextEquals("cursor"u8))
            {
                reader.Read();
                cursor = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
        }

        return (tool, cursor);
    }

    /// <summary>Counts the elements of the top-level <c>events</c> array.</summary>
    private static int CountEvents(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("events"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    count++;
                    reader.Skip();
                }

                return count;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= 1)
            {
                reader.Skip();
            }
        }

        return count;
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outlit.Testing.Internal;

namespace Outlit.Testing;

public sealed partial class OutlitMockServer
{
    /// <summary>The largest ingest body accepted, in bytes, as the contract states it (<c>IngestLimits.MaxRequestBytes</c>); null when it states none.</summary>
    public int? MaxIngestBodyBytes => contract.IntConstant("IngestLimits", "MaxRequestBytes");

    /// <summary>The most events one ingest request may carry, as the contract states it (<c>IngestLimits.MaxEventsPerRequest</c>); null when it states none.</summary>
    public int? MaxEventsPerRequest => contract.IntConstant("IngestLimits", "MaxEventsPerRequest");

    /// <summary>Ingest requests allowed per second: <see cref="OutlitMockServerOptions.IngestRequestsPerSecond"/>, or the contract's <c>IngestLimits.RequestsPerSecond</c>.</summary>
    public int IngestRequestsPerSecond => options.IngestRequestsPerSecond ?? contract.IntConstant("IngestLimits", "RequestsPerSecond") ?? int.MaxValue;

    private readonly List<MockIngestEvent> received = [];
    private long windowSecond = long.MinValue;
    private int windowCount;

    /// <summary>Every event the ingest route accepted, in arrival order. Rejected batches add nothing.</summary>
    public IReadOnlyList<MockIngestEvent> ReceivedEvents
    {
        get
        {
            lock (gate)
            {
                return received.ToArray();
            }
        }
    }

    /// <summary>Forgets the events received so far.</summary>
    public void ClearReceivedEvents()
    {
        lock (gate)
        {
            received.Clear();
        }
    }

    private readonly record struct RateWindow(int Limit, int Remaining, long Reset);

    /// <summary>Counts one ingest request in the current one-second window.</summary>
    private (RateWindow Window, bool Allowed) CountIngestRequest()
    {
        lock (gate)
        {
            var second = clock.GetUtcNow().ToUnixTimeSeconds();
            if (second != windowSecond)
            {
                windowSecond = second;
                windowCount = 0;
            }

            windowCount++;
            var limit = IngestRequestsPerSecond;
            return (new RateWindow(limit, Math.Max(0, limit - windowCount), second + 1), windowCount <= limit);
        }
    }

    private RateWindow PeekRateWindow()
    {
        lock (gate)
        {
            var second = clock.GetUtcNow().ToUnixTimeSeconds();
            var used = second == windowSecond ? windowCount : 0;
            var limit = IngestRequestsPerSecond;
            return new RateWindow(limit, Math.Max(0, limit - used), second + 1);
        }
    }

    private static void WriteRateLimitHeaders(HttpContext context, RateWindow window)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = window.Reset.ToString(CultureInfo.InvariantCulture);
    }

    private static Task PreflightAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = string.IsNullOrEmpty(origin) ? "*" : origin;
        headers.AccessControlAllowMethods = "POST, OPTIONS";
        headers.AccessControlAllowHeaders = "Content-Type";
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private async Task IngestAsync(HttpContext context, string publicKey)
    {
        var (window, allowed) = CountIngestRequest();
        WriteRateLimitHeaders(context, window);
        var origin = context.Request.Headers.Origin.ToString();
        if (!string.IsNullOrEmpty(origin))
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
        }

        if (!allowed)
        {
            await WriteJsonAsync(context, StatusCodes.Status429TooManyRequests, IngestError("Rate limit exceeded")).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(publicKey, PublicKey, StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, StatusCodes.Status403Forbidden, IngestError("Invalid public key")).ConfigureAwait(false);
            return;
        }

        // The contract documents no 413: an oversized body is an invalid request (400) in the ingest error format.
        var bodyLimit = MaxIngestBodyBytes ?? MaxUndocumentedBody;
        var body = await ReadLimitedAsync(context.Request.Body, bodyLimit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, IngestOutcome(0, [new Issue([], "Request body exceeds " + (bodyLimit % (1024 * 1024) == 0 ? $"{bodyLimit / (1024 * 1024)} MB" : $"{bodyLimit} bytes"))])).ConfigureAwait(false);
            return;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, IngestOutcome(0, [new Issue([], "Invalid JSON")])).ConfigureAwait(false);
            return;
        }

        var issues = IngestValidation.Validate(root, contract);
        if (issues.Count > 0)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, IngestOutcome(0, issues)).ConfigureAwait(false);
            return;
        }

        var batch = JsonDocument.Parse(body).RootElement;
        var visitorId = batch.TryGetProperty("visitorId", out var v) ? v.GetString() : null;
        var source = batch.TryGetProperty("source", out var s) ? s.GetString() ?? "client" : "client";
        JsonElement? user = batch.TryGetProperty("userIdentity", out var u) ? u : null;
        JsonElement? customer = batch.TryGetProperty("customerIdentity", out var c) ? c : null;
        var now = clock.GetUtcNow();
        var accepted = batch.GetProperty("events").EnumerateArray()
            .Select(e => new MockIngestEvent(e.GetProperty("type").GetString()!, e, visitorId, source, user, customer, now))
            .ToList();
        lock (gate)
        {
            received.AddRange(accepted);
        }

        await WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["success"] = true, ["processed"] = accepted.Count }).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads at most <paramref name="limit"/> bytes; <c>null</c> when the body is longer. The rest of a long
    /// body is still drained so the client can read the 400 instead of seeing its upload cut off.
    /// </summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        var tooLong = false;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (tooLong || buffer.Length + read > limit)
            {
                tooLong = true;
                continue;
            }

            buffer.Write(chunk, 0, read);
        }

        return tooLong ? null : buffer.ToArray();
    }

    /// <summary>
    /// The Ingest API's current answer for a batch not stored whole: how many events were stored, and each problem by
    /// the position of its event (<c>-1</c> for the batch as a whole), the rest of its path in the message.
    /// </summary>
    private static JsonObject IngestOutcome(int processed, IEnumerable<Issue> issues)
    {
        var errors = new JsonArray();
        foreach (var issue in issues)
        {
            var perEvent = issue.Path.Count >= 2 && Equals(issue.Path[0], "events") && issue.Path[1] is int;
            var index = perEvent ? (int)issue.Path[1] : -1;
            var rest = perEvent ? issue.Path.Skip(2).ToList() : issue.Path.ToList();
            var where = rest.Count == 0 ? "" : string.Join('.', rest) + ": ";
            errors.Add(new JsonObject { ["index"] = index, ["message"] = where + issue.Message });
        }

        return new JsonObject { ["success"] = false, ["processed"] = processed, ["errors"] = errors };
    }
}

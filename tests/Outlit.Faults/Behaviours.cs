using System.Globalization;
using System.IO.Compression;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Outlit.Faults.Matrix;
using Outlit.Faults.Server;

namespace Outlit.Faults;

/// <summary>
/// The rows of the matrix: what a hostile server does, and the outcome the README and the XML documentation
/// promise for it. Where the documentation allows two readings, both are listed and either one is right.
/// </summary>
/// <remarks>
/// What the documentation promises, in short: 408, 429 without a plan code, 5xx and network failures are retried
/// on reads; plan limits, other 4xx and anything after a state-changing request may have reached the server are
/// not; every failure is an <see cref="OutlitException"/> subtype; values the contract does not list are kept; a
/// body that is none of the documented shapes is an <see cref="OutlitResponseFormatException"/>, never a default;
/// the attempt and total timeouts bound the call; ingest reports every event as accepted or failed with a reason.
/// Issue 13 adds what the README leaves open: no cross-origin redirects, a response-size cap, redaction of every
/// secret the caller sent.
/// </remarks>
public static class Behaviours
{
    /// <summary>Stands for "no fixed upper bound" in an attempts range.</summary>
    public const int ManyAttempts = 100_000;

    /// <summary>
    /// The most the process may allocate while a gzip-bomb cell runs: half of what the bomb inflates to. A client that
    /// reads the body whole goes over it; one that stops at a response-size cap (issue 13, item 8) stays under it.
    /// </summary>
    public const long BombAllocationCeiling = 100L * 1024 * 1024;

    private const int BombInflatedBytes = 200 * 1024 * 1024;

    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly Lazy<byte[]> Bomb = new(CreateBomb);

    /// <summary>Size of the gzip bomb on the wire, for the report.</summary>
    public static int BombBytes => Bomb.Value.Length;

    /// <summary>Size of the gzip bomb once inflated.</summary>
    public static int BombInflatedSize => BombInflatedBytes;

    /// <summary>The gzip bomb itself, built once and shared with the memory measurement.</summary>
    internal static byte[] GzipBomb => Bomb.Value;

    private static readonly JObject PlanLimit = JObject.Parse("""
        {"error":"Your plan has exhausted its included API calls for the current billing cycle.","code":"api_limit_exceeded",
        "plan":"free","feature":"api_calls","resetAt":1776124800000}
        """);

    private static readonly JObject ConnectionLimit = JObject.Parse("""
        {"error":"Your plan has reached its integration connection limit.","code":"plan_connection_limit_exceeded",
        "feature":"integration_connections","plan":"free","currentConnections":3,"limit":3}
        """);

    /// <summary>The behaviours, in report order.</summary>
    public static IReadOnlyList<Behaviour> All { get; } =
    [
        RetryAfter("retry-after-seconds", "429, Retry-After: 1 (seconds), then 200", () => "1", absurd: false, honoured: true),
        RetryAfter("retry-after-http-date", "429, Retry-After: an HTTP date about 1 s ahead, then 200", () => DateTimeOffset.UtcNow.AddSeconds(1).ToString("r", CultureInfo.InvariantCulture), absurd: false, honoured: false),
        RetryAfter("retry-after-huge", "429, Retry-After: 1e300, then 200", () => "1e300", absurd: true, honoured: false),
        RetryAfter("retry-after-nan", "429, Retry-After: NaN, then 200", () => "NaN", absurd: true, honoured: false),
        RetryAfter("retry-after-infinity", "429, Retry-After: Infinity, then 200", () => "Infinity", absurd: true, honoured: false),
        RetryAfter("retry-after-negative", "429, Retry-After: -5, then 200", () => "-5", absurd: false, honoured: false),
        RetryAfter("retry-after-epoch-ms", "429, Retry-After: epoch milliseconds 1 s ahead, then 200", () => DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), absurd: true, honoured: false),

        new("plan-limit-429", "429 with a plan-limit body (code api_limit_exceeded), then 200",
            (s, r) => r.Index == 0 ? Reply.Json(429, PlanLimit.ToString(Formatting.None)) : s.Success(),
            op => [Throws<OutlitPlanLimitException>(1) with { Check = CheckPlanLimit }],
            // The ingest API has no plan codes: its 429 is retried like any other.
            op => [Accepted(2)]),

        new("plan-limit-402", "402 with a plan-limit body, then 200",
            (s, r) => r.Index == 0 ? Reply.Json(402, PlanLimit.ToString(Formatting.None)) : s.Success(),
            op => [Throws<OutlitPlanLimitException>(1) with { Check = CheckPlanLimit }],
            op => [Failed(1, IngestFailureReason.RequestRejected)]),

        new("connection-limit-403", "403 plan_connection_limit_exceeded, then 200",
            (s, r) => r.Index == 0 ? Reply.Json(403, ConnectionLimit.ToString(Formatting.None)) : s.Success(),
            op => [Throws<OutlitConnectionLimitException>(1) with { Check = CheckConnectionLimit }],
            op => [Failed(1, IngestFailureReason.RequestRejected)]),

        new("status-500", "500 with a JSON error, every time",
            (_, _) => Reply.Json(500, """{"error":"Internal server error"}"""),
            op => [RetriedThenThrows<OutlitServerException>(op) with { Check = Status(500) }],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("status-503-then-200", "503, then 200",
            (s, r) => r.Index == 0 ? Reply.Json(503, """{"error":"Service unavailable"}""") : s.Success(),
            op => op.SafeToRetry ? [Ok(2)] : [Throws<OutlitServerException>(1) with { Check = Status(503) }],
            op => [Accepted(2)]),

        new("html-502", "502 with a proxy's HTML page, every time",
            (_, _) => Reply.Full(502, "text/html", Encoding.UTF8.GetBytes("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>")),
            op => [RetriedThenThrows<OutlitServerException>(op) with { Check = Status(502) }],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("reset-mid-body", "200 head, half the body, then a TCP reset, every time",
            // The pause lets the client read the head and the half body before the reset arrives, so the reset
            // cuts the body and not the head.
            (s, _) => HalfBody(s).Pause(TimeSpan.FromMilliseconds(200)).Reset(),
            op => [RetriedThenThrows<OutlitNetworkException>(op)],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("close-mid-body", "200 head, half the body, then the connection closes, every time",
            (s, _) => HalfBody(s).Close(),
            op => [RetriedThenThrows<OutlitNetworkException>(op)],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("never-answer", "the request is read and never answered",
            (_, _) => Reply.Nothing().StallForever(),
            op => [RetriedThenThrows<OutlitTimeoutException>(op)],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("stalled-body-200", "200 head and 10 bytes of the body, then nothing",
            (s, _) => Reply.Partial(200, "application/json", Encoding.UTF8.GetBytes(s.Operation.SuccessBody().ToString(Formatting.None)), 10).StallForever(),
            op => [RetriedThenThrows<OutlitTimeoutException>(op)],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("stalled-body-500", "500 head and 10 bytes of the body, then nothing",
            (_, _) => Reply.Partial(500, "application/json", """{"error":"Internal server error","detail":"the database is unavailable"}"""u8.ToArray(), 10).StallForever(),
            op => [RetriedThenThrows<OutlitTimeoutException>(op)],
            op => [Failed(FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed)]),

        new("truncated-json", "200 with a complete HTTP body holding the first half of the JSON",
            (s, _) =>
            {
                var json = s.Operation.SuccessBody().ToString(Formatting.None);
                return Reply.Json(200, json[..(json.Length / 2)]);
            },
            op => [Throws<OutlitResponseFormatException>(1)],
            // Ingest decides by the status alone: a 2xx means the events were stored.
            op => [Accepted(1)]),

        new("invalid-json", "200 whose body is not JSON at all",
            (_, _) => Reply.Json(200, """{"items": [}, oops"""),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        new("wrong-shape", "200 with a JSON array where an object is documented",
            (_, _) => Reply.Json(200, """["unexpected", {"shape": true}]"""),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        new("unknown-enum", "200 with an enumeration value the contract does not list",
            (s, _) => s.Success(s.Operation.UnknownEnum!(s.Operation.SuccessBody())),
            op => [Ok(1)],
            null)
        {
            AppliesTo = op => op.UnknownEnum is not null,
        },

        new("extra-fields", "200 with undocumented fields at the top and inside objects",
            (s, _) => s.Success(WithExtraFields(s.Operation)),
            op => [Ok(1)],
            op => [Accepted(1)]),

        new("missing-required", "200 without a field the contract requires",
            (s, _) => s.Success(s.Operation.MissingRequired!(s.Operation.SuccessBody())),
            op => [Throws<OutlitResponseFormatException>(1)],
            null)
        {
            AppliesTo = op => op.MissingRequired is not null,
        },

        new("body-10mb", "200 with the documented body plus a 10 MB field",
            (s, _) => s.Success(With(s.Operation, "zzPadding", new string('x', TenMegabytes))),
            // The README sets no response-size cap yet; issue 13 adds one whose default may be under 10 MB.
            op => [Ok(1), Throws<OutlitException>(1)],
            op => [Accepted(1), Failed(1, FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed, IngestFailureReason.RequestRejected)])
        {
            Heavy = true,
            SuccessIsInvented = false,
        },

        new("gzip-bomb", "200, Content-Encoding: gzip, about 200 KB inflating to 200 MB",
            (_, _) => Reply.Full(200, "application/json", Bomb.Value, ("Content-Encoding", "gzip")),
            op => [new Expected(Ending.Error, 1, op.SafeToRetry ? FaultClients.PlatformAttempts : 1)],
            // Ingest does not read a success body, so a bomb it never inflates is accepted.
            op => [Accepted(1), Failed(1, FaultClients.IngestAttempts, IngestFailureReason.DeliveryFailed, IngestFailureReason.RequestRejected)])
        {
            Heavy = true,
            SuccessIsInvented = false,
            AllocationCeiling = BombAllocationCeiling,
        },

        new("gzip-200", "200 with the documented body gzip-encoded",
            (s, _) =>
            {
                var body = s.Operation.SuccessBody();
                s.Success(body);
                return Reply.Full(200, "application/json", Gzip(Encoding.UTF8.GetBytes(body.ToString(Formatting.None))), ("Content-Encoding", "gzip"));
            },
            op => [Ok(1)],
            op => [Accepted(1)]),

        new("html-200", "200 text/html (a captive portal or a misrouted request)",
            (_, _) => Reply.Full(200, "text/html; charset=utf-8", "<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"u8.ToArray()),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        new("empty-200", "200 with an empty body",
            (_, _) => Reply.Full(200, "application/json", []),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        new("status-204", "204 No Content",
            (_, _) => Reply.HeadOnly(204),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        Redirect("redirect-307", "307 to another origin (the library's own transport)", Transport.Default),
        Redirect("redirect-307-caller-httpclient", "307 to another origin, through a caller-supplied HttpClient", Transport.CallerHttpClient),
        Redirect("redirect-307-caller-handler", "307 to another origin, through a caller-supplied HttpClientHandler", Transport.CallerHandler),

        new("echo-400", "400 whose message and details echo the request (token, body and head; raw and URL-encoded)",
            (_, r) => Reply.Json(400, EchoError(r, escaped: false)),
            op => [Throws<OutlitValidationException>(1)],
            op => [Failed(1, IngestFailureReason.RequestRejected)]),

        new("echo-400-escaped", "400 echoing the request with every character as a JSON \\u escape",
            (_, r) => Reply.Json(400, EchoError(r, escaped: true)),
            op => [Throws<OutlitValidationException>(1)],
            op => [Failed(1, IngestFailureReason.RequestRejected)]),

        new("echo-402", "402 whose plan-limit fields (error, code, plan, feature, requestId) echo the request, raw and percent-encoded",
            (_, r) => Reply.Json(402, EchoPlanLimit(r)),
            op => [Throws<OutlitPlanLimitException>(1)],
            op => [Failed(1, IngestFailureReason.RequestRejected)]),

        new("echo-200-not-json", "200 whose body is the echoed request, not JSON",
            (_, r) => Reply.Json(200, "Echo: " + Echo(r)),
            op => [Throws<OutlitResponseFormatException>(1)],
            op => [Accepted(1)]),

        new("echo-drift", "200, drift detection on, every secret of the request echoed as an undocumented field",
            (s, r) => s.Success(EchoAsFields(s.Operation, r)),
            op => [Ok(1)],
            null)
        {
            DriftDetection = true,
        },

        new("endless-empty-pages", "every page empty, hasMore: true and a fresh cursor (10 ms per page)",
            (_, r) => Reply.Nothing().Pause(TimeSpan.FromMilliseconds(10)).Send(JsonBody(200, new JObject
            {
                ["items"] = new JArray(),
                ["pagination"] = new JObject { ["hasMore"] = true, ["nextCursor"] = $"cursor_{r.Index + 1}", ["total"] = 0 },
            })),
            // Issue 13 item 5: paging stops with a typed error after a documented number of empty pages.
            op => [new Expected(Ending.Error, 1, ManyAttempts) { ErrorType = typeof(OutlitResponseFormatException) }],
            null)
        {
            AppliesTo = op => op.Pages,
        },
    ];

    private static Behaviour RetryAfter(string id, string title, Func<string> value, bool absurd, bool honoured) =>
        new(
            id,
            title,
            (s, r) => r.Index == 0 ? Reply.Json(429, """{"error":"Too many requests"}""", ("Retry-After", value())) : s.Success(),
            op => !op.SafeToRetry
                ? [Throws<OutlitRateLimitException>(1) with { Check = Status(429) }]
                : absurd
                    // Longer than MaxRetryAfter (or unreadable): the XML documentation says the call ends with the
                    // rate-limit error; issue 13 item 3 says such values are clamped to the maximum wait instead.
                    // Both are typed, bounded and honest.
                    ? [Throws<OutlitRateLimitException>(1) with { Check = Status(429) }, Ok(2)]
                    : [Ok(2) with { MinRetryGap = honoured ? TimeSpan.FromMilliseconds(900) : TimeSpan.Zero }],
            // Ingest pauses for the server's wait, capped at MaxRetryDelay, then retries.
            op => [Accepted(2) with { MinRetryGap = honoured ? TimeSpan.FromMilliseconds(900) : TimeSpan.Zero }]);

    private static Behaviour Redirect(string id, string title, Transport transport) =>
        new(
            id,
            title,
            (s, r) => Reply.Full(307, "text/plain", "Moved"u8.ToArray(), ("Location", new Uri(s.OtherOrigin!, r.Target).ToString())),
            // Issue 13 item 6: never followed to another origin, whatever the transport; the body is not re-sent.
            op => [Throws<OutlitException>(1)],
            transport == Transport.CallerHandler ? null : op => [Failed(1, IngestFailureReason.RequestRejected, IngestFailureReason.DeliveryFailed)])
        {
            Transport = transport,
            UsesOtherOrigin = true,
            OtherOriginMaySeeBareRequests = transport == Transport.CallerHttpClient,
        };

    private static Expected Ok(int attempts) => new(Ending.Success, attempts, attempts);

    private static Expected Throws<T>(int attempts) where T : OutlitException => new(Ending.Error, attempts, attempts) { ErrorType = typeof(T) };

    private static Expected RetriedThenThrows<T>(Operation op) where T : OutlitException => Throws<T>(op.SafeToRetry ? FaultClients.PlatformAttempts : 1);

    private static Expected Accepted(int attempts) => new(Ending.Accepted, attempts, attempts);

    private static Expected Failed(int attempts, params IngestFailureReason[] reasons) => Failed(attempts, attempts, reasons);

    private static Expected Failed(int min, int max, params IngestFailureReason[] reasons) => new(Ending.Failed, min, max) { Reasons = reasons };

    private static Func<OutlitException, string?> Status(int status) =>
        ex => ex.Status == status ? null : $"Status is {ex.Status}, the server sent {status}";

    private static string? CheckPlanLimit(OutlitException ex) =>
        ex is OutlitPlanLimitException { Status: var status, Plan: "free", Feature: "api_calls" } plan
        && plan.ResetAt == DateTimeOffset.FromUnixTimeMilliseconds(1776124800000) && status is 402 or 429
            ? null
            : $"the plan-limit details do not match the body: {ex}";

    private static string? CheckConnectionLimit(OutlitException ex) =>
        ex is OutlitConnectionLimitException { Status: 403, CurrentConnections: 3, Limit: 3, Plan: "free" }
            ? null
            : $"the connection-limit details do not match the body: {ex}";

    private static Reply HalfBody(Script s)
    {
        var body = Encoding.UTF8.GetBytes(s.Operation.SuccessBody().ToString(Formatting.None));
        return Reply.Partial(200, "application/json", body, body.Length / 2);
    }

    private static byte[] JsonBody(int status, JObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
        return [.. HttpText.Head(status, "application/json", bytes.Length), .. bytes];
    }

    /// <summary>The operation's documented body with one undocumented field added where fields are undocumented.</summary>
    private static JObject With(Operation operation, string name, JToken value)
    {
        var body = operation.SuccessBody();
        operation.UndocumentedFieldsAt(body)[name] = value;
        return body;
    }

    private static JObject WithExtraFields(Operation operation)
    {
        var body = With(operation, "zzUndocumented", new JObject { ["nested"] = new JArray(1, "two", JValue.CreateNull()), ["flag"] = true });
        foreach (var item in operation.UndocumentedFieldsAt(body).Descendants().OfType<JObject>().ToList())
        {
            item["zzAddedLater"] = "value";
        }

        return body;
    }

    /// <summary>
    /// What an echoing server reflects: the bearer token and the body first (so a body snippet shortened to its first
    /// characters still holds them), then the request head.
    /// </summary>
    private static string Echo(ServerRequest request) =>
        $"{request.Header("Authorization")}; body {request.Body}; request {request.Head}";

    private static string EchoError(ServerRequest request, bool escaped)
    {
        var echo = Echo(request);
        if (!escaped)
        {
            return new JObject
            {
                ["error"] = echo,
                ["message"] = echo,
                ["details"] = new JArray(
                    new JObject { ["path"] = new JArray("config"), ["message"] = request.Body },
                    new JObject { ["path"] = new JArray("form"), ["message"] = PercentEncodeEveryByte(Echo(request)) }),
            }.ToString(Formatting.None);
        }

        var e = Sentinels.EscapeEveryCharacter(echo);
        var b = Sentinels.EscapeEveryCharacter(request.Body);
        return $$"""{"error":"{{e}}","message":"{{e}}","details":[{"path":["config"],"message":"{{b}}"}]}""";
    }

    /// <summary>A plan-limit body whose short fields, which callers read as values rather than text, carry the request.</summary>
    private static string EchoPlanLimit(ServerRequest request) => new JObject
    {
        ["error"] = Echo(request),
        ["code"] = request.Body.Length > 0 ? request.Body : request.Header("Authorization"),
        ["plan"] = request.Header("Authorization"),
        ["feature"] = PercentEncodeEveryByte(request.Body.Length > 0 ? request.Body : Echo(request)),
        ["requestId"] = request.Body,
        ["resetAt"] = 1776124800000,
    }.ToString(Formatting.None);

    /// <summary>URL-encoding of every byte, unreserved ones included: legal, and what no redaction of raw text catches.</summary>
    private static string PercentEncodeEveryByte(string text) =>
        string.Concat(Encoding.UTF8.GetBytes(text).Select(b => $"%{b:X2}"));

    /// <summary>The documented body plus one undocumented field per value the request carried (its bearer token and every string of its JSON body), named after the value.</summary>
    private static JObject EchoAsFields(Operation operation, ServerRequest request)
    {
        var values = new List<string>();
        if (request.Header("Authorization") is { } authorization)
        {
            values.Add(authorization.Replace("Bearer ", "", StringComparison.Ordinal));
        }

        if (request.BodyBytes.Length > 0 && JToken.Parse(request.Body) is JContainer json)
        {
            values.AddRange(json.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!));
        }

        var body = operation.SuccessBody();
        var at = operation.UndocumentedFieldsAt(body);
        foreach (var value in values.Distinct())
        {
            at[value] = value;
        }

        return body;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>A JSON object holding one 200 MB string, gzip-compressed to about 200 KB; built once, at test time.</summary>
    private static byte[] CreateBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.ASCII.GetBytes("{\"zzPadding\":\""));
            var chunk = new byte[1024 * 1024];
            chunk.AsSpan().Fill((byte)'A');
            for (var written = 0; written < BombInflatedBytes; written += chunk.Length)
            {
                gzip.Write(chunk);
            }

            gzip.Write("\"}"u8);
        }

        return output.ToArray();
    }
}

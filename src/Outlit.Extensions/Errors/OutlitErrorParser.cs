using System.Globalization;
using System.Net.Http.Headers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// Turns a failed response (status, headers, body text) into the matching <see cref="OutlitException"/>.
/// It never trusts the body to be JSON: proxies and load balancers answer with HTML, and the status alone
/// must still choose the right exception type.
/// </summary>
internal static class OutlitErrorParser
{
    internal const string ConnectionLimitCode = "plan_connection_limit_exceeded";

    internal static OutlitErrorResponse Parse(
        int status,
        Func<string, string?> header,
        string? body,
        string? operation,
        string? apiKey,
        DateTimeOffset now)
    {
        var json = TryParseObject(body);
        var retryAfter = ParseRetryAfter(header("Retry-After"), now);
        var response = new OutlitErrorResponse
        {
            Status = status,
            Operation = operation,
            RawBodySnippet = OutlitRedactor.Snippet(body, apiKey),
            BodyWasJson = json is not null,
            RetryAfter = retryAfter,
            RateLimitLimit = ParseInt(header("X-RateLimit-Limit")),
            RateLimitRemaining = ParseInt(header("X-RateLimit-Remaining")),
            RateLimitResetAt = ParseReset(header("X-RateLimit-Reset"), now),
        };

        if (json is null)
        {
            return response;
        }

        return response with
        {
            Message = Redact(ReadMessage(json), apiKey),
            Code = ReadString(json, "code"),
            Details = ReadDetails(json, apiKey),
            Plan = ReadString(json, "plan"),
            Feature = ReadString(json, "feature"),
            PlanResetAt = ReadInstant(json["resetAt"]),
            CurrentConnections = ReadInt(json["currentConnections"]),
            ConnectionLimit = ReadInt(json["limit"]),
        };
    }

    internal static OutlitException ToException(OutlitErrorResponse response) => response.Status switch
    {
        400 => new OutlitValidationException(response),
        401 => new OutlitAuthenticationException(response),
        402 => new OutlitPlanLimitException(response),
        403 when string.Equals(response.Code, ConnectionLimitCode, StringComparison.Ordinal) => new OutlitConnectionLimitException(response),
        404 => new OutlitNotFoundException(response),
        408 => new OutlitTimeoutException(response),
        429 when IsPlanCode(response.Code) => new OutlitPlanLimitException(response),
        429 => new OutlitRateLimitException(response),
        >= 500 and <= 599 => new OutlitServerException(response),
        _ => new OutlitException(response),
    };

    /// <summary>
    /// Translates an <see cref="ApiException"/> of the generated client. Error statuses normally never reach
    /// it (the pipeline throws first), so this covers what the generated code raises itself: a success body
    /// it cannot deserialize, or a status a wrapper chose to let through.
    /// </summary>
    internal static OutlitException FromApiException(ApiException exception, string operation, string? apiKey, DateTimeOffset now)
    {
        if (exception.StatusCode is >= 200 and <= 299)
        {
            return new OutlitResponseFormatException(
                $"The Outlit response to {operation} (status {exception.StatusCode}) does not have the documented shape: {OutlitRedactor.Redact(exception.InnerException?.Message ?? "unreadable body", apiKey)} Body starts: {OutlitRedactor.Snippet(exception.Response, apiKey) ?? "(empty)"}",
                // No inner exception: the ApiException and its JSON error quote raw, unredacted body text.
                innerException: null);
        }

        var response = Parse(exception.StatusCode, HeaderLookup(exception.Headers), exception.Response, operation, apiKey, now);
        return ToException(response);
    }

    /// <summary>A 429 carrying a billing <c>code</c> is a plan allowance, not a short-window throttle.</summary>
    internal static bool IsPlanCode(string? code) => !string.IsNullOrWhiteSpace(code);

    internal static Func<string, string?> HeaderLookup(HttpResponseMessage response) => name =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    internal static Func<string, string?> HeaderLookup(IReadOnlyDictionary<string, IEnumerable<string>>? headers) => name =>
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value?.FirstOrDefault();
            }
        }

        return null;
    };

    internal static JObject? TryParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.TrimStart();
        if (!trimmed.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds < 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
        }

        if (RetryConditionHeaderValue.TryParse(value, out var parsed) && parsed.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>
    /// <c>X-RateLimit-Reset</c> is documented as epoch seconds; some gateways send milliseconds or a
    /// number of seconds to wait, so the magnitude decides which one it is.
    /// </summary>
    internal static DateTimeOffset? ParseReset(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || number < 0 || double.IsNaN(number) || double.IsInfinity(number))
        {
            return null;
        }

        if (number >= 1e12)
        {
            return number > 253402300799999 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)number);
        }

        if (number >= 1e9)
        {
            return number > 253402300799 ? null : DateTimeOffset.FromUnixTimeSeconds((long)number);
        }

        return now + TimeSpan.FromSeconds(number);
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Redact(string? text, string? apiKey) => text is null ? null : OutlitRedactor.Redact(text, apiKey);

    private static string? ReadMessage(JObject json)
    {
        var error = json["error"];
        if (error is JValue { Type: JTokenType.String } text)
        {
            return (string?)text;
        }

        if (error is JObject nested && ReadString(nested, "message") is { } nestedMessage)
        {
            return nestedMessage;
        }

        return ReadString(json, "message");
    }

    private static string? ReadString(JObject json, string name) =>
        json[name] is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static int? ReadInt(JToken? token) => token is JValue { Type: JTokenType.Integer or JTokenType.Float } value
        ? (int)Math.Clamp(Convert.ToDouble(value.Value, CultureInfo.InvariantCulture), int.MinValue, int.MaxValue)
        : null;

    private static DateTimeOffset? ReadInstant(JToken? token)
    {
        if (token is JValue { Type: JTokenType.Integer or JTokenType.Float } number)
        {
            var milliseconds = Convert.ToDouble(number.Value, CultureInfo.InvariantCulture);
            return milliseconds is >= 0 and <= 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds) : null;
        }

        if (token is JValue { Type: JTokenType.String } text
            && DateTimeOffset.TryParse((string?)text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        return null;
    }

    private static IReadOnlyList<OutlitErrorDetail> ReadDetails(JObject json, string? apiKey)
    {
        var list = (json["details"] ?? json["errors"]) as JArray;
        if (list is null)
        {
            return Array.Empty<OutlitErrorDetail>();
        }

        var details = new List<OutlitErrorDetail>();
        foreach (var item in list.OfType<JObject>())
        {
            var path = item["path"] switch
            {
                JArray segments => segments.Select(s => s is JValue v ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? "" : s.ToString(Formatting.None)).ToArray(),
                JValue { Type: JTokenType.String } single => new[] { (string)single! },
                _ => Array.Empty<string>(),
            };
            var message = ReadString(item, "message") ?? item.ToString(Formatting.None);
            details.Add(new OutlitErrorDetail(path, OutlitRedactor.Redact(message, apiKey)));
        }

        return details;
    }
}

using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// An answer as the generated readers see it: its status and its body, already read in full. The readers call
/// <see cref="ReadResult{T}"/> for a documented answer and <see cref="ReadError{TBody}"/> for a documented
/// error, so every operation reads bodies one way, under one JSON policy (<see cref="OutlitJson"/>), and every
/// failure becomes a typed <see cref="OutlitException"/> with its secrets redacted.
/// </summary>
internal sealed class OutlitResponse
{
    private const int SnippetBytes = 4096;

    private readonly HttpResponseMessage message;
    private readonly string label;
    private readonly IReadOnlyCollection<string> secrets;
    private readonly DateTimeOffset now;
    private Newtonsoft.Json.Linq.JToken? parsedBody;
    private bool parsedBodyRead;

    public OutlitResponse(HttpResponseMessage message, string label, IReadOnlyCollection<string> secrets, DateTimeOffset now)
    {
        this.message = message;
        this.label = label;
        this.secrets = secrets;
        this.now = now;
        Status = (int)message.StatusCode;
    }

    public int Status { get; }

    private OutlitBufferedContent? Body => message.Content as OutlitBufferedContent;

    /// <summary>Reads the body as the documented result, under the one JSON policy.</summary>
    /// <exception cref="OutlitResponseFormatException">The body is empty, not JSON, or not of the documented shape.</exception>
    public T ReadResult<T>()
    {
        if (Body is not { Length: > 0 } body)
        {
            throw Format("the body is empty");
        }

        T? value;
        try
        {
            using var stream = body.OpenRead();
            value = OutlitJson.Deserialize<T>(stream);
        }
        catch (JsonException ex)
        {
            // No inner exception: Newtonsoft's messages quote values of the body, which may be secrets.
            throw Format(OutlitRedactor.Redact(ex.Message, secrets));
        }
        catch (Exception ex) when (ex is not OutlitException and (ArgumentException or FormatException or InvalidCastException or OverflowException or System.Reflection.TargetInvocationException or InvalidOperationException))
        {
            // A value no converter accepts (a URL that is not one, a number out of range): still a body of the wrong shape.
            throw Format(OutlitRedactor.Redact((ex.InnerException ?? ex).Message, secrets));
        }

        return value ?? throw Format("the body is null");
    }

    /// <summary>
    /// A status the contract documents as an answer although it is not a 2xx (disconnect's 404 "not connected"): the
    /// documented body is the result; any other body (a proxy's page) makes it the error its status is.
    /// </summary>
    public T ReadDocumentedAnswer<T>()
    {
        try
        {
            return ReadResult<T>();
        }
        catch (OutlitResponseFormatException)
        {
            throw ReadError();
        }
    }

    /// <summary>A documented answer without a body.</summary>
    public T ReadNoContent<T>() => default!;

    /// <summary>
    /// A documented error whose body has the type <typeparamref name="TBody"/>, or one of the earlier generations the
    /// contract lists for it (<c>x-outlit-error-older</c>: a server still answering in its older envelope): the shape
    /// that fills the most roles wins, the documented one on a tie. A body of no known shape (a proxy's page) still
    /// yields the status's exception, with the body kept as a snippet.
    /// </summary>
    public OutlitException ReadError<TBody>() => ReadError([typeof(TBody), .. OutlitErrorBodyCatalog.OlderGenerationsOf(typeof(TBody))]);

    /// <summary>An error without a documented body: read with the error bodies the contract describes.</summary>
    public OutlitException ReadError() => ReadError(OutlitErrorBodyCatalog.Bodies);

    /// <summary>A status the contract does not document: a 2xx is read as the result, anything else as an error of its status class.</summary>
    public T ReadUndocumented<T>() => Status is >= 200 and <= 299 ? ReadResult<T>() : throw ReadError();

    private OutlitException ReadError(IEnumerable<Type> candidates)
    {
        OutlitErrorFields? fields = null;
        var json = false;
        if (ParsedBody() is { } body)
        {
            // The shape that reads this body with the most of its roles filled is the one it is; a role counts only
            // when the body has its property.
            IReadOnlySet<string> present = body is Newtonsoft.Json.Linq.JObject properties
                ? properties.Properties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : new HashSet<string>();
            var best = -1;
            foreach (var type in candidates.Distinct())
            {
                try
                {
                    var typed = OutlitJson.ToObject(body, type);
                    json = true;
                    if (typed is IOutlitErrorBody errorBody && errorBody.GetErrorFields(present) is var read && read.FilledRoles > best)
                    {
                        fields = read;
                        best = read.FilledRoles;
                    }
                }
                catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException or System.Reflection.TargetInvocationException)
                {
                    // Not this shape; another may be.
                }
            }
        }

        return OutlitErrors.Create(Describe(fields, json), RedirectTarget());
    }

    /// <summary>The body as a JSON tree, parsed once for every error shape tried; null when it is not JSON.</summary>
    private Newtonsoft.Json.Linq.JToken? ParsedBody()
    {
        if (!parsedBodyRead)
        {
            parsedBodyRead = true;
            if (Body is { Length: > 0 } body && LooksLikeJson(body))
            {
                try
                {
                    using var stream = body.OpenRead();
                    parsedBody = OutlitJson.Deserialize<Newtonsoft.Json.Linq.JToken>(stream);
                }
                catch (JsonException)
                {
                    // Not JSON after all (a cut-off body): no shape reads it.
                }
            }
        }

        return parsedBody;
    }

    private OutlitErrorResponse Describe(OutlitErrorFields? fields, bool bodyWasJson)
    {
        var header = (string name) => OutlitRateLimitHeaders.Header(message, name);
        return new OutlitErrorResponse
        {
            Status = Status,
            Operation = label,
            RawBodySnippet = Snippet(),
            BodyWasJson = bodyWasJson,
            RetryAfter = OutlitRateLimitHeaders.RetryAfter(header("Retry-After"), now),
            RateLimitLimit = OutlitRateLimitHeaders.Count(header("X-RateLimit-Limit")),
            RateLimitRemaining = OutlitRateLimitHeaders.Count(header("X-RateLimit-Remaining")),
            RateLimitResetAt = OutlitRateLimitHeaders.Reset(header("X-RateLimit-Reset"), now),
            RequestedWait = OutlitRateLimitHeaders.RequestedWait(message, now),
            Message = fields?.Message is { } text ? OutlitRedactor.Redact(text, secrets) : null,
            Code = OutlitRedactor.RedactValue(fields?.Code, secrets),
            Details = fields?.Details.Select(d => d with { Message = OutlitRedactor.Redact(d.Message, secrets) }).ToList() ?? [],
            Plan = OutlitRedactor.RedactValue(fields?.Plan, secrets),
            Feature = OutlitRedactor.RedactValue(fields?.Feature, secrets),
            PlanResetAt = fields?.ResetAt,
            CurrentConnections = fields?.CurrentConnections,
            ConnectionLimit = fields?.Limit,
            RequestId = OutlitRedactor.RedactValue(fields?.RequestId, secrets),
            Retryable = fields?.Retryable,
            PlanRefusal = fields?.PlanRefusal ?? false,
        };
    }

    private OutlitResponseFormatException Format(string reason) =>
        new($"The Outlit response to {label} (status {Status}) does not have the documented shape: {reason} Body starts: {Snippet() ?? "(empty)"}", Status, label, Snippet());

    private string? Snippet() => Body is { Length: > 0 } body ? OutlitRedactor.Snippet(OutlitRedactor.Text(body.Head(SnippetBytes)), secrets) : null;

    private Uri? RedirectTarget() => Status is >= 300 and <= 399 && message.Headers.Location is { } location
        ? (location.IsAbsoluteUri ? location : new Uri(message.RequestMessage?.RequestUri ?? new Uri("http://localhost/"), location))
        : null;

    private static bool LooksLikeJson(OutlitBufferedContent body)
    {
        foreach (var b in body.Head(64))
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is (byte)'{' or (byte)'[';
        }

        return false;
    }
}

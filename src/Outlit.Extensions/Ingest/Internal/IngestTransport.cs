using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Outlit.Ingest;

/// <summary>A field problem from an Ingest error body, with the path exactly as the server sent it.</summary>
internal sealed record IngestErrorItem(IReadOnlyList<object> Path, string Message);

/// <summary>What became of one request after pacing and retries.</summary>
internal sealed record IngestAttemptOutcome(int? StatusCode, string? Message, IReadOnlyList<IngestErrorItem> Errors, Exception? Exception, int Attempts)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>True when the failure is one retries could have fixed (network, timeout, 429, 5xx).</summary>
    public bool Transient => Exception is not null || StatusCode is 429 or >= 500;
}

/// <summary>
/// Sends one request body to the events endpoint: paced, retried with backoff on 429/5xx/network
/// failures, never retried on other 4xx. Only the public key (in the path) identifies the caller.
/// </summary>
internal sealed class IngestTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly Uri endpoint;
    private readonly IngestPacer pacer;
    private readonly ResiliencePipeline<HttpResponseMessage> retry;
    private readonly ResiliencePipeline attemptTimeout;

    public IngestTransport(HttpClient http, bool ownsHttp, string publicKey, OutlitIngestClientOptions options, TimeProvider time)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        var root = options.BaseAddress.AbsoluteUri.EndsWith('/') ? options.BaseAddress : new Uri(options.BaseAddress.AbsoluteUri + "/");
        endpoint = new Uri(root, $"api/i/v1/{Uri.EscapeDataString(publicKey)}/events");
        pacer = new IngestPacer(options.RequestsPerSecond, options.MaxRetryDelay, time);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    // The failed response is replaced by the next attempt; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        retry = builder.Build();
        // The timeout covers the HTTP exchange only: waiting for the rate limit is not a slow
        // server and must not use up attempts.
        attemptTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.RequestTimeout).Build();
    }

    public Uri Endpoint => endpoint;

    public IngestRateLimitInfo? RateLimit => pacer.Last;

    public async Task<IngestAttemptOutcome> SendAsync(byte[] body, CancellationToken cancellationToken)
    {
        var attempts = 0;
        HttpResponseMessage response;
        try
        {
            response = await retry.ExecuteAsync(
                async token =>
                {
                    await pacer.WaitAsync(token).ConfigureAwait(false);
                    Interlocked.Increment(ref attempts);
                    return await attemptTimeout.ExecuteAsync(
                        async attemptToken =>
                        {
                            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                            {
                                Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } },
                            };
                            var sent = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptToken).ConfigureAwait(false);
                            pacer.Observe(sent.Headers, (int)sent.StatusCode);
                            return sent;
                        },
                        token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransientException(ex))
        {
            return new IngestAttemptOutcome(null, $"The request failed after {attempts} attempt(s): {ex.Message}", [], ex, attempts);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new IngestAttemptOutcome(status, null, [], null, attempts);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var (message, errors) = ParseError(text);
            message ??= $"HTTP {status} {response.ReasonPhrase}";
            return new IngestAttemptOutcome(status, message, errors, null, attempts);
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
    {
        if (outcome.Exception is { } ex)
        {
            return !callerToken.IsCancellationRequested && IsTransientException(ex);
        }

        var status = (int)outcome.Result!.StatusCode;
        return status == 429 || status >= 500;
    }

    private static bool IsTransientException(Exception ex) =>
        ex is HttpRequestException or TimeoutRejectedException or IOException or OperationCanceledException;

    /// <summary>Reads the documented error shape leniently: unknown fields are ignored, a body that is not JSON yields no details.</summary>
    internal static (string? Message, IReadOnlyList<IngestErrorItem> Errors) ParseError(string text)
    {
        JObject body;
        try
        {
            if (JToken.Parse(text) is not JObject parsed)
            {
                return (null, []);
            }

            body = parsed;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return (null, []);
        }

        var message = body["message"]?.Type == JTokenType.String ? (string?)body["message"] : null;
        var errors = new List<IngestErrorItem>();
        if (body["errors"] is JArray items)
        {
            foreach (var item in items.OfType<JObject>())
            {
                var path = new List<object>();
                if (item["path"] is JArray segments)
                {
                    foreach (var segment in segments)
                    {
                        path.Add(segment.Type == JTokenType.Integer ? (object)(long)segment : segment.ToString());
                    }
                }

                errors.Add(new IngestErrorItem(path, item["message"]?.ToString() ?? ""));
            }
        }

        return (message, errors);
    }

    public void Dispose()
    {
        pacer.Dispose();
        if (ownsHttp)
        {
            http.Dispose();
        }
    }
}

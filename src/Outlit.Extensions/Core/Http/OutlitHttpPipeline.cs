using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Outlit;

/// <summary>
/// The one request path of a client, shared by every generated operation: per call, a total timeout around a
/// retry strategy around a per-attempt timeout; per attempt, a fresh request built by the operation's generated
/// factory, sent through the per-try stages (authentication or pacing, logging, the body read in full and capped,
/// the transport) and read by the operation's generated reader into its result or its typed error.
/// </summary>
/// <remarks>
/// What is retried: 408, 429 without a plan, 5xx (except 501 and 505, which a retry cannot fix), a body cut off
/// mid-read, transport failures and attempt timeouts. An error body that says whether it is retryable (the
/// gateway's envelope) decides instead of its status, either way. Never: plan limits, other 4xx, the caller's
/// cancellation. A call whose operation is not safe to repeat is retried only
/// when the request provably never reached the server (DNS failure, refused connection, TLS or proxy handshake).
/// A server-requested wait replaces the computed delay; one longer than the allowed maximum ends the call with
/// the server's error instead of a sleep.
/// </remarks>
internal sealed class OutlitHttpPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<CallState> CallKey = new("Outlit.Call");

    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ILogger logger;
    private readonly ResiliencePipeline resilience;
    private readonly ResiliencePipeline attemptTimeout;
    private readonly IOutlitAttemptGate? gate;
    private readonly string ownerName;
    private int disposed;

    /// <param name="http">The HttpClient holding the per-try stages and the transport.</param>
    /// <param name="ownsHttp">True when the pipeline disposes <paramref name="http"/>.</param>
    /// <param name="settings">The validated settings.</param>
    /// <param name="ownerName">The SDK type that owns the pipeline, named when it is used after disposal.</param>
    /// <param name="gate">Waited for before each attempt, outside the attempt's timeout (the ingest client's pacing: waiting for a permit is not a slow server).</param>
    public OutlitHttpPipeline(HttpClient http, bool ownsHttp, OutlitPipelineSettings settings, string ownerName, IOutlitAttemptGate? gate = null)
    {
        this.http = http;
        this.ownsHttp = ownsHttp;
        this.ownerName = ownerName;
        this.gate = gate;
        Settings = settings;
        logger = settings.CreateLogger();
        resilience = BuildResilience();
        attemptTimeout = settings.AttemptTimeout == Timeout.InfiniteTimeSpan
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider }
                .AddTimeout(new TimeoutStrategyOptions { Name = "OutlitAttemptTimeout", Timeout = settings.AttemptTimeout })
                .Build();
    }

    public OutlitPipelineSettings Settings { get; }

    /// <summary>The HttpClient holding the per-try stages, for tests that send a raw request through them.</summary>
    internal HttpClient Http => http;

    public Uri BaseUrl => Settings.BaseUrl;

    public Uri CreateUri(string relative) => new(BaseUrl, relative);

    public HttpContent CreateJsonContent(HttpRequestMessage request, object? body, string mediaType) =>
        new OutlitRequestContent(body is null ? ReadOnlyMemory<byte>.Empty : OutlitJson.SerializeToUtf8(body), string.IsNullOrEmpty(mediaType) ? "application/json" : mediaType).Bind(request);

    public HttpContent CreateTextContent(HttpRequestMessage request, string? text, string mediaType) =>
        new OutlitRequestContent(System.Text.Encoding.UTF8.GetBytes(text ?? ""), mediaType).Bind(request);

    public HttpContent CreateStreamContent(HttpRequestMessage request, Stream? stream, string mediaType)
    {
        using var copy = new MemoryStream();
        stream?.CopyTo(copy);
        return new OutlitRequestContent(copy.ToArray(), mediaType).Bind(request);
    }

    public HttpContent CreateFormContent(HttpRequestMessage request, object? values)
    {
        var pairs = values is null ? [] : OutlitJson.ToToken(values) is JObject json
            ? json.Properties().Where(p => p.Value.Type != JTokenType.Null).Select(p => new KeyValuePair<string, string>(p.Name, p.Value is JValue v ? Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : p.Value.ToString(Newtonsoft.Json.Formatting.None)))
            : [];
        using var form = new FormUrlEncodedContent(pairs);
        return new OutlitRequestContent(form.ReadAsByteArrayAsync().GetAwaiter().GetResult(), "application/x-www-form-urlencoded").Bind(request);
    }

    /// <summary>Runs one call of <paramref name="operation"/> to its end: a result, or an <see cref="OutlitException"/>.</summary>
    public async Task<TResult> SendAsync<TResult>(
        OutlitOperation operation,
        OutlitRequestContext? context,
        Func<HttpRequestMessage> createRequest,
        Func<OutlitResponse, TResult> read,
        CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var call = new CallState(operation, context, context?.Label ?? operation.Id, context?.RetrySafe ?? operation.RetrySafe,
            context is { Secrets.Count: > 0 } ? [.. Settings.Secrets, .. context.Secrets] : Settings.Secrets);
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(CallKey, call);
        try
        {
            return await resilience.ExecuteAsync(
                static async (ctx, state) =>
                {
                    if (state.Pipeline.gate is { } gate)
                    {
                        await gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                    }

                    return await state.Pipeline.RunAttemptAsync(state.Call, state.Create, state.Read, ctx.CancellationToken).ConfigureAwait(false);
                },
                resilienceContext,
                (Pipeline: this, Call: call, Create: createRequest, Read: read)).ConfigureAwait(false);
        }
        catch (OutlitException ex)
        {
            ReportFailure(call, ex);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's own decision, not a failure to report.
            throw;
        }
        catch (Exception ex)
        {
            var translated = Translate(ex, call);
            ReportFailure(call, translated);
            throw translated;
        }
        finally
        {
            if (context is not null)
            {
                context.Attempts = call.Attempts;
                context.OutcomeUnknown = call.OutcomeUnknown;
            }

            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    /// <summary>
    /// One attempt under its timeout, and what it tells about the call: whether the server answered it, or whether it
    /// may have reached the server without the client learning what the server did with it.
    /// </summary>
    private async Task<TResult> RunAttemptAsync<TResult>(CallState call, Func<HttpRequestMessage> createRequest, Func<OutlitResponse, TResult> read, CancellationToken cancellationToken)
    {
        call.LastStatus = 0;
        call.AttemptSent = false;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await attemptTimeout.ExecuteAsync(
                static async (inner, token) => await inner.Pipeline.AttemptAsync(inner.Call, inner.Create, inner.Read, token).ConfigureAwait(false),
                (Pipeline: this, Call: call, Create: createRequest, Read: read),
                cancellationToken).ConfigureAwait(false);
            if (OutlitEventSource.Log.IsEnabled(EventLevel.Verbose, OutlitEventSource.Keywords.Requests))
            {
                OutlitEventSource.Log.RequestAttempt(call.Operation.Id, call.Label, call.Attempts, call.LastStatus, "", ElapsedMs(started));
            }

            return result;
        }
        catch (Exception ex)
        {
            if (OutlitEventSource.Log.IsEnabled(EventLevel.Verbose, OutlitEventSource.Keywords.Requests))
            {
                OutlitEventSource.Log.RequestAttempt(call.Operation.Id, call.Label, call.Attempts, (ex as OutlitException)?.Status ?? call.LastStatus, ErrorKind(ex), ElapsedMs(started));
            }

            if (ex is OutlitException { Status: > 0 } answered)
            {
                call.LastStatus = answered.Status;
            }
            else if (ex is OutlitRedirectException)
            {
                // The caller's transport followed a redirect: an answer came, from elsewhere.
            }
            else if (call.AttemptSent && !NeverReachedServer(ex))
            {
                // A timeout, a reset, a cancellation or a disposal after the request left: the server may have acted on it.
                call.OutcomeUnknown = true;
            }

            throw;
        }
    }

    private async Task<TResult> AttemptAsync<TResult>(CallState call, Func<HttpRequestMessage> createRequest, Func<OutlitResponse, TResult> read, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var attempt = Interlocked.Increment(ref call.Attempts);
        using var request = createRequest();
        request.Options.Set(OutlitHttpRequestOptions.Operation, call.Label);
        request.Options.Set(OutlitHttpRequestOptions.OperationId, call.Operation.Id);
        request.Options.Set(OutlitHttpRequestOptions.Idempotent, call.RetrySafe);
        request.Options.Set(OutlitHttpRequestOptions.Attempt, attempt);
        request.Options.Set(OutlitHttpRequestOptions.Secrets, call.Secrets);
        if (call.Context?.Tool is { } tool)
        {
            request.Options.Set(OutlitHttpRequestOptions.Tool, tool);
        }

        var sentTo = request.RequestUri;
        call.AttemptSent = true;
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        call.LastStatus = (int)response.StatusCode;

        // A transport that follows redirects itself may have answered from somewhere else: that answer is not Outlit's.
        if (response.RequestMessage?.RequestUri is { } answeredBy && sentTo is not null && !OutlitPipelineSettings.IsSameOrigin(answeredBy, sentTo))
        {
            throw new OutlitRedirectException(answeredBy);
        }

        return read(new OutlitResponse(response, call.Label, call.Secrets, Settings.TimeProvider.GetUtcNow()));
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>What an attempt's failure was, as events name it: the exception type, with the transport's own classification where it has one.</summary>
    private static string ErrorKind(Exception? exception) => exception switch
    {
        null => "",
        TimeoutRejectedException => "AttemptTimeout",
        HttpRequestException { HttpRequestError: not HttpRequestError.Unknown } http => $"{nameof(HttpRequestException)}.{http.HttpRequestError}",
        _ => exception.GetType().Name,
    };

    /// <summary>Reports a call that ends with an exception: ids, counts and the type always; the texts the server chose only redacted.</summary>
    private static void ReportFailure(CallState call, Exception exception)
    {
        if (OutlitEventSource.Log.IsEnabled(EventLevel.Warning, OutlitEventSource.Keywords.Requests))
        {
            var outlit = exception as OutlitException;
            OutlitEventSource.Log.RequestFailed(
                call.Operation.Id,
                call.Label,
                call.Attempts,
                exception.GetType().Name,
                outlit?.Status ?? 0,
                OutlitRedactor.RedactValue(outlit?.ErrorCode, call.Secrets) ?? "",
                OutlitRedactor.Redact(exception.Message, call.Secrets));
        }
    }

    /// <summary>True once <see cref="Dispose"/> has run.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) != 0;

    /// <summary>Names the SDK type that owns the pipeline, never an internal object (HttpClient, a rate limiter).</summary>
    private void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw Disposed();
        }
    }

    private ObjectDisposedException Disposed() => new(ownerName, $"The {ownerName} has been disposed.");

    private Exception Translate(Exception exception, CallState call)
    {
        if (Find<OutlitException>(exception) is { } typed)
        {
            return typed;
        }

        if (IsDisposed)
        {
            // Whatever the transport threw as it was torn down (a cancellation, an ObjectDisposedException naming an
            // internal object), the cause is the owner's disposal.
            return Disposed();
        }

        return exception switch
        {
            TimeoutRejectedException timeout => new OutlitTimeoutException($"The Outlit request {call.Label} timed out after {timeout.Timeout.TotalSeconds:0.###} s (the answer, body included, did not arrive in time).", timeout),
            OperationCanceledException canceled => new OutlitTimeoutException($"The Outlit request {call.Label} was cancelled by the transport before completing (a timeout of the underlying HttpClient).", canceled),
            HttpRequestException or IOException => new OutlitNetworkException($"The Outlit request {call.Label} could not be completed: {OutlitRedactor.Redact(exception.Message, call.Secrets)}", exception),
            ObjectDisposedException => Disposed(),
            _ => new OutlitNetworkException($"The Outlit request {call.Label} failed: {exception.GetType().Name}.", exception),
        };
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private ResiliencePipeline BuildResilience()
    {
        var settings = Settings;
        var builder = new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider };
        if (settings.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "OutlitTotalTimeout", Timeout = settings.TotalTimeout });
        }

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "OutlitRetry",
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && args.Context.Properties.TryGetValue(CallKey, out var call) && ShouldRetry(ex, call)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is OutlitException { RequestedWait: { } wait }
                    ? (wait > settings.MaxRetryAfter ? settings.MaxRetryAfter : wait)
                    : (TimeSpan?)null),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(CallKey, out var call);
                    var reason = args.Outcome.Exception switch
                    {
                        OutlitException { Status: > 0 } failed => failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        { } other => other.GetType().Name,
                        null => "unknown",
                    };
                    logger.LogInformation(
                        "Retrying Outlit {Operation} after {Reason}: retry {Retry} of {MaxRetries} in {DelayMs} ms",
                        call?.Label, reason, args.AttemptNumber + 1, settings.MaxRetries, (long)args.RetryDelay.TotalMilliseconds);
                    if (call is not null && OutlitEventSource.Log.IsEnabled(EventLevel.Informational, OutlitEventSource.Keywords.Requests))
                    {
                        OutlitEventSource.Log.RequestRetry(
                            call.Operation.Id,
                            call.Label,
                            args.AttemptNumber + 1,
                            settings.MaxRetries,
                            (args.Outcome.Exception as OutlitException)?.Status ?? 0,
                            args.Outcome.Exception is OutlitException { Status: > 0 } ? "" : ErrorKind(args.Outcome.Exception),
                            (long)args.RetryDelay.TotalMilliseconds);
                    }

                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    private bool ShouldRetry(Exception exception, CallState call)
    {
        if (IsDisposed)
        {
            return false;
        }

        switch (exception)
        {
            case OutlitRedirectException or OutlitResponseFormatException or OutlitResponseTooLargeException or OutlitConfigurationException or OutlitPlanLimitException:
                return false;
            case OutlitException { Status: > 0 } failed:
                // The server's own word (the envelope's retryable) decides over the status either way; without it,
                // the statuses that are transient by nature are retried.
                var retryable = failed.Retryable ?? failed.Status is 408 or 429 or (>= 500 and <= 599 and not 501 and not 505);
                // Any answer means the server received the request: a state-changing call is not repeated.
                return retryable && call.RetrySafe
                    && (failed.RequestedWait is not { } wait || wait <= Settings.MaxRetryAfter || Settings.RetriesAfterLongWaits);
            case TimeoutRejectedException:
                return call.RetrySafe;
            case OperationCanceledException:
                return false;
            case ObjectDisposedException:
                return false;
        }

        if (Find<OutlitRedirectException>(exception) is not null)
        {
            return false;
        }

        return NeverReachedServer(exception) || (call.RetrySafe && exception is HttpRequestException or IOException);
    }

    /// <summary>True for failures that happen before any byte of the request can have reached the server.</summary>
    internal static bool NeverReachedServer(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError })
            {
                return true;
            }

            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain or SocketError.NoData or SocketError.AddressNotAvailable })
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && ownsHttp)
        {
            http.Dispose();
        }
    }

    /// <summary>What one call carries through its attempts.</summary>
    private sealed class CallState(OutlitOperation operation, OutlitRequestContext? context, string label, bool retrySafe, IReadOnlyCollection<string> secrets)
    {
        public int Attempts;

        /// <summary>The status of the latest attempt's answer; 0 before it arrives or when none did.</summary>
        public int LastStatus;

        /// <summary>True once an attempt may have reached the server and ended without an answer.</summary>
        public bool OutcomeUnknown;

        /// <summary>True once the current attempt's request has been handed to the transport (a disposal noticed before it is not a send).</summary>
        public bool AttemptSent;

        public OutlitOperation Operation { get; } = operation;

        public OutlitRequestContext? Context { get; } = context;

        public string Label { get; } = label;

        public bool RetrySafe { get; } = retrySafe;

        public IReadOnlyCollection<string> Secrets { get; } = secrets;
    }
}

/// <summary>Something every attempt waits for before it starts, outside its timeout: the ingest client's pacing.</summary>
internal interface IOutlitAttemptGate
{
    ValueTask WaitAsync(CancellationToken cancellationToken);
}

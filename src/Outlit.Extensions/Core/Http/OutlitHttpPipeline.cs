using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// The one request path of a client, shared by every generated operation: per call, a total timeout around a
/// retry loop around a per-attempt timeout; per attempt, a fresh request built by the operation's generated
/// factory, sent through the per-try stages (authentication or pacing, logging, the body read in full and capped,
/// the transport) and read by the operation's generated reader into its result or its typed error.
/// </summary>
/// <remarks>
/// The retry loop and the timeouts are written out here rather than composed from a resilience library: a call is
/// then two asynchronous frames of the client's own instead of about a dozen (each strategy, its bridge from the
/// untyped pipeline to the call's result type, and the adapters between them), which on a small call was a quarter
/// of what the whole call allocated.
/// </remarks>
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
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ILogger logger;
    private readonly IOutlitAttemptGate? gate;
    private readonly string ownerName;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Uri> uris = new(StringComparer.Ordinal);
    private int disposed;
    private int keptUris;

    private const int MaxKeptUris = 256;

    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;
    private static readonly object[] BoxedAttempts = [.. Enumerable.Range(0, 32).Select(n => (object)n)];

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
    }

    public OutlitPipelineSettings Settings { get; }

    /// <summary>The HttpClient holding the per-try stages, for tests that send a raw request through them.</summary>
    internal HttpClient Http => http;

    public Uri BaseUrl => Settings.BaseUrl;

    /// <summary>
    /// The absolute URL of a relative one. Most calls go to a handful of URLs (every tool call to the same one), so
    /// the parsed <see cref="Uri"/>s, which are immutable, are kept (a bounded number: query strings vary).
    /// </summary>
    public Uri CreateUri(string relative)
    {
        if (uris.TryGetValue(relative, out var known))
        {
            return known;
        }

        var uri = new Uri(BaseUrl, relative);
        if (Volatile.Read(ref keptUris) < MaxKeptUris && uris.TryAdd(relative, uri))
        {
            Interlocked.Increment(ref keptUris);
        }

        return uri;
    }

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
        var deadline = new OutlitDeadline(Settings.TotalTimeout, Settings.TimeProvider);
        try
        {
            for (var retry = 0; ; retry++)
            {
                try
                {
                    if (gate is not null)
                    {
                        await WaitAtGateAsync(gate, deadline, cancellationToken).ConfigureAwait(false);
                    }

                    return await RunAttemptAsync(call, createRequest, read, deadline, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (retry < Settings.MaxRetries && !cancellationToken.IsCancellationRequested && ShouldRetry(ex, call))
                {
                    var delay = RetryDelay(ex, retry);
                    ReportRetry(call, ex, retry + 1, delay);
                    var remaining = deadline.Remaining;
                    if (remaining != Timeout.InfiniteTimeSpan && remaining <= delay)
                    {
                        // The call's time runs out before the retry is due. (The failure that asked for the retry is not
                        // the cause: the call ends for lack of time.)
                        await Task.Delay(remaining, Settings.TimeProvider, cancellationToken).ConfigureAwait(false);
                        throw new OutlitTimeoutElapsedException(deadline.Total, isTotal: true, inner: null);
                    }

                    if (delay > TimeSpan.Zero)
                    {
                        await Task.Delay(delay, Settings.TimeProvider, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OutlitException ex)
        {
            ReportFailure(call, ex);
            throw;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller's own decision, not a failure to report; it carries the caller's token, not one of the timeouts'.
            if (ex.CancellationToken == cancellationToken)
            {
                throw;
            }

            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
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
        }
    }

    /// <summary>Waits for the gate's permit within what is left of the call's time (waiting is not a slow server: no attempt timeout).</summary>
    private async Task WaitAtGateAsync(IOutlitAttemptGate gate, OutlitDeadline deadline, CancellationToken cancellationToken)
    {
        using var timeout = OutlitTimeoutScope.Start(deadline.Remaining, Settings.TimeProvider, cancellationToken);
        try
        {
            await gate.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (timeout.Expired)
        {
            throw new OutlitTimeoutElapsedException(deadline.Total, isTotal: true, ex);
        }
    }

    /// <summary>
    /// One attempt under its timeout (and within the call's), and what it tells about the call: whether the server
    /// answered it, or whether it may have reached the server without the client learning what the server did with it.
    /// </summary>
    private async Task<TResult> RunAttemptAsync<TResult>(CallState call, Func<HttpRequestMessage> createRequest, Func<OutlitResponse, TResult> read, OutlitDeadline deadline, CancellationToken cancellationToken)
    {
        call.LastStatus = 0;
        call.AttemptSent = false;
        var started = Stopwatch.GetTimestamp();
        var (limit, totalIsNearer) = deadline.Limit(Settings.AttemptTimeout);
        using var timeout = OutlitTimeoutScope.Start(limit, Settings.TimeProvider, cancellationToken);
        try
        {
            var result = await AttemptAsync(call, createRequest, read, timeout.Token).ConfigureAwait(false);
            if (OutlitEventSource.Log.IsEnabled(EventLevel.Verbose, OutlitEventSource.Keywords.Requests))
            {
                OutlitEventSource.Log.RequestAttempt(call.Operation.Id, call.Label, call.Attempts, call.LastStatus, "", ElapsedMs(started));
            }

            return result;
        }
        catch (Exception thrown)
        {
            var ex = timeout.Expired && thrown is OperationCanceledException
                ? new OutlitTimeoutElapsedException(totalIsNearer ? deadline.Total : Settings.AttemptTimeout, totalIsNearer, thrown)
                : thrown;
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

            if (ReferenceEquals(ex, thrown))
            {
                throw;
            }

            throw ex;
        }
    }

    private async Task<TResult> AttemptAsync<TResult>(CallState call, Func<HttpRequestMessage> createRequest, Func<OutlitResponse, TResult> read, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var attempt = Interlocked.Increment(ref call.Attempts);
        using var request = createRequest();
        // Written through the dictionary view with boxes made once: the typed setter boxes the flag and the number anew each time.
        var options = (IDictionary<string, object?>)request.Options;
        options[OutlitHttpRequestOptions.Operation.Key] = call.Label;
        options[OutlitHttpRequestOptions.OperationId.Key] = call.Operation.Id;
        options[OutlitHttpRequestOptions.Idempotent.Key] = call.RetrySafe ? BoxedTrue : BoxedFalse;
        options[OutlitHttpRequestOptions.Attempt.Key] = attempt < BoxedAttempts.Length ? BoxedAttempts[attempt] : attempt;
        options[OutlitHttpRequestOptions.Secrets.Key] = call.Secrets;
        if (call.Context?.Tool is { } tool)
        {
            options[OutlitHttpRequestOptions.Tool.Key] = tool;
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
        OutlitTimeoutElapsedException { IsTotal: true } => "TotalTimeout",
        OutlitTimeoutElapsedException => "AttemptTimeout",
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
            OutlitTimeoutElapsedException timeout => new OutlitTimeoutException($"The Outlit request {call.Label} timed out after {timeout.Timeout.TotalSeconds:0.###} s (the answer, body included, did not arrive in time).", timeout),
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

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> + 1: the server's requested wait when it gave one (at most
    /// the allowed maximum), else an exponential backoff from the base delay with ±20% jitter, at most the maximum
    /// delay, so clients that failed together do not retry together.
    /// </summary>
    private TimeSpan RetryDelay(Exception exception, int retry)
    {
        if (exception is OutlitException { RequestedWait: { } wait })
        {
            return wait > Settings.MaxRetryAfter ? Settings.MaxRetryAfter : wait;
        }

        var exponential = Settings.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, Settings.MaxDelay.TotalMilliseconds));
    }

    private void ReportRetry(CallState call, Exception exception, int retryNumber, TimeSpan delay)
    {
        var reason = exception switch
        {
            OutlitException { Status: > 0 } failed => failed.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => exception.GetType().Name,
        };
        logger.LogInformation(
            "Retrying Outlit {Operation} after {Reason}: retry {Retry} of {MaxRetries} in {DelayMs} ms",
            call.Label, reason, retryNumber, Settings.MaxRetries, (long)delay.TotalMilliseconds);
        if (OutlitEventSource.Log.IsEnabled(EventLevel.Informational, OutlitEventSource.Keywords.Requests))
        {
            OutlitEventSource.Log.RequestRetry(
                call.Operation.Id,
                call.Label,
                retryNumber,
                Settings.MaxRetries,
                (exception as OutlitException)?.Status ?? 0,
                exception is OutlitException { Status: > 0 } ? "" : ErrorKind(exception),
                (long)delay.TotalMilliseconds);
        }
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
            case OutlitTimeoutElapsedException { IsTotal: true }:
                return false;
            case OutlitTimeoutElapsedException:
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

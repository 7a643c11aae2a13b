using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Outlit;

/// <summary>
/// Retry and timeouts, as one Polly pipeline built once per client: a total timeout around a retry strategy
/// around a per-attempt timeout.
/// </summary>
/// <remarks>
/// What is retried: 408, 429 without a plan <c>code</c>, 5xx (except 501 and 505, which a retry cannot fix),
/// transport failures and attempt timeouts. Never: plan limits (402, 429 with a <c>code</c>), other 4xx, the
/// caller's cancellation. A request marked as not idempotent is retried only when it provably never reached
/// the server (DNS failure, refused connection, TLS or proxy handshake failure): once a server has seen a
/// connect or a notification, repeating it could connect twice or notify twice.
/// Delays: exponential backoff with jitter from <see cref="OutlitClientOptions.BaseDelay"/> capped at
/// <see cref="OutlitClientOptions.MaxDelay"/>; a server-given <c>Retry-After</c> or <c>X-RateLimit-Reset</c>
/// replaces the computed delay, and a wait longer than <see cref="OutlitClientOptions.MaxRetryAfter"/> is not
/// slept through but reported to the caller.
/// </remarks>
internal sealed class OutlitRetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Outlit.Request");

    private readonly OutlitClientSettings settings;
    private readonly ILogger logger;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    internal OutlitRetryHandler(OutlitClientSettings settings)
    {
        this.settings = settings;
        logger = settings.CreateLogger();
        pipeline = Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var attempt = state.request.Options.TryGetValue(OutlitHttpRequestOptions.Attempt, out var previous) ? previous + 1 : 1;
                    state.request.Options.Set(OutlitHttpRequestOptions.Attempt, attempt);
                    return await state.handler.SendOnceAsync(state.request, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (handler: this, request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);

    private ResiliencePipeline<HttpResponseMessage> Build()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = settings.TimeProvider };
        if (settings.TotalTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "OutlitTotalTimeout", Timeout = settings.TotalTimeout });
        }

        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "OutlitRetry",
                MaxRetryAttempts = settings.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                ShouldHandle = ShouldRetryAsync,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? ServerRequestedDelay(response) : null),
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(RequestKey, out var request);
                    string? operation = null;
                    request?.Options.TryGetValue(OutlitHttpRequestOptions.Operation, out operation);
                    var reason = args.Outcome.Result is { } response ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name;
                    logger.LogInformation(
                        "Retrying Outlit {Operation} after {Reason}: retry {Retry} of {MaxRetries} in {DelayMs} ms",
                        operation, reason, args.AttemptNumber + 1, settings.MaxRetries, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (settings.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "OutlitAttemptTimeout", Timeout = settings.AttemptTimeout });
        }

        return builder.Build();
    }

    private async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        args.Context.Properties.TryGetValue(RequestKey, out var request);
        var idempotent = request is not null
            && request.Options.TryGetValue(OutlitHttpRequestOptions.Idempotent, out var marked) && marked;

        if (args.Outcome.Exception is { } exception)
        {
            return exception switch
            {
                TimeoutRejectedException => idempotent,
                OperationCanceledException => false,
                _ when NeverReachedServer(exception) => true,
                HttpRequestException or IOException => idempotent,
                _ => false,
            };
        }

        var response = args.Outcome.Result;
        if (response is null || !idempotent)
        {
            // Any response means the server received the request: a state-changing call is not repeated.
            return false;
        }

        var status = (int)response.StatusCode;
        var retryable = status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
        if (!retryable)
        {
            return false;
        }

        if (ServerRequestedDelay(response) is { } wait && wait > settings.MaxRetryAfter)
        {
            return false;
        }

        if (status == 429)
        {
            await response.Content.LoadIntoBufferAsync(args.Context.CancellationToken).ConfigureAwait(false);
            var body = await OutlitOperationHandler.ReadBodyAsync(response, args.Context.CancellationToken).ConfigureAwait(false);
            var json = OutlitErrorParser.TryParseObject(body);
            var code = json?["code"]?.Type == Newtonsoft.Json.Linq.JTokenType.String ? (string?)json["code"] : null;
            return !OutlitErrorParser.IsPlanCode(code);
        }

        return true;
    }

    private TimeSpan? ServerRequestedDelay(HttpResponseMessage response)
    {
        var now = settings.TimeProvider.GetUtcNow();
        var header = OutlitErrorParser.HeaderLookup(response);
        if (OutlitErrorParser.ParseRetryAfter(header("Retry-After"), now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && OutlitErrorParser.ParseReset(header("X-RateLimit-Reset"), now) is { } reset)
        {
            var wait = reset - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
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
}

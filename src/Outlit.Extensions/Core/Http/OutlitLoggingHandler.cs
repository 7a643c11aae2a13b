using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Outlit;

/// <summary>
/// Logs each attempt: operation, method, path, status and duration. Never headers, query strings or
/// bodies, which is what keeps keys and integration credentials out of logs.
/// </summary>
internal sealed class OutlitLoggingHandler : DelegatingHandler
{
    private readonly ILogger logger;

    internal OutlitLoggingHandler(ILogger logger) => this.logger = logger;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(OutlitHttpRequestOptions.Operation, out var operation);
        request.Options.TryGetValue(OutlitHttpRequestOptions.Attempt, out var attempt);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            // Checked first: the call below boxes its arguments into an array even when Debug is off.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug(
                    "Outlit {Operation} {Method} {Path} attempt {Attempt} returned {Status} in {ElapsedMs} ms",
                    operation, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", attempt, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception ex)
        {
            logger.LogDebug(
                "Outlit {Operation} {Method} {Path} attempt {Attempt} failed after {ElapsedMs} ms: {ErrorType}",
                operation, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", attempt, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}

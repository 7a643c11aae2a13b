using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace Outlit;

/// <summary>
/// Outermost stage of the pipeline: labels the request with its operation and idempotency, then turns
/// whatever comes back after retries into the client's own results and errors.
/// </summary>
/// <remarks>
/// Errors are translated here, before the generated client sees the response, rather than by catching
/// NSwag's <c>ApiException</c> in each wrapper: this stage sees every call path alike (generated methods,
/// raw tool calls, the caller's own <c>CallToolAsync</c>), has the typed <c>Retry-After</c> and
/// <c>X-RateLimit-*</c> headers at hand, keeps only a short redacted body snippet instead of the full body
/// NSwag copies into its messages, and treats undocumented statuses (an HTML 502 from a proxy) the same
/// as documented ones. Exceptions thrown by a handler pass through the generated code unchanged.
/// </remarks>
internal sealed class OutlitOperationHandler : DelegatingHandler
{
    private readonly OutlitClientSettings settings;
    private readonly ILogger logger;

    internal OutlitOperationHandler(OutlitClientSettings settings)
    {
        this.settings = settings;
        logger = settings.CreateLogger();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Mark(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OutlitException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new OutlitTimeoutException($"The Outlit request {call.Operation} timed out after {ex.Timeout.TotalSeconds:0.###} s.", ex);
        }
        catch (OperationCanceledException ex)
        {
            // Cancelled without the caller asking: an HttpClient.Timeout of a caller-supplied client.
            throw new OutlitTimeoutException($"The Outlit request {call.Operation} was cancelled by the transport before completing (a timeout of the underlying HttpClient).", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new OutlitNetworkException($"The Outlit request {call.Operation} could not be completed: {OutlitRedactor.Redact(ex.Message, settings.ApiKey)}", ex);
        }

        if (response.IsSuccessStatusCode
            || (request.Options.TryGetValue(OutlitHttpRequestOptions.PassThroughStatus, out var passThrough) && (int)response.StatusCode == passThrough))
        {
            return response;
        }

        using (response)
        {
            var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            var parsed = OutlitErrorParser.Parse(
                (int)response.StatusCode,
                OutlitErrorParser.HeaderLookup(response),
                body,
                call.Operation,
                settings.ApiKey,
                settings.TimeProvider.GetUtcNow());
            var exception = OutlitErrorParser.ToException(parsed);
            logger.LogDebug("Outlit {Operation} failed with {Status} ({ErrorType})", call.Operation, parsed.Status, exception.GetType().Name);
            throw exception;
        }
    }

    private static OutlitCallInfo Mark(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(OutlitHttpRequestOptions.Operation, out var operation)
            && request.Options.TryGetValue(OutlitHttpRequestOptions.Idempotent, out var idempotent))
        {
            return new OutlitCallInfo(operation, idempotent);
        }

        var call = OutlitCallInfo.Current ?? OutlitCallInfo.Infer(request);
        request.Options.Set(OutlitHttpRequestOptions.Operation, call.Operation);
        request.Options.Set(OutlitHttpRequestOptions.Idempotent, call.Idempotent);
        if (call.PassThroughStatus is { } status)
        {
            request.Options.Set(OutlitHttpRequestOptions.PassThroughStatus, status);
        }

        return call;
    }

    internal static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            // The status already tells the story; a body cut off mid-read must not hide it.
            return null;
        }
    }
}

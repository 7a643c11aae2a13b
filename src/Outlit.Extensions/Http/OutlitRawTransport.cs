using System.Net.Http.Headers;
using System.Text;

namespace Outlit;

/// <summary>The outcome of a raw call: status and body text of a success (or of a status the caller handles itself).</summary>
internal readonly record struct OutlitRawResponse(int Status, string Body);

/// <summary>
/// Sends JSON requests through the client's pipeline for the calls the generated client cannot type
/// faithfully (tool calls, union-shaped responses), marking each request with its operation.
/// </summary>
internal sealed class OutlitRawTransport
{
    private readonly HttpClient http;

    internal OutlitRawTransport(HttpClient http) => this.http = http;

    internal async Task<OutlitRawResponse> SendAsync(
        HttpMethod method,
        string relativePath,
        string? jsonBody,
        string operation,
        bool idempotent,
        CancellationToken cancellationToken,
        int? passThroughStatus = null)
    {
        using var request = CreateRequest(method, relativePath, jsonBody, operation, idempotent, passThroughStatus);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new OutlitRawResponse((int)response.StatusCode, body);
    }

    /// <summary>
    /// Sends like <see cref="SendAsync(HttpMethod, string, string?, string, bool, CancellationToken, int?)"/> but hands the
    /// success body to <paramref name="read"/> as the response stream, so a large body (a big query result, a
    /// 1,000-item page) is deserialized as it arrives instead of being held whole, once as bytes and again as a string.
    /// </summary>
    internal async Task<T> SendAsync<T>(
        HttpMethod method,
        string relativePath,
        string? jsonBody,
        string operation,
        bool idempotent,
        Func<Stream, long?, T> read,
        CancellationToken cancellationToken)
    {
        using var request = CreateRequest(method, relativePath, jsonBody, operation, idempotent, passThroughStatus: null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);

        // Newtonsoft.Json reads synchronously and takes no token: disposing the response is what ends a read
        // blocked on the network when the caller cancels.
        using var registration = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        try
        {
            return read(stream, response.Content.Headers.ContentLength);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OutlitNetworkException($"The Outlit response to {operation} was cut off while it was being read.", ex);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, string relativePath, string? jsonBody, string operation, bool idempotent, int? passThroughStatus)
    {
        var request = new HttpRequestMessage(method, new Uri(relativePath, UriKind.Relative));
        request.Options.Set(OutlitHttpRequestOptions.Operation, operation);
        request.Options.Set(OutlitHttpRequestOptions.Idempotent, idempotent);
        if (passThroughStatus is { } status)
        {
            request.Options.Set(OutlitHttpRequestOptions.PassThroughStatus, status);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        return request;
    }
}

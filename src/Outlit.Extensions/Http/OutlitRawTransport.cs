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
        using var request = new HttpRequestMessage(method, new Uri(relativePath, UriKind.Relative));
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

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new OutlitRawResponse((int)response.StatusCode, body);
    }
}

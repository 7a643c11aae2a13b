namespace Outlit;

/// <summary>
/// Sends through a caller-supplied <see cref="HttpClient"/>. A request message can be sent by one HttpClient only,
/// so each attempt goes out as a copy with the same headers, options and body (whose redirect guard follows the
/// copy, which is what the caller's client redirects).
/// </summary>
internal sealed class HttpClientTransportHandler(HttpClient client) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        copy.Content = request.Content switch
        {
            OutlitRequestContent guarded => guarded.CopyFor(copy),
            null => null,
            var other => await CopyAsync(other, cancellationToken).ConfigureAwait(false),
        };

        var response = await client.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        // The caller's client may have followed a redirect: the pipeline compares this with where the request was sent.
        response.RequestMessage = copy.RequestUri == request.RequestUri ? request : copy;
        return response;
    }

    private static async Task<HttpContent> CopyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var copy = new ByteArrayContent(await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        foreach (var header in content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}

namespace Outlit;

/// <summary>
/// Sends through a caller-supplied <see cref="HttpClient"/>. HttpClient refuses to send one request message
/// twice, so each attempt goes out as a copy; the original stays reusable for the next retry.
/// </summary>
internal sealed class HttpClientTransportHandler : HttpMessageHandler
{
    private readonly HttpClient client;

    internal HttpClientTransportHandler(HttpClient client) => this.client = client;

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

        if (request.Content is not null)
        {
            var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            copy.Content = new ByteArrayContent(bytes);
            foreach (var header in request.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return await client.SendAsync(copy, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }
}

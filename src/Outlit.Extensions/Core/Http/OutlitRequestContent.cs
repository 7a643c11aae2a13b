using System.Net;
using System.Net.Http.Headers;

namespace Outlit;

/// <summary>
/// A request body held as bytes, sendable on every attempt, that refuses to be sent anywhere but the origin its
/// request was built for. A transport that follows redirects by itself (a caller's <see cref="HttpClient"/> or
/// <see cref="HttpClientHandler"/>) re-sends the body of a 307 to wherever the <c>Location</c> points; this
/// content notices the request's new URL and fails before writing a byte, so a connect credential never reaches
/// another host.
/// </summary>
internal sealed class OutlitRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> body;
    private HttpRequestMessage? request;
    private Uri? origin;

    public OutlitRequestContent(ReadOnlyMemory<byte> body, string mediaType)
    {
        this.body = body;
        if (mediaType == "application/json")
        {
            // The media type of nearly every request, built without parsing.
            Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
            return;
        }

        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        if (Headers.ContentType.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && Headers.ContentType.CharSet is null)
        {
            Headers.ContentType.CharSet = "utf-8";
        }
    }

    /// <summary>Ties the content to the request it belongs to; the request's current URL is the allowed origin.</summary>
    public OutlitRequestContent Bind(HttpRequestMessage owner)
    {
        request = owner;
        origin = owner.RequestUri;
        return this;
    }

    /// <summary>The same bytes and headers for a copy of the request (sent through a caller's HttpClient).</summary>
    public OutlitRequestContent CopyFor(HttpRequestMessage copy)
    {
        var clone = new OutlitRequestContent(body, Headers.ContentType!.ToString());
        foreach (var header in Headers)
        {
            if (!string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        clone.request = copy;
        clone.origin = origin;
        return clone;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (origin is not null && request?.RequestUri is { } target && !OutlitPipelineSettings.IsSameOrigin(target, origin))
        {
            throw new OutlitRedirectException(target);
        }

        await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}

using System.Text;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// The generated client as <see cref="OutlitClient"/> uses it: success bodies are deserialized from the
/// response stream, never read into a whole-body string first, and a body that fails to deserialize still
/// reaches the error with its first bytes (which <see cref="OutlitErrorParser"/> redacts and shortens).
/// </summary>
/// <remarks>
/// NSwag offers either streaming without any body text in the exception, or the text of the whole body
/// (<c>ReadResponseAsString</c>), which costs the body twice over (bytes, then a UTF-16 string) on every
/// call. Overriding the one generated read method keeps the stream and a bounded head.
/// </remarks>
internal sealed class OutlitStreamingApiClient(HttpClient httpClient) : OutlitApiClient(httpClient)
{
    protected override async Task<ObjectResponseResult<T>> ReadObjectResponseAsync<T>(
        HttpResponseMessage response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        CancellationToken cancellationToken)
    {
        if (response?.Content is null)
        {
            return new ObjectResponseResult<T>(default!, string.Empty);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);

        // Newtonsoft reads synchronously and takes no token: disposing the response ends a blocked read.
        using var registration = cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        using var head = new HeadRecordingStream(stream);
        try
        {
            var length = response.Content.Headers.ContentLength;
            var bufferSize = length is { } n && n < 1024 ? (int)Math.Max(128, n) : 1024;
            using var text = new StreamReader(head, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize, leaveOpen: true);
            using var reader = new JsonTextReader(text) { ArrayPool = OutlitJsonCharPool.Instance };
            var serializer = JsonSerializer.Create(JsonSerializerSettings);
            return new ObjectResponseResult<T>(serializer.Deserialize<T>(reader)!, string.Empty);
        }
        catch (JsonException exception)
        {
            throw new ApiException("Could not deserialize the response body stream as " + typeof(T).FullName + ".", (int)response.StatusCode, head.Head, headers, exception);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new OutlitNetworkException("The Outlit response was cut off while it was being read.", exception);
        }
    }
}

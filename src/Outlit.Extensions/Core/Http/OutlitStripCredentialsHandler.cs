namespace Outlit;

/// <summary>
/// Removes credentials from a request: the Ingest API takes none (the public key in the path identifies the
/// organization), and a Platform API key some other part of an application adds to every HttpClient must
/// never reach it.
/// </summary>
internal sealed class OutlitStripCredentialsHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = null;
        request.Headers.Remove("Authorization");
        request.Headers.Remove("X-Api-Key");
        return base.SendAsync(request, cancellationToken);
    }
}

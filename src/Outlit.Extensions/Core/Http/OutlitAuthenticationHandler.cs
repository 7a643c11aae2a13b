using System.Net.Http.Headers;

namespace Outlit;

/// <summary>
/// The Platform client's per-try stage that adds the bearer key, and only for the configured host: a request
/// aimed anywhere else is refused before it leaves, since its body could carry integration credentials as well.
/// </summary>
internal sealed class OutlitAuthenticationHandler(Uri baseUrl, string apiKey) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!OutlitPipelineSettings.IsSameOrigin(request.RequestUri, baseUrl))
        {
            request.Headers.Authorization = null;
            throw new OutlitConfigurationException(
                $"Refusing to send an Outlit request to {request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "(no URL)"}: only the configured host {baseUrl.GetLeftPart(UriPartial.Authority)} receives the API key.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

using System.Net.Http.Headers;

namespace Outlit;

/// <summary>
/// Adds the bearer key, and only for the configured host: a request aimed anywhere else is refused before
/// it leaves, since its body could carry integration credentials as well.
/// </summary>
internal sealed class OutlitAuthenticationHandler : DelegatingHandler
{
    private readonly OutlitClientSettings settings;

    internal OutlitAuthenticationHandler(OutlitClientSettings settings) => this.settings = settings;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!settings.IsConfiguredHost(request.RequestUri))
        {
            request.Headers.Authorization = null;
            throw new OutlitConfigurationException(
                $"Refusing to send an Outlit request to {request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "(no URL)"}: only the configured host {settings.BaseUrl.GetLeftPart(UriPartial.Authority)} receives the API key.");
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}

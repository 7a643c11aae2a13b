using System.Net;
using System.Text;

namespace Outlit.Contract.Tests.Generated;

/// <summary>Records what the generated client sends and answers every request with a fixed JSON body.</summary>
internal sealed class CapturingHandler(string responseJson = "{}") : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri? Uri, string? Body)> Requests { get; } = [];

    /// <summary>The generated Platform API client of an <see cref="OutlitClient"/> that sends through <paramref name="handler"/>.</summary>
    public static IOutlitPlatformApi Client(CapturingHandler handler) =>
        new OutlitClient(new OutlitClientOptions { ApiKey = "ok_contract_tests", BaseUrl = new Uri("https://api.example.test/"), HttpMessageHandler = handler, MaxRetries = 0 }).Api;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri, body));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(responseJson, Encoding.UTF8, "application/json") };
    }
}

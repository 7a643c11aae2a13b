using System.Net;
using System.Text;

namespace Outlit.Contract.Tests.Generated;

/// <summary>Records what the generated client sends and answers every request with a fixed JSON body.</summary>
internal sealed class CapturingHandler(string responseJson = "{}") : HttpMessageHandler
{
    public List<(HttpMethod Method, Uri? Uri, string? Body)> Requests { get; } = [];

    public static OutlitApiClient Client(CapturingHandler handler) =>
        new(new HttpClient(handler)) { BaseUrl = "https://api.example.test/" };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request.Method, request.RequestUri, body));
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(responseJson, Encoding.UTF8, "application/json") };
    }
}

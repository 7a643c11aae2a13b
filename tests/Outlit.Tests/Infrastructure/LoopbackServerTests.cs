using System.Net;
using Microsoft.AspNetCore.Http;

namespace Outlit.Tests.Infrastructure;

public class LoopbackServerTests
{
    [Test]
    public async Task RecordsRequestsAndServesTheHandlersResponse()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 202, "{\"ok\":true}"));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        using var response = await http.PostAsync("api/echo?x=1", new StringContent("hello"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"ok\":true}"));
        var request = server.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/api/echo"));
            Assert.That(request.Query, Is.EqualTo("?x=1"));
            Assert.That(request.Body, Is.EqualTo("hello"));
            Assert.That(server.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        });
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class RoutingTests
{
    [Test]
    public async Task Unknown_paths_answer_404_and_wrong_methods_405_in_the_error_shape()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);

        var missing = await api.RawAsync(HttpMethod.Get, "api/nothing-here");
        var wrongMethod = await api.RawAsync(HttpMethod.Get, "api/validate-api-key");
        var wrongIngestMethod = await api.RawAsync(HttpMethod.Get, $"api/i/v1/{server.PublicKey}/events");

        Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(wrongMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(wrongIngestMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Contract.AssertMatchesSchema("ErrorResponse", JsonNode.Parse(missing.Body));
        Contract.AssertMatchesSchema("ErrorResponse", JsonNode.Parse(wrongMethod.Body));
    }

    [Test]
    public async Task The_request_log_keeps_method_path_and_status_but_no_headers()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);

        await api.SendAsync("getIntegrationSyncStatus", "provider=stripe");
        await api.SendAsync("listIntegrations", key: "ok_wrong");

        Assert.That(server.Requests.Select(r => (r.Method, r.Path, r.StatusCode)), Is.EqualTo(new[]
        {
            ("GET", "/api/integrations/sync-status", 200),
            ("GET", "/api/integrations", 401),
        }));
        Assert.That(server.Requests[0].Query, Is.EqualTo("?provider=stripe"));
        Assert.That(string.Join(" ", server.Requests), Does.Not.Contain(server.ApiKey).And.Not.Contain("ok_wrong"));
    }
}

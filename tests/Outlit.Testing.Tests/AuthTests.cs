using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class AuthTests
{
    private static readonly (string Operation, string? Query, string? Body)[] PlatformOperations =
    [
        ("validateApiKey", null, null),
        ("callTool", null, """{"tool":"outlit_list_customers","input":{}}"""),
        ("listIntegrations", null, null),
        ("getIntegrationCapabilities", null, null),
        ("runIntegrationSetupStep", null, """{"provider":"hubspot","step":"mappings"}"""),
        ("connectIntegration", null, """{"provider":"stripe","config":{"apiKey":"sk_test_1"}}"""),
        ("getIntegrationConnectionStatus", "sessionId=abc", null),
        ("disconnectIntegration", null, """{"provider":"stripe"}"""),
        ("getIntegrationSyncStatus", "provider=stripe", null),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        PlatformOperations.Select(o => new TestCaseData(o.Operation, o.Query, o.Body).SetArgDisplayNames(o.Operation));

    [TestCaseSource(nameof(Cases))]
    public async Task Platform_route_without_a_key_answers_401(string operation, string? query, string? body)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync(operation, query, rawBody: body, key: Api.NoKey);

        Assert.That(reply.Status, Is.EqualTo(401));
        // The gateway refuses in its envelope, the other routes with the older error body.
        Assert.That((reply.Json["message"] ?? reply.Json["error"])!.GetValue<string>(), Is.EqualTo("Invalid credentials"));
        if (operation == "callTool")
        {
            Assert.That(reply.Json["code"]!.GetValue<string>(), Is.EqualTo("INVALID_CREDENTIALS"));
        }

        Assert.That(server.Connections, Is.Empty, "a rejected call changes nothing");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Platform_route_with_a_wrong_key_answers_401(string operation, string? query, string? body)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync(operation, query, rawBody: body, key: server.ApiKey + "x");

        Assert.That(reply.Status, Is.EqualTo(401));
    }

    [Test]
    public async Task A_key_in_another_scheme_is_not_accepted()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/validate-api-key");
        request.Headers.Authorization = new("Basic", server.ApiKey);

        using var response = await api.Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        Contract.AssertValid("validateApiKey", 401, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Validate_api_key_reports_the_organization()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { OrganizationId = "org_acme" });
        using var api = new Api(server);

        var reply = await api.SendAsync("validateApiKey");

        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(reply.Json["valid"]!.GetValue<bool>(), Is.True);
        Assert.That(reply.Json["organizationId"]!.GetValue<string>(), Is.EqualTo("org_acme"));
    }

    [Test]
    public async Task Keys_have_the_documented_prefixes_and_can_be_chosen()
    {
        await using (var server = await OutlitMockServer.StartAsync())
        {
            Assert.That(server.ApiKey, Does.StartWith("ok_"));
            Assert.That(server.PublicKey, Does.StartWith("pk_"));
            Assert.That(server.BaseUrl.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(server.BaseUrl.AbsolutePath, Is.EqualTo("/"));
        }

        await using var chosen = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { ApiKey = "ok_fixed", PublicKey = "pk_fixed" });
        Assert.That((chosen.ApiKey, chosen.PublicKey), Is.EqualTo(("ok_fixed", "pk_fixed")));
        Assert.ThrowsAsync<ArgumentException>(() => OutlitMockServer.StartAsync(new OutlitMockServerOptions { ApiKey = "sk_wrong" }));
    }

    [Test]
    public async Task Two_servers_run_side_by_side_on_different_ports()
    {
        await using var first = await OutlitMockServer.StartAsync();
        await using var second = await OutlitMockServer.StartAsync();

        Assert.That(first.BaseUrl.Port, Is.Not.EqualTo(second.BaseUrl.Port));
        Assert.That(first.ApiKey, Is.Not.EqualTo(second.ApiKey));
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class FaultTests
{
    private static readonly JsonObject OneEvent = JsonNode.Parse("""{"events":[{"type":"pageview","timestamp":1775844131000,"url":"https://app.example.com/","path":"/"}]}""")!.AsObject();

    [Test]
    public async Task A_server_error_applies_to_the_next_n_requests_only()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError(), count: 2);

        var first = await api.SendAsync("listIntegrations");
        var second = await api.SendAsync("validateApiKey");
        var third = await api.SendAsync("listIntegrations");

        Assert.That((first.Status, second.Status, third.Status), Is.EqualTo((500, 500, 200)));
        Assert.That(first.Json["error"]!.GetValue<string>(), Is.EqualTo("Internal server error"));
        Assert.That(server.Requests.Select(r => r.Fault), Is.EqualTo(new MockFaultKind?[] { MockFaultKind.ServerError, MockFaultKind.ServerError, null }));
    }

    [Test]
    public async Task Other_5xx_statuses_keep_the_error_body()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError(503));

        var reply = await api.SendAsync("listIntegrations", validate: false);

        Assert.That(reply.Status, Is.EqualTo(503));
        Contract.AssertMatchesSchema("ErrorResponse", reply.Json);
        Assert.Throws<ArgumentOutOfRangeException>(() => MockFault.ServerError(404));
    }

    [Test]
    public async Task An_ingest_server_error_uses_the_ingest_format_and_headers()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError());

        var reply = await api.SendAsync("ingestEvents", body: OneEvent);

        Assert.That(reply.Status, Is.EqualTo(500));
        Assert.That(reply.Json["success"]!.GetValue<bool>(), Is.False);
        Assert.That(server.ReceivedEvents, Is.Empty, "a failed request stores nothing");
    }

    [Test]
    public async Task Too_many_requests_on_tools_is_the_plan_limit_body_with_retry_after()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.TooManyRequests(TimeSpan.FromSeconds(3)));

        var limited = await api.ToolAsync("outlit_schema");
        var after = await api.ToolAsync("outlit_schema");

        Assert.That(limited.Status, Is.EqualTo(429));
        Assert.That(limited.Json["code"]!.GetValue<string>(), Is.EqualTo("plan_api_limit_exceeded"));
        Assert.That(limited.Header("Retry-After"), Is.EqualTo("3"));
        Assert.That(after.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Too_many_requests_on_ingest_exhausts_the_rate_limit_headers()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.TooManyRequests());

        var reply = await api.SendAsync("ingestEvents", body: OneEvent);

        Assert.That(reply.Status, Is.EqualTo(429));
        Assert.That(reply.Header("X-RateLimit-Remaining"), Is.EqualTo("0"));
        Assert.That(reply.Header("Retry-After"), Is.Null);
    }

    [Test]
    public async Task Too_many_requests_on_integration_routes_keeps_the_platform_error_shape()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.TooManyRequests());

        // The contract documents no 429 for integration routes; the body still has the common error shape.
        var reply = await api.SendAsync("listIntegrations", validate: false);

        Assert.That(reply.Status, Is.EqualTo(429));
        Contract.AssertMatchesSchema("ErrorResponse", reply.Json);
    }

    [Test]
    public async Task A_delay_holds_the_answer_then_answers_normally()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.Delay(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        var reply = await api.SendAsync("validateApiKey");
        watch.Stop();

        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250)));
    }

    [Test]
    public async Task A_client_that_gives_up_during_a_delay_leaves_the_server_healthy()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        using var impatient = new HttpClient { BaseAddress = server.BaseUrl, Timeout = TimeSpan.FromMilliseconds(100) };
        server.InjectFault(MockFault.Delay(TimeSpan.FromSeconds(30)));

        Assert.That(async () => await impatient.PostAsync("api/validate-api-key", null), Throws.InstanceOf<TaskCanceledException>());
        var next = await api.SendAsync("validateApiKey");

        Assert.That(next.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_connection_reset_gives_the_client_no_response()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ConnectionReset());

        Assert.That(async () => await api.SendAsync("validateApiKey"), Throws.InstanceOf<HttpRequestException>());
        var next = await api.SendAsync("validateApiKey");

        Assert.That(next.Status, Is.EqualTo(200));
        Assert.That(server.Requests[0].StatusCode, Is.EqualTo(0));
        Assert.That(server.Requests[0].Fault, Is.EqualTo(MockFaultKind.ConnectionReset));
    }

    [Test]
    public async Task A_malformed_body_is_a_200_that_does_not_parse()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.MalformedBody());

        var reply = await api.SendAsync("listIntegrations", validate: false);

        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(reply.ContentType, Is.EqualTo("application/json"));
        Assert.That(() => JsonDocument.Parse(reply.Body), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public async Task A_path_prefix_limits_a_fault_to_matching_routes()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError(), count: 1, pathPrefix: "/api/i/v1");

        var platform = await api.SendAsync("validateApiKey");
        var ingest = await api.SendAsync("ingestEvents", body: OneEvent);
        var ingestAgain = await api.SendAsync("ingestEvents", body: OneEvent);

        Assert.That((platform.Status, ingest.Status, ingestAgain.Status), Is.EqualTo((200, 500, 200)));
    }

    [Test]
    public async Task Faults_apply_in_the_order_injected_and_can_be_cleared()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError(502));
        server.InjectFault(MockFault.TooManyRequests());
        server.InjectFault(MockFault.ServerError(), count: 5);

        var first = await api.SendAsync("validateApiKey", validate: false);
        var second = await api.SendAsync("validateApiKey", validate: false);
        server.ClearFaults();
        var third = await api.SendAsync("validateApiKey");

        Assert.That((first.Status, second.Status, third.Status), Is.EqualTo((502, 429, 200)));
    }

    [Test]
    public async Task Faults_come_before_authentication()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var api = new Api(server);
        server.InjectFault(MockFault.ServerError());

        var reply = await api.SendAsync("listIntegrations", key: Api.NoKey);

        Assert.That(reply.Status, Is.EqualTo(500), "a failing server fails before it looks at credentials");
    }
}

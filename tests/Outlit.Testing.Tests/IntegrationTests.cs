using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class IntegrationTests
{
    private static readonly string[] DirectProviders = ["fireflies", "granola", "posthog", "stripe", "supabase", "clerk", "pylon"];
    private static readonly string[] BrowserProviders = ["hubspot", "attio", "slack", "google-calendar", "google-mail"];

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

    [Test]
    public async Task List_shows_all_twelve_providers_as_not_connected_at_first()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("listIntegrations");

        Assert.That(reply.Status, Is.EqualTo(200));
        var items = reply.Json["items"]!.AsArray();
        Assert.That(items.Select(i => i!["id"]!.GetValue<string>()),
            Is.EqualTo(new[] { "hubspot", "attio", "slack", "fireflies", "granola", "google-calendar", "google-mail", "posthog", "stripe", "supabase", "clerk", "pylon" }));
        Assert.That(items.Select(i => i!["status"]!.GetValue<string>()), Is.All.EqualTo("not_connected"));
    }

    [Test]
    public async Task ConnectedOnly_lists_just_the_connected_integrations()
    {
        var options = new OutlitMockServerOptions();
        options.ConnectedProviders.Add("stripe");
        await using var server = await OutlitMockServer.StartAsync(options);
        using var api = new Api(server);

        var only = await api.SendAsync("listIntegrations", "connectedOnly=true");
        var all = await api.SendAsync("listIntegrations", "connectedOnly=false");

        var item = only.Json["items"]!.AsArray().Single()!;
        Assert.That(item["id"]!.GetValue<string>(), Is.EqualTo("stripe"));
        Assert.That(item["status"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That(item["connectionId"]!.GetValue<string>(), Is.EqualTo("stripe-org_mock"));
        Assert.That(item["syncStatus"]!.GetValue<string>(), Is.EqualTo("SUCCESS"));
        Assert.That(all.Json["items"]!.AsArray(), Has.Count.EqualTo(12));
    }

    [Test]
    public async Task Capabilities_of_all_providers_give_each_setup_mode_and_required_fields()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationCapabilities");

        var map = reply.Json.AsObject();
        Assert.That(map.Select(p => p.Key), Is.EquivalentTo(DirectProviders.Concat(BrowserProviders)));
        foreach (var id in DirectProviders)
        {
            Assert.That(map[id]!["setupMode"]!.GetValue<string>(), Is.EqualTo("direct_api_key"), id);
            Assert.That(map[id]!["requiredFields"]!.AsArray(), Is.Not.Empty, id);
        }

        foreach (var id in BrowserProviders)
        {
            Assert.That(map[id]!["setupMode"]!.GetValue<string>(), Is.EqualTo("browser_session"), id);
            Assert.That(map[id]!["credentialType"], Is.Null, id);
            Assert.That(map[id]!["requiredFields"]!.AsArray(), Is.Empty, id);
        }

        Assert.That(map["posthog"]!["requiredFields"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()),
            Is.EqualTo(new[] { "apiKey", "region", "projectId" }));
        Assert.That(map["supabase"]!["requiredFields"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()),
            Is.EqualTo(new[] { "projectUrl", "serviceRoleKey" }));
        Assert.That(map["clerk"]!["requiredFields"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("secretKey"));
        Assert.That(map["pylon"]!["requiredFields"]![0]!["key"]!.GetValue<string>(), Is.EqualTo("apiToken"));
    }

    [Test]
    public async Task Capabilities_of_one_provider_come_in_an_envelope()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationCapabilities", "provider=pylon");

        var pylon = reply.Json["provider"]!;
        Assert.That(pylon["providerId"]!.GetValue<string>(), Is.EqualTo("pylon"));
        Assert.That(pylon["credentialType"]!.GetValue<string>(), Is.EqualTo("api_token"));
        Assert.That(pylon["requiredFields"]![0]!["secret"]!.GetValue<bool>(), Is.True);
        Assert.That(pylon["postConnectSteps"]![0]!["command"]!.GetValue<string>(), Is.EqualTo("outlit integrations setup pylon webhooks"));
    }

    [Test]
    public async Task Capabilities_accept_the_gmail_alias()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationCapabilities", "provider=gmail");

        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(reply.Json["provider"]!["providerId"]!.GetValue<string>(), Is.EqualTo("google-mail"));
        Assert.That(reply.Json["provider"]!["cliName"]!.GetValue<string>(), Is.EqualTo("gmail"));
    }

    [Test]
    public async Task Capabilities_of_an_unknown_provider_answer_400()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationCapabilities", "provider=salesforce");

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(Strings(reply.Json["details"]![0]!["path"]), Is.EqualTo(new[] { "provider" }));
    }

    [Test]
    public async Task Direct_connect_connects_at_once_and_a_second_connect_reports_already_connected()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);
        var body = Obj("""{"provider":"posthog","config":{"apiKey":"phx_secret","region":"us","projectId":"12345"}}""");

        var first = await api.SendAsync("connectIntegration", body: body);
        var second = await api.SendAsync("connectIntegration", body: body);

        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That(first.Json["connected"]!.GetValue<bool>(), Is.True);
        Assert.That(first.Json["connectionId"]!.GetValue<string>(), Is.EqualTo("posthog-org_mock"));
        Assert.That(first.Json["alreadyConnected"]!.GetValue<bool>(), Is.False);
        Assert.That(second.Json["alreadyConnected"]!.GetValue<bool>(), Is.True);
        Assert.That(server.Connections.Single().Provider, Is.EqualTo("posthog"));
        Assert.That(server.Connections.Single().ToString(), Does.Not.Contain("phx_secret"), "credentials are not kept");
    }

    [Test]
    public async Task Direct_connect_with_missing_fields_answers_400_naming_each_field()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"posthog","config":{"apiKey":"phx_1","region":""}}"""));

        Assert.That(reply.Status, Is.EqualTo(400));
        var paths = reply.Json["details"]!.AsArray().Select(d => string.Join('.', Strings(d!["path"])));
        Assert.That(paths, Is.EquivalentTo(new[] { "config.region", "config.projectId" }));
        Assert.That(reply.Body, Does.Not.Contain("phx_1"), "the error does not echo credentials");
        Assert.That(server.Connections, Is.Empty);
    }

    [Test]
    public async Task A_direct_provider_without_config_answers_400()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"pylon"}"""));

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(Strings(reply.Json["details"]![0]!["path"]), Is.EqualTo(new[] { "config", "apiToken" }));
        Assert.That(server.Sessions, Is.Empty, "a direct provider never gets a browser session");
    }

    [Test]
    public async Task A_browser_provider_with_config_answers_400()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack","config":{"token":"x"}}"""));

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(Strings(reply.Json["details"]![0]!["path"]), Is.EqualTo(new[] { "config" }));
    }

    [TestCase("""{"provider":"gmail"}""", "provider")]
    [TestCase("""{"provider":"salesforce"}""", "provider")]
    [TestCase("""{}""", "provider")]
    [TestCase("""{"provider":"stripe","config":"sk_1"}""", "config")]
    public async Task Connect_with_an_invalid_body_answers_400(string body, string path)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("connectIntegration", rawBody: body);

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(reply.Json["details"]!.AsArray().Select(d => Strings(d!["path"]).FirstOrDefault()), Does.Contain(path));
    }

    [Test]
    public async Task Connect_rejects_unknown_body_fields_and_malformed_json()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var extra = await api.SendAsync("connectIntegration", rawBody: """{"provider":"slack","redirect":"x"}""");
        var malformed = await api.SendAsync("connectIntegration", rawBody: """{"provider":""");

        Assert.That(extra.Status, Is.EqualTo(400));
        Assert.That(extra.Json["details"]![0]!["message"]!.GetValue<string>(), Does.Contain("redirect"));
        Assert.That(malformed.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Browser_session_is_pending_for_the_configured_polls_then_connected()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 2 });
        using var api = new Api(server);

        var connect = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack"}"""));
        var sessionId = connect.Json["sessionId"]!.GetValue<string>();
        var statuses = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);
            Assert.That(poll.Json["provider"]!.GetValue<string>(), Is.EqualTo("slack"));
            statuses.Add(poll.Json["status"]!.GetValue<string>());
        }

        Assert.That(connect.Json["alreadyConnected"]!.GetValue<bool>(), Is.False);
        Assert.That(Uri.IsWellFormedUriString(connect.Json["connectUrl"]!.GetValue<string>(), UriKind.Absolute), Is.True);
        Assert.That(statuses, Is.EqualTo(new[] { "pending", "pending", "connected", "connected" }));
        Assert.That(server.Connections.Single().ThroughBrowserSession, Is.True);
        Assert.That(server.Sessions.Single().Polls, Is.EqualTo(4));
        var sync = await api.SendAsync("getIntegrationSyncStatus", "provider=slack");
        Assert.That(sync.Json["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [Test]
    public async Task Zero_polls_connects_on_the_first_poll()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 0 });
        using var api = new Api(server);

        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"hubspot"}"""))).Json["sessionId"]!.GetValue<string>();
        var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);

        Assert.That(poll.Json["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [Test]
    public async Task Without_automatic_completion_a_session_waits_for_CompleteSession()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = null });
        using var api = new Api(server);
        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"attio"}"""))).Json["sessionId"]!.GetValue<string>();

        for (var i = 0; i < 5; i++)
        {
            var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);
            Assert.That(poll.Json["status"]!.GetValue<string>(), Is.EqualTo("pending"));
        }

        server.CompleteSession(sessionId);
        var done = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);

        Assert.That(done.Json["status"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That(server.Sessions.Single().Status, Is.EqualTo(MockSessionStatus.Connected));
    }

    [Test]
    public async Task A_failed_session_reports_its_error_and_connects_nothing()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = null });
        using var api = new Api(server);
        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack"}"""))).Json["sessionId"]!.GetValue<string>();

        server.FailSession(sessionId, "The user denied access.");
        var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);

        Assert.That(poll.Json["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(poll.Json["error"]!.GetValue<string>(), Is.EqualTo("The user denied access."));
        Assert.That(server.Connections, Is.Empty);
    }

    [Test]
    public async Task An_expired_session_stays_expired_even_past_the_poll_count()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 0 });
        using var api = new Api(server);
        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"google-calendar"}"""))).Json["sessionId"]!.GetValue<string>();

        server.ExpireSession(sessionId);
        var first = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);
        var second = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);

        Assert.That(first.Json["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(second.Json["status"]!.GetValue<string>(), Is.EqualTo("expired"));
        Assert.That(first.Json.AsObject().ContainsKey("error"), Is.False);
        Assert.That(server.Connections, Is.Empty);
    }

    [Test]
    public async Task Settling_a_session_twice_or_an_unknown_session_throws()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = null });
        using var api = new Api(server);
        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack"}"""))).Json["sessionId"]!.GetValue<string>();
        server.CompleteSession(sessionId);

        Assert.Throws<InvalidOperationException>(() => server.FailSession(sessionId));
        Assert.Throws<InvalidOperationException>(() => server.ExpireSession(sessionId));
        Assert.Throws<KeyNotFoundException>(() => server.CompleteSession("no-such-session"));
    }

    [Test]
    public async Task Opening_the_connect_url_completes_the_session()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = null });
        using var api = new Api(server);
        var connect = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"google-mail"}"""));

        using var page = await api.Http.GetAsync(connect.Json["connectUrl"]!.GetValue<string>());
        var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + connect.Json["sessionId"]!.GetValue<string>());

        Assert.That(page.IsSuccessStatusCode, Is.True);
        Assert.That(poll.Json["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [TestCase("", "a missing session ID")]
    [TestCase("sessionId=not-a-session", "an unknown session ID")]
    public async Task Status_of_a_bad_session_answers_400(string query, string because)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationConnectionStatus", query);

        Assert.That(reply.Status, Is.EqualTo(400), because);
        Assert.That(Strings(reply.Json["details"]![0]!["path"]), Is.EqualTo(new[] { "sessionId" }));
    }

    [Test]
    public async Task Disconnect_removes_a_connection_and_a_second_disconnect_answers_404()
    {
        var options = new OutlitMockServerOptions();
        options.ConnectedProviders.Add("stripe");
        await using var server = await OutlitMockServer.StartAsync(options);
        using var api = new Api(server);

        var first = await api.SendAsync("disconnectIntegration", body: Obj("""{"provider":"stripe"}"""));
        var second = await api.SendAsync("disconnectIntegration", body: Obj("""{"provider":"stripe"}"""));

        Assert.That(first.Status, Is.EqualTo(200));
        Assert.That(first.Json["success"]!.GetValue<bool>(), Is.True);
        Assert.That(second.Status, Is.EqualTo(404));
        Assert.That(second.Json["success"]!.GetValue<bool>(), Is.False);
        Assert.That(second.Json["message"]!.GetValue<string>(), Is.EqualTo("Integration is not connected"));
        Assert.That(server.Connections, Is.Empty);
    }

    [Test]
    public async Task Disconnect_of_an_unknown_provider_answers_400()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("disconnectIntegration", body: Obj("""{"provider":"gmail"}"""));

        Assert.That(reply.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Sync_status_has_a_not_connected_shape_and_a_connected_shape()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var before = await api.SendAsync("getIntegrationSyncStatus", "provider=stripe");
        await api.SendAsync("connectIntegration", body: Obj("""{"provider":"stripe","config":{"apiKey":"sk_test_1"}}"""));
        var after = await api.SendAsync("getIntegrationSyncStatus", "provider=stripe");

        Assert.That(before.Json.ToJsonString(), Is.EqualTo("""{"provider":"stripe","name":"Stripe","category":"billing","status":"not_connected","syncs":[]}"""));
        Assert.That(after.Json["status"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That(after.Json["syncs"]!.AsArray().Select(s => s!["model"]!.GetValue<string>()), Does.Contain("StripeCustomer"));
        Assert.That(after.Json["syncs"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()), Is.All.EqualTo("SUCCESS"));
    }

    [TestCase("")]
    [TestCase("provider=gmail")]
    public async Task Sync_status_without_a_valid_provider_answers_400(string query)
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var reply = await api.SendAsync("getIntegrationSyncStatus", query);

        Assert.That(reply.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task The_plan_connection_limit_answers_403_with_its_body()
    {
        var options = new OutlitMockServerOptions { ConnectionLimit = 1, Plan = "starter" };
        options.ConnectedProviders.Add("stripe");
        await using var server = await OutlitMockServer.StartAsync(options);
        using var api = new Api(server);

        var direct = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"pylon","config":{"apiToken":"t"}}"""));
        var browser = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack"}"""));
        var existing = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"stripe","config":{"apiKey":"sk"}}"""));

        Assert.That(direct.Status, Is.EqualTo(403));
        Assert.That(direct.Json.ToJsonString(), Is.EqualTo(
            """{"error":"Your plan has reached its integration connection limit.","code":"plan_connection_limit_exceeded","feature":"integration_connections","plan":"starter","currentConnections":1,"limit":1}"""));
        Assert.That(browser.Status, Is.EqualTo(403));
        Assert.That(existing.Status, Is.EqualTo(200), "reconnecting an existing integration does not count");
        Assert.That(existing.Json["alreadyConnected"]!.GetValue<bool>(), Is.True);

        await api.SendAsync("disconnectIntegration", body: Obj("""{"provider":"stripe"}"""));
        var freed = await api.SendAsync("connectIntegration", body: Obj("""{"provider":"pylon","config":{"apiToken":"t"}}"""));
        Assert.That(freed.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task A_session_that_would_exceed_the_limit_when_completed_fails()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { ConnectionLimit = 1, PollsBeforeConnected = null });
        using var api = new Api(server);
        var sessionId = (await api.SendAsync("connectIntegration", body: Obj("""{"provider":"slack"}"""))).Json["sessionId"]!.GetValue<string>();
        await api.SendAsync("connectIntegration", body: Obj("""{"provider":"stripe","config":{"apiKey":"sk"}}"""));

        server.CompleteSession(sessionId);
        var poll = await api.SendAsync("getIntegrationConnectionStatus", "sessionId=" + sessionId);

        Assert.That(poll.Json["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(server.Connections.Select(c => c.Provider), Is.EqualTo(new[] { "stripe" }));
    }

    [Test]
    public async Task Setup_step_needs_a_connected_provider_and_a_step_it_offers()
    {
        await using var server = await OutlitMockServer.StartAsync();
        using var api = new Api(server);

        var notConnected = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"hubspot","step":"mappings"}"""));
        var unknownStep = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"hubspot","step":"webhooks"}"""));
        var emptyStep = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"hubspot","step":""}"""));

        Assert.That(notConnected.Status, Is.EqualTo(400));
        Assert.That(unknownStep.Status, Is.EqualTo(400));
        Assert.That(Strings(unknownStep.Json["details"]![0]!["path"]), Is.EqualTo(new[] { "step" }));
        Assert.That(emptyStep.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Crm_mappings_ask_for_config_then_complete()
    {
        var options = new OutlitMockServerOptions();
        options.ConnectedProviders.Add("hubspot");
        await using var server = await OutlitMockServer.StartAsync(options);
        using var api = new Api(server);

        var ask = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"hubspot","step":"mappings"}"""));
        var done = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"hubspot","step":"mappings","config":{"mappings":[{"pipeline":"default"}]}}"""));

        Assert.That(ask.Json["status"]!.GetValue<string>(), Is.EqualTo("config_required"));
        Assert.That(ask.Json["pipelines"]!.AsArray(), Is.Not.Empty);
        Assert.That(done.Json["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(done.Json["mappings"]![0]!["pipeline"]!.GetValue<string>(), Is.EqualTo("default"));
    }

    [Test]
    public async Task Webhook_setup_returns_the_manual_setup_details()
    {
        var options = new OutlitMockServerOptions();
        options.ConnectedProviders.Add("stripe");
        await using var server = await OutlitMockServer.StartAsync(options);
        using var api = new Api(server);

        var manual = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"stripe","step":"webhooks"}"""));
        var withSecret = await api.SendAsync("runIntegrationSetupStep", body: Obj("""{"provider":"stripe","step":"webhooks","config":{"webhookSecret":"whsec_1"}}"""));

        Assert.That(manual.Json["status"]!.GetValue<string>(), Is.EqualTo("manual_setup_required"));
        Assert.That(manual.Json["webhookUrl"]!.GetValue<string>(), Does.StartWith(server.BaseUrl.ToString()));
        Assert.That(Strings(manual.Json["requiredEvents"]), Does.Contain("invoice.paid"));
        Assert.That(withSecret.Json["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(withSecret.Body, Does.Not.Contain("whsec_1"));
    }

    [Test]
    public void An_unknown_preconnected_provider_is_rejected_at_start()
    {
        var options = new OutlitMockServerOptions();
        options.ConnectedProviders.Add("gmail");

        Assert.ThrowsAsync<ArgumentException>(() => OutlitMockServer.StartAsync(options));
    }
}

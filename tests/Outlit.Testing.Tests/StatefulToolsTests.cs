using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

/// <summary>
/// Tools that change workspace state: a change made through one tool shows through the others, and through the REST
/// integration routes where they share the state. Each test starts its own server, so no test sees another's changes.
/// </summary>
public class StatefulToolsTests
{
    private const string UnknownUuid = "0f6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

    private OutlitMockServer server = null!;
    private Api api = null!;

    [SetUp]
    public async Task StartAsync()
    {
        server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 7, CustomerCount = 40 });
        api = new Api(server);
    }

    [TearDown]
    public async Task StopAsync()
    {
        api.Dispose();
        await server.DisposeAsync();
    }

    private static JsonObject In(string json) => JsonNode.Parse(json)!.AsObject();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private async Task<JsonNode> OkAsync(string tool, JsonObject? input = null)
    {
        var reply = await api.ToolAsync(tool, input ?? []);
        Assert.That(reply.Status, Is.EqualTo(200), tool + ": " + reply.Body);
        return reply.Json;
    }

    private async Task<Reply> FailsAsync(string tool, JsonObject input, int status, string code)
    {
        var reply = await api.ToolAsync(tool, input);
        Assert.That(reply.Status, Is.EqualTo(status), tool + ": " + reply.Body);
        Assert.That(S(reply.Json["code"]), Is.EqualTo(code));
        return reply;
    }

    private async Task<(string Customer, string Member)> CustomerAndMemberAsync()
    {
        var customer = S((await OkAsync("outlit_list_customers", In("""{"limit":1}""")))["items"]![0]!["id"]);
        var members = (await OkAsync("outlit_list_workspace_users"))["items"]!.AsArray();
        return (customer, S(members[^1]!["id"]));
    }

    // ---- destinations ----------------------------------------------------------------------

    [Test]
    public async Task A_created_destination_is_listed_and_can_be_read_back()
    {
        var created = (await OkAsync("outlit_create_destination", In("""{"type":"SLACK_CHANNEL","channelId":"C05RENEW01","label":"#renewals","enabled":true}""")))["destination"]!;

        var id = S(created["id"]);
        Assert.That(id, Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That((S(created["kind"]), S(created["name"]), S(created["maskedConfig"]!["channelId"])), Is.EqualTo(("SLACK_CHANNEL", "#renewals", "C05RENEW01")));
        var listed = (await OkAsync("outlit_list_destinations"))["destinations"]!.AsArray();
        Assert.That(listed.Select(d => S(d!["id"])), Does.Contain(id));
        var read = (await OkAsync("outlit_get_destination", new JsonObject { ["id"] = id }))["destination"]!;
        Assert.That(JsonNode.DeepEquals(read, created), Is.True, read.ToJsonString());
    }

    [Test]
    public async Task Disable_enable_rename_and_default_show_in_get_and_list()
    {
        var id = S((await OkAsync("outlit_create_destination", In("""{"type":"SLACK_CHANNEL","channelId":"C0TOGGLE","label":"#toggle"}""")))["destination"]!["id"]);
        var input = new JsonObject { ["id"] = id };

        await OkAsync("outlit_disable_destination", input);
        Assert.That((await OkAsync("outlit_get_destination", input))["destination"]!["enabled"]!.GetValue<bool>(), Is.False);
        await OkAsync("outlit_enable_destination", input);
        Assert.That((await OkAsync("outlit_get_destination", input))["destination"]!["enabled"]!.GetValue<bool>(), Is.True);

        await OkAsync("outlit_update_destination", new JsonObject { ["id"] = id, ["type"] = "SLACK_CHANNEL", ["label"] = "#escalations", ["isDefault"] = true });
        var all = (await OkAsync("outlit_list_destinations"))["destinations"]!.AsArray();
        var mine = all.Single(d => S(d!["id"]) == id)!;
        Assert.That((S(mine["name"]), S(mine["maskedConfig"]!["label"]), mine["isDefault"]!.GetValue<bool>()), Is.EqualTo(("#escalations", "#escalations", true)));
        Assert.That(all.Count(d => d!["isDefault"]!.GetValue<bool>()), Is.EqualTo(1), "one default at a time");
    }

    [Test]
    public async Task An_archived_destination_stays_readable_but_refuses_changes()
    {
        var id = S((await OkAsync("outlit_list_destinations"))["destinations"]![0]!["id"]);
        var input = new JsonObject { ["id"] = id };

        var archived = (await OkAsync("outlit_archive_destination", input))["destination"]!;

        Assert.That(S(archived["id"]), Is.EqualTo(id));
        var read = (await OkAsync("outlit_get_destination", input))["destination"]!;
        Assert.That((S(read["archivedAt"]), read["enabled"]!.GetValue<bool>()), Is.EqualTo((S(archived["archivedAt"]), false)));
        await FailsAsync("outlit_enable_destination", input, 409, "TOOL_IMPLEMENTATION_ERROR");
        await FailsAsync("outlit_archive_destination", input, 409, "TOOL_IMPLEMENTATION_ERROR");
        await FailsAsync("outlit_update_destination", new JsonObject { ["id"] = id, ["type"] = "SLACK_CHANNEL", ["label"] = "x" }, 409, "TOOL_IMPLEMENTATION_ERROR");
    }

    [Test]
    public async Task Destination_errors_unknown_id_duplicate_channel_wrong_kind_and_bad_input()
    {
        var unknown = await FailsAsync("outlit_get_destination", new JsonObject { ["id"] = UnknownUuid }, 404, "INVALID_TOOL_INPUT");
        Assert.That(S(unknown.Json["message"]), Does.Contain("id"));
        await FailsAsync("outlit_disable_destination", new JsonObject { ["id"] = UnknownUuid }, 404, "INVALID_TOOL_INPUT");

        await OkAsync("outlit_create_destination", In("""{"type":"SLACK_CHANNEL","channelId":"C0TWICE","label":"#twice"}"""));
        await FailsAsync("outlit_create_destination", In("""{"type":"SLACK_CHANNEL","channelId":"C0TWICE","label":"#again"}"""), 409, "TOOL_IMPLEMENTATION_ERROR");

        var email = (await OkAsync("outlit_list_destinations"))["destinations"]!.AsArray().First(d => S(d!["kind"]) == "EMAIL_RECIPIENTS")!;
        await FailsAsync("outlit_update_destination", new JsonObject { ["id"] = S(email["id"]), ["type"] = "SLACK_CHANNEL", ["label"] = "x" }, 422, "INVALID_TOOL_INPUT");

        var bad = await FailsAsync("outlit_create_destination", In("""{"type":"WEBHOOK","channelId":"C1","label":"x"}"""), 400, "INVALID_TOOL_INPUT");
        Assert.That(S(bad.Json["message"]), Does.Contain("type"));
        await FailsAsync("outlit_get_destination", In("""{"id":"not-a-uuid"}"""), 400, "INVALID_TOOL_INPUT");
    }

    // ---- features ----------------------------------------------------------------------------

    [Test]
    public async Task A_created_feature_is_listed_counted_and_measured_per_customer()
    {
        var before = await OkAsync("outlit_list_features");
        var source = S(before["selectedSourceKey"]);
        var input = new JsonObject { ["sourceKey"] = source, ["eventName"] = "pageview", ["featureKey"] = "page_views", ["name"] = "Page views" };

        var created = await OkAsync("outlit_create_feature", input);
        var again = await OkAsync("outlit_create_feature", (JsonObject)input.DeepClone());

        Assert.That((created["created"]!.GetValue<bool>(), again["created"]!.GetValue<bool>()), Is.EqualTo((true, false)));
        Assert.That(S(again["feature"]!["id"]), Is.EqualTo(S(created["feature"]!["id"])));
        var after = await OkAsync("outlit_list_features", new JsonObject { ["sourceKey"] = source });
        Assert.That(after["features"]!.AsArray().Select(f => S(f!["featureKey"])), Does.Contain("page_views"));
        Assert.That(after["workspaceActiveFeatureCount"]!.GetValue<int>(), Is.EqualTo(before["workspaceActiveFeatureCount"]!.GetValue<int>() + 1));
        Assert.That(after["candidates"]!["items"]!.AsArray().Select(c => S(c!["eventName"])), Does.Not.Contain("pageview"), "a defined event is no candidate");

        var customer = S((await OkAsync("outlit_list_customers", In("""{"limit":1}""")))["items"]![0]!["id"]);
        var usage = await OkAsync("outlit_get_customer_features", new JsonObject { ["customer"] = customer, ["weeks"] = 4, ["includeWeeklyUsage"] = true });
        var mine = usage["features"]!.AsArray().Single(f => S(f!["featureKey"]) == "page_views")!;
        Assert.That(mine["evidence"]!["weeklyUsage"]!.AsArray(), Has.Count.EqualTo(4));

        await FailsAsync("outlit_create_feature", new JsonObject { ["sourceKey"] = source, ["eventName"] = "other_event", ["featureKey"] = "page_views", ["name"] = "Page views" }, 409, "TOOL_IMPLEMENTATION_ERROR");
    }

    [Test]
    public async Task Archiving_a_feature_needs_its_current_revision()
    {
        var feature = (await OkAsync("outlit_list_features"))["features"]![0]!;
        var id = S(feature["id"]);
        var stale = "value_feature_revision_v1_" + new string('0', 32);

        await FailsAsync("outlit_archive_feature", new JsonObject { ["id"] = id, ["revision"] = stale }, 409, "TOOL_IMPLEMENTATION_ERROR");
        var archived = await OkAsync("outlit_archive_feature", new JsonObject { ["id"] = id, ["revision"] = S(feature["revision"]) });

        Assert.That(S(archived["feature"]!["id"]), Is.EqualTo(id));
        Assert.That((await OkAsync("outlit_list_features"))["features"]!.AsArray().Select(f => S(f!["id"])), Does.Not.Contain(id));
        await FailsAsync("outlit_archive_feature", new JsonObject { ["id"] = id, ["revision"] = S(archived["feature"]!["revision"]) }, 409, "TOOL_IMPLEMENTATION_ERROR");
        await FailsAsync("outlit_archive_feature", new JsonObject { ["id"] = "value_feature_v1_" + new string('a', 32), ["revision"] = stale }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_list_features", new JsonObject { ["sourceKey"] = "metric_source_v1_" + new string('b', 32) }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_get_customer_features", new JsonObject { ["customer"] = "nobody.example" }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_archive_feature", new JsonObject { ["id"] = id, ["revision"] = "r1" }, 400, "INVALID_TOOL_INPUT");
    }

    [Test]
    public async Task Customer_features_accept_the_customer_by_domain()
    {
        var customer = (await OkAsync("outlit_list_customers", In("""{"limit":1}""")))["items"]![0]!;

        var byDomain = await OkAsync("outlit_get_customer_features", new JsonObject { ["customer"] = S(customer["domain"]) });

        Assert.That(S(byDomain["customer"]!["id"]), Is.EqualTo(S(customer["id"])));
    }

    // ---- access and ownership ------------------------------------------------------------------

    [Test]
    public async Task Granted_access_shows_in_the_relationship_until_revoked()
    {
        var (customer, member) = await CustomerAndMemberAsync();
        var parties = new JsonObject { ["customerId"] = customer, ["targetUserId"] = member };

        var granted = await OkAsync("outlit_grant_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member, ["role"] = "VIEWER" });
        Assert.That((S(granted["access"]!["userId"]), S(granted["access"]!["role"])), Is.EqualTo((member, "VIEWER")));
        Assert.That(await AccessStatementsAsync(customer), Has.Some.Contains(member).And.Some.Contains("viewer"));

        await FailsAsync("outlit_grant_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member, ["role"] = "EDITOR" }, 409, "TOOL_IMPLEMENTATION_ERROR");
        await OkAsync("outlit_update_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member, ["role"] = "EDITOR" });
        Assert.That(await AccessStatementsAsync(customer), Has.Some.Contains("editor"));

        var revoked = await OkAsync("outlit_revoke_customer_access", (JsonObject)parties.DeepClone());
        Assert.That(S(revoked["userId"]), Is.EqualTo(member));
        Assert.That(await AccessStatementsAsync(customer), Is.Empty);
        await FailsAsync("outlit_revoke_customer_access", (JsonObject)parties.DeepClone(), 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_update_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member, ["role"] = "VIEWER" }, 404, "INVALID_TOOL_INPUT");
    }

    private async Task<List<string>> AccessStatementsAsync(string customer) =>
        (await OkAsync("outlit_get_customer_relationship", new JsonObject { ["customer"] = customer }))["relationship"]!["items"]!.AsArray()
            .Where(i => S(i!["category"]) == "Access").Select(i => S(i!["statement"])).ToList();

    [Test]
    public async Task An_assigned_owner_shows_in_the_customer_the_lists_and_the_relationship()
    {
        var (customer, member) = await CustomerAndMemberAsync();
        var before = (await OkAsync("outlit_get_customer", new JsonObject { ["customer"] = customer }))["customer"]!["owner"];

        var assigned = await OkAsync("outlit_assign_customer_owner", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member });

        Assert.That(assigned["previousOwnerId"]?.GetValue<string>(), Is.EqualTo(before?["id"]?.GetValue<string>()));
        Assert.That(S((await OkAsync("outlit_get_customer", new JsonObject { ["customer"] = customer }))["customer"]!["owner"]!["id"]), Is.EqualTo(member));
        var owned = await OkAsync("outlit_list_customers", new JsonObject { ["ownerId"] = member, ["limit"] = 100 });
        Assert.That(owned["items"]!.AsArray().Select(c => S(c!["id"])), Does.Contain(customer));
        var relationship = await OkAsync("outlit_get_customer_relationship", new JsonObject { ["customer"] = customer });
        Assert.That(S(relationship["relationship"]!["items"]![0]!["statement"]), Does.Contain(member));
    }

    [Test]
    public async Task Access_tools_refuse_unknown_customers_and_users()
    {
        var (customer, member) = await CustomerAndMemberAsync();

        await FailsAsync("outlit_assign_customer_owner", new JsonObject { ["customerId"] = UnknownUuid, ["targetUserId"] = member }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_grant_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = "wu_nobody", ["role"] = "VIEWER" }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_get_customer_relationship", new JsonObject { ["customer"] = "nobody.example" }, 404, "INVALID_TOOL_INPUT");
        var bad = await FailsAsync("outlit_grant_customer_access", new JsonObject { ["customerId"] = customer, ["targetUserId"] = member, ["role"] = "OWNER" }, 400, "INVALID_TOOL_INPUT");
        Assert.That(S(bad.Json["message"]), Does.Contain("role"));
        await FailsAsync("outlit_assign_customer_owner", new JsonObject { ["customerId"] = "cus_123", ["targetUserId"] = member }, 400, "INVALID_TOOL_INPUT");
    }

    // ---- activation and workspace settings -------------------------------------------------------

    [Test]
    public async Task An_updated_activation_event_is_what_get_returns_and_can_be_cleared()
    {
        var initial = (await OkAsync("outlit_get_customer_activation"))["activation"]!["eventName"];
        var preview = (await OkAsync("outlit_preview_customer_activation", In("""{"eventName":"report_exported","lookbackDays":90,"exampleLimit":3}""")))["preview"]!;
        Assert.That(preview["examples"]!.AsArray(), Has.Count.LessThanOrEqualTo(3));
        Assert.That(preview["matchedCustomerCount"]!.GetValue<int>(),
            Is.EqualTo(preview["alreadyActivatedCustomerCount"]!.GetValue<int>() + preview["wouldActivateCustomerCount"]!.GetValue<int>()));
        Assert.That(S((await OkAsync("outlit_get_customer_activation"))["activation"]!["eventName"]), Is.EqualTo(S(initial)), "a preview saves nothing");

        var update = await OkAsync("outlit_update_customer_activation", In("""{"eventName":"report_exported"}"""));
        var same = await OkAsync("outlit_update_customer_activation", In("""{"eventName":"report_exported"}"""));

        Assert.That((update["changed"]!.GetValue<bool>(), same["changed"]!.GetValue<bool>()), Is.EqualTo((true, false)));
        Assert.That(S((await OkAsync("outlit_get_customer_activation"))["activation"]!["eventName"]), Is.EqualTo("report_exported"));
        await OkAsync("outlit_update_customer_activation", In("""{"eventName":null}"""));
        Assert.That((await OkAsync("outlit_get_customer_activation"))["activation"]!["eventName"], Is.Null);
        await FailsAsync("outlit_update_customer_activation", In("""{"eventName":""}"""), 400, "INVALID_TOOL_INPUT");
    }

    [Test]
    public async Task An_updated_time_zone_is_what_get_returns_and_unknown_zones_are_refused()
    {
        await OkAsync("outlit_update_workspace_settings", In("""{"defaultTimezone":"Europe/London"}"""));
        Assert.That(S((await OkAsync("outlit_get_workspace_settings"))["settings"]!["defaultTimezone"]), Is.EqualTo("Europe/London"));

        var bad = await FailsAsync("outlit_update_workspace_settings", In("""{"defaultTimezone":"Mars/Olympus_Mons"}"""), 400, "INVALID_TOOL_INPUT");
        Assert.That(S(bad.Json["message"]), Does.StartWith("defaultTimezone:"));
        await FailsAsync("outlit_update_workspace_settings", In("""{"defaultTimezone":"W. Europe Standard Time"}"""), 400, "INVALID_TOOL_INPUT");
        Assert.That(S((await OkAsync("outlit_get_workspace_settings"))["settings"]!["defaultTimezone"]), Is.EqualTo("Europe/London"));
    }

    // ---- attention -------------------------------------------------------------------------------

    [Test]
    public async Task Every_listed_attention_item_can_be_read_by_its_id()
    {
        var items = new List<JsonNode>();
        foreach (var status in new[] { "open", "resolved" })
        {
            string? cursor = null;
            do
            {
                var input = new JsonObject { ["status"] = status, ["limit"] = 5 };
                if (cursor is not null)
                {
                    input["cursor"] = cursor;
                }

                var page = await OkAsync("outlit_list_attention_items", input);
                items.AddRange(page["items"]!.AsArray().Select(i => i!));
                Assert.That(page["items"]!.AsArray().Select(i => S(i!["lifecycle"]!["status"])), Is.All.EqualTo(status));
                cursor = page["pagination"]!["nextCursor"]?.GetValue<string>();
            }
            while (cursor is not null);
        }

        Assert.That(items, Is.Not.Empty);
        Assert.That(items.Select(i => S(i["id"])), Is.Unique);
        foreach (var item in items)
        {
            var detail = await OkAsync("outlit_get_attention_item", new JsonObject { ["id"] = S(item["id"]) });
            Assert.That((S(detail["title"]), S(detail["customer"]!["id"])), Is.EqualTo((S(item["title"]), S(item["customer"]!["id"]))));
        }

        var customer = S(items[0]["customer"]!["id"]);
        var mine = await OkAsync("outlit_list_attention_items", new JsonObject { ["customerId"] = customer, ["status"] = S(items[0]["lifecycle"]!["status"]) });
        Assert.That(mine["items"]!.AsArray().Select(i => S(i!["customer"]!["id"])), Is.All.EqualTo(customer).And.Not.Empty);
        await FailsAsync("outlit_get_attention_item", new JsonObject { ["id"] = UnknownUuid }, 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_list_attention_items", In("""{"limit":0}"""), 400, "INVALID_TOOL_INPUT");
    }

    // ---- integrations ------------------------------------------------------------------------------

    private async Task<string> ToolStatusAsync(string provider) =>
        S((await OkAsync("outlit_get_integration_status", new JsonObject { ["provider"] = provider }))["integrations"]![0]!["status"]);

    private async Task<string> RestStatusAsync(string provider) =>
        S((await api.SendAsync("listIntegrations")).Json["items"]!.AsArray().Single(i => S(i!["id"]) == provider)!["status"]);

    [Test]
    public async Task A_provider_connected_through_the_REST_route_is_ready_in_the_tools()
    {
        Assert.That(await ToolStatusAsync("stripe"), Is.EqualTo("not_connected"));

        var connect = await api.SendAsync("connectIntegration", body: In("""{"provider":"stripe","config":{"apiKey":"sk_test_1"}}"""));
        Assert.That(connect.Status, Is.EqualTo(200), connect.Body);

        Assert.That(await ToolStatusAsync("stripe"), Is.EqualTo("ready"));
        var begin = await OkAsync("outlit_begin_integration_setup", In("""{"provider":"stripe"}"""));
        Assert.That((S(begin["state"]), begin["sessionId"]), Is.EqualTo(("already_connected", (JsonNode?)null)));

        await api.SendAsync("disconnectIntegration", body: In("""{"provider":"stripe"}"""));
        Assert.That(await ToolStatusAsync("stripe"), Is.EqualTo("not_connected"));
    }

    [Test]
    public async Task A_browser_setup_begun_through_the_tools_connects_after_polls_and_shows_in_the_REST_list()
    {
        var begin = await OkAsync("outlit_begin_integration_setup", In("""{"provider":"slack"}"""));
        Assert.That(S(begin["state"]), Is.EqualTo("handoff_ready"));
        var session = S(begin["sessionId"]);
        Assert.That(await ToolStatusAsync("slack"), Is.EqualTo("awaiting_auth"));

        var statuses = new List<string>();
        for (var poll = 0; poll < 10 && (statuses.Count == 0 || statuses[^1] == "pending"); poll++)
        {
            var status = await OkAsync("outlit_get_integration_setup_status", new JsonObject { ["sessionId"] = session });
            Assert.That(S(status["provider"]), Is.EqualTo("slack"));
            statuses.Add(S(status["status"]));
        }

        // The default options answer "pending" to two polls, like the REST status route.
        Assert.That(statuses, Is.EqualTo(new[] { "pending", "pending", "connected" }));
        Assert.That(await RestStatusAsync("slack"), Is.EqualTo("connected"));
        Assert.That(await ToolStatusAsync("slack"), Is.EqualTo("ready"));
        Assert.That(server.Sessions.Single(s => s.SessionId == session).Status, Is.EqualTo(MockSessionStatus.Connected));
        await FailsAsync("outlit_get_integration_setup_status", new JsonObject { ["sessionId"] = UnknownUuid }, 404, "INVALID_TOOL_INPUT");
    }

    [Test]
    public async Task A_REST_browser_session_can_be_polled_through_the_tools()
    {
        var session = S((await api.SendAsync("connectIntegration", body: In("""{"provider":"attio"}"""))).Json["sessionId"]);

        server.CompleteSession(session);

        var status = await OkAsync("outlit_get_integration_setup_status", new JsonObject { ["sessionId"] = session });
        Assert.That((S(status["provider"]), S(status["status"])), Is.EqualTo(("attio", "connected")));
        Assert.That(await ToolStatusAsync("attio"), Is.EqualTo("setup_required"), "a CRM waits for its pipeline mapping");
    }

    [Test]
    public async Task Setup_with_credentials_connects_at_once_and_a_CRM_mapping_makes_it_ready()
    {
        var posthog = await OkAsync("outlit_setup_integration", In("""{"provider":"posthog","credentials":{"apiKey":"phx_0123456789","region":"eu","projectId":"42"}}"""));
        Assert.That((S(posthog["status"]), posthog["error"], posthog["next"]), Is.EqualTo(("ready", (JsonNode?)null, (JsonNode?)null)));
        Assert.That(await RestStatusAsync("posthog"), Is.EqualTo("connected"));

        var missing = await OkAsync("outlit_setup_integration", In("""{"provider":"fireflies"}"""));
        Assert.That((S(missing["status"]), S(missing["error"]!["code"])), Is.EqualTo(("not_connected", "CREDENTIAL_REQUIRED")));

        var hubspot = await OkAsync("outlit_setup_integration", In("""{"provider":"hubspot"}"""));
        Assert.That((S(hubspot["status"]), S(hubspot["next"]!["kind"])), Is.EqualTo(("awaiting_auth", "browser_handoff")));
        server.CompleteSession(S(hubspot["next"]!["sessionId"]));
        var mapping = await OkAsync("outlit_setup_integration", In("""{"provider":"hubspot"}"""));
        Assert.That((S(mapping["status"]), S(mapping["next"]!["kind"])), Is.EqualTo(("setup_required", "crm_mapping")));

        var configuration = new JsonObject
        {
            ["provider"] = "hubspot",
            ["configuration"] = new JsonObject { ["kind"] = "crm_mapping", ["mappings"] = mapping["next"]!["recommendation"]!.DeepClone(), ["confirm"] = true },
        };
        var ready = await OkAsync("outlit_setup_integration", configuration);
        Assert.That((S(ready["status"]), ready["next"]), Is.EqualTo(("ready", (JsonNode?)null)));
        Assert.That(await ToolStatusAsync("hubspot"), Is.EqualTo("ready"));
        Assert.That(await RestStatusAsync("hubspot"), Is.EqualTo("connected"));
    }

    [Test]
    public async Task The_REST_mapping_step_makes_a_CRM_ready_in_the_tools()
    {
        var session = S((await api.SendAsync("connectIntegration", body: In("""{"provider":"hubspot"}"""))).Json["sessionId"]);
        server.CompleteSession(session);
        Assert.That(await ToolStatusAsync("hubspot"), Is.EqualTo("setup_required"));

        var step = await api.SendAsync("runIntegrationSetupStep", body: In("""{"provider":"hubspot","step":"mappings","config":{"mappings":[]}}"""));

        Assert.That(step.Status, Is.EqualTo(200), step.Body);
        Assert.That(await ToolStatusAsync("hubspot"), Is.EqualTo("ready"));
    }

    [Test]
    public async Task Integration_capabilities_and_errors()
    {
        var all = (await OkAsync("outlit_get_integration_capabilities"))["providers"]!.AsArray();
        Assert.That(all.Select(p => S(p!["provider"])), Does.Contain("slack").And.Contain("posthog").And.Contain("gong"));
        var gmail = (await OkAsync("outlit_get_integration_capabilities", In("""{"provider":"gmail"}""")))["providers"]!.AsArray().Single()!;
        Assert.That((S(gmail["provider"]), S(gmail["setupMode"])), Is.EqualTo(("google-mail", "browser_handoff")));

        await FailsAsync("outlit_get_integration_capabilities", In("""{"provider":"myspace"}"""), 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_begin_integration_setup", In("""{"provider":"myspace"}"""), 404, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_begin_integration_setup", In("""{"provider":"posthog"}"""), 422, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_get_integration_status", In("""{"provider":"myspace"}"""), 400, "INVALID_TOOL_INPUT");
        await FailsAsync("outlit_get_integration_setup_status", In("""{"sessionId":"abc"}"""), 400, "INVALID_TOOL_INPUT");
    }

    [Test]
    public async Task State_is_per_server()
    {
        await OkAsync("outlit_update_workspace_settings", In("""{"defaultTimezone":"Asia/Tokyo"}"""));
        await using var other = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 7, CustomerCount = 40 });
        using var otherApi = new Api(other);

        var reply = await otherApi.ToolAsync("outlit_get_workspace_settings");

        Assert.That(S(reply.Json["settings"]!["defaultTimezone"]), Is.Not.EqualTo("Asia/Tokyo"));
    }

    [Test]
    public async Task Concurrent_creates_all_land()
    {
        var creates = Enumerable.Range(0, 20).Select(i =>
            api.ToolAsync("outlit_create_destination", new JsonObject { ["type"] = "SLACK_CHANNEL", ["channelId"] = $"C0PAR{i:D3}", ["label"] = $"#par-{i}" }));

        var replies = await Task.WhenAll(creates);

        Assert.That(replies.Select(r => r.Status), Is.All.EqualTo(200));
        var ids = replies.Select(r => S(r.Json["destination"]!["id"])).ToList();
        Assert.That(ids, Is.Unique);
        var listed = (await OkAsync("outlit_list_destinations"))["destinations"]!.AsArray().Select(d => S(d!["id"]));
        Assert.That(listed, Is.SupersetOf(ids));
    }
}

using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class ToolTests
{
    private static OutlitMockServer server = null!;
    private static Api api = null!;

    // The gateway is read-only apart from notifications, so one server serves every read test here.
    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 42, CustomerCount = 120 });
        api = new Api(server);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        api.Dispose();
        await server.DisposeAsync();
    }

    private static JsonObject In(string json) => JsonNode.Parse(json)!.AsObject();

    private static string S(JsonNode? node) => node!.GetValue<string>();

    private static async Task<List<JsonNode>> WalkAsync(string tool, JsonObject input, string itemsKey)
    {
        var all = new List<JsonNode>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var pageInput = (JsonObject)input.DeepClone();
            if (cursor is not null)
            {
                pageInput["cursor"] = cursor;
            }

            var reply = await api.ToolAsync(tool, pageInput);
            Assert.That(reply.Status, Is.EqualTo(200), reply.Body);
            all.AddRange(reply.Json[itemsKey]!.AsArray().Select(n => n!.DeepClone()));
            var pagination = reply.Json["pagination"]!;
            cursor = pagination["hasMore"]!.GetValue<bool>() ? S(pagination["nextCursor"]) : null;
            if (cursor is null)
            {
                Assert.That(pagination["nextCursor"], Is.Null, "the last page has no cursor");
            }

            Assert.That(++pages, Is.LessThan(1000), "pagination terminates");
        }
        while (cursor is not null);

        return all;
    }

    [Test]
    public async Task List_customers_defaults_to_fifty_with_a_total()
    {
        var reply = await api.ToolAsync("outlit_list_customers");

        Assert.That(reply.Json["items"]!.AsArray(), Has.Count.EqualTo(50));
        Assert.That(reply.Json["pagination"]!["total"]!.GetValue<int>(), Is.EqualTo(120));
        Assert.That(reply.Json["pagination"]!["hasMore"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Walking_every_customer_page_returns_each_customer_once_in_order()
    {
        var paged = await WalkAsync("outlit_list_customers", In("""{"limit":7}"""), "items");
        var whole = (await api.ToolAsync("outlit_list_customers", In("""{"limit":1000}"""))).Json["items"]!.AsArray();

        var ids = paged.Select(i => S(i["id"])).ToList();
        Assert.That(ids, Has.Count.EqualTo(120));
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.EqualTo(whole.Select(i => S(i!["id"]))));
    }

    [Test]
    public async Task Billing_status_filter_pages_through_paying_customers_only()
    {
        var paying = await WalkAsync("outlit_list_customers", In("""{"billingStatus":"PAYING","limit":10}"""), "items");
        var first = await api.ToolAsync("outlit_list_customers", In("""{"billingStatus":"PAYING","limit":10}"""));

        Assert.That(paying, Is.Not.Empty);
        Assert.That(paying.Select(c => S(c["billingStatus"])), Is.All.EqualTo("PAYING"));
        Assert.That(paying.Select(c => S(c["id"])), Is.Unique);
        Assert.That(first.Json["pagination"]!["total"]!.GetValue<int>(), Is.EqualTo(paying.Count));
        Assert.That(paying.Select(c => c["currentMrr"]!.GetValue<double>()), Is.All.GreaterThan(0));
    }

    [TestCase(1001, "Too big: expected number to be <=1000")]
    [TestCase(0, "Too small: expected number to be >=1")]
    [TestCase(-5, "Too small: expected number to be >=1")]
    public async Task Limit_outside_one_to_a_thousand_answers_the_documented_400(int limit, string message)
    {
        var reply = await api.ToolAsync("outlit_list_customers", new JsonObject { ["limit"] = limit });

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(S(reply.Json["code"]), Is.EqualTo("INVALID_TOOL_INPUT"));
        Assert.That(S(reply.Json["message"]), Is.EqualTo("limit: " + message));
        Assert.That(reply.Json["retryable"]!.GetValue<bool>(), Is.False);
        Assert.That(S(reply.Json["requestId"]), Does.StartWith("req_"));
    }

    [Test]
    public async Task Bounds_and_enums_of_other_tools_come_from_the_contract()
    {
        var facts = await api.ToolAsync("outlit_list_facts", In("""{"customer":"x","limit":101}"""));
        var status = await api.ToolAsync("outlit_list_customers", In("""{"billingStatus":"RICH"}"""));
        var unknownKey = await api.ToolAsync("outlit_list_customers", In("""{"pageSize":10}"""));
        var missing = await api.ToolAsync("outlit_get_customer", In("{}"));

        Assert.That(S(facts.Json["message"]), Is.EqualTo("limit: Too big: expected number to be <=100"));
        Assert.That(S(status.Json["message"]), Does.StartWith("billingStatus: "));
        Assert.That(S(unknownKey.Json["message"]), Is.EqualTo("Unrecognized key: \"pageSize\""));
        Assert.That(S(missing.Json["message"]), Does.StartWith("customer: "));
        Assert.That(new[] { facts.Status, status.Status, unknownKey.Status, missing.Status }, Is.All.EqualTo(400));
    }

    [TestCase("not-a-cursor")]
    [TestCase("b3V0bGl0X2xpc3RfdXNlcnM6NTA")]
    public async Task A_cursor_that_was_not_issued_for_this_listing_answers_400(string cursor)
    {
        var reply = await api.ToolAsync("outlit_list_customers", new JsonObject { ["cursor"] = cursor });

        Assert.That(reply.Status, Is.EqualTo(400));
        Assert.That(S(reply.Json["message"]), Does.StartWith("cursor: "));
    }

    [Test]
    public async Task Unknown_or_missing_tool_names_answer_400()
    {
        var unknown = await api.SendAsync("callTool", rawBody: """{"tool":"outlit_delete_everything","input":{}}""");
        var missing = await api.SendAsync("callTool", rawBody: """{"input":{}}""");
        var malformed = await api.SendAsync("callTool", rawBody: """{"tool":""");

        Assert.That(unknown.Status, Is.EqualTo(400));
        Assert.That(S(unknown.Json["code"]), Is.EqualTo("INVALID_TOOL_CALL"));
        Assert.That(S(unknown.Json["message"]), Does.Contain("outlit_delete_everything"));
        Assert.That(missing.Status, Is.EqualTo(400));
        Assert.That(S(missing.Json["code"]), Is.EqualTo("INVALID_TOOL_CALL"));
        Assert.That(malformed.Status, Is.EqualTo(400));
        Assert.That(S(malformed.Json["code"]), Is.EqualTo("INVALID_JSON"));
    }

    [Test]
    public async Task The_same_seed_gives_the_same_customers_and_another_seed_does_not()
    {
        await using var same = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 42 });
        await using var other = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 43 });
        using var sameApi = new Api(same);
        using var otherApi = new Api(other);
        var input = In("""{"limit":1000,"orderBy":"name","orderDirection":"asc"}""");

        var mine = (await api.ToolAsync("outlit_list_customers", input)).Body;
        var again = (await sameApi.ToolAsync("outlit_list_customers", input)).Body;
        var different = (await otherApi.ToolAsync("outlit_list_customers", input)).Body;

        Assert.That(again, Is.EqualTo(mine));
        Assert.That(different, Is.Not.EqualTo(mine));
    }

    [Test]
    public async Task Customer_count_option_sizes_the_customer_base()
    {
        await using var small = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 5 });
        using var smallApi = new Api(small);

        var reply = await smallApi.ToolAsync("outlit_list_customers");

        Assert.That(reply.Json["pagination"]!["total"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(reply.Json["pagination"]!["hasMore"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task Customers_sort_by_name_and_filter_by_mrr_search_owner_and_traits()
    {
        var byName = (await api.ToolAsync("outlit_list_customers", In("""{"orderBy":"name","orderDirection":"asc","limit":1000}"""))).Json["items"]!.AsArray();
        var names = byName.Select(c => S(c!["name"]).ToLowerInvariant()).ToList();
        Assert.That(names, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));

        var rich = (await api.ToolAsync("outlit_list_customers", In("""{"mrrAbove":500000,"limit":1000}"""))).Json["items"]!.AsArray();
        Assert.That(rich.Select(c => c!["currentMrr"]!.GetValue<double>()), Is.All.GreaterThan(500000));

        var someone = byName[3]!;
        var search = (await api.ToolAsync("outlit_list_customers", new JsonObject { ["search"] = S(someone["domain"]) })).Json["items"]!.AsArray();
        Assert.That(search.Select(c => S(c!["id"])), Does.Contain(S(someone["id"])));

        var unowned = (await api.ToolAsync("outlit_list_customers", In("""{"hasOwner":false,"limit":1000}"""))).Json["items"]!.AsArray();
        Assert.That(unowned.Select(c => c!["owner"]), Is.All.Null);

        var enterprise = await WalkAsync("outlit_list_customers", In("""{"traitFilters":{"plan":"enterprise"},"limit":1000}"""), "items");
        var ids = enterprise.Select(c => S(c["id"])).ToHashSet();
        var rows = (await api.ToolAsync("outlit_query", In("""{"sql":"SELECT * FROM customers","limit":10000}"""))).Json["data"]!.AsArray();
        Assert.That(ids, Is.Not.Empty.And.Count.LessThan(rows.Count));
    }

    [Test]
    public async Task Inactive_customers_have_no_activity_inside_the_window()
    {
        var idle = (await api.ToolAsync("outlit_list_customers", In("""{"noActivityInLast":"30d","limit":1000}"""))).Json["items"]!.AsArray();
        var active = (await api.ToolAsync("outlit_list_customers", In("""{"hasActivityInLast":"30d","limit":1000}"""))).Json["items"]!.AsArray();

        Assert.That(idle.Select(c => c!["daysSinceActivity"]?.GetValue<int>() ?? int.MaxValue), Is.All.GreaterThanOrEqualTo(30));
        Assert.That(active.Select(c => c!["daysSinceActivity"]!.GetValue<int>()), Is.All.LessThanOrEqualTo(30));
        Assert.That(idle.Count + active.Count, Is.EqualTo(120));
    }

    [Test]
    public async Task List_users_filters_by_customer_and_pages_without_duplicates()
    {
        var everyone = await WalkAsync("outlit_list_users", In("""{"limit":25}"""), "items");
        var customerId = S(everyone[0]["customerId"]);
        var theirs = (await api.ToolAsync("outlit_list_users", new JsonObject { ["customerId"] = customerId })).Json["items"]!.AsArray();
        var engaged = (await api.ToolAsync("outlit_list_users", In("""{"journeyStage":"ENGAGED","limit":1000}"""))).Json["items"]!.AsArray();

        Assert.That(everyone.Select(u => S(u["id"])), Is.Unique);
        Assert.That(theirs.Select(u => S(u!["customerId"])), Is.All.EqualTo(customerId));
        Assert.That(engaged.Select(u => S(u!["journeyStage"])), Is.All.EqualTo("ENGAGED"));
    }

    [Test]
    public async Task Workspace_users_report_how_many_customers_they_own()
    {
        var reply = await api.ToolAsync("outlit_list_workspace_users");
        var owners = await api.ToolAsync("outlit_list_workspace_users", In("""{"hasOwnedCustomers":true}"""));
        var owned = (await api.ToolAsync("outlit_list_customers", In("""{"hasOwner":true}"""))).Json["pagination"]!["total"]!.GetValue<int>();

        var users = reply.Json["items"]!.AsArray();
        Assert.That(users.Sum(u => u!["ownedCustomerCount"]!.GetValue<int>()), Is.EqualTo(owned));
        Assert.That(users.Select(u => u!["ownedCustomerCount"]!.GetValue<int>()), Is.Ordered.Descending);
        Assert.That(owners.Json["items"]!.AsArray().Select(u => u!["ownedCustomerCount"]!.GetValue<int>()), Is.All.GreaterThan(0));
    }

    [Test]
    public async Task Get_customer_finds_by_domain_with_every_section()
    {
        var listed = (await api.ToolAsync("outlit_list_customers", In("""{"limit":1}"""))).Json["items"]![0]!;

        var reply = await api.ToolAsync("outlit_get_customer", new JsonObject
        {
            ["customer"] = S(listed["domain"]),
            ["include"] = new JsonArray("users", "revenue", "recentTimeline", "behaviorMetrics"),
            ["timeframe"] = "90d",
        });

        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.That(S(reply.Json["customer"]!["id"]), Is.EqualTo(S(listed["id"])));
        Assert.That(reply.Json["users"]!.AsArray(), Has.Count.EqualTo(listed["contactCount"]!.GetValue<int>()));
        Assert.That(reply.Json.AsObject().Select(p => p.Key), Is.SupersetOf(new[] { "revenue", "recentTimeline", "behaviorMetrics" }));
    }

    [Test]
    public async Task Get_customer_without_include_has_only_the_customer()
    {
        var id = S((await api.ToolAsync("outlit_list_customers", In("""{"limit":1}"""))).Json["items"]![0]!["id"]);

        var reply = await api.ToolAsync("outlit_get_customer", new JsonObject { ["customer"] = id });

        Assert.That(reply.Json.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "customer" }));
    }

    [Test]
    public async Task An_unknown_customer_answers_the_documented_404()
    {
        var reply = await api.ToolAsync("outlit_get_customer", In("""{"customer":"nobody.example"}"""));

        Assert.That(Contract.ResponsePointer("callTool", 404), Is.Not.Null);
        Assert.That(reply.Status, Is.EqualTo(404));
        Assert.That(S(reply.Json["message"]), Does.StartWith("Customer not found: customer: "));
    }

    [Test]
    public async Task Facts_list_and_lookup_agree_and_unknown_facts_answer_404()
    {
        var customer = await CustomerWithFactsAsync();
        var list = await api.ToolAsync("outlit_list_facts", new JsonObject { ["customer"] = customer });
        var first = list.Json["facts"]![0]!;
        var fact = await api.ToolAsync("outlit_get_fact", new JsonObject { ["factId"] = S(first["id"]), ["include"] = new JsonArray("evidence") });
        var missing = await api.ToolAsync("outlit_get_fact", In("""{"factId":"fact_nope"}"""));

        Assert.That(S(list.Json["customer"]!["id"]), Is.EqualTo(customer));
        Assert.That(S(fact.Json["assertion"]), Is.EqualTo(S(first["assertion"])));
        Assert.That(fact.Json["evidence"]!.AsArray(), Is.Not.Empty);
        Assert.That(missing.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Fact_filters_apply_and_crm_is_an_alias_of_opportunity()
    {
        var customer = await CustomerWithFactsAsync();
        var active = (await api.ToolAsync("outlit_list_facts", new JsonObject { ["customer"] = customer, ["status"] = new JsonArray("ACTIVE") })).Json["facts"]!.AsArray();
        var crm = await api.ToolAsync("outlit_list_facts", new JsonObject { ["customer"] = customer, ["sourceTypes"] = new JsonArray("CRM") });

        Assert.That(active.Select(f => S(f!["status"])), Is.All.EqualTo("ACTIVE"));
        Assert.That(crm.Json["facts"]!.AsArray().Select(f => S(f!["linkedSourceRef"]!["sourceType"])), Is.All.EqualTo("OPPORTUNITY"));
    }

    [Test]
    public async Task Sources_page_without_duplicates_and_open_by_exact_id()
    {
        var calls = await WalkAsync("outlit_list_sources", In("""{"sourceType":"CALL","limit":9}"""), "items");
        var opened = await api.ToolAsync("outlit_get_source", new JsonObject { ["sourceType"] = "CALL", ["sourceId"] = S(calls[0]["sourceId"]) });
        var wrongType = await api.ToolAsync("outlit_get_source", new JsonObject { ["sourceType"] = "EMAIL", ["sourceId"] = S(calls[0]["sourceId"]) });

        Assert.That(calls.Select(s => S(s["sourceId"])), Is.Unique);
        Assert.That(calls.Select(s => S(s["sourceType"])), Is.All.EqualTo("CALL"));
        Assert.That(opened.Json.ToJsonString(), Is.EqualTo(calls[0].ToJsonString()));
        Assert.That(wrongType.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Opportunity_sources_open_through_the_crm_alias()
    {
        var opportunity = (await api.ToolAsync("outlit_list_sources", In("""{"sourceType":"CRM_OPPORTUNITY","limit":1}"""))).Json["items"]![0]!;

        var opened = await api.ToolAsync("outlit_get_source", new JsonObject { ["sourceType"] = "CRM", ["sourceId"] = S(opportunity["sourceId"]) });

        Assert.That(S(opportunity["sourceType"]), Is.EqualTo("OPPORTUNITY"));
        Assert.That(opened.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Timeline_pages_in_time_order_and_rejects_mixed_windows()
    {
        var customer = S((await api.ToolAsync("outlit_list_customers", In("""{"limit":1}"""))).Json["items"]![0]!["id"]);

        var events = await WalkAsync("outlit_get_timeline", new JsonObject { ["customer"] = customer, ["timeframe"] = "all", ["limit"] = 2 }, "events");
        var mixed = await api.ToolAsync("outlit_get_timeline", new JsonObject { ["customer"] = customer, ["timeframe"] = "7d", ["startDate"] = "2026-01-01T00:00:00Z" });
        var product = (await api.ToolAsync("outlit_get_timeline", new JsonObject { ["customer"] = customer, ["timeframe"] = "all", ["channels"] = new JsonArray("PRODUCT") })).Json["events"]!.AsArray();

        Assert.That(events, Is.Not.Empty);
        Assert.That(events.Select(e => S(e["id"])), Is.Unique);
        Assert.That(events.Select(e => DateTimeOffset.Parse(S(e["occurredAt"]))), Is.Ordered);
        Assert.That(mixed.Status, Is.EqualTo(400));
        Assert.That(product.Select(e => S(e!["channel"])), Is.All.EqualTo("PRODUCT"));
    }

    [Test]
    public async Task Search_finds_facts_and_sources_for_a_customer()
    {
        var customer = await CustomerWithFactsAsync();
        var reply = await api.ToolAsync("outlit_search_customer_context", new JsonObject
        {
            ["customer"] = customer,
            ["query"] = "pricing renewal concerns rollout seats",
            ["topK"] = 50,
        });
        var everywhere = await api.ToolAsync("outlit_search_customer_context", In("""{"query":"pricing","topK":3}"""));
        var unknown = await api.ToolAsync("outlit_search_customer_context", In("""{"query":"pricing","customer":"nobody.example"}"""));

        Assert.That(S(reply.Json["customer"]!["id"]), Is.EqualTo(customer));
        Assert.That(reply.Json["results"]!.AsArray(), Is.Not.Empty);
        Assert.That(reply.Json["results"]!.AsArray().Select(r => r!["score"]!.GetValue<double>()), Is.Ordered.Descending);
        Assert.That(everywhere.Json["customer"], Is.Null);
        Assert.That(everywhere.Json["results"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(unknown.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Query_runs_a_read_only_select_over_a_view()
    {
        var reply = await api.ToolAsync("outlit_query", In("""{"sql":"SELECT * FROM customers WHERE billing_status = 'PAYING' LIMIT 5"}"""));
        var truncated = await api.ToolAsync("outlit_query", In("""{"sql":"select * from users","limit":3}"""));
        var write = await api.ToolAsync("outlit_query", In("""{"sql":"DELETE FROM customers"}"""));
        var unknownView = await api.ToolAsync("outlit_query", In("""{"sql":"SELECT * FROM invoices"}"""));

        Assert.That(reply.Json["data"]!.AsArray(), Has.Count.EqualTo(5));
        Assert.That(reply.Json["data"]!.AsArray().Select(r => S(r!["billing_status"])), Is.All.EqualTo("PAYING"));
        Assert.That(truncated.Json["metadata"]!["truncated"]!.GetValue<bool>(), Is.True);
        Assert.That(truncated.Json["metadata"]!["rowsReturned"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(write.Status, Is.EqualTo(400));
        Assert.That(unknownView.Status, Is.EqualTo(400));
    }

    [Test]
    public async Task Schema_describes_one_view_or_all_of_them()
    {
        var one = await api.ToolAsync("outlit_schema", In("""{"table":"customers"}"""));
        var all = await api.ToolAsync("outlit_schema");

        Assert.That(S(one.Json["name"]), Is.EqualTo("customers"));
        Assert.That(one.Json["columns"]!.AsArray().Select(c => S(c!["name"])), Does.Contain("billing_status"));
        Assert.That(all.Json["views"]!.AsArray().Select(v => S(v!["name"])), Is.EquivalentTo(new[] { "activity", "customers", "users", "revenue" }));
    }

    [Test]
    public async Task Send_notification_is_recorded_and_not_sent_anywhere()
    {
        await using var own = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });
        using var ownApi = new Api(own);

        var reply = await ownApi.ToolAsync("outlit_send_notification", In("""{"title":"Expansion signal","severity":"high","payload":{"customer":"acme.com"}}"""));
        var invalid = await ownApi.ToolAsync("outlit_send_notification", In("""{"severity":"high"}"""));

        Assert.That(reply.Status, Is.EqualTo(200));
        var sent = own.SentNotifications.Single();
        Assert.That(sent.Title, Is.EqualTo("Expansion signal"));
        Assert.That(sent.Input.GetProperty("payload").GetProperty("customer").GetString(), Is.EqualTo("acme.com"));
        Assert.That(S(reply.Json["notificationId"]), Is.EqualTo(sent.Id));
        Assert.That(invalid.Status, Is.EqualTo(400));
        Assert.That(own.SentNotifications, Has.Count.EqualTo(1));
    }

    [TestCase(402)]
    [TestCase(429)]
    public async Task An_exhausted_api_call_allowance_answers_the_plan_limit_body(int status)
    {
        await using var own = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, ApiCallAllowance = 2, ApiCallLimitStatus = status });
        using var ownApi = new Api(own);

        var first = await ownApi.ToolAsync("outlit_schema");
        var second = await ownApi.ToolAsync("outlit_schema");
        var third = await ownApi.ToolAsync("outlit_schema");

        Assert.That((first.Status, second.Status, third.Status), Is.EqualTo((200, 200, status)));
        Assert.That(S(third.Json["code"]), Is.EqualTo("plan_api_limit_exceeded"));
        Assert.That(S(third.Json["feature"]), Is.EqualTo("api_calls"));
    }

    /// <summary>The tools whose every input is optional: this test calls them with none.</summary>
    private static readonly string[] WithoutInput =
    [
        "outlit_list_customers", "outlit_list_users", "outlit_list_workspace_users", "outlit_list_sources", "outlit_schema",
        "outlit_list_destinations", "outlit_get_integration_capabilities", "outlit_get_integration_status",
        "outlit_get_customer_activation", "outlit_get_workspace_settings", "outlit_list_features", "outlit_list_attention_items",
    ];

    [Test]
    public async Task Every_tool_of_the_contract_is_served()
    {
        // Some fakes change state (destinations, owners, settings), so they run against a server of their own.
        await using var own = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { Seed = 42, CustomerCount = 120 });
        using var fresh = new Api(own);
        var customer = await CustomerWithFactsAsync();
        var names = Contract.Document["components"]!["schemas"]!["ToolName"]!["enum"]!.AsArray().Select(n => S(n)).ToList();
        var members = (await fresh.ToolAsync("outlit_list_workspace_users")).Json["items"]!.AsArray().Select(u => S(u!["id"])).ToList();
        var destinations = (await fresh.ToolAsync("outlit_list_destinations")).Json["destinations"]!.AsArray().Select(d => S(d!["id"])).ToList();
        var featureList = (await fresh.ToolAsync("outlit_list_features")).Json;
        var feature = featureList["features"]![0]!;
        var session = S((await fresh.ToolAsync("outlit_begin_integration_setup", In("""{"provider":"hubspot"}"""))).Json["sessionId"]);
        var attention = S((await fresh.ToolAsync("outlit_list_attention_items")).Json["items"]![0]!["id"]);
        var inputs = new Dictionary<string, JsonObject>
        {
            ["outlit_get_customer"] = new() { ["customer"] = customer },
            ["outlit_get_customer_relationship"] = new() { ["customer"] = customer },
            ["outlit_assign_customer_owner"] = new() { ["customerId"] = customer, ["targetUserId"] = members[1] },
            ["outlit_grant_customer_access"] = new() { ["customerId"] = customer, ["targetUserId"] = members[2], ["role"] = "VIEWER" },
            ["outlit_update_customer_access"] = new() { ["customerId"] = customer, ["targetUserId"] = members[2], ["role"] = "EDITOR" },
            ["outlit_revoke_customer_access"] = new() { ["customerId"] = customer, ["targetUserId"] = members[2] },
            ["outlit_get_timeline"] = new() { ["customer"] = customer },
            ["outlit_list_facts"] = new() { ["customer"] = customer },
            ["outlit_get_fact"] = new() { ["factId"] = S((await api.ToolAsync("outlit_list_facts", new JsonObject { ["customer"] = customer })).Json["facts"]![0]!["id"]) },
            ["outlit_get_source"] = new() { ["sourceType"] = "EMAIL", ["sourceId"] = S((await api.ToolAsync("outlit_list_sources", In("""{"sourceType":"EMAIL","limit":1}"""))).Json["items"]![0]!["sourceId"]) },
            ["outlit_search_customer_context"] = new() { ["query"] = "pricing" },
            ["outlit_query"] = new() { ["sql"] = "SELECT * FROM revenue" },
            ["outlit_get_destination"] = new() { ["id"] = destinations[0] },
            ["outlit_create_destination"] = In("""{"type":"SLACK_CHANNEL","channelId":"C0COVERAGE","label":"#coverage"}"""),
            ["outlit_update_destination"] = new() { ["id"] = destinations[0], ["type"] = "SLACK_CHANNEL", ["label"] = "#renamed" },
            ["outlit_enable_destination"] = new() { ["id"] = destinations[0] },
            ["outlit_disable_destination"] = new() { ["id"] = destinations[1] },
            ["outlit_archive_destination"] = new() { ["id"] = destinations[2] },
            ["outlit_begin_integration_setup"] = In("""{"provider":"slack"}"""),
            ["outlit_get_integration_setup_status"] = new() { ["sessionId"] = session },
            ["outlit_setup_integration"] = In("""{"provider":"fireflies","credentials":{"apiKey":"ff_coverage"}}"""),
            ["outlit_preview_customer_activation"] = In("""{"eventName":"project_created"}"""),
            ["outlit_update_customer_activation"] = In("""{"eventName":"report_exported"}"""),
            ["outlit_update_workspace_settings"] = In("""{"defaultTimezone":"Europe/London"}"""),
            ["outlit_create_feature"] = new() { ["sourceKey"] = featureList["selectedSourceKey"]!.DeepClone(), ["eventName"] = "pageview", ["featureKey"] = "page_views", ["name"] = "Page views" },
            ["outlit_archive_feature"] = new() { ["id"] = feature["id"]!.DeepClone(), ["revision"] = feature["revision"]!.DeepClone() },
            ["outlit_get_customer_features"] = new() { ["customer"] = customer },
            ["outlit_get_attention_item"] = new() { ["id"] = attention },
            ["outlit_send_notification"] = new() { ["title"] = "Coverage" },
        };

        // The tools with a fake, called with ids from the fake data. Today that is every tool; one the contract adds
        // later answers made-up data until it gets a fake, and is covered by CatalogTests.
        var faked = names.Where(own.Tools.HasFake).ToList();
        foreach (var name in faked)
        {
            var reply = await fresh.ToolAsync(name, inputs.GetValueOrDefault(name) ?? []);
            Assert.That(reply.Status, Is.EqualTo(200), name + ": " + reply.Body);
        }

        Assert.That(faked, Is.SupersetOf(inputs.Keys.Concat(WithoutInput)), "every tool this test knows is answered by its fake");
    }

    private static async Task<string> CustomerWithFactsAsync()
    {
        foreach (var c in (await api.ToolAsync("outlit_list_customers", In("""{"limit":1000}"""))).Json["items"]!.AsArray())
        {
            var facts = await api.ToolAsync("outlit_list_facts", new JsonObject { ["customer"] = S(c!["id"]) });
            if (facts.Json["facts"]!.AsArray().Count >= 2)
            {
                return S(c["id"]);
            }
        }

        throw new AssertionException("The seeded data has no customer with two facts.");
    }
}

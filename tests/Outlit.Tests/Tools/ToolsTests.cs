using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

// outlit_send_notification is deprecated (Outlit no longer lists it) but still served and kept working until it is removed.
#pragma warning disable CS0618

namespace Outlit.Tests.Tools;

public class ToolsTests
{
    private const string Fact = """{"id":"fact_1","assertion":"Renewal is at risk","reasoning":null,"factType":"CHURN_RISK","factCategory":"MEMORY","status":"ACTIVE","confidence":0.8,"priority":null,"occurredAt":"2026-03-01T10:00:00.000Z","detectedAt":"2026-03-02T10:00:00.000Z","validFrom":"2026-03-01T10:00:00.000Z","validUntil":null,"evidenceCount":2,"metricName":null,"metricValue":null,"metricPreviousValue":null,"metricDelta":null,"metricUnit":null,"periodStart":null,"periodEnd":null,"changePointDate":null,"occurrenceCount":1,"lastDetectedAt":null,"severity":null}""";

    private const string Source = """{"sourceType":"OPPORTUNITY","sourceId":"opp_123","occurredAt":"2026-03-01T10:00:00.000Z","title":"Acme renewal","summary":null,"permalink":null,"provider":"hubspot","customer":null,"participants":[],"record":{"stage":"negotiation"}}""";

    private const string TimelineEvent = """{"id":"evt_1","eventType":"email_received","eventName":"Email received","channel":"COMMUNICATION","title":"Pricing question","summary":null,"occurredAt":"2026-04-10T18:22:11.000Z","contact":"ana@acme.com","sourceType":"EMAIL","sourceId":"em_1","metadata":{}}""";

    /// <summary>Serves one JSON body for every request and records the tool calls.</summary>
    private static Task<LoopbackServer> Serve(string body, int status = 200) =>
        LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, status, body));

    private static JObject Sent(LoopbackServer server, int index = 0)
    {
        var request = server.Requests[index];
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/api/tools/call")));
        return JObject.Parse(request.Body);
    }

    /// <summary>
    /// Checks the tool name and that every field the test set was sent with its value (numbers compared by
    /// value: 10 and 10.0 are the same JSON number). Fields the generated input fills with the contract's
    /// defaults may be sent as well.
    /// </summary>
    private static void AssertCall(LoopbackServer server, string tool, string expectedInput)
    {
        var sent = Sent(server);
        Assert.That((string?)sent["tool"], Is.EqualTo(tool));
        var input = (JObject)sent["input"]!;
        foreach (var expected in JObject.Parse(expectedInput).Properties())
        {
            Assert.That(SameValue(input[expected.Name], expected.Value), Is.True, () => $"input.{expected.Name}: expected {expected.Value}, sent {input}");
        }
    }

    private static bool SameValue(JToken? actual, JToken expected) => (actual, expected) switch
    {
        (JValue { Type: JTokenType.Integer or JTokenType.Float } a, JValue { Type: JTokenType.Integer or JTokenType.Float } e) => (double)a == (double)e,
        (JArray a, JArray e) => a.Count == e.Count && a.Zip(e).All(pair => SameValue(pair.First, pair.Second)),
        (JObject a, JObject e) => a.Count == e.Count && e.Properties().All(p => SameValue(a[p.Name], p.Value)),
        _ => actual is not null && JToken.DeepEquals(actual, expected),
    };

    [Test]
    public async Task TheSeedDocumentsOlderListShapeIsAFormatErrorNamingTheMissingField()
    {
        // The tool gateway documentation's example predates the published output schema (mrrCents, no activatedAt):
        // the client does not fill what the server left out.
        await using var server = await Serve(SeedExamples.ListCustomersResponse);
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListCustomersAsync(new ListCustomersInput { BillingStatus = BillingStatus.Paying, Limit = 10 }));

        AssertCall(server, "outlit_list_customers", """{"billingStatus":"PAYING","limit":10}""");
        Assert.That(ex.Message, Does.Contain("'activatedAt'").And.Contain("Path 'items[0]'"));
        Assert.That(ex.Status, Is.EqualTo(200));
    }

    [Test]
    public async Task ListCustomersReadsACompleteAnswerAndKeepsFieldsOutsideTheSchema()
    {
        var body = ContractFixtures.Complete("ListCustomersOutput", SeedExamples.ListCustomersResponse);
        await using var server = await Serve(body.ToString());
        using var client = TestClients.Create(server);

        var page = await client.Tools.ListCustomersAsync(new ListCustomersInput { BillingStatus = BillingStatus.Paying, Limit = 10 });

        var acme = page.Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That((acme.Id, acme.Name, acme.Domain), Is.EqualTo(("cus_123", "Acme", "acme.com")));
            Assert.That(acme.BillingStatus, Is.EqualTo(BillingStatus.Paying));
            Assert.That(acme.LastActivityAt, Is.EqualTo("2026-04-10T18:22:11.000Z"));
            Assert.That(acme.AdditionalProperties["mrrCents"], Is.EqualTo(25000L), "fields outside the schema are kept");
            Assert.That((page.Pagination.HasMore, page.Pagination.NextCursor, page.Pagination.Total), Is.EqualTo((true, "cursor_abc", 128)));
        });
    }

    [Test]
    public async Task ListUsers()
    {
        await using var server = await Serve("""{"items":[{"id":"usr_1","email":"ana@acme.com","name":"Ana","customerId":"cus_123","customerName":"Acme","customerDomain":"acme.com","journeyStage":"ENGAGED","lastActivityAt":null,"daysSinceActivity":3}],"pagination":{"hasMore":false,"nextCursor":null,"total":1}}""");
        using var client = TestClients.Create(server);

        var page = await client.Tools.ListUsersAsync(new ListUsersInput { JourneyStage = JourneyStage.Engaged, CustomerId = "cus_123" });

        AssertCall(server, "outlit_list_users", """{"journeyStage":"ENGAGED","customerId":"cus_123"}""");
        Assert.That(page.Items.Single().DaysSinceActivity, Is.EqualTo(3));
        Assert.That(page.Items.Single().JourneyStage, Is.EqualTo(JourneyStage.Engaged));
    }

    [Test]
    public async Task ListWorkspaceUsers()
    {
        await using var server = await Serve("""{"items":[{"id":"wu_1","email":"sam@vendor.test","name":"Sam","title":null,"role":"CSM","managerEmail":null,"territory":"EMEA","linkedinUrl":null,"ownedCustomerCount":12}],"pagination":{"hasMore":false,"nextCursor":null,"total":1}}""");
        using var client = TestClients.Create(server);

        var page = await client.Tools.ListWorkspaceUsersAsync(new ListWorkspaceUsersInput { HasOwnedCustomers = true });

        AssertCall(server, "outlit_list_workspace_users", """{"hasOwnedCustomers":true}""");
        Assert.That(page.Items.Single().OwnedCustomerCount, Is.EqualTo(12));
    }

    [Test]
    public async Task GetCustomerSendsTheSeedInput()
    {
        await using var server = await Serve("""{"customer":{"id":"cus_123","name":"Acme","domain":"acme.com","billingStatus":"PAYING","activatedAt":null,"firstSeenAt":null,"lastActivityAt":null,"owner":{"id":"wu_1","email":"sam@vendor.test","name":"Sam"}}}""");
        using var client = TestClients.Create(server);

        var result = await client.Tools.GetCustomerAsync(new GetCustomerInput
        {
            Customer = "acme.com",
            Include = [GetCustomerInputIncludeItem.Users, GetCustomerInputIncludeItem.Revenue, GetCustomerInputIncludeItem.RecentTimeline],
            Timeframe = ActivityWindow.Last30Days,
        });

        AssertCall(server, "outlit_get_customer", """{"customer":"acme.com","include":["users","revenue","recentTimeline"],"timeframe":"30d"}""");
        Assert.That(result.Customer.Owner!.Email, Is.EqualTo("sam@vendor.test"));
    }

    [Test]
    public async Task GetTimeline()
    {
        await using var server = await Serve($$$"""{"events":[{{{TimelineEvent}}}],"pagination":{"hasMore":false,"nextCursor":null}}""");
        using var client = TestClients.Create(server);

        var page = await client.Tools.GetTimelineAsync(new GetTimelineInput { Customer = "acme.com", Channels = [TimelineChannel.Communication] });

        AssertCall(server, "outlit_get_timeline", """{"customer":"acme.com","channels":["COMMUNICATION"]}""");
        Assert.That(page.Events.Single().Channel, Is.EqualTo(TimelineChannel.Communication));
    }

    [Test]
    public async Task ListFactsNormalizesSourceTypesAndSendsDatesInUtc()
    {
        await using var server = await Serve($$$"""{"customer":{"id":"cus_123","name":"Acme","domain":"acme.com"},"facts":[{{{Fact}}}],"pagination":{"hasMore":false,"nextCursor":null}}""");
        using var client = TestClients.Create(server);

        var page = await client.Tools.ListFactsAsync(new ListFactsInput
        {
            Customer = "acme.com",
            Status = [FactStatus.Active],
            SourceTypes = [" call ", "crm"],
            After = new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.FromHours(1)),
            Limit = 20,
        });

        AssertCall(server, "outlit_list_facts", """{"customer":"acme.com","status":["ACTIVE"],"sourceTypes":["CALL","OPPORTUNITY"],"after":"2026-01-01T00:00:00Z","limit":20}""");
        Assert.That(page.Facts.Single().FactType, Is.EqualTo("CHURN_RISK"));
    }

    [Test]
    public async Task GetFact()
    {
        await using var server = await Serve(Fact);
        using var client = TestClients.Create(server);

        var fact = await client.Tools.GetFactAsync(new GetFactInput { FactId = "fact_1", Include = ["evidence"] });

        AssertCall(server, "outlit_get_fact", """{"factId":"fact_1","include":["evidence"]}""");
        Assert.That((fact.Id, fact.Status, fact.Confidence), Is.EqualTo(("fact_1", FactStatus.Active, 0.8)));
    }

    [TestCase("OPPORTUNITY")]
    [TestCase("crm")]
    [TestCase(" CRM_OPPORTUNITY")]
    public async Task GetSourceNormalizesTheCrmAliases(string sourceType)
    {
        await using var server = await Serve(Source);
        using var client = TestClients.Create(server);

        var source = await client.Tools.GetSourceAsync(new GetSourceInput { SourceType = sourceType, SourceId = "opp_123" });

        AssertCall(server, "outlit_get_source", """{"sourceType":"OPPORTUNITY","sourceId":"opp_123"}""");
        Assert.That(source.Title, Is.EqualTo("Acme renewal"));
    }

    [Test]
    public async Task ListSources()
    {
        await using var server = await Serve($$$"""{"items":[{{{Source}}}],"pagination":{"hasMore":false,"nextCursor":null}}""");
        using var client = TestClients.Create(server);

        var page = await client.Tools.ListSourcesAsync(new ListSourcesInput { SourceType = "Crm", Customer = "acme.com" });

        AssertCall(server, "outlit_list_sources", """{"sourceType":"OPPORTUNITY","customer":"acme.com"}""");
        Assert.That(page.Items.Single().SourceId, Is.EqualTo("opp_123"));
    }

    [Test]
    public async Task SearchCustomerContextKeepsUnknownResultKinds()
    {
        var body = $$$"""
            {"customer":{"id":"cus_123","name":"Acme","domain":"acme.com"},"results":[
              {"kind":"fact","score":0.91,"matchCount":1,"matches":[{"text":"pricing is too high"}],"fact":{{{Fact}}}},
              {"kind":"source","score":0.7,"sourceType":"CALL","sourceId":"call_9","occurredAt":null,"title":"QBR","permalink":null,"matchCount":1,"matches":[{"text":"renewal"}]},
              {"kind":"note","score":0.2,"matchCount":0,"matches":[],"noteId":"n1"}
            ]}
            """;
        await using var server = await Serve(body);
        using var client = TestClients.Create(server);

        var result = await client.Tools.SearchCustomerContextAsync(new SearchCustomerContextInput
        {
            Customer = "acme.com",
            Query = "What renewal concerns came up recently?",
            SourceTypes = ["EMAIL", "CALL", "SUPPORT_TICKET", "OPPORTUNITY"],
            After = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            TopK = 5,
        });

        AssertCall(server, "outlit_search_customer_context", """{"customer":"acme.com","query":"What renewal concerns came up recently?","sourceTypes":["EMAIL","CALL","SUPPORT_TICKET","OPPORTUNITY"],"after":"2026-01-01T00:00:00Z","topK":5}""");
        var results = result.Results.ToList();
        Assert.That(results[0], Is.InstanceOf<FactSearchResult>());
        Assert.That(((FactSearchResult)results[0]).Fact.Id, Is.EqualTo("fact_1"));
        Assert.That(results[1], Is.InstanceOf<SourceSearchResult>());
        Assert.That(results[2].GetType(), Is.EqualTo(typeof(SearchResult)), "an unknown kind is kept as the base type");
        Assert.That(results[2].AdditionalProperties["noteId"], Is.EqualTo("n1"));
    }

    [Test]
    public async Task Query()
    {
        await using var server = await Serve("""{"success":true,"data":[{"billing_status":"PAYING","mrr":250}],"metadata":{"rowsReturned":1,"executionTimeMs":12.5,"truncated":false}}""");
        using var client = TestClients.Create(server);

        var result = await client.Tools.QueryAsync(new QueryInput { Sql = "SELECT billing_status, sum(mrr_cents)/100 as mrr FROM customers GROUP BY 1", Limit = 10 });

        AssertCall(server, "outlit_query", """{"sql":"SELECT billing_status, sum(mrr_cents)/100 as mrr FROM customers GROUP BY 1","limit":10}""");
        Assert.That(result.Metadata.RowsReturned, Is.EqualTo(1));
        Assert.That(JObject.FromObject(result.Data.Single())["billing_status"]!.ToString(), Is.EqualTo("PAYING"));
    }

    [Test]
    public async Task Schema()
    {
        await using var server = await Serve("""{"views":[{"name":"customers","description":"Customer attributes","columns":[{"name":"customer_id","type":"string","description":"ID"}],"exampleQueries":["SELECT 1"]}],"tables":[]}""");
        using var client = TestClients.Create(server);

        var result = await client.Tools.GetSchemaAsync();

        AssertCall(server, "outlit_schema", "{}");
        Assert.That(result.Views!.Single().Columns.Single().Name, Is.EqualTo("customer_id"));
    }

    [Test]
    public async Task SendNotificationSendsTheSeedInputOnce()
    {
        await using var server = await Serve("""{"success":true,"delivered":1}""");
        using var client = TestClients.Create(server);

        var result = await client.Tools.SendNotificationAsync(new SendNotificationInput
        {
            Title = "Expansion signal",
            Severity = SendNotificationInputSeverity.High,
            Message = "Notify the channel after review.",
            Source = "pi-agent",
            Subject = "Acme expansion watchlist",
            Payload = new { customer = "acme.com", reason = "High usage and plan-limit pressure", signals = new[] { "usage", "billing", "seat_growth" } },
        });

        AssertCall(server, "outlit_send_notification", """{"title":"Expansion signal","severity":"high","message":"Notify the channel after review.","source":"pi-agent","subject":"Acme expansion watchlist","payload":{"customer":"acme.com","reason":"High usage and plan-limit pressure","signals":["usage","billing","seat_growth"]}}""");
        Assert.That((int?)result["delivered"], Is.EqualTo(1));
    }

    [TestCase(503)]
    [TestCase(500)]
    public async Task SendNotificationIsNeverRetriedOnceSent(int status)
    {
        await using var server = await Serve("""{"error":"Internal server error"}""", status);
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Tools.SendNotificationAsync(new SendNotificationInput { Title = "t" }));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendNotificationIsNotRetriedAfterATimeout()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
        });
        using var client = TestClients.Create(server, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(200));

        await TestClients.ThrowsAsync<OutlitTimeoutException>(() => client.Tools.SendNotificationAsync(new SendNotificationInput { Title = "t" }));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ReadToolsAreRetried()
    {
        var count = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) =>
            Interlocked.Increment(ref count) == 1
                ? LoopbackServer.WriteJsonAsync(context, 503, "{}")
                : LoopbackServer.WriteJsonAsync(context, 200, """{"views":[],"tables":[]}"""));
        using var client = TestClients.Create(server);

        await client.Tools.GetSchemaAsync(new SchemaInput { Table = AnalyticsView.Customers });

        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ValidationErrorsOfToolInputCarryTheDetails()
    {
        await using var server = await Serve(SeedExamples.InvalidToolInput, 400);
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitValidationException>(() => client.Tools.ListCustomersAsync(new ListCustomersInput { Limit = 5000 }));

        Assert.That(ex.Details.Single().ToString(), Is.EqualTo("limit: Too big: expected number to be <=1000"));
        Assert.That(ex.Operation, Is.EqualTo("outlit_list_customers"));
    }

    [TestCase(402)]
    [TestCase(429)]
    public async Task PlanLimitsOnToolCallsAreTypedAndNotRetried(int status)
    {
        await using var server = await Serve(SeedExamples.PlanLimit, status);
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitPlanLimitException>(() => client.Tools.QueryAsync(new QueryInput { Sql = "SELECT 1" }));

        Assert.That(ex.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1776124800000)));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GenericCallToolReturnsJsonAndRetriesOnlyKnownReadTools()
    {
        await using var server = await Serve("{}", 503);
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Tools.CallToolAsync("outlit_future_action", new { target = "x" }));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "an unknown tool may be an action");

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Tools.CallToolAsync(OutlitToolCatalog.ListUsers.Name));
        Assert.That(server.Requests, Has.Count.EqualTo(1 + 4), "a known read tool is retried");
        Assert.That(JObject.Parse(server.Requests[0].Body).ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("""{"tool":"outlit_future_action","input":{"target":"x"}}"""));
        Assert.That(JObject.Parse(server.Requests[1].Body)["input"]!.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo("{}"));
    }

    [Test]
    public async Task GenericCallToolNormalizesSourceTypesAndReadsTypedOutput()
    {
        await using var server = await Serve($$$"""{"items":[{{{Source}}}],"pagination":{"hasMore":false,"nextCursor":null}}""");
        using var client = TestClients.Create(server);

        var raw = await client.Tools.CallToolAsync(OutlitToolCatalog.ListSources.Name, new JObject { ["sourceType"] = "crm" });
        var typed = await client.Tools.CallToolAsync<ListSourcesOutput>(OutlitToolCatalog.ListSources.Name, new Dictionary<string, object> { ["sourceType"] = "crm_opportunity" });

        Assert.That(server.Requests.Select(r => (string?)JObject.Parse(r.Body)["input"]!["sourceType"]), Is.EqualTo(new[] { "OPPORTUNITY", "OPPORTUNITY" }));
        Assert.That((string?)raw["items"]![0]!["sourceId"], Is.EqualTo("opp_123"));
        Assert.That(typed.Items.Single().Provider, Is.EqualTo("hubspot"));
    }

    [Test]
    public async Task AMissingRequiredInputFieldIsRejectedBeforeSending()
    {
        await using var server = await Serve("{}");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<ArgumentException>(() => client.Tools.QueryAsync(new QueryInput()));

        Assert.That(ex.Message, Does.Contain("sql"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public async Task AnEchoedKeyInAnUnreadableBodyDoesNotLeakThroughTheError()
    {
        await using var server = await Serve("{\"items\":\"" + LeakRecorder.SentinelKey + "\",\"pagination\":{}}");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListUsersAsync());

        Assert.That(ex.ToString(), Does.Not.Contain(LeakRecorder.SentinelKey));
        Assert.That(ex.Message, Does.Contain("ok_[redacted]"));
    }

    [Test]
    public async Task AnUnreadableBodyIsATypedError()
    {
        await using var server = await Serve("""{"items":"not a list","pagination":{}}""");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListUsersAsync());

        Assert.That(ex.Message, Does.Contain("outlit_list_users"));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

/// <summary>The opt-in check of live responses against the embedded contract (OutlitClientOptions.ContractDriftDetection).</summary>
public class ContractDriftTests
{
    private const string SecretLooking = "ok_live_0123456789abcdef_do_not_log";

    private static Task<IntegrationListResponse> ListIntegrationsAsync(OutlitClient client) =>
        client.Api.ListIntegrationsAsync(null);

    /// <summary>Sends listIntegrations through the client's per-try stages and hands back the raw answer, as the generated path stamps it.</summary>
    private static Task<HttpResponseMessage> RawListIntegrationsAsync(OutlitClient client, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUrl, "api/integrations"));
        request.Options.Set(OutlitHttpRequestOptions.Operation, "listIntegrations");
        request.Options.Set(OutlitHttpRequestOptions.OperationId, "listIntegrations");
        return client.Pipeline.Http.SendAsync(request, completion);
    }

    private static Task<LoopbackServer> ServeAsync(string body, string contentType = "application/json", int status = 200) =>
        LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    private static OutlitClient DriftClient(LoopbackServer server, CapturingLoggerProvider? logs = null) =>
        TestClients.Create(server, options => options.ContractDriftDetection = true, logs);

    private static string Integration(string id = "stripe", string status = "connected", string extra = "") => $$"""
        {"id":"{{id}}","name":"Stripe","category":"billing","status":"{{status}}","connectionId":"c_1","lastDataReceivedAt":null,"syncStatus":null,"errorMessage":null{{extra}}}
        """;

    [Test]
    public async Task IsOffByDefaultAndAddsNoStage()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration(extra: ",\"region\":\"eu\"")}}]}""");
        using var client = TestClients.Create(server);

        await ListIntegrationsAsync(client);

        Assert.That(new OutlitClientOptions().ContractDriftDetection, Is.False);
        Assert.That(client.ContractDrift.IsEnabled, Is.False);
        Assert.That(client.ContractDrift.ResponsesChecked, Is.Zero);
        Assert.That(client.ContractDrift.TotalFindings, Is.Zero);
        Assert.That(client.Settings.CreateApiStages().OfType<OutlitContractDriftHandler>(), Is.Empty);
    }

    [Test]
    public async Task ConformingResponseReportsNothing()
    {
        await using var server = await ServeAsync(SeedExamples.ListIntegrations);
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        var integrations = await client.Integrations.ListAsync();

        Assert.That(integrations, Has.Count.EqualTo(1));
        Assert.That(client.ContractDrift.ResponsesChecked, Is.EqualTo(1));
        Assert.That(client.ContractDrift.TotalFindings, Is.Zero);
        Assert.That(client.ContractDrift.RecentFindings, Is.Empty);
        Assert.That(logs.Lines.Where(l => l.StartsWith("Warning Outlit.ContractDrift", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task ReportsAnUndocumentedPropertyByNameWithoutItsValue()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration()}},{{Integration(id: "slack", extra: $",\"webhookSecret\":\"{SecretLooking}\"")}}]}""");
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        await ListIntegrationsAsync(client);

        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UndocumentedProperty));
        Assert.That(finding.Pointer, Is.EqualTo("/items/1/webhookSecret"));
        Assert.That(finding.Detail, Is.EqualTo("webhookSecret"));
        Assert.That(finding.Operation, Is.EqualTo("listIntegrations"));
        Assert.That(finding.Status, Is.EqualTo(200));
        Assert.That(client.ContractDrift.Findings[OutlitContractDriftKind.UndocumentedProperty], Is.EqualTo(1));
        Assert.That(client.ContractDrift.TotalFindings, Is.EqualTo(1));

        var warning = logs.Lines.Single(l => l.StartsWith("Warning Outlit.ContractDrift", StringComparison.Ordinal));
        Assert.That(warning, Does.Contain("Operation=listIntegrations"));
        Assert.That(warning, Does.Contain("Pointer=/items/1/webhookSecret"));
        Assert.That(warning, Does.Contain("Kind=UndocumentedProperty"));
        Assert.That(warning, Does.Contain("Status=200"));
        Assert.That(string.Join("\n", logs.Lines), Does.Not.Contain(SecretLooking));
    }

    [Test]
    public async Task ReportsANewProviderIdAsAnUnlistedEnumValueAndTheCallerStillGetsTheList()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration()}},{{Integration(id: "salesforce")}}]}""");
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        var integrations = await client.Integrations.ListAsync();

        Assert.That(integrations, Has.Count.EqualTo(2));
        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UnlistedEnumValue));
        Assert.That(finding.Pointer, Is.EqualTo("/items/1/id"));
        Assert.That(finding.Detail, Is.EqualTo("salesforce"));
        Assert.That(client.ContractDrift.Findings[OutlitContractDriftKind.UnlistedEnumValue], Is.EqualTo(1));
        Assert.That(logs.Lines, Has.One.Matches<string>(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Pointer=/items/1/id") && l.Contains("Detail=salesforce")));
    }

    [Test]
    public async Task AnUnlistedEnumValueThatIsNotAnIdentifierIsNotShown()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration(status: "connected by " + SecretLooking)}}]}""");
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        await ListIntegrationsAsync(client);

        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UnlistedEnumValue));
        Assert.That(finding.Pointer, Is.EqualTo("/items/0/status"));
        Assert.That(finding.Detail, Does.Contain("not shown"));
        Assert.That(string.Join("\n", logs.Lines), Does.Not.Contain(SecretLooking));
    }

    [Test]
    public async Task ReportsAMissingRequiredProperty()
    {
        var item = Integration().Replace("\"status\":\"connected\",", "", StringComparison.Ordinal);
        await using var server = await ServeAsync($$"""{"items":[{{item}}]}""");
        using var client = DriftClient(server);

        // The client refuses the answer (a missing required value is never read as a default); the check reports why.
        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => ListIntegrationsAsync(client));

        Assert.That(ex.Message, Does.Contain("'status'").And.Contain("items[0]"));
        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.MissingRequiredProperty));
        Assert.That(finding.Pointer, Is.EqualTo("/items/0/status"));
        Assert.That(client.ContractDrift.Findings[OutlitContractDriftKind.MissingRequiredProperty], Is.EqualTo(1));
    }

    [Test]
    public async Task ReportsAnUnexpectedType()
    {
        await using var server = await ServeAsync("""{"items":[{"id":"stripe","name":null,"category":"billing","status":"connected"}]}""");
        using var client = DriftClient(server);

        await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => ListIntegrationsAsync(client));

        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UnexpectedType));
        Assert.That(finding.Pointer, Is.EqualTo("/items/0/name"));
        Assert.That(finding.Detail, Is.EqualTo("expected string, found null"));
    }

    [Test]
    public async Task TheSameDriftInEveryItemIsCountedEachTimeButWarnedOnce()
    {
        var items = string.Join(",", Enumerable.Range(0, 3).Select(_ => Integration(extra: ",\"region\":\"eu\"")));
        await using var server = await ServeAsync($$"""{"items":[{{items}}]}""");
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        await ListIntegrationsAsync(client);
        await ListIntegrationsAsync(client);

        Assert.That(client.ContractDrift.Findings[OutlitContractDriftKind.UndocumentedProperty], Is.EqualTo(6));
        Assert.That(client.ContractDrift.RecentFindings.Select(f => f.Pointer), Is.EqualTo(new[] { "/items/0/region", "/items/1/region", "/items/2/region", "/items/0/region", "/items/1/region", "/items/2/region" }));
        Assert.That(logs.Lines.Count(l => l.StartsWith("Warning Outlit.ContractDrift", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(logs.Lines.Count(l => l.StartsWith("Debug Outlit.ContractDrift", StringComparison.Ordinal) && l.Contains("again")), Is.EqualTo(5));
    }

    [Test]
    public async Task RecentFindingsAreBounded()
    {
        var items = string.Join(",", Enumerable.Range(0, 12).Select(_ => Integration(extra: ",\"region\":\"eu\"")));
        await using var server = await ServeAsync($$"""{"items":[{{items}}]}""");
        using var client = TestClients.Create(server, options =>
        {
            options.ContractDriftDetection = true;
            options.ContractDriftMaxRecentFindings = 5;
        });

        await ListIntegrationsAsync(client);

        Assert.That(client.ContractDrift.TotalFindings, Is.EqualTo(12));
        Assert.That(client.ContractDrift.RecentFindings.Select(f => f.Pointer), Is.EqualTo(Enumerable.Range(7, 5).Select(i => $"/items/{i}/region")));
    }

    [Test]
    public async Task ChecksAToolResultAgainstTheToolsOutputSchema()
    {
        // The list-customers example of Outlit's own documentation predates the contract's CustomerSummary:
        // it carries mrrCents and lacks most required fields.
        await using var server = await ServeAsync(SeedExamples.ListCustomersResponse);
        using var client = DriftClient(server);

        await client.Tools.CallToolAsync(OutlitToolCatalog.ListCustomers.Name);

        var findings = client.ContractDrift.RecentFindings;
        Assert.That(findings.Select(f => f.Tool).Distinct(), Is.EqualTo(new[] { OutlitToolCatalog.ListCustomers.Name }));
        Assert.That(findings.Select(f => f.Operation).Distinct(), Is.EqualTo(new[] { "callTool" }));
        Assert.That(findings, Has.One.Matches<OutlitContractDriftFinding>(f => f.Kind == OutlitContractDriftKind.UndocumentedProperty && f.Pointer == "/items/0/mrrCents"));
        Assert.That(
            findings.Where(f => f.Kind == OutlitContractDriftKind.MissingRequiredProperty).Select(f => f.Pointer),
            Is.EquivalentTo(new[] { "activatedAt", "firstSeenAt", "contactCount", "currentMrr", "mrrCalculationStatus", "owner", "daysSinceActivity" }.Select(p => "/items/0/" + p)));
    }

    [Test]
    public async Task ChecksAToolCallAgainstItsToolsOutputSchema()
    {
        await using var server = await ServeAsync("""{"items":[],"pagination":{"hasMore":false,"nextCursor":null,"total":0},"cost":3}""");
        using var client = DriftClient(server);

        await client.Tools.CallToolAsync(ToolName.ListCustomers.ToString());

        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Tool, Is.EqualTo(ToolName.ListCustomers.ToString()));
        Assert.That(finding.Pointer, Is.EqualTo("/cost"));
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UndocumentedProperty));
    }

    [Test]
    public async Task AnUnknownToolGetsOnlyTheGenericResultCheck()
    {
        await using var server = await ServeAsync("""{"anything":[1,2,3]}""");
        var logs = new CapturingLoggerProvider();
        using var client = DriftClient(server, logs);

        var result = await client.Tools.CallToolAsync("outlit_future_tool");

        Assert.That(result["anything"], Is.Not.Null);
        Assert.That(client.ContractDrift.ResponsesChecked, Is.EqualTo(1));
        Assert.That(client.ContractDrift.TotalFindings, Is.Zero);
        Assert.That(logs.Lines, Has.Some.Contains("tool outlit_future_tool is not in the contract"));
    }

    [Test]
    public async Task AOneOfResponseIsReportedAgainstTheClosestBranch()
    {
        await using var server = await ServeAsync("""{"connected":true,"connectionId":"posthog-org_1","alreadyConnected":false,"region":"us"}""");
        using var client = DriftClient(server);

        await client.Integrations.ConnectAsync(ProviderId.Posthog);

        var finding = client.ContractDrift.RecentFindings.Single();
        Assert.That(finding.Kind, Is.EqualTo(OutlitContractDriftKind.UndocumentedProperty));
        Assert.That(finding.Pointer, Is.EqualTo("/region"));
    }

    [Test]
    public async Task ADocumentedErrorBodyIsCheckedToo()
    {
        await using var server = await ServeAsync("""{"error":"Invalid tool input","details":[],"hint":"see docs"}""", status: 400);
        using var client = DriftClient(server);

        await TestClients.ThrowsAsync<OutlitException>(() => client.Tools.CallToolAsync(OutlitToolCatalog.ListCustomers.Name));

        Assert.That(client.ContractDrift.ResponsesChecked, Is.EqualTo(1));
        Assert.That(client.ContractDrift.RecentFindings.Select(f => (f.Status, f.Tool)), Is.All.EqualTo((400, (string?)null)));
    }

    [Test]
    public async Task TheCallerGetsTheSameBytesAndHeadersWithTheCheckOnAndOff()
    {
        // An undocumented property, a BOM, escapes and odd spacing: nothing of it may change on the way through.
        var body = "\uFEFF{ \"items\" : [ " + Integration(id: "salesforce", extra: ",\"note\":\"caf\\u00e9 \u00e9\"") + " ] }\n";
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers["X-RateLimit-Remaining"] = "41";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        });
        using var on = DriftClient(server);
        using var off = TestClients.Create(server);

        async Task<(byte[] Bytes, string Headers)> FetchAsync(OutlitClient client)
        {
            using var response = await RawListIntegrationsAsync(client, HttpCompletionOption.ResponseHeadersRead);
            using var stream = await response.Content.ReadAsStreamAsync();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            return (copy.ToArray(), headers);
        }

        var withCheck = await FetchAsync(on);
        var without = await FetchAsync(off);

        Assert.That(on.ContractDrift.TotalFindings, Is.EqualTo(2));
        Assert.That(withCheck.Bytes, Is.EqualTo(without.Bytes));
        Assert.That(withCheck.Bytes, Is.EqualTo(Encoding.UTF8.GetBytes(body)));
        Assert.That(withCheck.Headers, Is.EqualTo(without.Headers));
        Assert.That(withCheck.Headers, Does.Contain("X-RateLimit-Remaining: 41"));

        var typedOn = await on.Integrations.ListAsync();
        var typedOff = await off.Integrations.ListAsync();
        Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(typedOn), Is.EqualTo(Newtonsoft.Json.JsonConvert.SerializeObject(typedOff)));
    }

    [TestCase("{\"items\":[{\"id\":", "application/json")]
    [TestCase("<html><body>502 Bad Gateway</body></html>", "text/html")]
    [TestCase("", "application/json")]
    public async Task AnUnparsableBodyIsPassedOnWithoutThrowing(string body, string contentType)
    {
        await using var server = await ServeAsync(body, contentType);
        using var client = DriftClient(server);

        using var response = await RawListIntegrationsAsync(client);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body));
        Assert.That(client.ContractDrift.ResponsesNotChecked, Is.EqualTo(1));
        Assert.That(client.ContractDrift.ResponsesChecked, Is.Zero);
        Assert.That(client.ContractDrift.TotalFindings, Is.Zero);
    }

    [Test]
    public async Task AnUndocumentedStatusIsNotChecked()
    {
        await using var server = await ServeAsync("""{"items":[],"weird":true}""", status: 203);
        using var client = DriftClient(server);

        await ListIntegrationsAsync(client);

        Assert.That(client.ContractDrift.ResponsesNotChecked, Is.EqualTo(1));
        Assert.That(client.ContractDrift.TotalFindings, Is.Zero);
    }

    [Test]
    public async Task WorksThroughDependencyInjection()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration(id: "salesforce")}}]}""");
        var services = new ServiceCollection();
        services.AddOutlitClient(options =>
        {
            options.ApiKey = LeakRecorder.SentinelKey;
            options.BaseUrl = server.BaseAddress;
            options.ContractDriftDetection = true;
        });
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<OutlitClient>();
        var second = provider.GetRequiredService<OutlitClient>();
        await first.Integrations.ListAsync();
        await second.Integrations.ListAsync();

        Assert.That(first.ContractDrift, Is.SameAs(second.ContractDrift));
        Assert.That(first.ContractDrift.Findings[OutlitContractDriftKind.UnlistedEnumValue], Is.EqualTo(2));
    }

    [Test]
    public async Task IsOffByDefaultThroughDependencyInjection()
    {
        await using var server = await ServeAsync($$"""{"items":[{{Integration(id: "salesforce")}}]}""");
        var services = new ServiceCollection();
        services.AddOutlitClient(options =>
        {
            options.ApiKey = LeakRecorder.SentinelKey;
            options.BaseUrl = server.BaseAddress;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<OutlitClient>();
        await client.Integrations.ListAsync();

        Assert.That(client.ContractDrift.IsEnabled, Is.False);
        Assert.That(client.ContractDrift.ResponsesChecked, Is.Zero);
    }

    [Test]
    public void EveryResponseExampleOfTheContractConformsToItsOwnSchema()
    {
        // Guards the walker against false positives: the contract's examples are written to match it.
        var contract = OutlitContractSchema.Instance;
        using var spec = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(RepositoryPaths.OpenApiDocument));
        var checkedExamples = 0;
        foreach (var path in spec.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (!method.Value.TryGetProperty("operationId", out var id) || !method.Value.TryGetProperty("responses", out var responses))
                {
                    continue;
                }

                foreach (var status in responses.EnumerateObject())
                {
                    if (!status.Value.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var media)
                        || !media.TryGetProperty("examples", out var examples))
                    {
                        continue;
                    }

                    contract.FindOperation(id.GetString()!)!.TryGetResponse(int.Parse(status.Name, CultureInfo.InvariantCulture), out var schema);
                    foreach (var example in examples.EnumerateObject())
                    {
                        var findings = OutlitSchemaWalker.Walk(example.Value.GetProperty("value"), schema!);
                        Assert.That(findings.Select(f => $"{f.Kind} {f.Pointer}"), Is.Empty, $"{id} {status.Name} example {example.Name}");
                        checkedExamples++;
                    }
                }
            }
        }

        Assert.That(checkedExamples, Is.GreaterThan(5));
    }

    [Test]
    public async Task TheShippedFakeServerConformsToTheContract()
    {
        // The fake server in Outlit.Testing claims to follow the contract: the drift check holds it to that.
        await using var mock = await Outlit.Testing.OutlitMockServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var client = TestClients.Create(mock.BaseUrl, logs, options =>
        {
            options.ApiKey = mock.ApiKey;
            options.ContractDriftDetection = true;
        });

        await client.ValidateApiKeyAsync();
        await client.Integrations.ListAsync();
        await client.Integrations.GetCapabilitiesAsync();
        await client.Integrations.GetCapabilitiesAsync(ProviderId.Pylon);
        var customers = await client.Tools.ListCustomersAsync();
        await client.Tools.ListUsersAsync();
        await client.Tools.ListWorkspaceUsersAsync();
        await client.Tools.ListSourcesAsync();
        await client.Tools.GetSchemaAsync();
        await client.Tools.GetCustomerAsync(new GetCustomerInput { Customer = customers.Items.First().Id });

        Assert.That(client.ContractDrift.ResponsesChecked, Is.EqualTo(10));
        Assert.That(client.ContractDrift.RecentFindings.Select(f => $"{f.Operation} {f.Tool} {f.Kind} {f.Pointer} {f.Detail}"), Is.Empty);
    }

    /// <summary>
    /// Measures the cost of the check over a loopback server: 2,000 list-integrations calls and 100 calls returning
    /// 1,000 customers, each with the check on and off. Prints the overhead; asserts only a generous bound so a busy
    /// machine cannot make it fail.
    /// </summary>
    [Test]
    public async Task OverheadIsMeasuredAndBounded()
    {
        var customers = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""
            {"id":"cus_{{i}}","name":"Customer {{i}}","domain":"c{{i}}.example","billingStatus":"PAYING","activatedAt":"2026-01-01T00:00:00Z","firstSeenAt":"2025-12-01T00:00:00Z","lastActivityAt":null,"contactCount":{{i % 40}},"currentMrr":{{i * 10}},"mrrCalculationStatus":"calculated","owner":{"id":"u_1","email":"owner@example.com","name":"Owner"},"daysSinceActivity":null}
            """));
        var bigList = "{\"items\":[" + customers + "],\"pagination\":{\"hasMore\":false,\"nextCursor\":null,\"total\":1000}}";
        await using var server = await LoopbackServer.StartAsync((request, context) =>
            LoopbackServer.WriteJsonAsync(context, 200, request.Path.EndsWith("/tools/call", StringComparison.Ordinal) ? bigList : SeedExamples.ListIntegrations));
        using var on = TestClients.Create(server, options => { options.ContractDriftDetection = true; options.LoggerFactory = null; });
        using var off = TestClients.Create(server, options => options.LoggerFactory = null);

        async Task<double> MicrosecondsPerCallAsync(Func<Task> call, int count)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await call();
            }

            return watch.Elapsed.TotalMicroseconds / count;
        }

        var results = new List<string>();
        double worstRatio = 0;
        foreach (var (name, count, make, body, schema) in new (string, int, Func<OutlitClient, Func<Task>>, string, SchemaNode)[]
        {
            ("list integrations", 2000, client => () => client.Integrations.ListAsync(), SeedExamples.ListIntegrations, Schema("listIntegrations")),
            ("list customers (1,000 items)", 100, client => () => client.Tools.ListCustomersAsync(), bigList, ToolSchema(OutlitToolCatalog.ListCustomers.Name)),
        })
        {
            // Interleaved rounds, and the fastest round of each side: a burst of load from other processes on a
            // shared machine then slows a round of one side without passing for the cost of the check.
            const int rounds = 10;
            for (var i = 0; i < 20; i++)
            {
                await make(off)();
                await make(on)();
            }

            double offBest = double.MaxValue, onBest = double.MaxValue;
            for (var round = 0; round < rounds; round++)
            {
                offBest = Math.Min(offBest, await MicrosecondsPerCallAsync(make(off), count / rounds));
                onBest = Math.Min(onBest, await MicrosecondsPerCallAsync(make(on), count / rounds));
            }

            // The check's own work (parse and walk) without HTTP, which is steadier than a difference of two timings.
            var bytes = Encoding.UTF8.GetBytes(body);
            var checkUs = double.MaxValue;
            var findings = 0;
            for (var round = 0; round < rounds; round++)
            {
                var checkWatch = Stopwatch.StartNew();
                for (var i = 0; i < count / rounds; i++)
                {
                    using var document = System.Text.Json.JsonDocument.Parse(bytes);
                    findings += OutlitSchemaWalker.Walk(document.RootElement, schema).Count;
                }

                checkUs = Math.Min(checkUs, checkWatch.Elapsed.TotalMicroseconds / (count / rounds));
            }

            Assert.That(findings, Is.Zero);
            worstRatio = Math.Max(worstRatio, onBest / offBest);
            results.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: off {offBest:0} µs/call, on {onBest:0} µs/call, difference {onBest - offBest:0} µs ({(onBest - offBest) / offBest:P0}); parse + walk alone {checkUs:0} µs ({bytes.Length:N0} bytes)"));
        }

        Assert.That(on.ContractDrift.TotalFindings, Is.Zero, "the measured responses conform, so the cost is that of checking, not of reporting");
        Assert.That(on.ContractDrift.ResponsesChecked, Is.EqualTo(2000 + 100 + (2 * 20)), "every call with the check on was checked, warm-up included");
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, results));
        Assert.That(worstRatio, Is.LessThan(5), string.Join("; ", results));
    }

    private static SchemaNode Schema(string operation)
    {
        OutlitContractSchema.Instance.FindOperation(operation)!.TryGetResponse(200, out var schema);
        return schema!;
    }

    private static SchemaNode ToolSchema(string tool)
    {
        OutlitContractSchema.Instance.TryGetToolOutput(tool, out var schema);
        return schema!;
    }
}

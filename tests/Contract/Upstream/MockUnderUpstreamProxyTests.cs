using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Oracle;
using Outlit.Testing;
using Outlit.Testing.Internal;

namespace Outlit.Contract.Tests.Upstream;

/// <summary>
/// The mock as Outlit's own clients see it: Prism, as a validating proxy for one of Outlit's published documents,
/// stands between a client and <see cref="OutlitMockServer"/> and reports every answer of the mock that the document
/// does not allow. Every tool, key validation (accepted and refused), every ingest event kind the document lists, and
/// batches with a batch-level <c>sessionId</c> and <c>fingerprint</c> go through it; with the seed-date document, the
/// integration routes too.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MockUnderUpstreamProxyTests
{
    /// <summary>
    /// The seed-date document's single-provider capabilities answer is a <c>oneOf</c> whose two branches both match
    /// any single-provider object, so no answer can satisfy it; the latest document dropped the route.
    /// </summary>
    private const string SingleProviderCapabilities = "getIntegrationCapabilities?provider";

    /// <summary>
    /// The seed-date document closes the key-validation success body to three properties; the latest document requires
    /// <c>authorization</c> in it. No answer satisfies both, and the mock answers as Outlit does now.
    /// </summary>
    private const string AcceptedKey = "validateApiKey accepted";

    [Test]
    public async Task TheLatestDocumentFindsNoFaultWithAnyAnswerOfTheMock()
    {
        var run = await ProxyRun.DriveAsync(UpstreamDocument.Latest);
        TestContext.Out.WriteLine($"{run.Exchanges.Count} exchanges through the proxy, {run.ToolsCalled} tools, {run.EventKindsSent} event kinds, {run.ResponseViolations.Count} response violations");

        Assert.Multiple(() =>
        {
            Assert.That(run.ToolsCalled, Is.EqualTo(40), "every tool the latest document lists");
            Assert.That(run.EventKindsSent, Is.GreaterThanOrEqualTo(6), "every event kind the latest document lists");
            Assert.That(run.MockFailures, Is.Empty, "the mock failed on a valid request");
            Assert.That(run.Unsuccessful, Is.Empty, "valid inputs naming records the mock has succeed");
            Assert.That(run.RequestRejections, Is.Empty, "a request the driver sent is not valid in the document; the check covers only what reached the mock");
            Assert.That(run.ResponseViolations, Is.Empty, "answers of the mock the latest document does not allow");
        });
    }

    [Test]
    public async Task TheSeedDateDocumentFindsNoFaultExceptWhereItContradictsItself()
    {
        var run = await ProxyRun.DriveAsync(UpstreamDocument.SeedDate);
        TestContext.Out.WriteLine($"{run.Exchanges.Count} exchanges through the proxy, {run.ToolsCalled} tools, {run.EventKindsSent} event kinds, {run.ResponseViolations.Count} response violations");

        var unexpected = run.ResponseViolations
            .Where(v => !v.StartsWith(SingleProviderCapabilities + ":", StringComparison.Ordinal) && !v.StartsWith(AcceptedKey + ":", StringComparison.Ordinal))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run.ToolsCalled, Is.EqualTo(13), "every tool the seed-date document lists");
            Assert.That(run.EventKindsSent, Is.EqualTo(8), "all eight event kinds, stage and billing included");
            Assert.That(run.Exchanges.Select(e => e.Label), Has.Some.StartWith("getIntegrationConnectionStatus"), "the connect flow was followed");
            Assert.That(run.MockFailures, Is.Empty, "the mock failed on a valid request");
            Assert.That(run.Unsuccessful, Is.Empty, "valid inputs naming records the mock has succeed");
            Assert.That(run.RequestRejections, Is.Empty, "a request the driver sent is not valid in the document");
            Assert.That(unexpected, Is.Empty, "answers of the mock the seed-date document does not allow");
            Assert.That(run.ResponseViolations, Is.Not.Empty, "the self-contradicting answer is reported, so the check does see violations");
        });
    }

    /// <summary>What one drive through the proxy saw.</summary>
    private sealed class ProxyRun
    {
        // Ids in the contract's examples name records the mock may not have; these inputs take a realistic value from
        // the mock's own answer to another call (the input property, the tool asked and its input, where the value is).
        private static readonly (string Tool, string Property, string From, string FromInput, string Pointer)[] RealValues =
        [
            ("*", "customer", "outlit_list_customers", "{}", "/items/0/domain"),
            ("outlit_get_destination", "id", "outlit_list_destinations", "{}", "/destinations/0/id"),
            ("outlit_update_destination", "id", "outlit_list_destinations", "{}", "/destinations/0/id"),
            ("outlit_enable_destination", "id", "outlit_list_destinations", "{}", "/destinations/0/id"),
            ("outlit_disable_destination", "id", "outlit_list_destinations", "{}", "/destinations/0/id"),
            ("outlit_archive_destination", "id", "outlit_list_destinations", "{}", "/destinations/1/id"),
            ("outlit_get_attention_item", "id", "outlit_list_attention_items", "{}", "/items/0/id"),
            ("outlit_list_features", "sourceKey", "outlit_list_features", "{}", "/sources/0/sourceKey"),
            ("outlit_create_feature", "sourceKey", "outlit_list_features", "{}", "/sources/0/sourceKey"),
            ("outlit_archive_feature", "id", "outlit_list_features", "{}", "/features/0/id"),
            ("outlit_archive_feature", "revision", "outlit_list_features", "{}", "/features/0/revision"),
            ("outlit_get_fact", "factId", "outlit_list_facts", "{\"customer\":\"*\"}", "/facts/0/id"),
            ("outlit_get_source", "sourceType", "outlit_list_sources", "{\"sourceType\":\"CALL\"}", "/items/0/sourceType"),
            ("outlit_get_source", "sourceId", "outlit_list_sources", "{\"sourceType\":\"CALL\"}", "/items/0/sourceId"),
            ("outlit_get_integration_setup_status", "sessionId", "outlit_begin_integration_setup", "{\"provider\":\"slack\"}", "/sessionId"),
            ("outlit_assign_customer_owner", "customerId", "outlit_list_customers", "{}", "/items/0/id"),
            ("outlit_assign_customer_owner", "targetUserId", "outlit_list_workspace_users", "{}", "/items/0/id"),
            ("outlit_grant_customer_access", "customerId", "outlit_list_customers", "{}", "/items/0/id"),
            ("outlit_grant_customer_access", "targetUserId", "outlit_list_workspace_users", "{}", "/items/1/id"),
            ("outlit_update_customer_access", "customerId", "outlit_list_customers", "{}", "/items/0/id"),
            ("outlit_update_customer_access", "targetUserId", "outlit_list_workspace_users", "{}", "/items/1/id"),
            ("outlit_revoke_customer_access", "customerId", "outlit_list_customers", "{}", "/items/0/id"),
            ("outlit_revoke_customer_access", "targetUserId", "outlit_list_workspace_users", "{}", "/items/1/id"),
        ];

        // A grant must exist before it is changed and revoked; everything else runs in name order.
        private static readonly string[] RunsLast = ["outlit_grant_customer_access", "outlit_update_customer_access", "outlit_revoke_customer_access", "outlit_archive_feature"];

        private readonly UpstreamDocument document;
        private readonly HttpClient http;
        private readonly OutlitMockServer mock;
        private readonly Dictionary<string, JsonObject?> probes = new(StringComparer.Ordinal);

        private ProxyRun(UpstreamDocument document, HttpClient http, OutlitMockServer mock)
        {
            this.document = document;
            this.http = http;
            this.mock = mock;
        }

        public List<(string Label, int Status, IReadOnlyList<string> Violations, string Body)> Exchanges { get; } = [];

        public int ToolsCalled { get; private set; }

        public int EventKindsSent { get; private set; }

        public List<string> RequestRejections { get; } = [];

        public List<string> ResponseViolations { get; } = [];

        /// <summary>Server errors of the mock itself (with <c>--errors</c>, Prism answers 500 for an answer it refuses).</summary>
        public IEnumerable<string> MockFailures => Exchanges.Where(e => e.Status >= 500 && !e.Violations.Any(v => v.StartsWith("response", StringComparison.Ordinal))).Select(e => $"{e.Label}: {e.Status}");

        /// <summary>Calls that did not succeed, by label and status: the driver sends valid inputs naming existing records.</summary>
        public IEnumerable<string> Unsuccessful => Exchanges
            .Where(e => e.Status is < 200 or >= 300
                && !e.Violations.Any(v => v.StartsWith("response", StringComparison.Ordinal))
                && !e.Label.Contains("refused", StringComparison.Ordinal)
                && !e.Label.Contains("not connected", StringComparison.Ordinal))
            .Select(e => $"{e.Label}: {e.Status} {e.Body}");

        public static async Task<ProxyRun> DriveAsync(UpstreamDocument document)
        {
            await using var mock = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 1 });
            await using var prism = await PrismServer.StartOwnAsync("proxy", document.Path, mock.BaseUrl.ToString().TrimEnd('/'));
            using var http = new HttpClient { BaseAddress = prism.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var run = new ProxyRun(document, http, mock);
            await run.CallToolsAsync();
            await run.ValidateKeysAsync();
            await run.IngestAsync();
            await run.IntegrationRoutesAsync();

            // Prism also logs what it found in an answer; a violation it logged but did not put in a header counts too.
            foreach (var line in prism.LoggedResponseViolations)
            {
                if (!run.ResponseViolations.Any(v => line.Contains(v[(v.IndexOf(": ", StringComparison.Ordinal) + 2)..], StringComparison.Ordinal)))
                {
                    run.ResponseViolations.Add("log: " + line);
                }
            }

            return run;
        }

        private async Task CallToolsAsync()
        {
            var (path, _) = document.Operation("callTool")!.Value;
            foreach (var (tool, example) in ContractToolExamples.First.OrderBy(e => Array.IndexOf(RunsLast, e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                if (!document.Mentions(tool))
                {
                    continue;
                }

                await CallToolAsync(path, tool, await RealisticAsync(path, tool, example));
                ToolsCalled++;
            }
        }

        /// <summary>The input with the values of <see cref="RealValues"/> taken from the mock's answers.</summary>
        private async Task<JsonObject> RealisticAsync(string path, string tool, JsonObject example)
        {
            var input = (JsonObject)example.DeepClone();
            foreach (var real in RealValues.Where(r => (r.Tool == tool || r.Tool == "*") && input.ContainsKey(r.Property) && r.From != tool))
            {
                if (await ProbeAsync(path, real.From, real.FromInput) is { } answer && At(answer, real.Pointer) is { } value)
                {
                    input[real.Property] = value.DeepClone();
                }
            }

            foreach (var real in RealValues.Where(r => r.Tool == tool && r.From == tool && input.ContainsKey(r.Property)))
            {
                if (await ProbeAsync(path, real.From, real.FromInput) is { } answer && At(answer, real.Pointer) is { } value)
                {
                    input[real.Property] = value.DeepClone();
                }
            }

            return input;
        }

        /// <summary>The mock's answer to a call made once per input, through the proxy like every other.</summary>
        private async Task<JsonObject?> ProbeAsync(string path, string tool, string inputJson)
        {
            var key = tool + " " + inputJson;
            if (!probes.TryGetValue(key, out var answer))
            {
                var input = JsonNode.Parse(inputJson)!.AsObject();
                if ((string?)input["customer"] == "*")
                {
                    input = await RealisticAsync(path, tool, input);
                }

                answer = await CallToolAsync(path, tool, input);
                probes[key] = answer;
            }

            return answer;
        }

        private async Task<JsonObject?> CallToolAsync(string path, string tool, JsonObject input)
        {
            var body = new JsonObject { ["tool"] = tool, ["input"] = input.DeepClone() };
            var (status, json) = await SendAsync(tool, HttpMethod.Post, path, body, bearer: mock.ApiKey);
            return status == 200 ? json as JsonObject : null;
        }

        private async Task ValidateKeysAsync()
        {
            var (path, _) = document.Operation("validateApiKey")!.Value;
            await SendAsync("validateApiKey accepted", HttpMethod.Post, path, null, bearer: mock.ApiKey);
            await SendAsync("validateApiKey refused", HttpMethod.Post, path, null, bearer: "ok_not_a_key_the_mock_knows_0123456789");
        }

        private async Task IngestAsync()
        {
            var (template, _) = document.Operation("ingestEvents")!.Value;
            var path = template.Replace("{publicKey}", mock.PublicKey, StringComparison.Ordinal);
            var generator = new SchemaInstanceGenerator(document.Root, DateTimeOffset.UtcNow);
            var random = new Random(20260819);
            var events = new JsonArray();
            foreach (var (kind, schema) in document.EventKinds())
            {
                var instance = (JsonObject)generator.Generate(schema, random, 0)!;
                instance["type"] = kind;
                foreach (var time in new[] { "startTime", "endTime" }.Where(instance.ContainsKey))
                {
                    // A deliberate difference (openapi/README.md): the contract keeps these timestamps, which Outlit's
                    // SDKs send; the latest document types them as any string.
                    instance[time] = DateTimeOffset.UtcNow.AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                }

                var batch = Batch(new JsonArray(instance));
                await SendAsync("ingestEvents " + kind, HttpMethod.Post, path, batch, bearer: null);
                events.Add(instance.DeepClone());
                EventKindsSent++;
            }

            foreach (var property in new[] { "sessionId", "fingerprint" }.Where(document.PayloadHas))
            {
                var batch = Batch((JsonArray)events.DeepClone());
                batch[property] = property == "sessionId" ? Guid.NewGuid().ToString() : "fp_" + Guid.NewGuid().ToString("N");
                await SendAsync("ingestEvents batch with " + property, HttpMethod.Post, path, batch, bearer: null);
            }

            static JsonObject Batch(JsonArray events) => new() { ["visitorId"] = Guid.NewGuid().ToString(), ["source"] = "client", ["events"] = events };
        }

        private async Task IntegrationRoutesAsync()
        {
            if (document.Operation("listIntegrations") is not { } list)
            {
                return;
            }

            // The routes of the seed date, through their own paths in that document.
            await SendAsync("listIntegrations", HttpMethod.Get, list.Path, null, mock.ApiKey);
            await SendAsync("listIntegrations connectedOnly", HttpMethod.Get, list.Path + "?connectedOnly=true", null, mock.ApiKey);
            var capabilities = document.Operation("getIntegrationCapabilities")!.Value.Path;
            await SendAsync("getIntegrationCapabilities", HttpMethod.Get, capabilities, null, mock.ApiKey);
            await SendAsync(SingleProviderCapabilities, HttpMethod.Get, capabilities + "?provider=hubspot", null, mock.ApiKey);

            var connect = document.Operation("connectIntegration")!.Value.Path;
            var (_, session) = await SendAsync("connectIntegration browser", HttpMethod.Post, connect, new JsonObject { ["provider"] = "slack" }, mock.ApiKey);
            await SendAsync("connectIntegration direct", HttpMethod.Post, connect,
                new JsonObject { ["provider"] = "posthog", ["config"] = new JsonObject { ["apiKey"] = "phx_contract_test", ["region"] = "us", ["projectId"] = "12345" } }, mock.ApiKey);
            if (session?["sessionId"] is JsonValue sessionId)
            {
                var status = document.Operation("getIntegrationConnectionStatus")!.Value.Path;
                for (var poll = 0; poll < 3; poll++)
                {
                    await SendAsync("getIntegrationConnectionStatus poll " + poll, HttpMethod.Get, status + "?sessionId=" + Uri.EscapeDataString((string)sessionId!), null, mock.ApiKey);
                }
            }

            await SendAsync("connectIntegration stripe", HttpMethod.Post, connect,
                new JsonObject { ["provider"] = "stripe", ["config"] = new JsonObject { ["apiKey"] = "rk_contract_test" } }, mock.ApiKey);
            var step = document.Operation("runIntegrationSetupStep")!.Value.Path;
            await SendAsync("runIntegrationSetupStep", HttpMethod.Post, step,
                new JsonObject { ["provider"] = "stripe", ["step"] = "webhooks", ["config"] = new JsonObject { ["webhookSecret"] = "whsec_contract_test" } }, mock.ApiKey);
            var sync = document.Operation("getIntegrationSyncStatus")!.Value.Path;
            await SendAsync("getIntegrationSyncStatus", HttpMethod.Get, sync + "?provider=posthog", null, mock.ApiKey);
            var disconnect = document.Operation("disconnectIntegration")!.Value.Path;
            await SendAsync("disconnectIntegration connected", HttpMethod.Post, disconnect, new JsonObject { ["provider"] = "posthog" }, mock.ApiKey);
            await SendAsync("disconnectIntegration not connected", HttpMethod.Post, disconnect, new JsonObject { ["provider"] = "posthog" }, mock.ApiKey);
        }

        private async Task<(int Status, JsonNode? Body)> SendAsync(string label, HttpMethod method, string path, JsonNode? body, string? bearer)
        {
            using var request = new HttpRequestMessage(method, path.TrimStart('/'));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }

            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var violations = response.Headers.TryGetValues("sl-violations", out var values) ? ViolationRecorder.ParseViolations(values) : [];
            var status = (int)response.StatusCode;
            Exchanges.Add((label, status, violations, text.Length > 300 ? text[..300] : text));
            foreach (var violation in violations)
            {
                (violation.StartsWith("response", StringComparison.Ordinal) ? ResponseViolations : RequestRejections).Add($"{label}: {violation}");
            }

            if (status == 422 && text.Contains("stoplight.io/prism/errors", StringComparison.Ordinal))
            {
                RequestRejections.Add($"{label}: {text[..Math.Min(text.Length, 400)]}");
            }

            try
            {
                return (status, text.Length == 0 ? null : JsonNode.Parse(text));
            }
            catch (System.Text.Json.JsonException)
            {
                return (status, null);
            }
        }

        private static JsonNode? At(JsonNode node, string pointer) =>
            pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)node, (current, part) =>
                current is JsonArray array && int.TryParse(part, out var index) ? (index < array.Count ? array[index] : null) : current?[part]);
    }
}

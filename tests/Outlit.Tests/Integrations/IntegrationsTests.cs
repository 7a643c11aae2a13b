using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Integrations;

public class IntegrationsTests
{
    private static Task<LoopbackServer> Serve(int status, string body) =>
        LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, status, body));

    private static bool SameJson(string actual, string expected) => JToken.DeepEquals(JToken.Parse(actual), JToken.Parse(expected));

    [Test]
    public async Task ListReturnsTheIntegrationsOfTheSeedExample()
    {
        await using var server = await Serve(200, SeedExamples.ListIntegrations);
        using var client = TestClients.Create(server);

        var items = await client.Integrations.ListAsync(connectedOnly: true);

        var request = server.Requests.Single();
        Assert.That((request.Method, request.Path, request.Query), Is.EqualTo(("GET", "/api/integrations", "?connectedOnly=true")));
        var stripe = items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(stripe.Id, Is.EqualTo(ProviderId.Stripe));
            Assert.That(stripe.Name, Is.EqualTo("Stripe"));
            Assert.That(stripe.Category, Is.EqualTo("billing"));
            Assert.That(stripe.Status, Is.EqualTo(IntegrationStatus.Connected));
            Assert.That(stripe.ConnectionId, Is.EqualTo("stripe-org_123"));
            Assert.That(stripe.LastDataReceivedAt, Is.EqualTo(DateTimeOffset.Parse("2026-04-10T18:22:11Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(stripe.SyncStatus, Is.EqualTo("SUCCESS"));
            Assert.That(stripe.ErrorMessage, Is.Null);
        });
    }

    [Test]
    public async Task UnknownProvidersAndStatusesFromTheServerAreKept()
    {
        await using var server = await Serve(200, """{"items":[{"id":"salesforce","name":"Salesforce","category":"crm","status":"degraded","connectionId":null,"lastDataReceivedAt":null,"syncStatus":null,"errorMessage":null,"region":"eu"}]}""");
        using var client = TestClients.Create(server);

        var item = (await client.Integrations.ListAsync()).Single();

        Assert.That(item.Id.ToString(), Is.EqualTo("salesforce"));
        Assert.That(item.Id.IsKnown, Is.False);
        Assert.That(item.Status.ToString(), Is.EqualTo("degraded"));
        Assert.That(item.AdditionalProperties["region"], Is.EqualTo("eu"));
        Assert.That(server.Requests.Single().Query, Is.EqualTo("?connectedOnly=false"));
    }

    [Test]
    public async Task CapabilitiesOfOneProviderUseTheEnvelopeAndResolveTheGmailAlias()
    {
        await using var server = await Serve(200, SeedExamples.CapabilitiesOfPylon);
        using var client = TestClients.Create(server);

        var set = await client.Integrations.GetCapabilitiesAsync(" Gmail ");

        Assert.That(server.Requests.Single().Query, Is.EqualTo("?provider=google-mail"));
        Assert.That(set.IsSingleProvider, Is.True);
        var pylon = set.Providers.Single();
        Assert.Multiple(() =>
        {
            Assert.That(pylon.CliName, Is.EqualTo("pylon"));
            Assert.That(pylon.ProviderId, Is.EqualTo(ProviderId.Pylon));
            Assert.That(pylon.SetupMode, Is.EqualTo("direct_api_key"));
            Assert.That(pylon.RequiredFields!.Single().Key, Is.EqualTo("apiToken"));
            Assert.That(pylon.RequiredFields!.Single().Secret, Is.True);
            Assert.That(pylon.PostConnectSteps!.Single().Id, Is.EqualTo("webhook-setup"));
            Assert.That(set.Find("pylon"), Is.SameAs(pylon));
        });
    }

    [Test]
    public async Task CapabilitiesOfAllProvidersComeBackInTheSameShape()
    {
        var pylon = JObject.Parse(SeedExamples.CapabilitiesOfPylon)["provider"]!;
        var map = new JObject
        {
            ["pylon"] = pylon,
            ["google-mail"] = JObject.Parse("""{"cliName":"gmail","providerId":"google-mail","setupMode":"browser_session","credentialType":null,"requiredFields":[],"commands":[],"postConnectSteps":[]}"""),
        };
        await using var server = await Serve(200, map.ToString());
        using var client = TestClients.Create(server);

        var set = await client.Integrations.GetCapabilitiesAsync();

        Assert.That(server.Requests.Single().Query, Is.Empty);
        Assert.That(set.IsSingleProvider, Is.False);
        Assert.That(set.Providers.Select(p => p.ProviderId.ToString()), Is.EqualTo(new[] { "pylon", "google-mail" }));
        Assert.That(set.Find("gmail")!.SetupMode, Is.EqualTo("browser_session"));
        Assert.That(set.Find("stripe"), Is.Null);
    }

    [Test]
    public async Task RunSetupStepSendsTheSeedRequestAndReturnsTheStepResponse()
    {
        await using var server = await Serve(200, """{"status":"config_required","pipelines":[{"id":"default","label":"Sales"}]}""");
        using var client = TestClients.Create(server);

        var result = await client.Integrations.RunSetupStepAsync("hubspot", "mappings", new { mappings = Array.Empty<object>() });

        var request = server.Requests.Single();
        Assert.That((request.Method, request.Path), Is.EqualTo(("POST", "/api/integrations/setup-step")));
        Assert.That(SameJson(request.Body, SeedExamples.SetupStepRequest), Is.True, request.Body);
        Assert.That((string?)result["status"], Is.EqualTo("config_required"));
        Assert.That(result["pipelines"]![0]!["label"]!.ToString(), Is.EqualTo("Sales"));
    }

    [Test]
    public async Task SetupStepWithoutConfigOmitsIt()
    {
        await using var server = await Serve(200, "{}");
        using var client = TestClients.Create(server);

        await client.Integrations.RunSetupStepAsync("stripe", "webhooks");

        Assert.That(SameJson(server.Requests.Single().Body, """{"provider":"stripe","step":"webhooks"}"""), Is.True);
    }

    // Both shapes a caller writes credentials in: a map of strings is sent as it is, any other is read as JSON first.
    [TestCase(false)]
    [TestCase(true)]
    public async Task ConnectWithCredentialsIsADirectConnection(bool stringMap)
    {
        await using var server = await Serve(200, SeedExamples.ConnectDirectResponse);
        using var client = TestClients.Create(server);
        object config = stringMap
            ? new Dictionary<string, string> { ["apiKey"] = "phx_...", ["region"] = "us", ["projectId"] = "12345" }
            : new Dictionary<string, object> { ["apiKey"] = "phx_...", ["region"] = "us", ["projectId"] = "12345" };

        var result = await client.Integrations.ConnectAsync(ProviderId.Posthog, config);

        Assert.That(SameJson(server.Requests.Single().Body, SeedExamples.ConnectDirectRequest), Is.True, server.Requests.Single().Body);
        Assert.That(result.TryGetDirect(out var direct), Is.True);
        Assert.That(result.TryGetBrowserSession(out _), Is.False);
        Assert.That(direct!.ConnectionId, Is.EqualTo("posthog-org_123"));
        Assert.That(direct.AlreadyConnected, Is.False);
        Assert.That(result.Match(d => "direct:" + d.ConnectionId, s => "browser:" + s.SessionId), Is.EqualTo("direct:posthog-org_123"));
    }

    [Test]
    public async Task ConnectWithoutCredentialsIsABrowserSession()
    {
        await using var server = await Serve(200, SeedExamples.ConnectBrowserResponse);
        using var client = TestClients.Create(server);

        var result = await client.Integrations.ConnectAsync("slack");

        Assert.That(SameJson(server.Requests.Single().Body, """{"provider":"slack"}"""), Is.True);
        Assert.That(result.IsBrowserSession, Is.True);
        Assert.That(result.TryGetDirect(out _), Is.False);
        var session = (BrowserSession)result;
        Assert.That(session.SessionId, Is.EqualTo("0f6d0f76-1dc7-4c5c-bba5-6685f74a5e3a"));
        Assert.That(session.ConnectUrl, Is.EqualTo(new Uri("https://app.outlit.ai/integrations")));
        var branch = "";
        result.Switch(_ => branch = "direct", _ => branch = "browser");
        Assert.That(branch, Is.EqualTo("browser"));
    }

    [TestCase("""{"alreadyConnected":false}""")]
    [TestCase("""{"connected":true,"alreadyConnected":false}""")]
    [TestCase("""{"sessionId":"s1","alreadyConnected":false}""")]
    [TestCase("""{"sessionId":"s1","connectUrl":"https://x.test/","connected":true,"connectionId":"c1","alreadyConnected":false}""")]
    [TestCase("""{"sessionId":"s1","connectUrl":"not a url","alreadyConnected":false}""")]
    [TestCase("""<html>ok</html>""")]
    public async Task AConnectBodyMatchingNeitherShapeIsAnError(string body)
    {
        await using var server = await Serve(200, body);
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Integrations.ConnectAsync("slack"));
    }

    [Test]
    public async Task ConnectionLimitIsTypedAndNotRetried()
    {
        await using var server = await Serve(403, SeedExamples.ConnectionLimit);
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitConnectionLimitException>(() => client.Integrations.ConnectAsync("hubspot"));

        Assert.That((ex.CurrentConnections, ex.Limit, ex.Plan, ex.Feature), Is.EqualTo(((int?)3, (int?)3, "free", "integration_connections")));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task ConnectIsNotRetriedAfterAServerError()
    {
        await using var server = await Serve(502, "<html>Bad Gateway</html>");
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Integrations.ConnectAsync("slack"));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SyncStatusOfAConnectedAndANotConnectedProvider()
    {
        var bodies = new Queue<string>([SeedExamples.SyncStatusConnected, SeedExamples.SyncStatusNotConnected]);
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, bodies.Dequeue()));
        using var client = TestClients.Create(server);

        var connected = await client.Integrations.GetSyncStatusAsync(ProviderId.Stripe);
        var notConnected = await client.Integrations.GetSyncStatusAsync(" STRIPE");

        Assert.That(server.Requests.Select(r => r.Query), Is.EqualTo(new[] { "?provider=stripe", "?provider=stripe" }));
        Assert.That(connected.Status, Is.EqualTo(IntegrationStatus.Connected));
        var sync = connected.Syncs.Single();
        Assert.That((sync.Model, sync.Status, sync.ErrorMessage), Is.EqualTo(("StripeCustomer", "SUCCESS", (string?)null)));
        Assert.That(sync.LastSyncedAt, Is.Not.Null);
        Assert.That(notConnected.Status, Is.EqualTo(IntegrationStatus.NotConnected));
        Assert.That(notConnected.Syncs, Is.Empty);
    }

    [Test]
    public async Task DisconnectReportsSuccess()
    {
        await using var server = await Serve(200, """{"success":true}""");
        using var client = TestClients.Create(server);

        var result = await client.Integrations.DisconnectAsync("Stripe");

        Assert.That(SameJson(server.Requests.Single().Body, """{"provider":"stripe"}"""), Is.True);
        Assert.That(result.Disconnected, Is.True);
        Assert.That(result.WasNotConnected, Is.False);
        Assert.That(result.Provider, Is.EqualTo(ProviderId.Stripe));
    }

    [Test]
    public async Task DisconnectOfAnUnconnectedProviderIsANormalResult()
    {
        await using var server = await Serve(404, """{"success":false,"message":"Integration is not connected"}""");
        using var client = TestClients.Create(server);

        var result = await client.Integrations.DisconnectAsync("gmail");

        Assert.That(SameJson(server.Requests.Single().Body, """{"provider":"google-mail"}"""), Is.True);
        Assert.That(result.WasNotConnected, Is.True);
        Assert.That(result.Message, Is.EqualTo("Integration is not connected"));
    }

    [Test]
    public async Task ADisconnect404WithoutTheDocumentedBodyIsNotFound()
    {
        await using var server = await Serve(404, "<html><body>Not Found</body></html>");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitNotFoundException>(() => client.Integrations.DisconnectAsync("stripe"));

        Assert.That(ex.RawBodySnippet, Does.Contain("Not Found"));
        Assert.That(ex.Operation, Is.EqualTo("disconnectIntegration"));
    }

    [Test]
    public async Task DisconnectErrorsAreTypedAndNotRetried()
    {
        await using var server = await Serve(500, """{"error":"Internal server error"}""");
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitServerException>(() => client.Integrations.DisconnectAsync("stripe"));

        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task WaitForConnectionPollsUntilConnectedAndReportsProgress()
    {
        var statuses = new Queue<string>([SeedExamples.ConnectionStatusPending, """{"status":"authorizing","provider":"slack"}""", SeedExamples.ConnectionStatusPending, """{"status":"connected","provider":"slack"}"""]);
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, statuses.Dequeue()));
        using var client = TestClients.Create(server, FastPolling);
        var seen = new List<string>();

        var final = await client.Integrations.WaitForConnectionAsync("0f6d0f76-1dc7-4c5c-bba5-6685f74a5e3a", TimeSpan.FromSeconds(20), new SyncProgress(s => seen.Add(s.Status.ToString())));

        Assert.That(final.Status, Is.EqualTo(IntegrationConnectionStatusResponseStatus.Connected));
        Assert.That(seen, Is.EqualTo(new[] { "pending", "authorizing", "pending", "connected" }));
        Assert.That(server.Requests.Select(r => r.Path + r.Query).Distinct().Single(), Is.EqualTo("/api/integrations/connect/status?sessionId=0f6d0f76-1dc7-4c5c-bba5-6685f74a5e3a"));
    }

    [Test]
    public async Task WaitForConnectionBacksOffBetweenPolls()
    {
        var clock = new RecordingTimeProvider(DateTimeOffset.UnixEpoch);
        var statuses = new Queue<string>([SeedExamples.ConnectionStatusPending, SeedExamples.ConnectionStatusPending, SeedExamples.ConnectionStatusPending, """{"status":"connected","provider":"slack"}"""]);
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, statuses.Dequeue()));
        using var client = TestClients.Create(server, o =>
        {
            o.TimeProvider = clock;
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.TotalTimeout = Timeout.InfiniteTimeSpan;
            o.ConnectionPollInterval = TimeSpan.FromSeconds(2);
            o.ConnectionPollMaxInterval = TimeSpan.FromSeconds(4);
        });

        await client.Integrations.WaitForConnectionAsync("s1", Timeout.InfiniteTimeSpan);

        Assert.That(clock.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4) }));
    }

    [Test]
    public async Task WaitForConnectionEndsWithTheServersErrorWhenFailed()
    {
        await using var server = await Serve(200, """{"status":"failed","provider":"hubspot","error":"The user denied access"}""");
        using var client = TestClients.Create(server, FastPolling);

        var ex = await TestClients.ThrowsAsync<OutlitConnectionFailedException>(() => client.Integrations.WaitForConnectionAsync("s1"));

        Assert.That(ex.ServerError, Is.EqualTo("The user denied access"));
        Assert.That(ex.SessionId, Is.EqualTo("s1"));
        Assert.That(ex.Message, Does.Contain("hubspot").And.Contain("denied"));
    }

    [Test]
    public async Task AFailedSessionWhoseErrorEchoesTheKeyDoesNotRepeatIt()
    {
        var escaped = LeakRecorder.SentinelKey.Replace("_", "\\u005f", StringComparison.Ordinal);
        await using var server = await Serve(200, $$"""{"status":"failed","provider":"hubspot","error":"denied for Bearer {{escaped}}"}""");
        using var client = TestClients.Create(server, FastPolling);

        var ex = await TestClients.ThrowsAsync<OutlitConnectionFailedException>(() => client.Integrations.WaitForConnectionAsync("s1"));

        Assert.That(ex.ServerError, Does.StartWith("denied for Bearer ok_[redacted]"));
        Assert.That(ex.ToString(), Does.Not.Contain(LeakRecorder.SentinelKey));
    }

    [Test]
    public async Task WaitForConnectionEndsWhenTheSessionExpired()
    {
        await using var server = await Serve(200, """{"status":"expired","provider":"slack"}""");
        using var client = TestClients.Create(server, FastPolling);

        var ex = await TestClients.ThrowsAsync<OutlitConnectionExpiredException>(() => client.Integrations.WaitForConnectionAsync("s1"));

        Assert.That(ex.LastStatus.Provider, Is.EqualTo(ProviderId.Slack));
    }

    [Test]
    public async Task WaitForConnectionTimesOut()
    {
        await using var server = await Serve(200, SeedExamples.ConnectionStatusPending);
        using var client = TestClients.Create(server, FastPolling);

        var ex = await TestClients.ThrowsAsync<OutlitTimeoutException>(() => client.Integrations.WaitForConnectionAsync("s1", TimeSpan.FromMilliseconds(300)));

        Assert.That(ex.Message, Does.Contain("pending"));
        Assert.That(server.Requests, Has.Count.GreaterThan(1));
    }

    [Test]
    public async Task WaitForConnectionHonoursCancellation()
    {
        await using var server = await Serve(200, SeedExamples.ConnectionStatusPending);
        using var client = TestClients.Create(server, FastPolling);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var ex = await TestClients.ThrowsAsync<OperationCanceledException>(() => client.Integrations.WaitForConnectionAsync("s1", TimeSpan.FromSeconds(30), cancellationToken: cts.Token));

        Assert.That(ex, Is.Not.InstanceOf<OutlitException>());
    }

    [Test]
    public async Task ValidateApiKeyReportsTheOrganization()
    {
        await using var server = await Serve(200, """
            {"valid":true,"organizationId":"org_123","createdById":"user_123",
             "organization":{"id":"org_123","name":"Acme","slug":"acme"},
             "authorization":{"grants":["customer_intelligence:read","analytics:read"]}}
            """);
        using var client = TestClients.Create(server);

        var result = await client.ValidateApiKeyAsync();

        Assert.That(server.Requests.Single().Path, Is.EqualTo("/api/validate-api-key"));
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.OrganizationId, Is.EqualTo("org_123"));
            Assert.That(result.CreatedById, Is.EqualTo("user_123"));
            Assert.That(result.Organization!.Name, Is.EqualTo("Acme"));
            Assert.That(result.Authorization!.Grants.Select(g => g.ToString()), Is.EqualTo(new[] { "customer_intelligence:read", "analytics:read" }));
            Assert.That(result.Error, Is.Null);
        });
    }

    [Test]
    public async Task ValidateApiKeyReportsARejectedKeyAsInvalid()
    {
        await using var server = await Serve(401, SeedExamples.InvalidCredentials);
        using var client = TestClients.Create(server);

        var result = await client.ValidateApiKeyAsync();

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Is.EqualTo("Invalid credentials"), "an older server's rejection body is read too");
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnUnreadableSuccessBodyFromTheGeneratedClientIsATypedError()
    {
        await using var server = await Serve(200, "<html>maintenance " + LeakRecorder.SentinelKey + "</html>");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.ValidateApiKeyAsync());

        Assert.That(ex.Message, Does.Contain("validateApiKey").And.Contain("maintenance"));
        Assert.That(ex.InnerException, Is.Null, "the generated exception carries the unredacted body");
    }

    [Test]
    public async Task TheGeneratedClientSharesThePipeline()
    {
        await using var server = await Serve(401, SeedExamples.InvalidCredentials);
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitAuthenticationException>(() => client.Api.ListIntegrationsAsync(false));

        Assert.That(ex.Operation, Is.EqualTo("listIntegrations"));
        Assert.That(server.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + LeakRecorder.SentinelKey));
    }

    private static void FastPolling(OutlitClientOptions options)
    {
        options.ConnectionPollInterval = TimeSpan.FromMilliseconds(5);
        options.ConnectionPollMaxInterval = TimeSpan.FromMilliseconds(20);
    }

    /// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so the test sees every status before it asserts.</summary>
    private sealed class SyncProgress(Action<IntegrationConnectionStatusResponse> report) : IProgress<IntegrationConnectionStatusResponse>
    {
        public void Report(IntegrationConnectionStatusResponse value) => report(value);
    }
}

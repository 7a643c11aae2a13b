using System.Collections.Concurrent;
using Newtonsoft.Json.Linq;
using Outlit.Faults.Matrix;

// outlit_send_notification is deprecated (Outlit no longer lists it) but still served and kept working until it is removed.
#pragma warning disable CS0618

namespace Outlit.Faults;

/// <summary>
/// Every public operation the matrix calls, one entry each: how it is called, whether repeating it is safe,
/// the body a well-behaved server answers with, and how to tell that the returned value holds exactly what
/// the server sent. When the public surface changes, this file is the one to update.
/// </summary>
public static class Operations
{
    /// <summary>Events sent by the ingest and tracker operations.</summary>
    public const int IngestEventCount = 3;

    private const string SessionId = "0f6d0f76-1dc7-4c5c-bba5-6685f74a5e3a";

    /// <summary>The operations, Platform first.</summary>
    public static IReadOnlyList<Operation> All { get; } =
    [
        new("integrations.list", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations",
            async c => await c.Platform.Integrations.ListAsync(cancellationToken: c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""
                {"items":[{"id":"stripe","name":"Stripe","category":"billing","status":"connected","connectionId":"stripe-org_123",
                "lastDataReceivedAt":"2026-04-10T18:22:11.000Z","syncStatus":"SUCCESS","errorMessage":null}]}
                """),
            Verify = (result, sent) => Compare(
                ((IReadOnlyList<Integration>)result!).Select(i => $"{i.Id}|{i.Name}|{i.Status}|{i.ConnectionId}"),
                sent["items"]!.Select(i => $"{i["id"]}|{i["name"]}|{i["status"]}|{i["connectionId"]}")),
            UnknownEnum = body => Mutate(body, b => b["items"]![0]!["status"] = "paused_by_admin"),
            MissingRequired = body => Mutate(body, b => ((JObject)b["items"]![0]!).Remove("status")),
        },

        new("integrations.capabilities", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations/capabilities",
            async c => await c.Platform.Integrations.GetCapabilitiesAsync(cancellationToken: c.CancellationToken))
        {
            SuccessBody = () => new JObject { ["pylon"] = Pylon(), ["stripe"] = Capability("stripe", "browser_session") },
            Verify = (result, sent) => Compare(
                ((IntegrationCapabilitySet)result!).Providers.Select(p => $"{p.ProviderId}|{p.CliName}|{p.SetupMode}"),
                sent.Properties().Select(p => $"{p.Value["providerId"]}|{p.Value["cliName"]}|{p.Value["setupMode"]}")),
            UnknownEnum = body => Mutate(body, b => b["pylon"]!["providerId"] = "brand_new_provider"),
            MissingRequired = body => Mutate(body, b => ((JObject)b["pylon"]!).Remove("setupMode")),
            UndocumentedFieldsAt = body => (JObject)body["pylon"]!,
        },

        new("integrations.capabilities(provider)", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations/capabilities",
            async c => await c.Platform.Integrations.GetCapabilitiesAsync(ProviderId.Pylon, c.CancellationToken))
        {
            SuccessBody = () => new JObject { ["provider"] = Pylon() },
            Verify = (result, sent) => Compare(
                ((IntegrationCapabilitySet)result!).Providers.Select(p => $"{p.ProviderId}|{p.CliName}|{p.SetupMode}|{p.RequiredFields?.Count}"),
                [$"{sent["provider"]!["providerId"]}|{sent["provider"]!["cliName"]}|{sent["provider"]!["setupMode"]}|{sent["provider"]!["requiredFields"]!.Count()}"]),
            UnknownEnum = body => Mutate(body, b => b["provider"]!["providerId"] = "brand_new_provider"),
            MissingRequired = body => Mutate(body, b => ((JObject)b["provider"]!).Remove("setupMode")),
        },

        new("integrations.connect(direct)", OperationKind.Platform, SafeToRetry: false, "POST /api/integrations/connect",
            async c => await c.Platform.Integrations.ConnectAsync(
                ProviderId.Posthog,
                new Dictionary<string, object> { ["apiKey"] = Sentinels.ConnectCredential, ["region"] = "us", ["projectId"] = "12345" },
                c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"connected":true,"connectionId":"posthog-org_123","alreadyConnected":false}"""),
            Verify = (result, sent) => result is DirectConnection direct
                ? Same($"{direct.ConnectionId}|{direct.AlreadyConnected}", $"{sent["connectionId"]}|{(bool)sent["alreadyConnected"]!}")
                : $"expected a direct connection, got {result}",
            MissingRequired = body => Mutate(body, b => b.Remove("connectionId")),
        },

        new("integrations.connect(browser)", OperationKind.Platform, SafeToRetry: false, "POST /api/integrations/connect",
            async c => await c.Platform.Integrations.ConnectAsync(ProviderId.Hubspot, cancellationToken: c.CancellationToken))
        {
            SuccessBody = () => new JObject { ["sessionId"] = SessionId, ["connectUrl"] = "https://app.outlit.ai/integrations", ["alreadyConnected"] = false },
            Verify = (result, sent) => result is BrowserSession session
                ? Same($"{session.SessionId}|{session.ConnectUrl}|{session.AlreadyConnected}", $"{sent["sessionId"]}|{sent["connectUrl"]}|{(bool)sent["alreadyConnected"]!}")
                : $"expected a browser session, got {result}",
            MissingRequired = body => Mutate(body, b => b.Remove("connectUrl")),
        },

        new("integrations.connectionStatus", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations/connect/status",
            async c => await c.Platform.Integrations.GetConnectionStatusAsync(SessionId, c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"status":"pending","provider":"slack"}"""),
            Verify = (result, sent) => result is IntegrationConnectionStatusResponse status
                ? Same($"{status.Status}|{status.Provider}", $"{sent["status"]}|{sent["provider"]}")
                : $"unexpected result {result}",
            UnknownEnum = body => Mutate(body, b => b["status"] = "awaiting_admin_approval"),
            MissingRequired = body => Mutate(body, b => b.Remove("status")),
        },

        new("integrations.waitForConnection", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations/connect/status",
            async c => await c.Platform.Integrations.WaitForConnectionAsync(SessionId, FaultClients.TotalTimeout, cancellationToken: c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"status":"connected","provider":"slack"}"""),
            Verify = (result, sent) => result is IntegrationConnectionStatusResponse status
                ? Same($"{status.Status}|{status.Provider}", $"{sent["status"]}|{sent["provider"]}")
                : $"unexpected result {result}",
            UnknownEnum = body => Mutate(body, b => b["status"] = "awaiting_admin_approval"),
            MissingRequired = body => Mutate(body, b => b.Remove("status")),
            // Documented: an unknown status keeps the wait going, so the wait ends with its own timeout after many polls.
            Override = behaviour => behaviour == "unknown-enum"
                ? [new Expected(Ending.Error, 2, Behaviours.ManyAttempts) { ErrorType = typeof(OutlitTimeoutException) }]
                : null,
        },

        new("integrations.setupStep", OperationKind.Platform, SafeToRetry: false, "POST /api/integrations/setup-step",
            async c => await c.Platform.Integrations.RunSetupStepAsync(
                ProviderId.Stripe,
                "webhooks",
                new Dictionary<string, object> { ["webhookSecret"] = Sentinels.SetupSecret },
                c.CancellationToken))
        {
            // The step's result is free-form (additionalProperties: true); it has no required field and no enumeration.
            SuccessBody = () => JObject.Parse("""{"status":"configured","webhookUrl":"https://app.outlit.ai/api/webhooks/stripe/org_123"}"""),
            Verify = (result, sent) => result is JObject json
                ? Same($"{json["status"]}|{json["webhookUrl"]}", $"{sent["status"]}|{sent["webhookUrl"]}")
                : $"unexpected result {result}",
        },

        new("integrations.syncStatus", OperationKind.Platform, SafeToRetry: true, "GET /api/integrations/sync-status",
            async c => await c.Platform.Integrations.GetSyncStatusAsync(ProviderId.Stripe, c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""
                {"provider":"stripe","name":"Stripe","category":"billing","status":"connected",
                "syncs":[{"model":"StripeCustomer","status":"SUCCESS","lastSyncedAt":"2026-04-10T18:22:11.000Z","errorMessage":null}]}
                """),
            Verify = (result, sent) => result is IntegrationSyncStatusResponse status
                ? Same(
                    $"{status.Provider}|{status.Status}|{string.Join(",", status.Syncs.Select(s => s.Model + ":" + s.Status))}",
                    $"{sent["provider"]}|{sent["status"]}|{string.Join(",", sent["syncs"]!.Select(s => $"{s["model"]}:{s["status"]}"))}")
                : $"unexpected result {result}",
            UnknownEnum = body => Mutate(body, b => b["status"] = "paused_by_admin"),
            MissingRequired = body => Mutate(body, b => b.Remove("syncs")),
        },

        new("integrations.disconnect", OperationKind.Platform, SafeToRetry: false, "POST /api/integrations/disconnect",
            async c => await c.Platform.Integrations.DisconnectAsync(ProviderId.Stripe, c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"success":true}"""),
            Verify = (result, sent) => result is DisconnectResult done
                ? Same($"{done.Provider}|{done.Disconnected}", $"stripe|{(bool)sent["success"]!}")
                : $"unexpected result {result}",
            MissingRequired = body => Mutate(body, b => b.Remove("success")),
        },

        new("validateApiKey", OperationKind.Platform, SafeToRetry: true, "POST /api/validate-api-key",
            async c => await c.Platform.ValidateApiKeyAsync(c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"valid":true,"organizationId":"org_123","createdById":"user_456","authorization":{"grants":["customer_intelligence:read"]}}"""),
            Verify = (result, sent) => result is ValidateApiKeyResult key
                ? Same($"{key.IsValid}|{key.OrganizationId}|{key.CreatedById}", $"{(bool)sent["valid"]!}|{sent["organizationId"]}|{sent["createdById"]}")
                : $"unexpected result {result}",
            MissingRequired = body => Mutate(body, b => b.Remove("organizationId")),
        },

        new("tools.listCustomers", OperationKind.Platform, SafeToRetry: true, "POST /api/tools/call",
            async c => await c.Platform.Tools.ListCustomersAsync(new ListCustomersInput { Search = "acme" }, c.CancellationToken))
        {
            SuccessBody = CustomerPage,
            Verify = (result, sent) => result is ListCustomersOutput page
                ? Same(
                    $"{Customers(page.Items)}|{page.Pagination.HasMore}|{page.Pagination.NextCursor}|{page.Pagination.Total}",
                    $"{Customers(sent["items"]!)}|{(bool)sent["pagination"]!["hasMore"]!}|{sent["pagination"]!["nextCursor"]}|{sent["pagination"]!["total"]}")
                : $"unexpected result {result}",
            UnknownEnum = body => Mutate(body, b => b["items"]![0]!["billingStatus"] = "FROZEN"),
            MissingRequired = body => Mutate(body, b => ((JObject)b["items"]![0]!).Remove("id")),
        },

        new("tools.listAllCustomers", OperationKind.Platform, SafeToRetry: true, "POST /api/tools/call",
            async c =>
            {
                var all = new List<CustomerSummary>();
                await foreach (var customer in c.Platform.Tools.ListAllCustomersAsync(new ListCustomersInput { Search = "acme" }, c.CancellationToken))
                {
                    all.Add(customer);
                }

                return all;
            })
        {
            SuccessBody = CustomerPage,
            Verify = (result, sent) => Same(Customers((List<CustomerSummary>)result!), Customers(sent["items"]!)),
            UnknownEnum = body => Mutate(body, b => b["items"]![0]!["billingStatus"] = "FROZEN"),
            // The paging block is what tells a complete list from a truncated one.
            MissingRequired = body => Mutate(body, b => b.Remove("pagination")),
            Pages = true,
        },

        new("tools.getCustomer", OperationKind.Platform, SafeToRetry: true, "POST /api/tools/call",
            async c => await c.Platform.Tools.GetCustomerAsync(new GetCustomerInput { Customer = "cus_123" }, c.CancellationToken))
        {
            SuccessBody = () => new JObject { ["customer"] = JObject.Parse("""
                {"id":"cus_123","name":"Acme","domain":"acme.com","billingStatus":"PAYING","activatedAt":"2026-01-02T00:00:00.000Z",
                "firstSeenAt":"2025-12-01T00:00:00.000Z","lastActivityAt":"2026-04-10T18:22:11.000Z",
                "owner":{"id":"wu_1","email":"owner@example.com","name":"Olive Owner"}}
                """) },
            Verify = (result, sent) => result is GetCustomerOutput customer
                ? Same(
                    $"{customer.Customer.Id}|{customer.Customer.Name}|{customer.Customer.BillingStatus}|{customer.Customer.Owner?.Email}",
                    $"{sent["customer"]!["id"]}|{sent["customer"]!["name"]}|{sent["customer"]!["billingStatus"]}|{sent["customer"]!["owner"]!["email"]}")
                : $"unexpected result {result}",
            UnknownEnum = body => Mutate(body, b => b["customer"]!["billingStatus"] = "FROZEN"),
            MissingRequired = body => Mutate(body, b => ((JObject)b["customer"]!).Remove("id")),
        },

        new("tools.query", OperationKind.Platform, SafeToRetry: true, "POST /api/tools/call",
            async c => await c.Platform.Tools.QueryAsync(new QueryInput { Sql = "select count(*) as n from customers" }, c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"success":true,"data":[{"n":128}],"metadata":{"rowsReturned":1,"executionTimeMs":12.5,"truncated":false}}"""),
            Verify = (result, sent) => result is QueryOutput query
                ? Same(
                    $"{query.Success}|{query.Data.Count}|{query.Metadata.RowsReturned}|{query.Metadata.Truncated}",
                    $"{(bool)sent["success"]!}|{sent["data"]!.Count()}|{sent["metadata"]!["rowsReturned"]}|{(bool)sent["metadata"]!["truncated"]!}")
                : $"unexpected result {result}",
            MissingRequired = body => Mutate(body, b => b.Remove("metadata")),
        },

        new("tools.callTool", OperationKind.Platform, SafeToRetry: true, "POST /api/tools/call",
            async c => await c.Platform.Tools.CallToolAsync(OutlitToolCatalog.GetSchema.Name, new { view = "customers" }, c.CancellationToken))
        {
            // The generic call returns the raw JSON object: there is no typed shape to miss a field of.
            SuccessBody = () => JObject.Parse("""{"name":"customers","description":"One row per customer.","columns":[{"name":"id","type":"String"}],"exampleQueries":[]}"""),
            Verify = (result, sent) => result is JObject json ? Same($"{json["name"]}|{json["columns"]?.Count()}", $"{sent["name"]}|{sent["columns"]!.Count()}") : $"unexpected result {result}",
        },

        new("tools.sendNotification", OperationKind.Platform, SafeToRetry: false, "POST /api/tools/call",
            async c => await c.Platform.Tools.SendNotificationAsync(new SendNotificationInput { Title = "Churn risk: Acme" }, c.CancellationToken))
        {
            // The contract does not document this tool's result: any JSON object is a result.
            SuccessBody = () => JObject.Parse("""{"sent":true,"notificationId":"ntf_123"}"""),
            Verify = (result, sent) => result is JObject json ? Same($"{json["sent"]}|{json["notificationId"]}", $"{sent["sent"]}|{sent["notificationId"]}") : $"unexpected result {result}",
        },

        new("ingest.send", OperationKind.Ingest, SafeToRetry: true, $"POST /api/i/v1/{FaultClients.PublicKey}/events",
            async c => await c.Ingest.SendAsync(IngestEvents(), c.CancellationToken))
        {
            SuccessBody = () => JObject.Parse("""{"success":true}"""),
        },

        new("tracker.track+flush", OperationKind.Tracker, SafeToRetry: true, $"POST /api/i/v1/{FaultClients.PublicKey}/events",
            async c =>
            {
                var failures = new ConcurrentQueue<IngestEventFailure>();
                var tracker = FaultClients.Tracker(c.Ingest, c.Log, failed =>
                {
                    foreach (var failure in failed.Failures)
                    {
                        failures.Enqueue(failure);
                    }
                });
                await using (tracker)
                {
                    for (var i = 0; i < IngestEventCount; i++)
                    {
                        tracker.Track("report_exported", TrackerIdentity.ForEmail($"user{i}@example.com"), new Dictionary<string, object?> { ["format"] = "csv" });
                    }

                    await tracker.FlushAsync(c.CancellationToken);
                    return new TrackerOutcome(tracker.SentCount, tracker.FailedCount, failures.ToArray());
                }
            })
        {
            SuccessBody = () => JObject.Parse("""{"success":true}"""),
        },
    ];

    private static IEnumerable<IngestEvent> IngestEvents() => Enumerable.Range(0, IngestEventCount)
        .Select(i => (IngestEvent)CustomEvent.Create("report_exported", new Dictionary<string, object?> { ["format"] = "csv", ["n"] = i }));

    private static JObject Pylon() => JObject.Parse("""
        {"cliName":"pylon","providerId":"pylon","setupMode":"direct_api_key","credentialType":"api_token",
        "requiredFields":[{"key":"apiToken","label":"API Token","secret":true}],"commands":["outlit integrations setup pylon"],
        "postConnectSteps":[{"id":"webhook-setup","required":true,"supported":true,"command":"outlit integrations setup pylon webhooks"}]}
        """);

    private static JObject Capability(string provider, string mode) =>
        new() { ["cliName"] = provider, ["providerId"] = provider, ["setupMode"] = mode, ["credentialType"] = null };

    private static JObject CustomerPage() => JObject.Parse("""
        {"items":[{"id":"cus_123","name":"Acme","domain":"acme.com","billingStatus":"PAYING","activatedAt":"2026-01-02T00:00:00.000Z",
        "firstSeenAt":"2025-12-01T00:00:00.000Z","lastActivityAt":"2026-04-10T18:22:11.000Z","contactCount":4,"currentMrr":25000,
        "mrrCalculationStatus":"calculated","owner":null,"daysSinceActivity":3}],
        "pagination":{"hasMore":false,"nextCursor":null,"total":1}}
        """);

    private static string Customers(IEnumerable<CustomerSummary> items) => string.Join(";", items.Select(c => $"{c.Id}|{c.Name}|{c.BillingStatus}|{c.ContactCount}"));

    private static string Customers(JToken items) => string.Join(";", items.Select(c => $"{c["id"]}|{c["name"]}|{c["billingStatus"]}|{c["contactCount"]}"));

    private static JObject Mutate(JObject body, Action<JObject> change)
    {
        var copy = (JObject)body.DeepClone();
        change(copy);
        return copy;
    }

    private static string? Same(string actual, string expected) =>
        string.Equals(actual, expected, StringComparison.Ordinal) ? null : $"returned {actual}, the server sent {expected}";

    private static string? Compare(IEnumerable<string> actual, IEnumerable<string> expected) =>
        Same(string.Join(";", actual), string.Join(";", expected));
}

using Outlit.Drift.Comparison;

namespace Outlit.Drift.Tests;

/// <summary>
/// The four real transitions of Outlit's published document. The expected findings were worked out
/// by reading the documents side by side; each test names the changes it expects and then pins the
/// full count per rule so that an unnoticed new or lost finding fails the test.
/// </summary>
[TestFixture]
public sealed class HistoryTests
{
    [Test]
    public async Task June23ToJune28OnlyAddsTheAgentOperations()
    {
        var findings = await Documents.CompareHistoryAsync("2026-06-23", "2026-06-28");

        Assert.That(findings.Where(f => f.Severity != Severity.NonBreaking), Is.Empty, Documents.Describe(findings));
        Assert.That(
            findings.Where(f => f.RuleId == "path-added").Select(f => f.Location),
            Is.EquivalentTo(new[]
            {
                "#/paths/~1api~1agent-templates",
                "#/paths/~1api~1agent-actions",
                "#/paths/~1api~1agents",
                "#/paths/~1api~1agents~1{id}",
            }));
        Assert.That(findings, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task June28ToJuly14ReshapesAgentCreationAndDropsTwoIngestEvents()
    {
        var findings = await Documents.CompareHistoryAsync("2026-06-28", "2026-07-14");
        var breaking = findings.Where(f => f.Severity == Severity.Breaking).ToList();

        Assert.Multiple(() =>
        {
            // The create-agent request moved from {source: {type, templateKey}} to a flat union.
            Assert.That(breaking, Has.Some.Matches<Finding>(f => f.RuleId == "request-property-removed" && f.Location == "#/components/schemas/CreateAgentFromTemplateRequest/properties/source"));
            Assert.That(breaking.Where(f => f.RuleId == "request-property-added-required").Select(f => f.Location), Is.EquivalentTo(new[]
            {
                "#/components/schemas/CreateAgentTemplateRequest/properties/type",
                "#/components/schemas/CreateAgentTemplateRequest/properties/templateKey",
            }));

            // Its response no longer carries the template details, only the created agent.
            Assert.That(
                breaking.Where(f => f.RuleId == "response-property-removed").Select(f => f.Location.Split('/')[^1]),
                Is.EquivalentTo(new[] { "agentId", "templateKey", "templateVersion", "mode", "created", "safety" }));

            // The ingest API stopped accepting stage and billing events.
            Assert.That(breaking.Where(f => f.RuleId == "request-branch-removed").Select(f => f.Message), Is.EquivalentTo(new[]
            {
                "Request oneOf alternative StageEvent at #/components/schemas/IngestEvent is no longer accepted.",
                "Request oneOf alternative BillingEvent at #/components/schemas/IngestEvent is no longer accepted.",
            }));

            // GET /api/agents/{id} now returns the richer AgentDetail: additions only.
            Assert.That(findings.Where(f => f.RuleId == "response-property-added" && f.Location.StartsWith("#/components/schemas/AgentDetail/", StringComparison.Ordinal)).ToList(), Has.Count.EqualTo(6));
            Assert.That(findings, Has.Some.Matches<Finding>(f => f.RuleId == "operation-added" && f.Location == "#/paths/~1api~1agents~1{id}/patch"));

            // The new document's one defect: a $ref to a schema it never defines.
            Assert.That(findings.Where(f => f.Severity == Severity.Error).Select(f => (f.RuleId, f.Location, f.Document)), Is.EqualTo(new[]
            {
                ("unresolved-reference", "#/components/schemas/DestinationDeliverySummary/properties/status/$ref", DocumentSide.Candidate),
            }));

            Assert.That(Documents.CountByRule(findings), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["unresolved-reference"] = 1,
                ["request-branch-removed"] = 2,
                ["request-property-added-required"] = 2,
                ["request-property-removed"] = 1,
                ["response-property-removed"] = 6,
                ["response-enum-value-added"] = 2,
                ["operation-added"] = 1,
                ["path-added"] = 30,
                ["response-enum-value-removed"] = 2,
                ["response-property-added"] = 8,
            }), Documents.Describe(findings));
        });
    }

    [Test]
    public async Task July14ToAugust05RemovesEveryIntegrationRouteAndTheAgentApi()
    {
        var findings = await Documents.CompareHistoryAsync("2026-07-14", "2026-08-05");
        var removedPaths = findings.Where(f => f.RuleId == "path-removed").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(removedPaths, Has.All.Matches<Finding>(f => f.Severity == Severity.Breaking && f.Document == DocumentSide.Base));
            Assert.That(removedPaths.Select(f => f.Location).Where(l => l.StartsWith("#/paths/~1api~1integrations", StringComparison.Ordinal)), Is.EquivalentTo(new[]
            {
                "#/paths/~1api~1integrations",
                "#/paths/~1api~1integrations~1capabilities",
                "#/paths/~1api~1integrations~1setup-step",
                "#/paths/~1api~1integrations~1connect",
                "#/paths/~1api~1integrations~1connect~1status",
                "#/paths/~1api~1integrations~1disconnect",
                "#/paths/~1api~1integrations~1sync-status",
            }));

            // Only the three routes that survive are compared further; 41 of 44 paths are gone.
            Assert.That(removedPaths, Has.Count.EqualTo(41));

            // /api/tools/call: the free-form {tool, input} body became one alternative per tool.
            // outlit_send_notification has no alternative any more; the old tool names still work.
            Assert.That(findings.Where(f => f.RuleId == "request-enum-value-removed").Select(f => f.Message), Is.EqualTo(new[]
            {
                "Request value 'outlit_send_notification' at #/components/schemas/ToolCallRequest/properties/tool is no longer accepted.",
            }));
            Assert.That(findings.Where(f => f.RuleId == "request-branch-added").ToList(), Has.Count.EqualTo(17));
            Assert.That(findings, Has.Some.Matches<Finding>(f => f.RuleId == "response-type-changed" && f.Location == "#/paths/~1api~1tools~1call/post/responses/200/content/application~1json/schema"));

            // Ingest events now require timestamp, url and path on each of the six event types.
            var newlyRequired = findings.Where(f => f.RuleId == "request-property-became-required").ToList();
            Assert.That(newlyRequired, Has.Count.EqualTo(18));
            Assert.That(newlyRequired.Select(f => f.Location.Split('/')[^1]).Distinct(), Is.EquivalentTo(new[] { "timestamp", "url", "path" }));

            // The ingest API's 200 response no longer documents the rate-limit headers the SDK reads.
            Assert.That(findings.Where(f => f.RuleId == "response-header-removed").Select(f => f.Location.Split('/')[^1]), Is.EquivalentTo(new[]
            {
                "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
            }));
            Assert.That(findings.Where(f => f.RuleId == "response-header-removed"), Has.All.Matches<Finding>(f => f.Severity == Severity.Breaking && f.Location.StartsWith("#/paths/~1api~1i~1v1~1{publicKey}~1events/post/responses/200/headers/", StringComparison.Ordinal)));

            // The ingest payload gained validation: email and UUID patterns, non-empty IDs (and a
            // non-empty public key in the path) refuse values old clients could send; two date-time
            // formats, two minimums and the public key's "^pk_" pattern were dropped.
            var tightened = findings.Where(f => f.RuleId == "request-constraint-tightened").ToList();
            Assert.That(tightened, Has.Count.EqualTo(10).And.All.Matches<Finding>(f => f.Severity == Severity.Breaking));
            Assert.That(tightened.Select(f => f.Location.Split('/')[^1]).Distinct(), Is.EquivalentTo(new[] { "customerId", "userId", "email", "inviteeEmail", "sessionId", "visitorId", "schema" }));
            Assert.That(findings.Where(f => f.RuleId == "request-constraint-loosened").Select(f => f.Location.Split('/')[^1]), Is.EquivalentTo(new[] { "startTime", "endTime", "activeTimeMs", "totalTimeMs", "schema" }));

            // The broken $ref now sits in the base document and is still reported.
            Assert.That(findings.Where(f => f.Severity == Severity.Error).Select(f => (f.Location, f.Document)), Is.EqualTo(new[]
            {
                ("#/components/schemas/DestinationDeliverySummary/properties/status/$ref", DocumentSide.Base),
            }));

            Assert.That(Documents.CountByRule(findings), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["unresolved-reference"] = 1,
                ["path-removed"] = 41,
                ["response-header-removed"] = 3,
                ["request-constraint-tightened"] = 10,
                ["request-constraint-loosened"] = 5,
                ["request-enum-value-removed"] = 1,
                ["request-property-added-required"] = 8,
                ["request-property-became-required"] = 18,
                ["response-property-became-nullable"] = 1,
                ["response-property-removed"] = 5,
                ["response-type-changed"] = 1,
                ["response-enum-value-added"] = 2,
                ["request-branch-added"] = 17,
                ["request-property-added"] = 98,
                ["response-property-added"] = 15,
                ["response-status-added"] = 8,
                ["response-status-removed"] = 4,
            }), Documents.Describe(findings));
        });
    }

    [Test]
    public async Task August05ToAugust19SwapsTheIntegrationToolsAndAddsGrants()
    {
        var findings = await Documents.CompareHistoryAsync("2026-08-05", "2026-08-19");

        Assert.Multiple(() =>
        {
            Assert.That(findings.Where(f => f.RuleId == "request-branch-removed").Select(f => f.Message), Is.EquivalentTo(new[]
            {
                "Request oneOf alternative tool=outlit_list_integrations at #/paths/~1api~1tools~1call/post/requestBody/content/application~1json/schema is no longer accepted.",
                "Request oneOf alternative tool=outlit_get_integration_sync_status at #/paths/~1api~1tools~1call/post/requestBody/content/application~1json/schema is no longer accepted.",
            }));

            // Thirteen new tools: thirteen new request alternatives, each selected by its tool name.
            Assert.That(findings.Where(f => f.RuleId == "request-branch-added").ToList(), Has.Count.EqualTo(13).And.All.Matches<Finding>(f => f.Severity == Severity.NonBreaking));

            // The response is an anyOf without a discriminator, so its alternatives are told apart by
            // the properties only each requires. The old list_integrations output and the new
            // get_integration_status output both require just "integrations": a client reading the
            // response cannot tell them apart either, so they are compared as one alternative, whose
            // items lost three properties and whose status values changed. Twelve shapes are new, and
            // get_integration_sync_status's output has no counterpart.
            Assert.That(findings.Where(f => f.RuleId == "response-branch-added").ToList(), Has.Count.EqualTo(12).And.All.Matches<Finding>(f => f.Severity == Severity.Breaking));
            Assert.That(findings.Where(f => f.RuleId == "response-branch-removed").Select(f => f.Message), Is.EqualTo(new[]
            {
                "Response anyOf alternative ToolOutput_outlit_get_integration_sync_status at #/paths/~1api~1tools~1call/post/responses/200/content/application~1json/schema is no longer returned.",
            }));
            Assert.That(findings.Where(f => f.RuleId == "response-property-removed").Select(f => f.Location.Split('/')[^1]), Is.EquivalentTo(new[] { "hasSyncError", "lastDataReceivedAt", "syncStatus" }));
            Assert.That(findings.Where(f => f.RuleId == "response-property-removed"), Has.All.Matches<Finding>(f => f.Location.StartsWith("#/components/schemas/ToolOutput_outlit_list_integrations/properties/integrations/items/", StringComparison.Ordinal)));

            // Three new grant values in both grant lists of the key validation response.
            var grants = findings.Where(f => f.RuleId == "response-enum-value-added" && f.Location.Contains("/grants/", StringComparison.Ordinal)).ToList();
            Assert.That(grants, Has.All.Matches<Finding>(f => f.Severity == Severity.Warning));
            Assert.That(grants.Select(f => f.Message.Split('\'')[1]).Distinct(), Is.EquivalentTo(new[] { "behavior_metrics:manage", "integrations:connect_own", "customer_access:manage" }));
            Assert.That(grants, Has.Count.EqualTo(6));
            Assert.That(findings.Where(f => f.RuleId.StartsWith("response-enum-value-", StringComparison.Ordinal) && !f.Location.Contains("/grants/", StringComparison.Ordinal)).Select(f => f.Message.Split('\'')[1]), Is.EquivalentTo(new[]
            {
                "awaiting_auth", "not_connected", "ready", "requires_intervention", "available", "connected",
            }));

            Assert.That(findings, Has.Some.Matches<Finding>(f => f.RuleId == "response-property-added" && f.Location == "#/components/schemas/ToolOutput_outlit_get_integration_capabilities/properties/preferredSetupVersion"));

            Assert.That(Documents.CountByRule(findings), Is.EquivalentTo(new Dictionary<string, int>
            {
                ["request-branch-removed"] = 2,
                ["response-branch-added"] = 12,
                ["request-branch-added"] = 13,
                ["response-branch-removed"] = 1,
                ["response-property-removed"] = 3,
                ["response-property-added"] = 1,
                ["response-enum-value-added"] = 10,
                ["response-enum-value-removed"] = 2,
            }), Documents.Describe(findings));
        });
    }

    [TestCase("2026-06-23")]
    [TestCase("2026-06-28")]
    [TestCase("2026-08-05")]
    [TestCase("2026-08-19")]
    public async Task ADocumentComparedWithItselfReportsNothing(string date)
    {
        var document = await Documents.HistoryAsync(date);

        var findings = DriftComparer.Compare(document, document);

        Assert.That(findings, Is.Empty, Documents.Describe(findings));
    }

    [Test]
    public async Task TheDocumentWithABrokenReferenceReportsOnlyThatDefectAgainstItself()
    {
        var document = await Documents.HistoryAsync("2026-07-14");

        var findings = DriftComparer.Compare(document, document);

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            (Severity.Error, "unresolved-reference", "#/components/schemas/DestinationDeliverySummary/properties/status/$ref"),
        }));
    }

    [Test]
    public async Task ComparingFreshlyLoadedCopiesOfTheSameFileReportsNothing()
    {
        // Separate loads share no objects, so this exercises matching by content, not identity.
        var first = await OpenApiInput.LoadAsync(RepositoryPaths.History("2026-08-19"));
        var second = await OpenApiInput.LoadAsync(RepositoryPaths.History("2026-08-19"));

        Assert.That(DriftComparer.Compare(first, second), Is.Empty);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Drift.Cli;

namespace Outlit.Drift.Tests;

/// <summary>
/// Hand-made changes to the contract this client is generated from (<c>openapi/openapi.json</c>,
/// edited in memory at test time) or to tiny documents, each run through the command line: the
/// classification of the change and the exit code a pipeline acts on.
/// </summary>
[TestFixture]
public sealed class ContractCaseTests
{
    private sealed record Reported(string Severity, string Rule, string Document, string Location, string Message);

    private sealed record Outcome(int ExitCode, IReadOnlyList<Reported> Findings, string Report)
    {
        public IEnumerable<Reported> Rule(string rule) => Findings.Where(f => f.Rule == rule);

        public override string ToString() => Report;
    }

    private static JsonObject Contract() => (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!;

    private static JsonObject Schemas(JsonObject document) => document["components"]!["schemas"]!.AsObject();

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    /// <summary>Writes both documents to files and runs <c>outlit-drift compare --format json</c> on them.</summary>
    private static async Task<Outcome> CompareAsync(JsonObject baseDocument, JsonObject candidate, params string[] extra)
    {
        var folder = Path.Combine(Path.GetTempPath(), "outlit-drift-case-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var basePath = Path.Combine(folder, "base.json");
            var candidatePath = Path.Combine(folder, "candidate.json");
            await File.WriteAllTextAsync(basePath, baseDocument.ToJsonString());
            await File.WriteAllTextAsync(candidatePath, candidate.ToJsonString());
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = await DriftCommand.RunAsync(["compare", "--base", basePath, "--candidate", candidatePath, "--format", "json", .. extra], stdout, stderr);

            Assert.That(stderr.ToString(), Is.Empty);
            using var json = JsonDocument.Parse(stdout.ToString());
            var findings = json.RootElement.GetProperty("findings").EnumerateArray()
                .Select(f => new Reported(
                    f.GetProperty("severity").GetString()!,
                    f.GetProperty("rule").GetString()!,
                    f.GetProperty("document").GetString()!,
                    f.GetProperty("location").GetString()!,
                    f.GetProperty("message").GetString()!))
                .ToList();
            return new Outcome(code, findings, stdout.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<Outcome> CompareWithContractAsync(Action<JsonObject> edit)
    {
        var candidate = Contract();
        edit(candidate);
        return CompareAsync(Contract(), candidate);
    }

    [Test]
    public async Task TheContractAgainstItselfIsClean()
    {
        var outcome = await CompareWithContractAsync(_ => { });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean), outcome.Report);
        Assert.That(outcome.Findings, Is.Empty, outcome.Report);
    }

    [Test]
    public async Task TheSeedDateDocumentIsNotCleanAgainstTheContract()
    {
        // Outlit's document of the seed date has no x-outlit-tools (every typed tool the client
        // offers) and documents the rate-limit headers the client reads on the ingest API's 200
        // response only: a comparison of paths alone called this "no differences".
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var seed = Path.Combine(RepositoryPaths.Shared, "reference", "outlit-openapi-2026-06-23.json");

        var code = await DriftCommand.RunAsync(["compare", "--base", RepositoryPaths.OpenApiDocument, "--candidate", seed], stdout, stderr);

        Assert.That(code, Is.EqualTo(ExitCodes.OverThreshold), stdout.ToString());
        Assert.That(stdout.ToString(), Does.Contain("[breaking] extension-entry-removed base:#/x-outlit-tools"));
        Assert.That(stdout.ToString(), Does.Contain("Summary: 0 error, 69 breaking, 26 warning, 23 non-breaking."), "the contract follows Outlit's latest document, which adds to the seed date's");
        Assert.That(stdout.ToString().Split('\n').Count(l => l.StartsWith("[breaking] response-header-removed base:#/paths/~1api~1i~1v1~1{publicKey}~1events/post/responses/", StringComparison.Ordinal)), Is.EqualTo(12), "three headers on each of four error responses");
    }

    [Test]
    public async Task AContentFreeLoopThroughTwoReferencesIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            Schemas(candidate)["LoopA"] = Parse("""{ "$ref": "#/components/schemas/LoopB" }""");
            Schemas(candidate)["LoopB"] = Parse("""{ "description": "points back", "$ref": "#/components/schemas/LoopA" }""");
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Severity, Is.EqualTo("error"));
        Assert.That(loop.Document, Is.EqualTo("candidate"));
        Assert.That(loop.Location, Is.EqualTo("#/components/schemas/LoopA"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/LoopA → #/components/schemas/LoopB → #/components/schemas/LoopA"));
    }

    [Test]
    public async Task ASchemaThatIsAllOfItselfIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate =>
            Schemas(candidate)["Itself"] = Parse("""{ "description": "nothing but itself", "allOf": [ { "$ref": "#/components/schemas/Itself" } ] }"""));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Location, Is.EqualTo("#/components/schemas/Itself"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/Itself → #/components/schemas/Itself/allOf/0 → #/components/schemas/Itself"));
    }

    [Test]
    public async Task ALoopThroughANullableWrapperIsADocumentErrorInTheBaseToo()
    {
        var document = Contract();
        Schemas(document)["Maybe"] = Parse("""{ "anyOf": [ { "$ref": "#/components/schemas/Wrapped" }, { "type": "null" } ] }""");
        Schemas(document)["Wrapped"] = Parse("""{ "allOf": [ { "$ref": "#/components/schemas/Maybe" } ] }""");

        var outcome = await CompareAsync(document, Contract());

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        var loop = outcome.Rule("reference-loop").Single();
        Assert.That(loop.Document, Is.EqualTo("base"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/Maybe → #/components/schemas/Maybe/anyOf/0 → #/components/schemas/Wrapped → #/components/schemas/Wrapped/allOf/0 → #/components/schemas/Maybe"));
    }

    [Test]
    public async Task RecursionThroughRealContentIsNotALoop()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            Schemas(candidate)["Tree"] = Parse("""{ "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/components/schemas/Tree" } } } }""");
            Schemas(candidate)["Typed"] = Parse("""{ "type": "object", "allOf": [ { "$ref": "#/components/schemas/Typed" } ] }""");
        });

        Assert.That(outcome.Rule("reference-loop"), Is.Empty, outcome.Report);
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean), outcome.Report);
    }

    private static JsonArray Tools(JsonObject document) => document["x-outlit-tools"]!.AsArray();

    /// <summary>Where a tool's entry is in the contract's list: computed, since the list grows with the contract.</summary>
    private static string ToolPointer(string name) =>
        "#/x-outlit-tools/" + Tools(Contract()).Select((t, i) => (Name: (string?)t!["name"], Index: i)).Single(t => t.Name == name).Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Tool(JsonObject document, string name) => Tools(document).Single(t => (string?)t!["name"] == name)!.AsObject();

    private static void RemoveRequiredProperty(JsonObject document, string schema, string property)
    {
        var target = Schemas(document)[schema]!.AsObject();
        target["properties"]!.AsObject().Remove(property);
        var required = target["required"]!.AsArray();
        required.Remove(required.Single(r => (string?)r == property));
    }

    [Test]
    public async Task ARequiredPropertyRemovedFromASchemaReachedOnlyThroughTheToolListIsBreaking()
    {
        var outcome = await CompareWithContractAsync(candidate => RemoveRequiredProperty(candidate, "CustomerSummary", "id"));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings, Is.EqualTo(new[]
        {
            new Reported("breaking", "response-property-removed", "base", "#/components/schemas/CustomerSummary/properties/id", "Response property 'id' was removed from #/components/schemas/CustomerSummary."),
        }), outcome.Report);
    }

    [Test]
    public async Task WithoutTheToolListTheSameSchemaIsNotPartOfTheContract()
    {
        // Proves the finding above comes through x-outlit-tools: no operation reaches CustomerSummary.
        var baseDocument = Contract();
        baseDocument.Remove("x-outlit-tools");
        var candidate = Contract();
        candidate.Remove("x-outlit-tools");
        RemoveRequiredProperty(candidate, "CustomerSummary", "id");

        var outcome = await CompareAsync(baseDocument, candidate);

        Assert.That(outcome.Findings, Is.Empty, outcome.Report);
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean));
    }

    [Test]
    public async Task ATighterToolInputIsARequestChange()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            var input = Schemas(candidate)["ListCustomersInput"]!.AsObject();
            input["required"] = new JsonArray("limit");
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "request-property-became-required", "#/components/schemas/ListCustomersInput/properties/limit"),
        }), outcome.Report);
    }

    [Test]
    public async Task ARemovedToolIsOneBreakingFindingAndAnAddedOneIsNot()
    {
        var removed = await CompareWithContractAsync(candidate => Tools(candidate).Remove(Tool(candidate, "outlit_get_fact")));
        var added = await CompareAsync(WithoutTool(Contract(), "outlit_get_fact"), Contract());

        Assert.That(removed.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), removed.Report);
        Assert.That(removed.Findings.Select(f => (f.Severity, f.Rule, f.Document, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "extension-entry-removed", "base", ToolPointer("outlit_get_fact")),
        }), removed.Report);
        Assert.That(removed.Findings[0].Message, Is.EqualTo("x-outlit-tools entry name=outlit_get_fact was removed; clients built from the base rely on what it described (GetFactInput, GetFactOutput)."));
        Assert.That(added.ExitCode, Is.EqualTo(ExitCodes.Clean), added.Report);
        Assert.That(added.Findings.Select(f => (f.Severity, f.Rule, f.Document, f.Location)), Is.EqualTo(new[]
        {
            ("non-breaking", "extension-entry-added", "candidate", ToolPointer("outlit_get_fact")),
        }), added.Report);

        static JsonObject WithoutTool(JsonObject document, string name)
        {
            Tools(document).Remove(Tool(document, name));
            return document;
        }
    }

    [Test]
    public async Task ReorderingTheToolListIsNotAChange()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            var tools = Tools(candidate).Select(t => t!.DeepClone()).Reverse().ToList();
            candidate["x-outlit-tools"] = new JsonArray([.. tools]);
        });

        Assert.That(outcome.Findings, Is.Empty, outcome.Report);
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean));
    }

    [Test]
    public async Task AnyExtensionThatHoldsReferencesIsFollowedWhateverItsShape()
    {
        // A future extension: a map of events whose payloads name schemas. Nothing in the names says
        // whether clients send or receive a payload, so a change is judged both ways.
        var webhooks = Parse("""{ "customer.updated": { "summary": "A customer changed", "payload": { "$ref": "#/components/schemas/CustomerSummary" } } }""");
        var baseDocument = Contract();
        baseDocument.Remove("x-outlit-tools");
        baseDocument["x-outlit-events"] = webhooks.DeepClone();
        var candidate = Contract();
        candidate.Remove("x-outlit-tools");
        candidate["x-outlit-events"] = webhooks.DeepClone();
        RemoveRequiredProperty(candidate, "CustomerSummary", "id");

        var outcome = await CompareAsync(baseDocument, candidate);

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EquivalentTo(new[]
        {
            ("breaking", "response-property-removed", "#/components/schemas/CustomerSummary/properties/id"),
            // The schema is closed (additionalProperties: false), so a sender of the old property is now refused.
            ("breaking", "request-property-removed", "#/components/schemas/CustomerSummary/properties/id"),
        }), outcome.Report);
    }

    [Test]
    public async Task AnInlineSchemaInAnExtensionIsComparedWhereItIs()
    {
        var baseDocument = Contract();
        Tool(baseDocument, "outlit_schema")["outputSchema"] = Parse("""{ "type": "object", "required": ["views"], "properties": { "views": { "type": "array", "items": { "type": "string" } } } }""");
        var candidate = Contract();
        Tool(candidate, "outlit_schema")["outputSchema"] = Parse("""{ "type": "object", "properties": { "views": { "type": "array", "items": { "type": "string" } } } }""");

        var outcome = await CompareAsync(baseDocument, candidate);

        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "response-property-became-optional", ToolPointer("outlit_schema") + "/outputSchema/properties/views"),
        }), outcome.Report);
    }

    [Test]
    public async Task ADanglingReferenceInAnExtensionIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate => Tool(candidate, "outlit_query")["outputSchema"] = Parse("""{ "$ref": "#/components/schemas/QueryOutputV2" }"""));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        Assert.That(outcome.Rule("unresolved-reference").Select(f => (f.Severity, f.Document, f.Location)), Is.EqualTo(new[]
        {
            ("error", "candidate", ToolPointer("outlit_query") + "/outputSchema/$ref"),
        }), outcome.Report);
    }

    [Test]
    public async Task ADanglingReferenceInsideAnInlineExtensionSchemaIsADocumentError()
    {
        var outcome = await CompareWithContractAsync(candidate =>
            Tool(candidate, "outlit_schema")["outputSchema"] = Parse("""{ "type": "object", "properties": { "view": { "$ref": "#/components/schemas/AnalyticsViewV2" } } }"""));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.InvalidDocument), outcome.Report);
        Assert.That(outcome.Rule("unresolved-reference").Select(f => f.Location), Is.EqualTo(new[] { ToolPointer("outlit_schema") + "/outputSchema/properties/view/$ref" }), outcome.Report);
    }

    [Test]
    public void NamesThatMerelyStartWithXAreNotExtensions()
    {
        // A response header and a property called x-...: names chosen by the author, compared as such.
        var baseDocument = Parse("""
            {
              "openapi": "3.1.0", "info": { "title": "t", "version": "1" },
              "paths": { "/items": { "get": { "responses": { "200": {
                "description": "ok",
                "headers": { "x-request-id": { "schema": { "$ref": "#/components/schemas/Id" } } },
                "content": { "application/json": { "schema": { "type": "object", "properties": { "x-owner": { "$ref": "#/components/schemas/Owner" } } } } }
              } } } } },
              "components": { "schemas": {
                "Id": { "type": "string" },
                "Owner": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } }
              } }
            }
            """);
        var sites = Comparison.ExtensionSites.Find(baseDocument);

        Assert.That(sites.Sites, Is.Empty);
        Assert.That(sites.Containers, Is.Empty);
    }

    [Test]
    public async Task AResponseAlternativeThatSilentlyDisappearsIsNoLongerReachable()
    {
        const string Paths = """{ "/pets": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": SCHEMA } } } } } } }""";
        const string Cat = """{ "type": "object", "required": ["meows"], "properties": { "meows": { "type": "boolean" } } }""";
        const string Dog = """{ "type": "object", "required": ["barks"], "properties": { "barks": { "type": "boolean" } } }""";
        static JsonObject Pets(string schema, string schemas)
            => Parse($$"""{ "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "paths": {{Paths.Replace("SCHEMA", schema, StringComparison.Ordinal)}}, "components": { "schemas": {{schemas}} } }""");

        var baseDocument = Pets("""{ "oneOf": [ { "$ref": "#/components/schemas/Cat" }, { "$ref": "#/components/schemas/Dog" } ] }""", $$"""{ "Cat": {{Cat}}, "Dog": {{Dog}} }""");
        var dropped = await CompareAsync(baseDocument, Pets("""{ "$ref": "#/components/schemas/Cat" }""", $$"""{ "Cat": {{Cat}} }"""));
        var orphaned = await CompareAsync(baseDocument, Pets("""{ "$ref": "#/components/schemas/Cat" }""", $$"""{ "Cat": {{Cat}}, "Dog": {{Dog}} }"""));

        Assert.That(dropped.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "schema-no-longer-reachable", "#/components/schemas/Dog"),
        }), dropped.Report);
        Assert.That(dropped.ExitCode, Is.EqualTo(ExitCodes.OverThreshold));
        Assert.That(orphaned.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("warning", "schema-no-longer-reachable", "#/components/schemas/Dog"),
        }), orphaned.Report);
        Assert.That(orphaned.ExitCode, Is.EqualTo(ExitCodes.Clean));
    }

    private const string Events = "/api/i/v1/{publicKey}/events";

    private static JsonObject Response(JsonObject document, string path, string method, string status)
        => document["paths"]![path]![method]!["responses"]![status]!.AsObject();

    [Test]
    public async Task AResponseHeaderRemovedIsBreaking()
    {
        var outcome = await CompareWithContractAsync(candidate => Response(candidate, Events, "post", "429")["headers"]!.AsObject().Remove("X-RateLimit-Reset"));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings, Is.EqualTo(new[]
        {
            new Reported("breaking", "response-header-removed", "base", "#/paths/~1api~1i~1v1~1{publicKey}~1events/post/responses/429/headers/X-RateLimit-Reset", "POST /api/i/v1/{publicKey}/events: response 429: header X-RateLimit-Reset was removed; clients that read it get nothing."),
        }), outcome.Report);
    }

    [Test]
    public async Task ARateLimitHeadersTypeChangedIsBreakingAndReportedOnceAtTheComponent()
    {
        var outcome = await CompareWithContractAsync(candidate => candidate["components"]!["headers"]!["RateLimitReset"]!["schema"]!["type"] = "string");

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Document, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "response-type-changed", "candidate", "#/components/headers/RateLimitReset/schema"),
        }), outcome.Report);
        Assert.That(outcome.Findings[0].Message, Does.Contain("changed from integer to string"));
    }

    [Test]
    public async Task ARateLimitHeaderThatIsNoLongerAlwaysSentIsBreaking()
    {
        var baseDocument = Contract();
        baseDocument["components"]!["headers"]!["RateLimitRemaining"]!["required"] = true;

        var outcome = await CompareAsync(baseDocument, Contract());

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule)).Distinct(), Is.EqualTo(new[] { ("breaking", "response-header-became-optional") }), outcome.Report);
        var documenting = baseDocument["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => o.Value))
            .OfType<JsonObject>()
            .SelectMany(o => (o["responses"] as JsonObject ?? []).Select(r => r.Value))
            .Count(r => r?["headers"]?["X-RateLimit-Remaining"] is not null);
        Assert.That(outcome.Findings, Has.Count.EqualTo(documenting), "one per response that documents the header");
    }

    [Test]
    public async Task AResponseHeaderAddedOrRenamedInAnotherCaseIsNotBreaking()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            var headers = Response(candidate, Events, "post", "200")["headers"]!.AsObject();
            var reset = headers["X-RateLimit-Reset"]!.DeepClone();
            headers.Remove("X-RateLimit-Reset");
            headers["x-ratelimit-reset"] = reset;
            headers["Retry-After"] = Parse("""{ "schema": { "type": "integer" } }""");
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("non-breaking", "response-header-added", "#/paths/~1api~1i~1v1~1{publicKey}~1events/post/responses/200/headers/Retry-After"),
        }), outcome.Report);
    }

    private static JsonObject ParameterSchema(JsonObject document, string path, string method, int index)
        => document["paths"]![path]![method]!["parameters"]![index]!["schema"]!.AsObject();

    [Test]
    public async Task MaxLengthTightenedOnARequestParameterIsBreakingAndLoosenedIsNot()
    {
        const string Status = "/api/integrations/connect/status";
        var wide = Contract();
        ParameterSchema(wide, Status, "get", 0)["maxLength"] = 64;
        var narrow = Contract();
        ParameterSchema(narrow, Status, "get", 0)["maxLength"] = 36;

        var tightened = await CompareAsync(wide, narrow);
        var loosened = await CompareAsync(narrow, wide);

        Assert.That(tightened.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), tightened.Report);
        Assert.That(tightened.Findings, Is.EqualTo(new[]
        {
            new Reported("breaking", "request-constraint-tightened", "candidate", "#/paths/~1api~1integrations~1connect~1status/get/parameters/0/schema", "Request maxLength at #/paths/~1api~1integrations~1connect~1status/get/parameters/0/schema changed from 64 to 36: values old clients send may now be refused."),
        }), tightened.Report);
        Assert.That(loosened.ExitCode, Is.EqualTo(ExitCodes.Clean), loosened.Report);
        Assert.That(loosened.Findings.Select(f => (f.Severity, f.Rule)), Is.EqualTo(new[] { ("non-breaking", "request-constraint-loosened") }), loosened.Report);
    }

    [Test]
    public async Task APatternAddedOnARequestPropertyIsBreaking()
    {
        var outcome = await CompareWithContractAsync(candidate => Schemas(candidate)["UserIdentity"]!["properties"]!["userId"]!["pattern"] = "^usr_[a-z0-9]+$");

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings, Is.EqualTo(new[]
        {
            new Reported("breaking", "request-constraint-tightened", "candidate", "#/components/schemas/UserIdentity/properties/userId", "Request pattern at #/components/schemas/UserIdentity/properties/userId '^usr_[a-z0-9]+$' was added: values old clients send may now be refused."),
        }), outcome.Report);
    }

    [Test]
    public async Task AFormatChangedBreaksResponsesAndRequests()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            // A response date-time that becomes a date, and a tool input date-time that becomes a date.
            Schemas(candidate)["Integration"]!["properties"]!["lastDataReceivedAt"]!["format"] = "date";
            Schemas(candidate)["GetTimelineInput"]!["properties"]!["startDate"]!["format"] = "date";
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EquivalentTo(new[]
        {
            ("breaking", "response-constraint-changed", "#/components/schemas/Integration/properties/lastDataReceivedAt"),
            ("breaking", "request-constraint-changed", "#/components/schemas/GetTimelineInput/properties/startDate"),
        }), outcome.Report);
        Assert.That(outcome.Findings.Select(f => f.Message), Has.All.Contains("format").And.All.Contains("changed from 'date-time' to 'date'"));
    }

    [Test]
    public async Task AResponseRangeThatWidensIsBreakingAndOneThatNarrowsIsNot()
    {
        var widened = await CompareWithContractAsync(candidate => Schemas(candidate)["CustomerSummary"]!["properties"]!["contactCount"]!.AsObject().Remove("minimum"));
        var narrowed = await CompareWithContractAsync(candidate => Schemas(candidate)["CustomerSummary"]!["properties"]!["contactCount"]!["minimum"] = 1);

        Assert.That(widened.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "response-constraint-loosened", "#/components/schemas/CustomerSummary/properties/contactCount"),
        }), widened.Report);
        Assert.That(widened.ExitCode, Is.EqualTo(ExitCodes.OverThreshold));
        Assert.That(narrowed.Findings.Select(f => (f.Severity, f.Rule)), Is.EqualTo(new[] { ("non-breaking", "response-constraint-tightened") }), narrowed.Report);
        Assert.That(narrowed.ExitCode, Is.EqualTo(ExitCodes.Clean));
    }

    private static void RenameProperty(JsonObject schema, string from, string to)
    {
        var properties = schema["properties"]!.AsObject();
        var value = properties[from]!.DeepClone();
        properties.Remove(from);
        properties[to] = value;
        if (schema["required"] is JsonArray required && required.FirstOrDefault(r => (string?)r == from) is { } entry)
        {
            required[required.IndexOf(entry)] = to;
        }
    }

    [Test]
    public async Task ABranchsDistinguishingPropertyRenamedIsReportedAsThatRename()
    {
        // IntegrationConnectResponse is a direct connection or a browser session, told apart by the
        // properties only each requires: the session's sessionId becomes browserSessionId.
        var outcome = await CompareWithContractAsync(candidate => RenameProperty(Schemas(candidate)["IntegrationBrowserSessionResponse"]!.AsObject(), "sessionId", "browserSessionId"));

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings, Is.EqualTo(new[]
        {
            new Reported(
                "breaking",
                "response-branch-property-renamed",
                "candidate",
                "#/components/schemas/IntegrationConnectResponse/oneOf/1",
                "Response oneOf alternative IntegrationBrowserSessionResponse at #/components/schemas/IntegrationConnectResponse is now told apart by 'browserSessionId' instead of 'sessionId'; clients that look for the old property cannot tell which alternative they received."),
        }), outcome.Report);
    }

    [Test]
    public async Task TheDiscriminatorRenamedOnEveryBranchIsOneFindingForTheUnion()
    {
        // The ingest events' discriminator "type" becomes "kind", in the union and in every event.
        var outcome = await CompareWithContractAsync(candidate =>
        {
            var union = Schemas(candidate)["IngestEvent"]!.AsObject();
            union["discriminator"]!["propertyName"] = "kind";
            foreach (var target in union["discriminator"]!["mapping"]!.AsObject().Select(m => ((string)m.Value!).Split('/')[^1]))
            {
                var schema = Schemas(candidate)[target]!.AsObject();
                var own = schema["properties"] is not null ? schema : schema["allOf"]!.AsArray().Last()!.AsObject();
                RenameProperty(own, "type", "kind");
            }
        });

        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.OverThreshold), outcome.Report);
        Assert.That(outcome.Findings.Select(f => (f.Severity, f.Rule, f.Location)), Is.EqualTo(new[]
        {
            ("breaking", "request-branch-property-renamed", "#/components/schemas/IngestEvent"),
        }), outcome.Report);
        Assert.That(outcome.Findings[0].Message, Does.Contain("every alternative is now told apart by 'kind' instead of 'type'"));
    }

    [Test]
    public async Task ReorderingBranchesIsNotAChange()
    {
        var outcome = await CompareWithContractAsync(candidate =>
        {
            foreach (var (name, keyword) in new[] { ("IngestEvent", "oneOf"), ("SearchResult", "oneOf"), ("IntegrationConnectResponse", "oneOf"), ("SchemaOutput", "anyOf"), ("IntegrationCapabilitiesResponse", "oneOf") })
            {
                var union = Schemas(candidate)[name]!.AsObject();
                union[keyword] = new JsonArray([.. union[keyword]!.AsArray().Select(b => b!.DeepClone()).Reverse()]);
            }
        });

        Assert.That(outcome.Findings, Is.Empty, outcome.Report);
        Assert.That(outcome.ExitCode, Is.EqualTo(ExitCodes.Clean));
    }
}

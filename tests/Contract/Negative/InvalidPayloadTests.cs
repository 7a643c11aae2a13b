using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Negative;

/// <summary>
/// Hand-made invalid payloads are rejected by the contract check (JSON Schema plus the declared body-size
/// limit), and the near-miss valid payload next to each is accepted, so each case proves the rule that
/// rejects it rather than a validator that rejects everything.
/// </summary>
[TestFixture]
public sealed class InvalidPayloadTests
{
    public static IEnumerable<TestCaseData> InvalidBodies()
    {
        yield return Case("validateApiKey", "ValidateApiKeySuccess", """{"valid": "true", "organizationId": "org_1"}""", "/valid", "wrong type: boolean sent as a string");
        yield return Case("disconnectIntegration", null, """{"provider": 42}""", "/provider", "wrong type: number for a provider id");
        yield return Case("ingestEvents", null, """{"source": "server"}""", "events", "missing required field: events");
        yield return Case("callTool", null, """{"input": {}}""", "tool", "missing required field: tool");
        yield return Case("ingestEvents", null, """{"events": [{"type": "engagement", "activeTimeMs": 1, "totalTimeMs": 2}]}""", "sessionId", "missing required field of an event kind: engagement.sessionId");
        yield return Case("disconnectIntegration", null, """{"provider": "myspace"}""", "/provider", "value outside an enum: provider");
        yield return Case("callTool", null, """{"tool": "outlit_drop_database", "input": {}}""", "/tool", "value outside an enum: tool name");
        yield return Case("ingestEvents", null, """{"source": "fax", "events": [{"type": "pageview", "url": "https://a.example/"}]}""", "/source", "value outside an enum: source");
        yield return Case("ingestEvents", null, """{"events": [{"type": "purchase"}]}""", "/events/0", "event type outside the discriminator mapping");
        yield return Case("ingestEvents", null, """{"events": []}""", "/events", "too few events: an empty batch");
        yield return Case("ingestEvents", null, """{"visitorId": "not-a-uuid", "events": [{"type": "pageview"}]}""", "/visitorId", "format: visitorId is not a uuid");
        yield return Case("ingestEvents", null, """{"userIdentity": {"email": "jane.example.com"}, "events": [{"type": "pageview"}]}""", "/userIdentity/email", "format: email without @");
        yield return Case("ingestEvents", null, """{"events": [{"type": "pageview", "url": "not a uri"}]}""", "/events/0/url", "format: event url is not a uri");
        yield return Case("connectIntegration", null, """{"provider": "stripe", "apiKey": "sk_live_x"}""", "apiKey", "unknown property on a closed request");
    }

    [TestCaseSource(nameof(InvalidBodies))]
    public void InvalidBodyIsRejected(string operationId, string? schemaName, string body, string expectedLocation)
    {
        var errors = schemaName is null
            ? RequestBodyCheck.Check(Operation(operationId), body)
            : ContractDocument.Instance.Validator.ValidateComponent(JsonNode.Parse(body), schemaName);

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, errors));
        Assert.That(errors, Has.Some.Contains(expectedLocation), string.Join(Environment.NewLine, errors));
    }

    [Test]
    public void ABatchOfOneHundredEventsIsAcceptedAndOneMoreIsRejected()
    {
        var ingest = Operation("ingestEvents");

        var atLimit = RequestBodyCheck.Check(ingest, Batch(100));
        var aboveLimit = RequestBodyCheck.Check(ingest, Batch(101));

        Assert.Multiple(() =>
        {
            Assert.That(atLimit, Is.Empty);
            Assert.That(aboveLimit, Has.Some.Contains("/events").And.Some.Contains("maxItems"));
        });
    }

    [Test]
    public void ABodyAboveTheDeclaredSizeLimitIsRejectedEvenWhenItsShapeIsValid()
    {
        var ingest = Operation("ingestEvents");
        var limit = RequestBodyCheck.MaxBodyBytes(ingest);
        Assert.That(limit, Is.EqualTo(1_048_576), "ingestEvents declares the documented 1 MB limit");

        // One custom event whose free-form properties carry the bulk: schema-valid at any size,
        // so only the size rule can reject it.
        var oversized = SingleEventOfSize(limit!.Value + 1);
        var atLimit = SingleEventOfSize(limit.Value);

        Assert.Multiple(() =>
        {
            Assert.That(ContractDocument.Instance.Validator.Validate(JsonNode.Parse(oversized), SchemaOf(ingest)), Is.Empty, "the oversized body is valid JSON Schema-wise");
            Assert.That(RequestBodyCheck.Check(ingest, oversized), Has.Exactly(1).Contains("above the 1048576-byte limit"));
            Assert.That(RequestBodyCheck.Check(ingest, atLimit), Is.Empty);
        });
    }

    [Test]
    public void ATypedToolInputOutsideItsBoundsIsRejected()
    {
        var validator = ContractDocument.Instance.Validator;

        Assert.Multiple(() =>
        {
            Assert.That(validator.ValidateComponent(JsonNode.Parse("""{"billingStatus": "FREE"}"""), "ListCustomersInput"), Has.Some.Contains("/billingStatus"));
            Assert.That(validator.ValidateComponent(JsonNode.Parse("""{"query": "pricing", "topK": 51}"""), "SearchCustomerContextInput"), Has.Some.Contains("/topK"));
            Assert.That(validator.ValidateComponent(JsonNode.Parse("""{"query": "x"}"""), "SearchCustomerContextInput"), Has.Some.Contains("/query"));
            Assert.That(validator.ValidateComponent(JsonNode.Parse("""{"query": "pricing", "after": "yesterday"}"""), "SearchCustomerContextInput"), Has.Some.Contains("/after"));
            Assert.That(validator.ValidateComponent(JsonNode.Parse("""{"query": "pricing", "topK": 50, "after": "2026-01-01T00:00:00Z"}"""), "SearchCustomerContextInput"), Is.Empty);
        });
    }

    private static TestCaseData Case(string operationId, string? schemaName, string body, string expectedLocation, string label) =>
        new TestCaseData(operationId, schemaName, body, expectedLocation).SetArgDisplayNames(label);

    private static ContractOperation Operation(string operationId) =>
        ContractDocument.Instance.Operations.Single(o => o.Id == operationId);

    private static string SchemaOf(ContractOperation operation) =>
        JsonPointers.Append(operation.Pointer, "requestBody", "content", "application/json", "schema");

    private static string Batch(int count)
    {
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            events.Add(new JsonObject { ["type"] = "pageview", ["timestamp"] = 1_775_844_131_000L + i, ["url"] = "https://www.example.com/p/" + i, ["path"] = "/p/" + i });
        }

        return new JsonObject { ["events"] = events }.ToJsonString();
    }

    private static string SingleEventOfSize(long bytes)
    {
        var template = new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["type"] = "custom",
                ["timestamp"] = 1_775_844_131_000L,
                ["url"] = "https://www.example.com/",
                ["path"] = "/",
                ["eventName"] = "bulk",
                ["properties"] = new JsonObject { ["blob"] = string.Empty },
            }),
        }.ToJsonString();
        var padding = checked((int)(bytes - template.Length));
        return template.Replace("\"blob\":\"\"", "\"blob\":\"" + new string('x', padding) + "\"", StringComparison.Ordinal);
    }
}

using System.Text.Json.Nodes;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

/// <summary>Shows that the response check used by every other test can fail.</summary>
public class ContractCheckTests
{
    [Test]
    public void A_body_that_breaks_the_schema_fails_the_check()
    {
        var wrongStatus = JsonNode.Parse("""{"items":[{"id":"stripe","name":"Stripe","category":"billing","status":"paused"}]}""");
        var missingField = JsonNode.Parse("""{"success":false}""");

        Assert.Throws<AssertionException>(() => Contract.AssertValid("listIntegrations", 200, wrongStatus));
        Assert.Throws<AssertionException>(() => Contract.AssertValid("disconnectIntegration", 404, missingField));
    }

    [Test]
    public void An_undocumented_status_fails_the_check()
    {
        Assert.Throws<AssertionException>(() => Contract.AssertValid("listIntegrations", 404, JsonNode.Parse("""{"error":"x"}""")));
    }

    [Test]
    public void References_to_components_are_followed()
    {
        Assert.That(Contract.ResponsePointer("connectIntegration", 403), Is.EqualTo("/components/responses/PlanConnectionLimit"));
        Assert.That(Contract.Failures("PlanConnectionLimitError", JsonNode.Parse("""{"error":"x"}""")), Is.Not.Empty, "code is required");
    }
}

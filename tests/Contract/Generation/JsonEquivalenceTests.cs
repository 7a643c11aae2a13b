using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Generation;

/// <summary>The round-trip comparison forgives exactly its named normalizations and nothing else.</summary>
[TestFixture]
public sealed class JsonEquivalenceTests
{
    [TestCase("""{"a": 65000}""", """{"a": 65000.0}""", TestName = "number spelling")]
    [TestCase("""{"at": "2026-04-10T12:00:00Z"}""", """{"at": "2026-04-10T12:00:00+00:00"}""", TestName = "date-time spelling")]
    [TestCase("""{"a": 1, "note": null}""", """{"a": 1}""", TestName = "null left out")]
    public void ANamedNormalizationIsForgiven(string expected, string actual) =>
        Assert.That(JsonEquivalence.Differences(JsonNode.Parse(expected), JsonNode.Parse(actual)), Is.Empty);

    [TestCase("""{"a": 1}""", """{"a": 2}""", "/a", TestName = "changed number")]
    [TestCase("""{"a": "x"}""", """{"a": "y"}""", "/a", TestName = "changed string")]
    [TestCase("""{"a": "1"}""", """{"a": 1}""", "/a", TestName = "string became number")]
    [TestCase("""{"a": 1, "b": "kept"}""", """{"a": 1}""", "/b", TestName = "value lost")]
    [TestCase("""{"a": 1}""", """{"a": 1, "b": null}""", "/b", TestName = "member added")]
    [TestCase("""{"a": [1, 2]}""", """{"a": [1]}""", "/a", TestName = "item lost")]
    [TestCase("""{"at": "2026-04-10T12:00:00Z"}""", """{"at": "2026-04-10T12:00:01Z"}""", "/at", TestName = "different instant")]
    public void AnyOtherDifferenceIsReported(string expected, string actual, string location) =>
        Assert.That(JsonEquivalence.Differences(JsonNode.Parse(expected), JsonNode.Parse(actual)), Has.Some.StartsWith(location));

    [Test]
    public void AnAddedMemberIsForgivenOnlyWhenItHoldsTheDeclaredDefault()
    {
        var defaults = JsonEquivalence.DefaultsOf("#/components/schemas/ListCustomersInput");
        var drawn = JsonNode.Parse("""{"search": "acme"}""");

        Assert.Multiple(() =>
        {
            Assert.That(defaults["limit"], Is.Not.Empty, "ListCustomersInput.limit declares a default");
            Assert.That(JsonEquivalence.Differences(drawn, JsonNode.Parse("""{"search": "acme", "limit": 50.0}"""), defaults), Is.Empty);
            Assert.That(JsonEquivalence.Differences(drawn, JsonNode.Parse("""{"search": "acme", "limit": 51}"""), defaults), Has.Some.StartsWith("/limit"));
            Assert.That(JsonEquivalence.Differences(drawn, JsonNode.Parse("""{"search": "acme", "limit": 50}""")), Has.Some.StartsWith("/limit"), "no defaults given");
        });
    }

    [Test]
    public void EveryNormalizationIsNamedWithAReason() =>
        Assert.That(JsonEquivalence.Normalizations.Keys, Is.EquivalentTo(new[] { "number spelling", "null left out", "default written", "date-time spelling" }));
}

using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Generation;

/// <summary>
/// Every generated model type, filled by the seeded Bogus faker from its schema, serializes to JSON that
/// the schema accepts and survives a second round trip unchanged.
/// </summary>
[TestFixture]
public sealed class GeneratedTypeConformanceTests
{
    private const int InstancesPerType = 8;

    public static IEnumerable<TestCaseData> Models() =>
        GeneratedTypes.Models().Select(m => new TestCaseData(m.Schema, m.Type).SetArgDisplayNames($"{m.Schema} as {m.Type.FullName}"));

    [OneTimeSetUp]
    public void PrintSeed() =>
        TestContext.Progress.WriteLine($"Generated-type conformance: Bogus seed {SchemaFaker.DefaultSeed} (per type: SchemaFaker.SeedFor(schema name))");

    [Test]
    public void EveryComponentSchemaHasAGeneratedTypeOrIsAFreeFormObject()
    {
        var schemas = ContractDocument.Instance.Json["components"]!["schemas"]!.AsObject();
        var unmapped = schemas
            .Where(s => GeneratedTypes.ForComponent(s.Key) is null && !GeneratedTypes.IsFreeFormObject(s.Value))
            .Select(s => s.Key)
            .ToList();

        Assert.That(unmapped, Is.Empty, "component schemas without a generated type");
    }

    [TestCaseSource(nameof(Models))]
    public void FakedInstancesSerializeToValidJsonAndRoundTrip(string schemaName, Type type)
    {
        var faker = new SchemaFaker(ContractDocument.Instance, SchemaFaker.SeedFor(schemaName));
        TestContext.Out.WriteLine($"seed {faker.Seed} = SchemaFaker.SeedFor(\"{schemaName}\") from default seed {SchemaFaker.DefaultSeed}");

        var defaults = JsonEquivalence.DefaultsOf("#/components/schemas/" + schemaName);
        for (var i = 0; i < InstancesPerType; i++)
        {
            var drawn = faker.ValidComponent(schemaName);
            var instance = GeneratedTypes.Deserialize(drawn?.ToJsonString() ?? "null", type);
            Assert.That(instance, Is.InstanceOf(type), $"instance {i}: {drawn?.ToJsonString()}");

            var written = GeneratedTypes.Serialize(instance);
            var rewritten = GeneratedTypes.Serialize(GeneratedTypes.Deserialize(written?.ToJsonString() ?? "null", type));

            Assert.Multiple(() =>
            {
                Assert.That(ContractDocument.Instance.Validator.ValidateComponent(written, schemaName), Is.Empty, $"instance {i} as written: {written?.ToJsonString()}");
                Assert.That(JsonEquivalence.Differences(drawn, written, defaults), Is.Empty, $"instance {i} drawn: {drawn?.ToJsonString()}");
                Assert.That(JsonEquivalence.Differences(written, rewritten), Is.Empty, $"instance {i} second round trip");
            });
        }
    }
}

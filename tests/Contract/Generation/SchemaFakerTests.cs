using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Generation;

/// <summary>The faker itself produces schema-valid values for every component schema of the contract.</summary>
[TestFixture]
public sealed class SchemaFakerTests
{
    private const int ValuesPerSchema = 5;

    public static IEnumerable<TestCaseData> Schemas() =>
        ContractDocument.Instance.Json["components"]!["schemas"]!.AsObject()
            .Select(s => new TestCaseData(s.Key).SetArgDisplayNames(s.Key));

    [OneTimeSetUp]
    public void PrintSeed() => TestContext.Progress.WriteLine($"SchemaFaker seed: {SchemaFaker.DefaultSeed}");

    [TestCaseSource(nameof(Schemas))]
    public void TheFakerDrawsValidValues(string schemaName)
    {
        var faker = new SchemaFaker(ContractDocument.Instance, SchemaFaker.SeedFor(schemaName));
        TestContext.Out.WriteLine($"seed {faker.Seed} (SchemaFaker.SeedFor(\"{schemaName}\"), default seed {SchemaFaker.DefaultSeed})");

        for (var i = 0; i < ValuesPerSchema; i++)
        {
            var value = faker.ValidComponent(schemaName);
            if (i == 0)
            {
                TestContext.Out.WriteLine(value?.ToJsonString());
            }

            Assert.That(ContractDocument.Instance.Validator.ValidateComponent(value, schemaName), Is.Empty, value?.ToJsonString());
        }
    }
}

namespace Outlit.Contract.Tests.Oracle;

/// <summary>
/// Every operation called through the public client against Prism: no request violations, and for each
/// documented status the documented outcome (typed result or typed exception).
/// </summary>
[TestFixture]
public sealed class ClientConformanceTests
{
    [OneTimeSetUp]
    public Task StartPrismAsync() => PrismServer.StartAsync();

    [TestCaseSource(typeof(ClientMatrix), nameof(ClientMatrix.TestCases))]
    public async Task TheClientSendsAConformingRequestAndSurfacesTheDocumentedOutcome(object call)
    {
        var result = await ClientMatrix.RunAsync((ClientCase)call);
        TestContext.Out.WriteLine(result.Outcome);
        foreach (var exchange in result.Exchanges)
        {
            TestContext.Out.WriteLine(exchange);
        }

        Assert.That(result.Failures, Is.Empty);
    }

    [Test]
    public async Task NoRequestViolationsAcrossAllOperationsCalledThroughTheClient()
    {
        var results = await ClientMatrix.RunAllAsync();
        var violations = results.SelectMany(r => r.Result.Exchanges.SelectMany(e => e.Violations.Select(v => $"{r.Case.DisplayName}: {v}"))).ToList();

        TestContext.Out.WriteLine($"Client calls: {results.Count}, requests {results.Sum(r => r.Result.Exchanges.Count)}, request violations {violations.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty);
            Assert.That(results.Select(r => r.Case.OperationId).Distinct(), Is.EquivalentTo(Support.ContractDocument.Instance.Operations.Select(o => o.Id)));
        });
    }
}

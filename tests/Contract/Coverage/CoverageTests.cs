using Outlit.Contract.Tests.Oracle;

namespace Outlit.Contract.Tests.Coverage;

/// <summary>
/// Writes the coverage report (operations × documented statuses × examples) and fails when an operation
/// or a documented status is not exercised through the public client, when an example fails its checks,
/// or when Prism reported a request violation.
/// </summary>
[TestFixture]
public sealed class CoverageTests
{
    [OneTimeSetUp]
    public Task StartPrismAsync() => PrismServer.StartAsync();

    [Test]
    public async Task EveryOperationAndDocumentedStatusIsExercisedAndEveryExampleChecked()
    {
        var report = await ContractCoverage.BuildAsync();
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "TestResults");
        var path = ContractCoverage.Write(report, directory);
        TestContext.AddTestAttachment(path, "operations × statuses × examples");
        TestContext.Progress.WriteLine("Contract coverage: " + report.Summary);
        TestContext.Out.WriteLine("Contract coverage: " + report.Summary);
        TestContext.Out.WriteLine("Report: " + path);

        Assert.Multiple(() =>
        {
            Assert.That(report.Operations.Where(o => !o.Exercised).Select(o => o.OperationId), Is.Empty, "operations not exercised through the client");
            Assert.That(report.MissingStatuses, Is.Empty, "documented statuses not drawn through the client with the documented outcome");
            Assert.That(report.Examples.Where(e => !e.Passed).Select(e => e.Name), Is.Empty, "examples failing their checks");
            Assert.That(report.RequestViolations, Is.Zero, "request violations reported by Prism");
            Assert.That(report.Operations, Is.Not.Empty);
            Assert.That(report.Tools.Where(t => t.ExamplesChecked == 0).Select(t => t.Name), Is.Empty, "tools without a request example that passed every check");
            Assert.That(report.Tools, Is.Not.Empty);
        });
    }
}

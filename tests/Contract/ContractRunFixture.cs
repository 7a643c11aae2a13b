using Outlit.Contract.Tests.Oracle;

namespace Outlit.Contract.Tests;

/// <summary>Run-wide teardown: stops the Prism process after the last contract test.</summary>
[SetUpFixture]
public sealed class ContractRunFixture
{
    [OneTimeTearDown]
    public Task StopPrismAsync() => PrismServer.StopAsync();
}

using Outlit.Contract.Tests.Oracle;

namespace Outlit.Contract.Tests;

/// <summary>Run-wide teardown: disposes the client of the operation calls and stops Prism after the last contract test.</summary>
[SetUpFixture]
public sealed class ContractRunFixture
{
    [OneTimeTearDown]
    public async Task StopPrismAsync()
    {
        await ClientMatrix.DisposeAsync();
        await PrismServer.StopAsync();
    }
}

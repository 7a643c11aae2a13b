using System.Text.RegularExpressions;
using Outlit.Testing;

namespace Outlit.Tests;

/// <summary>
/// The usage example of README.md, run against the mock server, so the first code a reader copies
/// compiles and works. The second test keeps README and this file in step.
/// </summary>
public class ReadmeExampleTests
{
    [Test]
    public async Task TheReadmeUsageExampleRunsAgainstTheMockServer()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 1 });
        var output = new StringWriter();

        // The README's lines, with the key and address of the mock and Console replaced by a writer.
        using var client = new OutlitClient(new OutlitClientOptions
        {
            ApiKey = server.ApiKey,
            BaseUrl = server.BaseUrl,
            ConnectionPollInterval = TimeSpan.FromMilliseconds(10),
        });

        await client.ValidateApiKeyAsync();

        foreach (var integration in await client.Integrations.ListAsync(connectedOnly: true))
            output.WriteLine($"{integration.Id}: {integration.Status}");

        var connect = await client.Integrations.ConnectAsync(ProviderId.Hubspot);
        if (connect.TryGetBrowserSession(out var session))
        {
            output.WriteLine($"Open {session.ConnectUrl} to finish connecting.");
            await client.Integrations.WaitForConnectionAsync(session.SessionId);
        }

        var customers = 0;
        await foreach (var customer in client.Tools.ListAllCustomersAsync(new ListCustomersInput { BillingStatus = BillingStatus.Paying }))
        {
            output.WriteLine($"{customer.Name}: {customer.CurrentMrr}");
            customers++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(connect.IsBrowserSession, Is.True, "HubSpot connects through a browser session");
            Assert.That(output.ToString(), Does.Contain("to finish connecting."));
            Assert.That(customers, Is.GreaterThan(0), "the seeded mock has paying customers");
            Assert.That(server.Connections.Select(c => c.Provider.ToString()), Does.Contain("hubspot"));
        });
    }

    [Test]
    public void EveryStatementOfTheReadmeUsageExampleIsExercisedHere()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var block = Regex.Match(readme, "## Usage.*?```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.That(block.Success, Is.True, "README.md has a csharp block under '## Usage'");
        var thisFile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Outlit.Tests", "ReadmeExampleTests.cs"));
        var statements = block.Groups[1].Value.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("using ", StringComparison.Ordinal))
            .Where(line => !line.Contains("ApiKey =", StringComparison.Ordinal) && !line.Contains("Console.", StringComparison.Ordinal) && line != "{" && line != "}" && line != "});");
        foreach (var statement in statements)
        {
            Assert.That(thisFile, Does.Contain(statement), "README statement not exercised by this test");
        }
    }
}

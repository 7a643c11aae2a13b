using System.Text;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>
/// The contract's examples replayed against Prism: each documented request is accepted without a
/// violation and each documented status and response example comes back as documented.
/// </summary>
[TestFixture]
public sealed class PrismOracleTests
{
    private PrismServer _prism = null!;

    [OneTimeSetUp]
    public async Task StartPrismAsync() => _prism = await PrismServer.StartAsync();

    [TestCaseSource(typeof(PrismReplay), nameof(PrismReplay.TestCases))]
    public async Task ReplayedExchangeConformsToTheContract(object replay)
    {
        var result = await PrismReplay.RunAsync((ReplayCase)replay);

        Assert.That(result.Failures, Is.Empty, result.Exchange.ToString());
    }

    [Test]
    public async Task NoRequestViolationsAcrossAllReplayedRequests()
    {
        var results = await PrismReplay.RunAllAsync();
        var violations = results.SelectMany(r => r.Result.Exchange.Violations.Select(v => $"{r.Case.DisplayName}: {v}")).ToList();

        TestContext.Out.WriteLine($"Prism replay: {results.Count} requests, {violations.Count} request violations");
        Assert.That(violations, Is.Empty);
    }

    [Test]
    public async Task PrismReportsEachWayARequestBreaksTheContract()
    {
        // Proves the violation channel works: zero violations elsewhere means something only if a bad
        // request is reported here, through the same recorder.
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        using var client = new HttpClient(recorder) { BaseAddress = _prism.BaseAddress };

        using (var noKeyBadEnum = new HttpRequestMessage(HttpMethod.Post, "api/integrations/disconnect")
        {
            Content = new StringContent("""{"provider": "myspace"}""", Encoding.UTF8, "application/json"),
        })
        {
            using var _ = await client.SendAsync(noKeyBadEnum);
        }

        using (var badQuery = new HttpRequestMessage(HttpMethod.Get, "api/integrations/sync-status?provider=myspace"))
        {
            badQuery.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OperationPlan.TestApiKey);
            using var _ = await client.SendAsync(badQuery);
        }

        using (var tooMany = new HttpRequestMessage(HttpMethod.Post, "api/i/v1/pk_live_contract/events")
        {
            Content = new StringContent(
                "{\"events\": [" + string.Join(",", Enumerable.Repeat("""{"type": "pageview", "timestamp": 1775844131000, "url": "https://www.example.com/", "path": "/"}""", 101)) + "]}", Encoding.UTF8, "application/json"),
        })
        {
            using var _ = await client.SendAsync(tooMany);
        }

        var exchanges = recorder.Exchanges;
        Assert.Multiple(() =>
        {
            Assert.That(exchanges, Has.Count.EqualTo(3));
            Assert.That(exchanges[0].Violations, Has.Some.StartsWith("request [").And.Some.StartsWith("request.body.provider"), "missing key and bad enum");
            Assert.That(exchanges[0].Status, Is.EqualTo(401));
            Assert.That(exchanges[1].Violations, Has.Some.StartsWith("request.query.provider"), "bad query value");
            Assert.That(exchanges[2].Violations, Has.Some.StartsWith("request.body.events"), "101 events");
        });
    }

    [Test]
    public async Task PrismsLogAgreesWithTheViolationHeadersAndHasNoResponseViolations()
    {
        await PrismReplay.RunAllAsync();

        // The log is written asynchronously; give it a moment to catch up with the responses.
        var expected = ViolationRecorder.AllExchanges.Sum(e => e.Violations.Count);
        for (var i = 0; i < 50 && _prism.LoggedRequestViolations.Count < expected; i++)
        {
            await Task.Delay(100);
        }

        Assert.Multiple(() =>
        {
            Assert.That(_prism.LoggedRequestViolations, Has.Count.EqualTo(expected), "every logged request violation reached a response header");
            Assert.That(_prism.LoggedResponseViolations, Is.Empty, "Prism found its documented responses invalid");
        });
    }
}

namespace Outlit.Tests.Http;

/// <summary>Callers can replace the client in their own tests: members are virtual and protected constructors exist.</summary>
public class MockingTests
{
    private sealed class FakeIntegrations : OutlitIntegrations
    {
        public override Task<ConnectResult> ConnectAsync(ProviderId provider, object? config = null, CancellationToken cancellationToken = default) =>
            Task.FromResult<ConnectResult>(new BrowserSession("s-1", new Uri("https://example.test/connect"), alreadyConnected: false));
    }

    private sealed class FakeClient : OutlitClient
    {
        public override OutlitIntegrations Integrations { get; } = new FakeIntegrations();
    }

    private static async Task<string> CodeUnderTest(OutlitClient client)
    {
        var result = await client.Integrations.ConnectAsync("slack");
        return result.Match(direct => direct.ConnectionId, session => session.ConnectUrl.ToString());
    }

    [Test]
    public async Task ACallerCanSubstituteTheClient()
    {
        Assert.That(await CodeUnderTest(new FakeClient()), Is.EqualTo("https://example.test/connect"));
    }

    [Test]
    public void AnUnconfiguredFakeSaysSoInsteadOfSendingAnything()
    {
        using var client = new FakeClient();
        Assert.Throws<InvalidOperationException>(() => _ = client.Tools);
        Assert.That(client.ToString(), Does.Contain("not connected"));
    }
}

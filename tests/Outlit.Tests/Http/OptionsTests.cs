using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

public class OptionsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Test]
    public void MissingKeyIsAClearConfigurationError()
    {
        var ex = Assert.Throws<OutlitConfigurationException>(() => OutlitClientSettings.Resolve(new OutlitClientOptions(), NoEnvironment));
        LeakRecorder.Record(ex!);
        Assert.That(ex!.Message, Does.Contain("OUTLIT_API_KEY").And.Contain("ApiKey"));
    }

    [Test]
    public void KeyFallsBackToTheEnvironmentVariable()
    {
        var settings = OutlitClientSettings.Resolve(new OutlitClientOptions(), name => name == "OUTLIT_API_KEY" ? " ok_from_env \n" : null);
        Assert.That(settings.ApiKey, Is.EqualTo("ok_from_env"));
    }

    [Test]
    public void ExplicitKeyWinsOverTheEnvironment()
    {
        var settings = OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = "ok_explicit" }, _ => "ok_env");
        Assert.That(settings.ApiKey, Is.EqualTo("ok_explicit"));
    }

    [Test]
    public void PublicConstructorReadsTheRealEnvironmentVariable()
    {
        var previous = Environment.GetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable, LeakRecorder.SentinelKey);
            using var client = new OutlitClient(new OutlitClientOptions());
            Assert.That(client.Settings.ApiKey, Is.EqualTo(LeakRecorder.SentinelKey));
            Environment.SetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable, null);
            var ex = Assert.Throws<OutlitConfigurationException>(() => new OutlitClient(new OutlitClientOptions()));
            LeakRecorder.Record(ex!);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable, previous);
        }
    }

    [TestCase("sk_live_0123456789")]
    [TestCase("OK_uppercase_prefix")]
    [TestCase("ok_")]
    [TestCase("ok_has space")]
    [TestCase("ok_line\r\nX-Injected: 1")]
    public void MalformedKeyIsRejectedWithoutEchoingIt(string key)
    {
        var ex = Assert.Throws<OutlitConfigurationException>(() => OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = key }, NoEnvironment));
        LeakRecorder.Record(ex!);
        Assert.That(ex!.Message, Does.Contain("malformed"));
        if (key.Length > 3)
        {
            Assert.That(ex.ToString(), Does.Not.Contain(key.Trim()));
        }
    }

    [Test]
    public async Task NoRequestIsSentWithAMalformedKey()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, "{}"));
        var options = TestClients.Options(server);
        options.ApiKey = "not_a_key";
        Assert.Throws<OutlitConfigurationException>(() => new OutlitClient(options));
        Assert.That(server.Requests, Is.Empty);
    }

    [TestCase("http://app.outlit.ai/")]
    [TestCase("http://10.0.0.5:8080/")]
    [TestCase("ftp://app.outlit.ai/")]
    [TestCase("https://user:secret@app.outlit.ai/")]
    public void UnsafeBaseUrlsAreRefused(string url)
    {
        var ex = Assert.Throws<OutlitConfigurationException>(() => OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = "ok_x1", BaseUrl = new Uri(url) }, NoEnvironment));
        LeakRecorder.Record(ex!);
    }

    [TestCase("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [TestCase("http://localhost:5000/base", "http://localhost:5000/base/")]
    [TestCase("http://[::1]:5000/", "http://[::1]:5000/")]
    [TestCase("https://eu.example.com", "https://eu.example.com/")]
    public void LoopbackHttpAndAnyHttpsAreAccepted(string url, string expected)
    {
        var settings = OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = "ok_x1", BaseUrl = new Uri(url) }, NoEnvironment);
        Assert.That(settings.BaseUrl.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void DefaultsAreTheDocumentedOnes()
    {
        var options = new OutlitClientOptions();
        Assert.Multiple(() =>
        {
            Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://app.outlit.ai/")));
            Assert.That(options.MaxRetries, Is.EqualTo(3));
            Assert.That(options.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
            Assert.That(options.MaxDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(options.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        });
    }

    [TestCase(-1, 0, 0)]
    [TestCase(21, 0, 0)]
    [TestCase(3, -1, 0)]
    [TestCase(3, 0, -5)]
    public void OutOfRangeRetrySettingsAreRejected(int retries, int baseDelayMs, int maxDelayMs)
    {
        var options = new OutlitClientOptions { ApiKey = "ok_x1", MaxRetries = retries, BaseDelay = TimeSpan.FromMilliseconds(baseDelayMs), MaxDelay = TimeSpan.FromMilliseconds(maxDelayMs) };
        Assert.Throws<OutlitConfigurationException>(() => OutlitClientSettings.Resolve(options, NoEnvironment));
    }

    [Test]
    public void ZeroTimeoutIsRejectedButInfiniteIsAllowed()
    {
        Assert.Throws<OutlitConfigurationException>(() => OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = "ok_x1", AttemptTimeout = TimeSpan.Zero }, NoEnvironment));
        Assert.DoesNotThrow(() => OutlitClientSettings.Resolve(new OutlitClientOptions { ApiKey = "ok_x1", AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan }, NoEnvironment));
    }

    [Test]
    public void ToStringOfOptionsAndClientHideTheKey()
    {
        var options = new OutlitClientOptions { ApiKey = LeakRecorder.SentinelKey, BaseUrl = new Uri("http://127.0.0.1:1/") };
        using var client = new OutlitClient(options);
        var texts = new[] { options.ToString(), client.ToString() };
        foreach (var text in texts)
        {
            LeakRecorder.Record(text);
            Assert.That(text, Does.Not.Contain(LeakRecorder.SentinelKey));
            Assert.That(text, Does.Contain("127.0.0.1"));
        }
    }
}

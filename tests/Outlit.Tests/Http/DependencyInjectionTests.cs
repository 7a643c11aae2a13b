using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

public class DependencyInjectionTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values, CapturingLoggerProvider logs)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddOutlitClient(configuration.GetSection("Outlit"));
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task BindsOptionsFromConfigurationAndSendsThroughTheFactoryPipeline()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 503, "{\"error\":\"down\"}"));
        var logs = new CapturingLoggerProvider();
        await using var provider = Build(new()
        {
            ["Outlit:ApiKey"] = LeakRecorder.SentinelKey,
            ["Outlit:BaseUrl"] = server.BaseAddress.ToString(),
            ["Outlit:MaxRetries"] = "1",
            ["Outlit:BaseDelay"] = "00:00:00",
            ["Outlit:MaxDelay"] = "00:00:00",
        }, logs);

        var client = provider.GetRequiredService<OutlitClient>();
        LeakRecorder.Record(client.ToString());
        await TestClients.ThrowsAsync<OutlitServerException>(() => client.ValidateApiKeyAsync());

        Assert.That(client.BaseUrl, Is.EqualTo(server.BaseAddress));
        Assert.That(server.Requests, Has.Count.EqualTo(2), "MaxRetries=1 from configuration");
        Assert.That(server.Requests[0].Headers["Authorization"], Is.EqualTo("Bearer " + LeakRecorder.SentinelKey));
        Assert.That(logs.Lines, Has.Some.Contains("Retrying Outlit validateApiKey"), "client logs go through the container's ILogger");
        Assert.That(logs.Lines, Has.Some.Contains("System.Net.Http.HttpClient.Outlit"), "factory logging is active at trace level");
        Assert.That(logs.Lines, Has.None.Contains(LeakRecorder.SentinelKey));
    }

    [Test]
    public async Task AMissingKeyFailsAtResolutionWithTheTypedError()
    {
        var previous = Environment.GetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable);
        Environment.SetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable, null);
        try
        {
            await using var provider = Build(new() { ["Outlit:BaseUrl"] = "https://app.outlit.ai" }, new CapturingLoggerProvider());
            var ex = Assert.Throws<OutlitConfigurationException>(() => provider.GetRequiredService<OutlitClient>());
            LeakRecorder.Record(ex!);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OutlitClientOptions.ApiKeyEnvironmentVariable, previous);
        }
    }

    [Test]
    public async Task CodeConfigurationAppliesAfterBinding()
    {
        await using var server = await LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, "{\"valid\":true,\"organizationId\":\"org_123\",\"createdById\":\"user_123\"}"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ApiKey"] = "ok_from_config", ["BaseUrl"] = "https://app.outlit.ai" }).Build();
        var services = new ServiceCollection();
        services.AddOutlitClient(configuration, o =>
        {
            o.ApiKey = LeakRecorder.SentinelKey;
            o.BaseUrl = server.BaseAddress;
        });
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<OutlitClient>().ValidateApiKeyAsync();

        Assert.That(result.IsValid, Is.True);
        Assert.That(server.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + LeakRecorder.SentinelKey));
    }
}

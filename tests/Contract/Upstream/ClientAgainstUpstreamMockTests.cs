using System.Reflection;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Outlit.Contract.Tests.Oracle;

namespace Outlit.Contract.Tests.Upstream;

/// <summary>
/// The C# client against Prism mocking Outlit's latest document, with its examples (static) and with data Prism makes
/// up from its schemas (<c>--dynamic</c>): every typed method ends, with a result or with one of the SDK's typed
/// errors. Nothing else may escape (a serializer exception, a null reference, a hang).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClientAgainstUpstreamMockTests
{
    [TestCase(false, TestName = "Every typed method ends against Prism mocking the latest document with its examples")]
    [TestCase(true, TestName = "Every typed method ends against Prism mocking the latest document with made-up data")]
    public async Task EveryTypedMethodEndsWithAResultOrATypedError(bool dynamic)
    {
        await using var prism = await PrismServer.StartOwnAsync("mock", UpstreamDocument.Latest.Path, dynamic ? ["--dynamic"] : []);
        var options = new OutlitClientOptions
        {
            ApiKey = "ok_upstream_mock_test_key_0123456789",
            BaseUrl = prism.BaseAddress,
            MaxRetries = 0,
            TotalTimeout = TimeSpan.FromSeconds(20),
        };
        using var client = new OutlitClient(options);
        using var ingest = new OutlitIngestClient("pk_upstream_mock_test", new OutlitIngestClientOptions { BaseUrl = prism.BaseAddress, MaxRetries = 0 });
        var outcomes = new List<(string Call, Exception? Error)>();

        foreach (var tool in OutlitToolCatalog.All)
        {
            var inputType = tool.InputType ?? throw new AssertionException(tool.Name + " has no input type");
            var method = typeof(OutlitTools).GetMethod(tool.MethodName + "Async", [inputType, typeof(CancellationToken)])
                ?? throw new AssertionException($"OutlitTools has no {tool.MethodName}Async({inputType.Name}, CancellationToken)");
            var input = JsonConvert.DeserializeObject(ContractToolExamples.First[tool.Name].ToJsonString(), inputType)!;
            outcomes.Add((tool.Name, await EndOf(() => (Task)method.Invoke(client.Tools, [input, CancellationToken.None])!)));
        }

        outcomes.Add(("validateApiKey", await EndOf(() => client.ValidateApiKeyAsync())));
        outcomes.Add(("ingestEvents", await EndOf(() => ingest.SendAsync([
            PageviewEvent.Create("https://www.example.com/pricing", "Pricing"),
            CustomEvent.Create("report_exported", new Dictionary<string, object?> { ["rows"] = 3 }),
        ]))));

        // The integration routes are not in the latest document: each call must still end, typed.
        outcomes.Add(("listIntegrations", await EndOf(() => client.Integrations.ListAsync())));
        outcomes.Add(("getIntegrationCapabilities", await EndOf(() => client.Integrations.GetCapabilitiesAsync(ProviderId.Hubspot))));
        outcomes.Add(("connectIntegration", await EndOf(() => client.Integrations.ConnectAsync(ProviderId.Slack))));
        outcomes.Add(("disconnectIntegration", await EndOf(() => client.Integrations.DisconnectAsync(ProviderId.Slack))));

        var untyped = outcomes.Where(o => o.Error is not null and not OutlitException).Select(o => $"{o.Call}: {o.Error!.GetType().Name}: {o.Error.Message}").ToList();
        TestContext.Out.WriteLine($"{outcomes.Count} calls: {outcomes.Count(o => o.Error is null)} results, " +
            string.Join(", ", outcomes.Where(o => o.Error is not null).GroupBy(o => o.Error!.GetType().Name).Select(g => $"{g.Count()} {g.Key}")));
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(OutlitToolCatalog.All.Count + 6));
            Assert.That(untyped, Is.Empty, "calls that ended with something other than a result or an OutlitException");
            if (!dynamic)
            {
                // With --dynamic, Prism's data faker fails on some of the document's date-time patterns and answers 500
                // itself; with the document's examples, the key-validation answer is read.
                Assert.That(outcomes.Where(o => o.Call == "validateApiKey").Select(o => o.Error), Has.All.Null, "the document's own key-validation answer is read");
            }
        });
    }

    /// <summary>How a call ended: null for a result, else what it threw; a call that does not end fails the test.</summary>
    private static async Task<Exception?> EndOf(Func<Task> call)
    {
        var task = Task.Run(call);
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.That(finished, Is.SameAs(task), "the call did not end within 60 s");
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}

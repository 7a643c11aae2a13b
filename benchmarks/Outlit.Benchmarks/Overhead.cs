using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Outlit.Benchmarks;

/// <summary>
/// Diagnostic: the client's fixed cost per call with the network taken out. Every contender sends
/// through the same in-memory handler that answers with the same canned body, so what remains is
/// request building, the pipeline stages and deserialization.
/// </summary>
public static class Overhead
{
    public static async Task<List<(string Name, double MinMicros, double MedianMicros, long Allocated)>> RunAsync(int rounds)
    {
        var browser = "{\"sessionId\":\"2c867dd5-5464-42c7-8c26-8c2c033d1f16\",\"connectUrl\":\"https://app.outlit.ai/integrations/connect?sessionId=2c867dd5-5464-42c7-8c26-8c2c033d1f16\",\"alreadyConnected\":false}"u8.ToArray();
        var handler = new CannedHandler(browser);
        var url = new Uri("https://app.outlit.ai/");
        using var outlit = new OutlitClient(new OutlitClientOptions { ApiKey = BenchEnvironment.ApiKey, BaseUrl = url, HttpMessageHandler = handler });
        using var plain = new HttpClient(handler, disposeHandler: false) { BaseAddress = url };
        using var noTimeouts = new OutlitClient(new OutlitClientOptions { ApiKey = BenchEnvironment.ApiKey, BaseUrl = url, HttpMessageHandler = handler, AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan });
        using var noPolly = new OutlitClient(new OutlitClientOptions { ApiKey = BenchEnvironment.ApiKey, BaseUrl = url, HttpMessageHandler = handler, AttemptTimeout = Timeout.InfiniteTimeSpan, TotalTimeout = Timeout.InfiniteTimeSpan, MaxRetries = 0 });
        plain.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BenchEnvironment.ApiKey);
        var api = outlit.Api;

        var handConnect = new Baselines.HandNewtonsoftClient(url, BenchEnvironment.ApiKey, handler);
        var handStjConnect = new Baselines.HandStjClient(url, BenchEnvironment.ApiKey, handler);
        var calls = new (string Name, Func<Task> Call)[]
        {
            ("Wrappers connect", () => outlit.Integrations.ConnectAsync(ProviderId.Hubspot)),
            ("Wrappers, no timeouts", () => noTimeouts.Integrations.ConnectAsync(ProviderId.Hubspot)),
            ("Wrappers, no timeouts/retry", () => noPolly.Integrations.ConnectAsync(ProviderId.Hubspot)),
            ("Wrappers connect (direct)", () => outlit.Integrations.ConnectAsync(ProviderId.Posthog, Contenders.DirectConfig())),
            ("NSwag connect (direct)", () => api.ConnectIntegrationAsync(new IntegrationConnectRequest { Provider = ProviderId.Posthog, Config = Contenders.DirectConfig() })),
            ("Hand Newtonsoft connect (direct)", () => handConnect.ConnectAsync("posthog", Contenders.DirectConfig())),
            ("NSwag connect", () => api.ConnectIntegrationAsync(new IntegrationConnectRequest { Provider = ProviderId.Hubspot })),
            ("Hand Newtonsoft connect", () => handConnect.ConnectAsync("hubspot", null)),
            ("Hand STJ connect", () => handStjConnect.ConnectAsync("hubspot", null)),
            ("Raw HttpClient plain", async () =>
            {
                using var r = new HttpRequestMessage(HttpMethod.Post, "api/integrations/connect") { Content = new StringContent("{\"provider\":\"hubspot\"}") };
                using var response = await plain.SendAsync(r);
            }),
        };

        // Ingest: the same 100 events, acknowledged by the same canned answer.
        var ack = new CannedHandler(Server.Fixtures.IngestSuccess);
        var contenders = new Contenders(url, "cus_x");
        using var ingestHttp = new HttpClient(ack, disposeHandler: false);
        using var ingest = new OutlitIngestClient(BenchEnvironment.PublicKey, ingestHttp, new OutlitIngestClientOptions { BaseUrl = url, RequestsPerSecond = 1_000_000 });
        var ingestApi = ingest.Api;
        var handIngest = new Baselines.HandNewtonsoftClient(url, BenchEnvironment.ApiKey, ack);
        var handStjIngest = new Baselines.HandStjClient(url, BenchEnvironment.ApiKey, ack);
        calls =
        [
            .. calls,
            ("Wrappers ingest 100", () => ingest.SendAsync(contenders.TypedEvents)),
            ("NSwag ingest 100", () => ingestApi.IngestEventsAsync(BenchEnvironment.PublicKey, contenders.IngestRequest)),
            ("Hand Newtonsoft ingest 100", () => handIngest.SendEventsAsync(BenchEnvironment.PublicKey, contenders.HandEvents)),
            ("Hand STJ ingest 100", () => handStjIngest.SendEventsAsync(BenchEnvironment.PublicKey, contenders.HandEvents)),
        ];

        // Warm-up: enough calls for tiered compilation to promote the hot paths, then time for it to finish.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (name, call) in calls)
            {
                var warm = Stopwatch.GetTimestamp();
                while (Stopwatch.GetElapsedTime(warm).TotalMilliseconds < 150)
                {
                    await call();
                }
            }

            await Task.Delay(300);
        }

        var results = calls.ToDictionary(c => c.Name, _ => new List<double>());
        var allocs = calls.ToDictionary(c => c.Name, _ => 0L);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, call) in calls)
            {
                var a0 = GC.GetTotalAllocatedBytes(precise: true);
                await call();
                allocs[name] = GC.GetTotalAllocatedBytes(precise: true) - a0;
                var t0 = Stopwatch.GetTimestamp();
                var n = name.Contains("ingest", StringComparison.Ordinal) ? 200 : 2000;
                for (var i = 0; i < n; i++)
                {
                    await call();
                }

                results[name].Add(Stopwatch.GetElapsedTime(t0).TotalMicroseconds / n);
            }
        }

        var rows = new List<(string Name, double MinMicros, double MedianMicros, long Allocated)>();
        foreach (var (name, _) in calls)
        {
            var sorted = results[name].Order().ToList();
            rows.Add((name, sorted[0], sorted[sorted.Count / 2], allocs[name]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-30} min {sorted[0],8:0.00} µs  median {sorted[sorted.Count / 2],8:0.00} µs  alloc {allocs[name],7} B"));
        }

        return rows;
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }, RequestMessage = request });
    }
}

using Newtonsoft.Json.Linq;
using Outlit.Benchmarks.Baselines;

namespace Outlit.Benchmarks;

/// <summary>Where the benchmark server listens; set by the runner, or by OUTLIT_BENCH_URL.</summary>
public static class BenchEnvironment
{
    public const string ApiKey = "ok_benchmark_0123456789abcdef";

    public const string PublicKey = "pk_benchmark_0123456789";

    public const string LargeQuerySql = "SELECT * FROM activity";

    public static Uri? ServerUrl { get; set; }

    public static string? CustomerId { get; set; }

    public static Uri Url => ServerUrl
        ?? (Environment.GetEnvironmentVariable("OUTLIT_BENCH_URL") is { } url ? new Uri(url) : throw new InvalidOperationException("No benchmark server: run through Program (or set OUTLIT_BENCH_URL)."));

    public static string Customer => CustomerId ?? Environment.GetEnvironmentVariable("OUTLIT_BENCH_CUSTOMER") ?? throw new InvalidOperationException("No customer id.");
}

/// <summary>The four contenders, each ready to run every scenario against the benchmark server.</summary>
public sealed class Contenders : IDisposable
{
    public const int Events = 100;

    private readonly OutlitClient generatedOwner;

    public Contenders(Uri url, string customerId)
    {
        CustomerId = customerId;
        Outlit = new OutlitClient(new OutlitClientOptions { ApiKey = BenchEnvironment.ApiKey, BaseUrl = url });

        // Limits lifted: the client-side pacer would otherwise hold the loop to 100 requests per second.
        Ingest = new OutlitIngestClient(BenchEnvironment.PublicKey, new OutlitIngestClientOptions { BaseUrl = url, RequestsPerSecond = 1_000_000 });

        // The generated layer alone: the NSwag-generated operations on the client's request path, without the
        // hand-written wrappers (no typed tool outputs, no union handling, no paging).
        generatedOwner = new OutlitClient(new OutlitClientOptions { ApiKey = BenchEnvironment.ApiKey, BaseUrl = url });
        Api = generatedOwner.Api;

        Newtonsoft = new HandNewtonsoftClient(url, BenchEnvironment.ApiKey);
        Stj = new HandStjClient(url, BenchEnvironment.ApiKey);

        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Events; i++)
        {
            var properties = new Dictionary<string, object?> { ["plan"] = "pro", ["seats"] = 5 + i, ["trial"] = false };
            var email = $"user{i}@example.com";
            var custom = CustomEvent.Create("report_exported", properties, $"server://{email}", now.AddMilliseconds(i));
            custom.AdditionalProperties["email"] = email;
            TypedEvents.Add(custom);
            HandEvents.Events.Add(new TrackEvent
            {
                EventName = "report_exported",
                Timestamp = now.AddMilliseconds(i).ToUnixTimeMilliseconds(),
                Url = $"server://{email}",
                Path = "/",
                Email = email,
                Properties = new Dictionary<string, object> { ["plan"] = "pro", ["seats"] = 5 + i, ["trial"] = false },
            });
        }

        IngestRequest = new IngestEventsRequest { Source = IngestEventsRequestSource.Server, Events = TypedEvents };
    }

    public string CustomerId { get; }

    public OutlitClient Outlit { get; }

    public OutlitIngestClient Ingest { get; }

    public IOutlitPlatformApi Api { get; }

    public HandNewtonsoftClient Newtonsoft { get; }

    public HandStjClient Stj { get; }

    public List<IngestEvent> TypedEvents { get; } = [];

    public IngestEventsRequest IngestRequest { get; }

    public EventBatch HandEvents { get; } = new();

    public static Dictionary<string, string> DirectConfig() => new() { ["apiKey"] = "phx_benchmark_key", ["region"] = "us", ["projectId"] = "12345" };

    public ListCustomersInput ListInput(string? cursor = null) => new() { Limit = Server.Fixtures.PageSize, Cursor = cursor };

    public GetCustomerInput CustomerInput() => new()
    {
        Customer = CustomerId,
        Include = [GetCustomerInputIncludeItem.Users, GetCustomerInputIncludeItem.Revenue, GetCustomerInputIncludeItem.RecentTimeline, GetCustomerInputIncludeItem.BehaviorMetrics],
        Timeframe = ActivityWindow.Last90Days,
    };

    // ---- NSwag alone: the generated methods, with what a caller must do around them. ----

    public Task<IDictionary<string, object>> NSwagToolAsync(ToolName tool, object input) =>
        Api.CallToolAsync(new ToolCallRequest { Tool = tool, Input = input });

    public async Task<int> NSwagWalkAsync()
    {
        var count = 0;
        string? cursor = null;
        while (true)
        {
            var page = await NSwagToolAsync(ToolName.ListCustomers, ListInput(cursor)).ConfigureAwait(false);
            count += ((JArray)page["items"]).Count;
            var pagination = (JObject)page["pagination"];
            if (pagination.Value<bool>("hasMore") != true)
            {
                return count;
            }

            cursor = pagination.Value<string>("nextCursor");
        }
    }

    public Task<IntegrationConnectResponse> NSwagConnectAsync(bool direct) =>
        Api.ConnectIntegrationAsync(new IntegrationConnectRequest { Provider = direct ? ProviderId.Posthog : ProviderId.Hubspot, Config = direct ? DirectConfig() : null });

    public void Dispose()
    {
        Outlit.Dispose();
        Ingest.Dispose();
        generatedOwner.Dispose();
        Newtonsoft.Dispose();
        Stj.Dispose();
    }
}

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Newtonsoft.Json.Linq;
using Outlit.Benchmarks.Baselines;

namespace Outlit.Benchmarks.Micro;

/// <summary>
/// One category per scenario, four contenders each; the hand-written HttpClient + Newtonsoft.Json
/// implementation is the baseline of every category. Each method returns a value derived from the
/// whole result so nothing is optimized away and a wrong answer is visible.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class ClientBenchmarks
{
    public const string ListCustomers = "outlit_list_customers (1,000)";
    public const string GetCustomer = "outlit_get_customer + sections";
    public const string ConnectBrowser = "connect: browser session";
    public const string ConnectDirect = "connect: direct";
    public const string Ingest = "ingest: 100 events";
    public const string Walk = "walk 10 pages x 1,000";

    private Contenders c = null!;

    [GlobalSetup]
    public void Setup()
    {
        c = new Contenders(BenchEnvironment.Url, BenchEnvironment.Customer);
    }

    [GlobalCleanup]
    public void Cleanup() => c.Dispose();

    // ---- outlit_list_customers ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(ListCustomers)]
    public async Task<int> ListCustomers_Wrappers() => (await c.Outlit.Tools.ListCustomersAsync(c.ListInput())).Items.Count;

    [Benchmark(Description = "NSwag"), BenchmarkCategory(ListCustomers)]
    public async Task<int> ListCustomers_NSwag() => ((JArray)(await c.NSwagToolAsync(ToolName.ListCustomers, c.ListInput()))["items"]).Count;

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(ListCustomers)]
    public async Task<int> ListCustomers_HandNewtonsoft() => (await c.Newtonsoft.ListCustomersAsync(Server.Fixtures.PageSize, null)).Items.Count;

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(ListCustomers)]
    public async Task<int> ListCustomers_HandStj() => (await c.Stj.ListCustomersAsync(Server.Fixtures.PageSize, null)).Items.Count;

    // ---- outlit_get_customer with users, revenue, recent timeline, behaviour metrics ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(GetCustomer)]
    public async Task<int> GetCustomer_Wrappers() => (await c.Outlit.Tools.GetCustomerAsync(c.CustomerInput())).Users!.Count;

    [Benchmark(Description = "NSwag"), BenchmarkCategory(GetCustomer)]
    public async Task<int> GetCustomer_NSwag() => ((JArray)(await c.NSwagToolAsync(ToolName.GetCustomer, c.CustomerInput()))["users"]).Count;

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(GetCustomer)]
    public async Task<int> GetCustomer_HandNewtonsoft() => (await c.Newtonsoft.GetCustomerAsync(c.CustomerId)).Users!.Count;

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(GetCustomer)]
    public async Task<int> GetCustomer_HandStj() => (await c.Stj.GetCustomerAsync(c.CustomerId)).Users!.Count;

    // ---- POST /api/integrations/connect, browser-session answer ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(ConnectBrowser)]
    public async Task<int> ConnectBrowser_Wrappers() => (await c.Outlit.Integrations.ConnectAsync(ProviderId.Hubspot)) is BrowserSession s ? s.SessionId.Length : -1;

    [Benchmark(Description = "NSwag"), BenchmarkCategory(ConnectBrowser)]
    public async Task<int> ConnectBrowser_NSwag() => (await c.NSwagConnectAsync(direct: false)).SessionId?.Length ?? -1;

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(ConnectBrowser)]
    public async Task<int> ConnectBrowser_HandNewtonsoft() => (await c.Newtonsoft.ConnectAsync("hubspot", null)).SessionId?.Length ?? -1;

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(ConnectBrowser)]
    public async Task<int> ConnectBrowser_HandStj() => (await c.Stj.ConnectAsync("hubspot", null)).SessionId?.Length ?? -1;

    // ---- POST /api/integrations/connect, direct-connection answer ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(ConnectDirect)]
    public async Task<int> ConnectDirect_Wrappers() => (await c.Outlit.Integrations.ConnectAsync(ProviderId.Posthog, Contenders.DirectConfig())) is DirectConnection d ? d.ConnectionId.Length : -1;

    [Benchmark(Description = "NSwag"), BenchmarkCategory(ConnectDirect)]
    public async Task<int> ConnectDirect_NSwag() => (await c.NSwagConnectAsync(direct: true)).ConnectionId?.Length ?? -1;

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(ConnectDirect)]
    public async Task<int> ConnectDirect_HandNewtonsoft() => (await c.Newtonsoft.ConnectAsync("posthog", Contenders.DirectConfig())).ConnectionId?.Length ?? -1;

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(ConnectDirect)]
    public async Task<int> ConnectDirect_HandStj() => (await c.Stj.ConnectAsync("posthog", Contenders.DirectConfig())).ConnectionId?.Length ?? -1;

    // ---- ingest: 100 events in one request ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(Ingest)]
    public async Task<int> Ingest_Wrappers() => (await c.Ingest.SendAsync(c.TypedEvents)).AcceptedCount;

    [Benchmark(Description = "NSwag"), BenchmarkCategory(Ingest)]
    public async Task<int> Ingest_NSwag() => (await c.Ingest.Api.IngestEventsAsync(BenchEnvironment.PublicKey, c.IngestRequest)).Success == true ? Contenders.Events : -1;

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(Ingest)]
    public async Task<int> Ingest_HandNewtonsoft() => (await c.Newtonsoft.SendEventsAsync(BenchEnvironment.PublicKey, c.HandEvents)).Success ? Contenders.Events : -1;

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(Ingest)]
    public async Task<int> Ingest_HandStj() => (await c.Stj.SendEventsAsync(BenchEnvironment.PublicKey, c.HandEvents)).Success ? Contenders.Events : -1;

    // ---- walking 10 pages of 1,000 customers ----

    [Benchmark(Description = "Wrappers"), BenchmarkCategory(Walk)]
    public async Task<int> Walk_Wrappers()
    {
        var n = 0;
        await foreach (var _ in c.Outlit.Tools.ListAllCustomersAsync(c.ListInput()))
        {
            n++;
        }

        return n;
    }

    [Benchmark(Description = "NSwag"), BenchmarkCategory(Walk)]
    public Task<int> Walk_NSwag() => c.NSwagWalkAsync();

    [Benchmark(Description = "Hand Newtonsoft", Baseline = true), BenchmarkCategory(Walk)]
    public Task<int> Walk_HandNewtonsoft() => CountAsync(c.Newtonsoft);

    [Benchmark(Description = "Hand STJ source-gen"), BenchmarkCategory(Walk)]
    public Task<int> Walk_HandStj() => CountAsync(c.Stj);

    private static async Task<int> CountAsync(HandClient client)
    {
        var n = 0;
        await foreach (var _ in client.ListAllCustomersAsync(Server.Fixtures.PageSize))
        {
            n++;
        }

        return n;
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Outlit.Testing;

namespace Outlit.Benchmarks.Server;

/// <summary>
/// The fixed response bodies the benchmark server returns. They are taken once from
/// <see cref="OutlitMockServer"/> (which builds documented shapes from a seeded fake customer base),
/// so the bodies are realistic, and then served byte for byte to every contender.
/// </summary>
public sealed class Fixtures
{
    /// <summary>Pages walked by the pagination scenario.</summary>
    public const int PageCount = 10;

    /// <summary>Customers per page: the documented maximum of <c>outlit_list_customers</c>.</summary>
    public const int PageSize = 1000;

    /// <summary>Approximate size of the large <c>outlit_query</c> body.</summary>
    public const int LargeQueryBytes = 20 * 1024 * 1024;

    public required byte[][] CustomerPages { get; init; }

    public required byte[] Customer { get; init; }

    public required string CustomerId { get; init; }

    public required byte[] ConnectBrowser { get; init; }

    public required byte[] ConnectDirect { get; init; }

    public required byte[] LargeQuery { get; init; }

    public required int LargeQueryRows { get; init; }

    /// <summary>The all-accepted ingest answer for a batch of the benchmarks' size (the contract's 200 body).</summary>
    public static readonly byte[] IngestSuccess = System.Text.Encoding.UTF8.GetBytes($"{{\"success\":true,\"processed\":{Contenders.Events}}}");

    public static async Task<Fixtures> CreateAsync()
    {
        await using var mock = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = PageSize, Seed = 20260623 });
        using var http = new HttpClient { BaseAddress = mock.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", mock.ApiKey);

        async Task<JsonObject> PostAsync(string path, JsonObject body)
        {
            using var response = await http.PostAsync(path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The mock answered {(int)response.StatusCode} to {path}: {text}");
            }

            return JsonNode.Parse(text)!.AsObject();
        }

        Task<JsonObject> ToolAsync(string tool, JsonObject input) => PostAsync("api/tools/call", new JsonObject { ["tool"] = tool, ["input"] = input });

        var firstPage = await ToolAsync("outlit_list_customers", new JsonObject { ["limit"] = PageSize });
        var items = firstPage["items"]!.AsArray();
        if (items.Count != PageSize)
        {
            throw new InvalidOperationException($"Expected {PageSize} customers from the mock, got {items.Count}.");
        }

        var pages = new byte[PageCount][];
        for (var i = 0; i < PageCount; i++)
        {
            var page = firstPage.DeepClone().AsObject();
            page["pagination"] = new JsonObject
            {
                ["hasMore"] = i < PageCount - 1,
                ["nextCursor"] = i < PageCount - 1 ? $"page-{i + 1}" : null,
                ["total"] = PageCount * PageSize,
            };
            pages[i] = Encoding.UTF8.GetBytes(page.ToJsonString());
        }

        // The customer with the most contacts gives the fullest related sections.
        var customerId = items.OrderByDescending(c => (int)c!["contactCount"]!).First()!["id"]!.GetValue<string>();
        var customer = await ToolAsync("outlit_get_customer", new JsonObject
        {
            ["customer"] = customerId,
            ["include"] = new JsonArray("users", "revenue", "recentTimeline", "behaviorMetrics"),
            ["timeframe"] = "90d",
        });

        var browser = await PostAsync("api/integrations/connect", new JsonObject { ["provider"] = "hubspot" });
        var direct = await PostAsync("api/integrations/connect", new JsonObject
        {
            ["provider"] = "posthog",
            ["config"] = new JsonObject { ["apiKey"] = "phx_benchmark_key", ["region"] = "us", ["projectId"] = "12345" },
        });

        var query = await ToolAsync("outlit_query", new JsonObject { ["sql"] = "SELECT * FROM activity", ["limit"] = 10000 });
        var (large, rows) = Enlarge(query, LargeQueryBytes);

        return new Fixtures
        {
            CustomerPages = pages,
            Customer = Encoding.UTF8.GetBytes(customer.ToJsonString()),
            CustomerId = customerId,
            ConnectBrowser = Encoding.UTF8.GetBytes(browser.ToJsonString()),
            ConnectDirect = Encoding.UTF8.GetBytes(direct.ToJsonString()),
            LargeQuery = large,
            LargeQueryRows = rows,
        };
    }

    /// <summary>Repeats the mock's activity rows (with distinct IDs) until the body reaches <paramref name="target"/> bytes.</summary>
    private static (byte[] Body, int Rows) Enlarge(JsonObject query, int target)
    {
        var source = query["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        if (source.Count == 0)
        {
            throw new InvalidOperationException("The mock returned no activity rows.");
        }

        var data = new JsonArray();
        var size = 0L;
        var n = 0;
        while (size < target)
        {
            var row = source[n % source.Count].DeepClone().AsObject();
            row["event_id"] = $"evt_{n:D8}";
            size += Encoding.UTF8.GetByteCount(row.ToJsonString()) + 1;
            data.Add(row);
            n++;
        }

        var body = query.DeepClone().AsObject();
        body["data"] = data;
        if (body["metadata"] is JsonObject metadata)
        {
            metadata["rowsReturned"] = n;
            metadata["truncated"] = false;
        }

        return (Encoding.UTF8.GetBytes(body.ToJsonString()), n);
    }
}

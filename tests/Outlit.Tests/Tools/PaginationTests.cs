using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Tools;

public class PaginationTests
{
    /// <summary>A server answering list tools from pages keyed by the cursor in the request (null for the first page).</summary>
    private static Task<LoopbackServer> ServePages(Func<string?, string> pageForCursor) =>
        LoopbackServer.StartAsync((request, context) =>
        {
            var cursor = (string?)JObject.Parse(request.Body)["input"]?["cursor"];
            return LoopbackServer.WriteJsonAsync(context, 200, pageForCursor(cursor));
        });

    private static string CustomersPage(int first, int count, bool hasMore, string? next) =>
        ContractFixtures.Complete("ListCustomersOutput", new JObject
        {
            ["items"] = new JArray(Enumerable.Range(first, count).Select(i => new JObject { ["id"] = $"cus_{i}", ["name"] = null, ["domain"] = null, ["billingStatus"] = i == 2 ? "FROZEN" : "PAYING" })),
            ["pagination"] = new JObject { ["hasMore"] = hasMore, ["nextCursor"] = next, ["total"] = 5 },
        }).ToString();

    private static IEnumerable<string?> SentCursors(LoopbackServer server) =>
        server.Requests.Select(r => (string?)JObject.Parse(r.Body)["input"]?["cursor"]);

    [Test]
    public async Task FollowsNextCursorAcrossPagesUntilHasMoreIsFalse()
    {
        await using var server = await ServePages(cursor => cursor switch
        {
            null => CustomersPage(1, 2, true, "c2"),
            "c2" => CustomersPage(3, 2, true, "c3"),
            "c3" => CustomersPage(5, 1, false, null),
            _ => throw new InvalidOperationException(cursor),
        });
        using var client = TestClients.Create(server);
        var input = new ListCustomersInput { BillingStatus = BillingStatus.Paying, Limit = 2 };

        var ids = new List<string>();
        await foreach (var customer in client.Tools.ListAllCustomersAsync(input))
        {
            ids.Add(customer.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "cus_1", "cus_2", "cus_3", "cus_4", "cus_5" }));
        Assert.That(SentCursors(server), Is.EqualTo(new[] { null, "c2", "c3" }));
        Assert.That(server.Requests.All(r => (string?)JObject.Parse(r.Body)["input"]!["billingStatus"] == "PAYING"), Is.True, "filters are kept on every page");
        Assert.That(input.Cursor, Is.Null, "the caller's input is not modified");
    }

    [Test]
    public async Task UnknownEnumValuesInItemsAreKept()
    {
        await using var server = await ServePages(_ => CustomersPage(1, 3, false, null));
        using var client = TestClients.Create(server);

        var customers = await client.Tools.ListAllCustomersAsync().ToListAsync();

        Assert.That(customers[1].BillingStatus.ToString(), Is.EqualTo("FROZEN"));
        Assert.That(customers[1].BillingStatus.IsKnown, Is.False);
        Assert.That(customers[0].BillingStatus, Is.EqualTo(BillingStatus.Paying));
    }

    [Test]
    public async Task StartsFromTheCallersCursor()
    {
        await using var server = await ServePages(cursor => cursor == "c9" ? CustomersPage(9, 1, false, null) : throw new InvalidOperationException(cursor));
        using var client = TestClients.Create(server);

        var customers = await client.Tools.ListAllCustomersAsync(new ListCustomersInput { Cursor = "c9" }).ToListAsync();

        Assert.That(customers.Single().Id, Is.EqualTo("cus_9"));
    }

    [Test]
    public async Task PagesFactsTimelineSourcesUsersAndWorkspaceUsers()
    {
        await using var server = await LoopbackServer.StartAsync((request, context) =>
        {
            var body = JObject.Parse(request.Body);
            var tool = (string)body["tool"]!;
            var second = (string?)body["input"]?["cursor"] == "next";
            var list = tool switch
            {
                "outlit_list_facts" => "facts",
                "outlit_get_timeline" => "events",
                _ => "items",
            };
            var item = tool switch
            {
                "outlit_list_facts" => new JObject { ["id"] = second ? "f2" : "f1", ["assertion"] = "a" },
                "outlit_get_timeline" => new JObject { ["id"] = second ? "e2" : "e1", ["eventType"] = "t", ["eventName"] = "n", ["channel"] = "PRODUCT", ["occurredAt"] = "2026-04-10T18:22:11.000Z" },
                "outlit_list_sources" => new JObject { ["sourceType"] = "CALL", ["sourceId"] = second ? "s2" : "s1" },
                _ => new JObject { ["id"] = second ? "u2" : "u1" },
            };
            var output = tool switch
            {
                "outlit_list_facts" => "ListFactsOutput",
                "outlit_get_timeline" => "GetTimelineOutput",
                "outlit_list_sources" => "ListSourcesOutput",
                "outlit_list_users" => "ListUsersOutput",
                _ => "ListWorkspaceUsersOutput",
            };
            var page = ContractFixtures.Complete(output, new JObject
            {
                [list] = new JArray(item),
                ["pagination"] = new JObject { ["hasMore"] = !second, ["nextCursor"] = second ? null : "next" },
            });
            return LoopbackServer.WriteJsonAsync(context, 200, page.ToString());
        });
        using var client = TestClients.Create(server);

        var facts = await client.Tools.ListAllFactsAsync(new ListFactsInput { Customer = "acme.com" }).Select(f => f.Id).ToListAsync();
        var events = await client.Tools.GetAllTimelineEventsAsync(new GetTimelineInput { Customer = "acme.com" }).Select(e => e.Id).ToListAsync();
        var sources = await client.Tools.ListAllSourcesAsync(new ListSourcesInput { SourceType = "call" }).Select(s => s.SourceId).ToListAsync();
        var users = await client.Tools.ListAllUsersAsync().Select(u => u.Id).ToListAsync();
        var workspaceUsers = await client.Tools.ListAllWorkspaceUsersAsync().Select(u => u.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(facts, Is.EqualTo(new[] { "f1", "f2" }));
            Assert.That(events, Is.EqualTo(new[] { "e1", "e2" }));
            Assert.That(sources, Is.EqualTo(new[] { "s1", "s2" }));
            Assert.That(users, Is.EqualTo(new[] { "u1", "u2" }));
            Assert.That(workspaceUsers, Is.EqualTo(new[] { "u1", "u2" }));
            Assert.That(server.Requests, Has.Count.EqualTo(10));
        });
    }

    [Test]
    public async Task HasMoreWithoutACursorIsAnErrorNotASilentlyShortList()
    {
        await using var server = await ServePages(_ => CustomersPage(1, 2, true, null));
        using var client = TestClients.Create(server);
        var seen = new List<string>();

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(async () =>
        {
            await foreach (var customer in client.Tools.ListAllCustomersAsync())
            {
                seen.Add(customer.Id);
            }
        });

        Assert.That(seen, Has.Count.EqualTo(2));
        Assert.That(ex.Message, Does.Contain("nextCursor"));
    }

    [Test]
    public async Task ARepeatedCursorStopsInsteadOfLooping()
    {
        await using var server = await ServePages(_ => CustomersPage(1, 1, true, "same"));
        using var client = TestClients.Create(server);

        await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListAllCustomersAsync().ToListAsync().AsTask());

        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsOnCancellation()
    {
        await using var server = await ServePages(cursor => CustomersPage(1, 2, true, "c" + Guid.NewGuid().ToString("N")));
        using var client = TestClients.Create(server);
        using var cts = new CancellationTokenSource();
        var count = 0;

        await TestClients.ThrowsAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.Tools.ListAllCustomersAsync(cancellationToken: cts.Token))
            {
                if (++count == 3)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.That(count, Is.EqualTo(3));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task StopsWhenTheCallerStopsReading()
    {
        await using var server = await ServePages(_ => CustomersPage(1, 2, true, "c" + Guid.NewGuid().ToString("N")));
        using var client = TestClients.Create(server);

        var firstThree = await client.Tools.ListAllCustomersAsync().Take(3).ToListAsync();

        Assert.That(firstThree, Has.Count.EqualTo(3));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }
}

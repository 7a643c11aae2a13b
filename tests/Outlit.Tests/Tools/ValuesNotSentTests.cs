using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Tools;

/// <summary>
/// The README's "one policy for values the server did not send", claim by claim: a missing value is never presented as
/// one the server sent.
/// </summary>
public class ValuesNotSentTests
{
    private static Task<LoopbackServer> Serve(Func<int, string> body)
    {
        var count = -1;
        return LoopbackServer.StartAsync((_, context) => LoopbackServer.WriteJsonAsync(context, 200, body(Interlocked.Increment(ref count))));
    }

    private static string CustomersPage(int items, bool hasMore, string? next) => new JObject
    {
        ["items"] = new JArray(Enumerable.Range(0, items).Select(i => ContractFixtures.Complete("CustomerSummary", new JObject { ["id"] = $"cus_{i}" }))),
        ["pagination"] = new JObject { ["hasMore"] = hasMore, ["nextCursor"] = next, ["total"] = items },
    }.ToString();

    [Test]
    public async Task AMissingRequiredPropertyIsAFormatErrorNamingItsJsonPath()
    {
        await using var server = await Serve(_ => """{"items":[{"id":"stripe","name":"Stripe","category":"billing"}]}""");
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Integrations.ListAsync());

        Assert.That(ex.Message, Does.Contain("'status'").And.Contain("items[0]"));
    }

    [Test]
    public async Task AMissingOptionalPropertyIsNullNeverADefault()
    {
        await using var server = await Serve(_ => """{"items":[{"id":"stripe","name":"Stripe","category":"billing","status":"connected"}]}""");
        using var client = TestClients.Create(server);

        var integration = (await client.Integrations.ListAsync()).Single();

        Assert.Multiple(() =>
        {
            Assert.That(integration.ConnectionId, Is.Null);
            Assert.That(integration.LastDataReceivedAt, Is.Null);
            Assert.That(integration.SyncStatus, Is.Null);
        });
    }

    [Test]
    public async Task APageWithoutItsPagingBlockIsAFormatErrorNotTheEndOfTheList()
    {
        await using var server = await Serve(_ => new JObject { ["items"] = new JArray(ContractFixtures.Complete("CustomerSummary", new JObject { ["id"] = "cus_1" })) }.ToString());
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListAllCustomersAsync().ToListAsync().AsTask());

        Assert.That(ex.Message, Does.Contain("pagination"));
    }

    [Test]
    public async Task EmptyPagesThatClaimMoreAreFollowedUpToTheDocumentedLimit()
    {
        var limit = OutlitPageable<CustomerSummary>.MaxConsecutiveEmptyPages;
        await using var server = await Serve(n => n < limit ? CustomersPage(0, true, $"c{n + 1}") : CustomersPage(2, false, null));
        using var client = TestClients.Create(server);

        var customers = await client.Tools.ListAllCustomersAsync().ToListAsync();

        Assert.That(customers, Has.Count.EqualTo(2));
        Assert.That(server.Requests, Has.Count.EqualTo(limit + 1));
    }

    [Test]
    public async Task OneEmptyPageMoreThanTheLimitEndsTheListingWithAFormatError()
    {
        var limit = OutlitPageable<CustomerSummary>.MaxConsecutiveEmptyPages;
        await using var server = await Serve(n => CustomersPage(0, true, $"c{n + 1}"));
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitResponseFormatException>(() => client.Tools.ListAllCustomersAsync().ToListAsync().AsTask());

        Assert.That(limit, Is.EqualTo(10));
        Assert.That(server.Requests, Has.Count.EqualTo(limit + 1));
        Assert.That(ex.Message, Does.Contain("empty pages"));
    }
}

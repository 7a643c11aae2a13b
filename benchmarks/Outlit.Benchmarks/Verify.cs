using Outlit.Benchmarks.Micro;

namespace Outlit.Benchmarks;

/// <summary>Runs every benchmark once and checks each contender got the same, complete answer before anything is timed.</summary>
public static class Verify
{
    public static async Task RunAsync()
    {
        var b = new ClientBenchmarks();
        b.Setup();
        try
        {
            await Expect("list", 1000, b.ListCustomers_Wrappers(), b.ListCustomers_NSwag(), b.ListCustomers_HandNewtonsoft(), b.ListCustomers_HandStj());
            var users = await b.GetCustomer_HandNewtonsoft();
            await Expect("customer", users, b.GetCustomer_Wrappers(), b.GetCustomer_NSwag(), b.GetCustomer_HandNewtonsoft(), b.GetCustomer_HandStj());
            await Expect("browser", 36, b.ConnectBrowser_Wrappers(), b.ConnectBrowser_NSwag(), b.ConnectBrowser_HandNewtonsoft(), b.ConnectBrowser_HandStj());
            var id = await b.ConnectDirect_HandNewtonsoft();
            await Expect("direct", id, b.ConnectDirect_Wrappers(), b.ConnectDirect_NSwag(), b.ConnectDirect_HandNewtonsoft(), b.ConnectDirect_HandStj());
            await Expect("ingest", Contenders.Events, b.Ingest_Wrappers(), b.Ingest_NSwag(), b.Ingest_HandNewtonsoft(), b.Ingest_HandStj());
            await Expect("walk", 10_000, b.Walk_Wrappers(), b.Walk_NSwag(), b.Walk_HandNewtonsoft(), b.Walk_HandStj());
        }
        finally
        {
            b.Cleanup();
        }

        Console.WriteLine("Verified: every contender returns the same complete answer in every scenario.");
    }

    private static async Task Expect(string scenario, int expected, params Task<int>[] runs)
    {
        string[] names = ["Wrappers", "NSwag", "Hand Newtonsoft", "Hand STJ"];
        for (var i = 0; i < runs.Length; i++)
        {
            var got = await runs[i];
            if (got != expected || got <= 0)
            {
                throw new InvalidOperationException($"{scenario}: {names[i]} returned {got}, expected {expected}.");
            }
        }
    }
}

using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Benchmarks.Scenarios;

public sealed record LargeResult(string Contender, long BodyBytes, int Rows, double Milliseconds, long AllocatedBytes, long PeakWorkingSetDelta, long LargeObjectBytes, string LargestLargeObjectType, long LargestLargeObjectTick);

/// <summary>
/// One ~20 MB <c>outlit_query</c> answer per contender, each in a fresh process so peak working set
/// belongs to that call alone. Large-object-heap allocations are sampled from the runtime's GC
/// events: a whole-body string shows up as a <c>String</c> of twice the body size.
/// </summary>
public static class LargeResponse
{
    public static readonly string[] ContenderNames = ["Wrappers", "Wrappers, typed rows", "NSwag", "Hand Newtonsoft", "Hand STJ source-gen"];

    /// <summary>Parent side: one child process per contender.</summary>
    public static List<LargeResult> Run(ServerProcess server, long bodyBytes)
    {
        var results = new List<LargeResult>();
        foreach (var name in ContenderNames)
        {
            var info = ServerProcess.SelfStartInfo("large", name, server.Url.ToString(), server.CustomerId, bodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.RedirectStandardOutput = true;
            using var child = Process.Start(info)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var line = output.Split('\n').LastOrDefault(l => l.StartsWith('{'))
                ?? throw new InvalidOperationException($"The large-response run for {name} printed no result: {output}");
            results.Add(JsonSerializer.Deserialize<LargeResult>(line)!);
        }

        return results;
    }

    /// <summary>Child side: warm the contender up on a small call, then measure one large call.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var name = args[0];
        var contenders = new Contenders(new Uri(args[1]), args[2]);
        var bodyBytes = long.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);
        Func<Task<int>> call = name switch
        {
            "Wrappers" => async () => (await contenders.Outlit.Tools.QueryAsync(new QueryInput { Sql = BenchEnvironment.LargeQuerySql, Limit = 10000 })).Data.Count,
            // The same wrapper call into the caller's own row type: the contract leaves rows free-form (JObject each).
            "Wrappers, typed rows" => async () => (await contenders.Outlit.Tools.CallToolAsync<Baselines.QueryResult>(OutlitToolCatalog.Query.Name, new QueryInput { Sql = BenchEnvironment.LargeQuerySql, Limit = 10000 })).Data.Count,
            "NSwag" => async () => ((JArray)(await contenders.NSwagToolAsync(ToolName.Query, new QueryInput { Sql = BenchEnvironment.LargeQuerySql, Limit = 10000 }))["data"]).Count,
            "Hand Newtonsoft" => async () => (await contenders.Newtonsoft.QueryAsync(BenchEnvironment.LargeQuerySql, 10000)).Data.Count,
            "Hand STJ source-gen" => async () => (await contenders.Stj.QueryAsync(BenchEnvironment.LargeQuerySql, 10000)).Data.Count,
            _ => throw new ArgumentException("Unknown contender " + name),
        };

        // Warm-up on the large call itself (JIT, connection, serializer caches), then drop everything.
        await call();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        ResetPeak();
        var before = CurrentRss();
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var rows = await call();
        var ms = clock.Elapsed.TotalMilliseconds;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        var peak = PeakRss() - before;

        // A second call with the GC event listener on (it allocates itself, so not during the first).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var listener = new LargeObjectListener();
        await call();
        await Task.Delay(2000); // runtime events reach in-process listeners asynchronously
        listener.Dispose();
        var (loh, largestType, largestTick) = listener.Summary();
        Console.WriteLine(JsonSerializer.Serialize(new LargeResult(name, bodyBytes, rows, ms, alloc, peak, loh, largestType, largestTick)));
        contenders.Dispose();
        return 0;
    }

    /// <summary>Linux: writing 5 to clear_refs resets the peak resident set (VmHWM) of this process.</summary>
    private static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux or not allowed: the peak then covers the warm-up call as well, an upper bound.
        }
    }

    private static long CurrentRss() => ReadStatus("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64;

    private static long PeakRss() => ReadStatus("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    private static long? ReadStatus(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>Sums the runtime's AllocationTick events for the large object heap.</summary>
    private sealed class LargeObjectListener : EventListener
    {
        private readonly Lock gate = new();
        private long total;
        private long largest;
        private string largestType = "";

        public (long Total, string LargestType, long Largest) Summary()
        {
            lock (gate)
            {
                return (total, largestType, largest);
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null || e.PayloadNames is null)
            {
                return;
            }

            var kind = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("AllocationKind")], System.Globalization.CultureInfo.InvariantCulture);
            if (kind != 1)
            {
                return;
            }

            var amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
            var amount = amountIndex >= 0 ? Convert.ToInt64(e.Payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var typeIndex = e.PayloadNames.IndexOf("TypeName");
            var type = typeIndex >= 0 ? e.Payload[typeIndex]?.ToString() ?? "" : "";
            lock (gate)
            {
                total += amount;
                if (amount > largest)
                {
                    largest = amount;
                    largestType = type;
                }
            }
        }
    }
}

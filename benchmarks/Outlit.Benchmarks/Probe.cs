using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Outlit.Benchmarks.Micro;

namespace Outlit.Benchmarks;

/// <summary>
/// Quick interleaved comparison for a busy machine: runs the contenders of one scenario in turn,
/// many rounds, and prints the minimum and median of each (the minimum is the least disturbed
/// by other load). For diagnosis only; the published figures come from BenchmarkDotNet.
/// </summary>
public static class Probe
{
    public static async Task RunAsync(string scenarioPrefix, int rounds)
    {
        var b = new ClientBenchmarks();
        b.Setup();
        try
        {
            var methods = typeof(ClientBenchmarks).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.Name.StartsWith(scenarioPrefix + "_", StringComparison.Ordinal) && m.ReturnType == typeof(Task<int>))
                .ToList();
            var times = methods.ToDictionary(m => m.Name, _ => new List<double>());
            var allocs = methods.ToDictionary(m => m.Name, _ => new List<long>());
            var cpu = methods.ToDictionary(m => m.Name, _ => new List<double>());
            var wall = methods.ToDictionary(m => m.Name, _ => new List<double>());
            var process = Process.GetCurrentProcess();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var m in methods)
                {
                    var call = (Func<Task<int>>)Delegate.CreateDelegate(typeof(Func<Task<int>>), b, m);
                    var total0 = GC.GetTotalAllocatedBytes(precise: true);
                    var t = Stopwatch.GetTimestamp();
                    await call();
                    times[m.Name].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    allocs[m.Name].Add(GC.GetTotalAllocatedBytes(precise: true) - total0);

                    // CPU time of this process (the server has its own) over a block of calls: less
                    // sensitive to other load on the machine than wall time.
                    process.Refresh();
                    var c0 = process.TotalProcessorTime;
                    var t0 = Stopwatch.GetTimestamp();
                    var n = 0;
                    while (Stopwatch.GetElapsedTime(t0).TotalMilliseconds < 100)
                    {
                        await call();
                        n++;
                    }

                    process.Refresh();
                    cpu[m.Name].Add((process.TotalProcessorTime - c0).TotalMilliseconds / n);
                    wall[m.Name].Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds / n);
                }
            }

            foreach (var m in methods)
            {
                var sorted = times[m.Name].Skip(rounds / 5).Order().ToList();
                var cpuSorted = cpu[m.Name].Skip(rounds / 5).Order().ToList();
                var wallSorted = wall[m.Name].Skip(rounds / 5).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,  $"{m.Name,-30} single min {sorted[0],7:0.000} median {sorted[sorted.Count / 2],7:0.000} ms  loop wall/op min {wallSorted[0],8:0.000} median {wallSorted[wallSorted.Count / 2],8:0.000} ms  cpu/op median {cpuSorted[cpuSorted.Count / 2],8:0.000} ms  alloc {allocs[m.Name].Skip(rounds / 5).Average() / 1024,9:0.0} KB"));
            }
        }
        finally
        {
            b.Cleanup();
        }
    }
}

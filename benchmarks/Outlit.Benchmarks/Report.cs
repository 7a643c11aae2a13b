using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using BenchmarkDotNet.Reports;
using Outlit.Benchmarks.Scenarios;

namespace Outlit.Benchmarks;

/// <summary>Collects every measurement of a run into one markdown document.</summary>
public sealed class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly StringBuilder text = new();

    public Report(string mode, string serverInfo)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"# Outlit client benchmarks ({mode} mode), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {Cpu()}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average at start: {LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Server bodies: {serverInfo}");
        text.AppendLine();
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string Cpu()
    {
        if (File.Exists("/proc/cpuinfo"))
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                return line[(line.IndexOf(':') + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    public void AddMicro(Summary summary)
    {
        var rows = summary.Reports
            .Where(r => r.ResultStatistics is not null)
            .Select(r => (
                Scenario: r.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? "",
                Contender: r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                Baseline: r.BenchmarkCase.Descriptor.Baseline,
                Mean: r.ResultStatistics!.Mean,
                Median: r.ResultStatistics.Median,
                Error: r.ResultStatistics.StandardError,
                Alloc: r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0))
            .ToList();

        text.AppendLine("## Calls: mean time and allocation per operation");
        text.AppendLine();
        text.AppendLine("Ratios are to the hand-written HttpClient + Newtonsoft.Json baseline of the same scenario; the last two columns compare the wrappers with the generated client alone.");
        text.AppendLine();
        text.AppendLine("| Scenario | Contender | Mean | ± s.e. | Median | Allocated | Time ratio | Alloc ratio |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var overNSwag = new List<string>();
        foreach (var group in rows.GroupBy(r => r.Scenario))
        {
            var baseline = group.FirstOrDefault(r => r.Baseline);
            foreach (var r in group.OrderBy(r => Order(r.Contender)))
            {
                var time = baseline.Mean > 0 ? r.Mean / baseline.Mean : double.NaN;
                var alloc = baseline.Alloc > 0 ? (double)r.Alloc / baseline.Alloc : double.NaN;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {r.Contender} | {Time(r.Mean)} | {Time(r.Error)} | {Time(r.Median)} | {Bytes(r.Alloc)} | {time:0.00} | {alloc:0.00} |");
            }

            var wrappers = group.FirstOrDefault(r => r.Contender == "Wrappers");
            var nswag = group.FirstOrDefault(r => r.Contender == "NSwag");
            if (wrappers.Mean > 0 && nswag.Mean > 0)
            {
                overNSwag.Add(string.Create(Inv, $"| {group.Key} | {(wrappers.Mean / nswag.Mean - 1) * 100:+0.0;-0.0;0.0}% | {((double)wrappers.Alloc / Math.Max(1, nswag.Alloc) - 1) * 100:+0.0;-0.0;0.0}% | {wrappers.Mean / baseline.Mean:0.00} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("| Scenario | Wrappers vs NSwag: time | Wrappers vs NSwag: allocated | Wrappers / hand Newtonsoft |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var line in overNSwag)
        {
            text.AppendLine(line);
        }

        text.AppendLine();
    }

    private static int Order(string contender) => contender switch
    {
        "Wrappers" => 0,
        "NSwag" => 1,
        "Hand Newtonsoft" => 2,
        _ => 3,
    };

    public void AddTracker(TrackerUnlimitedResult? unlimited, TrackerLimitedResult? limited)
    {
        text.AppendLine("## Tracker");
        text.AppendLine();
        if (unlimited is { } u)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Limits lifted (client pacing 1,000,000 req/s, server without limits), one producer thread, `Track` to server acknowledgement:");
            text.AppendLine();
            text.AppendLine("| Events | Seconds | Events/s | CPU µs/event (client process) | Allocated B/event | `Track` call µs | Server events | Server requests | Max events/request | Dropped | Failed |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            text.AppendLine(string.Create(Inv, $"| {u.Events:N0} | {u.Seconds:0.00} | {u.EventsPerSecond:N0} | {u.CpuMicrosPerEvent:0.0} | {u.AllocatedBytesPerEvent:N0} | {u.TrackCallMicros:0.00} | {u.ServerEvents:N0} | {u.ServerRequests:N0} | {u.MaxEventsPerRequest} | {u.Dropped} | {u.Failed} |"));
            text.AppendLine();
        }

        if (limited is { } l)
        {
            text.AppendLine("Documented limits on (server: 100 requests/s with 429 beyond; client: default options), producer at 10,000 events/s = 100 requests/s × 100 events:");
            text.AppendLine();
            text.AppendLine("| Produced for | Produced | Acknowledged | Ack'd events/s | Requests/s | Max queue | Drain after stop | 429s | Dropped | Failed | Kept up |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
            text.AppendLine(string.Create(Inv, $"| {l.Seconds:0.0} s | {l.Produced:N0} | {l.Acked:N0} | {l.AckedPerSecond:N0} | {l.RequestsPerSecond:0.0} | {l.MaxQueue:N0} | {l.DrainSeconds:0.00} s | {l.Server429} | {l.Dropped} | {l.Failed} | {(l.KeptUp ? "yes" : "no")} |"));
            text.AppendLine();
        }
    }

    public void AddLarge(List<LargeResult> results)
    {
        text.AppendLine("## Large response: one ~20 MB `outlit_query` result");
        text.AppendLine();
        text.AppendLine("Each contender in a fresh process, after one warm-up call. Peak working set is the rise of the process's peak resident set during the call. LOH = large-object-heap allocations sampled from the runtime's GC events; a whole-body string would appear as a `String` of about twice the body size.");
        text.AppendLine();
        text.AppendLine("| Contender | Body | Rows | Time | Allocated | Allocated / body | Peak WS rise | Peak / body | LOH allocated | Largest LOH sample |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var r in results)
        {
            text.AppendLine(string.Create(Inv, $"| {r.Contender} | {Bytes(r.BodyBytes)} | {r.Rows:N0} | {r.Milliseconds:N0} ms | {Bytes(r.AllocatedBytes)} | {(double)r.AllocatedBytes / r.BodyBytes:0.0}× | {Bytes(r.PeakWorkingSetDelta)} | {(double)r.PeakWorkingSetDelta / r.BodyBytes:0.0}× | {Bytes(r.LargeObjectBytes)} | {r.LargestLargeObjectType} {Bytes(r.LargestLargeObjectTick)} |"));
        }

        text.AppendLine();
    }

    public void AddBuild(BuildResult result)
    {
        text.AppendLine("## Build pipeline: `dotnet build src/Outlit.Extensions/Outlit.csproj -c Release`");
        text.AppendLine();
        text.AppendLine("| Build | Wall | Generation target (normalizer + NSwag) | Share | CoreCompile | NSwag runs logged |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in result.Samples)
        {
            text.AppendLine(string.Create(Inv, $"| {s.Kind} | {s.WallSeconds:0.0} s | {s.GenerationTargetSeconds:0.0} s | {(s.WallSeconds > 0 ? s.GenerationTargetSeconds / s.WallSeconds * 100 : 0):0}% | {s.CompileSeconds:0.0} s | {s.NSwagRuns} |"));
        }

        text.AppendLine();
        text.AppendLine(string.Create(Inv, $"Run on their own with the build's arguments: normalizer {result.NormalizerAloneSeconds:0.0} s, NSwag {result.NSwagAloneSeconds:0.0} s."));
        text.AppendLine();
    }

    public void AddOverhead(List<(string Name, double MinMicros, double MedianMicros, long Allocated)> rows)
    {
        text.AppendLine("## Fixed cost per call without the network");
        text.AppendLine();
        text.AppendLine("Every contender sends through the same in-memory handler, which answers at once with the same canned body (a browser-session connect answer, also for the \"(direct)\" rows, which send credentials; an ingest acknowledgement); what remains is request building, the pipeline stages and deserialization. Minimum and median of the per-call average over blocks of calls.");
        text.AppendLine();
        text.AppendLine("| Call | Min | Median | Allocated |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            text.AppendLine(string.Create(Inv, $"| {r.Name} | {r.MinMicros:0.00} µs | {r.MedianMicros:0.00} µs | {Bytes(r.Allocated)} |"));
        }

        text.AppendLine();
    }

    public void AddLine(string line)
    {
        text.AppendLine(line);
        text.AppendLine();
    }

    public string Finish(double totalSeconds)
    {
        text.AppendLine(string.Create(Inv, $"Load average at end: {LoadAverage()}. Total run time: {totalSeconds:0} s."));
        return text.ToString();
    }

    private static string Time(double ns) => ns switch
    {
        >= 1e9 => string.Create(Inv, $"{ns / 1e9:0.000} s"),
        >= 1e6 => string.Create(Inv, $"{ns / 1e6:0.00} ms"),
        >= 1e3 => string.Create(Inv, $"{ns / 1e3:0.0} µs"),
        _ => string.Create(Inv, $"{ns:0} ns"),
    };

    private static string Bytes(long b) => b switch
    {
        >= 1L << 20 => string.Create(Inv, $"{b / 1048576.0:0.0} MB"),
        >= 1L << 10 => string.Create(Inv, $"{b / 1024.0:0.0} KB"),
        _ => string.Create(Inv, $"{b} B"),
    };
}

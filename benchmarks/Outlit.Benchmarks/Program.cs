using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Outlit.Benchmarks.Micro;
using Outlit.Benchmarks.Scenarios;
using Outlit.Benchmarks.Server;

namespace Outlit.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/Outlit.Benchmarks -- [--short] [--only micro,tracker,large,build] [--out file.md]</c>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
        {
            return await BenchServer.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "large")
        {
            return await LargeResponse.ChildAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "overhead")
        {
            _ = await Overhead.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
            return 0;
        }

        if (args.Length > 1 && args[0] == "probe")
        {
            using var probeServer = ServerProcess.Start();
            BenchEnvironment.ServerUrl = probeServer.Url;
            BenchEnvironment.CustomerId = probeServer.CustomerId;
            foreach (var scenario in args[1].Split(','))
            {
                await Probe.RunAsync(scenario, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50);
            }

            return 0;
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                Outlit client benchmarks (see docs/benchmarks.md).
                  (no option)          full run: calls, tracker, large response, build pipeline
                  --short              the same in short mode (under 3 minutes)
                  --only a,b           any of: micro, overhead, tracker, large, build
                  --filter A,B         only the call benchmarks whose method names start with A or B (e.g. Connect,Ingest)
                  --in-process         full mode without a process per benchmark (faster, less isolated)
                  --out file.md        where to write the report (default BenchmarkDotNet.Artifacts/outlit-<mode>.md)
                Diagnostics:
                  probe Scenario[,..] [rounds]   interleaved quick comparison, e.g. probe GetCustomer,Ingest 30
                  overhead [rounds]              per-call cost with an in-memory transport (no network)
                """);
            return 0;
        }

        var shortMode = args.Contains("--short");
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet() ?? ["micro", "overhead", "tracker", "large", "build"];
        var output = Option(args, "--out") ?? Path.Combine("BenchmarkDotNet.Artifacts", $"outlit-{(shortMode ? "short" : "full")}.md");
        var clock = Stopwatch.StartNew();

        using var server = ServerProcess.Start();
        BenchEnvironment.ServerUrl = server.Url;
        BenchEnvironment.CustomerId = server.CustomerId;

        // Out-of-process benchmark runs inherit these.
        Environment.SetEnvironmentVariable("OUTLIT_BENCH_URL", server.Url.ToString());
        Environment.SetEnvironmentVariable("OUTLIT_BENCH_CUSTOMER", server.CustomerId);
        Console.WriteLine($"Benchmark server on {server.Url}: {server.Info}");
        var report = new Report(shortMode ? "short" : "full", server.Info);

        if (only.Contains("micro"))
        {
            await Verify.RunAsync();
            // Full mode runs each benchmark in its own process (no JIT, PGO or GC state carried from one
            // benchmark to the next); short mode stays in this process to fit in its time budget.
            var config = MicroConfig(shortMode, outOfProcess: !shortMode && !args.Contains("--in-process"));
            if (Option(args, "--filter") is { } filter)
            {
                // Method-name prefixes, e.g. --filter Connect,Ingest
                var prefixes = filter.Split(',', StringSplitOptions.RemoveEmptyEntries);
                config = config.AddFilter(new BenchmarkDotNet.Filters.SimpleFilter(b => prefixes.Any(p => b.Descriptor.WorkloadMethod.Name.StartsWith(p, StringComparison.Ordinal))));
            }

            var summary = BenchmarkRunner.Run<ClientBenchmarks>(config);
            report.AddMicro(summary);
        }

        if (only.Contains("overhead"))
        {
            report.AddOverhead(await Overhead.RunAsync(shortMode ? 5 : 15));
        }

        if (only.Contains("tracker"))
        {
            var unlimited = await TrackerThroughput.UnlimitedAsync(server, shortMode ? 100_000 : 500_000);
            Console.WriteLine(unlimited);
            var limited = await TrackerThroughput.LimitedAsync(server, TimeSpan.FromSeconds(shortMode ? 5 : 20));
            Console.WriteLine(limited);
            report.AddTracker(unlimited, limited);
        }

        if (only.Contains("large"))
        {
            var results = LargeResponse.Run(server, long.Parse(server.Info.Split("query ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
            foreach (var r in results)
            {
                Console.WriteLine(r);
            }

            report.AddLarge(results);
        }

        if (only.Contains("build"))
        {
            var root = RepositoryRoot();
            var result = BuildPipeline.Run(root, shortMode ? 1 : 3);
            foreach (var s in result.Samples)
            {
                Console.WriteLine(s);
            }

            report.AddBuild(result);
        }

        var markdown = report.Finish(clock.Elapsed.TotalSeconds);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, markdown);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Written to {Path.GetFullPath(output)}");
        return 0;
    }

    /// <summary>
    /// The server always runs in its own process. Short mode uses the in-process toolchain (no second
    /// project to generate and build); full mode launches one process per benchmark.
    /// </summary>
    private static IConfig MicroConfig(bool shortMode, bool outOfProcess)
    {
        var job = outOfProcess ? Job.Default.WithLaunchCount(1) : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1);
        job = shortMode
            ? job.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(150)).WithEvaluateOverhead(false).WithId("short")
            : job.WithWarmupCount(4).WithIterationCount(15).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(400)).WithEvaluateOverhead(false).WithId("full");
        return DefaultConfig.Instance
            .AddJob(job)
            .WithOptions(ConfigOptions.DisableOptimizationsValidator | ConfigOptions.JoinSummary);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outlit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Outlit.sln not found above " + AppContext.BaseDirectory);
    }
}

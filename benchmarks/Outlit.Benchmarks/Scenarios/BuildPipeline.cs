using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Outlit.Benchmarks.Scenarios;

public sealed record BuildSample(string Kind, double WallSeconds, double GenerationTargetSeconds, double CompileSeconds, int NSwagRuns);

public sealed record BuildResult(List<BuildSample> Samples, double NSwagAloneSeconds, double NormalizerAloneSeconds);

/// <summary>
/// Wall time of <c>dotnet build</c> of the library (which owns the generation step) with nothing
/// changed and after touching the contract, NSwag's share from MSBuild's performance summary, and
/// NSwag run on its own. Only timestamps are touched; no file content changes.
/// </summary>
public static partial class BuildPipeline
{
    public static BuildResult Run(string repositoryRoot, int repetitions)
    {
        var project = Path.Combine(repositoryRoot, "src", "Outlit.Extensions", "Outlit.csproj");
        var spec = Path.Combine(repositoryRoot, "openapi", "openapi.json");
        var log = Path.Combine(repositoryRoot, "build", "obj", "generation", "nswag-runs.log");
        var samples = new List<BuildSample>();

        // Bring everything up to date first, so the first no-op sample is really a no-op.
        Build(project, log, "warm-up");
        for (var i = 0; i < repetitions; i++)
        {
            samples.Add(Build(project, log, "no-op"));
        }

        for (var i = 0; i < repetitions; i++)
        {
            File.SetLastWriteTimeUtc(spec, DateTime.UtcNow);
            samples.Add(Build(project, log, "spec touched"));
        }

        // A full rebuild: normalizer project, generation and compile all run; shows NSwag against a real compile.
        File.SetLastWriteTimeUtc(spec, DateTime.UtcNow);
        samples.Add(Build(project, log, "full rebuild (--no-incremental)", "--no-incremental"));

        // NSwag and the normalizer alone, with the build's own arguments, writing to a scratch folder.
        var scratch = Directory.CreateTempSubdirectory("outlit-nswag-");
        try
        {
            var buildDir = Path.Combine(repositoryRoot, "build");
            var normalizer = Directory.GetFiles(Path.Combine(buildDir, "Outlit.CodeGen", "bin"), "Outlit.CodeGen.dll", SearchOption.AllDirectories)
                .OrderByDescending(File.GetLastWriteTimeUtc).First();
            var normalized = Path.Combine(scratch.FullName, "openapi.normalized.json");
            var normalizerSeconds = Time("dotnet", [normalizer, spec, normalized, "--report", Path.Combine(scratch.FullName, "unions.json")], repositoryRoot);
            var nswag = Path.Combine(buildDir, "node_modules", "nswag", "bin", "binaries", "Net100", "dotnet-nswag.dll");
            var nswagSeconds = Time("dotnet", [nswag, "run", Path.Combine(repositoryRoot, "openapi", "nswag.json"),
                $"/variables:Input={normalized},Output={Path.Combine(scratch.FullName, "OutlitApiClient.g.cs")},Namespace=Outlit,TemplateDirectory={Path.Combine(repositoryRoot, "openapi", "templates")}"], repositoryRoot);
            return new BuildResult(samples, nswagSeconds, normalizerSeconds);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static BuildSample Build(string project, string log, string kind, params string[] extra)
    {
        var runsBefore = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        var (seconds, output) = RunProcess("dotnet", ["build", project, "-c", "Release", "-nologo", "-clp:PerformanceSummary", .. extra], Path.GetDirectoryName(project)!);
        var runsAfter = File.Exists(log) ? File.ReadAllLines(log).Length : 0;
        return new BuildSample(kind, seconds, TargetSeconds(output, "OutlitRunGeneration"), TargetSeconds(output, "CoreCompile"), runsAfter - runsBefore);
    }

    /// <summary>Reads a target's total from the "Target Performance Summary" block (milliseconds).</summary>
    private static double TargetSeconds(string output, string target)
    {
        var total = 0.0;
        foreach (Match m in TargetLine().Matches(output))
        {
            if (m.Groups[2].Value == target)
            {
                total += double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0;
            }
        }

        return total;
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?) ms\s+(\S+)\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex TargetLine();

    private static double Time(string file, string[] args, string directory) => RunProcess(file, args, directory).Seconds;

    private static (double Seconds, string Output) RunProcess(string file, string[] args, string directory)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var clock = Stopwatch.StartNew();
        using var p = Process.Start(info)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {output}{stderr.Result}");
        }

        return (seconds, output);
    }
}

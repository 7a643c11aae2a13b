using Outlit.Drift.Surface;

namespace Outlit.Drift.Cli;

/// <summary><c>outlit-drift api</c>: writes or checks the public API listings of built assemblies.</summary>
public static class ApiCommand
{
    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>api</c>.</param>
    /// <param name="stdout">Where listings (without a folder) and results go.</param>
    /// <param name="stderr">Where usage errors and differences go.</param>
    /// <returns>0 written or unchanged, 1 a checked listing differs, 2 usage or unreadable assembly.</returns>
    public static int Run(ReadOnlySpan<string> args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var assemblies = new List<string>();
        string? outFolder = null;
        string? checkFolder = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length:
                    outFolder = args[++i];
                    break;
                case "--check" when i + 1 < args.Length:
                    checkFolder = args[++i];
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    stderr.WriteLine($"Unknown or incomplete option '{option}'.");
                    stderr.WriteLine(DriftCommand.Usage);
                    return ExitCodes.UsageOrInput;
                default:
                    assemblies.Add(args[i]);
                    break;
            }
        }

        if (assemblies.Count == 0 || (outFolder is not null && checkFolder is not null))
        {
            stderr.WriteLine("api needs at least one assembly, and at most one of --out and --check.");
            stderr.WriteLine(DriftCommand.Usage);
            return ExitCodes.UsageOrInput;
        }

        var differs = false;
        foreach (var assembly in assemblies)
        {
            string listing;
            try
            {
                listing = ApiListing.Render(ApiSurface.Load(assembly), Path.GetFileNameWithoutExtension(assembly));
            }
            catch (Exception ex) when (ex is IOException or BadImageFormatException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"outlit-drift: cannot read {assembly}: {ex.Message}");
                return ExitCodes.UsageOrInput;
            }

            var fileName = Path.GetFileNameWithoutExtension(assembly) + ".cs";
            if (checkFolder is not null)
            {
                var path = Path.Combine(checkFolder, fileName);
                var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
                if (committed != listing)
                {
                    differs = true;
                    stderr.WriteLine($"{path} is not the public API of {assembly}:");
                    foreach (var line in LineDiff(committed ?? string.Empty, listing).Take(40))
                    {
                        stderr.WriteLine("  " + line);
                    }
                }
                else
                {
                    stdout.WriteLine($"{path}: up to date");
                }
            }
            else if (outFolder is not null)
            {
                Directory.CreateDirectory(outFolder);
                File.WriteAllText(Path.Combine(outFolder, fileName), listing);
                stdout.WriteLine($"wrote {Path.Combine(outFolder, fileName)}");
            }
            else
            {
                stdout.Write(listing);
            }
        }

        return differs ? ExitCodes.OverThreshold : ExitCodes.Clean;
    }

    /// <summary>The lines only one side has, marked <c>-</c> (listing on disk) or <c>+</c> (built assembly).</summary>
    public static IEnumerable<string> LineDiff(string before, string after)
    {
        var old = before.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 1).ToList();
        var now = after.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 1).ToList();
        var oldSet = old.ToHashSet(StringComparer.Ordinal);
        var nowSet = now.ToHashSet(StringComparer.Ordinal);
        return old.Where(l => !nowSet.Contains(l)).Select(l => "- " + l)
            .Concat(now.Where(l => !oldSet.Contains(l)).Select(l => "+ " + l));
    }
}

using Outlit.Drift.Comparison;
using Outlit.Drift.Release;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Cli;

/// <summary>
/// <c>outlit-drift release</c>: the version, release notes and <c>api/</c> files of the next package, from the built
/// assembly's public surface compared with the latest package of the same id in a feed.
/// </summary>
public static class ReleaseCommand
{
    /// <summary>The file in the output folder that holds the version, alone on one line.</summary>
    public const string VersionFile = "version.txt";

    /// <summary>The file in the output folder that holds the release notes (markdown).</summary>
    public const string NotesFile = "release-notes.md";

    /// <summary>The usage text of the command.</summary>
    public const string Usage = """
        Usage: outlit-drift release --feed <folder> --package <id> --assembly <dll> --out <folder>
                                    [--contract <openapi.json>] [--first-version <x.y.z>]

        Versions the next package <id> by its public surface: the latest <id> in the feed
        plus major (a member removed or changed), minor (members added) or patch (neither);
        the first package gets --first-version (default 1.0.0). Writes into --out:
          version.txt        the version
          release-notes.md   the drift report of --contract against the contract the
                             previous package carries, with the public API diff
          api/               what the package carries for the next release: <Assembly>.cs
                             (the listing), <Assembly>.surface.json, and openapi.json
                             (the contract) when --contract is given
        Exit codes: 0 written, 2 usage error or unreadable input.
        """;

    /// <summary>Runs the command.</summary>
    /// <param name="args">The arguments after <c>release</c>.</param>
    /// <param name="stdout">Where the one-line result goes.</param>
    /// <param name="stderr">Where usage and input errors go.</param>
    /// <param name="cancellationToken">Cancels reading the documents.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 1 && args[0] is "-h" or "--help")
        {
            stdout.WriteLine(Usage);
            return ExitCodes.Clean;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--feed", "--package", "--assembly", "--out", "--contract", "--first-version"];
        for (var i = 0; i < args.Length; i++)
        {
            if (!known.Contains(args[i]) || i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                return UsageError(stderr, $"Unknown or incomplete option '{args[i]}'.");
            }

            values[args[i]] = args[++i];
        }

        foreach (var required in new[] { "--feed", "--package", "--assembly", "--out" })
        {
            if (!values.ContainsKey(required))
            {
                return UsageError(stderr, $"release needs {required}.");
            }
        }

        var firstVersion = ReleasePlanner.DefaultFirstVersion;
        if (values.TryGetValue("--first-version", out var first) && (!ReleaseVersion.TryParse(first, out firstVersion) || firstVersion.PreRelease is not null))
        {
            return UsageError(stderr, $"--first-version must be MAJOR.MINOR.PATCH (got '{first}').");
        }

        if (values.TryGetValue("--contract", out var contractPath) && !File.Exists(contractPath))
        {
            stderr.WriteLine($"outlit-drift: the contract {contractPath} does not exist.");
            return ExitCodes.UsageOrInput;
        }

        var request = new ReleaseRequest(values["--feed"], values["--package"], values["--assembly"], values.GetValueOrDefault("--contract"), firstVersion!);
        ReleasePlan plan;
        try
        {
            plan = await ReleasePlanner.PlanAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DriftInputException or IOException or UnauthorizedAccessException or BadImageFormatException or FormatException or InvalidDataException)
        {
            stderr.WriteLine("outlit-drift: " + ex.Message);
            return ExitCodes.UsageOrInput;
        }

        var output = values["--out"];
        var api = Path.Combine(output, PackageFeed.ApiFolder);
        Directory.CreateDirectory(api);
        var assemblyName = Path.GetFileNameWithoutExtension(request.Assembly);
        await File.WriteAllTextAsync(Path.Combine(output, VersionFile), plan.Version + "\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(output, NotesFile), ReleasePlanner.ReleaseNotes(plan), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(api, assemblyName + ".cs"), ApiListing.Render(plan.Current, assemblyName), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(api, PackageFeed.SurfaceFileName(assemblyName)), plan.Current.ToJson(), cancellationToken).ConfigureAwait(false);
        if (request.Contract is not null)
        {
            File.Copy(request.Contract, Path.Combine(api, "openapi.json"), overwrite: true);
        }

        stdout.WriteLine(plan.Previous is { } previous
            ? $"{plan.PackageId} {plan.Version}: {plan.Bump.ToString()!.ToLowerInvariant()} after {previous.Version} ({plan.Surface!.Removed.Count} removed, {plan.Surface.Changed.Count} changed, {plan.Surface.Added.Count} added)"
            : $"{plan.PackageId} {plan.Version}: first release (no {plan.PackageId} in the feed)");
        return ExitCodes.Clean;
    }

    private static int UsageError(TextWriter stderr, string problem)
    {
        stderr.WriteLine(problem);
        stderr.WriteLine(Usage);
        return ExitCodes.UsageOrInput;
    }
}

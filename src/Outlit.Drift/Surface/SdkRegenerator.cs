using Outlit.Drift.Comparison;

namespace Outlit.Drift.Surface;

/// <summary>
/// Builds the whole SDK, the generated client together with the hand-written layer that users call, against the base
/// and then the candidate contract, and compares the public surfaces of the shipped assemblies. When the SDK no longer
/// compiles against the candidate, the compiler's errors are placed in the members that contain them, and those
/// members are what the report names.
/// </summary>
/// <remarks>
/// The build runs in a temporary copy of the repository (<see cref="SdkSources.CopyTo"/>) with each contract in turn
/// as <c>openapi/openapi.json</c>, through the same MSBuild generation step as every build; the checkout is only read.
/// Warnings are not errors there: a warning the candidate causes is for the maintainers to fix, not a change users see.
/// </remarks>
public sealed class SdkRegenerator : IClientRegenerator
{
    private const string RefusalMarker = "was refused: the document is invalid";
    private const string Configuration = "Release";
    private const string TargetFramework = "net10.0";

    private readonly string? root;

    /// <summary>Creates the regenerator.</summary>
    /// <param name="root">The repository root; when null it is found with <see cref="SdkSources.Locate"/>.</param>
    public SdkRegenerator(string? root = null)
    {
        this.root = root;
    }

    /// <inheritdoc />
    public async Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        ArgumentNullException.ThrowIfNull(candidate);
        var sources = root ?? SdkSources.Locate()
            ?? throw new RegenerationException($"The SDK sources are not available: no checkout of the SDK repository was found above {Directory.GetCurrentDirectory()} (set {SdkSources.RootVariable} to point at one).");

        var work = Path.Combine(Path.GetTempPath(), "outlit-drift-sdk-" + Guid.NewGuid().ToString("N"));
        var copy = Path.Combine(work, "sdk");
        var keep = true;
        try
        {
            SdkSources.CopyTo(sources, copy);

            var baseBuild = await BuildAsync(copy, baseDocument, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(work, "base.log"), baseBuild.Log, cancellationToken).ConfigureAwait(false);
            if (baseBuild.Refused)
            {
                throw new RegenerationException($"The client generator refused {baseDocument.Source}; details in {Path.Combine(work, "base.log")}.{Environment.NewLine}{ProcessRunner.Tail(baseBuild.Log, 20)}", DocumentSide.Base);
            }

            if (baseBuild.Surface is not { } baseSurface)
            {
                var errors = CompilerErrors.Parse(baseBuild.Log);
                throw new RegenerationException(
                    $"The SDK does not build against the base document {baseDocument.Source}, so there is no surface to compare with (its hand-written layer is written for {SdkSources.ContractPath}; --regenerate=generated compares the generated client alone); build log in {Path.Combine(work, "base.log")}.{Environment.NewLine}"
                    + (errors.Count > 0 ? string.Join(Environment.NewLine, errors.Take(20).Select(e => $"{e.File}({e.Line}): {e.Diagnostic}")) : ProcessRunner.Tail(baseBuild.Log, 20)));
            }

            var candidateBuild = await BuildAsync(copy, candidate, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(work, "candidate.log"), candidateBuild.Log, cancellationToken).ConfigureAwait(false);
            if (candidateBuild.Refused)
            {
                throw new RegenerationException($"The client generator refused {candidate.Source}; details in {Path.Combine(work, "candidate.log")}.{Environment.NewLine}{ProcessRunner.Tail(candidateBuild.Log, 20)}", DocumentSide.Candidate);
            }

            var scope = string.Join(", ", SdkSources.Libraries.Select(l => l.Assembly)) + " (generated and hand-written code)";
            SurfaceReport report;
            if (candidateBuild.Surface is { } candidateSurface)
            {
                report = SurfaceComparer.Compare(baseSurface, candidateSurface) with { Scope = scope };
            }
            else
            {
                var errors = CompilerErrors.Parse(candidateBuild.Log);
                if (errors.Count == 0)
                {
                    // No compiler error: generation or the build itself failed, which says nothing about the surface.
                    throw new RegenerationException($"Building the SDK against {candidate.Source} failed before compiling; build log in {Path.Combine(work, "candidate.log")}.{Environment.NewLine}{ProcessRunner.Tail(candidateBuild.Log, 20)}");
                }

                report = new SurfaceReport([], [], []) { NoLongerBuilds = CompilerErrors.Attribute(errors, copy, baseSurface), Scope = scope };
            }

            keep = false;
            return report;
        }
        finally
        {
            // On failure the folder holds the logs the message points to.
            if (!keep)
            {
                ProcessRunner.TryDelete(work);
            }
        }
    }

    private sealed record Build(ApiSurface? Surface, bool Refused, string Log);

    /// <summary>Puts the contract in the copy and builds every library; the surface is null when one of them did not build.</summary>
    private static async Task<Build> BuildAsync(string copy, LoadedDocument contract, CancellationToken cancellationToken)
    {
        // The build's normalizer reads JSON only: a YAML document goes in as its JSON equivalent. The generation step
        // is incremental on the contract's time stamp; forgetting its stamp makes the second contract regenerate even
        // when both files are written within the file system's time resolution.
        await File.WriteAllBytesAsync(Path.Combine(copy, SdkSources.ContractPath), contract.ToJson(), cancellationToken).ConfigureAwait(false);
        var stamp = Path.Combine(copy, "build", "obj", "generation", "generate.stamp");
        if (File.Exists(stamp))
        {
            File.Delete(stamp);
        }

        var log = new System.Text.StringBuilder();
        var built = true;
        foreach (var (project, _) in SdkSources.Libraries)
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(
                "dotnet",
                ["build", Path.Combine(copy, project), "-c", Configuration, "-nologo", "-v:q", "-clp:NoSummary", "-nodeReuse:false", "-p:TreatWarningsAsErrors=false"],
                copy,
                cancellationToken).ConfigureAwait(false);
            log.Append(output);
            if (output.Contains(RefusalMarker, StringComparison.Ordinal))
            {
                return new Build(null, true, log.ToString());
            }

            built &= exitCode == 0;
        }

        if (!built)
        {
            return new Build(null, false, log.ToString());
        }

        var surfaces = new List<ApiSurface>();
        foreach (var (project, assembly) in SdkSources.Libraries)
        {
            var path = Path.Combine(copy, Path.GetDirectoryName(project)!, "bin", Configuration, TargetFramework, assembly + ".dll");
            try
            {
                surfaces.Add(ApiSurface.Load(path));
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
            {
                throw new RegenerationException($"The SDK built against {contract.Source}, but {path} could not be inspected: {ex.Message}");
            }
        }

        return new Build(ApiSurface.Merge(surfaces), false, log.ToString());
    }
}

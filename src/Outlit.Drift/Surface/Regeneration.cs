using Outlit.Drift.Comparison;

namespace Outlit.Drift.Surface;

/// <summary>Raised when the client cannot be regenerated or compiled from a document.</summary>
public sealed class RegenerationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="refusedDocument">The document the generator refused as invalid, when that is why it failed.</param>
    public RegenerationException(string message, DocumentSide? refusedDocument = null)
        : base(message)
    {
        RefusedDocument = refusedDocument;
    }

    /// <summary>The document the generator refused as invalid; null when the failure lies elsewhere (tools, compilation).</summary>
    public DocumentSide? RefusedDocument { get; }
}

/// <summary>Regenerates the C# client from two documents and compares the public APIs they produce.</summary>
public interface IClientRegenerator
{
    /// <summary>Regenerates from both documents, compiles and compares.</summary>
    /// <param name="baseDocument">The document the current client was generated from.</param>
    /// <param name="candidate">The document to regenerate from.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The surface difference, current to regenerated.</returns>
    /// <exception cref="RegenerationException">Regeneration or compilation failed.</exception>
    Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken);
}

/// <summary>
/// Uses the repository's regeneration command, <c>build/regenerate.sh &lt;out&gt; &lt;spec&gt;...</c>,
/// which normalizes each document, runs NSwag with the committed settings and compiles every
/// generated client into one assembly, each in its own namespace
/// (<c>Outlit.Regenerated.N&lt;file name&gt;</c>). Both documents go through the same command, so the
/// comparison sees exactly what regenerating would change and nothing else.
/// </summary>
public sealed class ScriptRegenerator : IClientRegenerator
{
    /// <summary>Environment variable that names the regeneration command explicitly.</summary>
    public const string CommandVariable = "OUTLIT_REGENERATE_COMMAND";

    private const string ScriptPath = "build/regenerate.sh";
    private const string GeneratedNamespace = "Outlit";

    private readonly string? command;

    /// <summary>Creates the regenerator.</summary>
    /// <param name="command">The script to run; when null it is looked up from the environment and the repository.</param>
    public ScriptRegenerator(string? command = null)
    {
        this.command = command;
    }

    /// <summary>Finds the regeneration command: the environment variable, else <c>build/regenerate.sh</c> above the working or tool folder.</summary>
    /// <returns>The script path, or null when this checkout has none.</returns>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(CommandVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var script = Path.Combine(directory.FullName, ScriptPath);
                if (File.Exists(script))
                {
                    return script;
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseDocument);
        ArgumentNullException.ThrowIfNull(candidate);
        var script = command ?? Locate()
            ?? throw new RegenerationException($"The regeneration command is not available: no {ScriptPath} was found above {Directory.GetCurrentDirectory()} (set {CommandVariable} to point at it).");

        var work = Path.Combine(Path.GetTempPath(), "outlit-drift-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var succeeded = false;
        try
        {
            // Fixed file names give fixed namespaces, whatever the inputs are called; the build's
            // normalizer reads JSON only, so a YAML document goes in as its JSON equivalent.
            var basePath = Path.Combine(work, "base.json");
            var candidatePath = Path.Combine(work, "candidate.json");
            await File.WriteAllBytesAsync(basePath, baseDocument.ToJson(), cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(candidatePath, candidate.ToJson(), cancellationToken).ConfigureAwait(false);
            var output = Path.Combine(work, "out");

            var (exitCode, log) = await ProcessRunner.RunAsync("bash", [script, output, basePath, candidatePath], Path.GetDirectoryName(script)!, cancellationToken).ConfigureAwait(false);
            foreach (var (name, source, side) in new[] { ("base", baseDocument.Source, DocumentSide.Base), ("candidate", candidate.Source, DocumentSide.Candidate) })
            {
                var statusFile = Path.Combine(output, name, "status");
                var status = File.Exists(statusFile) ? (await File.ReadAllTextAsync(statusFile, cancellationToken).ConfigureAwait(false)).Trim() : "not run";
                if (status != "generated")
                {
                    throw new RegenerationException(
                        $"Regenerating the client from {source} failed ({status}); details in {Path.Combine(output, name)}.{Environment.NewLine}{Tail(log)}",
                        status == "refused" ? side : null);
                }
            }

            var assembly = Path.Combine(output, "bin", "Release", "net10.0", "Regenerated.dll");
            if (exitCode != 0 || !File.Exists(assembly))
            {
                throw new RegenerationException($"The regenerated clients did not compile (exit code {exitCode}); build log in {Path.Combine(output, "build.log")}.{Environment.NewLine}{Tail(log)}");
            }

            ApiSurface surface;
            try
            {
                surface = ApiSurface.Load(assembly);
            }
            catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException or TypeLoadException)
            {
                throw new RegenerationException($"The regenerated assembly {assembly} could not be inspected: {ex.Message}");
            }

            var report = SurfaceComparer.Compare(
                surface.ForNamespace("Outlit.Regenerated.Nbase", GeneratedNamespace),
                surface.ForNamespace("Outlit.Regenerated.Ncandidate", GeneratedNamespace));
            succeeded = true;
            return report;
        }
        finally
        {
            // On failure the folder holds the logs the message points to.
            if (succeeded)
            {
                TryDelete(work);
            }
        }
    }

    private static string Tail(string log) => ProcessRunner.Tail(log, 20);

    private static void TryDelete(string directory) => ProcessRunner.TryDelete(directory);
}

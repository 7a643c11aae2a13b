using System.Diagnostics;

namespace Outlit.Drift.Surface;

/// <summary>Runs the build commands the surface comparison needs and collects their output.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a command to completion; cancelling kills its whole process tree.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">Its arguments, passed as they are.</param>
    /// <param name="workingDirectory">Where it runs.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code and standard output followed by standard error.</returns>
    public static async Task<(int ExitCode, string Log)> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };

        // When the tool itself runs inside a build (dotnet run, a test host), that build's MSBuild variables would
        // point the nested build at the wrong SDK components.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new RegenerationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>The last lines of a log, for a message.</summary>
    public static string Tail(string log, int lines)
    {
        var all = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>Deletes a temporary folder, ignoring failures: a leftover is harmless.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left behind; the temporary folder is cleaned by the system.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

namespace Outlit.Drift.Surface;

/// <summary>Raised when the client cannot be regenerated or compiled from a candidate document.</summary>
public sealed class RegenerationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    public RegenerationException(string message)
        : base(message)
    {
    }
}

/// <summary>Regenerates the C# client from a document and compares its public API with the current client's.</summary>
public interface IClientRegenerator
{
    /// <summary>Regenerates, compiles and compares.</summary>
    /// <param name="candidate">Path or URL of the candidate document.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The surface difference.</returns>
    /// <exception cref="RegenerationException">Regeneration or compilation failed.</exception>
    Task<SurfaceReport> CompareSurfaceAsync(string candidate, CancellationToken cancellationToken);
}

/// <summary>Uses the repository's regeneration command under <c>build/</c>.</summary>
public sealed class ScriptRegenerator : IClientRegenerator
{
    /// <inheritdoc />
    public Task<SurfaceReport> CompareSurfaceAsync(string candidate, CancellationToken cancellationToken)
        => throw new RegenerationException("The regeneration command is not available in this checkout (build/ has no client regeneration script yet); run without --regenerate.");
}

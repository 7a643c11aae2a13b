namespace Outlit.TestSupport;

/// <summary>
/// Locates the repository and the shared material beside it from the test output folder.
/// One copy, linked into every test project by tests/Directory.Build.props.
/// </summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds Outlit.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The canonical contract.</summary>
    public static string OpenApiDocument => Path.Combine(Root, "openapi", "openapi.json");

    /// <summary>The shared folder beside the checkout (seeds, reference, upstream history).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>One of Outlit's published documents, by its date (for example <c>2026-07-14</c>).</summary>
    public static string History(string date) => Path.Combine(Shared, "upstream-history", $"outlit-openapi-{date}.json");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outlit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Outlit.sln was not found above " + AppContext.BaseDirectory);
    }
}

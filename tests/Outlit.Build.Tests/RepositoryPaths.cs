namespace Outlit.Build.Tests;

/// <summary>Locates the repository and the shared material beside it from the test output folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the first ancestor of the test binaries that holds Outlit.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the checkout (seeds, reference, upstream history).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

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

namespace Outlit.Drift.Surface;

/// <summary>
/// The SDK's sources in a checkout of its repository, and the minimal copy of them in which the whole SDK (generated
/// and hand-written layers) can be built against another contract without touching the checkout.
/// </summary>
public static class SdkSources
{
    /// <summary>Environment variable naming the repository root explicitly.</summary>
    public const string RootVariable = "OUTLIT_SDK_ROOT";

    /// <summary>Where the contract sits in the repository.</summary>
    public const string ContractPath = "openapi/openapi.json";

    /// <summary>
    /// The shipped libraries built against a contract, relative to the root, with the assembly each produces: the client
    /// (generated code and the hand-written partials in one assembly) and the mock server.
    /// </summary>
    public static IReadOnlyList<(string Project, string Assembly)> Libraries { get; } =
    [
        ("src/Outlit.Extensions/Outlit.csproj", "Outlit"),
        ("src/Outlit.Testing/Outlit.Testing.csproj", "Outlit.Testing"),
    ];

    // Everything those projects import or compile: the repository-wide build settings, the generation step and its
    // tools, the contract with the NSwag settings and templates, the three source folders and the sources they share
    // (src/Shared). Tests, samples and the drift tool are left out; they are not part of what a contract change can
    // break for users.
    private static readonly string[] RootFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", ".editorconfig", "nuget.config", "NuGet.config"];
    private static readonly string[] Folders = ["build", "openapi", "src/Shared", "src/Outlit.Generated", "src/Outlit.Extensions", "src/Outlit.Testing"];

    // Build output and installed tools are never copied: the copy builds from sources, and the pinned npm tools are
    // shared through a link (they are large and identical).
    private static readonly HashSet<string> SkippedFolderNames = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", "artifacts", "TestResults" };

    /// <summary>Whether a folder is the root of a checkout that holds the SDK's sources.</summary>
    /// <param name="folder">The folder to test.</param>
    /// <returns>True when the generation step and the client project are there.</returns>
    public static bool IsRoot(string folder)
        => File.Exists(Path.Combine(folder, "build", "Outlit.Generation.targets")) && File.Exists(Path.Combine(folder, Libraries[0].Project));

    /// <summary>Finds the repository: <see cref="RootVariable"/>, else the first folder above the working folder or the tool's that holds the sources.</summary>
    /// <returns>The root, or null when there is no checkout to build from.</returns>
    public static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } configured)
        {
            return IsRoot(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (IsRoot(directory.FullName))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Copies what building the libraries needs into <paramref name="destination"/>; <c>build/node_modules</c> becomes a
    /// link to the checkout's installed tools when it has them. Nothing in <paramref name="root"/> is written.
    /// </summary>
    /// <param name="root">The repository root.</param>
    /// <param name="destination">An empty or missing folder.</param>
    public static void CopyTo(string root, string destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        if (!IsRoot(root))
        {
            throw new DirectoryNotFoundException($"{root} does not hold the SDK's sources (build/Outlit.Generation.targets and {Libraries[0].Project}).");
        }

        Directory.CreateDirectory(destination);
        foreach (var file in RootFiles)
        {
            var source = Path.Combine(root, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(destination, file), overwrite: true);
            }
        }

        foreach (var folder in Folders)
        {
            CopyFolder(Path.Combine(root, folder), Path.Combine(destination, folder));
        }

        var tools = new DirectoryInfo(Path.Combine(root, "build", "node_modules"));
        if (tools.Exists)
        {
            // The checkout's own folder may itself be a link (a worktree sharing another's tools): link to the real one.
            var target = tools.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? tools.FullName;
            Directory.CreateSymbolicLink(Path.Combine(destination, "build", "node_modules"), target);
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            return;
        }

        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(folder);
            if (!SkippedFolderNames.Contains(name))
            {
                CopyFolder(folder, Path.Combine(destination, name));
            }
        }
    }
}

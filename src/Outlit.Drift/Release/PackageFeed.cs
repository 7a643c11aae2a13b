using System.IO.Compression;
using System.Xml.Linq;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Release;

/// <summary>One package file in a feed.</summary>
/// <param name="Path">The <c>.nupkg</c> file.</param>
/// <param name="Id">The package id, as its nuspec spells it.</param>
/// <param name="Version">The package version.</param>
public sealed record FeedPackage(string Path, string Id, ReleaseVersion Version);

/// <summary>
/// A folder feed (the flat layout <c>dotnet pack -o</c> writes, or the <c>id/version/</c> layout of <c>nuget add</c>):
/// which versions of a package it holds, and what a package carries for the next release to compare with.
/// </summary>
public static class PackageFeed
{
    /// <summary>Where a package keeps what the next release compares with.</summary>
    public const string ApiFolder = "api";

    /// <summary>The contract a package was built from, inside the package.</summary>
    public const string ContractEntry = ApiFolder + "/openapi.json";

    /// <summary>The file name, inside <see cref="ApiFolder"/>, of an assembly's surface as JSON.</summary>
    /// <param name="assemblyName">The assembly name, for example <c>Outlit</c>.</param>
    /// <returns>For example <c>Outlit.surface.json</c>.</returns>
    public static string SurfaceFileName(string assemblyName) => assemblyName + ".surface.json";

    /// <summary>The versions of a package in a feed, oldest first. Symbol packages and unreadable files are skipped.</summary>
    /// <param name="feed">The feed folder.</param>
    /// <param name="packageId">The package id (compared case-insensitively, as NuGet does).</param>
    /// <returns>The packages.</returns>
    public static IReadOnlyList<FeedPackage> Versions(string feed, string packageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(feed);
        ArgumentException.ThrowIfNullOrEmpty(packageId);
        if (!Directory.Exists(feed))
        {
            throw new DirectoryNotFoundException("The feed folder does not exist: " + feed);
        }

        var found = new List<FeedPackage>();
        foreach (var file in Directory.EnumerateFiles(feed, "*.nupkg", SearchOption.AllDirectories))
        {
            // A file name starts with the id, so most other packages are skipped without opening them.
            var name = System.IO.Path.GetFileName(file);
            if (!name.StartsWith(packageId + ".", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (ReadIdentity(file) is { } identity && string.Equals(identity.Id, packageId, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(identity);
            }
        }

        return found.OrderBy(p => p.Version).ToList();
    }

    /// <summary>The highest version of a package in a feed.</summary>
    /// <param name="feed">The feed folder.</param>
    /// <param name="packageId">The package id.</param>
    /// <returns>The package, or null when the feed has none.</returns>
    public static FeedPackage? Latest(string feed, string packageId) => Versions(feed, packageId).LastOrDefault();

    /// <summary>
    /// The public surface of an assembly in a package: the surface the package carries (<c>api/&lt;assembly&gt;.surface.json</c>),
    /// else the assembly itself, read with the given references for its dependencies (packages made before they carried a surface).
    /// </summary>
    /// <param name="package">The package file.</param>
    /// <param name="assemblyName">The assembly, for example <c>Outlit</c>.</param>
    /// <param name="references">Assemblies to resolve the packaged assembly's dependencies from.</param>
    /// <returns>The surface, or null when the package has neither.</returns>
    public static ApiSurface? ReadSurface(string package, string assemblyName, IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        using var zip = ZipFile.OpenRead(package);
        if (zip.GetEntry(ApiFolder + "/" + SurfaceFileName(assemblyName)) is { } carried)
        {
            using var reader = new StreamReader(carried.Open());
            return ApiSurface.FromJson(reader.ReadToEnd());
        }

        // lib/<framework>/ for a library, tools/<framework>/any/ for a tool.
        var assembly = zip.Entries.FirstOrDefault(e =>
            string.Equals(e.Name, assemblyName + ".dll", StringComparison.OrdinalIgnoreCase)
            && (e.FullName.StartsWith("lib/", StringComparison.OrdinalIgnoreCase) || e.FullName.StartsWith("tools/", StringComparison.OrdinalIgnoreCase)));
        if (assembly is null)
        {
            return null;
        }

        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "outlit-drift-package-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = System.IO.Path.Combine(folder, assembly.Name);
            assembly.ExtractToFile(path);
            return ApiSurface.Load(path, references);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The contract a package was built from, when it carries one (<see cref="ContractEntry"/>).</summary>
    /// <param name="package">The package file.</param>
    /// <returns>The document's text, or null.</returns>
    public static string? ReadContract(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        if (zip.GetEntry(ContractEntry) is not { } entry)
        {
            return null;
        }

        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static FeedPackage? ReadIdentity(string file)
    {
        try
        {
            using var zip = ZipFile.OpenRead(file);
            var nuspec = zip.Entries.FirstOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
            if (nuspec is null)
            {
                return null;
            }

            using var stream = nuspec.Open();
            var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            var id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value;
            var version = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value;
            return id is not null && ReleaseVersion.TryParse(version, out var parsed) ? new FeedPackage(file, id, parsed) : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Xml.XmlException)
        {
            // Not a package this tool can read: it is not one of ours.
            return null;
        }
    }
}

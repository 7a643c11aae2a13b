using System.IO.Compression;
using System.Text;
using Outlit.Drift.Cli;
using Outlit.Drift.Release;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>
/// Versions that follow the public surface: version arithmetic, finding the previous package in a folder feed, reading
/// what it carries, and <c>outlit-drift release</c>. Packages are small zip files written by the test; the pipeline
/// test publishes real ones.
/// </summary>
[TestFixture]
public sealed class ReleaseTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "outlit-release-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    [TestCase("1.0.0", VersionBump.Patch, "1.0.1")]
    [TestCase("1.0.0", VersionBump.Minor, "1.1.0")]
    [TestCase("1.1.1", VersionBump.Major, "2.0.0")]
    [TestCase("2.3.4", VersionBump.Minor, "2.4.0")]
    [TestCase("1.0.0-ci.57", VersionBump.Patch, "1.0.0", Description = "the old scheme's builds lead to their release")]
    [TestCase("1.0.0-ci.57", VersionBump.Minor, "1.0.0")]
    [TestCase("1.0.0-ci.57", VersionBump.Major, "1.0.0")]
    [TestCase("1.2.0-rc.1", VersionBump.Major, "2.0.0")]
    [TestCase("1.2.3-rc.1", VersionBump.Minor, "1.3.0")]
    public void TheNextVersionAddsTheBump(string previous, VersionBump bump, string expected)
        => Assert.That(ReleaseVersion.Parse(previous).Next(bump).ToString(), Is.EqualTo(expected));

    [Test]
    public void VersionsAreOrderedAsSemVerOrdersThem()
    {
        string[] ordered = ["0.9.0", "1.0.0-ci.2", "1.0.0-ci.10", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.9.0", "1.10.0", "2.0.0"];

        var sorted = ordered.Reverse().Select(ReleaseVersion.Parse).Order().Select(v => v.ToString());

        Assert.That(sorted, Is.EqualTo(ordered));
    }

    [TestCase("1.0")]
    [TestCase("01.0.0")]
    [TestCase("v1.0.0")]
    [TestCase("1.0.0-")]
    [TestCase("")]
    public void WhatIsNotASemanticVersionIsRefused(string text)
        => Assert.That(ReleaseVersion.TryParse(text, out _), Is.False);

    private string Package(string id, string version, string? surfaceJson = null, string? contract = null, string? assembly = null, string? subfolder = null)
    {
        var directory = subfolder is null ? folder : Path.Combine(folder, subfolder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Add(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(text);
        }

        Add(id + ".nuspec", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{id}</id><version>{version}</version><authors>test</authors><description>test</description></metadata>
            </package>
            """);
        if (surfaceJson is not null)
        {
            Add("api/outlit-drift.surface.json", surfaceJson);
        }

        if (contract is not null)
        {
            Add("api/openapi.json", contract);
        }

        if (assembly is not null)
        {
            zip.CreateEntryFromFile(assembly, "tools/net10.0/any/" + Path.GetFileName(assembly));
        }

        return path;
    }

    [Test]
    public void TheLatestVersionOfAPackageIsFoundInFlatAndNestedFeeds()
    {
        Package("Outlit", "1.0.0");
        Package("Outlit", "1.9.0");
        Package("Outlit", "1.10.0");
        Package("Outlit.Testing", "3.0.0");
        Package("outlit", "1.2.0-ci.4", subfolder: "outlit/1.2.0-ci.4");
        File.WriteAllText(Path.Combine(folder, "Outlit.2.0.0.nupkg"), "not a zip file");

        var versions = PackageFeed.Versions(folder, "Outlit");

        Assert.That(versions.Select(p => p.Version.ToString()), Is.EqualTo(new[] { "1.0.0", "1.2.0-ci.4", "1.9.0", "1.10.0" }), "Outlit.Testing is another package; the broken file is skipped");
        Assert.That(PackageFeed.Latest(folder, "Outlit.Testing")!.Version.ToString(), Is.EqualTo("3.0.0"));
        Assert.That(PackageFeed.Latest(folder, "Outlit.Drift"), Is.Null);
    }

    private static string ToolAssembly => typeof(DriftCommand).Assembly.Location;

    private static ApiSurface ToolSurface => ApiSurface.Load(ToolAssembly);

    /// <summary>The tool's own surface with one member taken out or put in, as the previous package's.</summary>
    private static string Edited(Func<Dictionary<string, string>, Dictionary<string, string>> edit)
    {
        var members = ToolSurface.Members.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return ApiSurface.FromEntries(edit(members)).ToJson();
    }

    private async Task<(int Code, string Out, string Error)> ReleaseAsync(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["release", "--feed", folder, "--package", "Outlit.Drift", "--assembly", ToolAssembly, "--out", Path.Combine(folder, "out"), .. extra];
        var code = await DriftCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Output(string file) => File.ReadAllText(Path.Combine(folder, "out", file));

    [Test]
    public async Task TheFirstPackageStartsAtTheDocumentedVersionAndCarriesItsSurface()
    {
        var (code, stdout, stderr) = await ReleaseAsync();

        Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr);
        Assert.That(stdout, Does.Contain("Outlit.Drift 1.0.0: first release"));
        Assert.That(Output("version.txt"), Is.EqualTo("1.0.0\n"));
        Assert.That(Output("release-notes.md"), Does.StartWith("# Outlit.Drift 1.0.0\n\nFirst release"));
        Assert.That(ApiSurface.FromJson(Output("api/outlit-drift.surface.json")).Members, Is.EqualTo(ToolSurface.Members), "the surface survives the trip through JSON");
        Assert.That(Output("api/outlit-drift.cs"), Is.EqualTo(ApiListing.Render(ToolSurface, "outlit-drift")));
    }

    [Test]
    public async Task AnotherFirstVersionCanBeChosen()
    {
        var (code, _, stderr) = await ReleaseAsync("--first-version", "0.1.0");

        Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr);
        Assert.That(Output("version.txt"), Is.EqualTo("0.1.0\n"));
    }

    [TestCase("removed", "2.0.0", "Major release after Outlit.Drift 1.4.2", "| removed |")]
    [TestCase("added", "1.5.0", "Minor release after Outlit.Drift 1.4.2", "| added |")]
    [TestCase("same", "1.4.3", "Patch release after Outlit.Drift 1.4.2", "0 removed, 0 changed, 0 added")]
    public async Task TheVersionIsThePreviousOnePlusTheBumpOfThePublicSurface(string change, string expected, string heading, string row)
    {
        const string extra = "Outlit.Drift.Cli.DriftCommand.Retired()";
        var previous = Edited(members =>
        {
            if (change == "removed")
            {
                members[extra] = "static method returns System.Void";
            }
            else if (change == "added")
            {
                members.Remove(members.Keys.First(k => k.StartsWith("Outlit.Drift.Cli.ReleaseCommand.", StringComparison.Ordinal)));
            }

            return members;
        });
        Package("Outlit.Drift", "1.0.0", Edited(m => m));
        Package("Outlit.Drift", "1.4.2", previous);

        var (code, stdout, stderr) = await ReleaseAsync();

        Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr);
        Assert.That(Output("version.txt").Trim(), Is.EqualTo(expected));
        Assert.That(stdout, Does.StartWith($"Outlit.Drift {expected}: {change switch { "removed" => "major", "added" => "minor", _ => "patch" }} after 1.4.2"));
        Assert.That(Output("release-notes.md"), Does.Contain(heading).And.Contain(row));
        Assert.That(Output("release-notes.md"), Does.Not.Contain("## OpenAPI drift"), "without a contract there is no drift report, only the surface");
    }

    [Test]
    public async Task TheReleaseNotesAreTheDriftReportAgainstThePreviousPackagesContract()
    {
        Package("Outlit.Drift", "1.0.0", Edited(m => m), contract: File.ReadAllText(RepositoryPaths.History("2026-06-23")));

        var (code, _, stderr) = await ReleaseAsync("--contract", RepositoryPaths.History("2026-06-28"));

        var notes = Output("release-notes.md");
        Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr);
        Assert.That(notes, Does.Contain("## OpenAPI drift"));
        Assert.That(notes, Does.Contain("compared with `Outlit.Drift 1.0.0`: 0 error, 0 breaking, 0 warning, 4 non-breaking."));
        Assert.That(notes, Does.Contain("| non-breaking | `path-added` |"));
        Assert.That(notes, Does.Contain("### C# surface impact: suggested bump **patch**"));
        Assert.That(Output("api/openapi.json"), Is.EqualTo(File.ReadAllText(RepositoryPaths.History("2026-06-28"))), "the package carries its contract for the next release");
    }

    [Test]
    public async Task APackageWithoutACarriedSurfaceIsReadFromItsAssembly()
    {
        Package("Outlit.Drift", "0.3.0", assembly: ToolAssembly);

        var (code, stdout, stderr) = await ReleaseAsync();

        Assert.That(code, Is.EqualTo(ExitCodes.Clean), stderr);
        Assert.That(stdout, Does.StartWith("Outlit.Drift 0.3.1: patch after 0.3.0"));
    }

    [Test]
    public async Task APreviousPackageWithNeitherSurfaceNorAssemblyIsAnInputError()
    {
        Package("Outlit.Drift", "1.0.0");

        var (code, _, stderr) = await ReleaseAsync();

        Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(stderr, Does.Contain("its public API is unknown"));
    }

    [TestCase("release", "--feed")]
    [TestCase("release", "--package", "Outlit", "--assembly", "a.dll", "--out", "o")]
    [TestCase("release", "--feed", "f", "--package", "Outlit", "--assembly", "a.dll", "--out", "o", "--first-version", "1.0")]
    [TestCase("release", "--feed", "f", "--package", "Outlit", "--assembly", "a.dll", "--out", "o", "--bump", "major")]
    public async Task UsageErrorsExitTwo(params string[] args)
    {
        using var stderr = new StringWriter();

        var code = await DriftCommand.RunAsync(args, new StringWriter(), stderr);

        Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(stderr.ToString(), Does.Contain("Usage: outlit-drift release"));
    }

    [Test]
    public async Task AMissingFeedIsAnInputErrorNotAFirstRelease()
    {
        using var stderr = new StringWriter();

        var code = await DriftCommand.RunAsync(["release", "--feed", Path.Combine(folder, "typo"), "--package", "Outlit.Drift", "--assembly", ToolAssembly, "--out", Path.Combine(folder, "out")], new StringWriter(), stderr);

        Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(stderr.ToString(), Does.Contain("The feed folder does not exist"));
    }
}

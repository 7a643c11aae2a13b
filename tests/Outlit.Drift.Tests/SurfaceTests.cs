using System.Diagnostics;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>Public API comparison, on hand-written surfaces and on two small assemblies compiled for the test.</summary>
[TestFixture]
public sealed class SurfaceTests
{
    private static ApiSurface Surface(params (string Key, string Shape)[] members)
        => ApiSurface.FromEntries(members.Select(m => KeyValuePair.Create(m.Key, m.Shape)));

    [Test]
    public void NothingChangedSuggestsAPatch()
    {
        var surface = Surface(("Outlit.A", "class"), ("Outlit.A.Run()", "method returns System.Void"));

        var report = SurfaceComparer.Compare(surface, surface);

        Assert.That(report.Bump, Is.EqualTo(VersionBump.Patch));
        Assert.That(report.Removed.Concat(report.Changed).Concat(report.Added), Is.Empty);
    }

    [Test]
    public void OnlyAdditionsSuggestAMinorBump()
    {
        var report = SurfaceComparer.Compare(
            Surface(("Outlit.A", "class")),
            Surface(("Outlit.A", "class"), ("Outlit.A.Run()", "method returns System.Void"), ("Outlit.B", "class"), ("Outlit.B.Go()", "method returns System.Void")));

        Assert.That(report.Bump, Is.EqualTo(VersionBump.Minor));
        Assert.That(report.Added, Is.EqualTo(new[] { "Outlit.A.Run()", "Outlit.B" }), "members of a new type are listed under the type");
    }

    [Test]
    public void ARemovedTypeSuggestsAMajorBumpAndIsListedOnce()
    {
        var report = SurfaceComparer.Compare(
            Surface(("Outlit.A", "class"), ("Outlit.Gone", "class"), ("Outlit.Gone.Run()", "method returns System.Void")),
            Surface(("Outlit.A", "class")));

        Assert.That(report.Bump, Is.EqualTo(VersionBump.Major));
        Assert.That(report.Removed, Is.EqualTo(new[] { "Outlit.Gone" }));
    }

    [Test]
    public void AChangedShapeSuggestsAMajorBump()
    {
        var report = SurfaceComparer.Compare(
            Surface(("Outlit.A.Name", "property System.String { get; set; }")),
            Surface(("Outlit.A.Name", "property System.String { get; }")));

        Assert.That(report.Bump, Is.EqualTo(VersionBump.Major));
        Assert.That(report.Changed, Is.EqualTo(new[] { "Outlit.A.Name: property System.String { get; set; } -> property System.String { get; }" }));
    }

    [Test]
    public void TheToolsOwnAssemblyCanBeRead()
    {
        var surface = ApiSurface.Load(typeof(Outlit.Drift.Comparison.DriftComparer).Assembly.Location);

        Assert.That(surface.Members, Does.ContainKey("Outlit.Drift.Comparison.DriftComparer"));
        Assert.That(surface.Members["Outlit.Drift.Comparison.DriftComparer.Compare(Outlit.Drift.Comparison.LoadedDocument, Outlit.Drift.Comparison.LoadedDocument)"], Is.EqualTo("static method returns System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding>"));
        Assert.That(surface.Members, Does.Not.ContainKey("Outlit.Drift.Comparison.FindingSet"), "internal types are not public surface");
    }

    /// <summary>Two versions of a tiny client library, compiled with the SDK.</summary>
    [TestFixture]
    public sealed class CompiledAssemblies
    {
        private const string Version1 = """
            namespace Sample;
            public class WidgetClient
            {
                public System.Threading.Tasks.Task<Widget> GetAsync(string id, System.Threading.CancellationToken cancellationToken = default) => throw null!;
                public System.Threading.Tasks.Task DeleteAsync(string id) => throw null!;
            }
            public class Widget
            {
                public string Name { get; set; } = "";
                public int Size { get; set; }
            }
            public enum Colour { Red = 0, Blue = 1 }
            """;

        private const string Version2 = """
            namespace Sample;
            public class WidgetClient
            {
                public System.Threading.Tasks.Task<Widget> GetAsync(string id, System.Threading.CancellationToken cancellationToken = default) => throw null!;
                public System.Threading.Tasks.Task<Widget[]> ListAsync() => throw null!;
            }
            public class Widget
            {
                public string Name { get; set; } = "";
                public long Size { get; set; }
            }
            public enum Colour { Red = 0, Blue = 1, Green = 2 }
            public sealed class Gadget { }
            """;

        private string root = null!;
        private SurfaceReport report = null!;

        [OneTimeSetUp]
        public async Task CompileBothVersions()
        {
            root = Path.Combine(Path.GetTempPath(), "outlit-drift-surface-" + Guid.NewGuid().ToString("N"));
            var builds = await Task.WhenAll(BuildAsync("v1", Version1), BuildAsync("v2", Version2));
            report = SurfaceComparer.Compare(ApiSurface.Load(builds[0]), ApiSurface.Load(builds[1]));
        }

        [OneTimeTearDown]
        public void RemoveTemporaryFiles()
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        [Test]
        public void RemovedMembersAreReported()
            => Assert.That(report.Removed, Is.EqualTo(new[] { "Sample.WidgetClient.DeleteAsync(System.String)" }));

        [Test]
        public void ChangedMembersAreReportedWithBothShapes()
            => Assert.That(report.Changed, Is.EqualTo(new[] { "Sample.Widget.Size: property System.Int32 { get; set; } -> property System.Int64 { get; set; }" }));

        [Test]
        public void AddedMembersAndTypesAreReported()
            => Assert.That(report.Added, Is.EqualTo(new[]
            {
                "Sample.Colour.Green",
                "Sample.Gadget",
                "Sample.WidgetClient.ListAsync()",
            }));

        [Test]
        public void TheSuggestedBumpIsMajor()
            => Assert.That(report.Bump, Is.EqualTo(VersionBump.Major));

        private async Task<string> BuildAsync(string name, string source)
        {
            var directory = Path.Combine(root, name);
            Directory.CreateDirectory(directory);
            await File.WriteAllTextAsync(Path.Combine(directory, "Sample.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>disable</Nullable>
                    <AssemblyName>Sample</AssemblyName>
                  </PropertyGroup>
                </Project>
                """);
            await File.WriteAllTextAsync(Path.Combine(directory, "Sample.cs"), source);
            var output = Path.Combine(directory, "out");
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "build", "Sample.csproj", "-c", "Release", "-o", output, "-nologo", "-v:q", "-p:UseSharedCompilation=false", "-nodeReuse:false" })
            {
                start.ArgumentList.Add(argument);
            }

            // The test host's MSBuild variables point at its own build and would leak into this one.
            foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(key);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.That(process.ExitCode, Is.Zero, $"dotnet build {name} failed:\n{await stdout}\n{await stderr}");
            return Path.Combine(output, "Sample.dll");
        }
    }
}

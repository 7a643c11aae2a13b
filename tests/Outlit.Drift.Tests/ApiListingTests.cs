using Outlit.Drift.Cli;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>
/// The listings under <c>api/</c> are the public API of the shipped assemblies as built: a change of the surface
/// without its listing fails here, so every surface change is a reviewed diff.
/// </summary>
public class ApiListingTests
{
    private const string UpdateVariable = "OUTLIT_UPDATE_API";

    public static IEnumerable<TestCaseData> Shipped()
    {
        yield return new TestCaseData("Outlit", typeof(Outlit.OutlitClient).Assembly.Location).SetArgDisplayNames("Outlit");
        yield return new TestCaseData("Outlit.Testing", typeof(Outlit.Testing.OutlitMockServer).Assembly.Location).SetArgDisplayNames("Outlit.Testing");
        yield return new TestCaseData("Outlit.Drift", typeof(DriftCommand).Assembly.Location).SetArgDisplayNames("Outlit.Drift");
        // The outlit-mock tool has no public type to name; its assembly is copied beside the tests by the project reference.
        yield return new TestCaseData("Outlit.Mock", Path.Combine(AppContext.BaseDirectory, "outlit-mock.dll")).SetArgDisplayNames("Outlit.Mock");
    }

    [TestCaseSource(nameof(Shipped))]
    public void TheCheckedInListingIsThePublicApiOfTheBuiltAssembly(string assembly, string path)
    {
        var listing = ApiListing.Render(ApiSurface.Load(path), assembly);
        var file = Path.Combine(RepositoryPaths.Root, "api", assembly + ".cs");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(file, listing);
            TestContext.Progress.WriteLine($"updated {file}");
        }

        var committed = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : string.Empty;
        Assert.That(
            committed == listing,
            Is.True,
            $"api/{assembly}.cs is not the public API of the built {assembly}.dll. If the change is intended, rewrite the listing with "
            + $"`{UpdateVariable}=1 dotnet test tests/Outlit.Drift.Tests --filter ApiListing` and commit it with the change. Differences:\n"
            + string.Join("\n", ApiCommand.LineDiff(committed, listing).Take(60)));
    }

    [Test]
    public void AListingShowsDeclarationsWithParameterNamesAndDefaults()
    {
        var listing = ApiListing.Render(ApiSurface.Load(typeof(Outlit.OutlitClient).Assembly.Location), "Outlit");

        Assert.Multiple(() =>
        {
            Assert.That(listing, Does.Contain("namespace Outlit\n{"));
            Assert.That(listing, Does.Contain("    public class OutlitClient : System.IDisposable\n"));
            Assert.That(listing, Does.Contain("System.Threading.CancellationToken cancellationToken = default"));
            Assert.That(listing, Does.Contain("public const int MaxEventsPerRequest = 100;"));
            Assert.That(listing, Does.Not.Contain("OutlitHttpPipeline"), "internal types are not listed");
            Assert.That(listing, Does.Match(@"public enum IngestFailureReason\n    \{\n        \w+ = \d+,\n"), "enum values are listed inside their enum");
            Assert.That(listing, Does.Not.Contain("namespace Outlit.IngestFailureReason"), "an enum value is not a type");
        });
    }

    [Test]
    public void AnEnumsValuesAreListedInsideItInDeclaredOrder()
    {
        var listing = ApiListing.Render(ApiSurface.Load(typeof(DriftCommand).Assembly.Location), "Outlit.Drift");

        Assert.Multiple(() =>
        {
            Assert.That(listing, Does.Contain("    public enum FailOn\n    {\n        Breaking = 0,\n        Any = 1,\n        None = 2,\n    }\n"));
            Assert.That(listing, Does.Not.Contain("namespace Outlit.Drift.Cli.FailOn"), "a value is not a type in a namespace of its own");
        });
    }

    [Test]
    public void TheSameAssemblyAlwaysGivesTheSameListing()
    {
        var path = typeof(DriftCommand).Assembly.Location;

        var first = ApiListing.Render(ApiSurface.Load(path), "Outlit.Drift");
        var second = ApiListing.Render(ApiSurface.Load(path), "Outlit.Drift");

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task TheApiCommandWritesAndChecksListings()
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "api-" + Guid.NewGuid().ToString("N"));
        var assembly = typeof(DriftCommand).Assembly.Location;
        var output = new StringWriter();
        var errors = new StringWriter();

        var written = await DriftCommand.RunAsync(["api", assembly, "--out", folder], output, errors);
        var unchanged = await DriftCommand.RunAsync(["api", assembly, "--check", folder], output, errors);
        File.AppendAllText(Path.Combine(folder, Path.GetFileNameWithoutExtension(assembly) + ".cs"), "        public void Extra();\n");
        var changed = await DriftCommand.RunAsync(["api", assembly, "--check", folder], output, errors);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(ExitCodes.Clean));
            Assert.That(unchanged, Is.EqualTo(ExitCodes.Clean));
            Assert.That(changed, Is.EqualTo(ExitCodes.OverThreshold));
            Assert.That(errors.ToString(), Does.Contain("- public void Extra();"));
        });
    }

    [Test]
    public async Task TheApiCommandRefusesAMissingAssembly()
    {
        var errors = new StringWriter();

        var code = await DriftCommand.RunAsync(["api", "/nowhere/Missing.dll"], new StringWriter(), errors);

        Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(errors.ToString(), Does.Contain("Missing.dll"));
    }
}

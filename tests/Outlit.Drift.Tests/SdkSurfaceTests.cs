using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Drift.Cli;
using Outlit.Drift.Comparison;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Tests;

/// <summary>
/// <c>--regenerate</c> over the whole SDK: compiler errors placed in the members that contain them, the copy of the
/// repository the build runs in, the surface verdict counted toward <c>--fail-on</c>, and one real build of the SDK
/// against a contract its hand-written layer no longer compiles with.
/// </summary>
[TestFixture]
public sealed class SdkSurfaceTests
{
    private static readonly string June23 = RepositoryPaths.History("2026-06-23");

    [Test]
    public void CompilerErrorsAreReadOnceEachFromABuildLog()
    {
        const string log = """
              Outlit.CodeGen -> /tmp/x/build/Outlit.CodeGen/bin/Release/net10.0/Outlit.CodeGen.dll
            /tmp/x/src/Outlit.Extensions/Integrations/IntegrationResults.cs(69,79): error CS1061: 'IntegrationConnectionStatusResponse' does not contain a definition for 'Error' and no accessible extension method 'Error' accepting a first argument of type 'IntegrationConnectionStatusResponse' could be found (are you missing a using directive or an assembly reference?) [/tmp/x/src/Outlit.Extensions/Outlit.csproj]
            /tmp/x/src/Outlit.Extensions/Tools/Tools.cs(12,5): warning CS0618: 'X' is obsolete [/tmp/x/src/Outlit.Extensions/Outlit.csproj]
            /tmp/x/src/Outlit.Extensions/Tools/Tools.cs(3,17): error CS0246: The type or namespace name 'ListCustomersInput' could not be found (are you missing a using directive or an assembly reference?) [/tmp/x/src/Outlit.Extensions/Outlit.csproj]
            /tmp/x/src/Outlit.Extensions/Integrations/IntegrationResults.cs(69,79): error CS1061: 'IntegrationConnectionStatusResponse' does not contain a definition for 'Error' and no accessible extension method 'Error' accepting a first argument of type 'IntegrationConnectionStatusResponse' could be found (are you missing a using directive or an assembly reference?) [/tmp/x/src/Outlit.Extensions/Outlit.csproj]
            /tmp/x/build/Outlit.Generation.targets(92,5): error : The code generator is not built. [/tmp/x/src/Outlit.Extensions/Outlit.csproj]
            """;

        var errors = CompilerErrors.Parse(log);

        Assert.That(errors.Select(e => (e.File, e.Line, e.Column, e.Code)), Is.EqualTo(new[]
        {
            ("/tmp/x/src/Outlit.Extensions/Integrations/IntegrationResults.cs", 69, 79, "CS1061"),
            ("/tmp/x/src/Outlit.Extensions/Tools/Tools.cs", 3, 17, "CS0246"),
        }));
        Assert.That(errors[1].Message, Is.EqualTo("The type or namespace name 'ListCustomersInput' could not be found (are you missing a using directive or an assembly reference?)"));
    }

    private const string Source = """"
        // A comment with a brace { that is not code.
        namespace Outlit;

        /* and another } one */
        [System.Obsolete("a { in an attribute")]
        public class OutlitWidgets : System.IDisposable
        {
            private static readonly string Template = $"{{literal}} {Format("{")} done";

            public OutlitWidgets(Widget widget)
                : this(widget.Name, $"{(widget.Flag ? "}" : "{")}")
            {
            }

            public string Name => Helper().Label;

            public System.Threading.Tasks.Task<Widget> GetAsync<T>(string id, System.Threading.CancellationToken cancellationToken = default)
                where T : class
            {
                var raw = """
                    { not a scope
                    """;
                if (id.Length > 0)
                {
                    return Make(c => { return c.Widget; });
                }

                return null!;
            }

            private Widget Helper() => new Widget { Label = '}'.ToString() };

            public void Dispose()
            {
            }

            public sealed class Page
            {
                public int Count { get { return Items.Count; } }
            }
        }

        internal static class Hidden
        {
            public static void Run() { Go(); }
        }

        public sealed record DisconnectResult(ProviderId Provider, bool Disconnected);

        public sealed class CapabilitySet
        {
            public System.Collections.Generic.IReadOnlyList<ProviderCapability> Providers { get; }

            public ProviderCapability? Find(ProviderId provider)
                => null;
        }

        internal sealed class EncodedRequest(byte[] utf8) : IngestEventsRequest
        {
        }
        """";

    private static int LineOf(string marker) => Source.Split('\n').Select((line, index) => (line, index)).First(l => l.line.Contains(marker, StringComparison.Ordinal)).index + 1;

    private static int ColumnOf(string marker) => Source.Split('\n')[LineOf(marker) - 1].IndexOf(marker, StringComparison.Ordinal) + 1;

    [TestCase("widget.Flag", "OutlitWidgets", "OutlitWidgets", TestName = "A constructor initializer belongs to the constructor")]
    [TestCase("Helper().Label", "OutlitWidgets", "Name", TestName = "An expression-bodied property")]
    [TestCase("c.Widget", "OutlitWidgets", "GetAsync", TestName = "A lambda inside a generic method with a raw string before it")]
    [TestCase("Format(", "OutlitWidgets", "Template", TestName = "A field initializer with an interpolated string")]
    [TestCase("'}'", "OutlitWidgets", "Helper", TestName = "A character literal brace does not close the type")]
    [TestCase("Items.Count", "OutlitWidgets.Page", "Count", TestName = "A property accessor in a nested type")]
    [TestCase("Go()", "Hidden", "Run", TestName = "A member of an internal type")]
    [TestCase("ProviderId Provider", "DisconnectResult", "DisconnectResult", TestName = "A record's primary constructor")]
    [TestCase("ProviderCapability> Providers", "CapabilitySet", "Providers", TestName = "A property's type")]
    [TestCase("ProviderCapability? Find", "CapabilitySet", "Find", TestName = "A method's return type")]
    [TestCase("IngestEventsRequest", "EncodedRequest", "EncodedRequest", TestName = "The base type of a class with a primary constructor")]
    public void AnErrorIsPlacedInTheDeclarationThatContainsIt(string marker, string types, string member)
    {
        var declaration = SourceDeclarations.Enclosing(Source, LineOf(marker), ColumnOf(marker));

        Assert.That(declaration.Namespace, Is.EqualTo("Outlit"));
        Assert.That(string.Join(".", declaration.Types), Is.EqualTo(types));
        Assert.That(declaration.Member, Is.EqualTo(member));
    }

    [Test]
    public void ErrorsNameThePublicMembersTheyBreak()
    {
        var root = Path.Combine(TestContext.CurrentContext.WorkDirectory, "attribute-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllText(Path.Combine(root, "src", "Widgets.cs"), Source);
        var surface = ApiSurface.FromEntries(new Dictionary<string, string>
        {
            ["Outlit.OutlitWidgets"] = "class",
            ["Outlit.OutlitWidgets.ctor(Outlit.Widget)"] = "constructor",
            ["Outlit.OutlitWidgets.Name"] = "property System.String { get; }",
            ["Outlit.OutlitWidgets.GetAsync<T>(System.String, System.Threading.CancellationToken = default)"] = "method returns System.Threading.Tasks.Task<Outlit.Widget>",
            ["Outlit.OutlitWidgets.NameLength"] = "property System.Int32 { get; }",
        });
        CompilerError At(string marker, string code) => new(Path.Combine(root, "src", "Widgets.cs"), LineOf(marker), ColumnOf(marker), code, "'Widget' does not contain a definition for 'X' and no accessible extension method 'X' accepting a first argument of type 'Widget' could be found (are you missing a using directive or an assembly reference?)");

        var breaks = CompilerErrors.Attribute([At("widget.Flag", "CS1061"), At("c.Widget", "CS1061"), At("Helper().Label", "CS1061"), At("'}'", "CS1061"), At("Go()", "CS0103")], root, surface);

        Assert.That(breaks.Select(b => b.Member), Is.EqualTo(new[]
        {
            "Outlit.Hidden.Run (not public)",
            "Outlit.OutlitWidgets (in its non-public member Helper)",
            "Outlit.OutlitWidgets.GetAsync<T>(System.String, System.Threading.CancellationToken = default)",
            "Outlit.OutlitWidgets.Name",
            "Outlit.OutlitWidgets.ctor(Outlit.Widget)",
        }), "Name is not confused with NameLength");
        Assert.That(breaks.First(b => b.Member == "Outlit.OutlitWidgets.Name").Location, Is.EqualTo($"src/Widgets.cs:{LineOf("Helper().Label")}"));
        Assert.That(breaks[0].Diagnostic, Is.EqualTo("CS0103: 'Widget' does not contain a definition for 'X'"), "the compiler's generic advice is left out");
    }

    [Test]
    public void TheCopyHoldsTheSourcesAndLinksTheToolsWithoutWritingToTheCheckout()
    {
        var destination = Path.Combine(Path.GetTempPath(), "outlit-sdk-copy-" + Guid.NewGuid().ToString("N"));
        var before = Directory.GetFileSystemEntries(RepositoryPaths.Root).Order(StringComparer.Ordinal).ToList();
        try
        {
            SdkSources.CopyTo(RepositoryPaths.Root, destination);

            Assert.Multiple(() =>
            {
                Assert.That(File.Exists(Path.Combine(destination, "openapi", "openapi.json")));
                Assert.That(File.Exists(Path.Combine(destination, "src", "Outlit.Extensions", "Outlit.csproj")));
                Assert.That(File.Exists(Path.Combine(destination, "src", "Outlit.Testing", "Outlit.Testing.csproj")));
                Assert.That(File.Exists(Path.Combine(destination, "build", "Outlit.Generation.targets")));
                Assert.That(File.Exists(Path.Combine(destination, "Directory.Build.props")));
                Assert.That(Directory.Exists(Path.Combine(destination, "src", "Outlit.Extensions", "bin")), Is.False, "build output is not copied");
                Assert.That(Directory.Exists(Path.Combine(destination, "tests")), Is.False, "only what the libraries need");
                var tools = new DirectoryInfo(Path.Combine(destination, "build", "node_modules"));
                Assert.That(tools.LinkTarget, Is.Not.Null, "the installed tools are linked, not copied");
                Assert.That(SdkSources.IsRoot(destination));
                Assert.That(Directory.GetFileSystemEntries(RepositoryPaths.Root).Order(StringComparer.Ordinal), Is.EqualTo(before));
            });
        }
        finally
        {
            Directory.Delete(destination, recursive: true);
        }
    }

    private sealed class FixedRegenerator(SurfaceReport report) : IClientRegenerator
    {
        public Task<SurfaceReport> CompareSurfaceAsync(LoadedDocument baseDocument, LoadedDocument candidate, CancellationToken cancellationToken)
            => Task.FromResult(report);
    }

    private static readonly SurfaceReport Breaks = new([], [], [])
    {
        NoLongerBuilds = [new BuildBreak("Outlit.OutlitConnectionFailedException.ctor(System.String, Outlit.IntegrationConnectionStatusResponse)", "CS1061: 'IntegrationConnectionStatusResponse' does not contain a definition for 'Error'", "src/Outlit.Extensions/Integrations/IntegrationResults.cs:69,71")],
        Scope = "Outlit, Outlit.Testing (generated and hand-written code)",
    };

    private static readonly SurfaceReport Additions = new([], [], ["Outlit.OutlitTools.ListProspectsAsync(Outlit.ListCustomersInput = default, System.Threading.CancellationToken = default)"]);

    private static readonly SurfaceReport NoChange = new([], [], []);

    /// <summary>The same document on both sides has no finding, so the exit code is the surface verdict's alone.</summary>
    [TestCase("breaking", "breaks", ExitCodes.OverThreshold)]
    [TestCase("any", "breaks", ExitCodes.OverThreshold)]
    [TestCase("none", "breaks", ExitCodes.Clean)]
    [TestCase("breaking", "additions", ExitCodes.Clean)]
    [TestCase("any", "additions", ExitCodes.OverThreshold)]
    [TestCase("any", "nothing", ExitCodes.Clean)]
    public async Task TheSurfaceVerdictCountsTowardFailOn(string failOn, string surface, int expected)
    {
        var report = surface switch { "breaks" => Breaks, "additions" => Additions, _ => NoChange };
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await DriftCommand.RunAsync(["compare", "--base", June23, "--candidate", June23, "--regenerate", "--fail-on", failOn], stdout, stderr, new FixedRegenerator(report));

        Assert.That(code, Is.EqualTo(expected), stdout.ToString() + stderr);
    }

    [TestCase("text", "! no longer builds: Outlit.OutlitConnectionFailedException.ctor(System.String, Outlit.IntegrationConnectionStatusResponse): CS1061:")]
    [TestCase("markdown", "| no longer builds | `Outlit.OutlitConnectionFailedException.ctor(System.String, Outlit.IntegrationConnectionStatusResponse)`: CS1061:")]
    [TestCase("github", "::error file=src/Outlit.Extensions/Integrations/IntegrationResults.cs,line=69,title=C# surface%3A no longer builds::Outlit.OutlitConnectionFailedException.ctor")]
    [TestCase("json", "\"member\": \"Outlit.OutlitConnectionFailedException.ctor(System.String, Outlit.IntegrationConnectionStatusResponse)\"")]
    public async Task MembersThatNoLongerBuildAreNamedInEveryFormat(string format, string expected)
    {
        using var stdout = new StringWriter();

        var code = await DriftCommand.RunAsync(["compare", "--base", June23, "--candidate", June23, "--regenerate", "--format", format], stdout, new StringWriter(), new FixedRegenerator(Breaks));

        Assert.That(code, Is.EqualTo(ExitCodes.OverThreshold));
        Assert.That(stdout.ToString(), Does.Contain(expected));
        Assert.That(stdout.ToString(), Does.Contain(format == "json" ? "\"verdict\": \"breaking\"" : "counts as breaking"));
    }

    [TestCase("--regenerate=everything")]
    [TestCase("--regenerate=")]
    public async Task AnUnknownRegenerationScopeIsAUsageError(string argument)
    {
        using var stderr = new StringWriter();

        var code = await DriftCommand.RunAsync(["compare", "--base", June23, "--candidate", June23, argument], new StringWriter(), stderr);

        Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
        Assert.That(stderr.ToString(), Does.Contain("--regenerate takes sdk or generated"));
    }

    [Test]
    [NonParallelizable]
    public async Task WithoutTheSdkSourcesTheToolSaysSoAndExitsTwo()
    {
        var previous = Environment.GetEnvironmentVariable(SdkSources.RootVariable);
        Environment.SetEnvironmentVariable(SdkSources.RootVariable, Path.Combine(Path.GetTempPath(), "no-such-checkout"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var code = await DriftCommand.RunAsync(["compare", "--base", June23, "--candidate", June23, "--regenerate"], stdout, stderr);

            Assert.That(code, Is.EqualTo(ExitCodes.UsageOrInput));
            Assert.That(stderr.ToString(), Does.Contain("The SDK sources are not available"));
            Assert.That(stdout.ToString(), Does.Contain("C# surface: failed"), "the comparison is reported all the same");
        }
        finally
        {
            Environment.SetEnvironmentVariable(SdkSources.RootVariable, previous);
        }
    }

    /// <summary>
    /// The real thing: the SDK built twice in a copy of this repository, against the contract and against the contract
    /// without <c>IntegrationConnectionStatusResponse.error</c>, which a hand-written exception reads. The generated
    /// layer alone would only show a removed property; the whole SDK shows the public constructor that no longer builds.
    /// </summary>
    [Test]
    [CancelAfter(300_000)]
    public async Task TheWholeSdkIsBuiltAndWhatNoLongerBuildsIsNamed(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "sdk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument, cancellationToken))!.AsObject();
        contract["components"]!["schemas"]!["IntegrationConnectionStatusResponse"]!["properties"]!.AsObject().Remove("error");
        var candidate = Path.Combine(folder, "candidate.json");
        await File.WriteAllTextAsync(candidate, contract.ToJsonString(), cancellationToken);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var code = await DriftCommand.RunAsync(
            ["compare", "--base", RepositoryPaths.OpenApiDocument, "--candidate", candidate, "--regenerate", "--format", "json"],
            stdout,
            stderr,
            new SdkRegenerator(RepositoryPaths.Root),
            cancellationToken);

        TestContext.Progress.WriteLine($"--regenerate over the whole SDK took {started.Elapsed.TotalSeconds:F1} s");
        Assert.That(code, Is.EqualTo(ExitCodes.OverThreshold), stderr.ToString() + stdout);
        using var json = JsonDocument.Parse(stdout.ToString());
        var surface = json.RootElement.GetProperty("surface");
        var broken = surface.GetProperty("noLongerBuilds").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(surface.GetProperty("status").GetString(), Is.EqualTo("compared"));
            Assert.That(surface.GetProperty("scope").GetString(), Does.StartWith("Outlit, Outlit.Testing"));
            Assert.That(surface.GetProperty("suggestedBump").GetString(), Is.EqualTo("major"));
            Assert.That(surface.GetProperty("verdict").GetString(), Is.EqualTo("breaking"));
            Assert.That(broken.Select(b => b.GetProperty("member").GetString()), Does.Contain("Outlit.OutlitConnectionFailedException.ctor(System.String, Outlit.IntegrationConnectionStatusResponse)"));
            Assert.That(broken.Select(b => b.GetProperty("diagnostic").GetString()), Has.All.StartWith("CS1061: 'IntegrationConnectionStatusResponse' does not contain a definition for 'Error'"));
            Assert.That(broken.Select(b => b.GetProperty("location").GetString()), Has.All.StartWith("src/Outlit.Extensions/"));
            Assert.That(json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()), Does.Contain("response-property-removed"));
        });
    }
}

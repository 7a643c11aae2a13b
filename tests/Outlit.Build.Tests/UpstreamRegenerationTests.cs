using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Newtonsoft.Json;

namespace Outlit.Build.Tests;

/// <summary>
/// Runs <c>build/regenerate.sh</c> once on every document of <c>../shared/upstream-history</c>
/// (read at run time) and checks each result: valid documents generate and compile, the invalid
/// one is refused with its broken reference named, and no union is collapsed to one branch.
/// </summary>
[NonParallelizable]
public class UpstreamRegenerationTests
{
    private static readonly string UpstreamFolder = Path.Combine(RepositoryPaths.Shared, "upstream-history");

    private static RegenerationRun? _run;

    /// <summary>Every upstream document, found when the tests are discovered.</summary>
    public static IEnumerable<string> Documents() =>
        Directory.Exists(UpstreamFolder)
            ? Directory.GetFiles(UpstreamFolder, "*.json").OrderBy(f => f, StringComparer.Ordinal).Select(Path.GetFileName).Cast<string>()
            : [];

    /// <summary>The documents with no dangling reference, by the test's own check.</summary>
    public static IEnumerable<string> ValidDocuments() =>
        Documents().Where(d => DanglingReferences(Path.Combine(UpstreamFolder, d)).Count == 0);

    private static RegenerationRun Run => _run ?? throw new InvalidOperationException("The regeneration did not run.");

    [OneTimeSetUp]
    public void RegenerateEveryUpstreamDocument()
    {
        Assert.That(Directory.Exists(UpstreamFolder), Is.True, $"{UpstreamFolder} must sit beside the checkout");
        _run ??= RegenerationRun.Start(Documents().Select(d => Path.Combine(UpstreamFolder, d)).ToList());
    }

    [OneTimeTearDown]
    public void DeleteTheRegeneratedClients()
    {
        if (_run is not null && Directory.Exists(_run.OutputFolder))
        {
            Directory.Delete(_run.OutputFolder, recursive: true);
        }

        _run = null;
    }

    [Test]
    public void TheUpstreamHistoryHoldsTheFiveDocuments() =>
        Assert.That(Documents().Count(), Is.GreaterThanOrEqualTo(5));

    [Test]
    public void OneUpstreamDocumentIsInvalid() =>
        Assert.That(Documents().Count() - ValidDocuments().Count(), Is.EqualTo(1), "the 2026-07-14 document references a schema it does not define");

    [Test]
    public void TheSharedCompilationHasNoErrors()
    {
        Assert.That(Run.Assembly, Is.Not.Null, $"regenerate.sh exited {Run.ExitCode}:\n{Run.Output}\n{Run.BuildLog}");
        Assert.That(Run.ExitCode, Is.EqualTo(2), "2 = everything compiled and at least one document was refused");
    }

    [TestCaseSource(nameof(Documents))]
    public void EachDocumentGeneratesAndCompilesOrIsRefusedWithItsBrokenReference(string document)
    {
        var dangling = DanglingReferences(Path.Combine(UpstreamFolder, document));
        var status = Run.Status(document);
        if (dangling.Count > 0)
        {
            Assert.That(status, Is.EqualTo("refused"));
            var log = Run.NormalizeLog(document);
            foreach (var (pointer, reference) in dangling)
            {
                Assert.That(log, Does.Contain(reference), "the broken reference is named");
                Assert.That(log, Does.Contain("#" + pointer), "and where it is");
            }

            Assert.That(log, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(Path.Combine(Run.OutputFolder, Path.GetFileNameWithoutExtension(document), "Client.g.cs")), Is.False, "no code is guessed");
            return;
        }

        Assert.That(status, Is.EqualTo("generated"), Run.NormalizeLog(document));
        Assert.That(Run.Assembly, Is.Not.Null, Run.BuildLog);
        Assert.That(Clients(document), Is.Not.Empty);

        // Every operation of the document has its method on exactly one generated client (Platform or Ingest).
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(UpstreamFolder, document)));
        foreach (var operationId in OperationIds(json.RootElement))
        {
            Assert.That(Clients(document).Count(c => c.GetMethods().Any(m => m.Name == Pascal(operationId) + "Async")), Is.EqualTo(1), operationId);
        }
    }

    /// <summary>The generated clients of a document: one class per group of operations (Platform, Ingest).</summary>
    private static IReadOnlyList<Type> Clients(string document) =>
        Run.AllTypes(document).Where(t => t.IsClass && t.Name.StartsWith("Outlit", StringComparison.Ordinal) && t.Name.EndsWith("Api", StringComparison.Ordinal)).ToList();

    [TestCaseSource(nameof(ValidDocuments))]
    public void NoUnionIsCollapsedToItsFirstBranch(string document)
    {
        var unions = Run.Unions(document);
        foreach (var union in unions)
        {
            var where = $"{document} {union.Pointer}";
            if (union.Strategy == "untyped")
            {
                continue;
            }

            var type = Run.Type(document, union.TypeName!);
            Assert.That(type, Is.Not.Null, $"{where}: {union.TypeName} was not generated");
            var branchTypes = union.Branches.Select(b => Run.Type(document, b)).ToList();
            Assert.That(branchTypes, Has.None.Null, $"{where}: a branch type was not generated");

            if (union.Strategy == "inheritance")
            {
                var mapped = type!.GetCustomAttributes().Where(a => a.GetType().Name == "JsonInheritanceAttribute").ToList();
                Assert.That(mapped, Has.Count.EqualTo(union.Branches.Count), where);
                foreach (var branch in branchTypes)
                {
                    Assert.That(branch!.IsSubclassOf(type), Is.True, $"{where}: {branch.Name} derives from {type.Name}");
                }
            }
            else
            {
                var merged = JsonNames(type!);
                foreach (var branch in branchTypes)
                {
                    Assert.That(merged, Is.SupersetOf(JsonNames(branch!)), $"{where}: every field of {branch!.Name} is reachable from {type!.Name}");
                }
            }
        }
    }

    [TestCaseSource(nameof(ValidDocuments))]
    public void OperationUnionsKeepEveryBranchReachable(string document)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(UpstreamFolder, document)));
        foreach (var (operationId, place, union) in OperationUnions(json.RootElement))
        {
            var method = Clients(document).SelectMany(c => c.GetMethods())
                .Single(m => m.Name == Pascal(operationId) + "Async" && !m.IsGenericMethod && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));
            var type = place == "request"
                ? method.GetParameters().Single(p => p.Name == "body").ParameterType
                : method.ReturnType.GetGenericArguments().Single();
            var branches = union.EnumerateArray().ToList();
            var where = $"{document} {operationId} {place}";

            var firstBranch = BranchType(document, branches[0]);
            Assert.That(type, Is.Not.EqualTo(firstBranch), $"{where} is typed as its first branch only");

            var reachable = JsonNames(type).Concat(Run.AllTypes(document).Where(t => t.IsSubclassOf(type)).SelectMany(JsonNames)).ToHashSet();

            // The inheritance converter reads and writes the discriminator itself.
            if (type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterParameters?.FirstOrDefault() is string discriminator)
            {
                reachable.Add(discriminator);
            }

            foreach (var branch in branches.Skip(1))
            {
                var branchNames = branch.TryGetProperty("properties", out var properties)
                    ? properties.EnumerateObject().Select(p => p.Name).ToList()
                    : JsonNames(BranchType(document, branch) ?? type).ToList();
                Assert.That(reachable, Is.SupersetOf(branchNames), where);
            }

            // A branch choosing its input schema through a property: each input keeps its own type.
            foreach (var branch in branches.Where(b => b.TryGetProperty("properties", out var p) && p.TryGetProperty("input", out var i) && i.TryGetProperty("$ref", out _)))
            {
                var inputSchema = branch.GetProperty("properties").GetProperty("input").GetProperty("$ref").GetString()!.Split('/').Last();
                var typed = Run.AllTypes(document)
                    .Where(t => t == type || t.IsSubclassOf(type))
                    .SelectMany(t => t.GetProperties())
                    .Any(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == "input" && p.PropertyType.Name == inputSchema);
                Assert.That(typed, Is.True, $"{where}: no request type carries input typed as {inputSchema}");
            }
        }
    }

    private static Type? BranchType(string document, JsonElement branch) =>
        branch.TryGetProperty("$ref", out var reference) ? Run.Type(document, reference.GetString()!.Split('/').Last()) : null;

    private static HashSet<string> JsonNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName)
            .Where(n => n is not null)
            .Cast<string>()
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> OperationIds(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("operationId", out var id))
                {
                    yield return id.GetString()!;
                }
            }
        }
    }

    /// <summary>oneOf/anyOf of two or more non-null branches used directly as a request or success body.</summary>
    private static IEnumerable<(string OperationId, string Place, JsonElement Branches)> OperationUnions(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind != JsonValueKind.Object || !operation.Value.TryGetProperty("operationId", out var id))
                {
                    continue;
                }

                var bodies = new List<(string, JsonElement)>();
                if (operation.Value.TryGetProperty("requestBody", out var request) && request.TryGetProperty("content", out var requestContent))
                {
                    bodies.AddRange(requestContent.EnumerateObject().Select(c => ("request", c.Value)));
                }

                if (operation.Value.TryGetProperty("responses", out var responses) && responses.TryGetProperty("200", out var ok) && ok.TryGetProperty("content", out var okContent))
                {
                    bodies.AddRange(okContent.EnumerateObject().Select(c => ("response", c.Value)));
                }

                foreach (var (place, media) in bodies)
                {
                    if (!media.TryGetProperty("schema", out var schema))
                    {
                        continue;
                    }

                    foreach (var keyword in new[] { "oneOf", "anyOf" })
                    {
                        if (schema.TryGetProperty(keyword, out var branches)
                            && branches.EnumerateArray().Count(b => !(b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")) >= 2)
                        {
                            yield return (id.GetString()!, place, branches);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Local references that point at nothing, with the pointer of the object holding them.</summary>
    internal static List<(string Pointer, string Reference)> DanglingReferences(string file)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var root = json.RootElement;
        var dangling = new List<(string, string)>();

        void Walk(JsonElement element, string pointer)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "example" or "examples")
                    {
                        continue;
                    }

                    if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String)
                    {
                        var reference = property.Value.GetString()!;
                        if (reference.StartsWith("#/", StringComparison.Ordinal) && !Resolves(root, reference[2..]))
                        {
                            dangling.Add((pointer, reference));
                        }
                    }
                    else
                    {
                        Walk(property.Value, pointer + "/" + property.Name.Replace("~", "~0").Replace("/", "~1"));
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, pointer + "/" + index++);
                }
            }
        }

        Walk(root, string.Empty);
        return dangling;
    }

    private static bool Resolves(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var segment in pointer.Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return false;
            }
        }

        return true;
    }

    private static string Pascal(string operationId) => char.ToUpperInvariant(operationId[0]) + operationId[1..];

    /// <summary>One run of build/regenerate.sh over several documents, and its compiled result.</summary>
    private sealed class RegenerationRun
    {
        private RegenerationRun(string outputFolder, int exitCode, string output, Assembly? assembly)
        {
            OutputFolder = outputFolder;
            ExitCode = exitCode;
            Output = output;
            Assembly = assembly;
        }

        public string OutputFolder { get; }

        public int ExitCode { get; }

        public string Output { get; }

        public Assembly? Assembly { get; }

        public string BuildLog => File.Exists(Path.Combine(OutputFolder, "build.log")) ? File.ReadAllText(Path.Combine(OutputFolder, "build.log")) : "(no build log)";

        public static RegenerationRun Start(IReadOnlyList<string> documents)
        {
            var outputFolder = Path.Combine(Path.GetTempPath(), "outlit-regenerate-" + Guid.NewGuid().ToString("N"));
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepositoryPaths.Root,
            };
            start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "build", "regenerate.sh"));
            start.ArgumentList.Add(outputFolder);
            foreach (var document in documents)
            {
                start.ArgumentList.Add(document);
            }

            // The normalizer this test project was built with: no second build of it.
            start.Environment["OUTLIT_CODEGEN_DLL"] = typeof(Outlit.Build.CodeGen.Program).Assembly.Location;

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("build/regenerate.sh did not finish within 5 minutes");
            }

            var output = stdout.Result + stderr.Result;
            var dll = Path.Combine(outputFolder, "bin", "Release", "net10.0", "Regenerated.dll");
            Assembly? assembly = null;
            if (File.Exists(dll))
            {
                // Collectible and isolated; Newtonsoft.Json resolves to the test's own copy so attributes compare, and the
                // runtime's other dependencies (Microsoft.Extensions.*) come from beside the regenerated assembly.
                var context = new AssemblyLoadContext("regenerated", isCollectible: true);
                var folder = Path.GetDirectoryName(dll)!;
                context.Resolving += (loader, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? loader.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
                assembly = context.LoadFromAssemblyPath(dll);
            }

            return new RegenerationRun(outputFolder, process.ExitCode, output, assembly);
        }

        public string Status(string document) => File.ReadAllText(Path.Combine(Folder(document), "status")).Trim();

        public string NormalizeLog(string document) => File.ReadAllText(Path.Combine(Folder(document), "normalize.log"));

        public IReadOnlyList<UnionEntry> Unions(string document) =>
            System.Text.Json.JsonSerializer.Deserialize<List<UnionEntry>>(File.ReadAllText(Path.Combine(Folder(document), "unions.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        public Type? Type(string document, string name) => Assembly?.GetType(Namespace(document) + "." + name);

        public IEnumerable<Type> AllTypes(string document) => Assembly?.GetTypes().Where(t => t.Namespace == Namespace(document)) ?? [];

        private string Folder(string document) => Path.Combine(OutputFolder, Path.GetFileNameWithoutExtension(document));

        private static string Namespace(string document) =>
            "Outlit.Regenerated.N" + new string(Path.GetFileNameWithoutExtension(document).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
    }

    /// <summary>One entry of the normalizer's union report.</summary>
    public sealed record UnionEntry(string Pointer, string Strategy, string? TypeName, List<string> Branches, string? Discriminator);
}

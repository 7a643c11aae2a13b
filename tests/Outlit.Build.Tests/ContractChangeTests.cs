using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Outlit.Build.Tests;

/// <summary>
/// The promise of the generation step, tested as a user meets it: a copy of the repository gets contract edits
/// (a new tool, a new paged tool, an optional response property, an enum value, a removed optional request
/// property, a renamed output schema), and the real build of the whole solution (library, mock, samples, tests,
/// benchmarks) succeeds with no hand-written file changed. The new tools then have their typed methods and
/// pageable, the mock answers them with schema-valid data, and the contract suite covers their examples.
/// </summary>
/// <remarks>
/// One build of all six edits together runs in the suite (about two minutes); set
/// <c>OUTLIT_CONTRACT_EDITS_EACH=1</c> to also build each edit alone.
/// </remarks>
[NonParallelizable]
public class ContractChangeTests
{
    private const string EachVariable = "OUTLIT_CONTRACT_EDITS_EACH";

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return new TestCaseData((object)ContractEdits.All.Select(e => e.Name).ToArray()).SetArgDisplayNames("all six edits");
        if (Environment.GetEnvironmentVariable(EachVariable) == "1")
        {
            foreach (var edit in ContractEdits.All)
            {
                yield return new TestCaseData((object)new[] { edit.Name }).SetArgDisplayNames(edit.Name);
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void TheWholeSolutionBuildsAfterTheEditWithNoHandWrittenFileChanged(string[] edits)
    {
        using var copy = RepositoryCopy.Create();
        var contractPath = Path.Combine(copy.Root, "openapi", "openapi.json");
        var contract = JsonNode.Parse(File.ReadAllText(contractPath))!.AsObject();
        foreach (var edit in ContractEdits.All.Where(e => edits.Contains(e.Name)))
        {
            edit.Apply(contract);
        }

        File.WriteAllText(contractPath, contract.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");

        var build = copy.Run("dotnet", "build", "Outlit.sln", "-c", "Release", "-nologo", "-clp:ErrorsOnly");
        Assert.That(build.ExitCode, Is.EqualTo(0), "the whole solution builds:\n" + build.Tail);

        var changed = copy.ChangedFiles();
        Assert.That(
            changed.Where(f => !f.StartsWith("openapi/", StringComparison.Ordinal) && !f.StartsWith("src/Outlit.Generated/", StringComparison.Ordinal)),
            Is.Empty,
            "only the contract and the generated code change");

        var listing = copy.Run("dotnet", Path.Combine("src", "Outlit.Drift", "bin", "Release", "net10.0", "outlit-drift.dll"), "api", Path.Combine("src", "Outlit.Extensions", "bin", "Release", "net10.0", "Outlit.dll"));
        Assert.That(listing.ExitCode, Is.EqualTo(0), listing.Tail);
        foreach (var edit in ContractEdits.All.Where(e => edits.Contains(e.Name)))
        {
            foreach (var declaration in edit.Present)
            {
                Assert.That(listing.Output, Does.Contain(declaration), $"{edit.Name}: the public API has {declaration}");
            }

            foreach (var declaration in edit.Absent)
            {
                Assert.That(listing.Output, Does.Not.Contain(declaration), $"{edit.Name}: the public API no longer has {declaration}");
            }
        }

        var newTools = ContractEdits.All.Where(e => edits.Contains(e.Name)).SelectMany(e => e.NewTools).ToList();
        if (newTools.Count == 0)
        {
            return;
        }

        var mock = copy.Run("dotnet", "test", "tests/Outlit.Testing.Tests", "-c", "Release", "--no-build", "--filter", "FullyQualifiedName~Every_tool_of_the_contract", "--logger", "console;verbosity=normal");
        Assert.That(mock.ExitCode, Is.EqualTo(0), "the mock answers every tool with schema-valid output:\n" + mock.Tail);
        var suite = copy.Run("dotnet", "test", "tests/Contract", "-c", "Release", "--no-build", "--filter", "FullyQualifiedName~Outlit.Contract.Tests.Examples|FullyQualifiedName~Outlit.Contract.Tests.Generated", "--logger", "console;verbosity=normal");
        Assert.That(suite.ExitCode, Is.EqualTo(0), "the contract suite passes on the edited contract:\n" + suite.Tail);
        foreach (var tool in newTools)
        {
            Assert.That(mock.Output, Does.Contain(tool), $"the mock answered {tool}");
            Assert.That(suite.Output, Does.Contain(tool), $"the contract suite covers {tool} and its examples");
        }
    }

    /// <summary>A copy of the working tree (tracked and new files) beside the shared folder, as a git repository.</summary>
    private sealed class RepositoryCopy : IDisposable
    {
        private readonly string work;

        private RepositoryCopy(string work, string root)
        {
            this.work = work;
            Root = root;
        }

        public string Root { get; }

        public static RepositoryCopy Create()
        {
            var work = Path.Combine(Path.GetTempPath(), "outlit-contract-change-" + Guid.NewGuid().ToString("N")[..12]);
            var root = Path.Combine(work, "repo");
            var copy = new RepositoryCopy(work, root);
            var files = Process(RepositoryPaths.Root, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard");
            Assert.That(files.ExitCode, Is.EqualTo(0), files.Tail);
            // Distinct: an unmerged path is listed once per conflict stage.
            foreach (var file in files.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
            {
                var source = Path.Combine(RepositoryPaths.Root, file);
                if (!File.Exists(source) || file.StartsWith("build/node_modules/", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = Path.Combine(root, file);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
            }

            // The pinned npm tools are reused rather than installed again; the shared folder sits beside the copy.
            var modules = Path.Combine(RepositoryPaths.Root, "build", "node_modules");
            if (Directory.Exists(modules))
            {
                Directory.CreateSymbolicLink(Path.Combine(root, "build", "node_modules"), modules);
            }

            if (Directory.Exists(RepositoryPaths.Shared))
            {
                Directory.CreateSymbolicLink(Path.Combine(work, "shared"), RepositoryPaths.Shared);
            }

            foreach (var git in new[] { new[] { "init", "-q" }, new[] { "add", "-A" }, new[] { "-c", "user.name=contract-change", "-c", "user.email=contract-change@outlit.invalid", "commit", "-q", "-m", "baseline" } })
            {
                var run = copy.Run("git", git);
                Assert.That(run.ExitCode, Is.EqualTo(0), run.Tail);
            }

            return copy;
        }

        public IReadOnlyList<string> ChangedFiles()
        {
            var status = Run("git", "status", "--porcelain", "--untracked-files=all");
            return status.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[3..].Trim()).ToList();
        }

        public ProcessRun Run(string program, params string[] arguments) => Process(Root, program, arguments);

        public void Dispose()
        {
            // OUTLIT_KEEP_CONTRACT_COPY=1 leaves the edited copy behind to look into a failed build.
            if (Environment.GetEnvironmentVariable("OUTLIT_KEEP_CONTRACT_COPY") == "1")
            {
                TestContext.Progress.WriteLine($"edited copy kept at {Root}");
                return;
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A build server may still hold a file; the temporary folder is left to the system.
            }
        }

        private static ProcessRun Process(string directory, string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The build in the copy is a build of its own: no MSBuild state of the test host leaks into it, and no
            // build server outlives it.
            foreach (var variable in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "DOTNET_HOST_PATH" })
            {
                start.Environment.Remove(variable);
            }

            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = System.Diagnostics.Process.Start(start)!;
            // Whole streams, not lines: `git ls-files -z` output has no line breaks, and a line reader may hand the
            // caller its end only after the exit has been seen.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within 8 minutes");
            }

            process.WaitForExit();
            var output = new StringBuilder(stdout.GetAwaiter().GetResult()).Append(stderr.GetAwaiter().GetResult());
            return new ProcessRun(process.ExitCode, output.ToString());
        }
    }

    private sealed record ProcessRun(int ExitCode, string Output)
    {
        public string Tail => Output.Length > 6000 ? Output[^6000..] : Output;
    }
}

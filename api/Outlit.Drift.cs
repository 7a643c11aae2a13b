// The public API of Outlit.Drift, written from the built assembly by `outlit-drift api`.
// Do not edit: a change here is a change of what users can call (see api/README.md).

namespace Outlit.Drift.Cli
{
    public static class ApiCommand
    {
        public static System.Collections.Generic.IEnumerable<string> LineDiff(string before, string after);
        public static int Run(System.ReadOnlySpan<string> args, System.IO.TextWriter stdout, System.IO.TextWriter stderr);
    }

    public sealed class CompareOptions : System.IEquatable<Outlit.Drift.Cli.CompareOptions>
    {
        public CompareOptions(string Base, string Candidate, Outlit.Drift.Reporting.ReportFormat Format, Outlit.Drift.Cli.FailOn FailOn, bool Regenerate, Outlit.Drift.Cli.SurfaceScope Scope = 0);
        public string Base { get; init; }
        public string Candidate { get; init; }
        public Outlit.Drift.Cli.FailOn FailOn { get; init; }
        public Outlit.Drift.Reporting.ReportFormat Format { get; init; }
        public bool Regenerate { get; init; }
        public Outlit.Drift.Cli.SurfaceScope Scope { get; init; }
        public Outlit.Drift.Cli.CompareOptions <Clone>$();
        public void Deconstruct(out string Base, out string Candidate, out Outlit.Drift.Reporting.ReportFormat Format, out Outlit.Drift.Cli.FailOn FailOn, out bool Regenerate, out Outlit.Drift.Cli.SurfaceScope Scope);
        public bool Equals(Outlit.Drift.Cli.CompareOptions other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public static class DriftCommand
    {
        public const string Usage = "Usage: outlit-drift compare --base <file|url> --candidate <file|url>
                            [--format text|markdown|json|github]
                            [--fail-on breaking|any|none]
                            [--regenerate[=sdk|generated]]
       outlit-drift api <assembly.dll>... [--out <folder> | --check <folder>]
       outlit-drift release --feed <folder> --package <id> --assembly <dll>
                            --out <folder> [--contract <openapi.json>]
                            [--first-version <x.y.z>]

Compares two OpenAPI 3.0/3.1 documents and classifies each difference as
breaking, warning, non-breaking or error (a defect in a document).
  --format      output format (default: text)
  --fail-on     findings that make the exit code 1 (default: breaking, which
                includes errors)
  --regenerate  also build the SDK against both documents (in a temporary
                copy of the repository) and compare the public API of its
                assemblies: removed, changed and added members, members that
                no longer build, and the suggested version bump; a major bump
                counts as breaking and a minor one as non-breaking for
                --fail-on. =generated compares the generated client alone.
api writes the public API listing of each assembly (<folder>/<Assembly>.cs), or
with --check compares the listings in <folder> and exits 1 when one differs.
release versions the next package by its public surface against the latest one
in the feed and writes its release notes (outlit-drift release --help).
Exit codes: 0 clean or under the threshold, 1 over the threshold,
            2 usage error, unreadable input or failed regeneration,
            3 a document is not valid OpenAPI (the report is still written,
              with the document errors and everything that could be compared).";
        public static bool IsOverThreshold(System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> findings, Outlit.Drift.Cli.FailOn failOn);
        public static bool IsOverThreshold(System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> findings, Outlit.Drift.Cli.FailOn failOn, Outlit.Drift.Surface.SurfaceReport surface);
        public static System.Threading.Tasks.Task<int> RunAsync(string[] args, System.IO.TextWriter stdout, System.IO.TextWriter stderr, Outlit.Drift.Surface.IClientRegenerator regenerator = null, System.Threading.CancellationToken cancellationToken = default);
    }

    public static class ExitCodes
    {
        public const int Clean = 0;
        public const int InvalidDocument = 3;
        public const int OverThreshold = 1;
        public const int UsageOrInput = 2;
    }

    public enum FailOn
    {
        Breaking = 0,
        Any = 1,
        None = 2,
    }

    public static class ReleaseCommand
    {
        public const string NotesFile = "release-notes.md";
        public const string Usage = "Usage: outlit-drift release --feed <folder> --package <id> --assembly <dll> --out <folder>
                            [--contract <openapi.json>] [--first-version <x.y.z>]

Versions the next package <id> by its public surface: the latest <id> in the feed
plus major (a member removed or changed), minor (members added) or patch (neither);
the first package gets --first-version (default 1.0.0). Writes into --out:
  version.txt        the version
  release-notes.md   the drift report of --contract against the contract the
                     previous package carries, with the public API diff
  api/               what the package carries for the next release: <Assembly>.cs
                     (the listing), <Assembly>.surface.json, and openapi.json
                     (the contract) when --contract is given
Exit codes: 0 written, 2 usage error or unreadable input.";
        public const string VersionFile = "version.txt";
        public static System.Threading.Tasks.Task<int> RunAsync(string[] args, System.IO.TextWriter stdout, System.IO.TextWriter stderr, System.Threading.CancellationToken cancellationToken = default);
    }

    public enum SurfaceScope
    {
        Sdk = 0,
        Generated = 1,
    }
}

namespace Outlit.Drift.Comparison
{
    public enum DocumentSide
    {
        Base = 0,
        Candidate = 1,
    }

    public static class DriftComparer
    {
        public static System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> Compare(Outlit.Drift.Comparison.LoadedDocument baseDocument, Outlit.Drift.Comparison.LoadedDocument candidate);
    }

    public sealed class DriftInputException : System.Exception
    {
        public DriftInputException(string message, System.Exception innerException = null);
    }

    public sealed class Finding : System.IEquatable<Outlit.Drift.Comparison.Finding>
    {
        public Finding(Outlit.Drift.Comparison.Severity Severity, string RuleId, string Location, string Message, Outlit.Drift.Comparison.DocumentSide Document);
        public Outlit.Drift.Comparison.DocumentSide Document { get; init; }
        public string Location { get; init; }
        public string Message { get; init; }
        public string RuleId { get; init; }
        public Outlit.Drift.Comparison.Severity Severity { get; init; }
        public Outlit.Drift.Comparison.Finding <Clone>$();
        public void Deconstruct(out Outlit.Drift.Comparison.Severity Severity, out string RuleId, out string Location, out string Message, out Outlit.Drift.Comparison.DocumentSide Document);
        public bool Equals(Outlit.Drift.Comparison.Finding other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public static class JsonPointer
    {
        public const string Root = "#";
        public static string Append(string pointer, string[] tokens);
    }

    public sealed class LoadedDocument : System.IEquatable<Outlit.Drift.Comparison.LoadedDocument>
    {
        public LoadedDocument(string Source, Microsoft.OpenApi.OpenApiDocument Document, System.Collections.Generic.IReadOnlyList<Microsoft.OpenApi.OpenApiError> Errors, System.ReadOnlyMemory<byte> Content);
        public bool Comparable { get; init; }
        public System.ReadOnlyMemory<byte> Content { get; init; }
        public Microsoft.OpenApi.OpenApiDocument Document { get; init; }
        public System.Collections.Generic.IReadOnlyList<Microsoft.OpenApi.OpenApiError> Errors { get; init; }
        public bool IsJson { get; }
        public System.Text.Json.Nodes.JsonObject Root { get; init; }
        public string Source { get; init; }
        public Microsoft.OpenApi.OpenApiSpecVersion Version { get; init; }
        public Outlit.Drift.Comparison.LoadedDocument <Clone>$();
        public void Deconstruct(out string Source, out Microsoft.OpenApi.OpenApiDocument Document, out System.Collections.Generic.IReadOnlyList<Microsoft.OpenApi.OpenApiError> Errors, out System.ReadOnlyMemory<byte> Content);
        public bool Equals(Outlit.Drift.Comparison.LoadedDocument other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public byte[] ToJson();
        public override string ToString();
    }

    public static class OpenApiInput
    {
        public static System.Threading.Tasks.Task<Outlit.Drift.Comparison.LoadedDocument> LoadAsync(string source, System.Net.Http.HttpClient httpClient = null, System.Threading.CancellationToken cancellationToken = default);
        public static System.Threading.Tasks.Task<Outlit.Drift.Comparison.LoadedDocument> ParseAsync(string source, string content, System.Threading.CancellationToken cancellationToken = default);
    }

    public enum Severity
    {
        NonBreaking = 0,
        Warning = 1,
        Breaking = 2,
        Error = 3,
    }

    public static class SeverityNames
    {
        public static string ToDisplayName(Outlit.Drift.Comparison.Severity severity);
    }
}

namespace Outlit.Drift.Release
{
    public sealed class FeedPackage : System.IEquatable<Outlit.Drift.Release.FeedPackage>
    {
        public FeedPackage(string Path, string Id, Outlit.Drift.Release.ReleaseVersion Version);
        public string Id { get; init; }
        public string Path { get; init; }
        public Outlit.Drift.Release.ReleaseVersion Version { get; init; }
        public Outlit.Drift.Release.FeedPackage <Clone>$();
        public void Deconstruct(out string Path, out string Id, out Outlit.Drift.Release.ReleaseVersion Version);
        public bool Equals(Outlit.Drift.Release.FeedPackage other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public static class PackageFeed
    {
        public const string ApiFolder = "api";
        public const string ContractEntry = "api/openapi.json";
        public static Outlit.Drift.Release.FeedPackage Latest(string feed, string packageId);
        public static string ReadContract(string package);
        public static Outlit.Drift.Surface.ApiSurface ReadSurface(string package, string assemblyName, System.Collections.Generic.IEnumerable<string> references);
        public static string SurfaceFileName(string assemblyName);
        public static System.Collections.Generic.IReadOnlyList<Outlit.Drift.Release.FeedPackage> Versions(string feed, string packageId);
    }

    public sealed class ReleasePlan : System.IEquatable<Outlit.Drift.Release.ReleasePlan>
    {
        public ReleasePlan(string PackageId, Outlit.Drift.Release.ReleaseVersion Version, Outlit.Drift.Release.FeedPackage Previous, Outlit.Drift.Surface.SurfaceReport Surface, Outlit.Drift.Reporting.DriftReport Drift, string ContractVersion, Outlit.Drift.Surface.ApiSurface Current);
        public Outlit.Drift.Surface.VersionBump? Bump { get; }
        public string ContractVersion { get; init; }
        public Outlit.Drift.Surface.ApiSurface Current { get; init; }
        public Outlit.Drift.Reporting.DriftReport Drift { get; init; }
        public string PackageId { get; init; }
        public Outlit.Drift.Release.FeedPackage Previous { get; init; }
        public Outlit.Drift.Surface.SurfaceReport Surface { get; init; }
        public Outlit.Drift.Release.ReleaseVersion Version { get; init; }
        public Outlit.Drift.Release.ReleasePlan <Clone>$();
        public void Deconstruct(out string PackageId, out Outlit.Drift.Release.ReleaseVersion Version, out Outlit.Drift.Release.FeedPackage Previous, out Outlit.Drift.Surface.SurfaceReport Surface, out Outlit.Drift.Reporting.DriftReport Drift, out string ContractVersion, out Outlit.Drift.Surface.ApiSurface Current);
        public bool Equals(Outlit.Drift.Release.ReleasePlan other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public static class ReleasePlanner
    {
        public static Outlit.Drift.Release.ReleaseVersion DefaultFirstVersion { get; }
        public static System.Threading.Tasks.Task<Outlit.Drift.Release.ReleasePlan> PlanAsync(Outlit.Drift.Release.ReleaseRequest request, System.Threading.CancellationToken cancellationToken = default);
        public static string ReleaseNotes(Outlit.Drift.Release.ReleasePlan plan);
    }

    public sealed class ReleaseRequest : System.IEquatable<Outlit.Drift.Release.ReleaseRequest>
    {
        public ReleaseRequest(string Feed, string PackageId, string Assembly, string Contract, Outlit.Drift.Release.ReleaseVersion FirstVersion);
        public string Assembly { get; init; }
        public string Contract { get; init; }
        public string Feed { get; init; }
        public Outlit.Drift.Release.ReleaseVersion FirstVersion { get; init; }
        public string PackageId { get; init; }
        public Outlit.Drift.Release.ReleaseRequest <Clone>$();
        public void Deconstruct(out string Feed, out string PackageId, out string Assembly, out string Contract, out Outlit.Drift.Release.ReleaseVersion FirstVersion);
        public bool Equals(Outlit.Drift.Release.ReleaseRequest other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class ReleaseVersion : System.IComparable<Outlit.Drift.Release.ReleaseVersion>, System.IEquatable<Outlit.Drift.Release.ReleaseVersion>
    {
        public ReleaseVersion(int Major, int Minor, int Patch, string PreRelease = null);
        public int Major { get; init; }
        public int Minor { get; init; }
        public int Patch { get; init; }
        public string PreRelease { get; init; }
        public Outlit.Drift.Release.ReleaseVersion <Clone>$();
        public int CompareTo(Outlit.Drift.Release.ReleaseVersion other);
        public void Deconstruct(out int Major, out int Minor, out int Patch, out string PreRelease);
        public bool Equals(Outlit.Drift.Release.ReleaseVersion other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public Outlit.Drift.Release.ReleaseVersion Next(Outlit.Drift.Surface.VersionBump bump);
        public static Outlit.Drift.Release.ReleaseVersion Parse(string text);
        public override string ToString();
        public static bool TryParse(string text, out Outlit.Drift.Release.ReleaseVersion version);
    }
}

namespace Outlit.Drift.Reporting
{
    public sealed class DriftReport : System.IEquatable<Outlit.Drift.Reporting.DriftReport>
    {
        public DriftReport(string BaseSource, string CandidateSource, System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> Findings, Outlit.Drift.Surface.SurfaceReport Surface = null, Outlit.Drift.Reporting.SurfaceUnavailable SurfaceUnavailable = null);
        public string BaseSource { get; init; }
        public string CandidateSource { get; init; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> Findings { get; init; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.DocumentSide> InvalidDocuments { get; }
        public string InvalidDocumentsSentence { get; }
        public Outlit.Drift.Surface.SurfaceReport Surface { get; init; }
        public Outlit.Drift.Reporting.SurfaceUnavailable SurfaceUnavailable { get; init; }
        public Outlit.Drift.Reporting.DriftReport <Clone>$();
        public int Count(Outlit.Drift.Comparison.Severity severity);
        public void Deconstruct(out string BaseSource, out string CandidateSource, out System.Collections.Generic.IReadOnlyList<Outlit.Drift.Comparison.Finding> Findings, out Outlit.Drift.Surface.SurfaceReport Surface, out Outlit.Drift.Reporting.SurfaceUnavailable SurfaceUnavailable);
        public bool Equals(Outlit.Drift.Reporting.DriftReport other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public enum ReportFormat
    {
        Text = 0,
        Markdown = 1,
        Json = 2,
        GitHub = 3,
    }

    public static class ReportFormatter
    {
        public static void Write(Outlit.Drift.Reporting.DriftReport report, Outlit.Drift.Reporting.ReportFormat format, System.IO.TextWriter writer);
    }

    public sealed class SurfaceUnavailable : System.IEquatable<Outlit.Drift.Reporting.SurfaceUnavailable>
    {
        public SurfaceUnavailable(bool Skipped, string Reason);
        public string Reason { get; init; }
        public bool Skipped { get; init; }
        public string Status { get; }
        public Outlit.Drift.Reporting.SurfaceUnavailable <Clone>$();
        public void Deconstruct(out bool Skipped, out string Reason);
        public bool Equals(Outlit.Drift.Reporting.SurfaceUnavailable other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }
}

namespace Outlit.Drift.Surface
{
    public static class ApiListing
    {
        public static string Render(Outlit.Drift.Surface.ApiSurface surface, string assemblyName);
    }

    public sealed class ApiSurface
    {
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Declarations { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Members { get; }
        public System.Collections.Generic.IReadOnlyDictionary<string, string> Namespaces { get; }
        public static System.Collections.Generic.IReadOnlyList<string> DependenciesOf(string assemblyPath);
        public Outlit.Drift.Surface.ApiSurface ForNamespace(string prefix, string replacement);
        public static Outlit.Drift.Surface.ApiSurface FromEntries(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> members);
        public static Outlit.Drift.Surface.ApiSurface FromJson(string json);
        public static Outlit.Drift.Surface.ApiSurface Load(string assemblyPath);
        public static Outlit.Drift.Surface.ApiSurface Load(string assemblyPath, System.Collections.Generic.IEnumerable<string> references);
        public static Outlit.Drift.Surface.ApiSurface Merge(System.Collections.Generic.IEnumerable<Outlit.Drift.Surface.ApiSurface> surfaces);
        public string ToJson();
    }

    public sealed class BuildBreak : System.IEquatable<Outlit.Drift.Surface.BuildBreak>
    {
        public BuildBreak(string Member, string Diagnostic, string Location);
        public string Diagnostic { get; init; }
        public string Location { get; init; }
        public string Member { get; init; }
        public Outlit.Drift.Surface.BuildBreak <Clone>$();
        public void Deconstruct(out string Member, out string Diagnostic, out string Location);
        public bool Equals(Outlit.Drift.Surface.BuildBreak other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public interface IClientRegenerator
    {
        System.Threading.Tasks.Task<Outlit.Drift.Surface.SurfaceReport> CompareSurfaceAsync(Outlit.Drift.Comparison.LoadedDocument baseDocument, Outlit.Drift.Comparison.LoadedDocument candidate, System.Threading.CancellationToken cancellationToken);
    }

    public sealed class RegenerationException : System.Exception
    {
        public RegenerationException(string message, Outlit.Drift.Comparison.DocumentSide? refusedDocument = null);
        public Outlit.Drift.Comparison.DocumentSide? RefusedDocument { get; }
    }

    public sealed class ScriptRegenerator : Outlit.Drift.Surface.IClientRegenerator
    {
        public const string CommandVariable = "OUTLIT_REGENERATE_COMMAND";
        public ScriptRegenerator(string command = null);
        public System.Threading.Tasks.Task<Outlit.Drift.Surface.SurfaceReport> CompareSurfaceAsync(Outlit.Drift.Comparison.LoadedDocument baseDocument, Outlit.Drift.Comparison.LoadedDocument candidate, System.Threading.CancellationToken cancellationToken);
        public static string Locate();
    }

    public sealed class SdkRegenerator : Outlit.Drift.Surface.IClientRegenerator
    {
        public SdkRegenerator(string root = null);
        public System.Threading.Tasks.Task<Outlit.Drift.Surface.SurfaceReport> CompareSurfaceAsync(Outlit.Drift.Comparison.LoadedDocument baseDocument, Outlit.Drift.Comparison.LoadedDocument candidate, System.Threading.CancellationToken cancellationToken);
    }

    public static class SdkSources
    {
        public const string ContractPath = "openapi/openapi.json";
        public const string RootVariable = "OUTLIT_SDK_ROOT";
        public static System.Collections.Generic.IReadOnlyList<System.ValueTuple<string, string>> Libraries { get; }
        public static void CopyTo(string root, string destination);
        public static bool IsRoot(string folder);
        public static string Locate();
    }

    public static class SurfaceComparer
    {
        public static Outlit.Drift.Surface.SurfaceReport Compare(Outlit.Drift.Surface.ApiSurface current, Outlit.Drift.Surface.ApiSurface regenerated);
    }

    public sealed class SurfaceReport : System.IEquatable<Outlit.Drift.Surface.SurfaceReport>
    {
        public SurfaceReport(System.Collections.Generic.IReadOnlyList<string> Removed, System.Collections.Generic.IReadOnlyList<string> Changed, System.Collections.Generic.IReadOnlyList<string> Added);
        public System.Collections.Generic.IReadOnlyList<string> Added { get; init; }
        public Outlit.Drift.Surface.VersionBump Bump { get; }
        public System.Collections.Generic.IReadOnlyList<string> Changed { get; init; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Drift.Surface.BuildBreak> NoLongerBuilds { get; init; }
        public System.Collections.Generic.IReadOnlyList<string> Removed { get; init; }
        public string Scope { get; init; }
        public Outlit.Drift.Comparison.Severity? Verdict { get; }
        public Outlit.Drift.Surface.SurfaceReport <Clone>$();
        public void Deconstruct(out System.Collections.Generic.IReadOnlyList<string> Removed, out System.Collections.Generic.IReadOnlyList<string> Changed, out System.Collections.Generic.IReadOnlyList<string> Added);
        public bool Equals(Outlit.Drift.Surface.SurfaceReport other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public enum VersionBump
    {
        Patch = 0,
        Minor = 1,
        Major = 2,
    }
}

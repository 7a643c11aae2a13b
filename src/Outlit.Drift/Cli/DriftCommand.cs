using Outlit.Drift.Comparison;
using Outlit.Drift.Reporting;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Cli;

/// <summary>Which findings make <c>compare</c> exit with 1.</summary>
public enum FailOn
{
    /// <summary>Errors and breaking findings (the default).</summary>
    Breaking,

    /// <summary>Any finding at all.</summary>
    Any,

    /// <summary>Never: report only.</summary>
    None,
}

/// <summary>What <c>--regenerate</c> builds and compares.</summary>
public enum SurfaceScope
{
    /// <summary>The whole SDK: the generated client and the hand-written layer, as the shipped assemblies (the default).</summary>
    Sdk,

    /// <summary>The generated client alone, through <c>build/regenerate.sh</c>.</summary>
    Generated,
}

/// <summary>Exit codes of the tool.</summary>
public static class ExitCodes
{
    /// <summary>No finding at or above the threshold.</summary>
    public const int Clean = 0;

    /// <summary>At least one finding at or above the threshold.</summary>
    public const int OverThreshold = 1;

    /// <summary>Bad arguments, a document that cannot be read (missing, not downloadable, neither JSON nor YAML), or a failed regeneration.</summary>
    public const int UsageOrInput = 2;

    /// <summary>The base or the candidate is not a valid OpenAPI document; the report is still written.</summary>
    public const int InvalidDocument = 3;
}

/// <summary>Parsed arguments of <c>outlit-drift compare</c>.</summary>
/// <param name="Base">Path or URL of the base document.</param>
/// <param name="Candidate">Path or URL of the candidate document.</param>
/// <param name="Format">Output format.</param>
/// <param name="FailOn">Exit-code threshold.</param>
/// <param name="Regenerate">Whether to regenerate the client from the candidate and compare its public API.</param>
/// <param name="Scope">What <paramref name="Regenerate"/> builds and compares.</param>
public sealed record CompareOptions(string Base, string Candidate, ReportFormat Format, FailOn FailOn, bool Regenerate, SurfaceScope Scope = SurfaceScope.Sdk);

/// <summary>The command-line entry point; <see cref="RunAsync"/> is what <c>Program</c> calls and what tests call in-process.</summary>
public static class DriftCommand
{
    /// <summary>The usage text printed by <c>--help</c> and after a usage error.</summary>
    public const string Usage = """
        Usage: outlit-drift compare --base <file|url> --candidate <file|url>
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
                      with the document errors and everything that could be compared).
        """;

    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdout">Where the report goes.</param>
    /// <param name="stderr">Where usage and input errors go.</param>
    /// <param name="regenerator">Builds the client from a candidate document; the default uses the repository's build script.</param>
    /// <param name="cancellationToken">Cancels downloads and regeneration.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IClientRegenerator? regenerator = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.UsageOrInput : ExitCodes.Clean;
        }

        if (args[0] == "api")
        {
            return ApiCommand.Run(args.AsSpan(1), stdout, stderr);
        }

        if (args[0] == "release")
        {
            return await ReleaseCommand.RunAsync(args[1..], stdout, stderr, cancellationToken).ConfigureAwait(false);
        }

        if (args[0] != "compare")
        {
            stderr.WriteLine($"Unknown command '{args[0]}'.");
            stderr.WriteLine(Usage);
            return ExitCodes.UsageOrInput;
        }

        if (!TryParse(args.AsSpan(1), out var options, out var problem))
        {
            stderr.WriteLine(problem);
            stderr.WriteLine(Usage);
            return ExitCodes.UsageOrInput;
        }

        LoadedDocument baseDocument;
        LoadedDocument candidate;
        try
        {
            baseDocument = await OpenApiInput.LoadAsync(options.Base, cancellationToken: cancellationToken).ConfigureAwait(false);
            candidate = await OpenApiInput.LoadAsync(options.Candidate, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DriftInputException ex)
        {
            stderr.WriteLine("outlit-drift: " + ex.Message);
            return ExitCodes.UsageOrInput;
        }

        var findings = DriftComparer.Compare(baseDocument, candidate);
        var invalid = findings.Any(f => f.Severity == Severity.Error);
        SurfaceReport? surface = null;
        SurfaceUnavailable? unavailable = null;
        var regenerationFailed = false;
        if (options.Regenerate && invalid)
        {
            // The generator would refuse the document or crash on it; the findings say why.
            var sides = string.Join(" and ", findings.Where(f => f.Severity == Severity.Error).Select(f => f.Document == DocumentSide.Base ? "base" : "candidate").Distinct());
            unavailable = new SurfaceUnavailable(Skipped: true, $"the {sides} is not a valid OpenAPI document, so the client was not regenerated.");
        }
        else if (options.Regenerate)
        {
            regenerator ??= options.Scope == SurfaceScope.Generated ? new ScriptRegenerator() : new SdkRegenerator();
            try
            {
                surface = await regenerator.CompareSurfaceAsync(baseDocument, candidate, cancellationToken).ConfigureAwait(false);
            }
            catch (RegenerationException ex)
            {
                stderr.WriteLine("outlit-drift: " + ex.Message);
                unavailable = new SurfaceUnavailable(Skipped: false, ex.Message);
                if (ex.RefusedDocument is { } refused)
                {
                    // The build's normalizer knows rules this check does not (yet): its refusal
                    // makes the document invalid all the same.
                    findings = [.. findings, new Finding(Severity.Error, "document-invalid", JsonPointer.Root, "The client generator refused the document as invalid; see the C# surface section for its message.", refused)];
                    invalid = true;
                }
                else
                {
                    regenerationFailed = true;
                }
            }
        }

        // The report is written whatever the outcome, so that a job never loses the findings
        // exactly when a document is broken or the regeneration fails.
        var report = new DriftReport(options.Base, options.Candidate, findings, surface, unavailable);
        ReportFormatter.Write(report, options.Format, stdout);
        if (invalid)
        {
            return ExitCodes.InvalidDocument;
        }

        if (regenerationFailed)
        {
            return ExitCodes.UsageOrInput;
        }

        return IsOverThreshold(findings, options.FailOn, surface) ? ExitCodes.OverThreshold : ExitCodes.Clean;
    }

    /// <summary>Applies the <c>--fail-on</c> threshold.</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="failOn">The threshold.</param>
    /// <returns>True when the run must fail.</returns>
    public static bool IsOverThreshold(IReadOnlyList<Finding> findings, FailOn failOn) => failOn switch
    {
        FailOn.None => false,
        FailOn.Any => findings.Count > 0,
        _ => findings.Any(f => f.Severity >= Severity.Breaking),
    };

    /// <summary>
    /// Applies the <c>--fail-on</c> threshold to the findings and the C# surface verdict together: a surface that
    /// suggests a major version (members removed, changed or no longer building) counts as a breaking finding, one
    /// that suggests a minor version (members added) as a non-breaking one.
    /// </summary>
    /// <param name="findings">The findings.</param>
    /// <param name="failOn">The threshold.</param>
    /// <param name="surface">The surface comparison, when <c>--regenerate</c> produced one.</param>
    /// <returns>True when the run must fail.</returns>
    public static bool IsOverThreshold(IReadOnlyList<Finding> findings, FailOn failOn, SurfaceReport? surface)
        => IsOverThreshold(findings, failOn) || (surface?.Verdict is { } severity && IsOverThreshold([new Finding(severity, "surface", JsonPointer.Root, string.Empty, DocumentSide.Candidate)], failOn));

    private static bool TryParse(ReadOnlySpan<string> args, out CompareOptions options, out string problem)
    {
        options = null!;
        string? baseSource = null;
        string? candidate = null;
        var format = ReportFormat.Text;
        var failOn = FailOn.Breaking;
        var regenerate = false;
        var scope = SurfaceScope.Sdk;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            string? Value(ReadOnlySpan<string> all, ref int index)
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (index + 1 >= all.Length || all[index + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    return null;
                }

                return all[++index];
            }

            switch (arg)
            {
                case "--base":
                    baseSource = Value(args, ref i);
                    if (baseSource is null)
                    {
                        problem = "--base needs a file or URL.";
                        return false;
                    }

                    break;
                case "--candidate":
                    candidate = Value(args, ref i);
                    if (candidate is null)
                    {
                        problem = "--candidate needs a file or URL.";
                        return false;
                    }

                    break;
                case "--format":
                    var formatText = Value(args, ref i);
                    ReportFormat? parsedFormat = formatText switch
                    {
                        "text" => ReportFormat.Text,
                        "markdown" => ReportFormat.Markdown,
                        "json" => ReportFormat.Json,
                        "github" => ReportFormat.GitHub,
                        _ => null,
                    };
                    if (parsedFormat is null)
                    {
                        problem = $"--format must be text, markdown, json or github (got '{formatText}').";
                        return false;
                    }

                    format = parsedFormat.Value;
                    break;
                case "--fail-on":
                    var failText = Value(args, ref i);
                    FailOn? parsedFail = failText switch
                    {
                        "breaking" => FailOn.Breaking,
                        "any" => FailOn.Any,
                        "none" => FailOn.None,
                        _ => null,
                    };
                    if (parsedFail is null)
                    {
                        problem = $"--fail-on must be breaking, any or none (got '{failText}').";
                        return false;
                    }

                    failOn = parsedFail.Value;
                    break;
                case "--regenerate":
                    regenerate = true;
                    SurfaceScope? parsedScope = inlineValue switch
                    {
                        null or "sdk" => SurfaceScope.Sdk,
                        "generated" => SurfaceScope.Generated,
                        _ => null,
                    };
                    if (parsedScope is null)
                    {
                        problem = $"--regenerate takes sdk or generated (got '{inlineValue}').";
                        return false;
                    }

                    scope = parsedScope.Value;
                    break;
                default:
                    problem = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        if (baseSource is null || candidate is null)
        {
            problem = "Both --base and --candidate are required.";
            return false;
        }

        options = new CompareOptions(baseSource, candidate, format, failOn, regenerate, scope);
        problem = string.Empty;
        return true;
    }
}

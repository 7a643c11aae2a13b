using System.Text;
using System.Text.Json;
using Outlit.Drift.Comparison;

namespace Outlit.Drift.Reporting;

/// <summary>Output formats of <c>outlit-drift compare</c>.</summary>
public enum ReportFormat
{
    /// <summary>One line per finding, for terminals and logs.</summary>
    Text,

    /// <summary>A table, for pull-request comments and job summaries.</summary>
    Markdown,

    /// <summary>A stable machine-readable object.</summary>
    Json,

    /// <summary>GitHub Actions workflow commands (<c>::error file=...::</c>) that annotate the run.</summary>
    GitHub,
}

/// <summary>Why a report that asked for the C# surface (<c>--regenerate</c>) has none.</summary>
/// <param name="Skipped">True when regeneration was not attempted (a document is invalid); false when it was attempted and failed.</param>
/// <param name="Reason">One or more lines saying why.</param>
public sealed record SurfaceUnavailable(bool Skipped, string Reason)
{
    /// <summary><c>skipped</c> or <c>failed</c>, as every format spells it.</summary>
    public string Status => Skipped ? "skipped" : "failed";
}

/// <summary>Everything a report shows: the inputs, the findings and, when computed, the C# surface impact.</summary>
/// <param name="BaseSource">Path or URL of the base document.</param>
/// <param name="CandidateSource">Path or URL of the candidate document.</param>
/// <param name="Findings">The classified differences.</param>
/// <param name="Surface">The public API impact of regenerating, when <c>--regenerate</c> ran.</param>
/// <param name="SurfaceUnavailable">Why <c>--regenerate</c> produced no surface, when it did not.</param>
public sealed record DriftReport(string BaseSource, string CandidateSource, IReadOnlyList<Finding> Findings, Surface.SurfaceReport? Surface = null, SurfaceUnavailable? SurfaceUnavailable = null)
{
    /// <summary>Number of findings of one severity.</summary>
    /// <param name="severity">The severity to count.</param>
    /// <returns>The count.</returns>
    public int Count(Severity severity) => Findings.Count(f => f.Severity == severity);

    /// <summary>The documents that are not valid OpenAPI (they have <see cref="Severity.Error"/> findings), base first.</summary>
    public IReadOnlyList<DocumentSide> InvalidDocuments
        => Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Document).Distinct().Order().ToList();

    /// <summary>A sentence naming the invalid documents, or null when both are valid.</summary>
    public string? InvalidDocumentsSentence
    {
        get
        {
            var invalid = InvalidDocuments;
            if (invalid.Count == 0)
            {
                return null;
            }

            var names = string.Join(" and ", invalid.Select(side => $"the {(side == DocumentSide.Base ? "base" : "candidate")} ({ErrorCount(side)} {(ErrorCount(side) == 1 ? "error" : "errors")})"));
            return $"Not a valid OpenAPI document: {names}; everything else was compared as far as the documents allow.";
        }
    }

    private int ErrorCount(DocumentSide side) => Findings.Count(f => f.Severity == Severity.Error && f.Document == side);
}

/// <summary>Renders a <see cref="DriftReport"/>.</summary>
public static class ReportFormatter
{
    private static readonly Severity[] Order = [Severity.Error, Severity.Breaking, Severity.Warning, Severity.NonBreaking];

    /// <summary>Writes the report in the requested format.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <param name="writer">Where to write.</param>
    public static void Write(DriftReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Text:
                WriteText(report, writer);
                break;
            case ReportFormat.Markdown:
                WriteMarkdown(report, writer);
                break;
            case ReportFormat.Json:
                WriteJson(report, writer);
                break;
            case ReportFormat.GitHub:
                WriteGitHub(report, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    private static string Summary(DriftReport report)
        => string.Join(", ", Order.Select(s => $"{report.Count(s)} {s.ToDisplayName()}"));

    private static void WriteText(DriftReport report, TextWriter writer)
    {
        writer.WriteLine($"Comparing {report.CandidateSource} against {report.BaseSource}");
        if (report.Findings.Count == 0)
        {
            writer.WriteLine("No differences that affect clients.");
        }

        foreach (var finding in report.Findings)
        {
            var where = finding.Document == DocumentSide.Base ? "base" : "candidate";
            writer.WriteLine($"[{finding.Severity.ToDisplayName()}] {finding.RuleId} {where}:{finding.Location}");
            writer.WriteLine($"    {finding.Message}");
        }

        writer.WriteLine($"Summary: {Summary(report)}.");
        if (report.InvalidDocumentsSentence is { } invalid)
        {
            writer.WriteLine(invalid);
        }

        if (report.SurfaceUnavailable is { } unavailable)
        {
            writer.WriteLine();
            writer.WriteLine($"C# surface: {unavailable.Status}: {unavailable.Reason}");
        }

        if (report.Surface is { } surface)
        {
            writer.WriteLine();
            writer.WriteLine($"C# surface of {surface.Scope}: {SurfaceCounts(surface)}; suggested version bump: {BumpName(surface)}{VerdictNote(surface)}.");
            foreach (var broken in surface.NoLongerBuilds)
            {
                writer.WriteLine($"  ! no longer builds: {broken.Member}: {broken.Diagnostic} ({broken.Location})");
            }

            foreach (var line in surface.Removed)
            {
                writer.WriteLine($"  - removed: {line}");
            }

            foreach (var change in surface.Changed)
            {
                writer.WriteLine($"  ~ changed: {change}");
            }

            foreach (var line in surface.Added)
            {
                writer.WriteLine($"  + added: {line}");
            }
        }
    }

    private static string BumpName(Surface.SurfaceReport surface) => surface.Bump.ToString().ToLowerInvariant();

    private static string SurfaceCounts(Surface.SurfaceReport surface)
        => $"{surface.Removed.Count} removed, {surface.Changed.Count} changed, {surface.Added.Count} added"
            + (surface.NoLongerBuilds.Count > 0 ? $", {surface.NoLongerBuilds.Select(b => b.Member).Distinct().Count()} no longer build" : string.Empty);

    private static string VerdictName(Surface.SurfaceReport surface) => surface.Verdict?.ToDisplayName() ?? "none";

    private static string VerdictNote(Surface.SurfaceReport surface) => surface.Verdict is { } verdict ? $" (counts as {verdict.ToDisplayName()})" : string.Empty;

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static void WriteMarkdown(DriftReport report, TextWriter writer)
    {
        writer.WriteLine("## OpenAPI drift");
        writer.WriteLine();
        writer.WriteLine($"`{Cell(report.CandidateSource)}` compared with `{Cell(report.BaseSource)}`: {Summary(report)}.");
        writer.WriteLine();
        if (report.InvalidDocumentsSentence is { } invalid)
        {
            writer.WriteLine($"**{invalid}**");
            writer.WriteLine();
        }
        if (report.Findings.Count > 0)
        {
            writer.WriteLine("| Severity | Rule | Location | Message |");
            writer.WriteLine("| --- | --- | --- | --- |");
            foreach (var finding in report.Findings)
            {
                var where = finding.Document == DocumentSide.Base ? "base" : "candidate";
                writer.WriteLine($"| {finding.Severity.ToDisplayName()} | `{finding.RuleId}` | {where} `{Cell(finding.Location)}` | {Cell(finding.Message)} |");
            }

            writer.WriteLine();
        }

        if (report.SurfaceUnavailable is { } unavailable)
        {
            writer.WriteLine($"### C# surface impact: {unavailable.Status}");
            writer.WriteLine();
            writer.WriteLine("~~~~");
            writer.WriteLine(unavailable.Reason);
            writer.WriteLine("~~~~");
        }

        if (report.Surface is { } surface)
        {
            WriteSurfaceMarkdown(surface, writer);
        }
    }

    /// <summary>The C# surface section of the markdown report, also the body of release notes when there is no contract to compare.</summary>
    /// <param name="surface">The surface comparison.</param>
    /// <param name="writer">Where to write.</param>
    internal static void WriteSurfaceMarkdown(Surface.SurfaceReport surface, TextWriter writer)
    {
        writer.WriteLine($"### C# surface impact: suggested bump **{BumpName(surface)}**{VerdictNote(surface)}");
        writer.WriteLine();
        writer.WriteLine($"Public API of {Cell(surface.Scope)}: {SurfaceCounts(surface)}.");
        if (surface.NoLongerBuilds.Count + surface.Removed.Count + surface.Changed.Count + surface.Added.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("| Change | Member |");
        writer.WriteLine("| --- | --- |");
        foreach (var broken in surface.NoLongerBuilds)
        {
            writer.WriteLine($"| no longer builds | `{Cell(broken.Member)}`: {Cell(broken.Diagnostic)} (`{Cell(broken.Location)}`) |");
        }

        foreach (var line in surface.Removed)
        {
            writer.WriteLine($"| removed | `{Cell(line)}` |");
        }

        foreach (var line in surface.Changed)
        {
            writer.WriteLine($"| changed | `{Cell(line)}` |");
        }

        foreach (var line in surface.Added)
        {
            writer.WriteLine($"| added | `{Cell(line)}` |");
        }
    }

    private static void WriteJson(DriftReport report, TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("base", report.BaseSource);
            json.WriteString("candidate", report.CandidateSource);
            json.WriteStartObject("summary");
            foreach (var severity in Order)
            {
                json.WriteNumber(severity.ToDisplayName(), report.Count(severity));
            }

            json.WriteEndObject();
            json.WriteStartArray("invalidDocuments");
            foreach (var side in report.InvalidDocuments)
            {
                json.WriteStringValue(side == DocumentSide.Base ? "base" : "candidate");
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                json.WriteStartObject();
                json.WriteString("severity", finding.Severity.ToDisplayName());
                json.WriteString("rule", finding.RuleId);
                json.WriteString("document", finding.Document == DocumentSide.Base ? "base" : "candidate");
                json.WriteString("location", finding.Location);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (report.Surface is { } surface)
            {
                json.WriteStartObject("surface");
                json.WriteString("status", "compared");
                json.WriteString("scope", surface.Scope);
                json.WriteString("suggestedBump", BumpName(surface));
                json.WriteString("verdict", VerdictName(surface));
                WriteStrings(json, "removed", surface.Removed);
                WriteStrings(json, "changed", surface.Changed);
                WriteStrings(json, "added", surface.Added);
                json.WriteStartArray("noLongerBuilds");
                foreach (var broken in surface.NoLongerBuilds)
                {
                    json.WriteStartObject();
                    json.WriteString("member", broken.Member);
                    json.WriteString("diagnostic", broken.Diagnostic);
                    json.WriteString("location", broken.Location);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }
            else if (report.SurfaceUnavailable is { } unavailable)
            {
                json.WriteStartObject("surface");
                json.WriteString("status", unavailable.Status);
                json.WriteString("reason", unavailable.Reason);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Escapes a value for a workflow command, as the runner's toolkit does.</summary>
    private static string EscapeData(string text)
        => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string EscapeProperty(string text)
        => EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static void WriteGitHub(DriftReport report, TextWriter writer)
    {
        foreach (var finding in report.Findings)
        {
            var command = finding.Severity switch
            {
                Severity.Error or Severity.Breaking => "error",
                Severity.Warning => "warning",
                _ => "notice",
            };
            var file = finding.Document == DocumentSide.Base ? report.BaseSource : report.CandidateSource;
            var title = $"{finding.Severity.ToDisplayName()}: {finding.RuleId}";
            writer.WriteLine($"::{command} file={EscapeProperty(file)},title={EscapeProperty(title)}::{EscapeData(finding.Message + " (" + finding.Location + ")")}");
        }

        if (report.SurfaceUnavailable is { } unavailable)
        {
            var command = unavailable.Skipped ? "warning" : "error";
            writer.WriteLine($"::{command} title={EscapeProperty("C# surface " + unavailable.Status)}::{EscapeData(unavailable.Reason)}");
        }

        if (report.Surface is { } surface)
        {
            foreach (var broken in surface.NoLongerBuilds)
            {
                // "path:69,71": the annotation marks the first line.
                var colon = broken.Location.LastIndexOf(':');
                var file = colon < 0 ? broken.Location : broken.Location[..colon];
                var line = colon < 0 ? "1" : broken.Location[(colon + 1)..].Split(',')[0];
                writer.WriteLine($"::error file={EscapeProperty(file)},line={EscapeProperty(line)},title={EscapeProperty("C# surface: no longer builds")}::{EscapeData(broken.Member + ": " + broken.Diagnostic)}");
            }

            var summary = $"C# surface of {surface.Scope}: {SurfaceCounts(surface)}; suggested version bump: {BumpName(surface)}{VerdictNote(surface)}.";
            var command = surface.Verdict switch
            {
                Severity.Breaking => "error",
                Severity.NonBreaking => "notice",
                _ => null,
            };
            writer.WriteLine(command is null ? summary : $"::{command} title={EscapeProperty("C# surface: " + BumpName(surface))}::{EscapeData(summary)}");
        }

        var invalidNote = report.InvalidDocumentsSentence is { } invalid ? " " + invalid : string.Empty;
        writer.WriteLine($"OpenAPI drift: {Summary(report)}.{invalidNote}");
    }
}

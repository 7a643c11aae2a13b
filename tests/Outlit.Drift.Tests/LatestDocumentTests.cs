using System.Text.RegularExpressions;
using Outlit.Drift.Comparison;

namespace Outlit.Drift.Tests;

/// <summary>
/// The contract against Outlit's latest published document: every difference the drift check reports is one the
/// contract keeps on purpose, listed with its reason in openapi/README.md, and every listed difference still exists.
/// </summary>
public partial class LatestDocumentTests
{
    private const string Section = "## Deliberate differences from Outlit's current document (2026-08-19)";

    [Test]
    public async Task TheDriftCheckReportsExactlyTheDeliberateDifferencesTheContractReadmeLists()
    {
        var findings = DriftComparer.Compare(
            await OpenApiInput.LoadAsync(RepositoryPaths.OpenApiDocument),
            await Documents.HistoryAsync("2026-08-19"));
        var rows = DeliberateDifferences();
        TestContext.Out.WriteLine($"{findings.Count} findings against the latest document, {rows.Count} listed differences");

        var unexplained = findings.Where(f => !rows.Any(r => r.Matches(f))).ToList();
        var stale = rows.Where(r => !findings.Any(r.Matches)).Select(r => $"{r.RuleId} {r.Location}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.Not.Empty, "the README section lists the differences");
            Assert.That(findings.Where(f => f.Severity == Severity.Error), Is.Empty, Documents.Describe(findings));
            Assert.That(unexplained, Is.Empty, "differences openapi/README.md does not explain:\n" + Documents.Describe(unexplained));
            Assert.That(stale, Is.Empty, "listed differences the comparison no longer finds");
        });
    }

    [Test]
    public async Task EachToolInputIsComparedToolByToolAcrossTheTwoWaysOfWritingTheGateway()
    {
        // The contract lists tools in x-outlit-tools; Outlit's document writes a oneOf per tool. Reading a tool's input
        // with one property fewer must show up as that tool's input, not as every input added or removed.
        var contract = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument))!.AsObject();
        contract["components"]!["schemas"]!["GetDestinationInput"]!["properties"]!.AsObject().Remove("id");
        contract["components"]!["schemas"]!["GetDestinationInput"]!.AsObject().Remove("required");
        var findings = DriftComparer.Compare(
            await OpenApiInput.ParseAsync("edited.json", contract.ToJsonString()),
            await Documents.HistoryAsync("2026-08-19"));

        var added = findings.Where(f => f.RuleId == "request-property-added-required").ToList();
        Assert.That(added.Select(f => f.Location), Is.EqualTo(new[] { "#/components/schemas/ToolInput_outlit_get_destination/properties/id" }), Documents.Describe(findings));
    }

    private static List<DeliberateDifference> DeliberateDifferences()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "openapi", "README.md"));
        var start = text.IndexOf(Section, StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), "openapi/README.md has the section " + Section);
        var end = text.IndexOf("\n## ", start + Section.Length, StringComparison.Ordinal);
        var body = end < 0 ? text[start..] : text[start..end];
        return Row().Matches(body).Select(m => new DeliberateDifference(m.Groups["rule"].Value, m.Groups["location"].Value)).ToList();
    }

    [GeneratedRegex(@"^\| `(?<rule>[a-z-]+)` \| `(?<location>[^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    private sealed record DeliberateDifference(string RuleId, string Location)
    {
        private Regex Pattern { get; } = new("^" + string.Join(".*", Location.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);

        public bool Matches(Finding finding) =>
            finding.RuleId == RuleId && Pattern.IsMatch((finding.Document == DocumentSide.Base ? "base:" : "candidate:") + finding.Location);
    }
}

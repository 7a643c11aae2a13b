using System.Text.RegularExpressions;
using Outlit.Build.CodeGen.Normalization;
using Outlit.TestSupport;

namespace Outlit.Build.Tests;

/// <summary>The ordered rule list, its documentation and the report of what each rule changed.</summary>
public class NormalizationRuleListTests
{
    [Test]
    public void BuildReadmeListsTheRulesInTheOrderTheyRun()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "build", "README.md"));
        var section = readme[readme.IndexOf("## The normalization rules, in order", StringComparison.Ordinal)..];
        var documented = Regex.Matches(section, @"^\| (\d+) \| ([^|]+?) \|", RegexOptions.Multiline)
            .Select(m => (Number: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Name: m.Groups[2].Value.Trim()))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(documented.Select(d => d.Name), Is.EqualTo(SpecNormalizer.Rules.Select(r => r.Name)), "build/README.md's table and SpecNormalizer.Rules must list the same rules in the same order");
            Assert.That(documented.Select(d => d.Number), Is.EqualTo(Enumerable.Range(1, documented.Count)), "the table is numbered in order");
        });
    }

    [Test]
    public void EveryRuleSaysWhyItExists() =>
        Assert.That(SpecNormalizer.Rules.Where(r => string.IsNullOrWhiteSpace(r.Reason) || !r.Reason.TrimEnd().EndsWith('.')).Select(r => r.Name), Is.Empty);

    [Test]
    public void TheReportNamesWhatEachRuleChangedByPointer()
    {
        var result = SpecNormalizer.Normalize(File.ReadAllText(RepositoryPaths.OpenApiDocument));

        Assert.That(result.Rules.Select(r => r.Name), Is.EqualTo(SpecNormalizer.Rules.Select(r => r.Name)), "one report entry per rule, in order");
        var byName = result.Rules.ToDictionary(r => r.Name);
        Assert.Multiple(() =>
        {
            // Spot checks against known rewrites of the contract: each rule reports the pointers it touched.
            Assert.That(byName["Declare OpenAPI 3.0"].Changes, Has.Some.Matches<Outlit.Build.CodeGen.Json.JsonChange>(c => c.Pointer == "/openapi" && c.Change == "changed"));
            Assert.That(byName["Resolve unions"].Changes, Has.Some.Matches<Outlit.Build.CodeGen.Json.JsonChange>(c => c.Pointer.StartsWith("/components/schemas/IngestEvent/", StringComparison.Ordinal)));
            Assert.That(byName["Give aliases a class"].Changes.Select(c => c.Pointer), Has.Some.StartsWith("/components/schemas/GetFactOutput"));
            Assert.That(result.Rules.SelectMany(r => r.Changes).Select(c => c.Change).Distinct(), Is.SubsetOf(new[] { "added", "removed", "changed" }));
        });
    }
}

namespace Outlit.Drift.Comparison;

/// <summary>Collects findings once each: a component reached from many operations is reported a single time.</summary>
internal sealed class FindingSet
{
    private readonly List<Finding> findings = [];
    private readonly HashSet<Finding> seen = [];

    public int Count => findings.Count;

    public IEnumerable<Finding> Items => findings;

    public void Add(Severity severity, string ruleId, string location, string message, DocumentSide document)
    {
        var finding = new Finding(severity, ruleId, location, message, document);
        if (seen.Add(finding))
        {
            findings.Add(finding);
        }
    }

    public void AddRange(IEnumerable<Finding> other)
    {
        foreach (var finding in other)
        {
            Add(finding.Severity, finding.RuleId, finding.Location, finding.Message, finding.Document);
        }
    }

    public IReadOnlyList<Finding> ToSortedList()
        => findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Location, StringComparer.Ordinal)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
}

using Outlit.Drift.Comparison;

namespace Outlit.Drift.Tests;

/// <summary>Loads documents once per test run: the later history files are large.</summary>
internal static class Documents
{
    private static readonly Dictionary<string, Task<LoadedDocument>> Cache = [];
    private static readonly Lock Gate = new();

    public static Task<LoadedDocument> HistoryAsync(string date)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(date, out var task))
            {
                task = OpenApiInput.LoadAsync(RepositoryPaths.History(date));
                Cache[date] = task;
            }

            return task;
        }
    }

    public static async Task<IReadOnlyList<Finding>> CompareHistoryAsync(string baseDate, string candidateDate)
        => DriftComparer.Compare(await HistoryAsync(baseDate), await HistoryAsync(candidateDate));

    public static async Task<IReadOnlyList<Finding>> CompareJsonAsync(string baseJson, string candidateJson)
        => DriftComparer.Compare(await OpenApiInput.ParseAsync("base.json", baseJson), await OpenApiInput.ParseAsync("candidate.json", candidateJson));

    public static Dictionary<string, int> CountByRule(IEnumerable<Finding> findings, Severity? severity = null)
        => findings.Where(f => severity is null || f.Severity == severity)
            .GroupBy(f => f.RuleId)
            .ToDictionary(g => g.Key, g => g.Count());

    public static string Describe(IEnumerable<Finding> findings)
        => string.Join(Environment.NewLine, findings.Select(f => $"{f.Severity.ToDisplayName()} {f.RuleId} {f.Document}:{f.Location} {f.Message}"));
}

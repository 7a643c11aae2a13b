using System.Globalization;
using System.Text;

namespace Outlit.Faults.Matrix;

/// <summary>The one-line summary and the markdown table of a run.</summary>
public static class MatrixReport
{
    /// <summary>
    /// <c>fault matrix: N cells, T typed, H hangs, U untyped, I invented, G known gaps</c>, then the classes the
    /// issue's line has no slot for (mismatched, leaked) and the run time.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <returns>One line.</returns>
    public static string SummaryLine(MatrixRun run)
    {
        var gaps = run.Results.Count(r => KnownGaps.Cells.ContainsKey(r.Cell.Id));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"fault matrix: {run.Results.Count} cells, {run.Count(OutcomeClass.Typed)} typed, {run.Count(OutcomeClass.Hang)} hangs, {run.Count(OutcomeClass.Untyped)} untyped, {run.Count(OutcomeClass.Invented)} invented, {gaps} known gaps; {run.Count(OutcomeClass.Mismatched)} mismatched, {run.Count(OutcomeClass.Leaked)} leaked, {run.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The report: summary, the behaviour × operation table, then every cell not as documented.</summary>
    /// <param name="run">The run.</param>
    /// <returns>Markdown.</returns>
    public static string Markdown(MatrixRun run)
    {
        var text = new StringBuilder();
        var operations = Operations.All.Where(op => run.Results.Any(r => r.Cell.Operation == op)).ToArray();
        var behaviours = Behaviours.All.Where(b => run.Results.Any(r => r.Cell.Behaviour == b)).ToArray();
        var byCell = run.Results.ToDictionary(r => (r.Cell.Behaviour, r.Cell.Operation));

        text.AppendLine("# Fault matrix");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{SummaryLine(run)}`");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Timeouts: attempt {FaultClients.AttemptTimeout.TotalMilliseconds:0} ms, total {FaultClients.TotalTimeout.TotalSeconds:0.#} s, {FaultClients.PlatformMaxRetries} Platform and {FaultClients.IngestMaxRetries} ingest retries; a cell hangs after its timeouts plus {FaultClients.Margin.TotalSeconds:0.#} s. {FaultMatrix.Degree} cells at a time; memory-heavy cells alone.");
        text.AppendLine();
        text.AppendLine("Each cell: the outcome, `×` the requests the server saw. ✓ as documented; **HANG** no outcome in time; **UNTYPED** a non-Outlit exception escaped; **INVENTED** a result the server did not send; **LEAK** a secret in a log line, exception, snippet or drift finding; **≠** typed but not as documented. `gap` marks a known gap. – does not apply.");
        text.AppendLine();

        text.Append("| behaviour |");
        foreach (var op in operations)
        {
            text.Append(CultureInfo.InvariantCulture, $" {op.Id} |");
        }

        text.AppendLine();
        text.Append("| --- |");
        text.AppendLine(string.Concat(Enumerable.Repeat(" --- |", operations.Length)));
        foreach (var behaviour in behaviours)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {behaviour.Id} |");
            foreach (var op in operations)
            {
                text.Append(byCell.TryGetValue((behaviour, op), out var result) ? $" {Short(result)} |" : " – |");
            }

            text.AppendLine();
        }

        text.AppendLine();
        text.AppendLine("## Behaviours");
        text.AppendLine();
        foreach (var behaviour in behaviours)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{behaviour.Id}`: {behaviour.Title}");
        }

        var wrong = run.Results.Where(r => r.Class != OutcomeClass.Typed).ToArray();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Cells not as documented ({wrong.Length})");
        text.AppendLine();
        text.AppendLine("| cell | class | documented | observed | why | known gap |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var result in wrong)
        {
            var gap = KnownGaps.Cells.TryGetValue(result.Cell.Id, out var reason) ? reason : "**not listed**";
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{result.Cell.Id}` | {result.Class} | {Cell(string.Join(" or ", result.Cell.Expected.Select(e => e.Describe())))} | {Cell(result.Observed)} | {Cell(result.Why)} | {Cell(gap)} |");
        }

        var heavy = run.Results.Where(r => r.Cell.Behaviour.Heavy).ToArray();
        if (heavy.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("## Memory of the heavy cells (each run alone)");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"The gzip bomb is {Behaviours.BombBytes / 1024.0:0} KB on the wire and {Behaviours.BombInflatedSize / (1024 * 1024)} MB inflated; a bomb cell may allocate at most {Behaviours.BombAllocationCeiling / (1024 * 1024)} MB. Allocated: by the whole process while the cell ran, the scripted server included (which builds the 10 MB bodies). Working-set rise: peak over the start of the cell, sampled every 10 ms; memory kept from an earlier cell hides part of it.");
            text.AppendLine();
            text.AppendLine("| cell | outcome | allocated | working-set rise | time |");
            text.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var result in heavy)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| `{result.Cell.Id}` | {Cell(result.Observed)} | {result.AllocatedBytes / (1024.0 * 1024):0.#} MB | {result.WorkingSetRise / (1024.0 * 1024):0.#} MB | {result.Elapsed.TotalSeconds:0.00} s |");
            }
        }

        text.AppendLine();
        text.AppendLine("## Sentinel scan");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{run.Results.Sum(r => r.TextsScanned) + run.UnattributedEvents} texts scanned ({run.Results.Sum(r => r.LogLines)} log lines, {run.Results.Sum(r => r.Events) + run.UnattributedEvents} events of the `Outlit` EventSource ({run.UnattributedEvents} outside any cell), the rest exception texts with every public property of each exception in the chain, ingest failures, body snippets and drift findings); {run.Results.Sum(r => r.SentinelHits.Count) + run.UnattributedHits.Count} held a secret, in {run.Count(OutcomeClass.Leaked)} cells.");
        return text.ToString();
    }

    private static string Short(CellResult result)
    {
        // OutlitTimeoutException ×3 → Timeout ×3; the base type keeps its name.
        var observed = result.Observed.StartsWith("OutlitException", StringComparison.Ordinal)
            ? result.Observed
            : result.Observed.Replace("Outlit", "", StringComparison.Ordinal).Replace("Exception", "", StringComparison.Ordinal);
        var mark = result.Class switch
        {
            OutcomeClass.Typed => "✓",
            OutcomeClass.Hang => "**HANG**",
            OutcomeClass.Untyped => "**UNTYPED**",
            OutcomeClass.Invented => "**INVENTED**",
            OutcomeClass.Leaked => "**LEAK**",
            _ => "**≠**",
        };
        var gap = KnownGaps.Cells.ContainsKey(result.Cell.Id) ? " `gap`" : "";
        return result.Class == OutcomeClass.Hang ? mark + gap : $"{mark} {Cell(observed)}{gap}";
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

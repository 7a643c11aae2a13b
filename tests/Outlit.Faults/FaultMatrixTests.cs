using Outlit.Faults.Matrix;

namespace Outlit.Faults;

/// <summary>
/// Runs the fault matrix once and checks it: every cell outside <see cref="KnownGaps"/> ends as documented,
/// every known gap still fails, and no secret appears in anything the matrix produced outside the known gaps.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaultMatrixTests
{
    private MatrixRun run = null!;

    [OneTimeSetUp]
    public async Task RunMatrix()
    {
        run = await FaultMatrix.RunAsync();
        TestContext.Progress.WriteLine(MatrixReport.SummaryLine(run));
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "fault-matrix.md"), MatrixReport.Markdown(run));
    }

    [Test]
    public void Every_cell_outside_the_known_gaps_ends_as_documented()
    {
        var wrong = run.Results
            .Where(r => r.Class != OutcomeClass.Typed && !KnownGaps.Cells.ContainsKey(r.Cell.Id))
            .Select(r => $"{r.Cell.Id}: {r.Class}, observed {r.Observed}, documented {string.Join(" or ", r.Cell.Expected.Select(e => e.Describe()))}: {r.Why}")
            .ToArray();

        Assert.That(wrong, Is.Empty, () => $"{wrong.Length} cells outside the known gaps did not end as documented:\n" + string.Join("\n", wrong));
    }

    [Test]
    public void Every_known_gap_still_fails()
    {
        var fixedCells = run.Results
            .Where(r => r.Class == OutcomeClass.Typed && KnownGaps.Cells.ContainsKey(r.Cell.Id))
            .Select(r => r.Cell.Id)
            .ToArray();

        Assert.That(fixedCells, Is.Empty, () => $"{fixedCells.Length} known gaps now end as documented; remove them from KnownGaps:\n" + string.Join("\n", fixedCells));
    }

    [Test]
    public void Known_gaps_name_only_cells_of_the_matrix()
    {
        var ids = FaultMatrix.Cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = KnownGaps.Cells.Keys.Where(id => !ids.Contains(id)).ToArray();

        Assert.That(unknown, Is.Empty, "known gaps that name no cell (renamed or removed)");
    }

    [Test]
    public void No_secret_appears_outside_the_known_gaps()
    {
        var leaks = run.Results
            .Where(r => r.SentinelHits.Count > 0 && !KnownGaps.Cells.ContainsKey(r.Cell.Id))
            .SelectMany(r => r.SentinelHits.Select(hit => $"{r.Cell.Id}: {hit}"))
            .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(run.Results.Sum(r => r.TextsScanned), Is.GreaterThan(run.Results.Count), "the scan read almost nothing: the texts are not being collected");
            Assert.That(run.Results.Sum(r => r.LogLines), Is.GreaterThan(0), "no log line was captured: the logger is not wired");
            Assert.That(run.Results.Where(r => r.Cell.Operation.Kind != OperationKind.Platform).Sum(r => r.LogLines), Is.GreaterThan(0), "no ingest log line was captured: the ingest client's logger is not wired");
            Assert.That(run.Results.Sum(r => r.Events), Is.GreaterThan(run.Results.Count), "almost no EventSource event reached a cell: the listener is not routing them");
            Assert.That(leaks, Is.Empty, () => string.Join("\n", leaks));
            Assert.That(run.UnattributedHits, Is.Empty, () => string.Join("\n", run.UnattributedHits));
            Assert.That(run.EventSourceErrors, Is.Empty, () => string.Join("\n", run.EventSourceErrors));
        });
    }

    [Test]
    public void Every_cell_called_its_operation()
    {
        var wrongRoute = run.Results
            .Where(r => r.FirstRoute != r.Cell.Operation.Route)
            .Select(r => $"{r.Cell.Id}: first request {r.FirstRoute ?? "(none)"}, expected {r.Cell.Operation.Route}")
            .ToArray();

        Assert.That(wrongRoute, Is.Empty, () => string.Join("\n", wrongRoute));
    }

    [Test]
    public void The_scripted_servers_worked()
    {
        var errors = run.Results.SelectMany(r => r.ServerErrors.Select(e => $"{r.Cell.Id}: {e}")).ToArray();

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors));
    }

    [Test]
    public void Every_hung_call_was_released()
    {
        var stuck = run.Results.Where(r => r.StillRunningAfterCleanup).Select(r => r.Cell.Id).ToArray();

        Assert.That(stuck, Is.Empty, "calls still running 5 s after their server closed every connection and their token was cancelled");
    }

    [Test]
    public void The_matrix_covers_every_operation_and_behaviour()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Operations.All.Where(op => !FaultMatrix.Cells.Any(c => c.Operation == op)).Select(op => op.Id), Is.Empty, "operations with no cell");
            Assert.That(Behaviours.All.Where(b => !FaultMatrix.Cells.Any(c => c.Behaviour == b)).Select(b => b.Id), Is.Empty, "behaviours with no cell");
            Assert.That(FaultMatrix.Cells.Select(c => c.Id), Is.Unique);
        });
    }

    [Test]
    public void The_matrix_runs_within_two_minutes()
    {
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromMinutes(2)), MatrixReport.SummaryLine(run));
    }
}

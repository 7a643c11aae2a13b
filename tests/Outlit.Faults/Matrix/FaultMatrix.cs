using System.Collections.Concurrent;
using System.Diagnostics;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Outlit.Faults.Server;

namespace Outlit.Faults.Matrix;

/// <summary>The outcome of a whole run.</summary>
/// <param name="Results">One result per cell, in matrix order.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record MatrixRun(IReadOnlyList<CellResult> Results, TimeSpan Elapsed)
{
    /// <summary>Events of the <c>Outlit</c> EventSource heard outside any cell's flow (scanned all the same).</summary>
    public int UnattributedEvents { get; init; }

    /// <summary>Secrets found in events heard outside any cell's flow.</summary>
    public IReadOnlyList<string> UnattributedHits { get; init; } = [];

    /// <summary>What the EventSource runtime reported about the source itself (a payload not matching its event).</summary>
    public IReadOnlyList<string> EventSourceErrors { get; init; } = [];

    /// <summary>How many cells ended in <paramref name="outcome"/>.</summary>
    /// <param name="outcome">The class.</param>
    /// <returns>The count.</returns>
    public int Count(OutcomeClass outcome) => Results.Count(r => r.Class == outcome);
}

/// <summary>
/// Runs every cell (behaviour × operation) against its own scripted server and its own client, in parallel with
/// a bounded degree, each under a watchdog that gives up at the configured timeouts plus a margin and records a
/// hang: the suite never blocks on the library. Memory-heavy cells run afterwards, one at a time, so what they
/// allocate is theirs.
/// </summary>
public static class FaultMatrix
{
    /// <summary>Cells run at once: enough to keep two cores busy while most cells wait on timers and sockets.</summary>
    public const int Degree = 8;

    /// <summary>
    /// The log of the cell whose flow is running. An EventListener is called on the thread that writes the event, so
    /// the SDK's events land in the log of the cell whose call wrote them, although cells run in parallel.
    /// </summary>
    private static readonly AsyncLocal<CellLog?> CurrentCell = new();

    /// <summary>Every cell of the matrix, behaviours in rows, operations in columns.</summary>
    public static IReadOnlyList<Cell> Cells { get; } =
        Behaviours.All
            .SelectMany(behaviour => Operations.All
                .Where(op => (op.Kind == OperationKind.Platform ? behaviour.Platform : behaviour.Ingest) is not null && behaviour.AppliesTo(op))
                .Select(op => new Cell(behaviour, op)))
            .ToArray();

    /// <summary>Runs the given cells (all of them by default).</summary>
    /// <param name="cells">The cells.</param>
    /// <returns>The results, in the order of <paramref name="cells"/>.</returns>
    public static async Task<MatrixRun> RunAsync(IReadOnlyList<Cell>? cells = null)
    {
        cells ??= Cells;

        // A hung call can hold a pool thread in a synchronous read until the watchdog releases it; without
        // headroom, the pool's slow thread injection would delay healthy cells past their bound.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));

        // The SDK's diagnostics without a logger are text a person reads too: every event is scanned like a log line.
        var unattributed = new CellLog();
        using var capture = new OutlitEventCapture { Route = e => (CurrentCell.Value ?? unattributed).AddEvent(e.Text) };
        var watch = Stopwatch.StartNew();
        var results = new ConcurrentDictionary<Cell, CellResult>();
        await Parallel.ForEachAsync(
            cells.Where(cell => !cell.Behaviour.Heavy),
            new ParallelOptions { MaxDegreeOfParallelism = Degree },
            async (cell, _) => results[cell] = await RunCellAsync(cell, measure: false));

        foreach (var cell in cells.Where(cell => cell.Behaviour.Heavy))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            results[cell] = await RunCellAsync(cell, measure: true);
        }

        return new MatrixRun(cells.Select(cell => results[cell]).ToArray(), watch.Elapsed)
        {
            UnattributedEvents = unattributed.Events,
            UnattributedHits = unattributed.Texts.SelectMany(text => Sentinels.Find(text).Select(secret => $"{secret} in: {Excerpt(text)}")).Distinct().ToArray(),
            EventSourceErrors = capture.SourceErrors,
        };
    }

    private static async Task<CellResult> RunCellAsync(Cell cell, bool measure)
    {
        var behaviour = cell.Behaviour;
        var operation = cell.Operation;
        var log = new CellLog();
        CurrentCell.Value = log;
        var other = behaviour.UsesOtherOrigin
            ? ScriptedServer.Start(_ => Reply.Json(200, operation.SuccessBody().ToString(Formatting.None)))
            : null;
        var script = new Script(operation, other?.BaseAddress);
        var server = ScriptedServer.Start(request => behaviour.Respond(script, request));
        using var cancel = new CancellationTokenSource();
        var context = new CellContext(server.BaseAddress, behaviour.Transport, behaviour.DriftDetection, log, cancel.Token);
        var bound = FaultClients.Bound(operation.Kind);

        using var workingSet = measure ? new WorkingSetSampler() : null;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: measure);
        var watch = Stopwatch.StartNew();

        // Task.Run: a call that blocks synchronously before its first await must not block the watchdog.
        var call = Task.Run(() => operation.Invoke(context));
        var finished = await Task.WhenAny(call, Task.Delay(bound)) == call;
        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: measure) - allocatedBefore;
        var workingSetRise = workingSet?.Stop() ?? 0;

        var stillRunning = false;
        if (!finished)
        {
            // The hang is recorded; now release the call so it does not keep a thread and a socket for the rest of the run.
            await cancel.CancelAsync();
            await server.DisposeAsync();
            try
            {
                await call.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
                stillRunning = true;
            }
            catch (Exception)
            {
                // The call ended because it was released: what it threw then is an artefact of the cleanup.
            }
        }

        object? result = null;
        Exception? error = null;
        if (call.IsCompletedSuccessfully)
        {
            result = call.Result;
        }
        else if (call.Exception is { } failure)
        {
            error = failure.InnerExceptions.Count == 1 ? failure.InnerExceptions[0] : failure;
        }

        await context.DisposeAsync();
        await server.DisposeAsync();
        if (other is not null)
        {
            await other.DisposeAsync();
        }

        if (error is not null)
        {
            log.Add(error);
        }

        foreach (var failure in IngestFailures(result))
        {
            log.Add(failure.ToString());
            if (failure.Exception is { } exception)
            {
                log.Add(exception);
            }
        }

        foreach (var finding in context.DriftFindings)
        {
            log.Add(finding);
        }

        var requests = server.Requests;
        var otherRequests = other?.Requests ?? [];
        var sentElsewhere = otherRequests.SelectMany(r => Sentinels.Find(r.Head + r.Body)).Distinct().ToArray();
        var observation = new Observation(cell, finished, result, error, requests, otherRequests.Count, sentElsewhere, script.SentValues, allocated);
        var hits = log.Texts
            .SelectMany(text => Sentinels.Find(text).Select(secret => $"{secret} in: {Excerpt(text)}"))
            .Distinct()
            .ToArray();
        var (outcome, why) = Classify(observation, hits);

        return new CellResult(cell)
        {
            Class = outcome,
            Observed = finished ? Describe(observation) : $"hang (nothing after {bound.TotalSeconds:0.#} s) ×{requests.Count}",
            Why = why,
            Attempts = requests.Count,
            OtherOriginRequests = observation.OtherOriginRequests,
            FirstRoute = requests.FirstOrDefault()?.Route,
            Elapsed = elapsed,
            AllocatedBytes = allocated,
            WorkingSetRise = workingSetRise,
            TextsScanned = log.Texts.Count,
            LogLines = log.LogLines,
            Events = log.Events,
            SentinelHits = hits,
            ServerErrors = [.. server.Errors, .. other?.Errors ?? []],
            StillRunningAfterCleanup = stillRunning,
        };
    }

    private static (OutcomeClass Outcome, string Why) Classify(Observation o, IReadOnlyList<string> hits)
    {
        if (!o.Finished)
        {
            return (OutcomeClass.Hang, "no outcome within the configured timeouts plus the margin");
        }

        if (o.Error is { } error && error is not OutlitException)
        {
            return (OutcomeClass.Untyped, $"{error.GetType().FullName}: {Excerpt(error.Message)}");
        }

        if (hits.Count > 0)
        {
            return (OutcomeClass.Leaked, string.Join("; ", hits));
        }

        var expected = o.Cell.Expected;
        var cellWide = CellWideProblem(o);
        var mismatches = expected.Select(e => Mismatch(e, o)).ToArray();
        if (cellWide is null && mismatches.Any(m => m is null))
        {
            return (OutcomeClass.Typed, "");
        }

        var why = string.Join(" / ", mismatches.Where(m => m is not null).Append(cellWide).OfType<string>().Distinct());
        var returned = o.Error is null && (o.Cell.Operation.Kind == OperationKind.Platform || Ingest(o.Result).Accepted);
        var onlyFailureDocumented = expected.All(e => e.Ending is Ending.Error or Ending.Failed);
        if (returned && onlyFailureDocumented && o.Cell.Behaviour.SuccessIsInvented)
        {
            return (OutcomeClass.Invented, "returned a result where the documented outcome is an error: " + why);
        }

        if (returned && o.Cell.Operation.Kind == OperationKind.Platform && o.Cell.Operation.Verify(o.Result, o.SentValues) is { } invented)
        {
            return (OutcomeClass.Invented, invented);
        }

        return (OutcomeClass.Mismatched, why);
    }

    /// <summary>Checks that hold whichever documented outcome applies.</summary>
    private static string? CellWideProblem(Observation o)
    {
        if (o.OtherOriginRequests > 0 && !(o.Cell.Behaviour.OtherOriginMaySeeBareRequests && o.SecretsSentElsewhere.Count == 0))
        {
            var secrets = o.SecretsSentElsewhere.Count > 0 ? ", carrying the " + string.Join(" and the ", o.SecretsSentElsewhere) : "";
            return $"the other origin received {o.OtherOriginRequests} request(s){secrets}";
        }

        if (o.Cell.Behaviour.AllocationCeiling is { } ceiling && o.Allocated > ceiling)
        {
            return $"allocated {o.Allocated / (1024 * 1024)} MB, over the {ceiling / (1024 * 1024)} MB ceiling";
        }

        return null;
    }

    /// <summary>Null when the observation is this documented outcome; else how it differs.</summary>
    private static string? Mismatch(Expected e, Observation o)
    {
        switch (e.Ending)
        {
            case Ending.Success:
                if (o.Error is not null)
                {
                    return $"threw {o.Error.GetType().Name}, documented {e.Describe()}";
                }

                if (o.Cell.Operation.Verify(o.Result, o.SentValues) is { } differs)
                {
                    return differs;
                }

                break;
            case Ending.Error:
                if (o.Error is not OutlitException exception)
                {
                    return $"returned a result, documented {e.Describe()}";
                }

                if (!e.ErrorType.IsInstanceOfType(exception))
                {
                    return $"threw {exception.GetType().Name}, documented {e.Describe()}";
                }

                if (e.Check?.Invoke(exception) is { } wrong)
                {
                    return wrong;
                }

                break;
            default:
                if (o.Error is not null)
                {
                    return $"threw {o.Error.GetType().Name}, documented {e.Describe()}";
                }

                var ingest = Ingest(o.Result);
                if (e.Ending == Ending.Accepted ? !ingest.Accepted : !ingest.Failed || ingest.Reasons.Except(e.Reasons).Any())
                {
                    return $"{ingest.Describe}, documented {e.Describe()}";
                }

                if (ingest.RequestCount is { } count && count != o.Requests.Count)
                {
                    return $"the result counts {count} requests, the server saw {o.Requests.Count}";
                }

                break;
        }

        if (o.Requests.Count < e.MinAttempts || o.Requests.Count > e.MaxAttempts)
        {
            return $"the server saw {o.Requests.Count} request(s), documented {e.Describe()}";
        }

        if (e.MinRetryGap > TimeSpan.Zero && o.Requests.Count >= 2 && o.Requests[1].ArrivedAt - o.Requests[0].ArrivedAt < e.MinRetryGap)
        {
            return $"retried after {(o.Requests[1].ArrivedAt - o.Requests[0].ArrivedAt).TotalMilliseconds:0} ms, before the {e.MinRetryGap.TotalMilliseconds:0} ms the server asked for";
        }

        return null;
    }

    private static IngestView Ingest(object? result)
    {
        const int n = Operations.IngestEventCount;
        return result switch
        {
            IngestResult r => View(r.AcceptedCount, r.Failures.Count, r.Failures, r.RequestCount),
            // The tracker's own counters must agree with what its callback received.
            TrackerOutcome t => t.FailedCount == t.Failures.Count
                ? View((int)t.Sent, t.Failures.Count, t.Failures, null)
                : new IngestView(false, false, [], null, $"{t.Sent} sent, {t.FailedCount} counted as failed but {t.Failures.Count} reported"),
            _ => new IngestView(false, false, [], null, $"unexpected result {result}"),
        };

        static IngestView View(int accepted, int failed, IEnumerable<IngestEventFailure> failures, int? requests)
        {
            var reasons = failures.Select(f => f.Reason).Distinct().ToArray();
            var describe = (accepted, failed) switch
            {
                (n, 0) => "accepted",
                (0, n) => "failed: " + string.Join("|", reasons),
                _ => $"{accepted} accepted, {failed} failed ({string.Join("|", reasons)})",
            };
            return new IngestView(accepted == n && failed == 0, accepted == 0 && failed == n, reasons, requests, describe);
        }
    }

    private static IEnumerable<IngestEventFailure> IngestFailures(object? result) => result switch
    {
        IngestResult r => r.Failures,
        TrackerOutcome t => t.Failures,
        _ => [],
    };

    private static string Describe(Observation o)
    {
        var what = o.Error is { } error
            ? error.GetType().Name
            : o.Cell.Operation.Kind == OperationKind.Platform ? "success" : Ingest(o.Result).Describe;
        var other = o.OtherOriginRequests > 0 ? $", other origin ×{o.OtherOriginRequests}" : "";
        return $"{what} ×{o.Requests.Count}{other}";
    }

    private static string Excerpt(string text)
    {
        var oneLine = Sentinels.Mask(text).ReplaceLineEndings(" ");
        return oneLine.Length <= 160 ? oneLine : oneLine[..160] + "…";
    }

    private sealed record Observation(
        Cell Cell,
        bool Finished,
        object? Result,
        Exception? Error,
        IReadOnlyList<ServerRequest> Requests,
        int OtherOriginRequests,
        IReadOnlyList<string> SecretsSentElsewhere,
        JObject SentValues,
        long Allocated);

    private sealed record IngestView(bool Accepted, bool Failed, IReadOnlyList<IngestFailureReason> Reasons, int? RequestCount, string Describe);

    /// <summary>Samples the working set while a heavy cell runs and reports its peak rise.</summary>
    internal sealed class WorkingSetSampler : IDisposable
    {
        private readonly long baseline = Environment.WorkingSet;
        private readonly CancellationTokenSource stop = new();
        private readonly Task sampling;
        private long peak;

        public WorkingSetSampler()
        {
            peak = baseline;
            sampling = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    InterlockedMax(ref peak, Environment.WorkingSet);
                    await Task.Delay(10, CancellationToken.None);
                }
            });
        }

        public long Stop()
        {
            stop.Cancel();
            sampling.Wait();
            InterlockedMax(ref peak, Environment.WorkingSet);
            return Math.Max(0, Interlocked.Read(ref peak) - baseline);
        }

        public void Dispose() => stop.Dispose();

        private static void InterlockedMax(ref long target, long value)
        {
            long current;
            while ((current = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }
}

using System.Globalization;
using Newtonsoft.Json.Linq;
using Outlit.Faults.Server;

namespace Outlit.Faults.Matrix;

/// <summary>Which API an operation belongs to, which decides its documented failure shape and its time bound.</summary>
public enum OperationKind
{
    /// <summary>Platform API: failures are thrown as <see cref="OutlitException"/> subtypes.</summary>
    Platform,

    /// <summary><see cref="OutlitIngestClient.SendAsync(IEnumerable{IngestEvent}, CancellationToken)"/>: failures are reported in the <see cref="IngestResult"/>.</summary>
    Ingest,

    /// <summary><see cref="OutlitTracker"/>: failures are reported to the delivery-failure callback and counted.</summary>
    Tracker,
}

/// <summary>One public operation of the library, as the matrix calls it.</summary>
/// <param name="Id">Name in cell ids and the report.</param>
/// <param name="Kind">Platform, ingest or tracker.</param>
/// <param name="SafeToRetry">Whether the README allows repeating the request once it may have reached the server.</param>
/// <param name="Route">Method and path the first request must use.</param>
/// <param name="Invoke">Calls the public API and returns what it returned (a drained sequence as a list).</param>
public sealed record Operation(string Id, OperationKind Kind, bool SafeToRetry, string Route, Func<CellContext, Task<object?>> Invoke)
{
    /// <summary>The body a well-behaved server answers with.</summary>
    public required Func<JObject> SuccessBody { get; init; }

    /// <summary>Compares a returned value with the body the server sent: null when it holds exactly the server's values, else what differs.</summary>
    public Func<object?, JObject, string?> Verify { get; init; } = (_, _) => null;

    /// <summary>Puts a value the contract does not list into an enumeration of the body; null when the result has no enumeration.</summary>
    public Func<JObject, JObject>? UnknownEnum { get; init; }

    /// <summary>Removes a field the contract requires; null when the documented result requires none.</summary>
    public Func<JObject, JObject>? MissingRequired { get; init; }

    /// <summary>
    /// The object of the body where an undocumented field is undocumented. The top level by default; inside an entry
    /// for a map-shaped body, whose top-level keys are entries by definition (a new key is a new provider).
    /// </summary>
    public Func<JObject, JObject> UndocumentedFieldsAt { get; init; } = body => body;

    /// <summary>True for a paging helper drained to the end.</summary>
    public bool Pages { get; init; }

    /// <summary>Documented outcomes that differ for this operation alone (behaviour id → outcomes); null when none do.</summary>
    public Func<string, Expected[]?> Override { get; init; } = _ => null;
}

/// <summary>How a documented outcome ends.</summary>
public enum Ending
{
    /// <summary>The call returns the server's values.</summary>
    Success,

    /// <summary>The call throws an <see cref="OutlitException"/> of <see cref="Expected.ErrorType"/> (or a subtype).</summary>
    Error,

    /// <summary>Ingest: every event accepted.</summary>
    Accepted,

    /// <summary>Ingest: every event reported as not accepted, with one of <see cref="Expected.Reasons"/>.</summary>
    Failed,
}

/// <summary>One documented outcome of a cell: how it ends, how many requests the server sees, and checks on the details.</summary>
/// <param name="Ending">How the call ends.</param>
/// <param name="MinAttempts">Fewest requests the configured server may receive.</param>
/// <param name="MaxAttempts">Most requests the configured server may receive.</param>
public sealed record Expected(Ending Ending, int MinAttempts, int MaxAttempts)
{
    /// <summary>For <see cref="Ending.Error"/>: the exception type (subtypes match).</summary>
    public Type ErrorType { get; init; } = typeof(OutlitException);

    /// <summary>For <see cref="Ending.Failed"/>: the reasons any event may carry.</summary>
    public IReadOnlyList<IngestFailureReason> Reasons { get; init; } = [];

    /// <summary>For <see cref="Ending.Error"/>: checks the exception's documented properties; null when they hold what the server sent.</summary>
    public Func<OutlitException, string?>? Check { get; init; }

    /// <summary>Shortest time between the first and the second request (a server-requested wait that must be honoured).</summary>
    public TimeSpan MinRetryGap { get; init; }

    /// <summary>A short description for reports, e.g. <c>OutlitTimeoutException ×3</c>.</summary>
    public string Describe()
    {
        var what = Ending switch
        {
            Ending.Success => "success",
            Ending.Error => ErrorType.Name,
            Ending.Accepted => "accepted",
            _ => "failed: " + string.Join("|", Reasons),
        };
        var attempts = MinAttempts == MaxAttempts
            ? MinAttempts.ToString(CultureInfo.InvariantCulture)
            : MaxAttempts >= Behaviours.ManyAttempts ? $"{MinAttempts}+" : $"{MinAttempts}-{MaxAttempts}";
        return $"{what} ×{attempts}";
    }
}

/// <summary>What the server does to every operation of a row of the matrix, and what the documentation says follows.</summary>
/// <param name="Id">Name in cell ids and the report.</param>
/// <param name="Title">One line for the report.</param>
/// <param name="Respond">The scripted server's reply to a request.</param>
/// <param name="Platform">The documented outcomes for a Platform operation (any one of them is right).</param>
/// <param name="Ingest">The documented outcomes for the ingest client and the tracker; null when the behaviour does not apply to them.</param>
public sealed record Behaviour(string Id, string Title, Func<Script, ServerRequest, Reply> Respond, Func<Operation, Expected[]>? Platform, Func<Operation, Expected[]>? Ingest)
{
    /// <summary>Whether the behaviour applies to an operation beyond its kind (a body mutation the operation does not have).</summary>
    public Func<Operation, bool> AppliesTo { get; init; } = _ => true;

    /// <summary>How the cell's client is built.</summary>
    public Transport Transport { get; init; } = Transport.Default;

    /// <summary>Whether runtime contract drift detection is on for the cell.</summary>
    public bool DriftDetection { get; init; }

    /// <summary>Whether a second server is started as the other origin of a redirect.</summary>
    public bool UsesOtherOrigin { get; init; }

    /// <summary>
    /// Whether the other origin may see a request that carries nothing secret: a caller-supplied HttpClient follows a
    /// redirect inside itself, where no client can stop it; the documented outcome is that no key or body goes there
    /// and the answer from there is refused.
    /// </summary>
    public bool OtherOriginMaySeeBareRequests { get; init; }

    /// <summary>
    /// Whether a returned result, where the documentation says the call fails, is an invented one: true when the server
    /// sent no complete result (an error, a cut or malformed body); false when it did send its values, only in a form
    /// the documentation says to refuse (an oversized body).
    /// </summary>
    public bool SuccessIsInvented { get; init; } = true;

    /// <summary>Memory-heavy cells run one at a time after the others, so what they allocate can be measured.</summary>
    public bool Heavy { get; init; }

    /// <summary>Most bytes the process may allocate during the cell; null for no limit.</summary>
    public long? AllocationCeiling { get; init; }
}

/// <summary>One cell: a behaviour applied to an operation.</summary>
/// <param name="Behaviour">The server's behaviour.</param>
/// <param name="Operation">The operation called.</param>
public sealed record Cell(Behaviour Behaviour, Operation Operation)
{
    /// <summary>Id used in the known-gap list and the report.</summary>
    public string Id => $"{Behaviour.Id}/{Operation.Id}";

    /// <summary>The documented outcomes.</summary>
    public Expected[] Expected =>
        Operation.Override(Behaviour.Id)
        ?? (Operation.Kind == OperationKind.Platform ? Behaviour.Platform : Behaviour.Ingest)?.Invoke(Operation)
        ?? throw new InvalidOperationException($"{Id}: the behaviour does not apply to this kind of operation.");
}

/// <summary>How a cell ended, compared with the documentation.</summary>
public enum OutcomeClass
{
    /// <summary>As documented: the right result or typed error, the right number of requests, within the bound.</summary>
    Typed,

    /// <summary>No outcome within the configured timeouts plus the margin.</summary>
    Hang,

    /// <summary>An exception that is not an <see cref="OutlitException"/> escaped.</summary>
    Untyped,

    /// <summary>A result the server did not send: defaults for missing values, a list cut short, another host's answer.</summary>
    Invented,

    /// <summary>A secret appeared in a log line, an exception text, a body snippet or a drift finding.</summary>
    Leaked,

    /// <summary>Typed, but not as documented: another exception type, another number of requests, a request to another origin, too much memory.</summary>
    Mismatched,
}

/// <summary>What the tracker operation observed after its flush.</summary>
/// <param name="Sent">Events the tracker counted as accepted.</param>
/// <param name="FailedCount">Events the tracker counted as failed.</param>
/// <param name="Failures">Events handed to the delivery-failure callback.</param>
public sealed record TrackerOutcome(long Sent, long FailedCount, IReadOnlyList<IngestEventFailure> Failures);

/// <summary>The result of one cell.</summary>
public sealed record CellResult(Cell Cell)
{
    /// <summary>The class of the observed outcome.</summary>
    public OutcomeClass Class { get; init; }

    /// <summary>What happened, briefly (e.g. <c>OutlitTimeoutException ×3</c>).</summary>
    public string Observed { get; init; } = "";

    /// <summary>Why the outcome is not the documented one; empty when it is.</summary>
    public string Why { get; init; } = "";

    /// <summary>Requests the configured server received.</summary>
    public int Attempts { get; init; }

    /// <summary>Requests the other origin received.</summary>
    public int OtherOriginRequests { get; init; }

    /// <summary>The method and path of the first request, or null when none arrived.</summary>
    public string? FirstRoute { get; init; }

    /// <summary>Wall time until the call ended, or until the watchdog gave up.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Bytes the process allocated during the cell (meaningful for heavy cells, which run alone).</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Rise of the process working set during the cell (heavy cells only).</summary>
    public long WorkingSetRise { get; init; }

    /// <summary>How many texts the sentinel scan read.</summary>
    public int TextsScanned { get; init; }

    /// <summary>How many of them were log lines.</summary>
    public int LogLines { get; init; }

    /// <summary>How many of them were events of the <c>Outlit</c> EventSource.</summary>
    public int Events { get; init; }

    /// <summary>Secrets found, with where.</summary>
    public IReadOnlyList<string> SentinelHits { get; init; } = [];

    /// <summary>Errors of the scripted servers (a broken test, not a library fault).</summary>
    public IReadOnlyList<string> ServerErrors { get; init; } = [];

    /// <summary>True when the call was still running after the cleanup that follows a hang.</summary>
    public bool StillRunningAfterCleanup { get; init; }
}

using System.Collections.Concurrent;
using System.Globalization;

namespace Outlit;

/// <summary>What kind of difference between a live response and the contract a finding describes.</summary>
public enum OutlitContractDriftKind
{
    /// <summary>The response has a property the contract does not list for that object.</summary>
    UndocumentedProperty,

    /// <summary>A value of an enumerated field (or a constant) that the contract does not list, e.g. a new provider id.</summary>
    UnlistedEnumValue,

    /// <summary>A property the contract marks as required is absent.</summary>
    MissingRequiredProperty,

    /// <summary>A value of a JSON type the contract does not allow there (e.g. null where a string is documented).</summary>
    UnexpectedType,
}

/// <summary>One difference between a live response and the embedded contract.</summary>
/// <param name="Operation">The operation id, e.g. <c>listIntegrations</c>; <c>callTool</c> for tool calls.</param>
/// <param name="Tool">The tool name for tool calls whose output schema was checked; otherwise null.</param>
/// <param name="Status">The HTTP status of the response.</param>
/// <param name="Pointer">JSON pointer (RFC 6901) to the value in the response body, e.g. <c>/items/3/id</c>.</param>
/// <param name="Kind">What differs.</param>
/// <param name="Detail">
/// The property name, the unlisted enum value, or the expected and found types. Never an arbitrary string value
/// of the response: an enum value that does not look like an identifier is replaced by its length.
/// </param>
/// <param name="ObservedAt">When the response was checked.</param>
public sealed record OutlitContractDriftFinding(
    string Operation,
    string? Tool,
    int Status,
    string Pointer,
    OutlitContractDriftKind Kind,
    string Detail,
    DateTimeOffset ObservedAt);

/// <summary>
/// Counts of what the contract drift check found in live responses, read through <see cref="OutlitClient.ContractDrift"/>.
/// Enable the check with <see cref="OutlitClientOptions.ContractDriftDetection"/>. Thread-safe; the counts are totals
/// since the client (or, with dependency injection, the registration) was created.
/// </summary>
public sealed class OutlitContractDriftMonitor
{
    private readonly long[] counts = new long[Enum.GetValues<OutlitContractDriftKind>().Length];
    private readonly ConcurrentQueue<OutlitContractDriftFinding> recent = new();
    private readonly ConcurrentDictionary<string, byte> reported = new(StringComparer.Ordinal);
    private long responsesChecked;
    private long responsesNotChecked;

    internal OutlitContractDriftMonitor(bool enabled, int maxRecentFindings)
    {
        IsEnabled = enabled;
        MaxRecentFindings = maxRecentFindings;
    }

    /// <summary>True when responses are checked; false when the check is off (the default) and every count stays zero.</summary>
    public bool IsEnabled { get; }

    /// <summary>How many findings <see cref="RecentFindings"/> keeps.</summary>
    public int MaxRecentFindings { get; }

    /// <summary>Responses whose body was checked against a schema of the contract.</summary>
    public long ResponsesChecked => Interlocked.Read(ref responsesChecked);

    /// <summary>
    /// Responses that could not be checked: no schema for the operation and status, a body that is not JSON, or an
    /// error while checking. They are passed to the caller unchanged; the reason is logged at Debug level.
    /// </summary>
    public long ResponsesNotChecked => Interlocked.Read(ref responsesNotChecked);

    /// <summary>All findings so far.</summary>
    public long TotalFindings => Enumerable.Range(0, counts.Length).Sum(i => Interlocked.Read(ref counts[i]));

    /// <summary>Findings so far, by kind (every kind present, zero when none).</summary>
    public IReadOnlyDictionary<OutlitContractDriftKind, long> Findings =>
        Enum.GetValues<OutlitContractDriftKind>().ToDictionary(kind => kind, kind => Interlocked.Read(ref counts[(int)kind]));

    /// <summary>The most recent findings, oldest first, at most <see cref="MaxRecentFindings"/>.</summary>
    public IReadOnlyList<OutlitContractDriftFinding> RecentFindings => recent.ToArray();

    /// <summary>Describes the counts.</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => IsEnabled
        ? string.Create(CultureInfo.InvariantCulture, $"Contract drift: {TotalFindings} findings in {ResponsesChecked} checked responses ({string.Join(", ", Findings.Select(f => $"{f.Key} {f.Value}"))}); {ResponsesNotChecked} not checked")
        : "Contract drift detection is off.";

    internal void Checked() => Interlocked.Increment(ref responsesChecked);

    internal void NotChecked() => Interlocked.Increment(ref responsesNotChecked);

    /// <summary>Counts a finding; returns true the first time its kind, place and detail are seen, so it is logged once at Warning.</summary>
    internal bool Record(OutlitContractDriftFinding finding, string signature)
    {
        Interlocked.Increment(ref counts[(int)finding.Kind]);
        recent.Enqueue(finding);
        while (recent.Count > MaxRecentFindings && recent.TryDequeue(out _))
        {
        }

        // Bounded so a server that sends ever-new property names cannot grow memory without limit; forgetting means logging again.
        if (reported.Count >= 10_000)
        {
            reported.Clear();
        }

        return reported.TryAdd(signature, 0);
    }
}

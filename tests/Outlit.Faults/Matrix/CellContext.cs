namespace Outlit.Faults.Matrix;

/// <summary>What an operation's delegate gets: the clients of its cell, built on first use, and the cell's cancellation.</summary>
public sealed class CellContext : IAsyncDisposable
{
    private readonly Uri baseUrl;
    private readonly Transport transport;
    private readonly bool driftDetection;
    private readonly List<IDisposable> owned = [];
    private OutlitClient? platform;
    private OutlitIngestClient? ingest;

    internal CellContext(Uri baseUrl, Transport transport, bool driftDetection, CellLog log, CancellationToken cancellationToken)
    {
        this.baseUrl = baseUrl;
        this.transport = transport;
        this.driftDetection = driftDetection;
        Log = log;
        CancellationToken = cancellationToken;
    }

    /// <summary>
    /// Cancelled only after the watchdog has already recorded a hang, to release the stuck call: passing it does
    /// not change what the library does within the bound.
    /// </summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The cell's log.</summary>
    public CellLog Log { get; }

    /// <summary>The Platform client of the cell.</summary>
    public OutlitClient Platform => platform ??= FaultClients.Platform(baseUrl, Log, transport, driftDetection, owned);

    /// <summary>The ingest client of the cell.</summary>
    public OutlitIngestClient Ingest => ingest ??= FaultClients.Ingest(baseUrl, Log, transport, owned);

    /// <summary>Drift findings of the Platform client, if one was built.</summary>
    internal IEnumerable<string> DriftFindings =>
        platform?.ContractDrift.RecentFindings.Select(f => f.ToString()) ?? [];

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        platform?.Dispose();
        ingest?.Dispose();
        foreach (var item in owned)
        {
            item.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}

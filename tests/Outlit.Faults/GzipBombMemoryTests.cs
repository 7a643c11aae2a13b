using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Outlit.Faults.Matrix;
using Outlit.Faults.Server;

namespace Outlit.Faults;

/// <summary>
/// Issue 13, item 8, measured: a small gzip body that inflates far past a configured response cap ends with
/// <see cref="OutlitResponseTooLargeException"/> before the process holds more than about twice the cap. The cell runs
/// alone, after a full compacting collection, and prints what it measured. It runs before the matrix (whose heavy
/// cells leave memory the process would reuse here, hiding the rise), so its figure is what a fresh process pays.
/// </summary>
[TestFixture]
[NonParallelizable]
[Order(1)]
public sealed class GzipBombMemoryTests
{
    /// <summary>The cap under test: small enough that the 200 MB bomb is 25 times over it.</summary>
    private const long Cap = 8L * 1024 * 1024;

    [Test]
    public async Task A_gzip_bomb_ends_typed_with_memory_under_twice_the_cap()
    {
        var bomb = Behaviours.GzipBomb;
        await using var server = ScriptedServer.Start(_ => Reply.Full(200, "application/json", bomb, ("Content-Encoding", "gzip")));
        using var client = new OutlitClient(new OutlitClientOptions
        {
            ApiKey = Sentinels.ApiKey,
            BaseUrl = server.BaseAddress,
            MaxRetries = 0,
            MaxResponseBytes = Cap,
            AttemptTimeout = TimeSpan.FromSeconds(30),
        });

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        OutlitResponseTooLargeException? error = null;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        long workingSetRise;
        using (var sampler = new FaultMatrix.WorkingSetSampler())
        {
            try
            {
                await client.Integrations.ListAsync();
            }
            catch (OutlitResponseTooLargeException ex)
            {
                error = ex;
            }

            workingSetRise = sampler.Stop();
        }

        var elapsed = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Progress.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[figure] gzip bomb: {bomb.Length / 1024.0:0} KB on the wire inflating to {Behaviours.BombInflatedSize / (1024 * 1024)} MB, cap {Cap / (1024 * 1024)} MB: {error?.GetType().Name ?? "no error"} after {elapsed.TotalMilliseconds:0} ms; working-set rise {workingSetRise / (1024.0 * 1024):0.0} MB ({(double)workingSetRise / Cap:0.00}× the cap), GC allocated {allocated / (1024.0 * 1024):0.0} MB ({(double)allocated / Cap:0.00}× the cap)"));

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.Null, "the bomb must end with OutlitResponseTooLargeException");
            Assert.That(error?.Limit, Is.EqualTo(Cap));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(workingSetRise, Is.LessThan(2 * Cap), "working-set rise");
            Assert.That(allocated, Is.LessThan(2 * Cap), "bytes allocated while the call ran");
        });
    }
}

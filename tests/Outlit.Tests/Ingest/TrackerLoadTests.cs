using System.Collections.Concurrent;
using System.Diagnostics;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

/// <summary>Volume, fault and memory behaviour of the tracker; each test prints the figures it measures.</summary>
[NonParallelizable]
public class TrackerLoadTests
{
    private static readonly IngestFault[] FailureKinds = [IngestFault.ServerError, IngestFault.Unavailable, IngestFault.TooManyRequests, IngestFault.ConnectionReset];

    private static void Enqueue(OutlitTracker tracker, long seq)
    {
        tracker.Enqueue(Custom(seq));
    }

    [Test]
    public async Task HundredThousandEventsWithTenPercentInjectedFailuresArriveOnceAndInOrder()
    {
        const int total = 100_000;
        var batches = new ConcurrentQueue<(long Request, long[] Seqs)>();
        var settings = new IngestServerSettings
        {
            // The budget is lifted so the run measures the tracker, not the 100 req/s pacing.
            RequestsPerSecond = null,
            KeepBatches = false,
            OnAccepted = b => batches.Enqueue((b.RequestNumber, b.Events.Select(Seq).ToArray())),
            // Every 10th request fails (500, 503, 429, connection reset in turn); every 7th is slow but succeeds.
            Faults = n => n % 10 == 0 ? FailureKinds[(n / 10) % FailureKinds.Length] : n % 7 == 0 ? IngestFault.Slow : IngestFault.None,
            SlowDelay = TimeSpan.FromMilliseconds(5),
        };
        await using var server = await IngestTestServer.StartAsync(settings);
        var clientOptions = FastRetries(server.BaseAddress);
        clientOptions.RequestsPerSecond = 1_000_000;
        using var client = new OutlitIngestClient(PublicKey, clientOptions);
        var failures = new ConcurrentQueue<IngestEventFailure>();
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions
        {
            OverflowPolicy = TrackerOverflowPolicy.Block,
            OnDeliveryFailed = f => { foreach (var x in f.Failures) { failures.Enqueue(x); } },
        });

        var watch = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            for (var i = 0; i < total; i++)
            {
                Enqueue(tracker, i);
            }
        });
        await tracker.FlushAsync();
        watch.Stop();

        var received = batches.OrderBy(b => b.Request).ToList();
        var all = received.SelectMany(b => b.Seqs).ToList();
        var lost = total - all.Distinct().Count();
        var duplicates = all.Count - all.Distinct().Count();
        var failureRate = (double)server.FaultCount / server.RequestCount;
        TestContext.Progress.WriteLine($"[figure] fault run: {total:N0} events in {watch.Elapsed.TotalSeconds:F2} s = {total / watch.Elapsed.TotalSeconds:N0} events/s through the tracker; {server.RequestCount} requests, {server.FaultCount} injected failures ({failureRate:P1}); lost {lost}, duplicated {duplicates}, reported failed {failures.Count}");

        Assert.Multiple(() =>
        {
            Assert.That(lost, Is.Zero, "no event lost");
            Assert.That(duplicates, Is.Zero, "no event stored twice");
            Assert.That(failures, Is.Empty);
            Assert.That(tracker.DroppedCount, Is.Zero);
            Assert.That(tracker.SentCount, Is.EqualTo(total));
            Assert.That(received.All(b => b.Seqs.Zip(b.Seqs.Skip(1)).All(p => p.First < p.Second)), Is.True, "each batch keeps the order events were tracked in");
            Assert.That(all.Zip(all.Skip(1)).All(p => p.First < p.Second), Is.True, "batches arrive in order too");
            Assert.That(failureRate, Is.InRange(0.085, 0.105));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public async Task ThroughputAtTheDocumentedRateLimit()
    {
        const int total = 30_000;
        await using var server = await IngestTestServer.StartAsync(new IngestServerSettings { KeepBatches = false });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { OverflowPolicy = TrackerOverflowPolicy.Block });

        var watch = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            for (var i = 0; i < total; i++)
            {
                Enqueue(tracker, i);
            }
        });
        await tracker.FlushAsync();
        watch.Stop();

        var perSecond = server.AdmittedPerSecond;
        var steady = perSecond.Skip(1).SkipLast(1).ToList();
        TestContext.Progress.WriteLine($"[figure] at the limit: {total:N0} events in {watch.Elapsed.TotalSeconds:F2} s = {total / watch.Elapsed.TotalSeconds:N0} events/s; requests per whole second {string.Join(", ", steady)} (mean {steady.DefaultIfEmpty().Average():F1}); 429s {server.RateLimitedCount}");
        Assert.That(tracker.SentCount, Is.EqualTo(total));
        Assert.That(perSecond, Is.All.LessThanOrEqualTo(100));
        Assert.That(steady, Is.Not.Empty.And.All.GreaterThanOrEqualTo(50), "most of the budget is used, even on a loaded machine");
    }

    [TestCase(TrackerOverflowPolicy.DropOldest, 300_000)]
    [TestCase(TrackerOverflowPolicy.Block, 30_000)]
    public async Task MemoryStaysBoundedWhileTheServerIsDown(TrackerOverflowPolicy policy, int total)
    {
        var down = await IngestTestServer.StartAsync();
        var address = down.BaseAddress;
        await down.DisposeAsync();
        var clientOptions = FastRetries(address, maxRetries: 2);
        // Pacing would only stretch the run: every attempt fails at once against a closed port.
        clientOptions.RequestsPerSecond = 100_000;
        using var client = new OutlitIngestClient(PublicKey, clientOptions);
        long reported = 0;
        var reasons = new ConcurrentDictionary<IngestFailureReason, int>();
        var tracker = new OutlitTracker(client, new OutlitTrackerOptions
        {
            OverflowPolicy = policy,
            OnDeliveryFailed = f =>
            {
                Interlocked.Add(ref reported, f.Failures.Count);
                reasons.AddOrUpdate(f.Failures[0].Reason, 1, (_, n) => n + 1);
            },
        });
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peakLive = 0;
        long peakHeap = 0;
        var maxQueued = 0;

        var watch = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            for (var i = 0; i < total; i++)
            {
                Enqueue(tracker, i);
                if (i % 1_000 == 0)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                    maxQueued = Math.Max(maxQueued, tracker.QueuedCount);
                }

                if (i % (total / 15) == 0)
                {
                    peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true));
                }
            }
        });
        peakLive = Math.Max(peakLive, GC.GetTotalMemory(forceFullCollection: true));
        await tracker.FlushAsync();
        watch.Stop();

        var liveMb = (peakLive - baseline) / 1048576.0;
        TestContext.Progress.WriteLine($"[figure] server down, {policy}: {total:N0} events offered in {watch.Elapsed.TotalSeconds:F2} s; queue max {maxQueued:N0}/{OutlitTrackerOptions.DefaultCapacity:N0}; peak live memory +{liveMb:F1} MB over baseline (peak heap incl. garbage +{(peakHeap - baseline) / 1048576.0:F1} MB); dropped {tracker.DroppedCount:N0}, reported failed {reported:N0}");

        Assert.Multiple(() =>
        {
            Assert.That(maxQueued, Is.LessThanOrEqualTo(OutlitTrackerOptions.DefaultCapacity));
            Assert.That(liveMb, Is.LessThan(32), "live memory is bounded by the queue, not by the number of events offered");
            Assert.That(tracker.DroppedCount + reported, Is.EqualTo(total), "every event is either counted as dropped or reported as failed");
            Assert.That(tracker.FailedCount, Is.EqualTo(reported));
            Assert.That(reasons.Keys, Is.EqualTo(new[] { IngestFailureReason.DeliveryFailed }));
            if (policy == TrackerOverflowPolicy.Block)
            {
                Assert.That(tracker.DroppedCount, Is.Zero);
            }
            else
            {
                Assert.That(tracker.DroppedCount, Is.GreaterThan(0));
            }
        });
        await tracker.DisposeAsync();
    }
}

using System.Diagnostics;

namespace Outlit.Benchmarks.Scenarios;

public sealed record TrackerUnlimitedResult(long Events, double Seconds, double EventsPerSecond, double CpuMicrosPerEvent, double AllocatedBytesPerEvent, double TrackCallMicros, long ServerEvents, long ServerRequests, long MaxEventsPerRequest, long Dropped, long Failed);

public sealed record TrackerLimitedResult(double Seconds, long Produced, long Acked, double TargetPerSecond, double AckedPerSecond, int MaxQueue, double DrainSeconds, long Server429, long ServerRequests, double RequestsPerSecond, long Dropped, long Failed)
{
    /// <summary>Kept up: everything acknowledged, nothing dropped, no 429, the queue never above two batches' worth of backlog beyond one second of production.</summary>
    public bool KeptUp => Acked == Produced && Dropped == 0 && Failed == 0 && Server429 == 0 && DrainSeconds < 1.5;
}

/// <summary>Events from <see cref="OutlitTracker.Track"/> to the server's acknowledgement.</summary>
public static class TrackerThroughput
{
    private static readonly TrackerIdentity[] Identities = Enumerable.Range(0, 64).Select(i => TrackerIdentity.ForEmail($"user{i}@example.com")).ToArray();

    private static readonly IReadOnlyDictionary<string, object?> Properties = new Dictionary<string, object?> { ["plan"] = "pro", ["seats"] = 12, ["trial"] = false };

    /// <summary>Limits lifted on both sides: how fast can one producer push events through?</summary>
    public static async Task<TrackerUnlimitedResult> UnlimitedAsync(ServerProcess server, int events)
    {
        await server.PostAsync("limits/off");
        await using (var warm = NewTracker(server.Url, 1_000_000))
        {
            for (var i = 0; i < 20_000; i++)
            {
                warm.Track("warmup", Identities[i % Identities.Length], Properties);
            }

            await warm.FlushAsync();
        }

        await server.PostAsync("stats/reset");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var tracker = NewTracker(server.Url, 1_000_000);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        long trackTicks = 0;
        for (var i = 0; i < events; i++)
        {
            var t = Stopwatch.GetTimestamp();
            tracker.Track("report_exported", Identities[i % Identities.Length], Properties);
            trackTicks += Stopwatch.GetTimestamp() - t;
        }

        await tracker.FlushAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds * 1000.0;
        var alloc = GC.GetTotalAllocatedBytes(precise: true) - alloc0;
        var dropped = tracker.DroppedCount;
        var failed = tracker.FailedCount;
        await tracker.DisposeAsync();
        var stats = await server.StatsAsync();
        return new TrackerUnlimitedResult(
            events, seconds, events / seconds, cpu / events, (double)alloc / events,
            trackTicks * 1_000_000.0 / Stopwatch.Frequency / events,
            stats["ingestEvents"], stats["ingestRequests"], stats["maxEventsPerRequest"], dropped, failed);
    }

    /// <summary>
    /// Documented limits on (server: 100 requests/s with 429 beyond; client: default pacing): a producer
    /// tracks 10,000 events per second, the most 100 requests/s x 100 events can carry. Does the tracker keep up?
    /// </summary>
    public static async Task<TrackerLimitedResult> LimitedAsync(ServerProcess server, TimeSpan duration)
    {
        const double target = 10_000;
        await server.PostAsync("limits/on");
        await server.PostAsync("stats/reset");
        try
        {
            // Default client options: 100 requests per second, 100 events per request.
            var tracker = new OutlitTracker(
                BenchEnvironment.PublicKey,
                new OutlitTrackerOptions { Capacity = 100_000, OverflowPolicy = TrackerOverflowPolicy.DropOldest },
                new OutlitIngestClientOptions { BaseUrl = server.Url });
            var clock = Stopwatch.StartNew();
            long produced = 0;
            var maxQueue = 0;
            while (clock.Elapsed < duration)
            {
                var due = (long)(clock.Elapsed.TotalSeconds * target);
                while (produced < due)
                {
                    tracker.Track("report_exported", Identities[produced % Identities.Length], Properties);
                    produced++;
                }

                maxQueue = Math.Max(maxQueue, tracker.QueuedCount);
                await Task.Delay(5);
            }

            var produceSeconds = clock.Elapsed.TotalSeconds;
            await tracker.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var total = clock.Elapsed.TotalSeconds;
            var result = (Dropped: tracker.DroppedCount, Failed: tracker.FailedCount);
            await tracker.DisposeAsync();
            var stats = await server.StatsAsync();
            return new TrackerLimitedResult(
                produceSeconds, produced, stats["ingestEvents"], target, stats["ingestEvents"] / total, maxQueue, total - produceSeconds,
                stats["ingestRejected"], stats["ingestRequests"], stats["ingestRequests"] / total, result.Dropped, result.Failed);
        }
        finally
        {
            await server.PostAsync("limits/off");
        }
    }

    private static OutlitTracker NewTracker(Uri url, int requestsPerSecond) =>
        new(BenchEnvironment.PublicKey,
            new OutlitTrackerOptions { Capacity = 1_000_000, OverflowPolicy = TrackerOverflowPolicy.Block },
            new OutlitIngestClientOptions { BaseUrl = url, RequestsPerSecond = requestsPerSecond });
}

using System.Collections.Concurrent;
using System.Diagnostics;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

public class OutlitTrackerTests
{
    private static void Enqueue(OutlitTracker tracker, long seq, int padding = 0)
    {
        tracker.Enqueue(Custom(seq, padding));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"condition not met within {timeout}");
            }

            await Task.Delay(10);
        }
    }

    [Test]
    public async Task SendsAsSoonAsAFullBatchIsQueued()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { FlushInterval = TimeSpan.FromHours(1) });

        for (var i = 0; i < 100; i++)
        {
            Enqueue(tracker, i);
        }

        await WaitUntilAsync(() => server.Accepted.Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
        Assert.That(server.Accepted.Single().Payload["source"]?.ToString(), Is.EqualTo("server"));
    }

    [Test]
    public async Task APartialBatchWaitsForTheIntervalOrAFlush()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { FlushInterval = TimeSpan.FromHours(1) });

        for (var i = 0; i < 5; i++)
        {
            Enqueue(tracker, i);
        }

        await Task.Delay(300);
        Assert.That(server.RequestCount, Is.Zero, "five events do not trigger a send on their own");
        Assert.That(tracker.QueuedCount, Is.EqualTo(5));

        await tracker.FlushAsync();

        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(tracker.SentCount, Is.EqualTo(5));
    }

    [Test]
    public async Task SendsQueuedEventsWhenTheIntervalElapses()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { FlushInterval = TimeSpan.FromMilliseconds(150) });

        Enqueue(tracker, 1);
        Enqueue(tracker, 2);

        await WaitUntilAsync(() => server.Accepted.Count == 1, TimeSpan.FromSeconds(5));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task FlushWithNothingQueuedReturnsAtOnce()
    {
        using var client = new OutlitIngestClient(PublicKey, FastRetries(new Uri("http://127.0.0.1:9/")));
        await using var tracker = new OutlitTracker(client);
        Assert.That(tracker.FlushAsync().IsCompleted, Is.True);
    }

    [Test]
    public async Task DisposeFlushesEverythingQueued()
    {
        await using var server = await IngestTestServer.StartAsync();
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var tracker = new OutlitTracker(client, new OutlitTrackerOptions { FlushInterval = TimeSpan.FromHours(1) });
        for (var i = 0; i < 250; i++)
        {
            Enqueue(tracker, i);
        }

        await tracker.DisposeAsync();

        Assert.That(server.Accepted.SelectMany(b => b.Events).Select(Seq), Is.EqualTo(Enumerable.Range(0, 250).Select(i => (long)i)));
        Assert.That(tracker.SentCount, Is.EqualTo(250));
        Assert.That(Assert.Throws<ObjectDisposedException>(() => Enqueue(tracker, 999))!.ObjectName, Is.EqualTo(nameof(OutlitTracker)));
        Assert.That(Assert.Throws<ObjectDisposedException>(() => tracker.FlushAsync())!.ObjectName, Is.EqualTo(nameof(OutlitTracker)), "flushing a disposed tracker says so at once rather than waiting");
    }

    [Test]
    public async Task DisposeGivesUpAfterItsTimeoutAndReportsWhatWasNotSent()
    {
        var settings = new IngestServerSettings { Faults = _ => IngestFault.Slow, SlowDelay = TimeSpan.FromSeconds(30) };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var reported = new ConcurrentBag<IngestEventFailure>();
        var tracker = new OutlitTracker(client, new OutlitTrackerOptions
        {
            FlushInterval = TimeSpan.FromHours(1),
            DisposeTimeout = TimeSpan.FromMilliseconds(300),
            OnDeliveryFailed = failure => { foreach (var f in failure.Failures) { reported.Add(f); } },
        });
        for (var i = 0; i < 250; i++)
        {
            Enqueue(tracker, i);
        }

        var watch = Stopwatch.StartNew();
        await tracker.DisposeAsync();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That(reported.Select(f => f.Index).Order(), Is.EqualTo(Enumerable.Range(0, 250).Select(i => (long)i)), "every unsent event is reported, none silently lost");

        // The first batch was in flight (the server holds it): the client cannot know whether it was stored.
        var byReason = reported.ToLookup(f => f.Reason);
        Assert.That(byReason[IngestFailureReason.OutcomeUnknown].Select(f => f.Index).Order(), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
        Assert.That(byReason[IngestFailureReason.NotSent].Select(f => f.Index).Order(), Is.EqualTo(Enumerable.Range(100, 150).Select(i => (long)i)));
        Assert.That(reported.Where(f => f.Reason == IngestFailureReason.NotSent).Select(f => f.MayHaveBeenStored), Is.All.False);
        Assert.That(tracker.FailedCount, Is.EqualTo(250));
        Assert.That(tracker.OutcomeUnknownCount, Is.EqualTo(100));
    }

    [Test]
    public async Task ABatchThatStillFailsAfterRetriesGoesToTheCallbackWithTheReason()
    {
        var settings = new IngestServerSettings { Faults = n => n <= 3 ? IngestFault.ServerError : IngestFault.None };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress, maxRetries: 2));
        var batches = new ConcurrentQueue<IngestDeliveryFailure>();
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { FlushInterval = TimeSpan.FromHours(1), OnDeliveryFailed = batches.Enqueue });
        for (var i = 0; i < 100; i++)
        {
            Enqueue(tracker, i);
        }

        await tracker.FlushAsync();
        for (var i = 100; i < 110; i++)
        {
            Enqueue(tracker, i);
        }

        await tracker.FlushAsync();

        Assert.That(batches.Select(b => string.Join(",", b.Failures.Select(f => f.Index + ":" + f.Reason))).ToList(), Has.Count.EqualTo(1));
        var failed = batches.Single().Failures;
        Assert.Multiple(() =>
        {
            Assert.That(failed.Select(f => f.Index), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
            Assert.That(failed.Select(f => (f.Reason, f.StatusCode)), Is.All.EqualTo((IngestFailureReason.DeliveryFailed, (int?)500)));
            Assert.That(failed[0].Message, Is.EqualTo("Internal server error"));
            Assert.That(((CustomEvent)failed[0].Event).Properties!["seq"], Is.EqualTo(0L), "the original event comes back so it can be queued again");
            Assert.That(tracker.FailedCount, Is.EqualTo(100));
            Assert.That(tracker.SentCount, Is.EqualTo(10));
            Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(Enumerable.Range(100, 10).Select(i => (long)i)));
        });
    }

    [Test]
    public async Task ACallbackThatThrowsDoesNotStopTheTracker()
    {
        var settings = new IngestServerSettings { Faults = n => n == 1 ? IngestFault.Unavailable : IngestFault.None };
        await using var server = await IngestTestServer.StartAsync(settings);
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress, maxRetries: 0));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { OnDeliveryFailed = _ => throw new InvalidOperationException("boom") });

        Enqueue(tracker, 0);
        await tracker.FlushAsync();
        Enqueue(tracker, 1);
        await tracker.FlushAsync();

        Assert.That(tracker.FailedCount, Is.EqualTo(1));
        Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(new long[] { 1 }));
    }

    [Test]
    public async Task AnEventTooLargeForAnyRequestIsRefusedWhenQueued()
    {
        using var client = new OutlitIngestClient(PublicKey, FastRetries(new Uri("http://127.0.0.1:9/")));
        await using var tracker = new OutlitTracker(client);

        var ex = Assert.Throws<OutlitEventTooLargeException>(() => Enqueue(tracker, 0, padding: 1_100_000));

        Assert.That(ex!.LimitBytes, Is.EqualTo(IngestLimits.MaxRequestBytes));
        Assert.That(ex.RequestBytes, Is.GreaterThan(1_100_000));
        Assert.That(tracker.QueuedCount, Is.Zero);
    }

    [Test]
    public async Task DropOldestKeepsTheNewestEventsAndCountsTheDropped()
    {
        var release = new TaskCompletionSource();
        await using var server = await Infrastructure.LoopbackServer.StartAsync(async (_, context) =>
        {
            await release.Task;
            await Infrastructure.LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { Capacity = 50, FlushAt = 10, OverflowPolicy = TrackerOverflowPolicy.DropOldest });

        for (var i = 0; i < 10; i++)
        {
            Enqueue(tracker, i);
        }

        // The first batch is now held by the server; the queue fills up behind it.
        await WaitUntilAsync(() => server.Requests.Count == 1, TimeSpan.FromSeconds(5));
        for (var i = 10; i < 110; i++)
        {
            Enqueue(tracker, i);
        }

        Assert.That(tracker.QueuedCount, Is.EqualTo(50));
        Assert.That(tracker.DroppedCount, Is.EqualTo(50));
        release.SetResult();
        await tracker.FlushAsync();

        var sent = server.Requests.SelectMany(r => Newtonsoft.Json.Linq.JObject.Parse(r.Body)["events"]!).Select(e => (long)e["properties"]!["seq"]!).ToList();
        Assert.That(sent, Is.EqualTo(Enumerable.Range(0, 10).Concat(Enumerable.Range(60, 50)).Select(i => (long)i)));
        Assert.That(tracker.SentCount + tracker.DroppedCount, Is.EqualTo(110));
    }

    [Test]
    public async Task BlockMakesTheCallerWaitAndDropsNothing()
    {
        var release = new TaskCompletionSource();
        await using var server = await Infrastructure.LoopbackServer.StartAsync(async (_, context) =>
        {
            await release.Task;
            await Infrastructure.LoopbackServer.WriteJsonAsync(context, 200, "{\"success\":true}");
        });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        await using var tracker = new OutlitTracker(client, new OutlitTrackerOptions { Capacity = 20, FlushAt = 10, OverflowPolicy = TrackerOverflowPolicy.Block });

        for (var i = 0; i < 10; i++)
        {
            Enqueue(tracker, i);
        }

        await WaitUntilAsync(() => server.Requests.Count == 1, TimeSpan.FromSeconds(5));
        var producer = Task.Run(() =>
        {
            for (var i = 10; i < 60; i++)
            {
                Enqueue(tracker, i);
            }
        });

        await Task.Delay(300);
        Assert.That(producer.IsCompleted, Is.False, "the producer waits while the queue is full");
        Assert.That(tracker.QueuedCount, Is.EqualTo(20));
        release.SetResult();
        await producer.WaitAsync(TimeSpan.FromSeconds(10));
        await tracker.FlushAsync();

        var sent = server.Requests.SelectMany(r => Newtonsoft.Json.Linq.JObject.Parse(r.Body)["events"]!).Select(e => (long)e["properties"]!["seq"]!).ToList();
        Assert.That(sent, Is.EqualTo(Enumerable.Range(0, 60).Select(i => (long)i)));
        Assert.That(tracker.DroppedCount, Is.Zero);
    }
}

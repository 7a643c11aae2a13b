using System.Collections.Concurrent;
using System.Diagnostics;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

/// <summary>
/// A batch in flight when the tracker or the ingest client is disposed is "outcome unknown (may have been stored)",
/// never "not sent": against a server that stores the batch and answers slowly, a caller who queues again only what
/// may not have been stored ends with every event stored exactly once.
/// </summary>
[NonParallelizable]
public class DisposeDuringSendTests
{
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "condition not met in time");
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task ATrackerDisposedWhileTheServerHoldsAStoredBatchReportsItAsOutcomeUnknown()
    {
        const string publicKey = "pk_dispose_in_flight";
        using var capture = new OutlitEventCapture();
        var settings = new IngestServerSettings { Faults = n => n == 1 ? IngestFault.StoreThenSlow : IngestFault.None, SlowDelay = TimeSpan.FromSeconds(30) };
        await using var server = await IngestTestServer.StartAsync(settings);
        var reported = new ConcurrentQueue<IngestEventFailure>();
        var tracker = new OutlitTracker(
            publicKey,
            new OutlitTrackerOptions
            {
                FlushInterval = TimeSpan.FromHours(1),
                DisposeTimeout = TimeSpan.FromMilliseconds(300),
                OnDeliveryFailed = failure => { foreach (var f in failure.Failures) { reported.Enqueue(f); } },
            },
            FastRetries(server.BaseAddress));
        for (var i = 0; i < 150; i++)
        {
            tracker.Enqueue(Custom(i));
        }

        // The first 100 are a full batch, sent at once; the server stores them and keeps the answer back.
        await WaitUntilAsync(() => server.Accepted.Count == 1);
        await tracker.DisposeAsync();

        var unknown = reported.Where(f => f.Reason == IngestFailureReason.OutcomeUnknown).ToList();
        var notSent = reported.Where(f => f.Reason == IngestFailureReason.NotSent).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(server.Accepted.Single().Events.Select(Seq), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)), "the server stored the batch in flight");
            Assert.That(unknown.Select(f => f.Index).Order(), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
            Assert.That(unknown.Select(f => f.MayHaveBeenStored), Is.All.True);
            Assert.That(unknown[0].Message, Does.Contain("may have stored"));
            Assert.That(notSent.Select(f => f.Index).Order(), Is.EqualTo(Enumerable.Range(100, 50).Select(i => (long)i)));
            Assert.That(notSent.Select(f => f.MayHaveBeenStored), Is.All.False);
            Assert.That(tracker.FailedCount, Is.EqualTo(150));
            Assert.That(tracker.OutcomeUnknownCount, Is.EqualTo(100));
            Assert.That(tracker.SentCount, Is.Zero);

            var mine = capture.Events.Where(e => e.String("publicKey") == publicKey).ToList();
            Assert.That(mine.Where(e => e.Name == "TrackerEventsOutcomeUnknown").Sum(e => e.Number("count")), Is.EqualTo(100));
            Assert.That(mine.Where(e => e.Name == "TrackerEventsUndelivered").Select(e => (e.String("reason"), e.Number("count"))), Is.EqualTo(new[] { (nameof(IngestFailureReason.NotSent), 50L) }));
        });

        // A caller following the option's documentation queues again only what cannot have been stored.
        await using (var again = new OutlitTracker(publicKey, clientOptions: FastRetries(server.BaseAddress)))
        {
            foreach (var failure in reported.Where(f => !f.MayHaveBeenStored))
            {
                again.Enqueue(failure.Event);
            }
        }

        var stored = server.Accepted.SelectMany(b => b.Events).Select(Seq).ToList();
        Assert.That(stored.Order(), Is.EqualTo(Enumerable.Range(0, 150).Select(i => (long)i)), "every event stored once: none lost, none duplicated");
    }

    [Test]
    public async Task AnIngestClientDisposedDuringASendReturnsWithTheBatchInFlightAsOutcomeUnknown()
    {
        var settings = new IngestServerSettings { Faults = n => n == 1 ? IngestFault.StoreThenSlow : IngestFault.None, SlowDelay = TimeSpan.FromSeconds(30) };
        await using var server = await IngestTestServer.StartAsync(settings);
        var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));

        var send = client.SendAsync(Enumerable.Range(0, 250).Select(i => (IngestEvent)Custom(i)).ToList());
        await WaitUntilAsync(() => server.Accepted.Count == 1);
        client.Dispose();
        var result = await send.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.Zero);
            Assert.That(result.EventCount, Is.EqualTo(250), "every event is accounted for");
            Assert.That(result.Failures.Where(f => f.Reason == IngestFailureReason.OutcomeUnknown).Select(f => f.Index), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
            Assert.That(result.Failures.Where(f => f.Reason == IngestFailureReason.NotSent).Select(f => f.Index), Is.EqualTo(Enumerable.Range(100, 150).Select(i => (long)i)));
            Assert.That(server.RequestCount, Is.EqualTo(1), "nothing is sent after the disposal");
        });
    }

    [Test]
    public async Task ADisposalDuringTheBackoffAfterARefusalIsNotSentNotUnknown()
    {
        var settings = new IngestServerSettings { Faults = _ => IngestFault.Unavailable };
        await using var server = await IngestTestServer.StartAsync(settings);
        var options = FastRetries(server.BaseAddress, maxRetries: 3);
        options.BaseDelay = TimeSpan.FromSeconds(2);
        var client = new OutlitIngestClient(PublicKey, options);

        // The server answered 503 (it stored nothing); the client is waiting to retry when it is disposed.
        var send = client.SendAsync([Custom(1)]);
        await WaitUntilAsync(() => server.RequestCount == 1);
        await Task.Delay(100);
        client.Dispose();
        var result = await send.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(result.Failures.Select(f => (f.Reason, f.MayHaveBeenStored)), Is.EqualTo(new[] { (IngestFailureReason.NotSent, false) }));
            Assert.That(server.RequestCount, Is.EqualTo(1), "no retry leaves after the disposal");
        });
    }

    [Test]
    public async Task ABatchWaitingForItsTurnWhenTheClientIsDisposedIsNotSentNotUnknown()
    {
        await using var server = await IngestTestServer.StartAsync(new IngestServerSettings { RequestsPerSecond = null });
        var options = FastRetries(server.BaseAddress);
        options.RequestsPerSecond = 1;
        var client = new OutlitIngestClient(PublicKey, options);

        // The first request goes at once; the second waits for the pacer's next permit, outside any attempt.
        var send = client.SendAsync(Enumerable.Range(0, 200).Select(i => (IngestEvent)Custom(i)).ToList());
        await WaitUntilAsync(() => server.Accepted.Count == 1);

        // Time for the first answer to arrive; the next permit is a second away.
        await Task.Delay(300);
        client.Dispose();
        var result = await send.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedIndexes, Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
            Assert.That(result.Failures.Select(f => f.Reason), Is.All.EqualTo(IngestFailureReason.NotSent));
            Assert.That(result.Failures.Select(f => f.MayHaveBeenStored), Is.All.False);
            Assert.That(result.Failures, Has.Count.EqualTo(100));
            Assert.That(server.RequestCount, Is.EqualTo(1));
        });
    }
}

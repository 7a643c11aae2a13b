using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;
using static Outlit.Tests.Ingest.IngestTestSupport;

namespace Outlit.Tests.Ingest;

/// <summary>
/// The Ingest API's answers in both generations: the current ones count what was stored (<c>processed</c>) and name
/// refused events by position (<c>errors[].index</c>, status 207 for a partial result); the older ones refused a batch
/// with a 400 whose <c>errors[].path</c> names the event. Both end in the same <see cref="IngestResult"/>.
/// </summary>
public class IngestAnswerGenerationsTests
{
    private static async Task<(IngestResult Result, List<JObject> Bodies)> SendAsync(Func<JObject, int, (int Status, string Body)> answer, int events = 3)
    {
        var bodies = new List<JObject>();
        await using var server = await LoopbackServer.StartAsync(async (request, context) =>
        {
            var body = JObject.Parse(request.Body);
            int count;
            lock (bodies)
            {
                bodies.Add(body);
                count = bodies.Count;
            }

            var (status, text) = answer(body, count);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(text);
        });
        using var client = new OutlitIngestClient(PublicKey, FastRetries(server.BaseAddress));
        var result = await client.SendAsync(Enumerable.Range(0, events).Select(i => (IngestEvent)Custom(i)).ToList());
        return (result, bodies);
    }

    [Test]
    public async Task APartialAnswerReportsTheRefusedEventByPositionAndDoesNotSendTheOthersAgain()
    {
        var (result, bodies) = await SendAsync((_, _) => (207, """{"success":true,"processed":2,"errors":[{"index":1,"message":"Event rejected: session is unknown"}]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Count.EqualTo(1), "what was stored is not sent again");
            Assert.That(result.AcceptedIndexes, Is.EqualTo(new[] { 0L, 2L }));
            Assert.That(result.Failures.Select(f => (f.Index, f.Reason, f.StatusCode)), Is.EqualTo(new[] { (1L, IngestFailureReason.Rejected, (int?)207) }));
            Assert.That(result.Failures[0].Message, Is.EqualTo("Event rejected: session is unknown"));
            Assert.That(result.ProcessedCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ACurrent400NamesTheEventByIndexAndTheRestIsSentAgain()
    {
        var (result, bodies) = await SendAsync((body, call) => call == 1
            ? (400, """{"success":false,"processed":0,"errors":[{"index":1,"message":"events[1].eventName: Invalid input"}]}""")
            : (200, $$"""{"success":true,"processed":{{((JArray)body["events"]!).Count}}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Count.EqualTo(2));
            Assert.That(((JArray)bodies[1]["events"]!).Count, Is.EqualTo(2));
            Assert.That(result.AcceptedIndexes, Is.EquivalentTo(new[] { 0L, 2L }));
            Assert.That(result.Failures.Single().Index, Is.EqualTo(1));
            Assert.That(result.Failures.Single().Reason, Is.EqualTo(IngestFailureReason.Rejected));
            Assert.That(result.ProcessedCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AnOlder400NamesTheEventByPathAndTheRestIsSentAgain()
    {
        var (result, bodies) = await SendAsync((_, call) => call == 1
            ? (400, """{"success":false,"message":"Invalid request","errors":[{"path":["events",1,"eventName"],"message":"Invalid input"}]}""")
            : (200, """{"success":true}"""));

        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Count.EqualTo(2));
            Assert.That(result.AcceptedIndexes, Is.EquivalentTo(new[] { 0L, 2L }));
            Assert.That(result.Failures.Single().Index, Is.EqualTo(1));
            Assert.That(result.ProcessedCount, Is.Null, "the older answers do not count, and no count is invented");
        });
    }

    [Test]
    public async Task A400AboutTheBatchAsAWholeRefusesEveryEventOnce()
    {
        var (result, bodies) = await SendAsync((_, _) => (400, """{"success":false,"processed":0,"errors":[{"index":-1,"message":"events: Too big"}]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(bodies, Has.Count.EqualTo(1));
            Assert.That(result.AcceptedCount, Is.Zero);
            Assert.That(result.Failures.Select(f => f.Reason).Distinct(), Is.EqualTo(new[] { IngestFailureReason.RequestRejected }));
        });
    }

    [Test]
    public async Task APartialAnswerWithoutPositionsPresentsNoEventAsStored()
    {
        var (result, _) = await SendAsync((_, _) => (207, """{"success":true,"processed":1,"errors":[{"index":-1,"message":"Some events were dropped"}]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(result.AcceptedCount, Is.Zero, "which one was stored is unknown");
            Assert.That(result.Failures, Has.Count.EqualTo(3));
            Assert.That(result.Failures.All(f => f.MayHaveBeenStored), Is.True);
            Assert.That(result.ProcessedCount, Is.EqualTo(1));
        });
    }
}

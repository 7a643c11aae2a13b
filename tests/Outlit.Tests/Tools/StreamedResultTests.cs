using Microsoft.AspNetCore.Http;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Tools;

/// <summary>
/// Tool results are deserialized while the body streams in (a query result can be tens of MB), so what
/// happens when that stream breaks or stalls must still be a clear error or a prompt cancellation.
/// </summary>
public class StreamedResultTests
{
    private const string FirstCustomers = """{"items":[{"id":"cus_1","name":"Acme","domain":"acme.com","billingStatus":"PAYING","activatedAt":null,"firstSeenAt":null,"lastActivityAt":null,"contactCount":1,"currentMrr":null,"mrrCalculationStatus":"unavailable","owner":null,"daysSinceActivity":null},""";

    [Test]
    public async Task ABodyCutOffPartWayIsANetworkError()
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync(FirstCustomers);
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        using var client = TestClients.Create(server);

        var ex = await TestClients.ThrowsAsync<OutlitNetworkException>(() => client.Tools.ListCustomersAsync());

        // Whether the connection drops before or after the client has the headers, the caller gets the same
        // network error naming the operation, never a JSON error or a silently short list.
        Assert.That(ex.Message, Does.Contain("outlit_list_customers"));
    }

    [Test]
    public async Task CancellingWhileTheBodyStallsEndsTheCall()
    {
        var firstPartSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(FirstCustomers);
            await context.Response.Body.FlushAsync();
            firstPartSent.TrySetResult();

            // The rest of the body never comes until the test is over.
            await release.Task.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        using var client = TestClients.Create(server);
        using var cancel = new CancellationTokenSource();

        var call = client.Tools.ListCustomersAsync(cancellationToken: cancel.Token);
        await firstPartSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();

        try
        {
            // The read is synchronous inside the deserializer; cancelling must still end it, not wait for the server.
            var ex = await TestClients.ThrowsAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.That(ex.CancellationToken, Is.EqualTo(cancel.Token));
        }
        finally
        {
            release.TrySetResult();
        }
    }
}

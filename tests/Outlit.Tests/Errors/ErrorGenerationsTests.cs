using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Errors;

/// <summary>
/// The tool gateway answers errors in two generations: the older <c>{error, details}</c> (and the plan-limit bodies)
/// and the current envelope <c>{code, message, retryable, requestId, plan?, feature?, resetAt?}</c>. Every documented
/// status of <c>callTool</c>, in both generations, becomes the same typed exception; the envelope's facts are kept.
/// </summary>
public class ErrorGenerationsTests
{
    public static IEnumerable<TestCaseData> Statuses()
    {
        // status, expected type, older body, envelope code
        yield return Case(400, typeof(OutlitValidationException), """{"error":"Invalid tool input","details":[{"path":["limit"],"message":"Too big"}]}""", "INVALID_TOOL_INPUT");
        yield return Case(401, typeof(OutlitAuthenticationException), """{"error":"Invalid credentials"}""", "INVALID_CREDENTIALS");
        yield return Case(402, typeof(OutlitPlanLimitException), """{"error":"Allowance used","code":"api_limit_exceeded","plan":"free","feature":"api_calls","resetAt":1798761600000}""", "plan_api_limit_exceeded");
        yield return Case(403, typeof(OutlitPermissionException), """{"error":"Forbidden"}""", "TOOL_CALL_FORBIDDEN");
        yield return Case(404, typeof(OutlitNotFoundException), """{"error":"Not found"}""", "TOOL_BINDING_MISSING");
        yield return Case(409, typeof(OutlitConflictException), """{"error":"Conflict"}""", "TOOL_IMPLEMENTATION_ERROR");
        yield return Case(422, typeof(OutlitValidationException), """{"error":"Cannot apply"}""", "INVALID_TOOL_INPUT");
        yield return Case(429, typeof(OutlitPlanLimitException), """{"error":"Allowance used","code":"api_limit_exceeded","plan":"free"}""", "plan_api_limit_exceeded");
        yield return Case(500, typeof(OutlitServerException), """{"error":"Internal error"}""", "TOOL_IMPLEMENTATION_ERROR");
        yield return Case(502, typeof(OutlitServerException), """{"error":"Bad gateway"}""", "TOOL_GATEWAY_ERROR");
        yield return Case(503, typeof(OutlitServerException), """{"error":"Unavailable"}""", "TOOL_GATEWAY_ERROR");

        static TestCaseData Case(int status, Type type, string older, string code) =>
            new TestCaseData(status, type, older, code).SetArgDisplayNames(status.ToString(System.Globalization.CultureInfo.InvariantCulture), type.Name);
    }

    [TestCaseSource(nameof(Statuses))]
    public async Task BothGenerationsOfAStatusBecomeTheSameException(int status, Type expected, string older, string code)
    {
        var envelope = new JObject
        {
            ["code"] = code,
            ["message"] = "Envelope message",
            ["retryable"] = false,
            ["requestId"] = "req_123",
        };
        if (code.StartsWith("plan_", StringComparison.Ordinal))
        {
            envelope["plan"] = "free";
            envelope["feature"] = "api_calls";
            envelope["resetAt"] = 1798761600000;
        }

        var fromOlder = await FailAsync(status, older);
        var fromEnvelope = await FailAsync(status, envelope.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(fromOlder.Exception.GetType(), Is.EqualTo(expected), "older body");
            Assert.That(fromEnvelope.Exception.GetType(), Is.EqualTo(expected), "envelope");
            Assert.That(fromOlder.Exception.ServerMessage, Is.Not.Null.And.Not.Empty);
            Assert.That(fromEnvelope.Exception.ServerMessage, Is.EqualTo("Envelope message"));
            Assert.That(fromEnvelope.Exception.ErrorCode, Is.EqualTo(code));
            Assert.That(fromEnvelope.Exception.RequestId, Is.EqualTo("req_123"));
            Assert.That(fromEnvelope.Exception.Retryable, Is.False);
            Assert.That(fromOlder.Exception.Retryable, Is.Null, "the older body does not say, and the client does not invent it");
            Assert.That(fromEnvelope.Attempts, Is.EqualTo(1), "retryable: false is never repeated");
        });
        if (fromEnvelope.Exception is OutlitPlanLimitException plan)
        {
            Assert.That(plan.Plan, Is.EqualTo("free"));
            Assert.That(plan.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1798761600000)));
        }
    }

    [Test]
    public async Task AnEnvelopeThatSaysRetryableIsRepeatedForAReadEvenOnAStatusThatIsNotTransient()
    {
        var answers = new Queue<(int, string)>([
            (409, """{"code":"TOOL_IMPLEMENTATION_ERROR","message":"Busy","retryable":true,"requestId":"req_1"}"""),
            (200, """{"rows":[],"rowCount":0}"""),
        ]);

        var (result, attempts) = await CallAsync(client => client.Tools.CallToolAsync("outlit_query", new { sql = "SELECT 1" }), answers);

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(result, Is.Not.Null);
    }

    [TestCase("""{"code":"plan_billing_action_required","message":"Billing needs attention","retryable":false,"requestId":"req_5"}""", TestName = "A 429 envelope with a plan code and no plan is a plan limit")]
    [TestCase("""{"error":"Allowance used","code":"api_limit_exceeded"}""", TestName = "A 429 older body with a plan code and no plan is a plan limit")]
    public async Task A429WhoseCodeTheContractListsAsAPlanRefusalIsAPlanLimit(string body)
    {
        var failure = await FailAsync(429, body);

        Assert.That(failure.Exception, Is.InstanceOf<OutlitPlanLimitException>());
        Assert.That(failure.Attempts, Is.EqualTo(1), "a plan refusal is not retried");
    }

    [Test]
    public async Task A429EnvelopeWithoutAPlanIsAShortWindowThrottle()
    {
        var failure = await FailAsync(429, """{"code":"TOOL_GATEWAY_ERROR","message":"Slow down","retryable":false,"requestId":"req_4"}""");

        Assert.That(failure.Exception, Is.InstanceOf<OutlitRateLimitException>());
    }

    [Test]
    public async Task AnOlderBodyOnAnUndocumentedStatusSaysNothingAboutRetrying()
    {
        // Read with every error shape the contract has, the current envelope included: its retryable flag, a bool the
        // body does not carry, must not count as the server's word (it would stop a transient 429 from being retried).
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            Interlocked.Increment(ref attempts);
            context.Response.StatusCode = 429;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"Too many requests"}""");
        });
        using var client = TestClients.Create(server, o =>
        {
            o.MaxRetries = 1;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(5);
        });

        var ex = await TestClients.ThrowsAsync<OutlitRateLimitException>(() => client.Integrations.ListAsync());

        Assert.That(ex.Retryable, Is.Null);
        Assert.That(ex.ServerMessage, Is.EqualTo("Too many requests"));
        Assert.That(attempts, Is.EqualTo(2), "a transient status without the server's word is retried");
    }

    [Test]
    public async Task AnEnvelopeThatSaysNotRetryableIsNotRepeatedEvenOnA503()
    {
        var failure = await FailAsync(503, """{"code":"TOOL_GATEWAY_ERROR","message":"Down","retryable":false,"requestId":"req_2"}""", retries: 3);

        Assert.That(failure.Attempts, Is.EqualTo(1));
        Assert.That(failure.Exception, Is.InstanceOf<OutlitServerException>());
    }

    [Test]
    public async Task AnActionIsNotRepeatedEvenWhenTheEnvelopeSaysRetryable()
    {
        var answers = new Queue<(int, string)>([
            (503, """{"code":"TOOL_GATEWAY_ERROR","message":"Down","retryable":true,"requestId":"req_3"}"""),
            (200, "{}"),
        ]);

        var (result, attempts) = await CallAsync(async client => await client.Tools.CallToolAsync("outlit_archive_destination", new { destinationId = Guid.NewGuid() }), answers, expectFailure: true);

        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(result, Is.InstanceOf<OutlitServerException>());
    }

    private static async Task<(OutlitException Exception, int Attempts)> FailAsync(int status, string body, int retries = 2)
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            Interlocked.Increment(ref attempts);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        using var client = TestClients.Create(server, o =>
        {
            o.MaxRetries = retries;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(5);
        });
        var ex = await TestClients.ThrowsAsync<OutlitException>(() => client.Tools.CallToolAsync("outlit_list_customers", new { limit = 5 }));
        return (ex, attempts);
    }

    private static async Task<(object? Result, int Attempts)> CallAsync(Func<OutlitClient, Task<JObject>> call, Queue<(int Status, string Body)> answers, bool expectFailure = false)
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            Interlocked.Increment(ref attempts);
            var (status, body) = answers.Count > 1 ? answers.Dequeue() : answers.Peek();
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        });
        using var client = TestClients.Create(server, o =>
        {
            o.MaxRetries = 2;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(5);
        });
        if (expectFailure)
        {
            return (await TestClients.ThrowsAsync<OutlitException>(() => call(client)), attempts);
        }

        return (await call(client), attempts);
    }
}

using Microsoft.AspNetCore.Http;
using System.Globalization;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Errors;

/// <summary>Each documented error body, served over HTTP, becomes the matching exception with its facts.</summary>
public class ErrorMappingTests
{
    private static Task<T> FailWith<T>(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) where T : OutlitException =>
        FailWith<T>(client => client.Tools.CallToolAsync("outlit_list_customers", new { limit = 5000 }), status, body, contentType, headers);

    /// <summary>Serves one answer to <paramref name="call"/>; the status and body are read as the operation's contract documents them.</summary>
    private static async Task<T> FailWith<T>(Func<OutlitClient, Task> call, int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers) where T : OutlitException
    {
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(body);
        });
        using var client = TestClients.Create(server, o => o.MaxRetries = 0);
        return await TestClients.ThrowsAsync<T>(() => call(client));
    }

    [Test]
    public async Task ValidationErrorCarriesDetails()
    {
        var ex = await FailWith<OutlitValidationException>(400, "{\"error\":\"Invalid tool input\",\"details\":[{\"path\":[\"limit\"],\"message\":\"Too big: expected number to be <=1000\"},{\"path\":[\"events\",0,\"type\"],\"message\":\"Invalid event type\"}]}");

        Assert.Multiple(() =>
        {
            Assert.That(ex.Status, Is.EqualTo(400));
            Assert.That(ex.ServerMessage, Is.EqualTo("Invalid tool input"));
            Assert.That(ex.Details, Has.Count.EqualTo(2));
            Assert.That(ex.Details[0].Path, Is.EqualTo(new[] { "limit" }));
            Assert.That(ex.Details[0].Message, Is.EqualTo("Too big: expected number to be <=1000"));
            Assert.That(ex.Details[1].Path, Is.EqualTo(new[] { "events", "0", "type" }));
            Assert.That(ex.Message, Does.Contain("limit: Too big").And.Contain("outlit_list_customers"));
            Assert.That(ex.Operation, Is.EqualTo("outlit_list_customers"));
        });
    }

    [Test]
    public async Task AuthenticationError()
    {
        var ex = await FailWith<OutlitAuthenticationException>(401, "{\"error\":\"Invalid credentials\"}");
        Assert.That(ex.ServerMessage, Is.EqualTo("Invalid credentials"));
        Assert.That(ex.Status, Is.EqualTo(401));
    }

    [TestCase(402)]
    [TestCase(429)]
    public async Task PlanLimitErrorFrom402And429WithCode(int status)
    {
        var ex = await FailWith<OutlitPlanLimitException>(status, "{\"error\":\"Your plan has exhausted its included API calls for the current billing cycle.\",\"code\":\"api_limit_exceeded\",\"plan\":\"free\",\"feature\":\"api_calls\",\"resetAt\":1776124800000}");

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.Not.InstanceOf<OutlitConnectionLimitException>());
            Assert.That(ex.ErrorCode, Is.EqualTo("api_limit_exceeded"));
            Assert.That(ex.Plan, Is.EqualTo("free"));
            Assert.That(ex.Feature, Is.EqualTo("api_calls"));
            Assert.That(ex.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1776124800000)));
        });
    }

    [Test]
    public async Task ConnectionLimitError()
    {
        var ex = await FailWith<OutlitConnectionLimitException>(client => client.Integrations.ConnectAsync(ProviderId.Stripe), 403, "{\"error\":\"Your plan has reached its integration connection limit.\",\"code\":\"plan_connection_limit_exceeded\",\"feature\":\"integration_connections\",\"plan\":\"free\",\"currentConnections\":3,\"limit\":3}");

        Assert.Multiple(() =>
        {
            Assert.That(ex.CurrentConnections, Is.EqualTo(3));
            Assert.That(ex.Limit, Is.EqualTo(3));
            Assert.That(ex.Plan, Is.EqualTo("free"));
            Assert.That(ex.Feature, Is.EqualTo("integration_connections"));
            Assert.That(ex, Is.InstanceOf<OutlitPlanLimitException>());
        });
    }

    [Test]
    public async Task OtherForbiddenIsAPermissionError()
    {
        var ex = await FailWith<OutlitPermissionException>(403, "{\"error\":\"Forbidden\"}");
        Assert.That(ex.GetType(), Is.EqualTo(typeof(OutlitPermissionException)));
        Assert.That(ex.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task RateLimitErrorReadsTheRateLimitHeaders()
    {
        var ex = await FailWith<OutlitRateLimitException>(429, "{\"error\":\"Rate limit exceeded\"}", "application/json",
            ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1699999999"), ("Retry-After", "3"));

        Assert.Multiple(() =>
        {
            Assert.That(ex.ResetAt, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1699999999)));
            Assert.That(ex.Limit, Is.EqualTo(100));
            Assert.That(ex.Remaining, Is.EqualTo(0));
            Assert.That(ex.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        });
    }

    [Test]
    public async Task NotFoundError()
    {
        // callTool does not document 404: the body is read with the error type the operation documents for its errors.
        var ex = await FailWith<OutlitNotFoundException>(404, "{\"error\":\"Tool not found\"}");
        Assert.That(ex.ServerMessage, Is.EqualTo("Tool not found"));
    }

    [Test]
    public async Task ServerError()
    {
        var ex = await FailWith<OutlitServerException>(500, "{\"error\":\"Internal server error\"}");
        Assert.That(ex.ServerMessage, Is.EqualTo("Internal server error"));
    }

    [TestCase(502, typeof(OutlitServerException))]
    [TestCase(401, typeof(OutlitAuthenticationException))]
    [TestCase(429, typeof(OutlitRateLimitException))]
    [TestCase(400, typeof(OutlitValidationException))]
    public async Task HtmlErrorPagesStillGiveTheTypedError(int status, Type expected)
    {
        const string html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The proxy received an invalid response.</p></body></html>";

        var ex = await FailWith<OutlitException>(status, html, "text/html");

        Assert.Multiple(() =>
        {
            Assert.That(ex.GetType(), Is.EqualTo(expected));
            Assert.That(ex.Status, Is.EqualTo(status));
            Assert.That(ex.ServerMessage, Is.Null);
            Assert.That(ex.RawBodySnippet, Does.Contain("Bad Gateway"));
            Assert.That(ex.RawBodySnippet, Does.Not.Contain("\n"));
            Assert.That(ex.Message, Does.Contain(status.ToString(CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public async Task LongBodiesAreCutToASnippet()
    {
        var ex = await FailWith<OutlitServerException>(503, new string('x', 10_000), "text/plain");
        Assert.That(ex.RawBodySnippet!.Length, Is.LessThanOrEqualTo(301));
    }

    [Test]
    public async Task AnEchoedKeyIsRedactedFromMessageSnippetAndDetails()
    {
        var body = "{\"error\":\"Key " + LeakRecorder.SentinelKey + " is revoked\",\"details\":[{\"path\":[\"auth\"],\"message\":\"bad " + LeakRecorder.SentinelKey + "\"}]}";
        var ex = await FailWith<OutlitAuthenticationException>(401, body);

        Assert.That(ex.ServerMessage, Does.Contain("ok_[redacted]").And.Not.Contain(LeakRecorder.SentinelKey));
        Assert.That(ex.RawBodySnippet, Does.Not.Contain(LeakRecorder.SentinelKey));
        Assert.That(ex.Details.Single().Message, Does.Not.Contain(LeakRecorder.SentinelKey));
        Assert.That(ex.ToString(), Does.Not.Contain(LeakRecorder.SentinelKey));
    }

    [Test]
    public void ResetHeaderUnderstandsSecondsMillisecondsAndDeltas()
    {
        var now = DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(OutlitRateLimitHeaders.Reset("1699999999", now), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1699999999)));
            Assert.That(OutlitRateLimitHeaders.Reset("1776124800000", now), Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1776124800000)));
            Assert.That(OutlitRateLimitHeaders.Reset("30", now), Is.EqualTo(now.AddSeconds(30)));
            Assert.That(OutlitRateLimitHeaders.ResetWait("1699999999", now), Is.EqualTo(TimeSpan.Zero), "a reset already past is no wait");
            Assert.That(OutlitRateLimitHeaders.Reset("soon", now), Is.Null);
            Assert.That(OutlitRateLimitHeaders.RetryAfter("Fri, 10 Apr 2026 18:00:09 GMT", now), Is.EqualTo(TimeSpan.FromSeconds(9)));
            Assert.That(OutlitRateLimitHeaders.RetryAfter("2.5", now), Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        });
    }

    [TestCase("1e300")]
    [TestCase("Infinity")]
    [TestCase("9200000000000")]
    public void AnAbsurdWaitIsClampedNeverThrown(string value)
    {
        var now = DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(OutlitRateLimitHeaders.RetryAfter(value, now), Is.EqualTo(OutlitRateLimitHeaders.LongestWait));
            Assert.That(OutlitRateLimitHeaders.Reset(value, now), Is.EqualTo(now + OutlitRateLimitHeaders.LongestWait));
        });
    }

    [TestCase("NaN")]
    [TestCase("-5")]
    [TestCase("")]
    public void ANonWaitIsNoWait(string value)
    {
        var now = DateTimeOffset.Parse("2026-04-10T18:00:00Z", CultureInfo.InvariantCulture);
        var wait = OutlitRateLimitHeaders.RetryAfter(value, now);
        Assert.That(wait is null || wait == TimeSpan.Zero, Is.True, $"'{value}' read as {wait}");
    }
}

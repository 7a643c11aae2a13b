using System.Text.Json.Nodes;
using Outlit.Mock.Tests.Infrastructure;

namespace Outlit.Mock.Tests;

/// <summary>
/// <c>outlit-mock</c> as its users run it: a process on a port chosen beforehand, driven over HTTP by a client that
/// knows nothing of .NET, and stopped by a signal.
/// </summary>
[Platform(Exclude = "Win", Reason = "Sends POSIX signals.")]
public class ToolProcessTests
{
    private const string Tool = "outlit-mock.dll";
    private const string ApiKey = "ok_process_test_key_0123456789abcdefghijkl";
    private const string PublicKey = "pk_process_test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_Node_client_drives_the_tool_on_a_given_port_and_SIGTERM_stops_it_with_exit_code_0()
    {
        var port = ChildProcess.FreePort();
        using var mock = ChildProcess.StartDotnet(
            Tool, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7",
            "--api-key", ApiKey, "--public-key", PublicKey, "--polls-before-connected", "1");
        var baseUrl = $"http://127.0.0.1:{port}";
        await mock.WaitForLineAsync(l => l.StartsWith("Ctrl-C or SIGTERM stops it", StringComparison.Ordinal), StartTimeout);

        using var node = ChildProcess.Start(
            "node", Path.Combine(AppContext.BaseDirectory, "drive-mock.mjs"), baseUrl, ApiKey, PublicKey,
            "5f1c0d7e-2b3a-4c5d-8e9f-0a1b2c3d4e5f");
        var nodeExit = await node.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var (exitCode, elapsed) = await mock.SignalAndWaitAsync(Signal.SIGTERM, ExitTimeout);
        TestContext.Progress.WriteLine(exitCode is null ? $"outlit-mock still running {elapsed.TotalMilliseconds:0} ms after SIGTERM" : $"outlit-mock exited {elapsed.TotalMilliseconds:0} ms after SIGTERM");

        Assert.That(nodeExit, Is.Zero, "the Node client failed:" + node.Transcript());
        var seen = JsonNode.Parse(node.Output.Single())!;
        var log = mock.Output;
        var requests = log.SkipWhile(l => !l.StartsWith("Ctrl-C", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("outlit-mock:", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seen["customers"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(seen["polls"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { "pending", "connected" }), "--polls-before-connected 1");
            Assert.That(seen["ingested"]!.GetValue<int>(), Is.EqualTo(2));

            Assert.That(log, Does.Contain($"  base URL    {baseUrl}"));
            Assert.That(log, Does.Contain($"  API key     {ApiKey}"));
            Assert.That(log, Does.Contain($"  public key  {PublicKey}"));
            Assert.That(log, Does.Contain("  seed 7; browser connect sessions connect after 1 status poll"));

            // One line each: time, method, path, status, duration; the keys only where the path holds them.
            Assert.That(requests.Select(l => string.Join(' ', l.Split(' ')[1..4])), Is.EqualTo(new[]
            {
                "POST /api/tools/call 200",
                "POST /api/integrations/connect 200",
                "GET /api/integrations/connect/status 200",
                "GET /api/integrations/connect/status 200",
                $"POST /api/i/v1/{PublicKey}/events 200",
            }));
            Assert.That(requests, Has.All.Match(@"^\d\d:\d\d:\d\d\.\d{3} [A-Z]+ /\S* \d{3} \d+\.\d ms$"));
            Assert.That(string.Join("\n", requests), Does.Not.Contain(ApiKey).And.Not.Contain("plan_compared").And.Not.Contain("sessionId"),
                "no header value, body or query string in the request log");

            Assert.That(exitCode, Is.Zero, "exit code after SIGTERM" + mock.Transcript());
            Assert.That(elapsed, Is.LessThan(ExitTimeout));
            Assert.That(log.TakeLast(2), Is.EqualTo(new[] { "outlit-mock: stopping", "outlit-mock: stopped" }));
            Assert.That(mock.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Ctrl_C_stops_the_tool_with_exit_code_0()
    {
        using var mock = ChildProcess.StartDotnet(Tool, "--port", "0");
        await mock.WaitForLineAsync(l => l.StartsWith("Ctrl-C or SIGTERM stops it", StringComparison.Ordinal), StartTimeout);

        var (exitCode, elapsed) = await mock.SignalAndWaitAsync(Signal.SIGINT, ExitTimeout);
        TestContext.Progress.WriteLine(exitCode is null ? $"outlit-mock still running {elapsed.TotalMilliseconds:0} ms after SIGINT" : $"outlit-mock exited {elapsed.TotalMilliseconds:0} ms after SIGINT");

        Assert.That(exitCode, Is.Zero, "exit code after SIGINT" + mock.Transcript());
        Assert.That(mock.Output[^1], Is.EqualTo("outlit-mock: stopped"));
    }

    [Test]
    public async Task A_bad_argument_exits_with_2_and_the_usage()
    {
        using var mock = ChildProcess.StartDotnet(Tool, "--port", "http");

        var exitCode = await mock.WaitForExitAsync(StartTimeout);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(mock.Errors, Does.StartWith("outlit-mock: --port must be a number from 0 to 65535; got 'http'.").And.Contain("Usage: outlit-mock"));
        Assert.That(mock.Output, Is.Empty);
    }
}

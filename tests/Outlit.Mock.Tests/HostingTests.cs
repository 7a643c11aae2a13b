using System.Net;
using Outlit.Mock.Tests.Infrastructure;

namespace Outlit.Mock.Tests;

/// <summary>
/// A program that hosts <c>OutlitMockServer</c> in-process keeps the runtime's own handling of SIGTERM and Ctrl-C:
/// the mock never takes those signals over, so the program ends exactly as it would without the mock.
/// </summary>
[Platform(Exclude = "Win", Reason = "Sends POSIX signals.")]
public class HostingTests
{
    private const string Host = "Outlit.Mock.Tests.Host.dll";

    // What the runtime does by default: run the exit handlers and end with 128 + the signal number.
    [TestCase(Signal.SIGTERM, 128 + 15)]
    [TestCase(Signal.SIGINT, 128 + 2)]
    public async Task A_program_hosting_the_mock_ends_on_a_signal_as_it_would_without_it(Signal signal, int expectedExitCode)
    {
        using var host = ChildProcess.StartDotnet(Host);
        var line = await host.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        using (var http = new HttpClient { BaseAddress = new Uri(line["listening ".Length..]) })
        {
            Assert.That((await http.GetAsync("api/nothing-here")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the mock is serving");
        }

        var (exitCode, elapsed) = await host.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(5));
        TestContext.Progress.WriteLine(exitCode is null ? $"the hosting program still running {elapsed.TotalMilliseconds:0} ms after {signal}" : $"the hosting program exited {elapsed.TotalMilliseconds:0} ms after {signal}");

        Assert.That(exitCode, Is.EqualTo(expectedExitCode), $"exit code after {signal} (null: still running after 5 s)" + host.Transcript());
    }
}

using System.Net;
using System.Net.Sockets;
using Outlit.Testing;

namespace Outlit.Mock.Tests;

public class CommandLineTests
{
    [Test]
    public void Without_arguments_the_tool_listens_on_its_fixed_port_with_its_fixed_keys()
    {
        Assert.That(MockCommand.TryParse([], out var options, out _), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(options.Port, Is.EqualTo(MockCommand.DefaultPort));
            Assert.That(options.ListenAddress, Is.EqualTo(IPAddress.Loopback));
            Assert.That(options.ApiKey, Is.EqualTo(MockCommand.DefaultApiKey));
            Assert.That(options.PublicKey, Is.EqualTo(MockCommand.DefaultPublicKey));
            Assert.That(options.Seed, Is.EqualTo(new OutlitMockServerOptions().Seed));
            Assert.That(options.PollsBeforeConnected, Is.EqualTo(new OutlitMockServerOptions().PollsBeforeConnected));
            // Outlit's CLI refuses an API key with fewer than 32 characters after "ok_".
            Assert.That(MockCommand.DefaultApiKey, Does.Match("^ok_[A-Za-z0-9_-]{32,}$"));
        });
    }

    [Test]
    public void Every_option_is_read_in_both_spellings()
    {
        string[] separate = ["--port", "4100", "--host", "0.0.0.0", "--seed", "-3", "--api-key", "ok_a-b_c", "--public-key", "pk_x", "--polls-before-connected", "0"];
        string[] joined = ["--port=4100", "--host=0.0.0.0", "--seed=-3", "--api-key=ok_a-b_c", "--public-key=pk_x", "--polls-before-connected=0"];

        foreach (var args in new[] { separate, joined })
        {
            Assert.That(MockCommand.TryParse(args, out var options, out var problem), Is.True, problem);
            Assert.Multiple(() =>
            {
                Assert.That(options.Port, Is.EqualTo(4100));
                Assert.That(options.ListenAddress, Is.EqualTo(IPAddress.Any));
                Assert.That(options.Seed, Is.EqualTo(-3));
                Assert.That(options.ApiKey, Is.EqualTo("ok_a-b_c"));
                Assert.That(options.PublicKey, Is.EqualTo("pk_x"));
                Assert.That(options.PollsBeforeConnected, Is.Zero);
            });
        }

        Assert.That(MockCommand.TryParse(["--polls-before-connected", "never"], out var manual, out _), Is.True);
        Assert.That(manual.PollsBeforeConnected, Is.Null);
        Assert.That(MockCommand.TryParse(["--host", "localhost"], out var local, out _), Is.True);
        Assert.That(local.ListenAddress, Is.EqualTo(IPAddress.Loopback));
    }

    [TestCase(new[] { "--port", "http" }, "--port must be a number from 0 to 65535; got 'http'.")]
    [TestCase(new[] { "--port", "65536" }, "--port must be a number from 0 to 65535; got '65536'.")]
    [TestCase(new[] { "--port", "-1" }, "--port must be a number from 0 to 65535; got '-1'.")]
    [TestCase(new[] { "--port" }, "--port needs a value.")]
    [TestCase(new[] { "--port", "1", "--port", "2" }, "--port is given more than once.")]
    [TestCase(new[] { "--host", "example.com" }, "--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost; got 'example.com'.")]
    [TestCase(new[] { "--host", "1" }, "--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost; got '1'.")]
    [TestCase(new[] { "--seed", "1.5" }, "--seed must be a whole number; got '1.5'.")]
    [TestCase(new[] { "--api-key", "pk_live" }, "--api-key must be 'ok_' followed by letters, digits, '-' or '_'.")]
    [TestCase(new[] { "--api-key", "ok_" }, "--api-key must be 'ok_' followed by letters, digits, '-' or '_'.")]
    [TestCase(new[] { "--public-key", "ok_secret" }, "--public-key must be 'pk_' followed by letters, digits, '-' or '_'.")]
    [TestCase(new[] { "--polls-before-connected", "-1" }, "--polls-before-connected must be a number from 0 up, or never; got '-1'.")]
    [TestCase(new[] { "--verbose", "1" }, "unknown option '--verbose'.")]
    [TestCase(new[] { "4100" }, "unexpected argument '4100'.")]
    public async Task A_bad_argument_exits_with_2_and_prints_the_problem_and_the_usage(string[] args, string problem)
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var code = await MockCommand.RunAsync(args, output, errors, CancellationToken.None);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(errors.ToString(), Does.StartWith("outlit-mock: " + problem + Environment.NewLine + MockCommand.Usage));
        Assert.That(output.ToString(), Is.Empty);
    }

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task Help_prints_the_usage_and_exits_with_0(string flag)
    {
        var output = new StringWriter();

        var code = await MockCommand.RunAsync(["--port", "1", flag], output, new StringWriter(), CancellationToken.None);

        Assert.That(code, Is.Zero);
        Assert.That(output.ToString(), Does.StartWith("Usage: outlit-mock [--port <n>]"));
    }

    [Test]
    public async Task A_port_in_use_exits_with_1_and_says_which()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var errors = new StringWriter();

        var code = await MockCommand.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], new StringWriter(), errors, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors.ToString(), Does.StartWith($"outlit-mock: cannot listen on 127.0.0.1:{port}: "));
    }

    [Test]
    public async Task Stopping_disposes_the_server_and_frees_the_port()
    {
        var port = FreePort();
        using var stop = new CancellationTokenSource();
        var output = new LineWriter();

        var run = MockCommand.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, new StringWriter(), stop.Token);
        await output.BannerWritten.WaitAsync(TimeSpan.FromSeconds(20));
        using (var http = new HttpClient())
        {
            await http.GetAsync($"http://127.0.0.1:{port}/api/integrations");
        }

        await stop.CancelAsync();
        var code = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(code, Is.Zero);
        Assert.That(output.Lines, Has.Some.Match(@" GET /api/integrations 401 \d+\.\d ms$"));
        using var again = new TcpListener(IPAddress.Loopback, port);
        Assert.DoesNotThrow(again.Start, "the port is free once the tool has stopped");
    }

    [Test]
    public void A_request_line_cannot_be_split_by_the_path()
    {
        var line = MockCommand.FormatRequest(new MockRequest("GET", "/api/a\nb c\u001b", "?secret=1", 404, null), TimeSpan.FromMilliseconds(1.25));

        Assert.That(line, Does.Match(@"^\d\d:\d\d:\d\d\.\d{3} GET /api/a%0Ab%20c%1B 404 1\.3 ms$"));
    }

    [Test]
    public void A_reset_or_abandoned_request_is_logged_as_aborted()
    {
        var line = MockCommand.FormatRequest(new MockRequest("POST", "/api/tools/call", "", 0, MockFaultKind.ConnectionReset), TimeSpan.Zero);

        Assert.That(line, Does.EndWith(" POST /api/tools/call aborted 0.0 ms"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Collects what the command writes (from request threads too) and tells when the banner is out.</summary>
    private sealed class LineWriter : StringWriter
    {
        private readonly object gate = new();
        private readonly TaskCompletionSource banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task BannerWritten => banner.Task;

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (gate)
                {
                    return ToString().Split(Environment.NewLine);
                }
            }
        }

        public override void WriteLine(string? value)
        {
            lock (gate)
            {
                base.WriteLine(value);
            }

            if (value?.Contains("Ctrl-C or SIGTERM stops it.", StringComparison.Ordinal) == true)
            {
                banner.TrySetResult();
            }
        }
    }
}

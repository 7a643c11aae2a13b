using System.Diagnostics;
using System.Text.RegularExpressions;
using Outlit.Testing;
using Spectre.Console;

namespace Outlit.Quickstart.Tests;

/// <summary>
/// Runs the quickstart in-process with its output captured: against the mock it starts itself (the README's
/// main command), against a mock given through the environment (the "real server" path), and into failures.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public sealed partial class QuickstartTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task WithoutConfiguration_StartsTheMockAndCompletesEverySection()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await RunAsync(new Dictionary<string, string>());
        clock.Stop();

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("started the embedded Outlit mock server at http://127.0.0.1:"));
        AssertSectionsInOrder(output);
        Assert.Multiple(() =>
        {
            // One line per status poll: the mock answers pending twice before connected.
            Assert.That(output, Does.Contain("poll 1 at").And.Contain("poll 3 at"));
            Assert.That(output, Does.Contain("hubspot connected after 3 polls"));
            Assert.That(output, Does.Contain("pylon-org_mock"), "direct connection ID");
            Assert.That(output, Does.Contain("15 paying customers over 3 pages of 5"));
            Assert.That(output, Does.Contain("Stored by the mock │ 30"));
            Assert.That(output, Does.Contain("Done: all 8 steps completed"));
            Assert.That(output, Does.Not.Contain("demo-pylon-token"), "credential values are never printed");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)), "the quickstart must finish in a few seconds");
        });
    }

    [Test]
    public async Task WithAnInteractiveTerminal_TheLiveStatusDisplayRunsToTheEnd()
    {
        var (exitCode, raw) = await RunAsync(new Dictionary<string, string>(), interactive: true);
        var output = AnsiSequence().Replace(raw, "");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(raw, Does.Contain("\u001b["), "an interactive console writes ANSI sequences, so the live display path ran");
        Assert.That(output, Does.Contain("hubspot connected after 3 polls"));
        AssertSectionsInOrder(output);
    }

    [Test]
    public async Task WithAnApiKey_UsesTheConfiguredServerAndNeverPrintsTheKeys()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { PollsBeforeConnected = 0 });
        const string pylonToken = "pylon-token-from-environment-123";
        var env = new Dictionary<string, string>
        {
            ["OUTLIT_API_KEY"] = server.ApiKey,
            ["OUTLIT_BASE_URL"] = server.BaseUrl.ToString(),
            ["OUTLIT_PUBLIC_KEY"] = server.PublicKey,
            ["OUTLIT_QUICKSTART_CONNECT"] = "1",
            ["OUTLIT_PYLON_API_TOKEN"] = pylonToken,
        };

        var (exitCode, output) = await RunAsync(env);

        Assert.That(exitCode, Is.EqualTo(0), output);
        AssertSectionsInOrder(output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Not.Contain("embedded Outlit mock"));
            Assert.That(output, Does.Contain("Using the Outlit API at " + server.BaseUrl));
            Assert.That(output, Does.Not.Contain(server.ApiKey));
            Assert.That(output, Does.Not.Contain(server.PublicKey));
            Assert.That(output, Does.Not.Contain(pylonToken));
            Assert.That(output, Does.Contain("ok_****" + server.ApiKey[^4..]), "the key is shown redacted");
            Assert.That(server.ReceivedEvents, Has.Count.EqualTo(30), "the tracker batch reached the configured server");
            Assert.That(server.Connections.Select(c => c.Provider), Is.SupersetOf(new[] { "pylon", "hubspot" }));
        });
    }

    [Test]
    public async Task AgainstARealOrganization_ConnectStepsAreSkippedUnlessAskedFor()
    {
        await using var server = await OutlitMockServer.StartAsync();
        var env = new Dictionary<string, string> { ["OUTLIT_API_KEY"] = server.ApiKey, ["OUTLIT_BASE_URL"] = server.BaseUrl.ToString() };

        var (exitCode, output) = await RunAsync(env);

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Skipped: against a real organization"));
            Assert.That(output, Does.Contain("Skipped: set OUTLIT_PUBLIC_KEY"));
            Assert.That(output, Does.Contain("Done: 5 of 8 steps completed, 3 skipped"));
            Assert.That(server.Connections, Is.Empty, "nothing was connected");
            Assert.That(server.ReceivedEvents, Is.Empty);
        });
        AssertSectionsInOrder(output);
    }

    [Test]
    public async Task ARejectedKey_EndsAfterValidationWithExitCode1()
    {
        await using var server = await OutlitMockServer.StartAsync();
        const string wrongKey = "ok_wrongwrongwrongwrong9876";
        var env = new Dictionary<string, string> { ["OUTLIT_API_KEY"] = wrongKey, ["OUTLIT_BASE_URL"] = server.BaseUrl.ToString() };

        var (exitCode, output) = await RunAsync(env);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("The server rejected the API key"));
            Assert.That(output, Does.Not.Contain(QuickstartRunner.Sections[1]), "nothing runs after a rejected key");
            Assert.That(output, Does.Not.Contain(wrongKey));
        });
    }

    [Test]
    public async Task AnApiError_IsReportedWithItsTypeAndStepAndExitCode1()
    {
        // A plan that allows no connections makes the first connect answer 403 with the limit body.
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { ConnectionLimit = 0 });
        var env = new Dictionary<string, string>
        {
            ["OUTLIT_API_KEY"] = server.ApiKey,
            ["OUTLIT_BASE_URL"] = server.BaseUrl.ToString(),
            ["OUTLIT_QUICKSTART_CONNECT"] = "true",
            ["OUTLIT_PYLON_API_TOKEN"] = "pylon-token-from-environment-123",
        };

        var (exitCode, output) = await RunAsync(env);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("OutlitConnectionLimitException during 3. Connect a direct-credential provider"));
            Assert.That(output, Does.Contain("HTTP status: 403"));
            Assert.That(output, Does.Contain("Operation: connectIntegration"));
            Assert.That(output, Does.Not.Contain(QuickstartRunner.Sections[3]));
            Assert.That(output, Does.Not.Contain("pylon-token-from-environment-123"));
        });
    }

    [Test]
    public async Task UndeliveredEvents_AreCountedAndEndTheRunWithExitCode1()
    {
        // The mock answers 403 for a public key it does not know; the tracker reports the batch as failed.
        await using var server = await OutlitMockServer.StartAsync();
        var env = new Dictionary<string, string>
        {
            ["OUTLIT_API_KEY"] = server.ApiKey,
            ["OUTLIT_BASE_URL"] = server.BaseUrl.ToString(),
            ["OUTLIT_PUBLIC_KEY"] = "pk_notknowntothisserver0000",
        };

        var (exitCode, output) = await RunAsync(env);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("30 events were not delivered; first: RequestRejected"));
            Assert.That(output, Does.Match(@"Failed\s+│ 30\s"));
            Assert.That(output, Does.Not.Contain("Done:"));
            Assert.That(output, Does.Not.Contain("pk_notknowntothisserver0000"));
        });
    }

    [Test]
    public async Task AMalformedKey_IsAConfigurationErrorWithExitCode2()
    {
        var (exitCode, output) = await RunAsync(new Dictionary<string, string> { ["OUTLIT_API_KEY"] = "not-an-outlit-key", ["OUTLIT_BASE_URL"] = "http://127.0.0.1:9/" });

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("Configuration error"));
        Assert.That(output, Does.Not.Contain("not-an-outlit-key"));
    }

    [TestCase("user:secret@nowhere")]
    [TestCase("app.outlit.ai/secret")]
    [TestCase("ftp://secret.example/")]
    public void ABaseUrlThatIsNotAnHttpUrl_IsRejectedWithoutEchoingIt(string value)
    {
        var ex = Assert.Throws<OutlitConfigurationException>(() =>
            QuickstartSettings.FromEnvironment(new Dictionary<string, string> { ["OUTLIT_BASE_URL"] = value }.GetValueOrDefault));

        Assert.That(ex!.Message, Does.Contain("OUTLIT_BASE_URL").And.Not.Contain("secret"));
    }

    [TestCase(null, "(not set)")]
    [TestCase("", "(not set)")]
    [TestCase("ok_short", "ok_****")]
    [TestCase("ok_0123456789abcdefWXYZ", "ok_****WXYZ")]
    [TestCase("pk_0123456789abcdef1234", "pk_****1234")]
    [TestCase("0123456789abcdefghij", "****ghij")]
    public void Redact_KeepsOnlyTheKindAndTheLastCharactersOfLongKeys(string? key, string expected) =>
        Assert.That(QuickstartSettings.Redact(key), Is.EqualTo(expected));

    [Test]
    public void Settings_ToStringHoldsNoKeys()
    {
        var settings = new QuickstartSettings("ok_0123456789abcdefWXYZ", new Uri("https://example.test/"), "pk_0123456789abcdef1234", true, "pylon-secret");

        Assert.That(settings.ToString(), Does.Not.Contain("0123456789abcdef").And.Not.Contain("pylon-secret"));
    }

    // SGR styling and OSC 8 hyperlinks, as Spectre writes them to an ANSI terminal.
    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")]
    private static partial Regex AnsiSequence();

    private static void AssertSectionsInOrder(string output)
    {
        var position = -1;
        foreach (var heading in QuickstartRunner.Sections)
        {
            var next = output.IndexOf(heading, StringComparison.Ordinal);
            Assert.That(next, Is.GreaterThan(position), $"section \"{heading}\" is printed, after the previous one");
            position = next;
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, bool interactive = false)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.TrueColor : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;

        var settings = QuickstartSettings.FromEnvironment(name => environment.GetValueOrDefault(name));
        using var timeout = new CancellationTokenSource(RunLimit);
        var exitCode = await new QuickstartRunner(console, settings).RunAsync(timeout.Token);
        return (exitCode, writer.ToString());
    }
}

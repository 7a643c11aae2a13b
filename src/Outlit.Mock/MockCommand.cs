using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Outlit.Testing;

namespace Outlit.Mock;

/// <summary>Exit codes of the tool.</summary>
internal static class ExitCodes
{
    /// <summary>Stopped by Ctrl-C or SIGTERM, or printed the usage asked for.</summary>
    public const int Success = 0;

    /// <summary>The server could not start, for example because the port is taken.</summary>
    public const int CannotListen = 1;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 2;
}

/// <summary>The command line of <c>outlit-mock</c>; <see cref="RunAsync"/> is what <c>Program</c> and the tests call.</summary>
internal static partial class MockCommand
{
    /// <summary>
    /// The port when none is given. Fixed rather than free so that clients can be configured once; 12111 and
    /// 12112 are stripe-mock's, so a machine can run both.
    /// </summary>
    public const int DefaultPort = 12121;

    /// <summary>
    /// The API key when none is given. Fixed so a shell profile can export it once; long enough for Outlit's CLI,
    /// which refuses keys with fewer than 32 characters after <c>ok_</c>.
    /// </summary>
    public const string DefaultApiKey = "ok_outlit_mock_api_key_for_local_use_only";

    /// <summary>The public key when none is given.</summary>
    public const string DefaultPublicKey = "pk_outlit_mock_public_key";

    private static readonly OutlitMockServerOptions Defaults = new();

    /// <summary>The usage text printed by <c>--help</c> and after a usage error.</summary>
    public static readonly string Usage = $"""
        Usage: outlit-mock [--port <n>] [--host <address>] [--seed <n>]
                           [--api-key <ok_...>] [--public-key <pk_...>]
                           [--polls-before-connected <n>|never]

        Serves a mock of the Outlit Platform and Ingest APIs (Outlit.Testing's
        OutlitMockServer) until Ctrl-C or SIGTERM.
          --port                    TCP port (default: {DefaultPort}; 0 takes a free port)
          --host                    address to listen on (default: 127.0.0.1;
                                    0.0.0.0 for every interface, e.g. in a container)
          --seed                    seed of the fake customer base (default: {Defaults.Seed});
                                    the same seed always gives the same data
          --api-key                 Platform API key accepted as the bearer token
                                    (default: {DefaultApiKey})
          --public-key              ingest public key accepted in the ingest path
                                    (default: {DefaultPublicKey})
          --polls-before-connected  status polls a browser connect session answers
                                    "pending" before "connected" (default: {Defaults.PollsBeforeConnected});
                                    never: only once its connectUrl is opened
        Prints the base URL and both keys, then one line per request: method,
        path, status and duration (never a body or a header value).
        Exit codes: 0 stopped by Ctrl-C or SIGTERM, 1 cannot listen, 2 usage error.
        """;

    /// <summary>Parses the arguments, serves until <paramref name="stop"/> is cancelled, then disposes the server.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdout">Where the banner and the request log go.</param>
    /// <param name="stderr">Where usage and start errors go.</param>
    /// <param name="stop">Cancelled by Ctrl-C or SIGTERM.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "-h" or "--help" or "-?"))
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (!TryParse(args, out var options, out var problem))
        {
            await stderr.WriteLineAsync("outlit-mock: " + problem).ConfigureAwait(false);
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // Requests are answered concurrently, and each writes its own line.
        var log = TextWriter.Synchronized(stdout);
        options.OnRequestCompleted = (request, duration) => log.WriteLine(FormatRequest(request, duration));

        OutlitMockServer server;
        try
        {
            server = await OutlitMockServer.StartAsync(options, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
            await stderr.WriteLineAsync($"outlit-mock: cannot listen on {FormatEndpoint(options)}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.CannotListen;
        }

        await using (server.ConfigureAwait(false))
        {
            log.WriteLine(Banner(server, options));
            try
            {
                await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The signal: fall through to disposing the server.
            }

            log.WriteLine("outlit-mock: stopping");
        }

        log.WriteLine("outlit-mock: stopped");
        return ExitCodes.Success;
    }

    /// <summary>Reads the arguments into server options; <c>false</c> with the reason when they are not usable.</summary>
    internal static bool TryParse(IReadOnlyList<string> args, out OutlitMockServerOptions options, out string problem)
    {
        options = new OutlitMockServerOptions
        {
            Port = DefaultPort,
            ApiKey = DefaultApiKey,
            PublicKey = DefaultPublicKey,
        };
        problem = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"unexpected argument '{arg}'.";
                return false;
            }

            // Both "--port 8080" and "--port=8080".
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                problem = $"{name} needs a value.";
                return false;
            }

            if (!seen.Add(name) && IsKnown(name))
            {
                problem = $"{name} is given more than once.";
                return false;
            }

            switch (name)
            {
                case "--port":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > IPEndPoint.MaxPort)
                    {
                        problem = $"--port must be a number from 0 to {IPEndPoint.MaxPort}; got '{value}'.";
                        return false;
                    }

                    options.Port = port;
                    break;
                case "--host":
                    if (ParseAddress(value) is not { } address)
                    {
                        problem = $"--host must be an IP address (127.0.0.1, 0.0.0.0, ::1) or localhost; got '{value}'.";
                        return false;
                    }

                    options.ListenAddress = address;
                    break;
                case "--seed":
                    if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                    {
                        problem = $"--seed must be a whole number; got '{value}'.";
                        return false;
                    }

                    options.Seed = seed;
                    break;
                case "--api-key":
                    if (!ApiKeyPattern().IsMatch(value))
                    {
                        problem = "--api-key must be 'ok_' followed by letters, digits, '-' or '_'.";
                        return false;
                    }

                    options.ApiKey = value;
                    break;
                case "--public-key":
                    if (!PublicKeyPattern().IsMatch(value))
                    {
                        problem = "--public-key must be 'pk_' followed by letters, digits, '-' or '_'.";
                        return false;
                    }

                    options.PublicKey = value;
                    break;
                case "--polls-before-connected":
                    if (value == "never")
                    {
                        options.PollsBeforeConnected = null;
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var polls))
                    {
                        options.PollsBeforeConnected = polls;
                    }
                    else
                    {
                        problem = $"--polls-before-connected must be a number from 0 up, or never; got '{value}'.";
                        return false;
                    }

                    break;
                default:
                    problem = $"unknown option '{name}'.";
                    return false;
            }
        }

        return true;
    }

    /// <summary>One line per request; the path's control characters are escaped so a request cannot forge lines.</summary>
    internal static string FormatRequest(MockRequest request, TimeSpan duration)
    {
        var path = new StringBuilder(request.Path.Length);
        foreach (var c in request.Path)
        {
            if (char.IsControl(c) || c == ' ')
            {
                path.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                path.Append(c);
            }
        }

        var status = request.StatusCode == 0 ? "aborted" : request.StatusCode.ToString(CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTimeOffset.Now:HH:mm:ss.fff} {request.Method} {path} {status} {duration.TotalMilliseconds:0.0} ms");
    }

    private static string Banner(OutlitMockServer server, OutlitMockServerOptions options)
    {
        // Without the trailing slash: Outlit's CLI and tracking SDKs append "/api/..." to it.
        var baseUrl = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        var version = typeof(MockCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "";
        var sessions = options.PollsBeforeConnected is { } polls
            ? $"browser connect sessions connect after {polls} status poll{(polls == 1 ? "" : "s")}"
            : "browser connect sessions connect once their connectUrl is opened";
        return $"""
            outlit-mock {version} is serving the Outlit Platform and Ingest APIs
              base URL    {baseUrl}
              API key     {server.ApiKey}
              public key  {server.PublicKey}
              seed {options.Seed}; {sessions}
            Outlit CLI:     OUTLIT_API_URL={baseUrl} OUTLIT_API_KEY={server.ApiKey}
            Tracking SDKs:  apiHost "{baseUrl}", publicKey "{server.PublicKey}"
            Ctrl-C or SIGTERM stops it. One line per request follows.
            """;
    }

    private static IPAddress? ParseAddress(string value)
    {
        if (string.Equals(value, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        // IPAddress.TryParse also reads "1" as 0.0.0.1; only dotted or colon forms are meant as addresses here.
        return (value.Contains('.', StringComparison.Ordinal) || value.Contains(':', StringComparison.Ordinal))
            && IPAddress.TryParse(value, out var address) ? address : null;
    }

    private static string FormatEndpoint(OutlitMockServerOptions options) =>
        new IPEndPoint(options.ListenAddress, options.Port).ToString();

    private static bool IsKnown(string name) =>
        name is "--port" or "--host" or "--seed" or "--api-key" or "--public-key" or "--polls-before-connected";

    [GeneratedRegex("^ok_[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiKeyPattern();

    [GeneratedRegex("^pk_[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PublicKeyPattern();
}

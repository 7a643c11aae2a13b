using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>
/// Prism (<c>@stoplight/prism-cli</c>, pinned in build/package.json and installed by the build) mocking
/// openapi/openapi.json on a free loopback port. Prism is the independent oracle: it validates every
/// request against the contract and answers with the documented responses and examples.
/// </summary>
/// <remarks>
/// One process serves the whole test run: fixtures that need it call <see cref="StartAsync"/> in their
/// OneTimeSetUp (the first call starts it, later calls reuse it) and <see cref="ContractRunFixture"/>
/// stops it after the last test. <c>--errors</c> makes a request that violates the contract fail with an
/// error response carrying the <c>sl-violations</c> header, so a violation cannot pass unnoticed.
/// </remarks>
internal sealed partial class PrismServer : IAsyncDisposable
{
    /// <summary>Overrides the Prism executable (for a machine without the build's npm tools).</summary>
    public const string ExecutableVariable = "OUTLIT_PRISM";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PrismServer? _current;

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PrismServer(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where Prism listens, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Prism's log so far, one entry per line, without colour codes.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToList();
            }
        }
    }

    /// <summary>Log lines in which Prism reports a request violation (method, path, query, headers, body).</summary>
    public IReadOnlyList<string> LoggedRequestViolations => Log.Where(l => l.Contains("Violation: request", StringComparison.Ordinal)).ToList();

    /// <summary>Log lines in which Prism reports that its own response breaks the contract.</summary>
    public IReadOnlyList<string> LoggedResponseViolations => Log.Where(l => l.Contains("Violation: response", StringComparison.Ordinal)).ToList();

    /// <summary>Starts Prism once per test run and returns the running instance.</summary>
    public static async Task<PrismServer> StartAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_current is { _process.HasExited: false })
            {
                return _current;
            }

            _current = await LaunchAsync("mock", RepositoryPaths.OpenApiDocument).ConfigureAwait(false);
            return _current;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the process started by <see cref="StartAsync"/>, if any.</summary>
    public static async Task StopAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_current is null)
            {
                return;
            }

            if (!_current._process.HasExited)
            {
                _current._process.Kill(entireProcessTree: true);
                await _current._process.WaitForExitAsync().ConfigureAwait(false);
            }

            _current._process.Dispose();
            _current = null;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The Prism executable: the override variable, else build/node_modules/.bin/prism.</summary>
    public static string ResolveExecutable()
    {
        var configured = Environment.GetEnvironmentVariable(ExecutableVariable);
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(RepositoryPaths.Root, "build", "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism")
            : configured;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Prism was not found at {path}. Building the solution installs it with `npm ci --prefix build` " +
                $"(build/package.json pins @stoplight/prism-cli); or set {ExecutableVariable} to a prism executable.",
                path);
        }

        return path;
    }

    /// <summary>
    /// Starts a Prism of its own, for the caller to dispose: <c>prism mock &lt;document&gt;</c> or
    /// <c>prism proxy &lt;document&gt; &lt;upstream&gt;</c>, always with <c>--errors</c>.
    /// </summary>
    /// <param name="command"><c>mock</c> or <c>proxy</c>.</param>
    /// <param name="document">The OpenAPI document Prism follows.</param>
    /// <param name="extra">Further arguments: the upstream URL of a proxy, <c>--dynamic</c>.</param>
    public static Task<PrismServer> StartOwnAsync(string command, string document, params string[] extra) => LaunchAsync(command, document, extra);

    /// <summary>Stops a Prism started by <see cref="StartOwnAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static async Task<PrismServer> LaunchAsync(string command, string document, params string[] extra)
    {
        var executable = ResolveExecutable();
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        string[] arguments = [command, document, .. extra, "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--errors"];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new PrismServer(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Exited += (_, _) => server._listening.TrySetException(new InvalidOperationException(
            "Prism exited before it was ready:" + Environment.NewLine + string.Join(Environment.NewLine, server.Log)));

        if (!process.Start())
        {
            throw new InvalidOperationException("Prism could not be started from " + executable);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var ready = await Task.WhenAny(server._listening.Task, Task.Delay(StartupTimeout)).ConfigureAwait(false);
        if (ready != server._listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Prism did not listen within {StartupTimeout.TotalSeconds} s:{Environment.NewLine}{string.Join(Environment.NewLine, server.Log)}");
        }

        await server._listening.Task.ConfigureAwait(false);
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        var clean = AnsiEscape().Replace(line, string.Empty);
        lock (_log)
        {
            _log.Add(clean);
        }

        if (clean.Contains("Prism is listening", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}

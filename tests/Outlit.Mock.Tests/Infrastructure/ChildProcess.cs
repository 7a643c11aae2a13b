using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Outlit.Mock.Tests.Infrastructure;

/// <summary>The POSIX signals the tests send (the same numbers on Linux and macOS).</summary>
public enum Signal
{
    /// <summary>What a terminal's Ctrl-C sends.</summary>
    SIGINT = 2,

    /// <summary>What service managers and container runtimes send to stop a process.</summary>
    SIGTERM = 15,
}

/// <summary>A program started by a test, with its output collected line by line and a way to send it signals.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];
    private readonly List<string> errors = [];
    private readonly object gate = new();
    private TaskCompletionSource lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Collect(output, e.Data);
        process.ErrorDataReceived += (_, e) => Collect(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything the program wrote to standard output so far.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (gate)
            {
                return output.ToArray();
            }
        }
    }

    /// <summary>Everything the program wrote to standard error so far.</summary>
    public string Errors
    {
        get
        {
            lock (gate)
            {
                return string.Join("\n", errors);
            }
        }
    }

    /// <summary>Runs <c>dotnet &lt;assembly&gt; args…</c> for an assembly copied beside the tests.</summary>
    public static ChildProcess StartDotnet(string assembly, params string[] args)
    {
        // The dotnet that runs the tests, when the test host says which.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return Start(dotnet, [Path.Combine(AppContext.BaseDirectory, assembly), .. args]);
    }

    /// <summary>Starts <paramref name="program"/> with its output redirected.</summary>
    public static ChildProcess Start(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start."));
    }

    /// <summary>A port that was free a moment ago: the test hands it to the program, which binds it.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits for an output line that satisfies <paramref name="match"/>.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task arrived;
            lock (gate)
            {
                if (output.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                arrived = lineArrived.Task;
            }

            if (process.HasExited)
            {
                // Waiting for the exit also waits for the redirected output to be read to its end.
                await process.WaitForExitAsync();
                lock (gate)
                {
                    if (output.FirstOrDefault(match) is { } last)
                    {
                        return last;
                    }
                }

                throw new AssertionException($"The program exited with {process.ExitCode} before writing the expected line.{Transcript()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new AssertionException($"No expected line within {timeout.TotalSeconds} s.{Transcript()}");
            }

            // Woken by the next line, or after a moment to notice an exit.
            await Task.WhenAny(arrived, Task.Delay(100));
        }
    }

    /// <summary>The output and errors so far, for an assertion message.</summary>
    public string Transcript() => $"\nOutput:\n{string.Join("\n", Output)}\nErrors:\n{Errors}";

    /// <summary>
    /// Sends <paramref name="signal"/> and measures how long the program takes to exit, up to
    /// <paramref name="timeout"/>; <c>null</c> as the exit code when it is still running then.
    /// </summary>
    public async Task<(int? ExitCode, TimeSpan Elapsed)> SignalAndWaitAsync(Signal signal, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Assert.That(Kill(process.Id, (int)signal), Is.Zero, $"kill({process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            return (null, clock.Elapsed);
        }

        return (process.ExitCode, clock.Elapsed);
    }

    /// <summary>Waits for the program to exit by itself.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    // kill(2) itself rather than kill(1), which is not on every machine that runs the tests.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private void Collect(List<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            lines.Add(line);
            var arrived = lineArrived;
            lineArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            arrived.TrySetResult();
        }
    }
}

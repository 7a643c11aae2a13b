using System.Runtime.InteropServices;

namespace Outlit.Mock;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();

        // Cancelling the signal's default keeps the process alive long enough to dispose the server and exit with 0.
        // Every signal is handled so, not only the first: a terminal's Ctrl-C reaches both a wrapper (dotnet tool run,
        // npm, a shell script) and this process, and a wrapper that forwards it would otherwise end the shutdown midway.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        return await MockCommand.RunAsync(args, Console.Out, Console.Error, stop.Token).ConfigureAwait(false);
    }
}

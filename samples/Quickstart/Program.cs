using Outlit;
using Outlit.Quickstart;
using Spectre.Console;

// Ctrl+C stops the current request or wait and ends the run cleanly (exit code 130) instead of killing it mid-write.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

QuickstartSettings settings;
try
{
    settings = QuickstartSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
catch (OutlitConfigurationException ex)
{
    AnsiConsole.MarkupLineInterpolated($"[red]Configuration error:[/] {ex.Message}");
    return 2;
}

return await new QuickstartRunner(AnsiConsole.Console, settings).RunAsync(cancellation.Token);

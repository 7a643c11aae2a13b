using Outlit.Drift.Cli;

return await DriftCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

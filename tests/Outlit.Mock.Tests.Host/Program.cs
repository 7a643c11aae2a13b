using Outlit.Testing;

await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 }).ConfigureAwait(false);

// The test waits for this line before it sends a signal.
Console.WriteLine("listening " + server.BaseUrl);
await Task.Delay(Timeout.Infinite).ConfigureAwait(false);

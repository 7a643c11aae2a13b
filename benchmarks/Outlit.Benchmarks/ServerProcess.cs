using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;

namespace Outlit.Benchmarks;

/// <summary>Starts the benchmark server as a child process (this program with <c>serve</c>) and stops it.</summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri url, string customerId, string info)
    {
        this.process = process;
        Url = url;
        CustomerId = customerId;
        Info = info;
    }

    public Uri Url { get; }

    public string CustomerId { get; }

    /// <summary>Body sizes as the server reported them: page, customer, large query, query rows.</summary>
    public string Info { get; }

    public static ProcessStartInfo SelfStartInfo(params string[] args)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public static ServerProcess Start()
    {
        var info = SelfStartInfo("serve");
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the benchmark server.");
        while (true)
        {
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The benchmark server exited before listening.");
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                var url = parts[1].EndsWith('/') ? parts[1] : parts[1] + "/";
                return new ServerProcess(process, new Uri(url), parts[6], $"page {parts[2]} B, customer {parts[3]} B, query {parts[4]} B ({parts[5]} rows)");
            }
        }
    }

    public async Task<Dictionary<string, long>> StatsAsync()
    {
        using var http = new HttpClient { BaseAddress = Url };
        return (await http.GetFromJsonAsync<Dictionary<string, long>>("stats"))!;
    }

    public async Task PostAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = Url };
        (await http.PostAsync(path, null)).EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(5000))
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }
}

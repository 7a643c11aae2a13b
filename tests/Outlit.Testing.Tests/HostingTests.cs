using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

public class HostingTests
{
    [Test]
    public async Task A_fixed_port_is_the_one_listened_on_and_a_second_server_cannot_take_it()
    {
        var port = FreePort();

        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, Port = port });
        using var api = new Api(server);
        var reply = await api.SendAsync("listIntegrations");

        Assert.That(server.BaseUrl, Is.EqualTo(new Uri($"http://127.0.0.1:{port}/")));
        Assert.That(reply.Status, Is.EqualTo(200));
        Assert.ThrowsAsync<IOException>(() => OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, Port = port }));
    }

    [Test]
    public async Task Disposing_frees_a_fixed_port_for_the_next_server()
    {
        var port = FreePort();
        await (await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, Port = port })).DisposeAsync();

        await using var again = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, Port = port });

        Assert.That(again.BaseUrl.Port, Is.EqualTo(port));
    }

    [Test]
    public async Task Listening_on_every_interface_reports_a_base_url_a_local_client_can_use()
    {
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1, ListenAddress = IPAddress.Any });
        using var api = new Api(server);

        var reply = await api.SendAsync("listIntegrations");

        Assert.That(server.BaseUrl.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(reply.Status, Is.EqualTo(200));
    }

    [TestCase(-1)]
    [TestCase(65536)]
    public void A_port_outside_the_tcp_range_is_refused(int port)
    {
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OutlitMockServer.StartAsync(new OutlitMockServerOptions { Port = port }));
    }

    [Test]
    public async Task Each_answered_request_is_reported_with_its_duration()
    {
        var reported = new ConcurrentQueue<(MockRequest Request, TimeSpan Duration)>();
        await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions
        {
            CustomerCount = 1,
            OnRequestCompleted = (request, duration) => reported.Enqueue((request, duration)),
        });
        using var api = new Api(server);
        server.InjectFault(MockFault.Delay(TimeSpan.FromMilliseconds(50)), pathPrefix: "/api/integrations/sync-status");

        await api.SendAsync("listIntegrations");
        await api.SendAsync("getIntegrationSyncStatus", "provider=stripe");

        Assert.That(reported.Select(r => r.Request), Is.EqualTo(server.Requests), "the same records as Requests, in order");
        Assert.That(reported.Select(r => r.Duration), Has.All.GreaterThanOrEqualTo(TimeSpan.Zero));
        Assert.That(reported.Last().Duration, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)), "the delay is part of the answer's time");
    }

    [Test]
    public async Task Settings_of_the_working_directory_do_not_reach_the_server()
    {
        // An ASP.NET project's appsettings.json may name Kestrel endpoints; the mock must not listen on them too.
        var taken = FreePort();
        var folder = Directory.CreateTempSubdirectory("outlit-mock-settings-");
        var previous = Environment.CurrentDirectory;
        await File.WriteAllTextAsync(
            Path.Combine(folder.FullName, "appsettings.json"),
            """{"Kestrel":{"Endpoints":{"Http":{"Url":"http://127.0.0.1:PORT"}}}}""".Replace("PORT", taken.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        try
        {
            Environment.CurrentDirectory = folder.FullName;
            await using var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { CustomerCount = 1 });

            using var listener = new TcpListener(IPAddress.Loopback, taken);
            Assert.DoesNotThrow(listener.Start, "the port named in appsettings.json is still free");
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            folder.Delete(recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Outlit.Faults.Server;

namespace Outlit.Faults;

/// <summary>The scripted server does what the matrix relies on: records requests whole, and breaks exchanges exactly as told.</summary>
[TestFixture]
public sealed class ScriptedServerTests
{
    [Test]
    public async Task Records_every_request_whole_across_a_kept_alive_connection()
    {
        await using var server = ScriptedServer.Start(r => Reply.Json(200, $$"""{"index":{{r.Index}}}"""));
        using var http = new HttpClient();

        var first = await http.PostAsync(new Uri(server.BaseAddress, "api/one?x=1"), new StringContent("""{"a":1}""", Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "api/two"));
        request.Headers.Add("X-Probe", "yes");
        var second = await http.SendAsync(request);

        var requests = server.Requests;
        Assert.Multiple(async () =>
        {
            Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("""{"index":0}"""));
            Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("""{"index":1}"""));
            Assert.That(requests.Select(r => r.Route), Is.EqualTo(new[] { "POST /api/one", "GET /api/two" }));
            Assert.That(requests[0].Target, Is.EqualTo("/api/one?x=1"));
            Assert.That(requests[0].Body, Is.EqualTo("""{"a":1}"""));
            Assert.That(requests[0].Header("content-type"), Does.StartWith("application/json"));
            Assert.That(requests[1].Header("X-Probe"), Is.EqualTo("yes"));
            Assert.That(server.ConnectionCount, Is.EqualTo(1), "the second request reused the connection");
            Assert.That(server.Errors, Is.Empty);
        });
    }

    [Test]
    public async Task Reads_a_chunked_request_body()
    {
        await using var server = ScriptedServer.Start(_ => Reply.Json(200, "{}"));
        using var http = new HttpClient();
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(new string('z', 5000))));

        using var response = await http.PostAsync(server.BaseAddress, content);

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests[0].Header("Transfer-Encoding"), Is.EqualTo("chunked"));
            Assert.That(server.Requests[0].Body, Is.EqualTo(new string('z', 5000)));
        });
    }

    [Test]
    public async Task A_stalled_body_stays_stalled_until_the_server_stops()
    {
        var server = ScriptedServer.Start(_ => Reply.Partial(200, "application/json", """{"items":[1,2,3]}"""u8.ToArray(), 5).StallForever());
        using var http = new HttpClient();
        using var response = await http.GetAsync(server.BaseAddress, HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var head = await stream.ReadAtLeastAsync(buffer, 5);

        var rest = stream.ReadAsync(buffer).AsTask();
        var stalled = await Task.WhenAny(rest, Task.Delay(300)) != rest;
        await server.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(buffer, 0, head), Is.EqualTo("""{"ite"""));
            Assert.That(stalled, Is.True, "the body went on before the server stopped");
            Assert.That(async () => await rest, Throws.InstanceOf<IOException>(), "stopping the server ends the stalled read");
        });
    }

    [Test]
    public async Task A_reset_reaches_the_client_as_a_connection_reset()
    {
        await using var server = ScriptedServer.Start(_ => Reply.Partial(200, "application/json", new byte[1000], 100).Pause(TimeSpan.FromMilliseconds(100)).Reset());
        using var http = new HttpClient();

        var error = await CaughtAsync(async () => await (await http.GetAsync(server.BaseAddress)).Content.ReadAsByteArrayAsync());

        Assert.That(Chain(error).OfType<SocketException>().Select(e => e.SocketErrorCode), Does.Contain(SocketError.ConnectionReset), () => $"not a reset: {error}");
    }

    [Test]
    public async Task A_close_mid_body_reaches_the_client_as_a_premature_end()
    {
        await using var server = ScriptedServer.Start(_ => Reply.Partial(200, "application/json", new byte[1000], 100).Close());
        using var http = new HttpClient();

        var error = await CaughtAsync(async () => await (await http.GetAsync(server.BaseAddress)).Content.ReadAsByteArrayAsync());

        Assert.Multiple(() =>
        {
            Assert.That(Chain(error).OfType<HttpIOException>().Select(e => e.HttpRequestError), Does.Contain(HttpRequestError.ResponseEnded), () => $"not a premature end: {error}");
            Assert.That(Chain(error).OfType<SocketException>(), Is.Empty, "a graceful close must not look like a reset");
        });
    }

    [Test]
    public async Task Sends_encoded_bodies_as_they_are()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync("""{"ok":true}"""u8.ToArray());
        }

        await using var server = ScriptedServer.Start(_ => Reply.Full(200, "application/json", compressed.ToArray(), ("Content-Encoding", "gzip")));
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.GZip });

        Assert.That(await http.GetStringAsync(server.BaseAddress), Is.EqualTo("""{"ok":true}"""));
    }

    private static async Task<Exception> CaughtAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new AssertionException("the call succeeded");
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    /// <summary>A body of unknown length, which HttpClient sends chunked.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

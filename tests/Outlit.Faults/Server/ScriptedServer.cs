using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outlit.Faults.Server;

/// <summary>
/// A raw TCP server on a free loopback port that plays a scripted <see cref="Reply"/> for every request and
/// records each request it read. Raw sockets rather than Kestrel: a hostile server has to be able to send
/// half a body, stall after the headers or reset the connection, which a real HTTP server stack refuses to do.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly Func<ServerRequest, Reply> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<ServerRequest> requests = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentDictionary<Socket, Task> connections = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task accepting;
    private int nextIndex = -1;
    private int nextConnection;
    private int disposed;

    private ScriptedServer(Func<ServerRequest, Reply> respond)
    {
        this.respond = respond;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 64);
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    /// <summary>Root URL of the server, with a trailing slash.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Every request read so far, in the order they arrived.</summary>
    public IReadOnlyList<ServerRequest> Requests => requests.OrderBy(r => r.Index).ToArray();

    /// <summary>Failures of the server itself (a script that threw, a request it could not parse): a broken test, not a client fault.</summary>
    public IReadOnlyList<string> Errors => errors.ToArray();

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref nextConnection);

    /// <summary>Starts a server answering each request with <paramref name="respond"/>.</summary>
    /// <param name="respond">Chooses the reply; runs on the connection's task.</param>
    /// <returns>The running server.</returns>
    public static ScriptedServer Start(Func<ServerRequest, Reply> respond) => new(respond);

    /// <summary>Stops listening and closes every connection, which ends any stall.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        listener.Stop();
        foreach (var socket in connections.Keys)
        {
            socket.Dispose();
        }

        try
        {
            await Task.WhenAll(connections.Values.Append(accepting)).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            errors.Enqueue("a connection was still being served 5 s after the server stopped");
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // A client that gave up while still in the backlog: nothing to serve.
                continue;
            }

            socket.NoDelay = true;
            var connection = Interlocked.Increment(ref nextConnection);
            var started = new TaskCompletionSource();
            var task = ServeAsync(socket, connection, started.Task);
            connections[socket] = task;
            started.SetResult();
        }
    }

    private async Task ServeAsync(Socket socket, int connection, Task registered)
    {
        // Registered first, so DisposeAsync always finds the socket to close.
        await registered;
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            var reader = new RequestReader(stream);
            while (true)
            {
                var read = await reader.ReadAsync(stop.Token);
                if (read is not { } parts)
                {
                    return;
                }

                var request = new ServerRequest(Interlocked.Increment(ref nextIndex), connection, parts.Method, parts.Target, parts.Headers, parts.Head, parts.Body, clock.Elapsed);
                requests.Enqueue(request);
                Reply reply;
                try
                {
                    reply = respond(request);
                }
                catch (Exception ex)
                {
                    errors.Enqueue($"request {request.Index} ({request.Route}): the script threw {ex}");
                    return;
                }

                if (!await reply.PlayAsync(socket, stream, stop.Token))
                {
                    return;
                }
            }
        }
        catch (InvalidDataException ex)
        {
            errors.Enqueue($"connection {connection}: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up (a timeout, a cancelled call) or the server is stopping: the exchange is over either way.
        }
        catch (Exception ex)
        {
            errors.Enqueue($"connection {connection}: the server failed: {ex}");
        }
        finally
        {
            connections.TryRemove(socket, out _);
            socket.Dispose();
        }
    }
}

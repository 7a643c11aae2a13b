using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Outlit.Faults.Server;

/// <summary>
/// What the scripted server does with one request, byte by byte and with timing: write bytes, pause,
/// stall until the server stops, reset the connection (RST) or close it (FIN). A reply that ends without
/// closing keeps the connection open for the client's next request.
/// </summary>
public sealed class Reply
{
    private readonly List<Step> steps = [];

    private Reply()
    {
    }

    /// <summary>How the reply ends the exchange, for descriptions.</summary>
    public string Describe() => string.Join(", ", steps.Select(step => step.ToString()));

    /// <summary>A reply that writes nothing yet; add steps to it.</summary>
    /// <returns>An empty reply.</returns>
    public static Reply Nothing() => new();

    /// <summary>A complete response with a JSON body.</summary>
    /// <param name="status">Status code.</param>
    /// <param name="json">Body text.</param>
    /// <param name="headers">Extra headers.</param>
    /// <returns>The reply.</returns>
    public static Reply Json(int status, string json, params (string Name, string Value)[] headers) =>
        Full(status, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json), headers);

    /// <summary>A complete response: head with <c>Content-Length</c>, then the whole body.</summary>
    /// <param name="status">Status code.</param>
    /// <param name="contentType">Content type, or null for none.</param>
    /// <param name="body">Body bytes, sent as they are (already encoded when a Content-Encoding header is given).</param>
    /// <param name="headers">Extra headers.</param>
    /// <returns>The reply.</returns>
    public static Reply Full(int status, string? contentType, byte[] body, params (string Name, string Value)[] headers) =>
        new Reply().Send(HttpText.Head(status, contentType, body.Length, headers)).Send(body);

    /// <summary>A head that promises <paramref name="declaredLength"/> body bytes, followed by only the first <paramref name="sent"/> of <paramref name="body"/>.</summary>
    /// <param name="status">Status code.</param>
    /// <param name="contentType">Content type.</param>
    /// <param name="body">The full body the head describes.</param>
    /// <param name="sent">How many of its bytes to write.</param>
    /// <returns>The reply, to be ended with a stall, a reset or a close.</returns>
    public static Reply Partial(int status, string contentType, byte[] body, int sent) =>
        new Reply().Send(HttpText.Head(status, contentType, body.Length)).Send(body[..sent]);

    /// <summary>A status line and headers only, with no <c>Content-Length</c> (for 204 and redirects with an explicit length header).</summary>
    /// <param name="status">Status code.</param>
    /// <param name="headers">Headers.</param>
    /// <returns>The reply.</returns>
    public static Reply HeadOnly(int status, params (string Name, string Value)[] headers) =>
        new Reply().Send(HttpText.Head(status, null, null, headers));

    /// <summary>Adds bytes to write.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>This reply.</returns>
    public Reply Send(byte[] bytes)
    {
        steps.Add(new Step(StepKind.Write, bytes, TimeSpan.Zero));
        return this;
    }

    /// <summary>Adds a pause.</summary>
    /// <param name="duration">How long.</param>
    /// <returns>This reply.</returns>
    public Reply Pause(TimeSpan duration)
    {
        steps.Add(new Step(StepKind.Pause, [], duration));
        return this;
    }

    /// <summary>Ends with a stall: nothing more is written until the server stops.</summary>
    /// <returns>This reply.</returns>
    public Reply StallForever()
    {
        steps.Add(new Step(StepKind.Stall, [], TimeSpan.Zero));
        return this;
    }

    /// <summary>Ends with an abortive close: linger 0, so the client gets a TCP reset instead of an end of stream.</summary>
    /// <returns>This reply.</returns>
    public Reply Reset()
    {
        steps.Add(new Step(StepKind.Reset, [], TimeSpan.Zero));
        return this;
    }

    /// <summary>Ends with a graceful close: everything written arrives, then the end of the stream.</summary>
    /// <returns>This reply.</returns>
    public Reply Close()
    {
        steps.Add(new Step(StepKind.Close, [], TimeSpan.Zero));
        return this;
    }

    /// <summary>Plays the steps on the connection.</summary>
    /// <returns>True when the connection stays open for another request.</returns>
    internal async Task<bool> PlayAsync(Socket socket, NetworkStream stream, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            switch (step.Kind)
            {
                case StepKind.Write:
                    await stream.WriteAsync(step.Bytes, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                    break;
                case StepKind.Pause:
                    await Task.Delay(step.Duration, cancellationToken);
                    break;
                case StepKind.Stall:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    return false;
                case StepKind.Reset:
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                    return false;
                case StepKind.Close:
                    socket.Shutdown(SocketShutdown.Send);
                    socket.Close();
                    return false;
            }
        }

        return true;
    }

    private enum StepKind
    {
        Write,
        Pause,
        Stall,
        Reset,
        Close,
    }

    private sealed record Step(StepKind Kind, byte[] Bytes, TimeSpan Duration)
    {
        public override string ToString() => Kind switch
        {
            StepKind.Write => $"write {Bytes.Length} B",
            StepKind.Pause => $"pause {Duration.TotalMilliseconds:0} ms",
            _ => Kind.ToString().ToLowerInvariant(),
        };
    }
}

/// <summary>Builds HTTP/1.1 response heads.</summary>
public static class HttpText
{
    /// <summary>The status line and headers, ending with the blank line.</summary>
    /// <param name="status">Status code.</param>
    /// <param name="contentType">Content-Type, or null for none.</param>
    /// <param name="contentLength">Content-Length, or null for none.</param>
    /// <param name="headers">Further headers.</param>
    /// <returns>The bytes of the head.</returns>
    public static byte[] Head(int status, string? contentType, long? contentLength, params (string Name, string Value)[] headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {Reason(status)}\r\n");
        text.Append(CultureInfo.InvariantCulture, $"Date: {DateTimeOffset.UtcNow:r}\r\n");
        if (contentType is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n");
        }

        if (contentLength is { } length)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
        }

        foreach (var (name, value) in headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        text.Append("\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static string Reason(int status) => status switch
    {
        402 => "Payment Required",
        429 => "Too Many Requests",
        _ when Enum.IsDefined(typeof(HttpStatusCode), status) => ((HttpStatusCode)status).ToString(),
        _ => "Status",
    };
}

using System.Globalization;
using System.Text;

namespace Outlit.Faults.Server;

/// <summary>
/// Reads HTTP/1.1 requests one after another from a connection: head up to the blank line, then a body
/// framed by <c>Content-Length</c> or chunked encoding. Only what a client sends is supported; anything
/// else is a broken client and ends the connection.
/// </summary>
internal sealed class RequestReader(Stream stream)
{
    private const int MaxHead = 64 * 1024;

    private readonly byte[] buffer = new byte[MaxHead];
    private int start;
    private int end;

    /// <summary>The next request's parts, or null when the client closed the connection between requests.</summary>
    public async Task<(string Method, string Target, Dictionary<string, string> Headers, string Head, byte[] Body)?> ReadAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = IndexOfBlankLine()) < 0)
        {
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        // Latin-1 maps every byte to one char, so whatever the client sent is echoed back unchanged.
        var head = Encoding.Latin1.GetString(buffer, start, headEnd - start);
        start = headEnd + 4;
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new InvalidDataException($"Malformed request line: {lines[0]}");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"Malformed header line: {line}");
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(cancellationToken);
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body = await ReadExactlyAsync(int.Parse(length, NumberStyles.None, CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            body = [];
        }

        return (requestLine[0], requestLine[1], headers, head + "\r\n\r\n", body);
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            var size = int.Parse(sizeLine.Split(';', 2)[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                // Trailers, if any, end with a blank line.
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            await ReadLineAsync(cancellationToken);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = buffer.AsSpan(start, end - start).IndexOf("\r\n"u8);
            if (index >= 0)
            {
                var line = Encoding.Latin1.GetString(buffer, start, index);
                start += index + 2;
                return line;
            }

            if (!await FillAsync(cancellationToken))
            {
                throw new EndOfStreamException("The client closed the connection inside a chunked body.");
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = Math.Min(count, end - start);
        buffer.AsSpan(start, filled).CopyTo(result);
        start += filled;
        if (filled < count)
        {
            await stream.ReadExactlyAsync(result.AsMemory(filled), cancellationToken);
        }

        return result;
    }

    private int IndexOfBlankLine()
    {
        var index = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8);
        return index < 0 ? -1 : start + index;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new InvalidDataException("The request head is larger than 64 KB.");
        }

        var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
        end += read;
        return read > 0;
    }
}

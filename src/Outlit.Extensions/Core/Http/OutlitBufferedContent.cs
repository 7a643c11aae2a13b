using System.Buffers;
using System.IO.Compression;
using System.Net;

namespace Outlit;

/// <summary>
/// A response body read in full, asynchronously, into pooled chunks of at most <see cref="ChunkSize"/> bytes
/// (below the large-object heap), with a cap on its size after decompression. Reading it afterwards is a memory
/// copy: the deserializer never blocks a thread on the network, and a stalled or endless body is ended by the
/// attempt's timeout or the cap while it is being read.
/// </summary>
internal sealed class OutlitBufferedContent : HttpContent
{
    public const int ChunkSize = 32 * 1024;

    private readonly List<byte[]> chunks;
    private readonly long length;
    private int disposed;

    private OutlitBufferedContent(List<byte[]> chunks, long length)
    {
        this.chunks = chunks;
        this.length = length;
    }

    /// <summary>The number of bytes held.</summary>
    public long Length => length;

    /// <summary>
    /// Reads <paramref name="content"/> to its end. A body still compressed (the transport did not decompress it) is
    /// decompressed here, so the cap applies to what would be held, whatever the transport.
    /// </summary>
    /// <exception cref="OutlitResponseTooLargeException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<OutlitBufferedContent> ReadAsync(HttpContent content, long maxBytes, int status, CancellationToken cancellationToken)
    {
        var encoding = content.Headers.ContentEncoding.LastOrDefault();
        var declared = content.Headers.ContentLength;
        if (encoding is null && declared > maxBytes)
        {
            throw new OutlitResponseTooLargeException(status, maxBytes, declared);
        }

        var chunks = new List<byte[]>();
        long total = 0;
        try
        {
            var network = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using var stream = Decompress(network, encoding);
            while (true)
            {
                var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                chunks.Add(chunk);
                var filled = 0;
                while (filled < ChunkSize)
                {
                    var read = await stream.ReadAsync(chunk.AsMemory(filled, ChunkSize - filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    filled += read;
                    total += read;
                    if (total > maxBytes)
                    {
                        throw new OutlitResponseTooLargeException(status, maxBytes, declared);
                    }
                }

                if (filled < ChunkSize)
                {
                    var result = new OutlitBufferedContent(chunks, total);
                    foreach (var header in content.Headers)
                    {
                        // The bytes held are decompressed and complete: their length replaces the transport's.
                        if (header.Key is not ("Content-Encoding" or "Content-Length") || encoding is null)
                        {
                            result.Headers.TryAddWithoutValidation(header.Key, header.Value);
                        }
                    }

                    result.Headers.ContentLength = total;
                    return result;
                }
            }
        }
        catch
        {
            Return(chunks);
            throw;
        }
    }

    /// <summary>A fresh read-only stream over the bytes held.</summary>
    public Stream OpenRead() => new ChunkStream(this);

    /// <summary>The first <paramref name="count"/> bytes held (all of them when the body is shorter).</summary>
    public byte[] Head(int count)
    {
        var head = new byte[(int)Math.Min(count, length)];
        using var stream = OpenRead();
        stream.ReadExactly(head);
        return head;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var remaining = length;
        foreach (var chunk in chunks)
        {
            var take = (int)Math.Min(ChunkSize, remaining);
            if (take <= 0)
            {
                break;
            }

            await stream.WriteAsync(chunk.AsMemory(0, take), cancellationToken).ConfigureAwait(false);
            remaining -= take;
        }
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(OpenRead());

    protected override bool TryComputeLength(out long computed)
    {
        computed = length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Return(chunks);
        }

        base.Dispose(disposing);
    }

    private static void Return(List<byte[]> chunks)
    {
        foreach (var chunk in chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        chunks.Clear();
    }

    private static Stream Decompress(Stream stream, string? encoding) => encoding?.Trim().ToLowerInvariant() switch
    {
        "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
        "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
        "br" => new BrotliStream(stream, CompressionMode.Decompress),
        _ => stream,
    };

    /// <summary>Reads the chunks in order; seekable, so a reader can be restarted from the beginning.</summary>
    private sealed class ChunkStream(OutlitBufferedContent owner) : Stream
    {
        private long position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => owner.length;

        public override long Position
        {
            get => position;
            set => position = Math.Clamp(value, 0, owner.length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(owner.disposed != 0, typeof(OutlitBufferedContent));
            var copied = 0;
            while (copied < buffer.Length && position < owner.length)
            {
                var chunk = owner.chunks[(int)(position / ChunkSize)];
                var offset = (int)(position % ChunkSize);
                var take = (int)Math.Min(Math.Min(ChunkSize - offset, owner.length - position), buffer.Length - copied);
                chunk.AsSpan(offset, take).CopyTo(buffer[copied..]);
                copied += take;
                position += take;
            }

            return copied;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => owner.length + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// The innermost stage above the transport: reads every response body in full within the attempt (so the
/// attempt and total timeouts cover the body) and within <see cref="OutlitPipelineOptions.MaxResponseBytes"/>.
/// </summary>
internal sealed class OutlitResponseBufferingHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is null or OutlitBufferedContent)
        {
            return response;
        }

        try
        {
            var original = response.Content;
            response.Content = await OutlitBufferedContent.ReadAsync(original, maxBytes, (int)response.StatusCode, cancellationToken).ConfigureAwait(false);
            original.Dispose();
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

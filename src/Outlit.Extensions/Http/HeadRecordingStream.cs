using System.Buffers;
using System.Text;

namespace Outlit;

/// <summary>
/// A read-only pass-through over a response stream that keeps a copy of the first bytes read, so a body
/// that fails to deserialize can still be quoted (redacted, shortened) in the error without buffering it.
/// </summary>
internal sealed class HeadRecordingStream(Stream inner) : Stream
{
    // OutlitRedactor.Snippet looks at most 4 x 300 characters.
    private const int Capacity = 1200;

    private byte[]? head = ArrayPool<byte>.Shared.Rent(Capacity);
    private int recorded;

    /// <summary>The first bytes of the body as text (a character cut at the end is replaced, which a snippet tolerates).</summary>
    public string Head => head is null ? "" : Encoding.UTF8.GetString(head, 0, recorded);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Record(buffer[..n]);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Record(buffer.Span[..n]);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // The response stream belongs to the response; only the borrowed buffer is released here.
        if (disposing && head is { } rented)
        {
            head = null;
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    private void Record(ReadOnlySpan<byte> read)
    {
        if (head is not null && recorded < Capacity && read.Length > 0)
        {
            var take = Math.Min(Capacity - recorded, read.Length);
            read[..take].CopyTo(head.AsSpan(recorded));
            recorded += take;
        }
    }
}

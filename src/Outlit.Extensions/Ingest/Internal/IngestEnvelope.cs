using System.Text;
using Newtonsoft.Json;

namespace Outlit.Ingest;

/// <summary>
/// The payload fields around the <c>events</c> array, pre-serialized once so a request body is
/// <c>prefix + e1 + "," + e2 + ... + suffix</c> and its size is known before it is built.
/// </summary>
internal sealed class IngestEnvelope
{
    private static readonly byte[] Suffix = "]}"u8.ToArray();

    private readonly byte[] prefix;

    private IngestEnvelope(byte[] prefix) => this.prefix = prefix;

    /// <summary>Bytes of a body with zero events.</summary>
    public int OverheadBytes => prefix.Length + Suffix.Length;

    /// <summary>Builds the envelope for the given payload-level fields (null ones are left out).</summary>
    public static IngestEnvelope Create(JsonSerializer serializer, string? source, string? visitorId, object? userIdentity, object? customerIdentity, IDictionary<string, object>? extra = null)
    {
        var text = new StringBuilder();
        // The object and array stay open: the events and the closing "]}" are appended per request.
        using (var writer = new JsonTextWriter(new StringWriter(text)) { Formatting = Formatting.None, AutoCompleteOnClose = false })
        {
            writer.WriteStartObject();
            if (source is not null)
            {
                writer.WritePropertyName("source");
                writer.WriteValue(source);
            }

            if (visitorId is not null)
            {
                writer.WritePropertyName("visitorId");
                writer.WriteValue(visitorId);
            }

            if (userIdentity is not null)
            {
                writer.WritePropertyName("userIdentity");
                serializer.Serialize(writer, userIdentity);
            }

            if (customerIdentity is not null)
            {
                writer.WritePropertyName("customerIdentity");
                serializer.Serialize(writer, customerIdentity);
            }

            if (extra is not null)
            {
                foreach (var (name, value) in extra)
                {
                    if (name != "events")
                    {
                        writer.WritePropertyName(name);
                        serializer.Serialize(writer, value);
                    }
                }
            }

            writer.WritePropertyName("events");
            writer.WriteStartArray();
            writer.Flush();
        }

        return new IngestEnvelope(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>Exact body size for a batch whose events total <paramref name="eventBytes"/> bytes.</summary>
    public long BodySize(int eventCount, long eventBytes) =>
        OverheadBytes + eventBytes + Math.Max(0, eventCount - 1);

    /// <summary>Builds the body for <paramref name="events"/>; its length equals <see cref="BodySize"/>.</summary>
    public byte[] BuildBody(IReadOnlyList<EncodedEvent> events)
    {
        long eventBytes = 0;
        foreach (var e in events)
        {
            eventBytes += e.Json.Length;
        }

        var body = new byte[checked((int)BodySize(events.Count, eventBytes))];
        var span = body.AsSpan();
        prefix.CopyTo(span);
        var at = prefix.Length;
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            events[i].Json.CopyTo(span[at..]);
            at += events[i].Json.Length;
        }

        Suffix.CopyTo(span[at..]);
        return body;
    }
}

using System.Text;
using Outlit.Ingest;

namespace Outlit.Tests.Ingest;

/// <summary>Builds raw test events and fast client settings shared by the ingest tests.</summary>
internal static class IngestTestSupport
{
    public const string PublicKey = "pk_test_4f9a2c";

    /// <summary>Client settings for tests: the documented limits, retries with zero delay.</summary>
    public static OutlitIngestClientOptions FastRetries(Uri baseAddress, int maxRetries = 5) => new()
    {
        BaseUrl = baseAddress,
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.Zero,
        MaxDelay = TimeSpan.FromSeconds(2),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A custom event whose <c>properties.seq</c> identifies it, optionally padded to grow its size.</summary>
    public static string CustomJson(long seq, int padding = 0, string name = "test_event") =>
        $"{{\"type\":\"custom\",\"timestamp\":1764000000000,\"eventName\":\"{name}\",\"properties\":{{\"seq\":{seq}" +
        (padding > 0 ? $",\"pad\":\"{new string('x', padding)}\"" : "") + "}}";

    /// <summary>The typed counterpart of <see cref="CustomJson"/>.</summary>
    public static CustomEvent Custom(long seq, int padding = 0, string name = "test_event")
    {
        var properties = new Dictionary<string, object?> { ["seq"] = seq };
        if (padding > 0)
        {
            properties["pad"] = new string('x', padding);
        }

        return CustomEvent.Create(name, properties, timestamp: DateTimeOffset.FromUnixTimeMilliseconds(1764000000000));
    }

    /// <summary>A raw event for the internal send path; the placeholder source is what failures hand back.</summary>
    public static EncodedEvent Encoded(long index, string json) => new(index, Encoding.UTF8.GetBytes(json), new CustomEvent { EventName = "raw" });

    public static List<EncodedEvent> Events(int count, Func<int, int>? padding = null) =>
        Enumerable.Range(0, count).Select(i => Encoded(i, CustomJson(i, padding?.Invoke(i) ?? 0))).ToList();

    public static long Seq(Newtonsoft.Json.Linq.JObject e) => (long)e["properties"]!["seq"]!;
}

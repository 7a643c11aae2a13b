namespace Outlit.Ingest;

/// <summary>One step of a send plan: either a batch that fits the limits or an event that never can.</summary>
internal readonly record struct PlannedBatch(IReadOnlyList<EncodedEvent>? Events, EncodedEvent? Oversized);

/// <summary>
/// Cuts a stream of encoded events into request-sized batches, in order, greedily filling each
/// batch up to the event-count limit and the byte limit of the exact body that will be sent.
/// </summary>
internal static class IngestBatchPlanner
{
    public static IEnumerable<PlannedBatch> Plan(IEnumerable<EncodedEvent> events, IngestEnvelope envelope, int maxEvents, int maxBytes)
    {
        var batch = new List<EncodedEvent>(maxEvents);
        long batchEventBytes = 0;
        foreach (var e in events)
        {
            if (envelope.BodySize(1, e.Json.Length) > maxBytes)
            {
                // An event that alone breaks the limit is reported on its own; the batch being
                // filled is unaffected so ordering of the sendable events is kept.
                yield return new PlannedBatch(null, e);
                continue;
            }

            if (batch.Count == maxEvents || envelope.BodySize(batch.Count + 1, batchEventBytes + e.Json.Length) > maxBytes)
            {
                yield return new PlannedBatch(batch, null);
                batch = new List<EncodedEvent>(maxEvents);
                batchEventBytes = 0;
            }

            batch.Add(e);
            batchEventBytes += e.Json.Length;
        }

        if (batch.Count > 0)
        {
            yield return new PlannedBatch(batch, null);
        }
    }
}

namespace Outlit.Ingest;

/// <summary>
/// One event already serialized to the exact UTF-8 bytes that go on the wire.
/// Serializing once, up front, is what lets batches be sized by the bytes actually sent.
/// </summary>
/// <param name="Index">Position of the event in the caller's input (or its queue sequence number).</param>
/// <param name="Json">The event's JSON object as UTF-8.</param>
/// <param name="Source">The caller's event object, handed back when the event is reported as failed.</param>
internal readonly record struct EncodedEvent(long Index, byte[] Json, IngestEvent Source);

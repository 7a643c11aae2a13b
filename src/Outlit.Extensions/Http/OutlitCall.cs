using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// Shared plumbing of the area wrappers: runs a generated-client call under its operation label and turns
/// what the generated code throws into the client's exceptions, and reads raw bodies into generated types.
/// </summary>
internal sealed class OutlitCall
{
    // StreamReader's default; a larger buffer costs more per call (bytes plus twice as many in chars) than it saves.
    private const int ReadBufferSize = 1024;

    // StreamReader's smallest buffer.
    private const int MinReadBufferSize = 128;

    internal OutlitCall(OutlitClientSettings settings, OutlitApiClient api, OutlitRawTransport transport)
    {
        Settings = settings;
        Api = api;
        Transport = transport;
        Writer = OutlitJson.ForWriting(api.SerializerSettings);
        Reader = OutlitJson.ForReading(api.SerializerSettings);
    }

    internal OutlitClientSettings Settings { get; }

    internal OutlitApiClient Api { get; }

    internal OutlitRawTransport Transport { get; }

    internal JsonSerializer Writer { get; }

    internal JsonSerializer Reader { get; }

    internal async Task<T> GeneratedAsync<T>(string operation, bool idempotent, Func<IOutlitApiClient, Task<T>> call, int? passThroughStatus = null)
    {
        using (OutlitCallInfo.Begin(operation, idempotent, passThroughStatus))
        {
            try
            {
                return await call(Api).ConfigureAwait(false);
            }
            catch (ApiException ex) when (passThroughStatus is null || ex.StatusCode != passThroughStatus)
            {
                throw Translate(ex, operation);
            }
        }
    }

    internal OutlitException Translate(ApiException exception, string operation) =>
        OutlitErrorParser.FromApiException(exception, operation, Settings.ApiKey, Settings.TimeProvider.GetUtcNow());

    /// <summary>Reads a success body into a generated type; a body of another shape is a typed error, not a crash.</summary>
    internal T Read<T>(string body, string operation)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(body));
            var value = Reader.Deserialize<T>(reader);
            return value ?? throw new OutlitResponseFormatException($"The Outlit response to {operation} was empty or null.");
        }
        catch (JsonException ex)
        {
            throw new OutlitResponseFormatException(
                $"The Outlit response to {operation} does not have the documented shape: {OutlitRedactor.Redact(ex.Message, Settings.ApiKey)} Body starts: {OutlitRedactor.Snippet(body, Settings.ApiKey) ?? "(empty)"}",
                // No inner exception: JSON errors quote values of the body, which are not redacted there.
                innerException: null);
        }
    }

    /// <summary>
    /// Reads a success body into a generated type as it streams in. Only the first bytes are kept, for the
    /// snippet of a format error; the body itself is never held whole.
    /// </summary>
    internal T Read<T>(Stream body, string operation, long? length = null)
    {
        using var head = new HeadRecordingStream(body);
        try
        {
            using var text = new StreamReader(head, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: ReadBufferFor(length), leaveOpen: true);
            using var reader = new JsonTextReader(text) { ArrayPool = OutlitJsonCharPool.Instance };
            var value = Reader.Deserialize<T>(reader);
            return value ?? throw new OutlitResponseFormatException($"The Outlit response to {operation} was empty or null.");
        }
        catch (JsonException ex)
        {
            throw new OutlitResponseFormatException(
                $"The Outlit response to {operation} does not have the documented shape: {OutlitRedactor.Redact(ex.Message, Settings.ApiKey)} Body starts: {OutlitRedactor.Snippet(head.Head, Settings.ApiKey) ?? "(empty)"}",
                // No inner exception: JSON errors quote values of the body, which are not redacted there.
                innerException: null);
        }
    }

    /// <summary>A body known to be small (a connect answer, a short tool result) gets a buffer of its own size.</summary>
    private static int ReadBufferFor(long? length) =>
        length is { } n && n < ReadBufferSize ? (int)Math.Max(MinReadBufferSize, n) : ReadBufferSize;

    /// <summary>Reads a streamed success body as a JSON object.</summary>
    internal JObject ReadObject(Stream body, string operation, long? length = null)
    {
        using var head = new HeadRecordingStream(body);
        JObject? json;
        try
        {
            using var text = new StreamReader(head, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: ReadBufferFor(length), leaveOpen: true);
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, ArrayPool = OutlitJsonCharPool.Instance };
            json = JToken.ReadFrom(reader) as JObject;
        }
        catch (JsonException)
        {
            json = null;
        }

        return json ?? throw new OutlitResponseFormatException($"The Outlit response to {operation} is not a JSON object. Body starts: {OutlitRedactor.Snippet(head.Head, Settings.ApiKey) ?? "(empty)"}");
    }

    /// <summary>Reads a success body as a JSON object.</summary>
    internal JObject ReadObject(string body, string operation) =>
        OutlitErrorParser.TryParseObject(body)
        ?? throw new OutlitResponseFormatException($"The Outlit response to {operation} is not a JSON object. Body starts: {OutlitRedactor.Snippet(body, Settings.ApiKey) ?? "(empty)"}");

    /// <summary>Turns a caller's value (a generated input, a dictionary, an anonymous object, a JObject) into a JSON object.</summary>
    internal JObject ToObject(object? value, string parameterName)
    {
        if (value is null)
        {
            return new JObject();
        }

        JToken token;
        try
        {
            token = value as JToken ?? JToken.FromObject(value, Writer);
        }
        catch (JsonSerializationException ex)
        {
            // Typically a required input field left null: say so before any request is sent.
            throw new ArgumentException($"The value cannot be sent: {ex.Message}", parameterName, ex);
        }

        return token as JObject ?? throw new ArgumentException("Expected a value that serializes to a JSON object.", parameterName);
    }

    internal string Serialize(JToken token)
    {
        using var text = new StringWriter(new StringBuilder(256), System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None, ArrayPool = OutlitJsonCharPool.Instance })
        {
            token.WriteTo(writer);
        }

        return text.ToString();
    }
}

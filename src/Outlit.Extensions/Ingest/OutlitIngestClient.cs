using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Outlit.Ingest;

namespace Outlit;

/// <summary>
/// Sends events to the Outlit Ingest API (<c>POST /api/i/v1/{publicKey}/events</c>).
/// </summary>
/// <remarks>
/// The client is identified only by the public key in the URL: it holds no Platform API key and
/// sends no <c>Authorization</c> header. Any number of events is split into requests of at most
/// 100 events and 1 MB (measured on the exact bytes sent), in order; requests are paced under
/// 100 per second and retried on 429, 5xx and network failures. The client is thread-safe and
/// meant to be long-lived.
/// </remarks>
public sealed partial class OutlitIngestClient : IDisposable
{


    private readonly OutlitHttpPipeline pipeline;
    private readonly OutlitIngestApi api;
    private readonly IngestPacer pacer;
    private readonly JsonSerializer serializer;
    private readonly int maxEvents;
    private readonly int maxBytes;
    private readonly TimeProvider time;

    /// <summary>Creates a client with its own HTTP connection pool.</summary>
    /// <param name="publicKey">The organization's public key (starts with <c>pk_</c>).</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="ArgumentException">The public key is missing or malformed.</exception>
    public OutlitIngestClient(string publicKey, OutlitIngestClientOptions? options = null)
        : this(publicKey, null, options, TimeProvider.System)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/> (for example one from <c>IHttpClientFactory</c>).</summary>
    /// <param name="publicKey">The organization's public key (starts with <c>pk_</c>).</param>
    /// <param name="httpClient">The HTTP client to use; it is not disposed by this client and must not carry an <c>Authorization</c> header.</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="ArgumentException">The public key is malformed, or the HTTP client carries credentials.</exception>
    public OutlitIngestClient(string publicKey, HttpClient httpClient, OutlitIngestClientOptions? options = null)
        : this(publicKey, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), options, TimeProvider.System)
    {
    }

    internal OutlitIngestClient(string publicKey, HttpClient? httpClient, OutlitIngestClientOptions? options, TimeProvider time)
    {
        ValidatePublicKey(publicKey);
        options ??= new OutlitIngestClientOptions();
        options.ValidateIngestLimits();
        if (httpClient?.DefaultRequestHeaders.Authorization is not null)
        {
            // Ingest is authenticated by the public key alone; a shared client with a bearer token
            // would leak the Platform API key to an endpoint that must not receive it.
            throw new ArgumentException("The HttpClient has a default Authorization header; the Ingest API takes only the public key, so give it a client without credentials.", nameof(httpClient));
        }

        PublicKey = publicKey;
        var settings = OutlitPipelineSettings.Resolve(options, [], "Outlit.Ingest", httpClient, time, retriesAfterLongWaits: true);
        this.time = settings.TimeProvider;
        maxEvents = options.MaxEventsPerRequest;
        maxBytes = options.MaxRequestBytes;
        serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            DateParseHandling = DateParseHandling.None,
            ContractResolver = IngestContractResolver.Instance,
        });
        pacer = new IngestPacer(options.RequestsPerSecond, settings.MaxRetryAfter, settings.TimeProvider);
        var http = OutlitPipelineBuilder.CreateHttpClient(settings, [new OutlitStripCredentialsHandler(), new IngestPacingHandler(pacer)]);
        pipeline = new OutlitHttpPipeline(http, ownsHttp: true, settings, nameof(OutlitIngestClient), pacer);
        api = new OutlitIngestApi(pipeline);
        using var probe = api.CreateIngestEventsRequest(publicKey, new EncodedIngestEventsRequest([]));
        Endpoint = probe.RequestUri!;
    }

    /// <summary>The public key events are sent under.</summary>
    public string PublicKey { get; }

    /// <summary>The endpoint events are posted to, as the contract's ingest operation builds it.</summary>
    public Uri Endpoint { get; }

    /// <summary>The rate-limit state from the server's most recent response, or null before the first response.</summary>
    public IngestRateLimitInfo? RateLimit => pacer.Last;

    /// <summary>
    /// The generated Ingest API client on this client's request path (pacing, retries, timeouts, typed errors). It
    /// sends no <c>Authorization</c> header: the public key in the path identifies the organization.
    /// </summary>
    public IOutlitIngestApi Api => api;

    internal int MaxRequestBytes => maxBytes;

    /// <summary>Checks that <paramref name="publicKey"/> looks like an Outlit public key.</summary>
    /// <param name="publicKey">The key to check.</param>
    /// <exception cref="ArgumentException">The key is missing or does not start with <c>pk_</c>.</exception>
    public static void ValidatePublicKey(string publicKey)
    {
        // Messages never repeat the value: a Platform API key pasted here by mistake is a secret.
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            throw new ArgumentException("An Outlit public key is required (it starts with 'pk_').", nameof(publicKey));
        }

        if (!publicKey.StartsWith(IngestLimits.PublicKeyPrefix, StringComparison.Ordinal))
        {
            var hint = publicKey.StartsWith("ok_", StringComparison.Ordinal)
                ? " The value given is a Platform API key (ok_...), which is secret and is never sent to the Ingest API."
                : "";
            throw new ArgumentException($"An Outlit public key starts with 'pk_'; the value given does not.{hint}", nameof(publicKey));
        }

        if (publicKey.Length == IngestLimits.PublicKeyPrefix.Length || publicKey.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '%' or '\\'))
        {
            throw new ArgumentException("An Outlit public key is 'pk_' followed by letters, digits, '-' or '_'; the value given is not.", nameof(publicKey));
        }
    }

    /// <summary>
    /// Sends any number of events as server-side events (<c>source: "server"</c>), split into
    /// requests within the documented limits and in order.
    /// </summary>
    /// <param name="events">The events. One missing a timestamp gets the current time; one with a URL but no path gets the URL's path.</param>
    /// <param name="cancellationToken">Stops sending; events not yet accepted are not reported.</param>
    /// <returns>
    /// Which events were accepted and which were not, with reasons. It does not throw for events the server refused: see
    /// <see cref="IngestResult.EnsureSuccess"/>. When the client is disposed during the call, the call still returns: the
    /// request then in flight is reported as <see cref="IngestFailureReason.OutcomeUnknown"/> (the server may have stored
    /// it) and the events not yet sent as <see cref="IngestFailureReason.NotSent"/>.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The client was disposed before the call.</exception>
    public Task<IngestResult> SendAsync(IEnumerable<IngestEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfDisposed();
        return SendTypedAsync(CreateEnvelope(IngestEventsRequestSource.Server.ToString(), null, null, null), events, cancellationToken);
    }

    /// <summary>
    /// Sends a request built by the caller: its <c>source</c>, <c>visitorId</c>, <c>userIdentity</c> and
    /// <c>customerIdentity</c> go with every request, and its events (any number) are split within the
    /// documented limits, in order.
    /// </summary>
    /// <param name="request">The payload to send.</param>
    /// <param name="cancellationToken">Stops sending; events not yet accepted are not reported.</param>
    /// <returns>Which events were accepted and which were not, with reasons (a disposal during the call as for <see cref="SendAsync(IEnumerable{IngestEvent}, CancellationToken)"/>).</returns>
    /// <exception cref="ObjectDisposedException">The client was disposed before the call.</exception>
    public Task<IngestResult> SendAsync(IngestEventsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfDisposed();
        var envelope = IngestEnvelope.Create(
            serializer,
            request.Source?.ToString(),
            request.VisitorId?.ToString("D"),
            request.UserIdentity,
            request.CustomerIdentity,
            request.AdditionalProperties);
        return SendTypedAsync(envelope, request.Events ?? [], cancellationToken);
    }

    private Task<IngestResult> SendTypedAsync(IngestEnvelope envelope, IEnumerable<IngestEvent> events, CancellationToken cancellationToken)
    {
        var invalid = new List<IngestEventFailure>();
        return SendEncodedAsync(envelope, EncodeAll(), cancellationToken, invalid);

        // Encoded lazily, a request's worth at a time in one serializer pass, so memory holds one batch of serialized
        // events at a time, not the whole input.
        IEnumerable<EncodedEvent> EncodeAll()
        {
            long index = 0;
            var chunk = new List<(long Position, IngestEvent Event)>(maxEvents);
            foreach (var @event in events)
            {
                var position = index++;
                if (@event is null)
                {
                    invalid.Add(new IngestEventFailure(position, @event!, IngestFailureReason.Invalid, "The event is null.", null, [], null));
                    continue;
                }

                chunk.Add((position, @event));
                if (chunk.Count == maxEvents)
                {
                    foreach (var encoded in EncodeChunk(chunk, invalid))
                    {
                        yield return encoded;
                    }

                    chunk.Clear();
                }
            }

            foreach (var encoded in EncodeChunk(chunk, invalid))
            {
                yield return encoded;
            }
        }
    }

    /// <summary>
    /// Encodes events in one serializer pass; when one of them cannot be serialized, each is encoded on its own so only
    /// that one is reported invalid.
    /// </summary>
    internal List<EncodedEvent> EncodeChunk(List<(long Position, IngestEvent Event)> chunk, List<IngestEventFailure> invalid)
    {
        var encoded = new List<EncodedEvent>(chunk.Count);
        if (chunk.Count == 0)
        {
            return encoded;
        }

        byte[][]? each = null;
        try
        {
            var values = new object[chunk.Count];
            for (var i = 0; i < chunk.Count; i++)
            {
                chunk[i].Event.FillDefaults(time);
                values[i] = chunk[i].Event;
            }

            each = OutlitUtf8Writer.SerializeEach(serializer, values);
        }
        catch (JsonException)
        {
            // One of them does not serialize: found below, one by one.
        }

        for (var i = 0; i < chunk.Count; i++)
        {
            var (position, @event) = chunk[i];
            if (each is not null)
            {
                encoded.Add(new EncodedEvent(position, each[i], @event));
            }
            else if (TryEncode(@event, out var json, out var error))
            {
                encoded.Add(new EncodedEvent(position, json, @event));
            }
            else
            {
                invalid.Add(new IngestEventFailure(position, @event, IngestFailureReason.Invalid, error, null, [], null));
            }
        }

        return encoded;
    }

    /// <summary>Fills the event's defaults and serializes it; false (with a reason) for a null or unserializable event.</summary>
    internal bool TryEncode(IngestEvent? @event, out byte[] json, out string error)
    {
        json = [];
        if (@event is null)
        {
            error = "The event is null.";
            return false;
        }

        try
        {
            @event.FillDefaults(time);
            json = Encode(@event);
            error = "";
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The event could not be serialized: {ex.Message}";
            return false;
        }
    }

    /// <summary>The serializer events are encoded with (tests compare its passes).</summary>
    internal JsonSerializer EventSerializer => serializer;

    /// <summary>Serializes one event to the UTF-8 bytes that will be sent.</summary>
    internal byte[] Encode(object @event) => OutlitUtf8Writer.Serialize(serializer, @event);

    internal IngestEnvelope CreateEnvelope(string? source, string? visitorId, object? userIdentity, object? customerIdentity) =>
        IngestEnvelope.Create(serializer, source, visitorId, userIdentity, customerIdentity);

    /// <summary>
    /// Sends already-encoded events in order, splitting them by the limits. Oversized events and
    /// events the server rejects individually are reported without holding back the others.
    /// </summary>
    /// <param name="envelope">What goes with every request.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <param name="failures">Failures found before sending (invalid events), to report with the rest.</param>
    /// <param name="reportWhenStopped">
    /// What <paramref name="cancellationToken"/> does: false (the public calls) ends the call with
    /// <see cref="OperationCanceledException"/>; true (the tracker, whose token is its disposal) reports what was in
    /// flight and what was not sent, as a disposal of the client always does.
    /// </param>
    internal async Task<IngestResult> SendEncodedAsync(IngestEnvelope envelope, IEnumerable<EncodedEvent> events, CancellationToken cancellationToken, List<IngestEventFailure>? failures = null, bool reportWhenStopped = false)
    {
        var accepted = new List<long>();
        var processed = new System.Runtime.CompilerServices.StrongBox<long?>();
        failures ??= [];
        var requests = 0;
        var stopped = false;
        foreach (var planned in IngestBatchPlanner.Plan(events, envelope, maxEvents, maxBytes))
        {
            if (planned.Oversized is { } big)
            {
                var size = envelope.BodySize(1, big.Json.Length);
                failures.Add(new IngestEventFailure(big.Index, big.Source, IngestFailureReason.TooLarge,
                    $"The event needs a {size:N0}-byte request, over the {maxBytes:N0}-byte limit; it was not sent.", null, [], null));
                continue;
            }

            stopped = stopped || IsStopped(cancellationToken, reportWhenStopped);
            if (stopped)
            {
                AddNotSent(planned.Events!, failures);
                continue;
            }

            var (sentRequests, stoppedNow) = await SendBatchAsync(envelope, planned.Events!, accepted, failures, processed, cancellationToken, reportWhenStopped).ConfigureAwait(false);
            requests += sentRequests;
            stopped = stoppedNow;
        }

        failures.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new IngestResult(accepted, failures, requests, processed.Value);
    }

    /// <summary>True when sending must stop and report instead of going on: the client was disposed, or the tracker is stopping.</summary>
    private bool IsStopped(CancellationToken cancellationToken, bool reportWhenStopped) =>
        pipeline.IsDisposed || (reportWhenStopped && cancellationToken.IsCancellationRequested);

    private static void AddNotSent(IEnumerable<EncodedEvent> events, List<IngestEventFailure> failures)
    {
        foreach (var e in events)
        {
            failures.Add(new IngestEventFailure(e.Index, e.Source, IngestFailureReason.NotSent, NotSentMessage, null, [], null));
        }
    }

    private const string NotSentMessage = "Sending stopped (the tracker or the ingest client was disposed) before the event was sent.";

    private const string OutcomeUnknownMessage =
        "The request was in flight when sending stopped (the tracker or the ingest client was disposed): the server may have stored the event, so queueing it again may duplicate it.";

    private async Task<(int Requests, bool Stopped)> SendBatchAsync(IngestEnvelope envelope, IReadOnlyList<EncodedEvent> batch, List<long> accepted, List<IngestEventFailure> failures, System.Runtime.CompilerServices.StrongBox<long?> processed, CancellationToken cancellationToken, bool reportWhenStopped)
    {
        var requests = 0;
        var pending = batch;
        while (pending.Count > 0)
        {
            if (IsStopped(cancellationToken, reportWhenStopped))
            {
                AddNotSent(pending, failures);
                return (requests, true);
            }

            var outcome = await SendRequestAsync(envelope.BuildBody(pending), cancellationToken, reportWhenStopped).ConfigureAwait(false);
            requests += outcome.Attempts;
            if (outcome.Succeeded)
            {
                processed.Value = outcome.Processed is { } count ? (processed.Value ?? 0) + count : processed.Value;
                // A partial answer (207) names the events it did not store; the others were stored and are not sent again.
                var notStored = outcome.PartialErrors;
                var placed = notStored?.Keys.Count(i => i >= 0 && i < pending.Count) ?? 0;
                var unplaced = notStored?.Where(p => p.Key < 0 || p.Key >= pending.Count).SelectMany(p => p.Value).ToList() ?? [];
                // Failures without a position, and fewer events stored than the rest: which were stored is unknown, so
                // none of the rest is presented as stored.
                var ambiguous = unplaced.Count > 0 && outcome.Processed is { } stored && stored < pending.Count - placed;
                for (var i = 0; i < pending.Count; i++)
                {
                    var e = pending[i];
                    if (notStored?.TryGetValue(i, out var issues) == true)
                    {
                        failures.Add(new IngestEventFailure(e.Index, e.Source, IngestFailureReason.Rejected, string.Join("; ", issues.Select(x => x.Message)), 207, issues, null));
                    }
                    else if (ambiguous)
                    {
                        failures.Add(new IngestEventFailure(e.Index, e.Source, IngestFailureReason.Rejected, string.Join("; ", unplaced.Select(x => x.Message)), 207, unplaced, null, mayHaveBeenStored: true));
                    }
                    else
                    {
                        accepted.Add(e.Index);
                    }
                }

                return (requests, false);
            }

            if (outcome.Stopped)
            {
                // In flight when sending stopped: only a request that may have reached the server is "may have been stored".
                var (reason, message) = outcome.OutcomeUnknown
                    ? (IngestFailureReason.OutcomeUnknown, OutcomeUnknownMessage)
                    : (IngestFailureReason.NotSent, NotSentMessage);
                foreach (var e in pending)
                {
                    failures.Add(new IngestEventFailure(e.Index, e.Source, reason, message, null, [], null, outcome.OutcomeUnknown));
                }

                return (requests, true);
            }

            var rejected = outcome.StatusCode == 400 ? MapEventErrors(outcome.Errors, pending.Count) : null;
            if (rejected is null)
            {
                var reason = outcome.Transient ? IngestFailureReason.DeliveryFailed : IngestFailureReason.RequestRejected;
                var message = outcome.Message ?? "The request failed.";
                foreach (var e in pending)
                {
                    failures.Add(new IngestEventFailure(e.Index, e.Source, reason, message, outcome.StatusCode, [], outcome.Exception, outcome.OutcomeUnknown));
                }

                return (requests, false);
            }

            // The server refused the request because of specific events: report those and send
            // the rest again, so one bad event does not cost its neighbours. Each round removes at
            // least one event, so this ends.
            var remaining = new List<EncodedEvent>(pending.Count - rejected.Count);
            for (var i = 0; i < pending.Count; i++)
            {
                if (rejected.TryGetValue(i, out var issues))
                {
                    var text = string.Join("; ", issues.Select(x => x.Path.Count == 0 ? x.Message : $"{string.Join('.', x.Path)}: {x.Message}"));
                    failures.Add(new IngestEventFailure(pending[i].Index, pending[i].Source, IngestFailureReason.Rejected, text, 400, issues, null, outcome.OutcomeUnknown));
                }
                else
                {
                    remaining.Add(pending[i]);
                }
            }

            pending = remaining;
        }

        return (requests, false);
    }

    /// <summary>
    /// Maps a 400's <c>errors[].path</c> of the form <c>["events", i, ...]</c> to batch positions.
    /// Returns null unless every error points at an event of the batch: any other error concerns
    /// the request as a whole and resending part of it would not help.
    /// </summary>
    internal static Dictionary<int, List<IngestIssue>>? MapEventErrors(IReadOnlyList<IngestErrorItem> errors, int batchSize)
    {
        if (errors.Count == 0)
        {
            return null;
        }

        var map = new Dictionary<int, List<IngestIssue>>();
        foreach (var error in errors)
        {
            if (error.Path.Count < 2 || error.Path[0] is not "events" || error.Path[1] is not long index || index < 0 || index >= batchSize)
            {
                return null;
            }

            if (!map.TryGetValue((int)index, out var list))
            {
                map[(int)index] = list = [];
            }

            list.Add(new IngestIssue(error.Path.Skip(2).ToArray(), error.Message));
        }

        return map;
    }

    /// <summary>Sends one request body through the generated ingest operation and reports what became of it.</summary>
    private async Task<IngestAttemptOutcome> SendRequestAsync(byte[] body, CancellationToken cancellationToken, bool reportWhenStopped)
    {
        var context = new OutlitRequestContext();
        try
        {
            var answer = await api.IngestEventsAsync<Newtonsoft.Json.Linq.JToken>(PublicKey, new EncodedIngestEventsRequest(body), context, cancellationToken).ConfigureAwait(false);
            var (processed, notStored) = ReadAnswer(answer);
            return new IngestAttemptOutcome(200, null, [], null, context.Attempts) { Processed = processed, PartialErrors = notStored };
        }
        catch (Exception ex) when (IsStopped(cancellationToken, reportWhenStopped) && ex is OutlitException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped mid-request: whether the server stored the batch depends on whether an attempt had left.
            return new IngestAttemptOutcome(null, null, [], null, context.Attempts) { Stopped = true, OutcomeUnknown = context.OutcomeUnknown };
        }
        catch (OutlitException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (ex.Status == 0 || ex is OutlitTimeoutException or OutlitNetworkException)
            {
                return new IngestAttemptOutcome(null, $"The request failed after {context.Attempts} attempt(s): {ex.Message}", [], ex, context.Attempts) { OutcomeUnknown = context.OutcomeUnknown };
            }

            var errors = ex.Details.Select(d => new IngestErrorItem(d.Path.Select(PathSegment).ToArray(), d.Message)).ToList();
            return new IngestAttemptOutcome(ex.Status, ex.ServerMessage ?? $"HTTP {ex.Status}", errors, null, context.Attempts) { OutcomeUnknown = context.OutcomeUnknown };
        }
    }

    /// <summary>
    /// A 2xx answer read with the contract's generated outcome type: how many events were stored, and the events it says
    /// were not, by their position in the batch (entries it cannot pin on one event are kept under -1). An answer
    /// without the count (an older server's <c>{success: true}</c>) tells neither.
    /// </summary>
    private static (long? Processed, Dictionary<int, List<IngestIssue>>? NotStored) ReadAnswer(Newtonsoft.Json.Linq.JToken? answer)
    {
        if (answer is not Newtonsoft.Json.Linq.JObject body)
        {
            return (null, null);
        }

        IngestEventsOutcome outcome;
        try
        {
            outcome = OutlitJson.ToObject<IngestEventsOutcome>(body);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return (null, null);
        }

        var present = body.Properties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var details = ((IOutlitErrorBody)outcome).GetErrorFields(present).Details;
        if (details.Count == 0)
        {
            return (outcome.Processed, null);
        }

        // The generated issue roles name each event as [list, position]; anything else concerns the batch as a whole.
        var map = new Dictionary<int, List<IngestIssue>>();
        foreach (var detail in details)
        {
            var index = detail.Path.Count >= 2 && int.TryParse(detail.Path[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : -1;
            if (!map.TryGetValue(index, out var list))
            {
                map[index] = list = [];
            }

            list.Add(new IngestIssue([], detail.Message));
        }

        return (outcome.Processed, map);
    }

    /// <summary>Array positions in an error path are numbers; the rest are property names.</summary>
    private static object PathSegment(string segment) =>
        long.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : segment;

    /// <summary>
    /// Releases the connection pool. A send in progress returns at once: its request in flight is reported as
    /// <see cref="IngestFailureReason.OutcomeUnknown"/>, its events not yet sent as <see cref="IngestFailureReason.NotSent"/>.
    /// </summary>
    public void Dispose()
    {
        pipeline.Dispose();
        pacer.Dispose();
    }

    private void ThrowIfDisposed()
    {
        if (pipeline.IsDisposed)
        {
            throw new ObjectDisposedException(nameof(OutlitIngestClient), $"The {nameof(OutlitIngestClient)} has been disposed.");
        }
    }
}

/// <summary>A request body the ingest client encoded itself (it measures each batch on the exact bytes sent).</summary>
internal sealed class EncodedIngestEventsRequest(byte[] utf8) : IngestEventsRequest, IOutlitEncodedBody
{
    public ReadOnlyMemory<byte> Utf8Json => utf8;
}

/// <summary>A field problem from an Ingest error body, with array positions as numbers.</summary>
internal sealed record IngestErrorItem(IReadOnlyList<object> Path, string Message);

/// <summary>What became of one request after pacing and retries.</summary>
internal sealed record IngestAttemptOutcome(int? StatusCode, string? Message, IReadOnlyList<IngestErrorItem> Errors, Exception? Exception, int Attempts)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    /// <summary>True when sending stopped (disposal) before the request ended.</summary>
    public bool Stopped { get; init; }

    /// <summary>True when an attempt may have reached the server without an answer: the server may have stored the events.</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>The answer's count of stored events, when it gives one.</summary>
    public long? Processed { get; init; }

    /// <summary>For a partial answer (207): the events it did not store, by position in the batch (-1: no position).</summary>
    public Dictionary<int, List<IngestIssue>>? PartialErrors { get; init; }

    /// <summary>True when the failure is one retries could have fixed (network, timeout, 429, 5xx).</summary>
    public bool Transient => Exception is not null || StatusCode is 429 or >= 500;
}

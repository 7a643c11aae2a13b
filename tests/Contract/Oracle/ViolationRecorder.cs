using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>One request Prism answered, with the violations it reported for it.</summary>
/// <param name="Method">HTTP method sent.</param>
/// <param name="PathAndQuery">Path and query sent.</param>
/// <param name="Status">Status Prism answered with.</param>
/// <param name="Violations">Entries of the <c>sl-violations</c> header, as <c>location: message</c>.</param>
/// <param name="RequestBody">The request body as sent, if any.</param>
/// <param name="SentAuthorization">Whether an <c>Authorization</c> header was sent (its value is never kept).</param>
internal sealed record PrismExchange(string Method, string PathAndQuery, int Status, IReadOnlyList<string> Violations, string? RequestBody = null, bool SentAuthorization = false)
{
    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathAndQuery} answered {Status}" + (Violations.Count == 0 ? string.Empty : " violations: " + string.Join("; ", Violations));
}

/// <summary>
/// Sits in front of the transport to Prism, adds the per-call <c>Prefer</c> header a test asks for, and
/// records the <c>sl-violations</c> header of every response, which is where Prism reports how a request
/// broke the contract.
/// </summary>
internal sealed class ViolationRecorder : DelegatingHandler
{
    private static readonly ConcurrentQueue<PrismExchange> Everything = new();
    private readonly ConcurrentQueue<PrismExchange> _exchanges = new();

    public ViolationRecorder(HttpMessageHandler inner)
        : base(inner)
    {
    }

    /// <summary>Every request answered so far.</summary>
    public IReadOnlyList<PrismExchange> Exchanges => _exchanges.ToList();

    /// <summary>Every request answered through any recorder of this run, for comparison with Prism's own log.</summary>
    public static IReadOnlyList<PrismExchange> AllExchanges => Everything.ToList();

    /// <summary>The <c>Prefer</c> value sent with the next requests of the current async flow.</summary>
    public static AsyncLocal<string?> Prefer { get; } = new();

    /// <summary>Runs <paramref name="call"/> with <c>Prefer: code=…</c> (and an example name) on its requests.</summary>
    public static async Task<T> WithPreferAsync<T>(string? prefer, Func<Task<T>> call)
    {
        var previous = Prefer.Value;
        Prefer.Value = prefer;
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Prefer.Value = previous;
        }
    }

    /// <summary>The Prefer value asking Prism for a status and, optionally, a named example.</summary>
    public static string PreferValue(string status, string? example = null) =>
        example is null ? $"code={status}" : $"code={status}, example={example}";

    /// <summary>Parses an <c>sl-violations</c> header value (Prism prefixes a long list with "Too many violations! ").</summary>
    public static IReadOnlyList<string> ParseViolations(IEnumerable<string> headerValues) =>
        headerValues
            .Select(value => value.IndexOf('[', StringComparison.Ordinal) is var start and > 0 ? value[start..] : value)
            .SelectMany(value => JsonNode.Parse(value)?.AsArray() ?? [])
            .Select(v => $"{string.Join(".", v?["location"]?.AsArray().Select(l => l?.ToString()) ?? [])} [{v?["severity"]}]: {v?["message"]}")
            .ToList();

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Prefer.Value is { } prefer)
        {
            request.Headers.Remove("Prefer");
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        string? body = null;
        if (request.Content is not null)
        {
            // Buffered content can be read here and still be sent below.
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            body = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var violations = response.Headers.TryGetValues("sl-violations", out var values) ? ParseViolations(values) : [];
        var exchange = new PrismExchange(
            request.Method.Method,
            request.RequestUri?.PathAndQuery ?? string.Empty,
            (int)response.StatusCode,
            violations,
            body,
            request.Headers.Authorization is not null);
        _exchanges.Enqueue(exchange);
        Everything.Enqueue(exchange);
        return response;
    }
}

using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit.Benchmarks.Baselines;

/// <summary>The calls of the benchmark, written by hand against <see cref="HttpClient"/>.</summary>
public abstract class HandClient : IDisposable
{
    protected HandClient(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        Http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            BaseAddress = baseUrl,
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        Http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    protected HttpClient Http { get; }

    public Task<CustomerPage> ListCustomersAsync(int limit, string? cursor, CancellationToken cancellationToken = default) =>
        PostAsync<ToolRequest, CustomerPage>("api/tools/call", new ToolRequest { Tool = "outlit_list_customers", Input = new ToolInput { Limit = limit, Cursor = cursor } }, cancellationToken);

    public Task<CustomerDetail> GetCustomerAsync(string customer, CancellationToken cancellationToken = default) =>
        PostAsync<ToolRequest, CustomerDetail>("api/tools/call", new ToolRequest
        {
            Tool = "outlit_get_customer",
            Input = new ToolInput { Customer = customer, Include = ["users", "revenue", "recentTimeline", "behaviorMetrics"], Timeframe = "90d" },
        }, cancellationToken);

    public Task<QueryResult> QueryAsync(string sql, int limit, CancellationToken cancellationToken = default) =>
        PostAsync<ToolRequest, QueryResult>("api/tools/call", new ToolRequest { Tool = "outlit_query", Input = new ToolInput { Sql = sql, Limit = limit } }, cancellationToken);

    public Task<ConnectResponse> ConnectAsync(string provider, Dictionary<string, string>? config, CancellationToken cancellationToken = default) =>
        PostAsync<ConnectRequest, ConnectResponse>("api/integrations/connect", new ConnectRequest { Provider = provider, Config = config }, cancellationToken);

    public Task<IngestAck> SendEventsAsync(string publicKey, EventBatch batch, CancellationToken cancellationToken = default) =>
        PostAsync<EventBatch, IngestAck>($"api/i/v1/{publicKey}/events", batch, cancellationToken);

    public async IAsyncEnumerable<Customer> ListAllCustomersAsync(int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ListCustomersAsync(limit, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var customer in page.Items)
            {
                yield return customer;
            }

            if (page.Pagination is not { HasMore: true, NextCursor: { } next })
            {
                yield break;
            }

            cursor = next;
        }
    }

    protected abstract Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken);

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>HttpClient + Newtonsoft.Json: one shared serializer, request as a string, response read from the stream.</summary>
public sealed class HandNewtonsoftClient(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null) : HandClient(baseUrl, apiKey, handler)
{
    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    protected override async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        var text = new StringWriter();
        Serializer.Serialize(text, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(text.ToString(), Encoding.UTF8, "application/json") };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8));
        return Serializer.Deserialize<TResponse>(reader) ?? throw new InvalidOperationException("Empty response.");
    }
}

/// <summary>HttpClient + System.Text.Json with source-generated metadata: UTF-8 bytes both ways, no reflection.</summary>
public sealed class HandStjClient(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null) : HandClient(baseUrl, apiKey, handler)
{
    private static JsonTypeInfo<T> Info<T>() => TypeInfoCache<T>.Value;

    protected override async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Info<TRequest>());
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(stream, Info<TResponse>(), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Empty response.");
    }

    private static class TypeInfoCache<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)BaselineJsonContext.Default.GetTypeInfo(typeof(T))!;
    }
}

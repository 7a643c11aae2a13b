using System.Runtime.CompilerServices;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// The customer intelligence tools of the tool gateway (<c>POST /api/tools/call</c>), one typed method per
/// tool, an <see cref="IAsyncEnumerable{T}"/> helper for every cursor-paged tool, and a generic
/// <see cref="CallToolAsync(string, object?, CancellationToken)"/>. Reach it through <see cref="OutlitClient.Tools"/>.
/// </summary>
/// <remarks>
/// Inputs are the generated <c>…Input</c> types; <c>sourceType</c>/<c>sourceTypes</c> filters are trimmed,
/// upper-cased and their CRM aliases folded into <c>OPPORTUNITY</c> before sending. Read tools are retried like
/// any read; <see cref="SendNotificationAsync"/> is retried only if the request never reached the server.
/// Tool calls are sent by this class rather than through the generated <c>CallToolAsync</c>, whose result type
/// is an untyped bag: reading the body directly into each tool's <c>…Output</c> type keeps every field typed.
/// </remarks>
public class OutlitTools
{
    private readonly OutlitPlatformApi? api;

    internal OutlitTools(OutlitPlatformApi api) => this.api = api;

    /// <summary>For mocking frameworks only.</summary>
    protected OutlitTools()
    {
    }

    private OutlitPlatformApi Api => api ?? throw new InvalidOperationException("This OutlitTools was created for mocking and cannot send requests.");

    /// <summary>One page of customers, filtered by billing status, activity, revenue, owner, traits or name.</summary>
    /// <param name="input">Filters and paging; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and its pagination block.</returns>
    public virtual Task<ListCustomersOutput> ListCustomersAsync(ListCustomersInput? input = null, CancellationToken cancellationToken = default) =>
        CallToolAsync<ListCustomersOutput>(OutlitToolNames.ListCustomers, input, cancellationToken);

    /// <summary>Every customer matching the filters, fetching page after page as the sequence is read.</summary>
    /// <param name="input">Filters; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The customers.</returns>
    public virtual IAsyncEnumerable<CustomerSummary> ListAllCustomersAsync(ListCustomersInput? input = null, CancellationToken cancellationToken = default) =>
        PaginateAsync<ListCustomersOutput, CustomerSummary>(OutlitToolNames.ListCustomers, input, o => o.Items, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>One page of users, filtered by journey stage, activity, customer, traits, email or name.</summary>
    /// <param name="input">Filters and paging; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and its pagination block.</returns>
    public virtual Task<ListUsersOutput> ListUsersAsync(ListUsersInput? input = null, CancellationToken cancellationToken = default) =>
        CallToolAsync<ListUsersOutput>(OutlitToolNames.ListUsers, input, cancellationToken);

    /// <summary>Every user matching the filters, page after page.</summary>
    /// <param name="input">Filters; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The users.</returns>
    public virtual IAsyncEnumerable<UserSummary> ListAllUsersAsync(ListUsersInput? input = null, CancellationToken cancellationToken = default) =>
        PaginateAsync<ListUsersOutput, UserSummary>(OutlitToolNames.ListUsers, input, o => o.Items, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>One page of internal workspace users (CSMs, managers, account owners).</summary>
    /// <param name="input">Filters and paging; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and its pagination block.</returns>
    public virtual Task<ListWorkspaceUsersOutput> ListWorkspaceUsersAsync(ListWorkspaceUsersInput? input = null, CancellationToken cancellationToken = default) =>
        CallToolAsync<ListWorkspaceUsersOutput>(OutlitToolNames.ListWorkspaceUsers, input, cancellationToken);

    /// <summary>Every workspace user matching the filters, page after page.</summary>
    /// <param name="input">Filters; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The workspace users.</returns>
    public virtual IAsyncEnumerable<WorkspaceUserSummary> ListAllWorkspaceUsersAsync(ListWorkspaceUsersInput? input = null, CancellationToken cancellationToken = default) =>
        PaginateAsync<ListWorkspaceUsersOutput, WorkspaceUserSummary>(OutlitToolNames.ListWorkspaceUsers, input, o => o.Items, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>One customer in detail, with the related sections asked for in <c>include</c>.</summary>
    /// <param name="input">The customer and the sections to include.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer.</returns>
    public virtual Task<GetCustomerOutput> GetCustomerAsync(GetCustomerInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<GetCustomerOutput>(OutlitToolNames.GetCustomer, Required(input), cancellationToken);

    /// <summary>One page of a customer's activity timeline.</summary>
    /// <param name="input">The customer, channel and date filters, paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events and the pagination block.</returns>
    public virtual Task<GetTimelineOutput> GetTimelineAsync(GetTimelineInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<GetTimelineOutput>(OutlitToolNames.GetTimeline, Required(input), cancellationToken);

    /// <summary>Every timeline event matching the filters, page after page.</summary>
    /// <param name="input">The customer and filters; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The events.</returns>
    public virtual IAsyncEnumerable<TimelineEvent> GetAllTimelineEventsAsync(GetTimelineInput input, CancellationToken cancellationToken = default) =>
        PaginateAsync<GetTimelineOutput, TimelineEvent>(OutlitToolNames.GetTimeline, Required(input), o => o.Events, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>One page of the facts stored about a customer.</summary>
    /// <param name="input">The customer and filters (status, source types, fact types, dates), paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The customer, the facts and the pagination block.</returns>
    public virtual Task<ListFactsOutput> ListFactsAsync(ListFactsInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<ListFactsOutput>(OutlitToolNames.ListFacts, Required(input), cancellationToken);

    /// <summary>Every fact matching the filters, page after page.</summary>
    /// <param name="input">The customer and filters; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The facts.</returns>
    public virtual IAsyncEnumerable<Fact> ListAllFactsAsync(ListFactsInput input, CancellationToken cancellationToken = default) =>
        PaginateAsync<ListFactsOutput, Fact>(OutlitToolNames.ListFacts, Required(input), o => o.Facts, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>One fact by ID, optionally with its evidence.</summary>
    /// <param name="input">The fact ID and expansions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The fact.</returns>
    public virtual Task<GetFactOutput> GetFactAsync(GetFactInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<GetFactOutput>(OutlitToolNames.GetFact, Required(input), cancellationToken);

    /// <summary>One source record (email, call, meeting, ticket, opportunity) by type and ID.</summary>
    /// <param name="input">The source type (CRM aliases accepted) and ID.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The source record.</returns>
    public virtual Task<GetSourceOutput> GetSourceAsync(GetSourceInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<GetSourceOutput>(OutlitToolNames.GetSource, Required(input), cancellationToken);

    /// <summary>One page of source records of one kind.</summary>
    /// <param name="input">Source type and scope, paging.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records and the pagination block.</returns>
    public virtual Task<ListSourcesOutput> ListSourcesAsync(ListSourcesInput? input = null, CancellationToken cancellationToken = default) =>
        CallToolAsync<ListSourcesOutput>(OutlitToolNames.ListSources, input, cancellationToken);

    /// <summary>Every source record matching the filters, page after page.</summary>
    /// <param name="input">Source type and scope; its cursor, if any, is where listing starts.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    /// <returns>The records.</returns>
    public virtual IAsyncEnumerable<SourceRecord> ListAllSourcesAsync(ListSourcesInput? input = null, CancellationToken cancellationToken = default) =>
        PaginateAsync<ListSourcesOutput, SourceRecord>(OutlitToolNames.ListSources, input, o => o.Items, o => (o.Pagination?.HasMore, o.Pagination?.NextCursor), cancellationToken);

    /// <summary>Semantic search across sources and facts, grouped per artifact.</summary>
    /// <param name="input">The query and optional customer, source-type and date filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grouped results, best first.</returns>
    public virtual Task<SearchCustomerContextOutput> SearchCustomerContextAsync(SearchCustomerContextInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<SearchCustomerContextOutput>(OutlitToolNames.SearchCustomerContext, Required(input), cancellationToken);

    /// <summary>Runs a read-only SQL query against the analytics views.</summary>
    /// <param name="input">The SQL and row limit.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Rows and metadata.</returns>
    public virtual Task<QueryOutput> QueryAsync(QueryInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync<QueryOutput>(OutlitToolNames.Query, Required(input), cancellationToken);

    /// <summary>Describes one analytics view, or all of them.</summary>
    /// <param name="input">The view to describe; null for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The view schema or the catalogue.</returns>
    public virtual Task<SchemaOutput> GetSchemaAsync(SchemaInput? input = null, CancellationToken cancellationToken = default) =>
        CallToolAsync<SchemaOutput>(OutlitToolNames.Schema, input, cancellationToken);

    /// <summary>
    /// Sends a notification through the organization's notifier (Slack unless destinations are given). This is
    /// an action: call it only when a person asked for it. It is never retried once the request reached the
    /// server, so a timeout or a 5xx may leave it sent or not — check before sending again.
    /// </summary>
    /// <param name="input">Title, body and optional payload, severity and destinations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tool's JSON result (its shape is not documented).</returns>
    public virtual Task<JObject> SendNotificationAsync(SendNotificationInput input, CancellationToken cancellationToken = default) =>
        CallToolAsync(OutlitToolNames.SendNotification, Required(input), cancellationToken);

    /// <summary>
    /// Calls any tool by name with any JSON-object input and returns the raw JSON result: for tools added to the
    /// gateway after this client was built, or to reach fields before they are typed. Only known read-only
    /// tools are retried after reaching the server.
    /// </summary>
    /// <param name="tool">The tool name (see <see cref="OutlitToolNames"/>).</param>
    /// <param name="input">A generated input, a dictionary, an anonymous object or a JObject; null for <c>{}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tool's JSON result.</returns>
    public virtual Task<JObject> CallToolAsync(string tool, object? input = null, CancellationToken cancellationToken = default) =>
        SendAsync<JObject>(tool, ToObject(input, nameof(input)), cancellationToken);

    /// <summary>Calls any tool by name and reads the result into <typeparamref name="TOutput"/>.</summary>
    /// <typeparam name="TOutput">The result type, usually a generated <c>…Output</c> type.</typeparam>
    /// <param name="tool">The tool name (see <see cref="OutlitToolNames"/>).</param>
    /// <param name="input">A generated input, a dictionary, an anonymous object or a JObject; null for <c>{}</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The typed result.</returns>
    public virtual Task<TOutput> CallToolAsync<TOutput>(string tool, object? input = null, CancellationToken cancellationToken = default) =>
        SendAsync<TOutput>(tool, ToObject(input, nameof(input)), cancellationToken);

    /// <summary>Sends one tool call through the generated tool-call operation, labelled with the tool.</summary>
    private Task<T> SendAsync<T>(string tool, JObject input, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        OutlitSourceTypes.NormalizeToolInput(input);
        return Api.CallToolAsync<T>(
            new ToolCallRequest { Tool = tool, Input = input },
            new OutlitRequestContext { Label = tool, Tool = tool, RetrySafe = OutlitToolNames.IsReadOnly(tool) },
            cancellationToken);
    }

    /// <summary>Turns a caller's value (a generated input, a dictionary, an anonymous object, a JObject) into a JSON object; null is <c>{}</c>.</summary>
    private static JObject ToObject(object? value, string parameterName)
    {
        if (value is null)
        {
            return new JObject();
        }

        JToken token;
        try
        {
            token = value is JToken json ? json.DeepClone() : OutlitJson.ToToken(value);
        }
        catch (Newtonsoft.Json.JsonSerializationException ex)
        {
            // Typically a required input field left null: say so before any request is sent.
            throw new ArgumentException($"The value cannot be sent: {ex.Message}", parameterName, ex);
        }

        return token as JObject ?? throw new ArgumentException("Expected a value that serializes to a JSON object.", parameterName);
    }

    private async IAsyncEnumerable<TItem> PaginateAsync<TOutput, TItem>(
        string tool,
        object? input,
        Func<TOutput, IEnumerable<TItem>?> items,
        Func<TOutput, (bool? HasMore, string? NextCursor)> pagination,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Paging works on a JSON copy of the input, so the caller's object is never modified.
        var json = ToObject(input, nameof(input));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await SendAsync<TOutput>(tool, (JObject)json.DeepClone(), cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page) ?? [])
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }

            var (hasMore, nextCursor) = pagination(page);
            if (hasMore != true)
            {
                yield break;
            }

            // Stopping quietly here would hand the caller a silently truncated list.
            if (string.IsNullOrEmpty(nextCursor))
            {
                throw new OutlitResponseFormatException($"{tool} reported more pages (hasMore) but gave no nextCursor to fetch them.");
            }

            if (!seen.Add(nextCursor))
            {
                throw new OutlitResponseFormatException($"{tool} returned a cursor it had already returned; stopping instead of looping forever.");
            }

            json["cursor"] = nextCursor;
        }
    }

    private static T Required<T>(T input) where T : class => input ?? throw new ArgumentNullException(nameof(input));
}

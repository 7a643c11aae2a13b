namespace Outlit;

/// <summary>Names of the customer intelligence tools of the tool gateway.</summary>
public static class OutlitToolNames
{
    /// <summary>Browse and filter customers (paginated).</summary>
    public const string ListCustomers = "outlit_list_customers";

    /// <summary>Browse and filter users (paginated).</summary>
    public const string ListUsers = "outlit_list_users";

    /// <summary>Browse internal workspace users such as account owners (paginated).</summary>
    public const string ListWorkspaceUsers = "outlit_list_workspace_users";

    /// <summary>One customer with optional related sections.</summary>
    public const string GetCustomer = "outlit_get_customer";

    /// <summary>A customer's activity timeline (paged by cursor).</summary>
    public const string GetTimeline = "outlit_get_timeline";

    /// <summary>Stored facts about a customer (paged by cursor).</summary>
    public const string ListFacts = "outlit_list_facts";

    /// <summary>One fact by ID.</summary>
    public const string GetFact = "outlit_get_fact";

    /// <summary>One source record by type and ID.</summary>
    public const string GetSource = "outlit_get_source";

    /// <summary>Source records of one kind (paginated).</summary>
    public const string ListSources = "outlit_list_sources";

    /// <summary>Semantic search across customer context.</summary>
    public const string SearchCustomerContext = "outlit_search_customer_context";

    /// <summary>Read-only SQL against the analytics views.</summary>
    public const string Query = "outlit_query";

    /// <summary>Schemas of the analytics views.</summary>
    public const string Schema = "outlit_schema";

    /// <summary>Send a notification: the one action tool, with an effect outside Outlit.</summary>
    public const string SendNotification = "outlit_send_notification";

    /// <summary>All tool names, in the contract's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ListCustomers, ListUsers, ListWorkspaceUsers, GetCustomer, GetTimeline, ListFacts, GetFact, GetSource,
        ListSources, SearchCustomerContext, Query, Schema, SendNotification,
    ];

    /// <summary>
    /// True for tools that only read, which makes repeating them safe. Unknown names count as not read-only:
    /// a tool added later could be an action, and an action must not run twice.
    /// </summary>
    /// <param name="tool">A tool name.</param>
    /// <returns>True when the tool is a known read-only tool.</returns>
    public static bool IsReadOnly(string tool) => tool != SendNotification && All.Contains(tool, StringComparer.Ordinal);
}

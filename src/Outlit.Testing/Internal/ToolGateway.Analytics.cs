using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outlit.Testing.Internal;

internal sealed partial class ToolGateway
{
    private sealed record Column(string Name, string Type, string Description);

    private sealed record View(string Name, string Description, Column[] Columns, string[] Examples);

    private static readonly View[] Views =
    [
        new("activity", "One row per customer activity event across product, communication, billing and support channels.",
            [
                new("event_id", "String", "Event ID."),
                new("customer_id", "String", "Customer the event belongs to."),
                new("channel", "String", "Channel of the event (PRODUCT, COMMUNICATION, MEETING, …)."),
                new("event_type", "String", "Kind of event."),
                new("event_name", "String", "Name of the event."),
                new("occurred_at", "DateTime", "When the event happened (UTC)."),
                new("contact", "Nullable(String)", "Email of the person involved, when known."),
            ],
            ["SELECT channel, count() AS events FROM activity GROUP BY channel",
             "SELECT * FROM activity WHERE customer_id = 'cus_123' ORDER BY occurred_at DESC LIMIT 20"]),
        new("customers", "One row per customer with billing state, revenue and activity dates.",
            [
                new("customer_id", "String", "Outlit customer ID."),
                new("name", "String", "Customer name."),
                new("domain", "String", "Primary domain."),
                new("billing_status", "String", "NONE, TRIALING, PAYING, PAST_DUE or CHURNED."),
                new("mrr_cents", "Nullable(Int64)", "Current monthly recurring revenue in cents."),
                new("first_seen_at", "DateTime", "When the customer was first seen."),
                new("last_activity_at", "Nullable(DateTime)", "Most recent activity."),
                new("owner_email", "Nullable(String)", "Email of the account owner."),
            ],
            ["SELECT name, mrr_cents FROM customers WHERE billing_status = 'PAYING' ORDER BY mrr_cents DESC LIMIT 10"]),
        new("users", "One row per end user with journey stage and activity.",
            [
                new("user_id", "String", "Outlit user ID."),
                new("email", "String", "Email address."),
                new("name", "String", "Full name."),
                new("customer_id", "String", "Customer the user belongs to."),
                new("journey_stage", "String", "DISCOVERED, SIGNED_UP, ACTIVATED, ENGAGED or INACTIVE."),
                new("last_activity_at", "Nullable(DateTime)", "Most recent activity."),
            ],
            ["SELECT journey_stage, count() FROM users GROUP BY journey_stage"]),
        new("revenue", "One row per customer with recurring and lifetime revenue.",
            [
                new("customer_id", "String", "Outlit customer ID."),
                new("billing_status", "String", "Billing state."),
                new("mrr_cents", "Nullable(Int64)", "Current monthly recurring revenue in cents."),
                new("lifetime_revenue_cents", "Int64", "Revenue collected over the customer's lifetime, in cents."),
                new("active_subscriptions", "UInt32", "Subscriptions currently active."),
            ],
            ["SELECT sum(mrr_cents) FROM revenue WHERE billing_status = 'PAYING'"]),
    ];

    private ToolResult? Schema(JsonObject input)
    {
        if (Str(input, "table") is { } table)
        {
            // A view the contract lists but the fake data does not model is answered from the schema instead.
            return Views.FirstOrDefault(v => v.Name == table) is { } view ? ToolResult.Ok(ViewJson(view)) : null;
        }

        return ToolResult.Ok(new JsonObject
        {
            ["views"] = new JsonArray(Views.Select(v => (JsonNode)ViewJson(v)).ToArray()),
            ["tables"] = new JsonArray(Views.Select(v => (JsonNode)ViewJson(v)).ToArray()),
        });
    }

    private static JsonObject ViewJson(View view) => new()
    {
        ["name"] = view.Name,
        ["description"] = view.Description,
        ["columns"] = new JsonArray(view.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type,
            ["description"] = c.Description,
        }).ToArray()),
        ["exampleQueries"] = new JsonArray(view.Examples.Select(e => (JsonNode)e).ToArray()),
    };

    /// <summary>
    /// A deliberately small SQL engine: one read-only SELECT over one view, with an optional
    /// <c>WHERE column = 'value'</c> (joined by AND) and <c>LIMIT</c>. Everything else is rejected with a 400
    /// rather than answered wrongly.
    /// </summary>
    private ToolResult Query(JsonObject input)
    {
        var sql = Str(input, "sql")!.Trim().TrimEnd(';').Trim();
        if (!SelectPattern().IsMatch(sql) || sql.Contains(';', StringComparison.Ordinal) || WritePattern().IsMatch(sql))
        {
            return ToolResult.Invalid("sql", "Only a single read-only SELECT statement is allowed");
        }

        var from = FromPattern().Match(sql);
        var view = from.Success ? Views.FirstOrDefault(v => v.Name == from.Groups[1].Value.ToLowerInvariant()) : null;
        if (view is null)
        {
            return ToolResult.Invalid("sql", "Query one of the views: " + string.Join(", ", Views.Select(v => v.Name)));
        }

        IEnumerable<JsonObject> rows = Rows(view.Name);
        var where = WherePattern().Match(sql);
        if (where.Success)
        {
            foreach (Match condition in ConditionPattern().Matches(where.Groups[1].Value))
            {
                var column = condition.Groups[1].Value.ToLowerInvariant();
                if (view.Columns.All(c => c.Name != column))
                {
                    return ToolResult.Invalid("sql", $"Unknown column '{column}' in view {view.Name}");
                }

                var value = condition.Groups[2].Value;
                rows = rows.Where(r => r[column] is JsonValue v && string.Equals(v.ToString(), value, StringComparison.Ordinal));
            }
        }

        var sqlLimit = LimitPattern().Match(sql);
        if (sqlLimit.Success)
        {
            rows = rows.Take(int.Parse(sqlLimit.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        var all = rows.ToList();
        var limit = (int)(Num(input, "limit") ?? 1000);
        var page = all.Take(limit).ToList();
        return ToolResult.Ok(new JsonObject
        {
            ["success"] = true,
            ["data"] = new JsonArray(page.Select(r => (JsonNode)r).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["rowsReturned"] = page.Count,
                ["executionTimeMs"] = Math.Round(1 + (all.Count * 0.01), 2),
                ["truncated"] = all.Count > limit,
            },
        });
    }

    private IEnumerable<JsonObject> Rows(string view) => view switch
    {
        "customers" => data.Customers.Select(c => new JsonObject
        {
            ["customer_id"] = c.Id,
            ["name"] = c.Name,
            ["domain"] = c.Domain,
            ["billing_status"] = c.BillingStatus,
            ["mrr_cents"] = c.CurrentMrr is { } m ? (long)m : null,
            ["first_seen_at"] = Ts(c.FirstSeenAt),
            ["last_activity_at"] = Ts(c.LastActivityAt),
            ["owner_email"] = OwnerOf(c)?.Email,
        }),
        "users" => data.Users.Select(u => new JsonObject
        {
            ["user_id"] = u.Id,
            ["email"] = u.Email,
            ["name"] = u.Name,
            ["customer_id"] = u.CustomerId,
            ["journey_stage"] = u.JourneyStage,
            ["last_activity_at"] = Ts(u.LastActivityAt),
        }),
        "revenue" => data.Customers.Select(c => new JsonObject
        {
            ["customer_id"] = c.Id,
            ["billing_status"] = c.BillingStatus,
            ["mrr_cents"] = c.CurrentMrr is { } m ? (long)m : null,
            ["lifetime_revenue_cents"] = (long)c.LifetimeRevenue,
            ["active_subscriptions"] = c.ActiveSubscriptions,
        }),
        _ => data.Timeline.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => new JsonObject
        {
            ["event_id"] = e.Id,
            ["customer_id"] = e.CustomerId,
            ["channel"] = e.Channel,
            ["event_type"] = e.EventType,
            ["event_name"] = e.EventName,
            ["occurred_at"] = Ts(e.OccurredAt),
            ["contact"] = e.Contact,
        }),
    };

    [GeneratedRegex(@"^\s*(select|with)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"\b(insert|update|delete|drop|alter|create|truncate|grant|attach|detach|system|optimize|rename)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WritePattern();

    [GeneratedRegex(@"\bfrom\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"\bwhere\s+(.+?)(?=\s+(order|group|limit)\b|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WherePattern();

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'([^']*)'")]
    private static partial Regex ConditionPattern();

    [GeneratedRegex(@"\blimit\s+(\d+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex LimitPattern();
}

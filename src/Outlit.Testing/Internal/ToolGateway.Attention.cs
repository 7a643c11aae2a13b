using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>An account situation flagged for attention, derived from the seeded customers and facts.</summary>
internal sealed record AttentionRecord(
    string Id,
    string CustomerId,
    string Title,
    string Priority,
    bool Resolved,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string WhatChanged,
    string WhyItMatters,
    string? Uncertainty,
    string PriorityReason,
    IReadOnlyList<(string Role, string Kind, string Title, DateTimeOffset? At, string Source)> Evidence);

internal sealed partial class ToolGateway
{
    private static readonly string[] Priorities = ["URGENT", "HIGH", "NORMAL"];

    private readonly List<AttentionRecord> attention;

    /// <summary>
    /// Flags what a customer success team would look at: unpaid invoices, stated risks (churn, competitors) and
    /// paying customers gone quiet. Resolved risk facts give resolved items, so both statuses exist.
    /// </summary>
    private List<AttentionRecord> SeedAttention()
    {
        var items = new List<AttentionRecord>();
        foreach (var c in data.Customers)
        {
            var annual = c.CurrentMrr * 12;
            if (c.BillingStatus == "PAST_DUE")
            {
                var at = NotAfterNow((c.LastActivityAt ?? now.AddDays(-10)).AddHours(2));
                items.Add(new AttentionRecord(
                    FakeCustomerBase.UuidFrom("attention|past_due|" + c.Id), c.Id, $"{c.Name} has an unpaid invoice",
                    annual >= 10_000_000 ? "URGENT" : "HIGH", false, at, NotAfterNow(at.AddHours(6)),
                    $"The latest invoice of {c.Name} is past due and the subscription is at risk of lapsing.",
                    "Revenue from the account stops if the payment is not recovered.",
                    null,
                    "A paying account whose billing has failed.",
                    [("supporting", "record", "Subscription marked past due", at, "Billing")]));
            }

            var risk = data.Facts.Where(f => f.CustomerId == c.Id && f.FactType is "CHURN_RISK" or "COMPETITIVE")
                .OrderByDescending(f => f.DetectedAt).ThenBy(f => f.Id, StringComparer.Ordinal).FirstOrDefault();
            if (risk is not null)
            {
                var title = risk.Assertion.Length > 240 ? risk.Assertion[..239] + "…" : risk.Assertion;
                items.Add(new AttentionRecord(
                    FakeCustomerBase.UuidFrom("attention|" + risk.Id), c.Id, title,
                    risk.Severity == "high" ? "HIGH" : "NORMAL", risk.Status == "RESOLVED", NotAfterNow(risk.DetectedAt), NotAfterNow(risk.DetectedAt.AddHours(12)),
                    risk.Assertion + ".",
                    risk.FactType == "CHURN_RISK" ? "The customer may not renew." : "A competitor could replace the product at the account.",
                    "Based on a single conversation; it may not reflect the whole account.",
                    $"A {risk.Severity} severity {risk.FactType.ToLowerInvariant().Replace('_', ' ')} signal.",
                    [("supporting", "communication", risk.Source.Title, risk.Source.OccurredAt, risk.Source.SourceType.Replace('_', ' ').ToLowerInvariant())]));
            }

            if (c.BillingStatus == "PAYING" && c.LastActivityAt is { } last && now - last > TimeSpan.FromDays(45))
            {
                var days = (int)(now - last).TotalDays;
                items.Add(new AttentionRecord(
                    FakeCustomerBase.UuidFrom("attention|quiet|" + c.Id), c.Id, $"No activity from {c.Name} for {days} days",
                    "NORMAL", false, last.AddDays(45), last.AddDays(45),
                    $"Nobody at {c.Name} has been active since {last:yyyy-MM-dd}.",
                    "Paying customers who stop using the product tend not to renew.",
                    "Usage may have moved to a channel Outlit does not see.",
                    "A paying account with no recent activity.",
                    [("supporting", "metric", "No product activity", null, "Product analytics")]));
            }
        }

        return items;
    }

    private ToolResult ListAttentionItems(JsonObject input)
    {
        var resolved = (Str(input, "status") ?? "open") == "resolved";
        IEnumerable<AttentionRecord> items = attention.Where(a => a.Resolved == resolved);
        if (Str(input, "customerId") is { } customerId)
        {
            items = items.Where(a => string.Equals(a.CustomerId, customerId, StringComparison.OrdinalIgnoreCase));
        }

        var sorted = items.OrderBy(a => Array.IndexOf(Priorities, a.Priority)).ThenByDescending(a => a.UpdatedAt)
            .ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        return Page("outlit_list_attention_items", input, sorted, AttentionJson);
    }

    private ToolResult GetAttentionItem(JsonObject input)
    {
        var id = Str(input, "id")!;
        var item = attention.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase));
        if (item is null)
        {
            return ToolResult.NotFound("Attention item", "id", id);
        }

        var json = AttentionJson(item);
        json["whatChanged"] = item.WhatChanged;
        json["whyItMatters"] = item.WhyItMatters;
        json["uncertainty"] = item.Uncertainty;
        json["priorityReason"] = item.PriorityReason;
        json["timeline"] = new JsonArray(
            new JsonObject { ["title"] = "Flagged for attention", ["explanation"] = item.WhatChanged, ["observedAt"] = Ts(item.CreatedAt) });
        json["evidence"] = new JsonArray(item.Evidence.Select(e => (JsonNode)new JsonObject
        {
            ["role"] = e.Role,
            ["kind"] = e.Kind,
            ["title"] = e.Title.Length > 500 ? e.Title[..499] + "…" : e.Title,
            ["observedAt"] = Ts(e.At),
            ["window"] = e.At is null ? new JsonObject { ["start"] = Ts(item.CreatedAt.AddDays(-21)), ["end"] = Ts(item.CreatedAt) } : null,
            ["sourceLabel"] = e.Source,
        }).ToArray());
        json["latestUpdate"] = item.UpdatedAt > item.CreatedAt
            ? new JsonObject { ["updatedAt"] = Ts(item.UpdatedAt), ["summary"] = "Nothing new has been seen since the item was flagged." }
            : null;
        return ToolResult.Ok(json);
    }

    private JsonObject AttentionJson(AttentionRecord a)
    {
        var c = data.CustomersById[a.CustomerId];
        var arr = c.CurrentMrr * 12;
        var paying = data.Customers.Where(x => x.CurrentMrr > 0).Select(x => x.CurrentMrr!.Value * 12).ToList();
        var total = paying.Sum();
        return new JsonObject
        {
            ["id"] = a.Id,
            ["customer"] = new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["domain"] = c.Domain, ["ownerName"] = OwnerOf(c)?.Name },
            ["title"] = a.Title,
            ["priority"] = a.Priority,
            ["evidenceCount"] = a.Evidence.Count,
            ["lifecycle"] = new JsonObject
            {
                ["status"] = a.Resolved ? "resolved" : "open",
                ["customerVisibleAt"] = Ts(a.CreatedAt.AddMinutes(5)),
                ["resolvedAt"] = a.Resolved ? Ts(a.UpdatedAt) : null,
                ["reopenedAt"] = null,
                ["createdAt"] = Ts(a.CreatedAt),
                ["updatedAt"] = Ts(a.UpdatedAt),
                ["materialUpdateAt"] = Ts(a.UpdatedAt),
            },
            ["accountImportance"] = new JsonObject
            {
                ["arrCents"] = arr,
                ["currency"] = arr is null ? null : "USD",
                ["arrShareWithinCurrency"] = arr is { } share && total > 0 ? Math.Round(share / total, 4) : null,
                ["arrPercentileWithinCurrency"] = arr is { } rank && paying.Count > 0 ? Math.Round(100.0 * paying.Count(x => x <= rank) / paying.Count, 1) : null,
                ["segments"] = new JsonArray(Capitalized((string)c.Traits["plan"]), ((string)c.Traits["region"]).ToUpperInvariant()),
            },
            ["preparedActionUrl"] = a.Priority == "NORMAL" ? null : $"https://app.outlit-mock.test/attention/{a.Id}/action",
        };
    }

    /// <summary>Keeps derived timestamps out of the future of the data's "today".</summary>
    private DateTimeOffset NotAfterNow(DateTimeOffset at) => at > now ? now : at;

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}

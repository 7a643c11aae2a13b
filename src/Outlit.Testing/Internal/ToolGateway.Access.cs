using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>One workspace user's role on one customer.</summary>
internal sealed record AccessGrant(string Role, string? GrantedById, DateTimeOffset At);

internal sealed partial class ToolGateway
{
    // Owners assigned through the tools, by customer ID; the seeded owner stands for every customer not listed.
    private readonly Dictionary<string, (WorkspaceUser Owner, DateTimeOffset At)> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<(string CustomerId, string UserId), AccessGrant> grants = [];

    /// <summary>The customer's owner as things stand now: assigned through the tools, else the seeded one.</summary>
    private WorkspaceUser? OwnerOf(Customer c) => owners.TryGetValue(c.Id, out var assigned) ? assigned.Owner : c.Owner;

    /// <summary>Who the calling key acts for: the workspace's first member, its manager.</summary>
    private WorkspaceUser? Caller => data.WorkspaceUsers.FirstOrDefault();

    private ToolResult? FindAccessParties(JsonObject input, out Customer? customer, out WorkspaceUser? user)
    {
        var customerId = Str(input, "customerId")!;
        var userId = Str(input, "targetUserId")!;
        customer = data.CustomersById.GetValueOrDefault(customerId.ToLowerInvariant());
        user = data.WorkspaceUsers.FirstOrDefault(u => u.Id == userId);
        if (customer is null)
        {
            return ToolResult.NotFound("Customer", "customerId", customerId);
        }

        return user is null ? ToolResult.NotFound("Workspace user", "targetUserId", userId) : null;
    }

    private ToolResult AssignCustomerOwner(JsonObject input)
    {
        if (FindAccessParties(input, out var c, out var user) is { } missing)
        {
            return missing;
        }

        var previous = OwnerOf(c!);
        owners[c!.Id] = (user!, now);
        return ToolResult.Ok(new JsonObject { ["customerId"] = c.Id, ["ownerId"] = user!.Id, ["previousOwnerId"] = previous?.Id });
    }

    private ToolResult GrantCustomerAccess(JsonObject input)
    {
        if (FindAccessParties(input, out var c, out var user) is { } missing)
        {
            return missing;
        }

        if (grants.ContainsKey((c!.Id, user!.Id)))
        {
            return ToolResult.Conflict($"{user.Id} already has access to customer {c.Id}; change the role with outlit_update_customer_access");
        }

        if (OwnerOf(c)?.Id == user.Id)
        {
            return ToolResult.Conflict($"{user.Id} owns customer {c.Id} and has full access already");
        }

        var grant = new AccessGrant(Str(input, "role")!, Caller?.Id, now);
        grants[(c.Id, user.Id)] = grant;
        return ToolResult.Ok(new JsonObject { ["access"] = GrantJson(c.Id, user.Id, grant) });
    }

    private ToolResult UpdateCustomerAccess(JsonObject input)
    {
        if (FindAccessParties(input, out var c, out var user) is { } missing)
        {
            return missing;
        }

        if (!grants.TryGetValue((c!.Id, user!.Id), out var grant))
        {
            return ToolResult.NotFound("Access", "targetUserId", user.Id);
        }

        grant = grant with { Role = Str(input, "role")!, At = now };
        grants[(c.Id, user.Id)] = grant;
        return ToolResult.Ok(new JsonObject { ["access"] = GrantJson(c.Id, user.Id, grant) });
    }

    private ToolResult RevokeCustomerAccess(JsonObject input)
    {
        if (FindAccessParties(input, out var c, out var user) is { } missing)
        {
            return missing;
        }

        if (!grants.Remove((c!.Id, user!.Id)))
        {
            return ToolResult.NotFound("Access", "targetUserId", user.Id);
        }

        return ToolResult.Ok(new JsonObject { ["customerId"] = c.Id, ["userId"] = user.Id });
    }

    private static JsonObject GrantJson(string customerId, string userId, AccessGrant grant) => new()
    {
        ["customerId"] = customerId,
        ["userId"] = userId,
        ["role"] = grant.Role,
        ["grantedById"] = grant.GrantedById,
    };

    /// <summary>
    /// The relationship overview: who owns the account and who else has access (as the tools left it), then what the
    /// customer's most recent facts say, at most eight observations in all.
    /// </summary>
    private ToolResult GetCustomerRelationship(JsonObject input)
    {
        var requested = Str(input, "customer")!;
        if (FindCustomer(requested) is not { } c)
        {
            return ToolResult.NotFound("Customer", "customer", requested);
        }

        var items = new List<JsonObject>();
        var owner = OwnerOf(c);
        var assigned = owners.TryGetValue(c.Id, out var assignment) ? assignment.At : (DateTimeOffset?)null;
        if (owner is not null)
        {
            items.Add(Observation("Ownership", $"{owner.Name} ({owner.Id}) owns the account.", assigned, "Outlit workspace"));
        }

        foreach (var ((_, userId), grant) in grants.Where(g => g.Key.CustomerId == c.Id).OrderBy(g => g.Key.UserId, StringComparer.Ordinal))
        {
            var name = data.WorkspaceUsers.First(u => u.Id == userId).Name;
            items.Add(Observation("Access", $"{name} ({userId}) has {grant.Role.ToLowerInvariant()} access.", grant.At, "Outlit workspace"));
        }

        var facts = data.Facts.Where(f => f.CustomerId == c.Id).OrderByDescending(f => f.OccurredAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        foreach (var fact in facts)
        {
            var category = fact.FactType switch
            {
                "DECISION_MAKER" => "Stakeholders",
                "SENTIMENT" => "Sentiment",
                "CHURN_RISK" or "COMPETITIVE" => "Risk",
                "BUDGET" or "TIMELINE" => "Commercial",
                _ => "Engagement",
            };
            items.Add(Observation(category, fact.Assertion, fact.OccurredAt, fact.Source.Title));
        }

        var changes = owners.Where(o => o.Key == c.Id).Select(o => (DateTimeOffset?)o.Value.At)
            .Concat(grants.Where(g => g.Key.CustomerId == c.Id).Select(g => (DateTimeOffset?)g.Value.At))
            .Concat(facts.Select(f => (DateTimeOffset?)f.DetectedAt));
        var summary = owner is null ? $"{c.Name} has no owner" : $"{owner.Name} owns {c.Name}";
        summary += facts.Count == 0 ? "; nothing has been observed about the relationship yet." : $"; latest: {facts[0].Assertion}";
        return ToolResult.Ok(new JsonObject
        {
            ["customer"] = new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["domain"] = c.Domain },
            ["relationship"] = new JsonObject
            {
                ["summary"] = summary.Length > 240 ? summary[..239] + "…" : summary,
                ["items"] = new JsonArray(items.Take(8).Select(i => (JsonNode)i).ToArray()),
                ["updatedAt"] = Ts(changes.Max()),
            },
        });
    }

    private static JsonObject Observation(string category, string statement, DateTimeOffset? at, string sourceLabel) => new()
    {
        ["category"] = category,
        ["statement"] = statement.Length > 500 ? statement[..499] + "…" : statement,
        ["observedAt"] = Ts(at),
        ["sourceLabels"] = new JsonArray(sourceLabel.Length > 100 ? sourceLabel[..99] + "…" : sourceLabel),
    };
}

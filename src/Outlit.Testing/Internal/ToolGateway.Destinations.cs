using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>A notification destination of the fake workspace; the tools change it in place.</summary>
internal sealed class DestinationRecord
{
    public required string Id { get; init; }

    public required string Kind { get; init; }

    public required string Provider { get; init; }

    public required string Name { get; set; }

    public string? ChannelId { get; init; }

    public bool Enabled { get; set; }

    public bool IsDefault { get; set; }

    public required string SyncStatus { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    public DateTimeOffset? ArchivedAt { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>For email recipients: how many admins receive the notifications.</summary>
    public int RecipientCount { get; init; }
}

internal sealed partial class ToolGateway
{
    private readonly List<DestinationRecord> destinations;

    /// <summary>A workspace starts with one destination of each kind, the Slack channel being the default.</summary>
    private List<DestinationRecord> SeedDestinations() =>
    [
        new()
        {
            Id = NewUuid(), Kind = "SLACK_CHANNEL", Provider = "SLACK", Name = "#cs-alerts", ChannelId = "C04MOCKALRT",
            Enabled = true, IsDefault = true, SyncStatus = "SYNCED", LastSyncedAt = now.AddHours(-3),
            CreatedAt = now.AddDays(-120), UpdatedAt = now.AddHours(-3),
        },
        new()
        {
            Id = NewUuid(), Kind = "WEBHOOK_ENDPOINT", Provider = "OUTPOST", Name = "CRM webhook",
            Enabled = true, SyncStatus = "SYNCED", LastSyncedAt = now.AddHours(-26),
            CreatedAt = now.AddDays(-60), UpdatedAt = now.AddHours(-26),
        },
        new()
        {
            Id = NewUuid(), Kind = "EMAIL_RECIPIENTS", Provider = "EMAIL", Name = "Weekly digest", RecipientCount = 4,
            Enabled = false, SyncStatus = "PENDING_PROVIDER_SYNC", CreatedAt = now.AddDays(-30), UpdatedAt = now.AddDays(-20),
        },
    ];

    private static JsonObject DestinationJson(DestinationRecord d) => new()
    {
        ["id"] = d.Id,
        ["name"] = d.Name,
        ["description"] = null,
        ["enabled"] = d.Enabled,
        ["syncStatus"] = d.SyncStatus,
        ["lastSyncedAt"] = Ts(d.LastSyncedAt),
        ["isDefault"] = d.IsDefault,
        ["archivedAt"] = Ts(d.ArchivedAt),
        ["createdAt"] = Ts(d.CreatedAt),
        ["updatedAt"] = Ts(d.UpdatedAt),
        ["provider"] = d.Provider,
        ["kind"] = d.Kind,
        ["maskedConfig"] = d.Kind switch
        {
            "SLACK_CHANNEL" => new JsonObject { ["channelId"] = d.ChannelId, ["label"] = d.Name },
            "EMAIL_RECIPIENTS" => new JsonObject { ["recipientMode"] = "org_admins", ["recipientCount"] = d.RecipientCount },
            _ => null,
        },
    };

    private static ToolResult OneDestination(DestinationRecord d) => ToolResult.Ok(new JsonObject { ["destination"] = DestinationJson(d) });

    private ToolResult ListDestinations(JsonObject input) =>
        ToolResult.Ok(new JsonObject { ["destinations"] = new JsonArray(destinations.Select(d => (JsonNode)DestinationJson(d)).ToArray()) });

    private ToolResult GetDestination(JsonObject input) =>
        FindDestination(input, out var d) is { } missing ? missing : OneDestination(d!);

    private ToolResult? FindDestination(JsonObject input, out DestinationRecord? destination)
    {
        var id = Str(input, "id")!;
        destination = destinations.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));
        return destination is null ? ToolResult.NotFound("Destination", "id", id) : null;
    }

    private ToolResult CreateDestination(JsonObject input)
    {
        var channelId = Str(input, "channelId")!;
        if (destinations.FirstOrDefault(d => d.ArchivedAt is null && d.ChannelId == channelId) is { } existing)
        {
            return ToolResult.Conflict($"Slack channel {channelId} is already the destination {existing.Id}");
        }

        var isDefault = Bool(input, "isDefault") ?? false;
        if (isDefault)
        {
            ClearDefault();
        }

        var created = new DestinationRecord
        {
            Id = NewUuid(),
            Kind = "SLACK_CHANNEL",
            Provider = "SLACK",
            Name = Str(input, "label")!,
            ChannelId = channelId,
            Enabled = Bool(input, "enabled") ?? true,
            IsDefault = isDefault,
            // A new channel waits for Slack to confirm it; the mock never hears back.
            SyncStatus = "PENDING_PROVIDER_SYNC",
            CreatedAt = now,
            UpdatedAt = now,
        };
        destinations.Add(created);
        return OneDestination(created);
    }

    private ToolResult UpdateDestination(JsonObject input)
    {
        if (FindDestination(input, out var d) is { } missing)
        {
            return missing;
        }

        if (d!.Kind != Str(input, "type"))
        {
            return ToolResult.Unprocessable($"type: destination {d.Id} is a {d.Kind} destination, and only SLACK_CHANNEL destinations can be changed");
        }

        if (d.ArchivedAt is not null)
        {
            return ToolResult.Conflict($"Destination {d.Id} is archived and cannot be changed");
        }

        if (Str(input, "label") is { } label)
        {
            d.Name = label;
        }

        if (Bool(input, "isDefault") is true && !d.IsDefault)
        {
            ClearDefault();
            d.IsDefault = true;
        }

        d.UpdatedAt = now;
        return OneDestination(d);
    }

    private ToolResult SetDestinationEnabled(JsonObject input, bool enabled)
    {
        if (FindDestination(input, out var d) is { } missing)
        {
            return missing;
        }

        if (d!.ArchivedAt is not null)
        {
            return ToolResult.Conflict($"Destination {d.Id} is archived; it cannot be {(enabled ? "enabled" : "disabled")}");
        }

        if (d.Enabled != enabled)
        {
            d.Enabled = enabled;
            d.UpdatedAt = now;
        }

        return OneDestination(d);
    }

    private ToolResult ArchiveDestination(JsonObject input)
    {
        if (FindDestination(input, out var d) is { } missing)
        {
            return missing;
        }

        if (d!.ArchivedAt is not null)
        {
            return ToolResult.Conflict($"Destination {d.Id} was archived already");
        }

        // An archived destination keeps its record (get and list still show it) but receives nothing.
        d.ArchivedAt = now;
        d.Enabled = false;
        d.IsDefault = false;
        d.UpdatedAt = now;
        return ToolResult.Ok(new JsonObject { ["destination"] = new JsonObject { ["id"] = d.Id, ["archivedAt"] = Ts(d.ArchivedAt) } });
    }

    private void ClearDefault()
    {
        foreach (var other in destinations.Where(o => o.IsDefault))
        {
            other.IsDefault = false;
            other.UpdatedAt = now;
        }
    }
}

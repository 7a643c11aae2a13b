using System.Text.Json.Serialization;

namespace Outlit.Benchmarks.Baselines;

// The types a careful engineer would write by hand for the same calls: plain classes, only the fields
// the calls use, camelCase on the wire. Both hand-written contenders share them, so the difference
// between the two is the serializer alone.

public sealed class ToolRequest
{
    public string Tool { get; set; } = "";

    public ToolInput Input { get; set; } = new();
}

public sealed class ToolInput
{
    public int? Limit { get; set; }

    public string? Cursor { get; set; }

    public string? Customer { get; set; }

    public List<string>? Include { get; set; }

    public string? Timeframe { get; set; }

    public string? Sql { get; set; }
}

public sealed class CustomerPage
{
    public List<Customer> Items { get; set; } = [];

    public PageInfo? Pagination { get; set; }
}

public sealed class PageInfo
{
    public bool HasMore { get; set; }

    public string? NextCursor { get; set; }

    public int Total { get; set; }
}

public sealed class Customer
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Domain { get; set; }

    public string? BillingStatus { get; set; }

    public string? ActivatedAt { get; set; }

    public string? FirstSeenAt { get; set; }

    public string? LastActivityAt { get; set; }

    public int ContactCount { get; set; }

    public double? CurrentMrr { get; set; }

    public string? MrrCalculationStatus { get; set; }

    public Person? Owner { get; set; }

    public int? DaysSinceActivity { get; set; }
}

public sealed class Person
{
    public string Id { get; set; } = "";

    public string? Email { get; set; }

    public string? Name { get; set; }
}

public sealed class CustomerDetail
{
    public CustomerCore? Customer { get; set; }

    public List<CustomerUser>? Users { get; set; }

    public Revenue? Revenue { get; set; }

    public List<TimelineItem>? RecentTimeline { get; set; }

    public BehaviorMetrics? BehaviorMetrics { get; set; }
}

public sealed class CustomerCore
{
    public string Id { get; set; } = "";

    public string? Name { get; set; }

    public string? Domain { get; set; }

    public string? BillingStatus { get; set; }

    public string? ActivatedAt { get; set; }

    public string? FirstSeenAt { get; set; }

    public string? LastActivityAt { get; set; }

    public Person? Owner { get; set; }
}

public sealed class CustomerUser
{
    public string Id { get; set; } = "";

    public string? Email { get; set; }

    public string? Name { get; set; }

    public string? JourneyStage { get; set; }

    public string? LastActivityAt { get; set; }
}

public sealed class Revenue
{
    public double? CurrentMrr { get; set; }

    public string? MrrCalculationStatus { get; set; }

    public double? LifetimeRevenue { get; set; }

    public int? ActiveSubscriptions { get; set; }
}

public sealed class TimelineItem
{
    public string? Type { get; set; }

    public string? Title { get; set; }

    public string? Contact { get; set; }

    public string? OccurredAt { get; set; }
}

public sealed class BehaviorMetrics
{
    public int ActivityCount { get; set; }

    public int ActiveUsers { get; set; }

    public string? LastEmailAt { get; set; }

    public string? LastMeetingAt { get; set; }
}

public sealed class ConnectRequest
{
    public string Provider { get; set; } = "";

    public Dictionary<string, string>? Config { get; set; }
}

/// <summary>Both connect answers in one class; the caller tells them apart by which fields are set.</summary>
public sealed class ConnectResponse
{
    public string? SessionId { get; set; }

    public string? ConnectUrl { get; set; }

    public bool AlreadyConnected { get; set; }

    public bool? Connected { get; set; }

    public string? ConnectionId { get; set; }
}

public sealed class EventBatch
{
    public string Source { get; set; } = "server";

    public List<TrackEvent> Events { get; set; } = [];
}

public sealed class TrackEvent
{
    public string Type { get; set; } = "custom";

    public string EventName { get; set; } = "";

    public long Timestamp { get; set; }

    public string? Url { get; set; }

    public string? Path { get; set; }

    public string? Email { get; set; }

    public Dictionary<string, object>? Properties { get; set; }
}

public sealed class IngestAck
{
    public bool Success { get; set; }
}

public sealed class QueryResult
{
    public bool Success { get; set; }

    public List<ActivityRow> Data { get; set; } = [];

    public QueryMetadata? Metadata { get; set; }
}

public sealed class ActivityRow
{
    [JsonPropertyName("event_id")]
    [Newtonsoft.Json.JsonProperty("event_id")]
    public string? EventId { get; set; }

    [JsonPropertyName("customer_id")]
    [Newtonsoft.Json.JsonProperty("customer_id")]
    public string? CustomerId { get; set; }

    public string? Channel { get; set; }

    [JsonPropertyName("event_type")]
    [Newtonsoft.Json.JsonProperty("event_type")]
    public string? EventType { get; set; }

    [JsonPropertyName("event_name")]
    [Newtonsoft.Json.JsonProperty("event_name")]
    public string? EventName { get; set; }

    [JsonPropertyName("occurred_at")]
    [Newtonsoft.Json.JsonProperty("occurred_at")]
    public string? OccurredAt { get; set; }

    public string? Contact { get; set; }
}

public sealed class QueryMetadata
{
    public int RowsReturned { get; set; }

    public double ExecutionTimeMs { get; set; }

    public bool Truncated { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ToolRequest))]
[JsonSerializable(typeof(CustomerPage))]
[JsonSerializable(typeof(CustomerDetail))]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(ConnectResponse))]
[JsonSerializable(typeof(EventBatch))]
[JsonSerializable(typeof(IngestAck))]
[JsonSerializable(typeof(QueryResult))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
public sealed partial class BaselineJsonContext : JsonSerializerContext
{
}

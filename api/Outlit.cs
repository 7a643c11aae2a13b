// The public API of Outlit, written from the built assembly by `outlit-drift api`.
// Do not edit: a change here is a change of what users can call (see api/README.md).

namespace Outlit
{
    public readonly struct ActivityWindow : System.IEquatable<Outlit.ActivityWindow>
    {
        public ActivityWindow(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ActivityWindow> KnownValues { get; }
        public static Outlit.ActivityWindow Last14Days { get; }
        public static Outlit.ActivityWindow Last30Days { get; }
        public static Outlit.ActivityWindow Last7Days { get; }
        public static Outlit.ActivityWindow Last90Days { get; }
        public bool Equals(Outlit.ActivityWindow other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ActivityWindow Normalized();
        public static Outlit.ActivityWindow Parse(string value);
        public override string ToString();
    }

    public readonly struct AnalyticsView : System.IEquatable<Outlit.AnalyticsView>
    {
        public AnalyticsView(string value);
        public static Outlit.AnalyticsView Activity { get; }
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.AnalyticsView Customers { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.AnalyticsView> KnownValues { get; }
        public static Outlit.AnalyticsView Revenue { get; }
        public static Outlit.AnalyticsView Users { get; }
        public bool Equals(Outlit.AnalyticsView other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.AnalyticsView Normalized();
        public static Outlit.AnalyticsView Parse(string value);
        public override string ToString();
    }

    public class AnalyticsViewCatalog
    {
        public AnalyticsViewCatalog();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewSchema> Tables { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewSchema> Views { get; set; }
    }

    public class AnalyticsViewColumn
    {
        public AnalyticsViewColumn();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Description { get; set; }
        public string Name { get; set; }
        public string Type { get; set; }
    }

    public class AnalyticsViewSchema
    {
        public AnalyticsViewSchema();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewColumn> Columns { get; set; }
        public string Description { get; set; }
        public System.Collections.Generic.ICollection<string> ExampleQueries { get; set; }
        public Outlit.AnalyticsView Name { get; set; }
    }

    public sealed class ApiKeyValidationResult : System.IEquatable<Outlit.ApiKeyValidationResult>
    {
        public ApiKeyValidationResult(bool IsValid, string OrganizationId, string CreatedById, string ServerMessage);
        public string CreatedById { get; init; }
        public bool IsValid { get; init; }
        public string OrganizationId { get; init; }
        public string ServerMessage { get; init; }
        public Outlit.ApiKeyValidationResult <Clone>$();
        public void Deconstruct(out bool IsValid, out string OrganizationId, out string CreatedById, out string ServerMessage);
        public bool Equals(Outlit.ApiKeyValidationResult other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public class BaseEventFields
    {
        public BaseEventFields();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Path { get; set; }
        public string Referrer { get; set; }
        public double? Timestamp { get; set; }
        public string Type { get; set; }
        public System.Uri Url { get; set; }
        public Outlit.UtmParameters Utm { get; set; }
    }

    public class BillingEvent : Outlit.IngestEvent
    {
        public BillingEvent();
        public string CustomerId { get; set; }
        public System.Collections.Generic.IDictionary<string, object> Properties { get; set; }
        public Outlit.BillingEventStatus Status { get; set; }
        public string StripeCustomerId { get; set; }
        public static Outlit.BillingEvent Create(Outlit.BillingEventStatus status, string customerId = null, string stripeCustomerId = null, System.Collections.Generic.IReadOnlyDictionary<string, object> properties = null, System.DateTimeOffset? timestamp = null);
    }

    public readonly struct BillingEventStatus : System.IEquatable<Outlit.BillingEventStatus>
    {
        public BillingEventStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.BillingEventStatus Churned { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.BillingEventStatus> KnownValues { get; }
        public static Outlit.BillingEventStatus Paid { get; }
        public static Outlit.BillingEventStatus Trialing { get; }
        public bool Equals(Outlit.BillingEventStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.BillingEventStatus Normalized();
        public static Outlit.BillingEventStatus Parse(string value);
        public override string ToString();
    }

    public readonly struct BillingStatus : System.IEquatable<Outlit.BillingStatus>
    {
        public BillingStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.BillingStatus Churned { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.BillingStatus> KnownValues { get; }
        public static Outlit.BillingStatus None { get; }
        public static Outlit.BillingStatus PastDue { get; }
        public static Outlit.BillingStatus Paying { get; }
        public static Outlit.BillingStatus Trialing { get; }
        public bool Equals(Outlit.BillingStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.BillingStatus Normalized();
        public static Outlit.BillingStatus Parse(string value);
        public override string ToString();
    }

    public sealed class BrowserSession : Outlit.ConnectResult
    {
        public BrowserSession(string sessionId, System.Uri connectUrl, bool alreadyConnected);
        public System.Uri ConnectUrl { get; }
        public string SessionId { get; }
        public override string ToString();
    }

    public class CalendarEvent : Outlit.IngestEvent
    {
        public CalendarEvent();
        public double? Duration { get; set; }
        public System.DateTimeOffset? EndTime { get; set; }
        public string EventType { get; set; }
        public string InviteeEmail { get; set; }
        public string InviteeName { get; set; }
        public bool? IsRecurring { get; set; }
        public Outlit.CalendarEventProvider Provider { get; set; }
        public System.DateTimeOffset? StartTime { get; set; }
        public static Outlit.CalendarEvent Create(Outlit.CalendarEventProvider provider, System.DateTimeOffset? startTime = null, System.DateTimeOffset? endTime = null, string inviteeEmail = null, string inviteeName = null, string eventType = null, string url = null, System.DateTimeOffset? timestamp = null);
    }

    public readonly struct CalendarEventProvider : System.IEquatable<Outlit.CalendarEventProvider>
    {
        public CalendarEventProvider(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.CalendarEventProvider CalCom { get; }
        public static Outlit.CalendarEventProvider Calendly { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.CalendarEventProvider> KnownValues { get; }
        public static Outlit.CalendarEventProvider Unknown { get; }
        public bool Equals(Outlit.CalendarEventProvider other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.CalendarEventProvider Normalized();
        public static Outlit.CalendarEventProvider Parse(string value);
        public override string ToString();
    }

    public class CompanyEnrichmentSummary
    {
        public CompanyEnrichmentSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<string> Categories { get; set; }
        public string CompanyType { get; set; }
        public string Description { get; set; }
        public string Domain { get; set; }
        public string EmployeeCountRange { get; set; }
        public Outlit.EnrichmentFollowerSummary FollowerSummary { get; set; }
        public Outlit.EnrichmentFundingSummary FundingSummary { get; set; }
        public int? Headcount { get; set; }
        public string Headquarters { get; set; }
        public Outlit.EnrichmentHiringSummary HiringSummary { get; set; }
        public string Industry { get; set; }
        public string LinkedinUrl { get; set; }
        public string LogoUrl { get; set; }
        public System.Collections.Generic.ICollection<string> Markets { get; set; }
        public string Name { get; set; }
        public string WebsiteUrl { get; set; }
        public int? YearFounded { get; set; }
    }

    public abstract class ConnectResult
    {
        public bool AlreadyConnected { get; }
        public bool IsBrowserSession { get; }
        public bool IsDirect { get; }
        public TResult Match<TResult>(System.Func<Outlit.DirectConnection, TResult> direct, System.Func<Outlit.BrowserSession, TResult> browserSession);
        public void Switch(System.Action<Outlit.DirectConnection> direct, System.Action<Outlit.BrowserSession> browserSession);
        public bool TryGetBrowserSession(out Outlit.BrowserSession session);
        public bool TryGetDirect(out Outlit.DirectConnection connection);
    }

    public class CursorPagination
    {
        public CursorPagination();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool HasMore { get; set; }
        public string NextCursor { get; set; }
    }

    public class CustomEvent : Outlit.IngestEvent
    {
        public CustomEvent();
        public string EventName { get; set; }
        public System.Collections.Generic.IDictionary<string, object> Properties { get; set; }
        public static Outlit.CustomEvent Create(string eventName, System.Collections.Generic.IReadOnlyDictionary<string, object> properties = null, string url = null, System.DateTimeOffset? timestamp = null);
    }

    public class CustomerBehaviorMetrics
    {
        public CustomerBehaviorMetrics();
        public int ActiveUsers { get; set; }
        public int ActivityCount { get; set; }
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string LastEmailAt { get; set; }
        public string LastMeetingAt { get; set; }
    }

    public class CustomerDetail
    {
        public CustomerDetail();
        public string ActivatedAt { get; set; }
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.BillingStatus BillingStatus { get; set; }
        public string Domain { get; set; }
        public string FirstSeenAt { get; set; }
        public string Id { get; set; }
        public string LastActivityAt { get; set; }
        public string Name { get; set; }
        public Outlit.CustomerOwner Owner { get; set; }
    }

    public class CustomerEnrichment
    {
        public CustomerEnrichment();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.EnrichmentError Error { get; set; }
        public string ExpiresAt { get; set; }
        public string LastAttemptAt { get; set; }
        public string LastSuccessfulRefreshAt { get; set; }
        public object Match { get; set; }
        public string Provider { get; set; }
        public string ProviderEntityId { get; set; }
        public Outlit.CustomerEnrichmentStatus Status { get; set; }
        public Outlit.CompanyEnrichmentSummary Summary { get; set; }
    }

    public readonly struct CustomerEnrichmentStatus : System.IEquatable<Outlit.CustomerEnrichmentStatus>
    {
        public CustomerEnrichmentStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.CustomerEnrichmentStatus Failed { get; }
        public static Outlit.CustomerEnrichmentStatus Fresh { get; }
        public static Outlit.CustomerEnrichmentStatus InputChanged { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.CustomerEnrichmentStatus> KnownValues { get; }
        public static Outlit.CustomerEnrichmentStatus Missing { get; }
        public static Outlit.CustomerEnrichmentStatus NoMatch { get; }
        public static Outlit.CustomerEnrichmentStatus Stale { get; }
        public bool Equals(Outlit.CustomerEnrichmentStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.CustomerEnrichmentStatus Normalized();
        public static Outlit.CustomerEnrichmentStatus Parse(string value);
        public override string ToString();
    }

    public class CustomerIdentity
    {
        public CustomerIdentity();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string CustomerId { get; set; }
        public System.Collections.Generic.IDictionary<string, object> CustomerTraits { get; set; }
    }

    public class CustomerOwner
    {
        public CustomerOwner();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Email { get; set; }
        public string Id { get; set; }
        public string Name { get; set; }
    }

    public class CustomerReference
    {
        public CustomerReference();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Domain { get; set; }
        public string Id { get; set; }
        public string Name { get; set; }
    }

    public class CustomerRevenue
    {
        public CustomerRevenue();
        public int ActiveSubscriptions { get; set; }
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public double? CurrentMrr { get; set; }
        public double LifetimeRevenue { get; set; }
        public Outlit.MrrCalculationStatus MrrCalculationStatus { get; set; }
    }

    public class CustomerSummary
    {
        public CustomerSummary();
        public string ActivatedAt { get; set; }
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.BillingStatus BillingStatus { get; set; }
        public int ContactCount { get; set; }
        public double? CurrentMrr { get; set; }
        public int? DaysSinceActivity { get; set; }
        public string Domain { get; set; }
        public string FirstSeenAt { get; set; }
        public string Id { get; set; }
        public string LastActivityAt { get; set; }
        public Outlit.MrrCalculationStatus MrrCalculationStatus { get; set; }
        public string Name { get; set; }
        public Outlit.CustomerOwner Owner { get; set; }
    }

    public class CustomerTimelineEntry
    {
        public CustomerTimelineEntry();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Contact { get; set; }
        public string OccurredAt { get; set; }
        public string Title { get; set; }
        public string Type { get; set; }
    }

    public class CustomerUser
    {
        public CustomerUser();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Email { get; set; }
        public string Id { get; set; }
        public Outlit.JourneyStage JourneyStage { get; set; }
        public string LastActivityAt { get; set; }
        public string Name { get; set; }
    }

    public sealed class DirectConnection : Outlit.ConnectResult
    {
        public DirectConnection(string connectionId, bool alreadyConnected);
        public string ConnectionId { get; }
        public override string ToString();
    }

    public class DisconnectIntegrationResult
    {
        public DisconnectIntegrationResult();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool IsIntegrationDisconnectNotConnectedResponse { get; }
        public bool IsIntegrationDisconnectResponse { get; }
        public string Message { get; set; }
        public bool? Success { get; set; }
    }

    public sealed class DisconnectResult : System.IEquatable<Outlit.DisconnectResult>
    {
        public DisconnectResult(Outlit.ProviderId Provider, bool Disconnected, string Message);
        public bool Disconnected { get; init; }
        public string Message { get; init; }
        public Outlit.ProviderId Provider { get; init; }
        public bool WasNotConnected { get; }
        public Outlit.DisconnectResult <Clone>$();
        public void Deconstruct(out Outlit.ProviderId Provider, out bool Disconnected, out string Message);
        public bool Equals(Outlit.DisconnectResult other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public class EngagementEvent : Outlit.IngestEvent
    {
        public EngagementEvent();
        public double ActiveTimeMs { get; set; }
        public System.Guid SessionId { get; set; }
        public double TotalTimeMs { get; set; }
        public static Outlit.EngagementEvent Create(string url, System.Guid sessionId, System.TimeSpan activeTime, System.TimeSpan totalTime, System.DateTimeOffset? timestamp = null);
    }

    public class EnrichmentError
    {
        public EnrichmentError();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Class { get; set; }
        public string Message { get; set; }
        public bool? Retryable { get; set; }
    }

    public class EnrichmentFollowerSummary
    {
        public EnrichmentFollowerSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public int? Count { get; set; }
        public System.Collections.Generic.IDictionary<string, double?> Growth { get; set; }
    }

    public class EnrichmentFundingSummary
    {
        public EnrichmentFundingSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<string> Investors { get; set; }
        public string LastFundraiseDate { get; set; }
        public double? LastRoundAmountUsd { get; set; }
        public string LastRoundType { get; set; }
        public double? TotalInvestmentUsd { get; set; }
    }

    public class EnrichmentHiringSummary
    {
        public EnrichmentHiringSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public int? OpeningsCount { get; set; }
        public System.Collections.Generic.ICollection<string> RecentTitles { get; set; }
    }

    public class ErrorResponse
    {
        public ErrorResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ValidationIssue> Details { get; set; }
        public string Error { get; set; }
    }

    public class Fact
    {
        public Fact();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Assertion { get; set; }
        public System.DateTimeOffset? ChangePointDate { get; set; }
        public double Confidence { get; set; }
        public System.DateTimeOffset DetectedAt { get; set; }
        public System.Collections.Generic.ICollection<Outlit.FactEvidence> Evidence { get; set; }
        public int EvidenceCount { get; set; }
        public string FactCategory { get; set; }
        public string FactType { get; set; }
        public string Id { get; set; }
        public System.DateTimeOffset? LastDetectedAt { get; set; }
        public Outlit.FactSourceRef LinkedSourceRef { get; set; }
        public double? MetricDelta { get; set; }
        public string MetricName { get; set; }
        public double? MetricPreviousValue { get; set; }
        public string MetricUnit { get; set; }
        public double? MetricValue { get; set; }
        public System.DateTimeOffset? OccurredAt { get; set; }
        public int OccurrenceCount { get; set; }
        public System.DateTimeOffset? PeriodEnd { get; set; }
        public System.DateTimeOffset? PeriodStart { get; set; }
        public string Priority { get; set; }
        public string Reasoning { get; set; }
        public string Severity { get; set; }
        public Outlit.FactSourceMetadata SourceMetadata { get; set; }
        public Outlit.FactStatus Status { get; set; }
        public System.DateTimeOffset ValidFrom { get; set; }
        public System.DateTimeOffset? ValidUntil { get; set; }
    }

    public class FactEvidence
    {
        public FactEvidence();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Excerpt { get; set; }
        public string Id { get; set; }
        public object Metadata { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceType? SourceType { get; set; }
    }

    public class FactSearchResult : Outlit.SearchResult
    {
        public FactSearchResult();
        public Outlit.Fact Fact { get; set; }
    }

    public class FactSourceMetadata
    {
        public FactSourceMetadata();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Permalink { get; set; }
        public string SourceId { get; set; }
        public System.DateTimeOffset? SourceOccurredAt { get; set; }
        public string SourceQuote { get; set; }
        public Outlit.SourceType? SourceType { get; set; }
    }

    public class FactSourceRef
    {
        public FactSourceRef();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.DateTimeOffset? OccurredAt { get; set; }
        public string Permalink { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceType SourceType { get; set; }
    }

    public readonly struct FactStatus : System.IEquatable<Outlit.FactStatus>
    {
        public FactStatus(string value);
        public static Outlit.FactStatus Acknowledged { get; }
        public static Outlit.FactStatus Active { get; }
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.FactStatus Candidate { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.FactStatus> KnownValues { get; }
        public static Outlit.FactStatus Resolved { get; }
        public static Outlit.FactStatus Snoozed { get; }
        public bool Equals(Outlit.FactStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.FactStatus Normalized();
        public static Outlit.FactStatus Parse(string value);
        public override string ToString();
    }

    public class FormEvent : Outlit.IngestEvent
    {
        public FormEvent();
        public System.Collections.Generic.IDictionary<string, object> FormFields { get; set; }
        public string FormId { get; set; }
        public static Outlit.FormEvent Create(string url, string formId = null, System.Collections.Generic.IReadOnlyDictionary<string, object> fields = null, System.DateTimeOffset? timestamp = null);
    }

    public class GetCustomerInput
    {
        public GetCustomerInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Customer { get; set; }
        public System.Collections.Generic.ICollection<Outlit.GetCustomerInputIncludeItem> Include { get; set; }
        public Outlit.ActivityWindow? Timeframe { get; set; }
    }

    public readonly struct GetCustomerInputIncludeItem : System.IEquatable<Outlit.GetCustomerInputIncludeItem>
    {
        public GetCustomerInputIncludeItem(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.GetCustomerInputIncludeItem BehaviorMetrics { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.GetCustomerInputIncludeItem> KnownValues { get; }
        public static Outlit.GetCustomerInputIncludeItem RecentTimeline { get; }
        public static Outlit.GetCustomerInputIncludeItem Revenue { get; }
        public static Outlit.GetCustomerInputIncludeItem Users { get; }
        public bool Equals(Outlit.GetCustomerInputIncludeItem other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.GetCustomerInputIncludeItem Normalized();
        public static Outlit.GetCustomerInputIncludeItem Parse(string value);
        public override string ToString();
    }

    public class GetCustomerOutput
    {
        public GetCustomerOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.CustomerBehaviorMetrics BehaviorMetrics { get; set; }
        public Outlit.CustomerDetail Customer { get; set; }
        public Outlit.CustomerEnrichment Enrichment { get; set; }
        public System.Collections.Generic.ICollection<Outlit.CustomerTimelineEntry> RecentTimeline { get; set; }
        public Outlit.CustomerRevenue Revenue { get; set; }
        public System.Collections.Generic.ICollection<Outlit.CustomerUser> Users { get; set; }
    }

    public class GetFactInput
    {
        public GetFactInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string FactId { get; set; }
        public System.Collections.Generic.ICollection<string> Include { get; set; }
    }

    public class GetFactOutput : Outlit.Fact
    {
        public GetFactOutput();
    }

    public class GetSourceInput
    {
        public GetSourceInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceTypeFilter SourceType { get; set; }
    }

    public class GetSourceOutput : Outlit.SourceRecord
    {
        public GetSourceOutput();
    }

    public class GetTimelineInput
    {
        public GetTimelineInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.TimelineChannel> Channels { get; set; }
        public string Cursor { get; set; }
        public string Customer { get; set; }
        public System.DateTimeOffset? EndDate { get; set; }
        public System.Collections.Generic.ICollection<string> EventTypes { get; set; }
        public double? Limit { get; set; }
        public System.DateTimeOffset? StartDate { get; set; }
        public Outlit.GetTimelineInputTimeframe? Timeframe { get; set; }
    }

    public readonly struct GetTimelineInputTimeframe : System.IEquatable<Outlit.GetTimelineInputTimeframe>
    {
        public GetTimelineInputTimeframe(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.GetTimelineInputTimeframe All { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.GetTimelineInputTimeframe> KnownValues { get; }
        public static Outlit.GetTimelineInputTimeframe V14d { get; }
        public static Outlit.GetTimelineInputTimeframe V30d { get; }
        public static Outlit.GetTimelineInputTimeframe V7d { get; }
        public static Outlit.GetTimelineInputTimeframe V90d { get; }
        public bool Equals(Outlit.GetTimelineInputTimeframe other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.GetTimelineInputTimeframe Normalized();
        public static Outlit.GetTimelineInputTimeframe Parse(string value);
        public override string ToString();
    }

    public class GetTimelineOutput
    {
        public GetTimelineOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.TimelineEvent> Events { get; set; }
        public Outlit.CursorPagination Pagination { get; set; }
    }

    public interface IOutlitIngestApi
    {
        System.Threading.Tasks.Task<Outlit.IngestEventsSuccess> IngestEventsAsync(string publicKey, Outlit.IngestEventsRequest body, System.Threading.CancellationToken cancellationToken = default);
    }

    public interface IOutlitPlatformApi
    {
        System.Threading.Tasks.Task<System.Collections.Generic.IDictionary<string, object>> CallToolAsync(Outlit.ToolCallRequest body, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.IntegrationConnectResponse> ConnectIntegrationAsync(Outlit.IntegrationConnectRequest body, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.DisconnectIntegrationResult> DisconnectIntegrationAsync(Outlit.IntegrationDisconnectRequest body, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.IntegrationCapabilitiesResponse> GetIntegrationCapabilitiesAsync(Outlit.ProviderId? provider, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.IntegrationConnectionStatusResponse> GetIntegrationConnectionStatusAsync(string sessionId, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.IntegrationSyncStatusResponse> GetIntegrationSyncStatusAsync(Outlit.ProviderId provider, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.IntegrationListResponse> ListIntegrationsAsync(bool? connectedOnly, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<System.Collections.Generic.IDictionary<string, object>> RunIntegrationSetupStepAsync(Outlit.IntegrationSetupStepRequest body, System.Threading.CancellationToken cancellationToken = default);
        System.Threading.Tasks.Task<Outlit.ValidateApiKeySuccess> ValidateApiKeyAsync(System.Threading.CancellationToken cancellationToken = default);
    }

    public class IdentifyEvent : Outlit.IngestEvent
    {
        public IdentifyEvent();
        public string CustomerId { get; set; }
        public System.Collections.Generic.IDictionary<string, object> CustomerTraits { get; set; }
        public string Email { get; set; }
        public System.Collections.Generic.IDictionary<string, object> Traits { get; set; }
        public string UserId { get; set; }
        public static Outlit.IdentifyEvent Create(string email = null, string userId = null, System.Collections.Generic.IReadOnlyDictionary<string, object> traits = null, string customerId = null, System.Collections.Generic.IReadOnlyDictionary<string, object> customerTraits = null, string url = null, System.DateTimeOffset? timestamp = null);
    }

    public sealed class IngestDeliveryFailure
    {
        public System.Collections.Generic.IReadOnlyList<Outlit.IngestEventFailure> Failures { get; }
    }

    public class IngestEvent
    {
        public IngestEvent();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Path { get; set; }
        public string Referrer { get; set; }
        public double? Timestamp { get; set; }
        public System.Uri Url { get; set; }
        public Outlit.UtmParameters Utm { get; set; }
        public Outlit.IngestEvent WithUrl(string url);
    }

    public sealed class IngestEventFailure
    {
        public Outlit.IngestEvent Event { get; }
        public System.Exception Exception { get; }
        public long Index { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.IngestIssue> Issues { get; }
        public string Message { get; }
        public Outlit.IngestFailureReason Reason { get; }
        public int? StatusCode { get; }
        public override string ToString();
    }

    public class IngestEventsError
    {
        public IngestEventsError();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ValidationIssue> Errors { get; set; }
        public string Message { get; set; }
        public bool Success { get; set; }
    }

    public class IngestEventsRequest
    {
        public IngestEventsRequest();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.CustomerIdentity CustomerIdentity { get; set; }
        public System.Collections.Generic.ICollection<Outlit.IngestEvent> Events { get; set; }
        public Outlit.IngestEventsRequestSource? Source { get; set; }
        public Outlit.UserIdentity UserIdentity { get; set; }
        public System.Guid? VisitorId { get; set; }
    }

    public readonly struct IngestEventsRequestSource : System.IEquatable<Outlit.IngestEventsRequestSource>
    {
        public IngestEventsRequestSource(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.IngestEventsRequestSource Client { get; }
        public static Outlit.IngestEventsRequestSource Integration { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.IngestEventsRequestSource> KnownValues { get; }
        public static Outlit.IngestEventsRequestSource Server { get; }
        public bool Equals(Outlit.IngestEventsRequestSource other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.IngestEventsRequestSource Normalized();
        public static Outlit.IngestEventsRequestSource Parse(string value);
        public override string ToString();
    }

    public class IngestEventsSuccess
    {
        public IngestEventsSuccess();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool Success { get; set; }
    }

    public enum IngestFailureReason
    {
        DeliveryFailed = 3,
        Invalid = 5,
        NotSent = 4,
        Rejected = 1,
        RequestRejected = 2,
        TooLarge = 0,
    }

    public sealed class IngestIssue : System.IEquatable<Outlit.IngestIssue>
    {
        public IngestIssue(System.Collections.Generic.IReadOnlyList<object> Path, string Message);
        public string Message { get; init; }
        public System.Collections.Generic.IReadOnlyList<object> Path { get; init; }
        public Outlit.IngestIssue <Clone>$();
        public void Deconstruct(out System.Collections.Generic.IReadOnlyList<object> Path, out string Message);
        public bool Equals(Outlit.IngestIssue other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public static class IngestLimits
    {
        public const int MaxEventsPerRequest = 100;
        public const int MaxRequestBytes = 1048576;
        public const string PublicKeyPrefix = "pk_";
        public const int RequestsPerSecond = 100;
    }

    public sealed class IngestRateLimitInfo : System.IEquatable<Outlit.IngestRateLimitInfo>
    {
        public IngestRateLimitInfo(int? Limit, int? Remaining, System.DateTimeOffset? ResetAt);
        public int? Limit { get; init; }
        public int? Remaining { get; init; }
        public System.DateTimeOffset? ResetAt { get; init; }
        public Outlit.IngestRateLimitInfo <Clone>$();
        public void Deconstruct(out int? Limit, out int? Remaining, out System.DateTimeOffset? ResetAt);
        public bool Equals(Outlit.IngestRateLimitInfo other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class IngestResult
    {
        public int AcceptedCount { get; }
        public System.Collections.Generic.IReadOnlyList<long> AcceptedIndexes { get; }
        public int EventCount { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.IngestEventFailure> Failures { get; }
        public bool IsSuccess { get; }
        public int RequestCount { get; }
        public Outlit.IngestResult EnsureSuccess();
    }

    public class Integration
    {
        public Integration();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Category { get; set; }
        public string ConnectionId { get; set; }
        public string ErrorMessage { get; set; }
        public Outlit.ProviderId Id { get; set; }
        public System.DateTimeOffset? LastDataReceivedAt { get; set; }
        public string Name { get; set; }
        public Outlit.IntegrationStatus Status { get; set; }
        public string SyncStatus { get; set; }
    }

    public class IntegrationBrowserSessionResponse
    {
        public IntegrationBrowserSessionResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool AlreadyConnected { get; set; }
        public System.Uri ConnectUrl { get; set; }
        public string SessionId { get; set; }
    }

    public class IntegrationCapabilitiesResponse
    {
        public IntegrationCapabilitiesResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool IsProviderCapabilityEnvelope { get; }
        public bool IsProviderCapabilityMap { get; }
        public Outlit.ProviderCapability Provider { get; set; }
    }

    public sealed class IntegrationCapabilitySet
    {
        public IntegrationCapabilitySet(System.Collections.Generic.IReadOnlyList<Outlit.ProviderCapability> providers, bool isSingleProvider);
        public bool IsSingleProvider { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.ProviderCapability> Providers { get; }
        public Outlit.ProviderCapability Find(Outlit.ProviderId provider);
    }

    public class IntegrationConnectRequest
    {
        public IntegrationConnectRequest();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public object Config { get; set; }
        public Outlit.ProviderId Provider { get; set; }
    }

    public class IntegrationConnectResponse
    {
        public IntegrationConnectResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool? AlreadyConnected { get; set; }
        public System.Uri ConnectUrl { get; set; }
        public bool? Connected { get; set; }
        public string ConnectionId { get; set; }
        public bool IsIntegrationBrowserSessionResponse { get; }
        public bool IsIntegrationDirectConnectionResponse { get; }
        public string SessionId { get; set; }
    }

    public class IntegrationConnectionStatusResponse
    {
        public IntegrationConnectionStatusResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Error { get; set; }
        public Outlit.ProviderId Provider { get; set; }
        public Outlit.IntegrationConnectionStatusResponseStatus Status { get; set; }
    }

    public readonly struct IntegrationConnectionStatusResponseStatus : System.IEquatable<Outlit.IntegrationConnectionStatusResponseStatus>
    {
        public IntegrationConnectionStatusResponseStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.IntegrationConnectionStatusResponseStatus Connected { get; }
        public static Outlit.IntegrationConnectionStatusResponseStatus Expired { get; }
        public static Outlit.IntegrationConnectionStatusResponseStatus Failed { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.IntegrationConnectionStatusResponseStatus> KnownValues { get; }
        public static Outlit.IntegrationConnectionStatusResponseStatus Pending { get; }
        public bool Equals(Outlit.IntegrationConnectionStatusResponseStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.IntegrationConnectionStatusResponseStatus Normalized();
        public static Outlit.IntegrationConnectionStatusResponseStatus Parse(string value);
        public override string ToString();
    }

    public class IntegrationDirectConnectionResponse
    {
        public IntegrationDirectConnectionResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool AlreadyConnected { get; set; }
        public bool Connected { get; set; }
        public string ConnectionId { get; set; }
    }

    public class IntegrationDisconnectNotConnectedResponse
    {
        public IntegrationDisconnectNotConnectedResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Message { get; set; }
        public bool Success { get; set; }
    }

    public class IntegrationDisconnectRequest
    {
        public IntegrationDisconnectRequest();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.ProviderId Provider { get; set; }
    }

    public class IntegrationDisconnectResponse
    {
        public IntegrationDisconnectResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool Success { get; set; }
    }

    public class IntegrationListResponse
    {
        public IntegrationListResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.Integration> Items { get; set; }
    }

    public class IntegrationSetupStepRequest
    {
        public IntegrationSetupStepRequest();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public object Config { get; set; }
        public Outlit.ProviderId Provider { get; set; }
        public string Step { get; set; }
    }

    public readonly struct IntegrationStatus : System.IEquatable<Outlit.IntegrationStatus>
    {
        public IntegrationStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.IntegrationStatus Connected { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.IntegrationStatus> KnownValues { get; }
        public static Outlit.IntegrationStatus NotConnected { get; }
        public bool Equals(Outlit.IntegrationStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.IntegrationStatus Normalized();
        public static Outlit.IntegrationStatus Parse(string value);
        public override string ToString();
    }

    public class IntegrationSync
    {
        public IntegrationSync();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string ErrorMessage { get; set; }
        public System.DateTimeOffset? LastSyncedAt { get; set; }
        public string Model { get; set; }
        public string Status { get; set; }
    }

    public class IntegrationSyncStatusResponse
    {
        public IntegrationSyncStatusResponse();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Category { get; set; }
        public string Name { get; set; }
        public Outlit.ProviderId Provider { get; set; }
        public Outlit.IntegrationStatus Status { get; set; }
        public System.Collections.Generic.ICollection<Outlit.IntegrationSync> Syncs { get; set; }
    }

    public readonly struct JourneyStage : System.IEquatable<Outlit.JourneyStage>
    {
        public JourneyStage(string value);
        public static Outlit.JourneyStage Activated { get; }
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.JourneyStage Discovered { get; }
        public static Outlit.JourneyStage Engaged { get; }
        public static Outlit.JourneyStage Inactive { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.JourneyStage> KnownValues { get; }
        public static Outlit.JourneyStage SignedUp { get; }
        public bool Equals(Outlit.JourneyStage other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.JourneyStage Normalized();
        public static Outlit.JourneyStage Parse(string value);
        public override string ToString();
    }

    public class JsonInheritanceConverter : Newtonsoft.Json.JsonConverter
    {
        public JsonInheritanceConverter();
        public JsonInheritanceConverter(string discriminatorName);
        public override bool CanRead { get; }
        public override bool CanWrite { get; }
        public string DiscriminatorName { get; }
        public override bool CanConvert(System.Type objectType);
        public override object ReadJson(Newtonsoft.Json.JsonReader reader, System.Type objectType, object existingValue, Newtonsoft.Json.JsonSerializer serializer);
        public override void WriteJson(Newtonsoft.Json.JsonWriter writer, object value, Newtonsoft.Json.JsonSerializer serializer);
    }

    public class ListCustomersInput
    {
        public ListCustomersInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.BillingStatus? BillingStatus { get; set; }
        public string Cursor { get; set; }
        public Outlit.ActivityWindow? HasActivityInLast { get; set; }
        public bool? HasOwner { get; set; }
        public double? Limit { get; set; }
        public double? MrrAbove { get; set; }
        public double? MrrBelow { get; set; }
        public Outlit.ActivityWindow? NoActivityInLast { get; set; }
        public Outlit.ListCustomersInputOrderBy? OrderBy { get; set; }
        public Outlit.SortDirection? OrderDirection { get; set; }
        public string OwnerEmail { get; set; }
        public string OwnerId { get; set; }
        public string Search { get; set; }
        public System.Collections.Generic.IDictionary<string, object> TraitFilters { get; set; }
    }

    public readonly struct ListCustomersInputOrderBy : System.IEquatable<Outlit.ListCustomersInputOrderBy>
    {
        public ListCustomersInputOrderBy(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ListCustomersInputOrderBy FirstSeenAt { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ListCustomersInputOrderBy> KnownValues { get; }
        public static Outlit.ListCustomersInputOrderBy LastActivityAt { get; }
        public static Outlit.ListCustomersInputOrderBy MrrCents { get; }
        public static Outlit.ListCustomersInputOrderBy Name { get; }
        public bool Equals(Outlit.ListCustomersInputOrderBy other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ListCustomersInputOrderBy Normalized();
        public static Outlit.ListCustomersInputOrderBy Parse(string value);
        public override string ToString();
    }

    public class ListCustomersOutput
    {
        public ListCustomersOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.CustomerSummary> Items { get; set; }
        public Outlit.Pagination Pagination { get; set; }
    }

    public class ListFactsInput
    {
        public ListFactsInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.DateTimeOffset? After { get; set; }
        public System.DateTimeOffset? Before { get; set; }
        public string Cursor { get; set; }
        public string Customer { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ListFactsInputFactCategoriesItem> FactCategories { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ListFactsInputFactTypesItem> FactTypes { get; set; }
        public double? Limit { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SourceTypeFilter> SourceTypes { get; set; }
        public System.Collections.Generic.ICollection<Outlit.FactStatus> Status { get; set; }
    }

    public readonly struct ListFactsInputFactCategoriesItem : System.IEquatable<Outlit.ListFactsInputFactCategoriesItem>
    {
        public ListFactsInputFactCategoriesItem(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ListFactsInputFactCategoriesItem Custom { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ListFactsInputFactCategoriesItem> KnownValues { get; }
        public static Outlit.ListFactsInputFactCategoriesItem Memory { get; }
        public bool Equals(Outlit.ListFactsInputFactCategoriesItem other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ListFactsInputFactCategoriesItem Normalized();
        public static Outlit.ListFactsInputFactCategoriesItem Parse(string value);
        public override string ToString();
    }

    public readonly struct ListFactsInputFactTypesItem : System.IEquatable<Outlit.ListFactsInputFactTypesItem>
    {
        public ListFactsInputFactTypesItem(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ListFactsInputFactTypesItem Budget { get; }
        public static Outlit.ListFactsInputFactTypesItem ChampionRisk { get; }
        public static Outlit.ListFactsInputFactTypesItem ChurnRisk { get; }
        public static Outlit.ListFactsInputFactTypesItem CompanyChange { get; }
        public static Outlit.ListFactsInputFactTypesItem Competitive { get; }
        public static Outlit.ListFactsInputFactTypesItem ContactInfo { get; }
        public static Outlit.ListFactsInputFactTypesItem ContactPreference { get; }
        public static Outlit.ListFactsInputFactTypesItem Custom { get; }
        public static Outlit.ListFactsInputFactTypesItem DecisionMaker { get; }
        public static Outlit.ListFactsInputFactTypesItem Expansion { get; }
        public static Outlit.ListFactsInputFactTypesItem FundingRevenue { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ListFactsInputFactTypesItem> KnownValues { get; }
        public static Outlit.ListFactsInputFactTypesItem ProductUsage { get; }
        public static Outlit.ListFactsInputFactTypesItem Requirements { get; }
        public static Outlit.ListFactsInputFactTypesItem Sentiment { get; }
        public static Outlit.ListFactsInputFactTypesItem Strategy { get; }
        public static Outlit.ListFactsInputFactTypesItem Technology { get; }
        public static Outlit.ListFactsInputFactTypesItem Timeline { get; }
        public bool Equals(Outlit.ListFactsInputFactTypesItem other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ListFactsInputFactTypesItem Normalized();
        public static Outlit.ListFactsInputFactTypesItem Parse(string value);
        public override string ToString();
    }

    public class ListFactsOutput
    {
        public ListFactsOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.CustomerReference Customer { get; set; }
        public System.Collections.Generic.ICollection<Outlit.Fact> Facts { get; set; }
        public Outlit.CursorPagination Pagination { get; set; }
    }

    public class ListSourcesInput
    {
        public ListSourcesInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.DateTimeOffset? After { get; set; }
        public System.DateTimeOffset? Before { get; set; }
        public string Cursor { get; set; }
        public string Customer { get; set; }
        public bool? HasTranscript { get; set; }
        public int? Limit { get; set; }
        public string Participant { get; set; }
        public string Provider { get; set; }
        public Outlit.SourceTypeFilter? SourceType { get; set; }
    }

    public class ListSourcesOutput
    {
        public ListSourcesOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SourceRecord> Items { get; set; }
        public Outlit.CursorPagination Pagination { get; set; }
    }

    public class ListUsersInput
    {
        public ListUsersInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Cursor { get; set; }
        public string CustomerId { get; set; }
        public string HasActivityInLast { get; set; }
        public Outlit.JourneyStage? JourneyStage { get; set; }
        public double? Limit { get; set; }
        public string NoActivityInLast { get; set; }
        public Outlit.ListUsersInputOrderBy? OrderBy { get; set; }
        public Outlit.SortDirection? OrderDirection { get; set; }
        public string Search { get; set; }
        public System.Collections.Generic.IDictionary<string, object> TraitFilters { get; set; }
    }

    public readonly struct ListUsersInputOrderBy : System.IEquatable<Outlit.ListUsersInputOrderBy>
    {
        public ListUsersInputOrderBy(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ListUsersInputOrderBy Email { get; }
        public static Outlit.ListUsersInputOrderBy FirstSeenAt { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ListUsersInputOrderBy> KnownValues { get; }
        public static Outlit.ListUsersInputOrderBy LastActivityAt { get; }
        public bool Equals(Outlit.ListUsersInputOrderBy other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ListUsersInputOrderBy Normalized();
        public static Outlit.ListUsersInputOrderBy Parse(string value);
        public override string ToString();
    }

    public class ListUsersOutput
    {
        public ListUsersOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.UserSummary> Items { get; set; }
        public Outlit.Pagination Pagination { get; set; }
    }

    public class ListWorkspaceUsersInput
    {
        public ListWorkspaceUsersInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Cursor { get; set; }
        public bool? HasOwnedCustomers { get; set; }
        public double? Limit { get; set; }
        public string ManagerEmail { get; set; }
        public Outlit.ListWorkspaceUsersInputOrderBy? OrderBy { get; set; }
        public Outlit.SortDirection? OrderDirection { get; set; }
        public string Role { get; set; }
        public string Search { get; set; }
    }

    public readonly struct ListWorkspaceUsersInputOrderBy : System.IEquatable<Outlit.ListWorkspaceUsersInputOrderBy>
    {
        public ListWorkspaceUsersInputOrderBy(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ListWorkspaceUsersInputOrderBy Email { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ListWorkspaceUsersInputOrderBy> KnownValues { get; }
        public static Outlit.ListWorkspaceUsersInputOrderBy Name { get; }
        public static Outlit.ListWorkspaceUsersInputOrderBy OwnedCustomerCount { get; }
        public bool Equals(Outlit.ListWorkspaceUsersInputOrderBy other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ListWorkspaceUsersInputOrderBy Normalized();
        public static Outlit.ListWorkspaceUsersInputOrderBy Parse(string value);
        public override string ToString();
    }

    public class ListWorkspaceUsersOutput
    {
        public ListWorkspaceUsersOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.WorkspaceUserSummary> Items { get; set; }
        public Outlit.Pagination Pagination { get; set; }
    }

    public readonly struct MrrCalculationStatus : System.IEquatable<Outlit.MrrCalculationStatus>
    {
        public MrrCalculationStatus(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.MrrCalculationStatus Calculated { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.MrrCalculationStatus> KnownValues { get; }
        public static Outlit.MrrCalculationStatus MixedCurrency { get; }
        public static Outlit.MrrCalculationStatus Unavailable { get; }
        public bool Equals(Outlit.MrrCalculationStatus other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.MrrCalculationStatus Normalized();
        public static Outlit.MrrCalculationStatus Parse(string value);
        public override string ToString();
    }

    public class OutlitAuthenticationException : Outlit.OutlitException
    {
        public OutlitAuthenticationException(Outlit.OutlitErrorResponse response);
    }

    public class OutlitClient : System.IDisposable
    {
        protected OutlitClient();
        public OutlitClient(Outlit.OutlitClientOptions options);
        public OutlitClient(string apiKey);
        public virtual Outlit.IOutlitPlatformApi Api { get; }
        public virtual System.Uri BaseUrl { get; }
        public virtual Outlit.OutlitContractDriftMonitor ContractDrift { get; }
        public virtual Outlit.OutlitIntegrations Integrations { get; }
        public virtual Outlit.OutlitTools Tools { get; }
        public void Dispose();
        protected virtual void Dispose(bool disposing);
        public override string ToString();
        public virtual System.Threading.Tasks.Task<Outlit.ApiKeyValidationResult> ValidateApiKeyAsync(System.Threading.CancellationToken cancellationToken = default);
    }

    public class OutlitClientOptions : Outlit.OutlitPipelineOptions
    {
        public const string ApiKeyEnvironmentVariable = "OUTLIT_API_KEY";
        public OutlitClientOptions();
        public string ApiKey { get; set; }
        public System.TimeSpan ConnectionPollInterval { get; set; }
        public System.TimeSpan ConnectionPollMaxInterval { get; set; }
        public bool ContractDriftDetection { get; set; }
        public int ContractDriftMaxRecentFindings { get; set; }
        public override string ToString();
    }

    public class OutlitConfigurationException : Outlit.OutlitException
    {
        public OutlitConfigurationException(string message);
    }

    public class OutlitConnectionExpiredException : Outlit.OutlitConnectionSessionException
    {
        public OutlitConnectionExpiredException(string sessionId, Outlit.IntegrationConnectionStatusResponse status);
    }

    public class OutlitConnectionFailedException : Outlit.OutlitConnectionSessionException
    {
        public OutlitConnectionFailedException(string sessionId, Outlit.IntegrationConnectionStatusResponse status);
        public string ServerError { get; }
    }

    public class OutlitConnectionLimitException : Outlit.OutlitPlanLimitException
    {
        public OutlitConnectionLimitException(Outlit.OutlitErrorResponse response);
        public int? CurrentConnections { get; }
        public int? Limit { get; }
    }

    public abstract class OutlitConnectionSessionException : Outlit.OutlitException
    {
        public Outlit.IntegrationConnectionStatusResponse LastStatus { get; }
        public string SessionId { get; }
    }

    public sealed class OutlitContractDriftFinding : System.IEquatable<Outlit.OutlitContractDriftFinding>
    {
        public OutlitContractDriftFinding(string Operation, string Tool, int Status, string Pointer, Outlit.OutlitContractDriftKind Kind, string Detail, System.DateTimeOffset ObservedAt);
        public string Detail { get; init; }
        public Outlit.OutlitContractDriftKind Kind { get; init; }
        public System.DateTimeOffset ObservedAt { get; init; }
        public string Operation { get; init; }
        public string Pointer { get; init; }
        public int Status { get; init; }
        public string Tool { get; init; }
        public Outlit.OutlitContractDriftFinding <Clone>$();
        public void Deconstruct(out string Operation, out string Tool, out int Status, out string Pointer, out Outlit.OutlitContractDriftKind Kind, out string Detail, out System.DateTimeOffset ObservedAt);
        public bool Equals(Outlit.OutlitContractDriftFinding other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public enum OutlitContractDriftKind
    {
        MissingRequiredProperty = 2,
        UndocumentedProperty = 0,
        UnexpectedType = 3,
        UnlistedEnumValue = 1,
    }

    public sealed class OutlitContractDriftMonitor
    {
        public System.Collections.Generic.IReadOnlyDictionary<Outlit.OutlitContractDriftKind, long> Findings { get; }
        public bool IsEnabled { get; }
        public int MaxRecentFindings { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.OutlitContractDriftFinding> RecentFindings { get; }
        public long ResponsesChecked { get; }
        public long ResponsesNotChecked { get; }
        public long TotalFindings { get; }
        public override string ToString();
    }

    public sealed class OutlitErrorDetail : System.IEquatable<Outlit.OutlitErrorDetail>
    {
        public OutlitErrorDetail(System.Collections.Generic.IReadOnlyList<string> Path, string Message);
        public string Message { get; init; }
        public System.Collections.Generic.IReadOnlyList<string> Path { get; init; }
        public Outlit.OutlitErrorDetail <Clone>$();
        public void Deconstruct(out System.Collections.Generic.IReadOnlyList<string> Path, out string Message);
        public bool Equals(Outlit.OutlitErrorDetail other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class OutlitErrorResponse : System.IEquatable<Outlit.OutlitErrorResponse>
    {
        public OutlitErrorResponse();
        public bool BodyWasJson { get; init; }
        public string Code { get; init; }
        public int? ConnectionLimit { get; init; }
        public int? CurrentConnections { get; init; }
        public System.Collections.Generic.IReadOnlyList<Outlit.OutlitErrorDetail> Details { get; init; }
        public string Feature { get; init; }
        public string Message { get; init; }
        public string Operation { get; init; }
        public string Plan { get; init; }
        public System.DateTimeOffset? PlanResetAt { get; init; }
        public int? RateLimitLimit { get; init; }
        public int? RateLimitRemaining { get; init; }
        public System.DateTimeOffset? RateLimitResetAt { get; init; }
        public string RawBodySnippet { get; init; }
        public string RequestId { get; init; }
        public System.TimeSpan? RequestedWait { get; init; }
        public System.TimeSpan? RetryAfter { get; init; }
        public bool? Retryable { get; init; }
        public int Status { get; init; }
        public Outlit.OutlitErrorResponse <Clone>$();
        public bool Equals(Outlit.OutlitErrorResponse other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class OutlitEventTooLargeException : Outlit.OutlitIngestException
    {
        public OutlitEventTooLargeException(long requestBytes, int limitBytes);
        public int LimitBytes { get; }
        public long RequestBytes { get; }
    }

    public class OutlitException : System.Exception
    {
        public OutlitException(Outlit.OutlitErrorResponse response, System.Exception innerException = null);
        public OutlitException(string message, System.Exception innerException = null);
        public System.Collections.Generic.IReadOnlyList<Outlit.OutlitErrorDetail> Details { get; }
        public string ErrorCode { get; }
        public string Operation { get; }
        public string RawBodySnippet { get; }
        public string RequestId { get; }
        public bool? Retryable { get; }
        public string ServerMessage { get; }
        public int Status { get; }
    }

    public static class OutlitHttpRequestOptions
    {
        public static readonly System.Net.Http.HttpRequestOptionsKey<int> Attempt;
        public static readonly System.Net.Http.HttpRequestOptionsKey<bool> Idempotent;
        public static readonly System.Net.Http.HttpRequestOptionsKey<string> Operation;
        public static readonly System.Net.Http.HttpRequestOptionsKey<string> OperationId;
        public static readonly System.Net.Http.HttpRequestOptionsKey<string> Tool;
    }

    public class OutlitIngestApi : Outlit.IOutlitIngestApi
    {
        protected OutlitIngestApi();
        public virtual System.Threading.Tasks.Task<Outlit.IngestEventsSuccess> IngestEventsAsync(string publicKey, Outlit.IngestEventsRequest body, System.Threading.CancellationToken cancellationToken = default);
    }

    public sealed class OutlitIngestClient : System.IDisposable
    {
        public OutlitIngestClient(string publicKey, Outlit.OutlitIngestClientOptions options = null);
        public OutlitIngestClient(string publicKey, System.Net.Http.HttpClient httpClient, Outlit.OutlitIngestClientOptions options = null);
        public Outlit.IOutlitIngestApi Api { get; }
        public System.Uri Endpoint { get; }
        public string PublicKey { get; }
        public Outlit.IngestRateLimitInfo RateLimit { get; }
        public void Dispose();
        public System.Threading.Tasks.Task<Outlit.IngestResult> SendAsync(Outlit.IngestEventsRequest request, System.Threading.CancellationToken cancellationToken = default);
        public System.Threading.Tasks.Task<Outlit.IngestResult> SendAsync(System.Collections.Generic.IEnumerable<Outlit.IngestEvent> events, System.Threading.CancellationToken cancellationToken = default);
        public static void ValidatePublicKey(string publicKey);
    }

    public sealed class OutlitIngestClientOptions : Outlit.OutlitPipelineOptions
    {
        public OutlitIngestClientOptions();
        public int MaxEventsPerRequest { get; set; }
        public int MaxRequestBytes { get; set; }
        public int RequestsPerSecond { get; set; }
    }

    public class OutlitIngestException : Outlit.OutlitException
    {
        public OutlitIngestException(string message, System.Collections.Generic.IReadOnlyList<Outlit.IngestEventFailure> failures, System.Exception innerException = null);
        public System.Collections.Generic.IReadOnlyList<Outlit.IngestEventFailure> Failures { get; }
    }

    public static class OutlitIngestServiceCollectionExtensions
    {
        public const string HttpClientName = "Outlit.Ingest";
        public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddOutlitIngest(Microsoft.Extensions.DependencyInjection.IServiceCollection services, string publicKey, System.Action<Outlit.OutlitIngestClientOptions> configure = null);
        public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddOutlitTracker(Microsoft.Extensions.DependencyInjection.IServiceCollection services, string publicKey, System.Action<Outlit.OutlitTrackerOptions> configureTracker = null, System.Action<Outlit.OutlitIngestClientOptions> configureClient = null);
    }

    public class OutlitIntegrations
    {
        public static readonly System.TimeSpan DefaultConnectionWaitTimeout;
        protected OutlitIntegrations();
        public virtual System.Threading.Tasks.Task<Outlit.ConnectResult> ConnectAsync(Outlit.ProviderId provider, object config = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.DisconnectResult> DisconnectAsync(Outlit.ProviderId provider, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationCapabilitySet> GetCapabilitiesAsync(Outlit.ProviderId? provider = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationConnectionStatusResponse> GetConnectionStatusAsync(string sessionId, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationSyncStatusResponse> GetSyncStatusAsync(Outlit.ProviderId provider, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Outlit.Integration>> ListAsync(bool connectedOnly = false, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Newtonsoft.Json.Linq.JObject> RunSetupStepAsync(Outlit.ProviderId provider, string step, object config = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationConnectionStatusResponse> WaitForConnectionAsync(string sessionId, System.TimeSpan? timeout = null, System.IProgress<Outlit.IntegrationConnectionStatusResponse> progress = null, System.Threading.CancellationToken cancellationToken = default);
    }

    public class OutlitNetworkException : Outlit.OutlitException
    {
        public OutlitNetworkException(string message, System.Exception innerException = null);
    }

    public class OutlitNotFoundException : Outlit.OutlitException
    {
        public OutlitNotFoundException(Outlit.OutlitErrorResponse response);
    }

    public sealed class OutlitPage<T>
    {
        public OutlitPage<T>(System.Collections.Generic.IReadOnlyList<T> items, string continuationToken, bool hasMore, long? total);
        public string ContinuationToken { get; }
        public bool HasMore { get; }
        public System.Collections.Generic.IReadOnlyList<T> Items { get; }
        public long? Total { get; }
    }

    public class OutlitPageable<T> : System.Collections.Generic.IAsyncEnumerable<T>
    {
        public const int MaxConsecutiveEmptyPages = 10;
        protected OutlitPageable<T>();
        public virtual System.Collections.Generic.IAsyncEnumerable<Outlit.OutlitPage<T>> AsPages(string continuationToken = null, int? pageSizeHint = null);
        public virtual System.Collections.Generic.IAsyncEnumerator<T> GetAsyncEnumerator(System.Threading.CancellationToken cancellationToken = default);
    }

    public abstract class OutlitPipelineOptions
    {
        public static readonly System.Uri DefaultBaseUrl;
        public const long DefaultMaxResponseBytes = 52428800;
        public System.TimeSpan AttemptTimeout { get; set; }
        public System.TimeSpan BaseDelay { get; set; }
        public System.Uri BaseUrl { get; set; }
        public System.Net.Http.HttpClient HttpClient { get; set; }
        public System.Net.Http.HttpMessageHandler HttpMessageHandler { get; set; }
        public Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory { get; set; }
        public System.TimeSpan MaxDelay { get; set; }
        public long MaxResponseBytes { get; set; }
        public int MaxRetries { get; set; }
        public System.TimeSpan MaxRetryAfter { get; set; }
        public System.TimeProvider TimeProvider { get; set; }
        public System.TimeSpan TotalTimeout { get; set; }
    }

    public class OutlitPlanLimitException : Outlit.OutlitException
    {
        public OutlitPlanLimitException(Outlit.OutlitErrorResponse response);
        public string Feature { get; }
        public string Plan { get; }
        public System.DateTimeOffset? ResetAt { get; }
    }

    public class OutlitPlatformApi : Outlit.IOutlitPlatformApi
    {
        protected OutlitPlatformApi();
        public virtual System.Threading.Tasks.Task<System.Collections.Generic.IDictionary<string, object>> CallToolAsync(Outlit.ToolCallRequest body, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationConnectResponse> ConnectIntegrationAsync(Outlit.IntegrationConnectRequest body, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.DisconnectIntegrationResult> DisconnectIntegrationAsync(Outlit.IntegrationDisconnectRequest body, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationCapabilitiesResponse> GetIntegrationCapabilitiesAsync(Outlit.ProviderId? provider, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationConnectionStatusResponse> GetIntegrationConnectionStatusAsync(string sessionId, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationSyncStatusResponse> GetIntegrationSyncStatusAsync(Outlit.ProviderId provider, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.IntegrationListResponse> ListIntegrationsAsync(bool? connectedOnly, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<System.Collections.Generic.IDictionary<string, object>> RunIntegrationSetupStepAsync(Outlit.IntegrationSetupStepRequest body, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ValidateApiKeySuccess> ValidateApiKeyAsync(System.Threading.CancellationToken cancellationToken = default);
    }

    public class OutlitRateLimitException : Outlit.OutlitException
    {
        public OutlitRateLimitException(Outlit.OutlitErrorResponse response);
        public int? Limit { get; }
        public int? Remaining { get; }
        public System.DateTimeOffset? ResetAt { get; }
        public System.TimeSpan? RetryAfter { get; }
    }

    public class OutlitRedirectException : Outlit.OutlitException
    {
        public OutlitRedirectException(Outlit.OutlitErrorResponse response, System.Uri target);
        public OutlitRedirectException(System.Uri target);
        public string TargetOrigin { get; }
    }

    public class OutlitResponseFormatException : Outlit.OutlitException
    {
        public OutlitResponseFormatException(string message, System.Exception innerException = null);
    }

    public class OutlitResponseTooLargeException : Outlit.OutlitException
    {
        public OutlitResponseTooLargeException(int status, long limit, long? declaredLength);
        public long Limit { get; }
        public int ResponseStatus { get; }
    }

    public class OutlitServerException : Outlit.OutlitException
    {
        public OutlitServerException(Outlit.OutlitErrorResponse response);
    }

    public static class OutlitServiceCollectionExtensions
    {
        public const string HttpClientName = "Outlit";
        public static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddOutlitClient(Microsoft.Extensions.DependencyInjection.IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration, System.Action<Outlit.OutlitClientOptions> configure = null);
        public static Microsoft.Extensions.DependencyInjection.IHttpClientBuilder AddOutlitClient(Microsoft.Extensions.DependencyInjection.IServiceCollection services, System.Action<Outlit.OutlitClientOptions> configure = null);
    }

    public class OutlitTimeoutException : Outlit.OutlitException
    {
        public OutlitTimeoutException(Outlit.OutlitErrorResponse response);
        public OutlitTimeoutException(string message, System.Exception innerException = null);
    }

    public sealed class OutlitTool
    {
        public string Group { get; }
        public System.Type InputType { get; }
        public bool IsAction { get; }
        public bool IsKnown { get; }
        public bool IsPaged { get; }
        public bool IsReadOnly { get; }
        public string MethodName { get; }
        public string Name { get; }
        public System.Type OutputType { get; }
        public string Summary { get; }
        public override string ToString();
    }

    public static class OutlitToolCatalog
    {
        public static System.Collections.Generic.IReadOnlyList<Outlit.OutlitTool> All { get; }
        public static Outlit.OutlitTool GetCustomer { get; }
        public static Outlit.OutlitTool GetFact { get; }
        public static Outlit.OutlitTool GetSchema { get; }
        public static Outlit.OutlitTool GetSource { get; }
        public static Outlit.OutlitTool GetTimeline { get; }
        public static Outlit.OutlitTool ListCustomers { get; }
        public static Outlit.OutlitTool ListFacts { get; }
        public static Outlit.OutlitTool ListSources { get; }
        public static Outlit.OutlitTool ListUsers { get; }
        public static Outlit.OutlitTool ListWorkspaceUsers { get; }
        public static Outlit.OutlitTool Query { get; }
        public static Outlit.OutlitTool SearchCustomerContext { get; }
        public static Outlit.OutlitTool SendNotification { get; }
        public static Outlit.OutlitTool Find(string name);
    }

    public class OutlitTools
    {
        protected OutlitTools();
        public virtual System.Threading.Tasks.Task<Newtonsoft.Json.Linq.JObject> CallToolAsync(string tool, object input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<TOutput> CallToolAsync<TOutput>(string tool, object input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.TimelineEvent> GetAllTimelineEventsAsync(Outlit.GetTimelineInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.GetCustomerOutput> GetCustomerAsync(Outlit.GetCustomerInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.GetFactOutput> GetFactAsync(Outlit.GetFactInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.SchemaOutput> GetSchemaAsync(Outlit.SchemaInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.GetSourceOutput> GetSourceAsync(Outlit.GetSourceInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.GetTimelineOutput> GetTimelineAsync(Outlit.GetTimelineInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.CustomerSummary> ListAllCustomersAsync(Outlit.ListCustomersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.Fact> ListAllFactsAsync(Outlit.ListFactsInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.SourceRecord> ListAllSourcesAsync(Outlit.ListSourcesInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.UserSummary> ListAllUsersAsync(Outlit.ListUsersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual Outlit.OutlitPageable<Outlit.WorkspaceUserSummary> ListAllWorkspaceUsersAsync(Outlit.ListWorkspaceUsersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ListCustomersOutput> ListCustomersAsync(Outlit.ListCustomersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ListFactsOutput> ListFactsAsync(Outlit.ListFactsInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ListSourcesOutput> ListSourcesAsync(Outlit.ListSourcesInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ListUsersOutput> ListUsersAsync(Outlit.ListUsersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.ListWorkspaceUsersOutput> ListWorkspaceUsersAsync(Outlit.ListWorkspaceUsersInput input = null, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.QueryOutput> QueryAsync(Outlit.QueryInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Outlit.SearchCustomerContextOutput> SearchCustomerContextAsync(Outlit.SearchCustomerContextInput input, System.Threading.CancellationToken cancellationToken = default);
        public virtual System.Threading.Tasks.Task<Newtonsoft.Json.Linq.JObject> SendNotificationAsync(Outlit.SendNotificationInput input, System.Threading.CancellationToken cancellationToken = default);
    }

    public sealed class OutlitTracker : System.IAsyncDisposable
    {
        public OutlitTracker(Outlit.OutlitIngestClient client, Outlit.OutlitTrackerOptions options = null, Microsoft.Extensions.Logging.ILogger<Outlit.OutlitTracker> logger = null);
        public OutlitTracker(string publicKey, Outlit.OutlitTrackerOptions options = null, Outlit.OutlitIngestClientOptions clientOptions = null);
        public long DroppedCount { get; }
        public long FailedCount { get; }
        public int QueuedCount { get; }
        public long SentCount { get; }
        public System.Threading.Tasks.ValueTask DisposeAsync();
        public void Enqueue(Outlit.IngestEvent event);
        public System.Threading.Tasks.ValueTask EnqueueAsync(Outlit.IngestEvent event, System.Threading.CancellationToken cancellationToken = default);
        public System.Threading.Tasks.Task FlushAsync(System.Threading.CancellationToken cancellationToken = default);
        public void Identify(Outlit.TrackerIdentity identity, System.Collections.Generic.IReadOnlyDictionary<string, object> traits = null, string customerId = null, System.Collections.Generic.IReadOnlyDictionary<string, object> customerTraits = null);
        public void Pageview(string url, Outlit.TrackerIdentity identity, string title = null, string referrer = null, System.DateTimeOffset? timestamp = null);
        public void Track(string eventName, Outlit.TrackerIdentity identity, System.Collections.Generic.IReadOnlyDictionary<string, object> properties = null, string url = null, System.DateTimeOffset? timestamp = null);
    }

    public sealed class OutlitTrackerOptions
    {
        public const int DefaultCapacity = 10000;
        public OutlitTrackerOptions();
        public int Capacity { get; set; }
        public System.TimeSpan DisposeTimeout { get; set; }
        public int FlushAt { get; set; }
        public System.TimeSpan FlushInterval { get; set; }
        public System.Action<Outlit.IngestDeliveryFailure> OnDeliveryFailed { get; set; }
        public Outlit.TrackerOverflowPolicy OverflowPolicy { get; set; }
    }

    public class OutlitValidationException : Outlit.OutlitException
    {
        public OutlitValidationException(Outlit.OutlitErrorResponse response);
    }

    public class PageviewEvent : Outlit.IngestEvent
    {
        public PageviewEvent();
        public string Title { get; set; }
        public static Outlit.PageviewEvent Create(string url, string title = null, string referrer = null, System.DateTimeOffset? timestamp = null);
    }

    public class Pagination
    {
        public Pagination();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public bool HasMore { get; set; }
        public string NextCursor { get; set; }
        public int Total { get; set; }
    }

    public class PlanConnectionLimitError
    {
        public PlanConnectionLimitError();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Code { get; set; }
        public int? CurrentConnections { get; set; }
        public string Error { get; set; }
        public string Feature { get; set; }
        public int? Limit { get; set; }
        public string Plan { get; set; }
    }

    public class PlanLimitError
    {
        public PlanLimitError();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Code { get; set; }
        public string Error { get; set; }
        public string Feature { get; set; }
        public string Plan { get; set; }
        public double? ResetAt { get; set; }
    }

    public class ProviderCapability
    {
        public ProviderCapability();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string CliName { get; set; }
        public System.Collections.Generic.ICollection<string> Commands { get; set; }
        public string CredentialType { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ProviderPostConnectStep> PostConnectSteps { get; set; }
        public Outlit.ProviderId ProviderId { get; set; }
        public System.Collections.Generic.ICollection<Outlit.ProviderCredentialField> RequiredFields { get; set; }
        public string SetupMode { get; set; }
    }

    public class ProviderCapabilityEnvelope
    {
        public ProviderCapabilityEnvelope();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.ProviderCapability Provider { get; set; }
    }

    public class ProviderCapabilityMap : System.Collections.Generic.Dictionary<string, Outlit.ProviderCapability>
    {
        public ProviderCapabilityMap();
    }

    public class ProviderCredentialField
    {
        public ProviderCredentialField();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Key { get; set; }
        public string Label { get; set; }
        public bool? Secret { get; set; }
    }

    public readonly struct ProviderId : System.IEquatable<Outlit.ProviderId>
    {
        public ProviderId(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ProviderId Attio { get; }
        public static Outlit.ProviderId Clerk { get; }
        public static Outlit.ProviderId Fireflies { get; }
        public static Outlit.ProviderId GoogleCalendar { get; }
        public static Outlit.ProviderId GoogleMail { get; }
        public static Outlit.ProviderId Granola { get; }
        public static Outlit.ProviderId Hubspot { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ProviderId> KnownValues { get; }
        public static Outlit.ProviderId Posthog { get; }
        public static Outlit.ProviderId Pylon { get; }
        public static Outlit.ProviderId Slack { get; }
        public static Outlit.ProviderId Stripe { get; }
        public static Outlit.ProviderId Supabase { get; }
        public bool Equals(Outlit.ProviderId other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ProviderId Normalized();
        public static Outlit.ProviderId Parse(string value);
        public override string ToString();
    }

    public class ProviderPostConnectStep
    {
        public ProviderPostConnectStep();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Command { get; set; }
        public string Id { get; set; }
        public bool Required { get; set; }
        public bool Supported { get; set; }
    }

    public class QueryInput
    {
        public QueryInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public int? Limit { get; set; }
        public string Sql { get; set; }
    }

    public class QueryMetadata
    {
        public QueryMetadata();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public double ExecutionTimeMs { get; set; }
        public int RowsReturned { get; set; }
        public bool Truncated { get; set; }
    }

    public class QueryOutput
    {
        public QueryOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<object> Data { get; set; }
        public Outlit.QueryMetadata Metadata { get; set; }
        public bool Success { get; set; }
    }

    public class SchemaInput
    {
        public SchemaInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.AnalyticsView? Table { get; set; }
    }

    public class SchemaOutput
    {
        public SchemaOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewColumn> Columns { get; set; }
        public string Description { get; set; }
        public System.Collections.Generic.ICollection<string> ExampleQueries { get; set; }
        public bool IsAnalyticsViewCatalog { get; }
        public bool IsAnalyticsViewSchema { get; }
        public Outlit.AnalyticsView? Name { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewSchema> Tables { get; set; }
        public System.Collections.Generic.ICollection<Outlit.AnalyticsViewSchema> Views { get; set; }
    }

    public class SearchCustomerContextInput
    {
        public SearchCustomerContextInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.DateTimeOffset? After { get; set; }
        public System.DateTimeOffset? Before { get; set; }
        public string Customer { get; set; }
        public string Query { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SourceTypeFilter> SourceTypes { get; set; }
        public int? TopK { get; set; }
    }

    public class SearchCustomerContextOutput
    {
        public SearchCustomerContextOutput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.CustomerReference Customer { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SearchResult> Results { get; set; }
    }

    public class SearchMatch
    {
        public SearchMatch();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.DateTimeOffset? OccurredAt { get; set; }
        public string Text { get; set; }
    }

    public class SearchResult
    {
        public SearchResult();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public int MatchCount { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SearchMatch> Matches { get; set; }
        public double Score { get; set; }
    }

    public class SearchResultContext
    {
        public SearchResultContext();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.SlackSourceRef SourceRef { get; set; }
        public string Text { get; set; }
    }

    public class SendNotificationInput
    {
        public SendNotificationInput();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public System.Collections.Generic.ICollection<System.Guid> DestinationIds { get; set; }
        public string Markdown { get; set; }
        public string Message { get; set; }
        public object Payload { get; set; }
        public Outlit.SendNotificationInputSeverity? Severity { get; set; }
        public string Source { get; set; }
        public string Subject { get; set; }
        public string Title { get; set; }
    }

    public readonly struct SendNotificationInputSeverity : System.IEquatable<Outlit.SendNotificationInputSeverity>
    {
        public SendNotificationInputSeverity(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.SendNotificationInputSeverity High { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SendNotificationInputSeverity> KnownValues { get; }
        public static Outlit.SendNotificationInputSeverity Low { get; }
        public static Outlit.SendNotificationInputSeverity Medium { get; }
        public bool Equals(Outlit.SendNotificationInputSeverity other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SendNotificationInputSeverity Normalized();
        public static Outlit.SendNotificationInputSeverity Parse(string value);
        public override string ToString();
    }

    public class SlackSourceRef
    {
        public SlackSourceRef();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string SourceId { get; set; }
        public Outlit.SlackSourceRefSourceType SourceType { get; set; }
    }

    public readonly struct SlackSourceRefSourceType : System.IEquatable<Outlit.SlackSourceRefSourceType>
    {
        public SlackSourceRefSourceType(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SlackSourceRefSourceType> KnownValues { get; }
        public static Outlit.SlackSourceRefSourceType Slack { get; }
        public bool Equals(Outlit.SlackSourceRefSourceType other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SlackSourceRefSourceType Normalized();
        public static Outlit.SlackSourceRefSourceType Parse(string value);
        public override string ToString();
    }

    public readonly struct SortDirection : System.IEquatable<Outlit.SortDirection>
    {
        public SortDirection(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.SortDirection Ascending { get; }
        public static Outlit.SortDirection Descending { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SortDirection> KnownValues { get; }
        public bool Equals(Outlit.SortDirection other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SortDirection Normalized();
        public static Outlit.SortDirection Parse(string value);
        public override string ToString();
    }

    public class SourceCustomer
    {
        public SourceCustomer();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Domain { get; set; }
        public string Id { get; set; }
        public string Name { get; set; }
    }

    public class SourceParticipant
    {
        public SourceParticipant();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.SourceParticipantAffiliation? Affiliation { get; set; }
        public string Email { get; set; }
        public string Name { get; set; }
        public string ResolvedUserId { get; set; }
        public string Role { get; set; }
    }

    public readonly struct SourceParticipantAffiliation : System.IEquatable<Outlit.SourceParticipantAffiliation>
    {
        public SourceParticipantAffiliation(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.SourceParticipantAffiliation External { get; }
        public static Outlit.SourceParticipantAffiliation Internal { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SourceParticipantAffiliation> KnownValues { get; }
        public static Outlit.SourceParticipantAffiliation Unknown { get; }
        public bool Equals(Outlit.SourceParticipantAffiliation other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SourceParticipantAffiliation Normalized();
        public static Outlit.SourceParticipantAffiliation Parse(string value);
        public override string ToString();
    }

    public class SourceRecord
    {
        public SourceRecord();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.SourceCustomer Customer { get; set; }
        public System.DateTimeOffset? OccurredAt { get; set; }
        public System.Collections.Generic.ICollection<Outlit.SourceParticipant> Participants { get; set; }
        public string Permalink { get; set; }
        public string Provider { get; set; }
        public object Record { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceType SourceType { get; set; }
        public string Summary { get; set; }
        public string Title { get; set; }
    }

    public class SourceRef
    {
        public SourceRef();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string SourceId { get; set; }
        public string SourceType { get; set; }
    }

    public class SourceSearchResult : Outlit.SearchResult
    {
        public SourceSearchResult();
        public Outlit.SearchResultContext Context { get; set; }
        public System.DateTimeOffset? OccurredAt { get; set; }
        public string Permalink { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceType SourceType { get; set; }
        public string Title { get; set; }
    }

    public readonly struct SourceType : System.IEquatable<Outlit.SourceType>
    {
        public SourceType(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.SourceType CalendarEvent { get; }
        public static Outlit.SourceType Call { get; }
        public static Outlit.SourceType Email { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SourceType> KnownValues { get; }
        public static Outlit.SourceType Opportunity { get; }
        public static Outlit.SourceType Slack { get; }
        public static Outlit.SourceType SupportTicket { get; }
        public bool Equals(Outlit.SourceType other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SourceType Normalized();
        public static Outlit.SourceType Parse(string value);
        public override string ToString();
    }

    public readonly struct SourceTypeFilter : System.IEquatable<Outlit.SourceTypeFilter>
    {
        public SourceTypeFilter(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.SourceTypeFilter CalendarEvent { get; }
        public static Outlit.SourceTypeFilter Call { get; }
        public static Outlit.SourceTypeFilter Crm { get; }
        public static Outlit.SourceTypeFilter CrmOpportunity { get; }
        public static Outlit.SourceTypeFilter Email { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.SourceTypeFilter> KnownValues { get; }
        public static Outlit.SourceTypeFilter Opportunity { get; }
        public static Outlit.SourceTypeFilter SupportTicket { get; }
        public bool Equals(Outlit.SourceTypeFilter other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.SourceTypeFilter Normalized();
        public static Outlit.SourceTypeFilter Parse(string value);
        public override string ToString();
    }

    public class StageEvent : Outlit.IngestEvent
    {
        public StageEvent();
        public System.Collections.Generic.IDictionary<string, object> Properties { get; set; }
        public Outlit.StageEventStage Stage { get; set; }
        public static Outlit.StageEvent Create(Outlit.StageEventStage stage, System.Collections.Generic.IReadOnlyDictionary<string, object> properties = null, string url = null, System.DateTimeOffset? timestamp = null);
    }

    public readonly struct StageEventStage : System.IEquatable<Outlit.StageEventStage>
    {
        public StageEventStage(string value);
        public static Outlit.StageEventStage Activated { get; }
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.StageEventStage Engaged { get; }
        public static Outlit.StageEventStage Inactive { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.StageEventStage> KnownValues { get; }
        public bool Equals(Outlit.StageEventStage other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.StageEventStage Normalized();
        public static Outlit.StageEventStage Parse(string value);
        public override string ToString();
    }

    public readonly struct TimelineChannel : System.IEquatable<Outlit.TimelineChannel>
    {
        public TimelineChannel(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.TimelineChannel Billing { get; }
        public static Outlit.TimelineChannel Communication { get; }
        public static Outlit.TimelineChannel Crm { get; }
        public static Outlit.TimelineChannel Document { get; }
        public static Outlit.TimelineChannel Identity { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.TimelineChannel> KnownValues { get; }
        public static Outlit.TimelineChannel Meeting { get; }
        public static Outlit.TimelineChannel Product { get; }
        public static Outlit.TimelineChannel Support { get; }
        public static Outlit.TimelineChannel System { get; }
        public bool Equals(Outlit.TimelineChannel other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.TimelineChannel Normalized();
        public static Outlit.TimelineChannel Parse(string value);
        public override string ToString();
    }

    public class TimelineEvent
    {
        public TimelineEvent();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public Outlit.TimelineChannel Channel { get; set; }
        public string Contact { get; set; }
        public string EventName { get; set; }
        public string EventType { get; set; }
        public string Id { get; set; }
        public object Metadata { get; set; }
        public System.DateTimeOffset OccurredAt { get; set; }
        public string SourceId { get; set; }
        public Outlit.SourceRef SourceRef { get; set; }
        public string SourceType { get; set; }
        public string Summary { get; set; }
        public string Title { get; set; }
    }

    public class ToolCallRequest
    {
        public ToolCallRequest();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public object Input { get; set; }
        public Outlit.ToolName Tool { get; set; }
    }

    public readonly struct ToolName : System.IEquatable<Outlit.ToolName>
    {
        public ToolName(string value);
        public static System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases { get; }
        public static Outlit.ToolName GetCustomer { get; }
        public static Outlit.ToolName GetFact { get; }
        public static Outlit.ToolName GetSource { get; }
        public static Outlit.ToolName GetTimeline { get; }
        public bool IsKnown { get; }
        public static System.Collections.Generic.IReadOnlyList<Outlit.ToolName> KnownValues { get; }
        public static Outlit.ToolName ListCustomers { get; }
        public static Outlit.ToolName ListFacts { get; }
        public static Outlit.ToolName ListSources { get; }
        public static Outlit.ToolName ListUsers { get; }
        public static Outlit.ToolName ListWorkspaceUsers { get; }
        public static Outlit.ToolName Query { get; }
        public static Outlit.ToolName Schema { get; }
        public static Outlit.ToolName SearchCustomerContext { get; }
        public static Outlit.ToolName SendNotification { get; }
        public bool Equals(Outlit.ToolName other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static string Normalize(string value);
        public Outlit.ToolName Normalized();
        public static Outlit.ToolName Parse(string value);
        public override string ToString();
    }

    public sealed class TrackerIdentity : System.IEquatable<Outlit.TrackerIdentity>
    {
        public TrackerIdentity(string Fingerprint = null, string Email = null, string UserId = null);
        public string Email { get; init; }
        public string Fingerprint { get; init; }
        public string UserId { get; init; }
        public Outlit.TrackerIdentity <Clone>$();
        public void Deconstruct(out string Fingerprint, out string Email, out string UserId);
        public bool Equals(Outlit.TrackerIdentity other);
        public override bool Equals(object obj);
        public static Outlit.TrackerIdentity ForEmail(string email);
        public static Outlit.TrackerIdentity ForFingerprint(string fingerprint);
        public static Outlit.TrackerIdentity ForUser(string userId);
        public override int GetHashCode();
        public override string ToString();
    }

    public enum TrackerOverflowPolicy
    {
        Block = 0,
        DropOldest = 1,
    }

    public class UserIdentity
    {
        public UserIdentity();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Email { get; set; }
        public System.Collections.Generic.IDictionary<string, object> Traits { get; set; }
        public string UserId { get; set; }
    }

    public class UserSummary
    {
        public UserSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string CustomerDomain { get; set; }
        public string CustomerId { get; set; }
        public string CustomerName { get; set; }
        public int? DaysSinceActivity { get; set; }
        public string Email { get; set; }
        public string Id { get; set; }
        public Outlit.JourneyStage JourneyStage { get; set; }
        public string LastActivityAt { get; set; }
        public string Name { get; set; }
    }

    public class UtmParameters
    {
        public UtmParameters();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Campaign { get; set; }
        public string Content { get; set; }
        public string Medium { get; set; }
        public string Source { get; set; }
        public string Term { get; set; }
    }

    public class ValidateApiKeySuccess
    {
        public ValidateApiKeySuccess();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string CreatedById { get; set; }
        public string OrganizationId { get; set; }
        public bool Valid { get; set; }
    }

    public class ValidationIssue
    {
        public ValidationIssue();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Message { get; set; }
        public System.Collections.Generic.ICollection<object> Path { get; set; }
    }

    public class WorkspaceUserSummary
    {
        public WorkspaceUserSummary();
        public System.Collections.Generic.IDictionary<string, object> AdditionalProperties { get; set; }
        public string Email { get; set; }
        public string Id { get; set; }
        public string LinkedinUrl { get; set; }
        public string ManagerEmail { get; set; }
        public string Name { get; set; }
        public int OwnedCustomerCount { get; set; }
        public string Role { get; set; }
        public string Territory { get; set; }
        public string Title { get; set; }
    }
}

// The public API of Outlit.Testing, written from the built assembly by `outlit-drift api`.
// Do not edit: a change here is a change of what users can call (see api/README.md).

namespace Outlit.Testing
{
    public sealed class MockConnectSession : System.IEquatable<Outlit.Testing.MockConnectSession>
    {
        public MockConnectSession(string SessionId, string Provider, Outlit.Testing.MockSessionStatus Status, int Polls, string Error);
        public string Error { get; init; }
        public int Polls { get; init; }
        public string Provider { get; init; }
        public string SessionId { get; init; }
        public Outlit.Testing.MockSessionStatus Status { get; init; }
        public Outlit.Testing.MockConnectSession <Clone>$();
        public void Deconstruct(out string SessionId, out string Provider, out Outlit.Testing.MockSessionStatus Status, out int Polls, out string Error);
        public bool Equals(Outlit.Testing.MockConnectSession other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class MockConnection : System.IEquatable<Outlit.Testing.MockConnection>
    {
        public MockConnection(string Provider, string ConnectionId, System.DateTimeOffset ConnectedAt, bool ThroughBrowserSession);
        public System.DateTimeOffset ConnectedAt { get; init; }
        public string ConnectionId { get; init; }
        public string Provider { get; init; }
        public bool ThroughBrowserSession { get; init; }
        public Outlit.Testing.MockConnection <Clone>$();
        public void Deconstruct(out string Provider, out string ConnectionId, out System.DateTimeOffset ConnectedAt, out bool ThroughBrowserSession);
        public bool Equals(Outlit.Testing.MockConnection other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class MockFault : System.IEquatable<Outlit.Testing.MockFault>
    {
        public System.TimeSpan? Duration { get; }
        public Outlit.Testing.MockFaultKind Kind { get; }
        public int StatusCode { get; }
        public Outlit.Testing.MockFault <Clone>$();
        public static Outlit.Testing.MockFault ConnectionReset();
        public static Outlit.Testing.MockFault Delay(System.TimeSpan delay);
        public bool Equals(Outlit.Testing.MockFault other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public static Outlit.Testing.MockFault MalformedBody();
        public static Outlit.Testing.MockFault ServerError(int statusCode = 500);
        public override string ToString();
        public static Outlit.Testing.MockFault TooManyRequests(System.TimeSpan? retryAfter = null);
    }

    public enum MockFaultKind
    {
        ServerError = 0,
        TooManyRequests = 1,
        Delay = 2,
        ConnectionReset = 3,
        MalformedBody = 4,
    }

    public sealed class MockIngestEvent : System.IEquatable<Outlit.Testing.MockIngestEvent>
    {
        public MockIngestEvent(string Type, System.Text.Json.JsonElement Event, string VisitorId, string Source, System.Text.Json.JsonElement? UserIdentity, System.Text.Json.JsonElement? CustomerIdentity, System.DateTimeOffset ReceivedAt);
        public System.Text.Json.JsonElement? CustomerIdentity { get; init; }
        public System.Text.Json.JsonElement Event { get; init; }
        public System.DateTimeOffset ReceivedAt { get; init; }
        public string Source { get; init; }
        public string Type { get; init; }
        public System.Text.Json.JsonElement? UserIdentity { get; init; }
        public string VisitorId { get; init; }
        public Outlit.Testing.MockIngestEvent <Clone>$();
        public void Deconstruct(out string Type, out System.Text.Json.JsonElement Event, out string VisitorId, out string Source, out System.Text.Json.JsonElement? UserIdentity, out System.Text.Json.JsonElement? CustomerIdentity, out System.DateTimeOffset ReceivedAt);
        public bool Equals(Outlit.Testing.MockIngestEvent other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class MockNotification : System.IEquatable<Outlit.Testing.MockNotification>
    {
        public MockNotification(string Id, System.Text.Json.JsonElement Input, System.DateTimeOffset SentAt);
        public string Id { get; init; }
        public System.Text.Json.JsonElement Input { get; init; }
        public System.DateTimeOffset SentAt { get; init; }
        public string Title { get; }
        public Outlit.Testing.MockNotification <Clone>$();
        public void Deconstruct(out string Id, out System.Text.Json.JsonElement Input, out System.DateTimeOffset SentAt);
        public bool Equals(Outlit.Testing.MockNotification other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public sealed class MockRequest : System.IEquatable<Outlit.Testing.MockRequest>
    {
        public MockRequest(string Method, string Path, string Query, int StatusCode, Outlit.Testing.MockFaultKind? Fault);
        public Outlit.Testing.MockFaultKind? Fault { get; init; }
        public string Method { get; init; }
        public string Path { get; init; }
        public string Query { get; init; }
        public int StatusCode { get; init; }
        public Outlit.Testing.MockRequest <Clone>$();
        public void Deconstruct(out string Method, out string Path, out string Query, out int StatusCode, out Outlit.Testing.MockFaultKind? Fault);
        public bool Equals(Outlit.Testing.MockRequest other);
        public override bool Equals(object obj);
        public override int GetHashCode();
        public override string ToString();
    }

    public enum MockSessionStatus
    {
        Pending = 0,
        Connected = 1,
        Failed = 2,
        Expired = 3,
    }

    public sealed class OutlitMockServer : System.IAsyncDisposable
    {
        public string ApiKey { get; }
        public System.Uri BaseUrl { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Testing.MockConnection> Connections { get; }
        public int IngestRequestsPerSecond { get; }
        public int? MaxEventsPerRequest { get; }
        public int? MaxIngestBodyBytes { get; }
        public string OrganizationId { get; }
        public string PublicKey { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Testing.MockIngestEvent> ReceivedEvents { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Testing.MockRequest> Requests { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Testing.MockNotification> SentNotifications { get; }
        public System.Collections.Generic.IReadOnlyList<Outlit.Testing.MockConnectSession> Sessions { get; }
        public void ClearFaults();
        public void ClearReceivedEvents();
        public void CompleteSession(string sessionId);
        public System.Threading.Tasks.ValueTask DisposeAsync();
        public void ExpireSession(string sessionId);
        public void FailSession(string sessionId, string error = "The user denied access.");
        public void InjectFault(Outlit.Testing.MockFault fault, int count = 1, string pathPrefix = null);
        public static System.Threading.Tasks.Task<Outlit.Testing.OutlitMockServer> StartAsync(Outlit.Testing.OutlitMockServerOptions options = null, System.Threading.CancellationToken cancellationToken = default);
    }

    public sealed class OutlitMockServerOptions
    {
        public OutlitMockServerOptions();
        public int? ApiCallAllowance { get; set; }
        public int ApiCallLimitStatus { get; set; }
        public string ApiKey { get; set; }
        public System.Collections.Generic.IList<string> ConnectedProviders { get; }
        public int? ConnectionLimit { get; set; }
        public string ContractPath { get; set; }
        public int CustomerCount { get; set; }
        public System.DateTimeOffset DataAsOf { get; set; }
        public int? IngestRequestsPerSecond { get; set; }
        public System.Net.IPAddress ListenAddress { get; set; }
        public System.Action<Outlit.Testing.MockRequest, System.TimeSpan> OnRequestCompleted { get; set; }
        public string OrganizationId { get; set; }
        public string Plan { get; set; }
        public int? PollsBeforeConnected { get; set; }
        public int Port { get; set; }
        public string PublicKey { get; set; }
        public int Seed { get; set; }
        public System.TimeProvider TimeProvider { get; set; }
    }
}

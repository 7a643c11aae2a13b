using System.Net;

namespace Outlit.Testing;

/// <summary>Settings of an <see cref="OutlitMockServer"/>. Every property has a default that suits most tests.</summary>
public sealed class OutlitMockServerOptions
{
    /// <summary>Seed of the fake customer base. The same seed always produces the same customers, users, facts and sources.</summary>
    public int Seed { get; set; } = 20260623;

    /// <summary>Number of fake customers in the tool gateway's data. Default 120.</summary>
    public int CustomerCount { get; set; } = 120;

    /// <summary>
    /// How many status polls a browser connection session answers <c>pending</c> before it reports
    /// <c>connected</c>. <c>0</c> connects on the first poll; <c>null</c> never connects on its own,
    /// only through <see cref="OutlitMockServer.CompleteSession"/>. Default 2.
    /// </summary>
    public int? PollsBeforeConnected { get; set; } = 2;

    /// <summary>
    /// Maximum number of connected integrations of the plan; a connect beyond it answers 403 with the
    /// plan-connection-limit body. <c>null</c> (the default) means no limit.
    /// </summary>
    public int? ConnectionLimit { get; set; }

    /// <summary>Plan name reported in plan-limit error bodies. Default <c>free</c>.</summary>
    public string Plan { get; set; } = "free";

    /// <summary>
    /// Number of tool calls the plan allows; the call after the last one answers <see cref="ApiCallLimitStatus"/>
    /// with the <c>api_limit_exceeded</c> body. <c>null</c> (the default) means unlimited.
    /// </summary>
    public int? ApiCallAllowance { get; set; }

    /// <summary>Status used when <see cref="ApiCallAllowance"/> is used up: 402 (default) or 429.</summary>
    public int ApiCallLimitStatus { get; set; } = 402;

    /// <summary>Ingest requests allowed per one-second window before answering 429. Default (null): the contract's <c>IngestLimits.RequestsPerSecond</c>.</summary>
    public int? IngestRequestsPerSecond { get; set; }

    /// <summary>The Platform API key the server accepts. Default: a fresh random <c>ok_</c> key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The ingest public key the server accepts. Default: a fresh random <c>pk_</c> key.</summary>
    public string? PublicKey { get; set; }

    /// <summary>Organization ID returned by key validation and used in connection IDs. Default <c>org_mock</c>.</summary>
    public string OrganizationId { get; set; } = "org_mock";

    /// <summary>Providers that are already connected when the server starts.</summary>
    public IList<string> ConnectedProviders { get; } = new List<string>();

    /// <summary>
    /// Clock for connection times and ingest rate-limit windows. Replace it to control the windows in
    /// a test without waiting. Default <see cref="TimeProvider.System"/>.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The "today" of the fake customer base: activity ages and timeframe filters are computed from it,
    /// so results do not change from one day to the next. Default 2026-06-01T00:00:00Z.
    /// </summary>
    public DateTimeOffset DataAsOf { get; set; } = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// TCP port to listen on. <c>0</c> (the default) takes a free port, which <see cref="OutlitMockServer.BaseUrl"/>
    /// then reports; a fixed port lets a process that cannot read <c>BaseUrl</c> (another language's client, a CLI)
    /// be configured ahead of time. Starting fails when the port is taken.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// Address to listen on. Default <see cref="IPAddress.Loopback"/>, so nothing outside the machine can reach the
    /// server. <see cref="IPAddress.Any"/> makes it reachable from other machines or from outside a container;
    /// <see cref="OutlitMockServer.BaseUrl"/> then names the loopback address.
    /// </summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>
    /// Called once each request has been answered, with the request as <see cref="OutlitMockServer.Requests"/>
    /// records it and the time taken to answer. It runs on the request's own path, so it should be quick and must
    /// not throw. Default: nothing.
    /// </summary>
    public Action<MockRequest, TimeSpan>? OnRequestCompleted { get; set; }

    /// <summary>
    /// Path of an OpenAPI document (JSON) the server follows instead of the contract this package was built with:
    /// its tools are the ones served (<c>x-outlit-tools</c>), and inputs are checked against its schemas. Tools the
    /// server has no fake for answer data made up from their output schemas. Default: the built-in contract.
    /// </summary>
    public string? ContractPath { get; set; }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>One planned exchange with Prism, built from the contract's own examples.</summary>
/// <param name="OperationId">The operation called.</param>
/// <param name="Request">The request sent (built from a request-body example or the parameter examples).</param>
/// <param name="Status">The status asked for with <c>Prefer: code=…</c>.</param>
/// <param name="ResponseExample">The response example asked for with <c>Prefer: example=…</c>, if any.</param>
internal sealed record ReplayCase(string OperationId, ExampleRequest Request, string Status, string? ResponseExample)
{
    /// <summary>Readable test name.</summary>
    public string DisplayName => ResponseExample is null
        ? $"{OperationId} request {Request.Name} expecting {Status}"
        : $"{OperationId} {Status} {ResponseExample}";
}

/// <summary>What happened when a <see cref="ReplayCase"/> was sent.</summary>
/// <param name="Exchange">The recorded exchange, with Prism's violations.</param>
/// <param name="Failures">Every way the answer differs from the contract; empty when it conforms.</param>
internal sealed record ReplayResult(PrismExchange Exchange, IReadOnlyList<string> Failures);

/// <summary>
/// Replays the contract's examples against Prism over plain HTTP: every request example must be accepted
/// without a violation, and every documented status and response example must come back as documented.
/// This checks the contract and the oracle set-up independently of the client; each case is sent once
/// per run and its result shared by its test case and by the run-wide assertions.
/// </summary>
internal static class PrismReplay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ReplayResult>>> Results = new(StringComparer.Ordinal);
    private static readonly Lazy<Task<(HttpClient Client, ViolationRecorder Recorder)>> Http = new(CreateClientAsync);

    /// <summary>Every planned case: each request example at the first success status, then each documented status × response example.</summary>
    public static IReadOnlyList<ReplayCase> Cases { get; } = Plan();

    /// <summary>NUnit case source.</summary>
    public static IEnumerable<TestCaseData> TestCases() => Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.DisplayName));

    /// <summary>The exchanges sent through the replay client so far.</summary>
    public static async Task<IReadOnlyList<PrismExchange>> ExchangesAsync() => (await Http.Value.ConfigureAwait(false)).Recorder.Exchanges;

    /// <summary>Sends a case once per run and returns its result.</summary>
    public static Task<ReplayResult> RunAsync(ReplayCase replay) =>
        Results.GetOrAdd(replay.DisplayName, _ => new Lazy<Task<ReplayResult>>(() => SendAsync(replay))).Value;

    /// <summary>Sends every case (those not sent yet) and returns all results.</summary>
    public static async Task<IReadOnlyList<(ReplayCase Case, ReplayResult Result)>> RunAllAsync()
    {
        var results = new List<(ReplayCase, ReplayResult)>();
        foreach (var replay in Cases)
        {
            results.Add((replay, await RunAsync(replay).ConfigureAwait(false)));
        }

        return results;
    }

    private static IReadOnlyList<ReplayCase> Plan()
    {
        var cases = new List<ReplayCase>();
        foreach (var operation in ContractDocument.Instance.Operations)
        {
            var requests = OperationPlan.Requests(operation);
            var responses = OperationPlan.Responses(operation);
            var success = responses.First(r => r.IsSuccess).Status;
            cases.AddRange(requests.Select(r => new ReplayCase(operation.Id, r, success, null)));
            foreach (var response in responses)
            {
                if (response.ExampleNames.Count == 0)
                {
                    cases.Add(new ReplayCase(operation.Id, requests[0], response.Status, null));
                }

                cases.AddRange(response.ExampleNames.Select(name => new ReplayCase(operation.Id, requests[0], response.Status, name)));
            }
        }

        // A status with no example and a request case for the same status would share a name; keep one.
        return cases.DistinctBy(c => c.DisplayName).ToList();
    }

    private static async Task<(HttpClient, ViolationRecorder)> CreateClientAsync()
    {
        var prism = await PrismServer.StartAsync().ConfigureAwait(false);
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        return (new HttpClient(recorder) { BaseAddress = prism.BaseAddress, Timeout = TimeSpan.FromSeconds(30) }, recorder);
    }

    private static async Task<ReplayResult> SendAsync(ReplayCase replay)
    {
        var (client, recorder) = await Http.Value.ConfigureAwait(false);
        var operation = ContractDocument.Instance.Operations.Single(o => o.Id == replay.OperationId);
        var documented = OperationPlan.Responses(operation).Single(r => r.Status == replay.Status);

        using var request = OperationPlan.Build(operation, replay.Request);
        request.Headers.TryAddWithoutValidation("Prefer", ViolationRecorder.PreferValue(replay.Status, replay.ResponseExample));
        var before = recorder.Exchanges.Count;
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var exchange = recorder.Exchanges[before];

        var failures = new List<string>();
        failures.AddRange(exchange.Violations.Select(v => "Prism request violation: " + v));
        if (((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) != replay.Status)
        {
            failures.Add($"status {(int)response.StatusCode}, expected {replay.Status}: {text}");
        }

        if (documented.SchemaPointer is { } schemaPointer)
        {
            var body = string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
            failures.AddRange(ContractDocument.Instance.Validator.Validate(body, schemaPointer).Select(e => "response body: " + e));
            if (replay.ResponseExample is { } name && !JsonNode.DeepEquals(body, documented.Example(name)))
            {
                failures.Add($"body is not the example {name}: {text}");
            }
        }

        foreach (var header in documented.Headers.Where(h => !response.Headers.Contains(h)))
        {
            failures.Add($"documented header {header} is missing");
        }

        return new ReplayResult(exchange, failures);
    }
}

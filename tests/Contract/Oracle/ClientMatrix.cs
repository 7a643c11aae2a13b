using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using Outlit.Contract.Tests.Generation;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Oracle;

/// <summary>One call through the public client: an operation, the request example it sends, the status asked of Prism.</summary>
internal sealed record ClientCase(string OperationId, ExampleRequest Request, string Status, string? ResponseExample)
{
    /// <summary>Readable test name.</summary>
    public string DisplayName => ResponseExample is null
        ? $"{OperationId} request {Request.Name} expecting {Status}"
        : $"{OperationId} {Status} {ResponseExample}";
}

/// <summary>What a <see cref="ClientCase"/> did: the exchanges it caused and how it differs from the contract.</summary>
internal sealed record ClientResult(IReadOnlyList<PrismExchange> Exchanges, string Outcome, IReadOnlyList<string> Failures)
{
    /// <summary>Request violations Prism reported for the call.</summary>
    public int RequestViolations => Exchanges.Sum(e => e.Violations.Count);
}

/// <summary>
/// Calls every operation through the public client against Prism: each request example at the success
/// status, and each documented status × response example asked for with <c>Prefer</c>. Each call must send
/// a request Prism finds no fault with (method, path, query, auth header, body; tool inputs are also
/// checked against their x-outlit-tools schema, which Prism cannot see), and the client must surface the
/// documented outcome: the typed result of the example, or the typed exception of the status.
/// </summary>
internal static class ClientMatrix
{
    /// <summary>A syntactically valid API key; Prism checks the bearer scheme, not the value.</summary>
    public const string TestApiKey = "ok_contract_test_key";

    private static readonly ConcurrentDictionary<string, Lazy<Task<ClientResult>>> Results = new(StringComparer.Ordinal);
    private static readonly Lazy<Task<(OutlitClient Client, ViolationRecorder Recorder)>> Client = new(CreateClientAsync);
    private static readonly Lazy<Task<(OutlitIngestClient Client, ViolationRecorder Recorder)>> IngestClient = new(CreateIngestClientAsync);

    /// <summary>Every planned call.</summary>
    public static IReadOnlyList<ClientCase> Cases { get; } = Plan();

    /// <summary>NUnit case source.</summary>
    public static IEnumerable<TestCaseData> TestCases() => Cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.DisplayName));

    /// <summary>Makes a call once per run and returns its result.</summary>
    public static Task<ClientResult> RunAsync(ClientCase call) =>
        Results.GetOrAdd(call.DisplayName, _ => new Lazy<Task<ClientResult>>(() => SendAsync(call))).Value;

    /// <summary>Makes every call not made yet and returns all results.</summary>
    public static async Task<IReadOnlyList<(ClientCase Case, ClientResult Result)>> RunAllAsync()
    {
        var results = new List<(ClientCase, ClientResult)>();
        foreach (var call in Cases)
        {
            results.Add((call, await RunAsync(call).ConfigureAwait(false)));
        }

        return results;
    }

    /// <summary>Disposes the client of the run, if one was created.</summary>
    public static async Task DisposeAsync()
    {
        if (Client.IsValueCreated)
        {
            (await Client.Value.ConfigureAwait(false)).Client.Dispose();
        }

        if (IngestClient.IsValueCreated)
        {
            var (ingest, recorder) = await IngestClient.Value.ConfigureAwait(false);
            ingest.Dispose();
            recorder.Dispose();
        }
    }

    /// <summary>
    /// The exception a documented non-success status must surface as, or null when the client documents
    /// it as a result instead (a rejected key on validation, a provider that was not connected on disconnect).
    /// </summary>
    public static Type? ExpectedException(string operationId, string status) => (operationId, status) switch
    {
        // The ingest client reports refused events in its result instead of throwing (IngestResult.EnsureSuccess throws on demand).
        ("ingestEvents", _) => null,
        ("validateApiKey", "401") => null,
        ("disconnectIntegration", "404") => null,
        (_, "400") => typeof(OutlitValidationException),
        (_, "401") => typeof(OutlitAuthenticationException),
        (_, "402") => typeof(OutlitPlanLimitException),
        ("connectIntegration", "403") => typeof(OutlitConnectionLimitException),
        (_, "403") => typeof(OutlitPermissionException),
        (_, "404") => typeof(OutlitNotFoundException),
        (_, "409") => typeof(OutlitConflictException),
        (_, "422") => typeof(OutlitValidationException),
        ("callTool", "429") => typeof(OutlitPlanLimitException),
        (_, "429") => typeof(OutlitRateLimitException),
        (_, "500" or "502" or "503") => typeof(OutlitServerException),
        (_, var s) when s.StartsWith('2') => null,
        _ => throw new InvalidOperationException($"No documented outcome is defined for {operationId} {status}; add it to {nameof(ExpectedException)}."),
    };

    private static IReadOnlyList<ClientCase> Plan() =>
        PrismReplay.Cases.Select(c => new ClientCase(c.OperationId, c.Request, c.Status, c.ResponseExample)).ToList();

    private static async Task<(OutlitClient, ViolationRecorder)> CreateClientAsync()
    {
        var prism = await PrismServer.StartAsync().ConfigureAwait(false);
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        var client = new OutlitClient(new OutlitClientOptions
        {
            ApiKey = TestApiKey,
            BaseUrl = prism.BaseAddress,
            HttpMessageHandler = recorder,

            // One request per call: a retried 429 or 500 would hide the documented outcome.
            MaxRetries = 0,
        });
        return (client, recorder);
    }

    private static async Task<(OutlitIngestClient, ViolationRecorder)> CreateIngestClientAsync()
    {
        var prism = await PrismServer.StartAsync().ConfigureAwait(false);
        var recorder = new ViolationRecorder(new SocketsHttpHandler());
        var publicKey = OperationPlan.ParameterExample(ContractDocument.Instance.Operations.Single(o => o.Id == "ingestEvents"), "publicKey");
        var client = new OutlitIngestClient(
            publicKey,
            new HttpClient(recorder, disposeHandler: false),
            new OutlitIngestClientOptions { BaseUrl = prism.BaseAddress, MaxRetries = 0 });
        return (client, recorder);
    }

    private static async Task<ClientResult> SendAsync(ClientCase call)
    {
        var (client, platformRecorder) = await Client.Value.ConfigureAwait(false);
        var (ingest, ingestRecorder) = await IngestClient.Value.ConfigureAwait(false);
        var recorder = call.OperationId == "ingestEvents" ? ingestRecorder : platformRecorder;
        var operation = ContractDocument.Instance.Operations.Single(o => o.Id == call.OperationId);
        var documented = OperationPlan.Responses(operation).Single(r => r.Status == call.Status);
        var example = call.ResponseExample is { } name ? documented.Example(name)
            : documented.ExampleNames.Count > 0 ? documented.Example(documented.ExampleNames[0])
            : null;

        var before = recorder.Exchanges.Count;
        object? result = null;
        Exception? error = null;
        try
        {
            result = await ViolationRecorder.WithPreferAsync(
                ViolationRecorder.PreferValue(call.Status, call.ResponseExample),
                () => InvokeAsync(client, ingest, operation, call.Request)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
        }

        var exchanges = recorder.Exchanges.Skip(before).ToList();
        var failures = new List<string>();
        failures.AddRange(CheckRequests(operation, exchanges, allowResend: operation.Id == "ingestEvents" && call.Status == "400"));
        try
        {
            failures.AddRange(CheckOutcome(call, documented, example, result, error));
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or InvalidOperationException or FormatException)
        {
            failures.Add($"the outcome could not be checked: {e.GetType().Name}: {e.Message}");
        }

        var outcome = error is null ? $"result {result?.GetType().Name ?? "null"}" : $"{error.GetType().Name}: {error.Message}";
        return new ClientResult(exchanges, outcome, failures);
    }

    private static IEnumerable<string> CheckRequests(ContractOperation operation, IReadOnlyList<PrismExchange> exchanges, bool allowResend)
    {
        // The ingest client resends the events a 400 did not name; every other call is one request.
        if (allowResend ? exchanges.Count < 1 : exchanges.Count != 1)
        {
            yield return $"the client sent {exchanges.Count} requests, expected 1";
        }

        var path = new Regex("^" + Regex.Replace(Regex.Escape(operation.Path), @"\\\{[^}]+}", "[^/?]+") + @"(\?.*)?$");
        foreach (var exchange in exchanges)
        {
            foreach (var violation in exchange.Violations)
            {
                yield return "Prism request violation: " + violation;
            }

            if (exchange.Method != operation.Method.Method || !path.IsMatch(exchange.PathAndQuery))
            {
                yield return $"sent {exchange.Method} {exchange.PathAndQuery}, expected {operation.Method.Method} {operation.Path}";
            }

            if (exchange.SentAuthorization != operation.RequiresApiKey)
            {
                yield return operation.RequiresApiKey ? "no Authorization header sent" : "an Authorization header was sent to an operation that takes none";
            }

            if (exchange.RequestBody is { Length: > 0 } body)
            {
                foreach (var failure in RequestBodyCheck.Check(operation, body))
                {
                    yield return "request body: " + failure;
                }

                foreach (var failure in ToolInputFailures(operation, body))
                {
                    yield return failure;
                }
            }
        }
    }

    /// <summary>Prism sees <c>input</c> as an open object; the typed input schema of the tool is checked here.</summary>
    private static IEnumerable<string> ToolInputFailures(ContractOperation operation, string body)
    {
        if (operation.Id != "callTool" || JsonNode.Parse(body) is not JsonObject call)
        {
            return [];
        }

        var name = call["tool"]?.GetValue<string>();
        var tool = ContractDocument.Instance.Tools.FirstOrDefault(t => t.Name == name);
        return tool is null
            ? [$"tool '{name}' is not in x-outlit-tools"]
            : ContractDocument.Instance.Validator.ValidateComponent(call["input"] ?? new JsonObject(), tool.InputSchema).Select(e => $"input of {name}: {e}");
    }

    private static IEnumerable<string> CheckOutcome(ClientCase call, DocumentedResponse documented, JsonNode? example, object? result, Exception? error)
    {
        var expected = ExpectedException(call.OperationId, call.Status);
        if (expected is not null)
        {
            if (error is null)
            {
                yield return $"returned {result?.GetType().Name ?? "null"}, expected {expected.Name}";
                yield break;
            }

            if (!expected.IsInstanceOfType(error))
            {
                yield return $"threw {error.GetType().FullName}: {error.Message}; expected {expected.FullName}";
                yield break;
            }

            var outlit = (OutlitException)error;
            if (outlit.Status.ToString(CultureInfo.InvariantCulture) != call.Status)
            {
                yield return $"exception status {outlit.Status}, expected {call.Status}";
            }

            var message = example?["error"] ?? example?["message"];
            if (message is JsonValue text && outlit.ServerMessage != text.GetValue<string>())
            {
                yield return $"exception server message '{outlit.ServerMessage}', expected '{text}'";
            }

            foreach (var failure in CheckExceptionDetails(outlit, example))
            {
                yield return failure;
            }

            yield break;
        }

        // Prism cannot tell which tool was called, so its body may be another tool's output or an older shape. Under
        // the client's one JSON policy a body missing what the tool's output schema requires is a typed format error
        // naming the JSON path, never a result with defaults in place of the missing values.
        var mismatch = ToolOutputMismatch(call, example);
        if (mismatch.Count > 0)
        {
            if (error is not OutlitResponseFormatException format)
            {
                yield return error is null
                    ? $"returned {result?.GetType().Name ?? "null"} for a body the tool's output schema rejects ({mismatch[0]}); expected {nameof(OutlitResponseFormatException)}"
                    : $"threw {error.GetType().FullName}: {error.Message}; expected {nameof(OutlitResponseFormatException)}";
            }
            else if (!format.Message.Contains("Path '", StringComparison.Ordinal))
            {
                yield return $"the format error does not name the JSON path: {format.Message}";
            }

            yield break;
        }

        if (error is not null)
        {
            yield return $"threw {error.GetType().FullName}: {error.Message}; expected a result";
            yield break;
        }

        foreach (var failure in CheckResult(call, documented, example, result))
        {
            yield return failure;
        }
    }

    /// <summary>For a tool call answered with a documented example: why that body does not satisfy the called tool's output schema.</summary>
    private static IReadOnlyList<string> ToolOutputMismatch(ClientCase call, JsonNode? example)
    {
        if (call.OperationId != "callTool" || example is null || call.Request.Body is not JsonObject request
            || ContractDocument.Instance.Tools.FirstOrDefault(t => t.Name == request["tool"]?.GetValue<string>()) is not { OutputSchema: { } output })
        {
            return [];
        }

        return ContractDocument.Instance.Validator.ValidateComponent(example, output);
    }

    private static IEnumerable<string> CheckExceptionDetails(OutlitException error, JsonNode? example)
    {
        switch (error)
        {
            case OutlitConnectionLimitException limit:
                if (example?["limit"] is JsonValue l && limit.Limit != l.GetValue<int>())
                {
                    yield return $"connection limit {limit.Limit}, expected {l}";
                }

                if (example?["currentConnections"] is JsonValue c && limit.CurrentConnections != c.GetValue<int>())
                {
                    yield return $"current connections {limit.CurrentConnections}, expected {c}";
                }

                break;
            case OutlitPlanLimitException plan:
                if (example?["feature"] is JsonValue f && plan.Feature != f.GetValue<string>())
                {
                    yield return $"plan-limit feature {plan.Feature}, expected {f}";
                }

                break;
        }

        var details = example?["details"]?.AsArray() ?? example?["errors"]?.AsArray();
        if (details is { Count: > 0 } && error.Details.Count != details.Count)
        {
            yield return $"{error.Details.Count} error details, expected {details.Count}";
        }
    }

    private static IEnumerable<string> CheckResult(ClientCase call, DocumentedResponse documented, JsonNode? example, object? result)
    {
        if (result is null)
        {
            return ["returned null"];
        }

        if (example is null)
        {
            // No documented example: Prism made the body up from the schema, so the result is held to the schema.
            var written = result is JToken raw ? JsonNode.Parse(raw.ToString(Newtonsoft.Json.Formatting.None)) : GeneratedTypes.Serialize(result);
            return documented.SchemaPointer is { } schema
                ? ContractDocument.Instance.Validator.Validate(written, schema).Select(e => "result does not match the response schema: " + e)
                : [];
        }

        if (call.OperationId == "callTool")
        {
            // Prism cannot tell which tool was called, so the body is one of the ToolCallResult examples
            // (the first unless one is asked for) and may be another tool's output or an older shape. The
            // typed result must keep every member of the body; members its type adds are not compared.
            var written = result is JToken raw ? JsonNode.Parse(raw.ToString(Newtonsoft.Json.Formatting.None)) : GeneratedTypes.SerializeLenient(result);
            return JsonEquivalence.Lost(example, written).Select(d => $"{result.GetType().Name} lost part of the body: {d}");
        }

        string[] Ok() => [];
        string[] Fail(string reason) => [reason];

        switch (call.OperationId, result)
        {
            case ("validateApiKey", ValidateApiKeyResult validation):
                if (call.Status == "401")
                {
                    return validation.IsValid ? Fail("a rejected key reported as valid") : Ok();
                }

                var organization = example?["organizationId"]?.GetValue<string>();
                return validation.IsValid && validation.OrganizationId == organization ? Ok() : Fail($"validation result {validation}, expected valid for {organization}");
            case ("disconnectIntegration", DisconnectResult disconnect):
                if (call.Status == "404")
                {
                    var message = example?["message"]?.GetValue<string>();
                    return disconnect.WasNotConnected && disconnect.Message == message ? Ok() : Fail($"disconnect result {disconnect}, expected not connected with '{message}'");
                }

                return disconnect.Disconnected ? Ok() : Fail($"disconnect result {disconnect}, expected disconnected");
            case ("connectIntegration", ConnectResult connect):
                if (example?["connectionId"] is JsonValue connectionId)
                {
                    return connect is DirectConnection direct && direct.ConnectionId == connectionId.GetValue<string>()
                        ? Ok()
                        : Fail($"connect result {connect}, expected a direct connection {connectionId}");
                }

                var sessionId = example?["sessionId"]?.GetValue<string>();
                var connectUrl = example?["connectUrl"]?.GetValue<string>();
                return connect is BrowserSession session && session.SessionId == sessionId && session.ConnectUrl.OriginalString == connectUrl
                    ? Ok()
                    : Fail($"connect result {connect}, expected a browser session {sessionId} at {connectUrl}");
            case ("getIntegrationCapabilities", IntegrationCapabilitySet set):
                var single = example?["provider"] is not null;
                var count = single ? 1 : example?.AsObject().Count;
                return set.IsSingleProvider == single && set.Providers.Count == count
                    ? Ok()
                    : Fail($"capabilities single={set.IsSingleProvider} count={set.Providers.Count}, expected single={single} count={count}");
            case ("ingestEvents", IngestResult ingest):
                return CheckIngest(call, example, ingest);
            case ("listIntegrations", IReadOnlyList<Integration> list):
                return Compare(example?["items"], JsonNode.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(list, GeneratedTypes.Settings)), "#/components/schemas/Integration");
            case (_, JToken token):
                return Compare(example, JsonNode.Parse(token.ToString(Newtonsoft.Json.Formatting.None)), null);
            default:
                // A generated model: it must carry the example, written back the way the generated types write.
                return Compare(example, GeneratedTypes.Serialize(result), "#/components/schemas/" + result.GetType().Name);
        }
    }

    /// <summary>Every ingest response carries the X-RateLimit-* headers; the client must expose what they said.</summary>
    private static IEnumerable<string> CheckRateLimitState(OutlitIngestClient ingest)
    {
        long Documented(string header) => ContractDocument.Instance.At($"#/components/headers/{header}/schema/examples/0")!.GetValue<long>();
        var state = ingest.RateLimit;
        var expected = new IngestRateLimitInfo((int)Documented("RateLimitLimit"), (int)Documented("RateLimitRemaining"), DateTimeOffset.FromUnixTimeSeconds(Documented("RateLimitReset")));
        return state == expected ? [] : [$"rate-limit state {state?.ToString() ?? "null"}, expected {expected} from the response headers"];
    }

    private static IEnumerable<string> CheckIngest(ClientCase call, JsonNode? example, IngestResult result)
    {
        var sent = call.Request.Body?["events"]?.AsArray().Count ?? 0;
        if (call.Status == "200")
        {
            return result.IsSuccess && result.AcceptedCount == sent ? [] : [$"ingest result accepted {result.AcceptedCount} of {sent}: {string.Join("; ", result.Failures)}"];
        }

        var failures = new List<string>();
        if (result.IsSuccess || result.EventCount != sent)
        {
            failures.Add($"ingest result for {call.Status}: {result.AcceptedCount} accepted, {result.Failures.Count} failed, of {sent}");
        }

        // The documented body names refused events by position: errors[].index (current answers; -1 for the batch as a
        // whole) or errors[].path ["events", i, ...] (older answers).
        var firstError = example?["errors"]?[0];
        var index = firstError?["index"]?.GetValue<int>() ?? firstError?["path"]?[1]?.GetValue<int>();
        var message = example?["message"]?.GetValue<string>();
        if (call.Status is "400" or "207" && index is >= 0)
        {
            var named = result.Failures.FirstOrDefault(f => f.Index == index);
            if (named is null || named.Reason != IngestFailureReason.Rejected || named.StatusCode?.ToString(CultureInfo.InvariantCulture) != call.Status || named.Issues.Count == 0)
            {
                failures.Add($"event {index} named by the {call.Status} should be Rejected with its issues: {named?.ToString() ?? "not reported"}");
            }

            if (call.Status == "207" && result.AcceptedCount != sent - result.Failures.Count)
            {
                failures.Add($"a partial answer stores every event it does not name: {result.AcceptedCount} accepted of {sent}");
            }
        }
        else
        {
            var expectedReason = call.Status switch
            {
                "400" or "403" => IngestFailureReason.RequestRejected,
                _ => IngestFailureReason.DeliveryFailed,
            };
            failures.AddRange(result.Failures
                .Where(f => f.Reason != expectedReason || f.StatusCode?.ToString(CultureInfo.InvariantCulture) != call.Status || (message is not null && !f.Message.Contains(message, StringComparison.Ordinal)))
                .Select(f => $"{f}: expected {expectedReason}, status {call.Status}, message '{message}'"));
        }

        return failures;
    }

    private static IEnumerable<string> Compare(JsonNode? example, JsonNode? actual, string? schemaPointer)
    {
        var defaults = schemaPointer is not null && ContractDocument.Instance.At(schemaPointer) is not null ? JsonEquivalence.DefaultsOf(schemaPointer) : null;
        return JsonEquivalence.Differences(example, actual, defaults).Select(d => "result differs from the example: " + d);
    }

    private static async Task<object?> InvokeAsync(OutlitClient client, OutlitIngestClient ingest, ContractOperation operation, ExampleRequest request)
    {
        var body = request.Body as JsonObject;
        string Parameter(string name) => OperationPlan.ParameterExample(operation, name);
        ProviderId Provider() => new(body?["provider"]?.GetValue<string>() ?? Parameter("provider"));
        JObject? Config() => body?["config"] is JsonObject config ? JObject.Parse(config.ToJsonString()) : null;

        switch (operation.Id)
        {
            case "validateApiKey":
                return await client.ValidateApiKeyAsync().ConfigureAwait(false);
            case "callTool":
                return await CallToolAsync(client, body!).ConfigureAwait(false);
            case "listIntegrations":
                return await client.Integrations.ListAsync(connectedOnly: bool.Parse(Parameter("connectedOnly"))).ConfigureAwait(false);
            case "getIntegrationCapabilities":
                return await client.Integrations.GetCapabilitiesAsync(Provider()).ConfigureAwait(false);
            case "runIntegrationSetupStep":
                return await client.Integrations.RunSetupStepAsync(Provider(), body!["step"]!.GetValue<string>(), Config()).ConfigureAwait(false);
            case "connectIntegration":
                return await client.Integrations.ConnectAsync(Provider(), Config()).ConfigureAwait(false);
            case "getIntegrationConnectionStatus":
                return await client.Integrations.GetConnectionStatusAsync(Parameter("sessionId")).ConfigureAwait(false);
            case "disconnectIntegration":
                return await client.Integrations.DisconnectAsync(Provider()).ConfigureAwait(false);
            case "getIntegrationSyncStatus":
                return await client.Integrations.GetSyncStatusAsync(Provider()).ConfigureAwait(false);
            case "ingestEvents":
                var events = (IngestEventsRequest)GeneratedTypes.Deserialize(body!.ToJsonString(), typeof(IngestEventsRequest))!;
                return await ingest.SendAsync(events).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"The client matrix does not know how to call {operation.Id}; add it to {nameof(InvokeAsync)}.");
        }
    }

    /// <summary>Calls the typed method of the tool named in the example: the one taking the tool's input type.</summary>
    private static async Task<object?> CallToolAsync(OutlitClient client, JsonObject body)
    {
        var name = body["tool"]!.GetValue<string>();
        var tool = ContractDocument.Instance.Tools.Single(t => t.Name == name);
        var inputType = GeneratedTypes.ForComponent(tool.InputSchema)
            ?? throw new InvalidOperationException($"No generated type for {tool.InputSchema}.");
        var method = typeof(OutlitTools).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .SingleOrDefault(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                && m.GetParameters() is [var first, { ParameterType: var second }] && first.ParameterType == inputType && second == typeof(CancellationToken))
            ?? throw new InvalidOperationException($"OutlitTools has no typed method taking {inputType.Name} for {name}.");
        var input = GeneratedTypes.Deserialize((body["input"] ?? new JsonObject()).ToJsonString(), inputType);
        var task = (Task)method.Invoke(client.Tools, [input, CancellationToken.None])!;
        await task.ConfigureAwait(false);
        return task.GetType().GetProperty("Result")!.GetValue(task);
    }
}

using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Outlit;

/// <summary>
/// Opt-in pipeline stage that compares each response with the response schema of its operation in the contract
/// embedded in this assembly, and reports differences through <see cref="ILogger"/> and
/// <see cref="OutlitContractDriftMonitor"/>. It is a per-try stage just above the body buffering, so it reads each
/// answer from memory; the generated request path stamps every request with its operation id (and a tool call with
/// its tool), which is how the stage finds the schemas to check.
/// </summary>
/// <remarks>
/// The body is read from the buffer the stage below it filled, so the caller receives the same content object
/// with the same headers and bytes. Nothing here throws: any failure is
/// logged at Debug level and the response goes on unchanged.
/// </remarks>
internal sealed class OutlitContractDriftHandler : DelegatingHandler
{
    private static readonly Action<ILogger, string, string?, int, string, OutlitContractDriftKind, string, Exception?> LogFinding =
        LoggerMessage.Define<string, string?, int, string, OutlitContractDriftKind, string>(
            LogLevel.Warning,
            new EventId(7001, "OutlitContractDrift"),
            "Outlit response differs from the contract: {Operation} (tool {Tool}) status {Status} at {Pointer}: {Kind} {Detail}");

    private static readonly Action<ILogger, string, string?, int, string, OutlitContractDriftKind, string, Exception?> LogRepeat =
        LoggerMessage.Define<string, string?, int, string, OutlitContractDriftKind, string>(
            LogLevel.Debug,
            new EventId(7002, "OutlitContractDriftRepeat"),
            "Outlit response differs from the contract again: {Operation} (tool {Tool}) status {Status} at {Pointer}: {Kind} {Detail}");

    private readonly OutlitContractDriftMonitor monitor;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly string apiKey;

    internal OutlitContractDriftHandler(OutlitClientSettings settings)
    {
        apiKey = settings.ApiKey;
        monitor = settings.ContractDrift;
        logger = settings.LoggerFactory.CreateLogger("Outlit.ContractDrift");
        time = settings.TimeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await CheckAsync(request, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up while the body was being buffered; their next read reports the cancellation.
            monitor.NotChecked();
        }
        catch (Exception ex)
        {
            monitor.NotChecked();
            // The exception type only: messages of JSON and I/O errors can quote the body.
            logger.LogDebug("Outlit contract drift check skipped after {ErrorType}.", ex.GetType().Name);
        }

        return response;
    }

    private async Task CheckAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contract = OutlitContractSchema.Instance;
        var status = (int)response.StatusCode;
        var entry = request.Options.TryGetValue(OutlitHttpRequestOptions.OperationId, out var operationId) ? contract.FindOperation(operationId) : null;
        request.Options.TryGetValue(OutlitHttpRequestOptions.Tool, out var tool);

        // A server that echoes a request can put what the caller sent into field names: findings are redacted like messages.
        var secrets = request.Options.TryGetValue(OutlitHttpRequestOptions.Secrets, out var sent) ? sent : [apiKey];
        if (entry is null)
        {
            Skip("the request matches no operation of the contract", null, status);
            return;
        }

        if (!entry.TryGetResponse(status, out var schema))
        {
            Skip("the contract documents no such status", entry.OperationId, status);
            return;
        }

        SchemaNode? toolSchema = null;
        if (tool is not null && response.IsSuccessStatusCode)
        {
            if (!contract.TryGetToolOutput(tool, out toolSchema))
            {
                logger.LogDebug("Outlit contract drift: tool {Tool} is not in the contract; only the generic tool result shape is checked.", tool);
            }
        }
        else
        {
            tool = null;
        }

        if (schema is null && toolSchema is null)
        {
            Skip("the contract documents no JSON body for this status", entry.OperationId, status);
            return;
        }

        if (response.Content is null || response.Content.Headers.ContentType?.MediaType is { } media && !media.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            Skip("the body is not JSON", entry.OperationId, status);
            return;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        // From the buffer: a copy the caller never sees. ReadAsStreamAsync is avoided because HttpContent caches the
        // stream it returns, and reading it here would leave the caller's stream at its end.
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var json = bytes.AsMemory();
        if (json.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            json = json[3..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            Skip("the body is not valid JSON", entry.OperationId, status);
            return;
        }

        using (document)
        {
            monitor.Checked();
            if (schema is not null)
            {
                Report(OutlitSchemaWalker.Walk(document.RootElement, schema), entry.OperationId, null, status, secrets);
            }

            if (toolSchema is not null)
            {
                Report(OutlitSchemaWalker.Walk(document.RootElement, toolSchema), entry.OperationId, tool, status, secrets);
            }
        }
    }

    private void Report(List<SchemaFinding> findings, string operation, string? tool, int status, IReadOnlyCollection<string> secrets)
    {
        if (findings.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var found in findings)
        {
            var finding = found with { Pointer = OutlitRedactor.Redact(found.Pointer, secrets), Detail = OutlitRedactor.Redact(found.Detail, secrets) };
            var signature = $"{operation}|{tool}|{status}|{finding.Signature}";
            var first = monitor.Record(new OutlitContractDriftFinding(operation, tool, status, finding.Pointer, finding.Kind, finding.Detail, now), signature);
            // Warning once per kind, place (array positions ignored) and detail; the repeats are counted and logged at Debug.
            (first ? LogFinding : LogRepeat)(logger, operation, tool, status, finding.Pointer, finding.Kind, finding.Detail, null);
        }
    }

    private void Skip(string reason, string? operation, int status)
    {
        monitor.NotChecked();
        logger.LogDebug("Outlit contract drift check skipped for {Operation} status {Status}: {Reason}.", operation ?? "(unknown operation)", status, reason);
    }
}

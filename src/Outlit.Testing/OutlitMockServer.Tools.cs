using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Outlit.Testing.Internal;

namespace Outlit.Testing;

public sealed partial class OutlitMockServer
{
    private readonly List<MockNotification> notifications = [];

    /// <summary>The tool gateway, for tests that need to know which tools have a fake.</summary>
    internal ToolGateway Tools => tools;
    private int toolCalls;

    /// <summary>Notifications "sent" through <c>outlit_send_notification</c>, in order. Nothing leaves the process.</summary>
    public IReadOnlyList<MockNotification> SentNotifications
    {
        get
        {
            lock (gate)
            {
                return notifications.ToArray();
            }
        }
    }

    private async Task CallToolAsync(HttpContext context)
    {
        var (ok, body) = await ReadJsonBodyAsync(context, gateway: true).ConfigureAwait(false);
        if (!ok)
        {
            return;
        }

        if (body is not JsonObject request)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                GatewayError("INVALID_TOOL_CALL", "Invalid tool call: expected an object with tool and input", retryable: false)).ConfigureAwait(false);
            return;
        }

        var tool = request["tool"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : null;
        if (tool is null || !tools.ToolNames.Contains(tool))
        {
            // A contract without a readable tool list still gets an answer that says why, not a crash.
            var why = tools.CatalogProblem is { } problem ? " (" + problem + ")" : "";
            var expected = tools.ToolNames.Count == 0 ? "this mock's contract lists no tools" : "expected one of " + string.Join('|', tools.ToolNames);
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, GatewayError(
                "INVALID_TOOL_CALL",
                (tool is null ? "Missing tool name" : "Unknown tool: " + tool) + why + "; tool: " + expected,
                retryable: false)).ConfigureAwait(false);
            return;
        }

        var extra = request.Select(p => p.Key).Where(k => k is not "tool" and not "input").ToList();
        if (extra.Count > 0)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                GatewayError("INVALID_TOOL_CALL", string.Join("; ", extra.Select(k => $"Unrecognized key: \"{k}\"")), retryable: false)).ConfigureAwait(false);
            return;
        }

        var input = request["input"];
        if (input is not null && input is not JsonObject)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest,
                GatewayError("INVALID_TOOL_INPUT", "input: Invalid input: expected object", retryable: false)).ConfigureAwait(false);
            return;
        }

        if (options.ApiCallAllowance is { } allowance)
        {
            bool exhausted;
            lock (gate)
            {
                exhausted = toolCalls >= allowance;
                if (!exhausted)
                {
                    toolCalls++;
                }
            }

            if (exhausted)
            {
                await WriteJsonAsync(context, options.ApiCallLimitStatus, ApiLimitError()).ConfigureAwait(false);
                return;
            }
        }

        var result = tools.Call(tool, (JsonObject?)input ?? []);
        await WriteJsonAsync(context, result.Status, result.Body).ConfigureAwait(false);
    }

    private string RecordNotification(JsonObject input)
    {
        var id = "ntf_" + Guid.NewGuid().ToString("N")[..16];
        var copy = JsonDocument.Parse(input.ToJsonString()).RootElement.Clone();
        lock (gate)
        {
            notifications.Add(new MockNotification(id, copy, clock.GetUtcNow()));
        }

        return id;
    }
}

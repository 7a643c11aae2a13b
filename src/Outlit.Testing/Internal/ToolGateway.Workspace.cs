using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

internal sealed partial class ToolGateway
{
    private string defaultTimezone = "America/New_York";

    private ToolResult GetWorkspaceSettings(JsonObject input) => ToolResult.Ok(Settings());

    private ToolResult UpdateWorkspaceSettings(JsonObject input)
    {
        var zone = Str(input, "defaultTimezone")!;
        if (!IsIanaZone(zone))
        {
            return ToolResult.Invalid("defaultTimezone", $"Unknown time zone \"{zone}\": expected an IANA name such as Europe/London");
        }

        defaultTimezone = zone;
        return ToolResult.Ok(Settings());
    }

    private JsonObject Settings() => new() { ["settings"] = new JsonObject { ["defaultTimezone"] = defaultTimezone } };

    /// <summary>
    /// True for an IANA zone name. Windows names (which .NET also resolves) are refused; ICU answers when the
    /// machine has no zone files of its own.
    /// </summary>
    private static bool IsIanaZone(string zone) =>
        (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId)
        || TimeZoneInfo.TryConvertIanaIdToWindowsId(zone, out _);
}

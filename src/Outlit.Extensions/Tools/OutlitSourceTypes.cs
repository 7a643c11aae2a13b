using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// Generic source types of customer context (calls, emails, tickets…) and the normalization applied to
/// source-type filters before a tool call: trimmed, upper-cased, and the CRM aliases folded into
/// <see cref="Opportunity"/>, the canonical name.
/// </summary>
public static class OutlitSourceTypes
{
    /// <summary>Email threads.</summary>
    public const string Email = "EMAIL";

    /// <summary>Recorded calls.</summary>
    public const string Call = "CALL";

    /// <summary>Calendar events.</summary>
    public const string CalendarEvent = "CALENDAR_EVENT";

    /// <summary>Support tickets.</summary>
    public const string SupportTicket = "SUPPORT_TICKET";

    /// <summary>CRM opportunities (canonical name; <c>CRM</c> and <c>CRM_OPPORTUNITY</c> are accepted aliases).</summary>
    public const string Opportunity = "OPPORTUNITY";

    /// <summary>The documented source types.</summary>
    public static IReadOnlyList<string> All { get; } = [Email, Call, CalendarEvent, SupportTicket, Opportunity];

    /// <summary>Normalizes one source type: trim, upper-case, <c>CRM</c>/<c>CRM_OPPORTUNITY</c> → <c>OPPORTUNITY</c>. Unknown values are kept.</summary>
    /// <param name="sourceType">The value to normalize.</param>
    /// <returns>The normalized value, or null when the input is blank.</returns>
    public static string? Normalize(string? sourceType)
    {
        if (string.IsNullOrWhiteSpace(sourceType))
        {
            return null;
        }

        var upper = sourceType.Trim().ToUpperInvariant();
        return upper is "CRM" or "CRM_OPPORTUNITY" ? Opportunity : upper;
    }

    /// <summary>Normalizes a filter list: each entry normalized, blanks dropped, duplicates (e.g. <c>CRM</c> next to <c>OPPORTUNITY</c>) removed, order kept.</summary>
    /// <param name="sourceTypes">The filter values.</param>
    /// <returns>The values to send.</returns>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?> sourceTypes)
    {
        ArgumentNullException.ThrowIfNull(sourceTypes);
        var result = new List<string>();
        foreach (var item in sourceTypes)
        {
            if (Normalize(item) is { } normalized && !result.Contains(normalized))
            {
                result.Add(normalized);
            }
        }

        return result;
    }

    /// <summary>
    /// Normalizes the <c>sourceType</c> and <c>sourceTypes</c> members of a tool input in place. Works on JSON
    /// so it applies whatever C# type the input was built from, including the generic tool call.
    /// </summary>
    internal static void NormalizeToolInput(JObject input)
    {
        if (input["sourceType"] is JValue { Type: JTokenType.String } single)
        {
            var normalized = Normalize((string?)single);
            if (normalized is null)
            {
                input.Remove("sourceType");
            }
            else
            {
                single.Value = normalized;
            }
        }

        if (input["sourceTypes"] is JArray list)
        {
            var values = list.Select(item => item.Type == JTokenType.String ? (string?)item : null).ToList();
            if (values.All(v => v is not null))
            {
                input["sourceTypes"] = new JArray(Normalize(values).Cast<object>().ToArray());
            }
        }
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

internal sealed partial class ToolGateway
{
    // The event that marks a customer as activated; null when the workspace has cleared the rule. The seeded
    // timelines contain it, so a preview of it finds customers.
    private string? activationEvent = "project_created";

    private ToolResult GetCustomerActivation(JsonObject input) =>
        ToolResult.Ok(new JsonObject { ["activation"] = new JsonObject { ["eventName"] = activationEvent } });

    private ToolResult UpdateCustomerActivation(JsonObject input)
    {
        var requested = Str(input, "eventName");
        var changed = !string.Equals(requested, activationEvent, StringComparison.Ordinal);
        activationEvent = requested;
        return ToolResult.Ok(new JsonObject
        {
            ["activation"] = new JsonObject { ["eventName"] = activationEvent },
            ["changed"] = changed,
        });
    }

    /// <summary>Counts, over the seeded timelines, who the candidate event would match; nothing is saved.</summary>
    private ToolResult PreviewCustomerActivation(JsonObject input)
    {
        var eventName = Str(input, "eventName")!;
        var from = now.AddDays(-((int?)Num(input, "lookbackDays") ?? 30));
        var exampleLimit = (int?)Num(input, "exampleLimit") ?? 10;
        var events = data.Timeline.Where(e => e.EventName == eventName && e.OccurredAt >= from && e.OccurredAt <= now)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var firstByCustomer = events.GroupBy(e => e.CustomerId).Select(g => g.First()).ToList();
        var matched = firstByCustomer.Select(e => data.CustomersById[e.CustomerId]).ToList();
        var activatedCustomers = matched.Count(c => c.ActivatedAt is not null);

        var usersByEmail = data.Users.GroupBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var withContact = events.Where(e => e.Contact is not null).ToList();
        var contacts = withContact.Select(e => e.Contact!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var activatedContacts = contacts.Count(email =>
            usersByEmail.TryGetValue(email, out var u) && u.JourneyStage is "ACTIVATED" or "ENGAGED");

        return ToolResult.Ok(new JsonObject
        {
            ["preview"] = new JsonObject
            {
                ["eventName"] = eventName,
                ["evaluatedFrom"] = Ts(from),
                ["evaluatedTo"] = Ts(now),
                ["evaluatedEventCount"] = events.Count,
                ["matchedCustomerCount"] = matched.Count,
                ["alreadyActivatedCustomerCount"] = activatedCustomers,
                ["wouldActivateCustomerCount"] = matched.Count - activatedCustomers,
                ["evaluatedContactOccurrenceCount"] = withContact.Count,
                ["matchedContactCount"] = contacts.Count,
                ["alreadyActivatedContactCount"] = activatedContacts,
                ["wouldActivateContactCount"] = contacts.Count - activatedContacts,
                ["contactTruncated"] = false,
                ["customerTruncated"] = false,
                ["truncated"] = false,
                ["examples"] = new JsonArray(firstByCustomer.Take(exampleLimit).Select(e =>
                {
                    var c = data.CustomersById[e.CustomerId];
                    return (JsonNode)new JsonObject
                    {
                        ["customer"] = new JsonObject { ["id"] = c.Id, ["name"] = c.Name, ["domain"] = c.Domain },
                        ["activatedAt"] = Ts(c.ActivatedAt),
                        ["firstMatchedAt"] = Ts(e.OccurredAt),
                        ["eventId"] = FakeCustomerBase.UuidFrom(e.Id),
                    };
                }).ToArray()),
            },
        });
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>
/// Checks an ingest batch against the contract the mock follows, reporting every problem with its path
/// (<c>["events", 3, "sessionId"]</c>). Each event is checked against the one schema its <c>type</c> selects
/// (the union's discriminator), so an unknown kind gets the single "Invalid event type" message the endpoint
/// gives rather than one error per alternative.
/// </summary>
internal static class IngestValidation
{
    private const string BatchSchema = "IngestEventsRequest";
    private const string EventsProperty = "events";

    public static List<Issue> Validate(JsonNode? root, ContractSchemas contract)
    {
        if (root is not JsonObject batch)
        {
            return [new Issue([], "Invalid input: expected object, received " + ContractSchemas.Received(root))];
        }

        // The batch without its events: the events are checked one by one below, each against its own kind.
        var shell = new JsonObject();
        foreach (var (key, value) in batch)
        {
            if (key != EventsProperty)
            {
                shell[key] = value?.DeepClone();
            }
        }

        var issues = contract.Validate(BatchSchema, shell)
            .Where(i => !(i.Path.Count == 1 && Equals(i.Path[0], EventsProperty)))
            .ToList();
        var eventsSchema = contract.PropertySchema(BatchSchema, EventsProperty);
        if (!batch.TryGetPropertyValue(EventsProperty, out var eventsNode) || eventsNode is null)
        {
            issues.Add(new Issue([EventsProperty], "Invalid input: expected array, received undefined"));
            return issues;
        }

        if (eventsNode is not JsonArray events)
        {
            issues.Add(new Issue([EventsProperty], "Invalid input: expected array, received " + ContractSchemas.Received(eventsNode)));
            return issues;
        }

        if (Number(eventsSchema?["minItems"]) is { } min && events.Count < min)
        {
            issues.Add(new Issue([EventsProperty], $"Too small: expected array to have >={min} items"));
        }
        else if (Number(eventsSchema?["maxItems"]) is { } max && events.Count > max)
        {
            issues.Add(new Issue([EventsProperty], $"Too big: expected array to have <={max} items"));
            return issues;
        }

        var (property, kinds) = contract.Discriminator(eventsSchema?["items"]);
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JsonObject ev)
            {
                issues.Add(new Issue([EventsProperty, i], "Invalid input: expected object, received " + ContractSchemas.Received(events[i])));
                continue;
            }

            var kind = property is null ? null : ev[property] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            if (property is not null && kind is null)
            {
                issues.Add(new Issue([EventsProperty, i, property], ev.ContainsKey(property) ? "Invalid event type" : "Invalid input: expected string, received undefined"));
                continue;
            }

            if (kind is null || !kinds.TryGetValue(kind, out var schema))
            {
                issues.Add(new Issue([EventsProperty, i, property ?? "type"], "Invalid event type"));
                continue;
            }

            issues.AddRange(contract.Validate(schema, ev).Select(issue => issue with { Path = [EventsProperty, i, .. issue.Path] }));
        }

        return issues;
    }

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}

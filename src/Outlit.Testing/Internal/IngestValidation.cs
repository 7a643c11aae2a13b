using System.Globalization;
using System.Net.Mail;
using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>
/// Checks an ingest batch the way the tracking endpoint does, reporting every problem with its path
/// (<c>["events", 3, "sessionId"]</c>). Written out by hand rather than run through the schema so that an
/// unknown event kind gets the single documented "Invalid event type" message instead of one error per
/// <c>oneOf</c> branch.
/// </summary>
internal static class IngestValidation
{
    private enum Kind
    {
        String,
        Number,
        NonNegative,
        Boolean,
        Object,
        Uri,
        Email,
        Uuid,
        DateTime,
        Enum,
    }

    private sealed record Field(string Name, Kind Kind, bool Required = false, string[]? Values = null);

    private static readonly Field[] Common =
    [
        new("type", Kind.String, Required: true),
        new("timestamp", Kind.Number),
        new("url", Kind.Uri),
        new("path", Kind.String),
        new("referrer", Kind.String),
        new("utm", Kind.Object),
    ];

    private static readonly Dictionary<string, Field[]> EventFields = new(StringComparer.Ordinal)
    {
        ["pageview"] = [new("title", Kind.String)],
        ["custom"] = [new("eventName", Kind.String, Required: true), new("properties", Kind.Object)],
        ["form"] = [new("formId", Kind.String), new("formFields", Kind.Object)],
        ["identify"] =
        [
            new("email", Kind.Email), new("userId", Kind.String), new("customerId", Kind.String),
            new("traits", Kind.Object), new("customerTraits", Kind.Object),
        ],
        ["engagement"] =
        [
            new("activeTimeMs", Kind.NonNegative, Required: true), new("totalTimeMs", Kind.NonNegative, Required: true),
            new("sessionId", Kind.Uuid, Required: true),
        ],
        ["calendar"] =
        [
            new("provider", Kind.Enum, Required: true, Values: ["cal.com", "calendly", "unknown"]),
            new("eventType", Kind.String), new("startTime", Kind.DateTime), new("endTime", Kind.DateTime),
            new("duration", Kind.Number), new("isRecurring", Kind.Boolean), new("inviteeEmail", Kind.Email),
            new("inviteeName", Kind.String),
        ],
        ["stage"] =
        [
            new("stage", Kind.Enum, Required: true, Values: ["activated", "engaged", "inactive"]),
            new("properties", Kind.Object),
        ],
        ["billing"] =
        [
            new("status", Kind.Enum, Required: true, Values: ["trialing", "paid", "churned"]),
            new("customerId", Kind.String), new("stripeCustomerId", Kind.String), new("properties", Kind.Object),
        ],
    };

    private static readonly Field[] Batch =
    [
        new("visitorId", Kind.Uuid),
        new("source", Kind.Enum, Values: ["client", "server", "integration"]),
        new("userIdentity", Kind.Object),
        new("customerIdentity", Kind.Object),
    ];

    private static readonly Field[] UserIdentity = [new("email", Kind.Email), new("userId", Kind.String), new("traits", Kind.Object)];

    private static readonly Field[] CustomerIdentity = [new("customerId", Kind.String), new("customerTraits", Kind.Object)];

    private static readonly string[] UtmKeys = ["source", "medium", "campaign", "term", "content"];

    public static List<Issue> Validate(JsonNode? root, int? maxEvents)
    {
        var issues = new List<Issue>();
        if (root is not JsonObject batch)
        {
            issues.Add(new Issue([], "Invalid input: expected object, received " + Describe(root)));
            return issues;
        }

        foreach (var key in batch.Select(p => p.Key))
        {
            if (key != "events" && Batch.All(f => f.Name != key))
            {
                issues.Add(new Issue([], $"Unrecognized key: \"{key}\""));
            }
        }

        Check(batch, Batch, [], issues);
        CheckClosed(batch["userIdentity"] as JsonObject, UserIdentity, ["userIdentity"], issues);
        CheckClosed(batch["customerIdentity"] as JsonObject, CustomerIdentity, ["customerIdentity"], issues);

        if (!batch.TryGetPropertyValue("events", out var eventsNode) || eventsNode is null)
        {
            issues.Add(new Issue(["events"], "Invalid input: expected array, received undefined"));
            return issues;
        }

        if (eventsNode is not JsonArray events)
        {
            issues.Add(new Issue(["events"], "Invalid input: expected array, received " + Describe(eventsNode)));
            return issues;
        }

        if (events.Count == 0)
        {
            issues.Add(new Issue(["events"], "Too small: expected array to have >=1 items"));
        }
        else if (events.Count > maxEvents)
        {
            issues.Add(new Issue(["events"], $"Too big: expected array to have <={maxEvents} items"));
            return issues;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JsonObject ev)
            {
                issues.Add(new Issue(["events", i], "Invalid input: expected object, received " + Describe(events[i])));
                continue;
            }

            var type = ev["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            if (type is null)
            {
                issues.Add(new Issue(["events", i, "type"], ev.ContainsKey("type") ? "Invalid event type" : "Invalid input: expected string, received undefined"));
                continue;
            }

            if (!EventFields.TryGetValue(type, out var fields))
            {
                issues.Add(new Issue(["events", i, "type"], "Invalid event type"));
                continue;
            }

            Check(ev, Common.Skip(1), ["events", i], issues);
            Check(ev, fields, ["events", i], issues);
            if (ev["utm"] is JsonObject utm)
            {
                foreach (var (key, value) in utm)
                {
                    if (UtmKeys.Contains(key) && !IsString(value))
                    {
                        issues.Add(new Issue(["events", i, "utm", key], "Invalid input: expected string, received " + Describe(value)));
                    }
                }
            }
        }

        return issues;
    }

    private static void CheckClosed(JsonObject? value, Field[] fields, List<object> path, List<Issue> issues)
    {
        if (value is null)
        {
            return;
        }

        foreach (var key in value.Select(p => p.Key).Where(k => fields.All(f => f.Name != k)))
        {
            issues.Add(new Issue(path, $"Unrecognized key: \"{key}\""));
        }

        Check(value, fields, path, issues);
    }

    private static void Check(JsonObject value, IEnumerable<Field> fields, List<object> path, List<Issue> issues)
    {
        foreach (var field in fields)
        {
            var fieldPath = new List<object>(path) { field.Name };
            if (!value.TryGetPropertyValue(field.Name, out var node))
            {
                if (field.Required)
                {
                    issues.Add(new Issue(fieldPath, $"Invalid input: expected {Expected(field.Kind)}, received undefined"));
                }

                continue;
            }

            var problem = Problem(field, node);
            if (problem is not null)
            {
                issues.Add(new Issue(fieldPath, problem));
            }
        }
    }

    private static string? Problem(Field field, JsonNode? node)
    {
        switch (field.Kind)
        {
            case Kind.Object:
                return node is JsonObject ? null : "Invalid input: expected object, received " + Describe(node);
            case Kind.Boolean:
                return node is JsonValue b && b.TryGetValue<bool>(out _) ? null : "Invalid input: expected boolean, received " + Describe(node);
            case Kind.Number:
            case Kind.NonNegative:
                if (node is not JsonValue n || !n.TryGetValue<double>(out var number))
                {
                    return "Invalid input: expected number, received " + Describe(node);
                }

                return field.Kind == Kind.NonNegative && number < 0 ? "Too small: expected number to be >=0" : null;
        }

        if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return "Invalid input: expected string, received " + Describe(node);
        }

        return field.Kind switch
        {
            Kind.Uri => Uri.TryCreate(text, UriKind.Absolute, out _) ? null : "Invalid URL",
            Kind.Email => MailAddress.TryCreate(text, out var mail) && mail.Address == text ? null : "Invalid email address",
            Kind.Uuid => Guid.TryParseExact(text, "D", out _) ? null : "Invalid UUID",
            Kind.DateTime => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T')
                ? null
                : "Invalid ISO datetime",
            Kind.Enum => field.Values!.Contains(text)
                ? null
                : "Invalid option: expected one of " + string.Join('|', field.Values!.Select(x => "\"" + x + "\"")),
            _ => null,
        };
    }

    private static string Expected(Kind kind) => kind switch
    {
        Kind.Number or Kind.NonNegative => "number",
        Kind.Boolean => "boolean",
        Kind.Object => "object",
        _ => "string",
    };

    private static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out _);

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        _ => "number",
    };
}

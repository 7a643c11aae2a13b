using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Generation;

/// <summary>
/// Compares a JSON document with its re-serialization by the generated types. Two values that differ
/// only in one of the named <see cref="Normalizations"/> are equal; anything else is a difference.
/// </summary>
internal static class JsonEquivalence
{
    /// <summary>The differences the comparison forgives, each for a stated reason.</summary>
    public static IReadOnlyDictionary<string, string> Normalizations { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["number spelling"] = "numbers compare by value: 65000 and 65000.0 are one number (doubles re-serialize with a decimal point)",
        ["null left out"] = "a property whose value is null may be left out when written: the generated classes skip null optional properties, and the round-tripped JSON is validated against the schema, so a required one cannot be lost this way",
        ["default written"] = "a property left out may come back holding the default its schema declares: the generated classes start optional properties at their default, and the server applies the same default when the property is absent",
        ["date-time spelling"] = "ISO 8601 timestamps compare by instant: 2026-04-10T12:00:00Z and 2026-04-10T12:00:00+00:00 are one time",
    };

    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>, by JSON pointer.</summary>
    /// <param name="expected">The original JSON.</param>
    /// <param name="actual">The JSON written back.</param>
    /// <param name="defaults">Declared defaults by property name (see <see cref="DefaultsOf"/>); an added member
    /// holding one of them is forgiven ("default written"). Without it, every added member is a difference.</param>
    public static IReadOnlyList<string> Differences(JsonNode? expected, JsonNode? actual, ILookup<string, JsonNode?>? defaults = null)
    {
        var differences = new List<string>();
        Compare(expected, actual, string.Empty, differences, defaults, allowAdded: false);
        return differences;
    }

    /// <summary>
    /// The members of <paramref name="expected"/> that <paramref name="actual"/> lost or changed; members
    /// <paramref name="actual"/> adds are not differences. For reading a body into a type that declares
    /// more than the body carries.
    /// </summary>
    public static IReadOnlyList<string> Lost(JsonNode? expected, JsonNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, string.Empty, differences, defaults: null, allowAdded: true);
        return differences;
    }

    /// <summary>
    /// The <c>default</c> of every property declared by the schema at <paramref name="schemaPointer"/> or by any
    /// schema it reaches through <c>$ref</c>, <c>allOf</c>, <c>oneOf</c>, <c>anyOf</c>, <c>items</c> and
    /// <c>properties</c>, keyed by property name.
    /// </summary>
    public static ILookup<string, JsonNode?> DefaultsOf(string schemaPointer)
    {
        var found = new List<(string Name, JsonNode? Value)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Walk(Support.ContractDocument.Instance.At(schemaPointer));
        return found.ToLookup(f => f.Name, f => f.Value, StringComparer.Ordinal);

        void Walk(JsonNode? schema)
        {
            if (schema is not JsonObject obj)
            {
                return;
            }

            if (obj["$ref"] is JsonValue reference)
            {
                var target = reference.GetValue<string>();
                if (visited.Add(target))
                {
                    Walk(Support.ContractDocument.Instance.At(target));
                }

                return;
            }

            foreach (var (name, property) in obj["properties"]?.AsObject() ?? [])
            {
                if (property is JsonObject p && p.TryGetPropertyValue("default", out var value))
                {
                    found.Add((name, value));
                }

                Walk(property);
            }

            foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
            {
                foreach (var part in obj[keyword]?.AsArray() ?? [])
                {
                    Walk(part);
                }
            }

            Walk(obj["items"]);
            Walk(obj["additionalProperties"]);
        }
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, List<string> differences, ILookup<string, JsonNode?>? defaults, bool allowAdded)
    {
        var location = path.Length == 0 ? "(root)" : path;
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        if (value is null)
                        {
                            // Normalization "null left out".
                            continue;
                        }

                        differences.Add($"{path}/{name}: missing after the round trip (was {value?.ToJsonString() ?? "null"})");
                        continue;
                    }

                    Compare(value, other, $"{path}/{name}", differences, defaults, allowAdded);
                }

                foreach (var (name, value) in a.Where(p => !allowAdded && !e.ContainsKey(p.Key)))
                {
                    // Normalization "default written".
                    if (defaults is not null && defaults[name].Any(d => d is JsonValue dv && value is JsonValue av ? ScalarsEqual(dv, av) : JsonNode.DeepEquals(d, value)))
                    {
                        continue;
                    }

                    differences.Add($"{path}/{name}: added by the round trip ({value?.ToJsonString() ?? "null"})");
                }

                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{location}: {e.Count} items became {a.Count}");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}/{i}", differences, defaults, allowAdded);
                }

                return;
            case (JsonValue e, JsonValue a) when ScalarsEqual(e, a):
                return;
            default:
                differences.Add($"{location}: {expected?.ToJsonString() ?? "null"} became {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static bool ScalarsEqual(JsonValue expected, JsonValue actual)
    {
        if (JsonNode.DeepEquals(expected, actual))
        {
            return true;
        }

        var e = expected.GetValueKind();
        var a = actual.GetValueKind();

        // Normalization "number spelling".
        if (e == JsonValueKind.Number && a == JsonValueKind.Number)
        {
            return decimal.TryParse(expected.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && decimal.TryParse(actual.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                && x == y;
        }

        // Normalization "date-time spelling".
        if (e == JsonValueKind.String && a == JsonValueKind.String)
        {
            return IsoInstant(expected.GetValue<string>()) is { } x && IsoInstant(actual.GetValue<string>()) is { } y && x == y;
        }

        return false;
    }

    private static DateTimeOffset? IsoInstant(string text) =>
        text.Length >= 19 && text[10] == 'T'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant)
            ? instant
            : null;
}

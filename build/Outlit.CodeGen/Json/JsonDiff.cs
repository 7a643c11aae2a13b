using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Json;

/// <summary>One difference between two versions of a JSON document.</summary>
/// <param name="Pointer">Where it is (RFC 6901), in the later version for additions and the earlier one otherwise.</param>
/// <param name="Change"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
internal sealed record JsonChange(string Pointer, string Change);

/// <summary>
/// Lists where two versions of a document differ, at the outermost pointer of each difference: an added
/// or removed member is reported once, not with everything below it, which keeps a rule's report readable.
/// </summary>
internal static class JsonDiff
{
    public static IReadOnlyList<JsonChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<JsonChange>();
        Compare(before, after, string.Empty, changes);
        return changes;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string pointer, List<JsonChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var (key, value) in a)
                {
                    if (!b.TryGetPropertyValue(key, out var other))
                    {
                        changes.Add(new JsonChange(JsonPointer.Append(pointer, key), "removed"));
                    }
                    else
                    {
                        Compare(value, other, JsonPointer.Append(pointer, key), changes);
                    }
                }

                foreach (var (key, _) in b)
                {
                    if (!a.ContainsKey(key))
                    {
                        changes.Add(new JsonChange(JsonPointer.Append(pointer, key), "added"));
                    }
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], b[i], JsonPointer.Append(pointer, i), changes);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    changes.Add(new JsonChange(pointer, "changed"));
                }

                break;
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Outlit.Contracts;

/// <summary>
/// Finds content-free reference loops: schemas that lead back to themselves through <c>$ref</c>,
/// <c>allOf</c> or a nullable wrapper (<c>anyOf</c>/<c>oneOf</c> with one non-null member) without
/// any of them declaring a type, properties, items or values. Such a loop describes nothing, and a
/// generator that resolves it (NSwag does) recurses until the stack overflows. Loops that pass
/// through real content (a tree whose children are items of itself) are ordinary recursion.
/// </summary>
/// <remarks>
/// Works on the JSON tree, not on the OpenAPI object model: reading a delegated property of a
/// reference inside such a loop would itself recurse without end. One source file, compiled into both
/// the generation step (which refuses such a document) and the drift tool (which reports it), so the
/// two agree on what a loop is.
/// </remarks>
internal static class ReferenceLoops
{
    private static readonly string[] ContentKeywords =
        ["type", "properties", "items", "prefixItems", "additionalProperties", "patternProperties", "enum", "const"];

    /// <summary>Returns each loop once, as the pointers of its schemas in order, starting with the smallest pointer.</summary>
    /// <param name="root">The document.</param>
    /// <returns>The loops, sorted.</returns>
    public static List<List<string>> Find(JsonObject root)
    {
        var loops = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var targets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var reference in References(root))
        {
            if (JsonReferences.Resolve(root, reference) is { } target)
            {
                targets.Add(target.Pointer);
            }
        }

        // A loop needs a $ref to climb back up the tree, so every loop passes through the target
        // of some $ref: searching from each target for a way back to it finds them all.
        foreach (var start in targets)
        {
            Search(root, start, start, [], new HashSet<string>(StringComparer.Ordinal), loops);
        }

        return loops.Values.OrderBy(loop => loop[0], StringComparer.Ordinal).ToList();
    }

    /// <summary>Formats a loop for a message: each pointer, then the first again.</summary>
    /// <param name="loop">The pointers of the loop.</param>
    /// <returns>The loop as text.</returns>
    public static string Describe(IReadOnlyList<string> loop) => string.Join(" → ", loop.Append(loop[0]));

    private static void Search(JsonObject root, string pointer, string start, List<string> path, HashSet<string> visited, Dictionary<string, List<string>> loops)
    {
        if (pointer == start && path.Count > 0)
        {
            var first = path.IndexOf(path.Min(StringComparer.Ordinal)!);
            var canonical = path.Skip(first).Concat(path.Take(first)).ToList();
            loops.TryAdd(string.Join("\n", canonical), canonical);
            return;
        }

        if (!visited.Add(pointer) || JsonReferences.Resolve(root, pointer) is not { Node: JsonObject schema } || ContentKeywords.Any(schema.ContainsKey))
        {
            return;
        }

        path.Add(pointer);
        foreach (var next in Edges(root, schema, pointer))
        {
            Search(root, next, start, path, visited, loops);
        }

        path.RemoveAt(path.Count - 1);
    }

    private static IEnumerable<string> Edges(JsonObject root, JsonObject schema, string pointer)
    {
        if (schema["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference) && JsonReferences.Resolve(root, reference) is { } target)
        {
            yield return target.Pointer;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            for (var i = 0; i < allOf.Count; i++)
            {
                yield return Append(pointer, "allOf", i.ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema[keyword] is not JsonArray union)
            {
                continue;
            }

            var members = Enumerable.Range(0, union.Count).Where(i => !IsNullOnly(union[i])).ToList();
            if (members.Count == 1)
            {
                yield return Append(pointer, keyword, members[0].ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static bool IsNullOnly(JsonNode? node)
        => node is JsonObject obj && obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "null" && obj.Count == 1;

    /// <summary>Every <c>$ref</c> text of the tree, outside example and value data.</summary>
    private static List<string> References(JsonNode root)
    {
        var result = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (key == "$ref" && child is JsonValue value && value.TryGetValue<string>(out var text))
                        {
                            result.Add(text);
                        }
                        else if (key is not ("example" or "examples" or "default" or "const" or "enum" or "value"))
                        {
                            Walk(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }

        Walk(root);
        return result;
    }

    private static string Append(string pointer, params string[] tokens)
    {
        foreach (var token in tokens)
        {
            pointer += "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        }

        return pointer;
    }
}

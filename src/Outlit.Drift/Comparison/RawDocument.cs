using System.Globalization;
using System.Text.Json.Nodes;

namespace Outlit.Drift.Comparison;

/// <summary>
/// Walks and resolves a document as a plain JSON tree, for what the OpenAPI object model hides or
/// cannot represent safely: extensions, reference loops and the exact pointer of every <c>$ref</c>.
/// </summary>
internal static class RawDocument
{
    /// <summary>Keywords whose values are data (examples, defaults, allowed values), never part of the description.</summary>
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "example", "examples", "default", "const", "enum", "value" };

    /// <summary>Resolves a local reference (<c>#/a/b</c>, URI-escaped or not) to its node and canonical pointer.</summary>
    /// <param name="root">The document.</param>
    /// <param name="reference">The <c>$ref</c> text.</param>
    /// <returns>The node and its pointer, or null when the reference is not local or points to nothing.</returns>
    public static (JsonNode Node, string Pointer)? Resolve(JsonObject root, string reference) => Outlit.Contracts.JsonReferences.Resolve(root, reference);

    /// <summary>Every <c>$ref</c> in a tree outside example data: the pointer of the object that holds it and its text.</summary>
    /// <param name="root">The document, or a part of it.</param>
    /// <param name="pointer">Where <paramref name="root"/> sits in its document.</param>
    /// <returns>The references in document order.</returns>
    public static List<(string Holder, string Reference)> References(JsonNode root, string pointer = JsonPointer.Root)
    {
        var result = new List<(string, string)>();
        void Walk(JsonNode? node, string pointer)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (key == "$ref" && child is JsonValue value && value.TryGetValue<string>(out var text))
                        {
                            result.Add((pointer, text));
                        }
                        else if (!DataKeywords.Contains(key))
                        {
                            Walk(child, JsonPointer.Append(pointer, key));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], JsonPointer.Append(pointer, i.ToString(CultureInfo.InvariantCulture)));
                    }

                    break;
            }
        }

        Walk(root, pointer);
        return result;
    }
}

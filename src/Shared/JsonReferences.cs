using System.Globalization;
using System.Text.Json.Nodes;

namespace Outlit.Contracts;

/// <summary>Local <c>$ref</c> resolution on a plain JSON tree, shared by the generation step and the drift tool.</summary>
internal static class JsonReferences
{
    /// <summary>Resolves a local reference (<c>#/a/b</c>, URI-escaped or not) to its node and canonical <c>#/…</c> pointer.</summary>
    public static (JsonNode Node, string Pointer)? Resolve(JsonObject root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        var fragment = Uri.UnescapeDataString(reference[1..]);
        if (fragment.Length == 0)
        {
            return (root, "#");
        }

        if (fragment[0] != '/')
        {
            return null;
        }

        JsonNode? node = root;
        var pointer = "#";
        foreach (var raw in fragment[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }

            pointer = Append(pointer, token);
        }

        return (node, pointer);
    }

    private static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}

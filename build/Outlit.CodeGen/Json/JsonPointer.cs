using System.Text;
using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Json;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/> trees.</summary>
internal static class JsonPointer
{
    public static string Escape(string segment) => segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Append(string pointer, string segment) => pointer + "/" + Escape(segment);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Splits "/a/b~1c" into its unescaped segments.</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        return pointer[1..].Split('/').Select(Unescape).ToArray();
    }

    /// <summary>Resolves a pointer ("" is the root); null when any segment is missing.</summary>
    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var segment in Segments(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Turns a pointer back into a readable path for messages ("#/components/schemas/X").</summary>
    public static string ToFragment(string pointer)
    {
        var builder = new StringBuilder("#");
        builder.Append(pointer);
        return builder.ToString();
    }
}

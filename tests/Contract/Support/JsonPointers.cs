using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Support;

/// <summary>RFC 6901 JSON pointers in the <c>#/a/b</c> spelling the OpenAPI document uses for references.</summary>
internal static class JsonPointers
{
    /// <summary>Escapes one reference token (<c>~</c> -> <c>~0</c>, <c>/</c> -> <c>~1</c>).</summary>
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>Reverses <see cref="Escape"/>.</summary>
    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    /// <summary>Appends reference tokens to a pointer.</summary>
    public static string Append(string pointer, params object[] tokens) =>
        pointer + string.Concat(tokens.Select(t => "/" + Escape(Convert.ToString(t, System.Globalization.CultureInfo.InvariantCulture)!)));

    /// <summary>The node a pointer designates, or null when the path does not exist.</summary>
    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        var body = pointer.StartsWith('#') ? pointer[1..] : pointer;
        if (body.Length == 0)
        {
            return root;
        }

        JsonNode? current = root;
        foreach (var raw in body[1..].Split('/'))
        {
            var token = Unescape(raw);
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array when int.TryParse(token, out var index) && index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                return null;
            }
        }

        return current;
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Outlit.Faults.Matrix;

/// <summary>
/// The secrets every cell sends, each a value no real account has, so any occurrence in what the matrix
/// produced (log lines, exception texts, body snippets, drift findings) is a leak.
/// </summary>
public static partial class Sentinels
{
    /// <summary>The Platform API key of every client the matrix builds.</summary>
    public const string ApiKey = "ok_FaultMatrix_SENTINEL_5e1f0c9b";

    /// <summary>The credential in the <c>config</c> of a direct connect.</summary>
    public const string ConnectCredential = "phx_SENTINEL_connect_8a2d4f61";

    /// <summary>The <c>webhookSecret</c> of a setup step.</summary>
    public const string SetupSecret = "whsec_SENTINEL_setup_3b7e9c05";

    /// <summary>Every secret, with the name reports use for it.</summary>
    public static IReadOnlyList<(string Name, string Value)> All { get; } =
    [
        ("API key", ApiKey),
        ("connect credential", ConnectCredential),
        ("setup secret", SetupSecret),
    ];

    /// <summary>
    /// The secrets found in <paramref name="text"/>, however it is escaped: raw, with any characters as JSON
    /// <c>\uXXXX</c> escapes (or other JSON escapes), URL-encoded, as HTML character references, or escaped twice.
    /// </summary>
    /// <param name="text">Any text the library produced.</param>
    /// <returns>The names of the secrets found; empty when none.</returns>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<string>();
        foreach (var form in Decodings(text))
        {
            foreach (var (name, value) in All)
            {
                if (!found.Contains(name) && form.Contains(value, StringComparison.Ordinal))
                {
                    found.Add(name);
                }
            }
        }

        return found;
    }

    /// <summary>The text and every reading of it obtained by undoing escapes, up to three layers deep.</summary>
    private static IEnumerable<string> Decodings(string text)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { text };
        var layer = new List<string> { text };
        yield return text;
        for (var depth = 0; depth < 3 && layer.Count > 0; depth++)
        {
            var next = new List<string>();
            foreach (var form in layer)
            {
                foreach (var decoded in new[] { JsonUnescape(form), UrlDecode(form), WebUtility.HtmlDecode(form) })
                {
                    if (seen.Add(decoded))
                    {
                        next.Add(decoded);
                        yield return decoded;
                    }
                }
            }

            layer = next;
        }
    }

    private static string JsonUnescape(string text) =>
        !text.Contains('\\', StringComparison.Ordinal)
            ? text
            : JsonEscape().Replace(text, match => match.Groups["hex"].Success
                ? ((char)int.Parse(match.Groups["hex"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString()
                : match.Groups["char"].Value switch
                {
                    "n" => "\n",
                    "r" => "\r",
                    "t" => "\t",
                    "b" => "\b",
                    "f" => "\f",
                    var other => other,
                });

    private static string UrlDecode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal) && !text.Contains('+', StringComparison.Ordinal))
        {
            return text;
        }

        // Decoded leniently: a '%' not followed by two hex digits stays as it is, as WebUtility does.
        return WebUtility.UrlDecode(text) ?? text;
    }

    [GeneratedRegex(@"\\(?:u(?<hex>[0-9A-Fa-f]{4})|(?<char>[""\\/bfnrt]))", RegexOptions.CultureInvariant)]
    private static partial Regex JsonEscape();

    /// <summary>Replaces the raw secrets in <paramref name="text"/> with their names, so reports can quote where a leak was found.</summary>
    /// <param name="text">A text.</param>
    /// <returns>The text without raw secrets.</returns>
    public static string Mask(string text)
    {
        foreach (var (name, value) in All)
        {
            text = text.Replace(value, $"«{name}»", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Escapes every character of <paramref name="text"/> as <c>\uXXXX</c>: what a server's JSON encoder may legally send.</summary>
    /// <param name="text">The text.</param>
    /// <returns>A JSON string body (without quotes) that decodes to <paramref name="text"/>.</returns>
    public static string EscapeEveryCharacter(string text)
    {
        var escaped = new StringBuilder(text.Length * 6);
        foreach (var c in text)
        {
            escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }

        return escaped.ToString();
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Outlit;

/// <summary>
/// Removes secrets from text that may reach a log, an exception message or a body snippet: the client's API key,
/// the credentials a request carried (connect and setup-step settings), and anything shaped like an Outlit key
/// (a proxy or the server could echo a different key). A server that echoes a request may escape it in any way
/// (<c>ok\u005f…</c>, <c>ok%5F…</c>, <c>ok&amp;#95;…</c>), so the text is unescaped first and the secrets are
/// searched in the result: what is returned is the unescaped, redacted text.
/// </summary>
internal static partial class OutlitRedactor
{
    internal const string Mask = "ok_[redacted]";

    internal const string SecretMask = "[redacted]";

    // Shorter values are too common to be told apart from ordinary text (and too short to be real credentials).
    private const int ShortestSecret = 4;

    [GeneratedRegex(@"ok_[A-Za-z0-9_\-\.]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})|%([0-9A-Fa-f]{2})|&#[xX]([0-9A-Fa-f]{1,6});|&#([0-9]{1,7});|\\(/)", RegexOptions.CultureInvariant)]
    private static partial Regex Escape();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    internal static string Redact(string text, string? apiKey) => Redact(text, apiKey is null ? [] : [apiKey]);

    internal static string Redact(string text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var plain = Unescape(text);
        foreach (var secret in secrets)
        {
            if (secret is { Length: >= ShortestSecret })
            {
                plain = plain.Replace(Unescape(secret), secret.StartsWith("ok_", StringComparison.Ordinal) ? Mask : SecretMask, StringComparison.Ordinal);
            }
        }

        return KeyShape().Replace(plain, Mask);
    }

    /// <summary>
    /// Redacts the caller's secrets from a short value the server chose (an error code, a plan name, a request id):
    /// unchanged unless it holds one of them, so a code callers compare against is never rewritten because it merely
    /// looks like a key.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    internal static string? RedactValue(string? value, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var plain = Unescape(value);
        var redacted = plain;
        foreach (var secret in secrets)
        {
            if (secret is { Length: >= ShortestSecret })
            {
                redacted = redacted.Replace(Unescape(secret), SecretMask, StringComparison.Ordinal);
            }
        }

        return ReferenceEquals(redacted, plain) || redacted == plain ? value : redacted;
    }

    /// <summary>A short, single-line, redacted excerpt of a body for diagnostics.</summary>
    internal static string? Snippet(string? body, IEnumerable<string> secrets, int maxLength = 300)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        // Bound the work on huge HTML pages; the margin keeps a secret cut at the edge, escaped, still whole to match.
        var bounded = body.Length > maxLength * 8 ? body[..(maxLength * 8)] : body;
        var collapsed = Whitespace().Replace(Redact(bounded.Trim(), secrets), " ");
        return collapsed.Length <= maxLength ? collapsed : collapsed[..maxLength] + "…";
    }

    internal static string? Snippet(string? body, string? apiKey, int maxLength = 300) =>
        Snippet(body, apiKey is null ? [] : [apiKey], maxLength);

    /// <summary>Decodes JSON, URL and HTML escapes until nothing changes (escapes can be nested), three rounds at most.</summary>
    private static string Unescape(string text)
    {
        for (var round = 0; round < 3; round++)
        {
            var decoded = Escape().Replace(text, DecodeOne);
            decoded = decoded.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(decoded) : decoded;
            if (decoded == text)
            {
                break;
            }

            text = decoded;
        }

        return text;
    }

    private static string DecodeOne(Match match)
    {
        for (var group = 1; group <= 5; group++)
        {
            if (match.Groups[group].Success)
            {
                var code = int.Parse(match.Groups[group].Value, group == 5 ? NumberStyles.Integer : NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                return code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : match.Value;
            }
        }

        return match.Groups[6].Success ? "/" : match.Value;
    }

    /// <summary>The text of the first bytes of a body, for a snippet.</summary>
    internal static string Text(ReadOnlySpan<byte> utf8) => Encoding.UTF8.GetString(utf8);
}

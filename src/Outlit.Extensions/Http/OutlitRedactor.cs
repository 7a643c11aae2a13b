using System.Text.RegularExpressions;

namespace Outlit;

/// <summary>
/// Removes API keys from text that may reach a log, an exception message or a body snippet. Besides the
/// configured key it masks anything shaped like an Outlit key, because a proxy or the server could echo a
/// different key than the one this client holds.
/// </summary>
internal static partial class OutlitRedactor
{
    internal const string Mask = "ok_[redacted]";

    [GeneratedRegex(@"ok_[A-Za-z0-9_\-\.]{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShape();

    internal static string Redact(string text, string? apiKey)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, Mask, StringComparison.Ordinal);
        }

        return KeyShape().Replace(text, Mask);
    }

    /// <summary>A short, single-line, redacted excerpt of a body for diagnostics.</summary>
    internal static string? Snippet(string? body, string? apiKey, int maxLength = 300)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var collapsed = Regex.Replace(body.Trim(), @"\s+", " ");
        if (collapsed.Length > maxLength * 4)
        {
            // Bound the work of redaction on huge HTML pages; keep a margin so a key cut at the edge is still masked.
            collapsed = collapsed[..(maxLength * 4)];
        }

        collapsed = Redact(collapsed, apiKey);
        return collapsed.Length <= maxLength ? collapsed : collapsed[..maxLength] + "…";
    }
}

using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>Matching media types across documents.</summary>
public static partial class DriftComparer
{
    private sealed record MediaMatch(string BaseKey, IOpenApiMediaType Base, string CandidateKey, IOpenApiMediaType Candidate);

    /// <summary>
    /// Pairs the media types of two content maps. Names match case-insensitively and without their
    /// parameters (<c>application/json; charset=utf-8</c> is <c>application/json</c>). For what clients
    /// send, a range the candidate accepts (<c>application/*</c>, <c>*/*</c>) also covers a concrete
    /// type it no longer lists, since the server still takes that type.
    /// </summary>
    private static (List<MediaMatch> Matched, List<string> Removed, List<string> Added) MatchMediaTypes(
        IDictionary<string, IOpenApiMediaType>? baseContent,
        IDictionary<string, IOpenApiMediaType>? candidateContent,
        bool rangesCover)
    {
        var matched = new List<MediaMatch>();
        var removed = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var candidates = candidateContent ?? new Dictionary<string, IOpenApiMediaType>();
        foreach (var (key, media) in baseContent ?? new Dictionary<string, IOpenApiMediaType>())
        {
            var essence = Essence(key);
            var match = candidates.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.Ordinal))
                ?? candidates.Keys.FirstOrDefault(k => Essence(k) == essence)
                ?? (rangesCover ? candidates.Keys.Where(k => Covers(Essence(k), essence)).OrderBy(k => Essence(k) == "*/*").FirstOrDefault() : null);
            if (match is null)
            {
                removed.Add(key);
                continue;
            }

            used.Add(match);
            matched.Add(new MediaMatch(key, media, match, candidates[match]));
        }

        var added = candidates.Keys.Where(k => !used.Contains(k) && !(baseContent ?? new Dictionary<string, IOpenApiMediaType>()).Keys.Any(b => Essence(b) == Essence(k))).ToList();
        return (matched, removed, added);
    }

    private static string Essence(string mediaType)
    {
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? mediaType : mediaType[..semicolon]).Trim().ToLowerInvariant();
    }

    private static bool Covers(string range, string mediaType)
        => range == "*/*" || (range.EndsWith("/*", StringComparison.Ordinal) && mediaType.StartsWith(range[..^1], StringComparison.Ordinal));
}

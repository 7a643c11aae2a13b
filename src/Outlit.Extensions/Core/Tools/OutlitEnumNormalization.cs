namespace Outlit;

/// <summary>
/// Normalizes a value of an enumeration the contract lists aliases for (<c>x-outlit-aliases</c>): trimmed; a listed
/// value or alias, in any case, becomes the contract's spelling of the value; any other value is kept, in the case
/// every listed value shares (all lower case, or all upper case), since that is how the server spells them.
/// </summary>
internal static class OutlitEnumNormalization
{
    public static string? Normalize(string? value, IReadOnlyList<string> known, IReadOnlyDictionary<string, string> aliases)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        foreach (var (alias, target) in aliases)
        {
            if (string.Equals(alias, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return target;
            }
        }

        foreach (var listed in known)
        {
            if (string.Equals(listed, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return listed;
            }
        }

        var letters = known.SelectMany(k => k).Where(char.IsLetter).ToList();
        return letters.Count > 0 && letters.All(char.IsLower) ? trimmed.ToLowerInvariant()
            : letters.Count > 0 && letters.All(char.IsUpper) ? trimmed.ToUpperInvariant()
            : trimmed;
    }
}

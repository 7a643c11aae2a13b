namespace Outlit.Drift.Comparison;

/// <summary>Builds JSON pointers in the <c>#/a/b</c> form that OpenAPI <c>$ref</c> values use.</summary>
public static class JsonPointer
{
    /// <summary>The pointer to the document root.</summary>
    public const string Root = "#";

    /// <summary>Appends reference tokens to a pointer, escaping <c>~</c> and <c>/</c> as RFC 6901 requires.</summary>
    /// <param name="pointer">The pointer to extend.</param>
    /// <param name="tokens">Unescaped tokens, for example a path template such as <c>/api/agents</c>.</param>
    /// <returns>The extended pointer.</returns>
    public static string Append(string pointer, params string[] tokens)
    {
        var result = pointer;
        foreach (var token in tokens)
        {
            result += "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        }

        return result;
    }
}

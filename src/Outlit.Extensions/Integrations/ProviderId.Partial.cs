namespace Outlit;

// CUSTOM: the generated extensible enum keeps any string; this adds the CLI alias and the normalization
// the integration methods apply before sending, so "gmail" or " Stripe " reach the server as documented ids.
/// <summary>A public integration provider id; any string is kept, the documented ones are static properties.</summary>
public readonly partial struct ProviderId
{
    /// <summary>The CLI shorthand for <see cref="GoogleMail"/>.</summary>
    public const string GmailAlias = "gmail";

    /// <summary>
    /// Normalizes a provider id for the wire: trimmed, lower-case, <c>gmail</c> → <c>google-mail</c>.
    /// Unknown ids pass through unchanged apart from trimming and case.
    /// </summary>
    /// <param name="value">The provider id or alias.</param>
    /// <returns>The id to send.</returns>
    /// <exception cref="ArgumentException">The value is null or blank.</exception>
    public static string Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A provider id is required (for example \"stripe\" or \"google-mail\").", nameof(value));
        }

        var normalized = value.Trim().ToLowerInvariant();
        return normalized == GmailAlias ? GoogleMail.ToString() : normalized;
    }

    /// <summary>Creates a provider id from an id or alias, normalized as by <see cref="Normalize(string?)"/>.</summary>
    /// <param name="value">The provider id or alias.</param>
    /// <returns>The normalized provider id.</returns>
    /// <exception cref="ArgumentException">The value is null or blank.</exception>
    public static ProviderId Parse(string? value) => new(Normalize(value));

    /// <summary>This id normalized (alias resolved, trimmed, lower-case).</summary>
    /// <returns>The normalized provider id.</returns>
    /// <exception cref="ArgumentException">The id is blank (e.g. <c>default</c>).</exception>
    public ProviderId Normalized() => Parse(ToString());
}

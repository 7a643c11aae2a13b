namespace Outlit;

/// <summary>
/// Who a server-side event is about. Outlit's server SDKs require at least one of a device
/// fingerprint, an email or your user ID on every event, since a server has no browser visitor ID.
/// </summary>
/// <param name="Fingerprint">A device identifier for anonymous activity, linked to a person later by an identify call carrying it.</param>
/// <param name="Email">Email of the person.</param>
/// <param name="UserId">Your ID for the person.</param>
public sealed record TrackerIdentity(string? Fingerprint = null, string? Email = null, string? UserId = null)
{
    /// <summary>An identity known only by email.</summary>
    /// <param name="email">Email of the person.</param>
    /// <returns>The identity.</returns>
    public static TrackerIdentity ForEmail(string email) => new(Email: email);

    /// <summary>An identity known only by your user ID.</summary>
    /// <param name="userId">Your ID for the person.</param>
    /// <returns>The identity.</returns>
    public static TrackerIdentity ForUser(string userId) => new(UserId: userId);

    /// <summary>An anonymous identity known only by a device fingerprint.</summary>
    /// <param name="fingerprint">The device identifier.</param>
    /// <returns>The identity.</returns>
    public static TrackerIdentity ForFingerprint(string fingerprint) => new(Fingerprint: fingerprint);

    /// <summary>Throws unless at least one identifier is set.</summary>
    /// <exception cref="ArgumentException">Fingerprint, email and user ID are all missing or blank.</exception>
    internal void Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(Fingerprint) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(UserId))
        {
            throw new ArgumentException("Server-side events need at least one of a fingerprint, an email or a user ID.", parameterName);
        }
    }

    /// <summary>The stand-in URL Outlit's server SDKs use for events that have no page: <c>server://</c> and the strongest identifier.</summary>
    internal string ServerUrl()
    {
        var id = !string.IsNullOrWhiteSpace(Email) ? Email : !string.IsNullOrWhiteSpace(UserId) ? UserId : Fingerprint!;
        if (Uri.TryCreate("server://" + id, UriKind.Absolute, out var plain) && plain.Host.Length > 0)
        {
            return "server://" + id;
        }

        // Identifiers that cannot form a host (spaces, slashes) go escaped into the path, so any identifier yields a URL.
        return "server:///" + Uri.EscapeDataString(id);
    }

    /// <summary>Puts the identifiers on the event, where the ingest server resolves server-side identity.</summary>
    internal void Apply(IngestEvent @event)
    {
        Set("fingerprint", Fingerprint);
        if (@event is not IdentifyEvent)
        {
            // Identify events carry email and userId as fields of their own.
            Set("email", Email);
            Set("userId", UserId);
        }

        void Set(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                @event.AdditionalProperties[name] = value;
            }
        }
    }
}

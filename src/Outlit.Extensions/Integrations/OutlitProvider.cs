using System.ComponentModel;
using System.Globalization;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// A public integration provider id such as <c>stripe</c> or <c>google-mail</c>. The twelve documented ids
/// are static properties; any other string is kept as-is, so a provider the server adds later never breaks
/// the client. <c>gmail</c> is accepted as an alias and normalized to <c>google-mail</c>.
/// </summary>
[JsonConverter(typeof(OutlitProviderJsonConverter))]
[TypeConverter(typeof(OutlitProviderTypeConverter))]
public readonly struct OutlitProvider : IEquatable<OutlitProvider>
{
    private readonly string? value;

    /// <summary>Creates a provider id, trimming it, lower-casing it and resolving the <c>gmail</c> alias.</summary>
    /// <param name="value">The provider id or alias.</param>
    /// <exception cref="ArgumentException">The value is empty.</exception>
    public OutlitProvider(string value)
    {
        this.value = Normalize(value);
    }

    /// <summary>HubSpot (CRM, browser session).</summary>
    public static OutlitProvider HubSpot { get; } = new("hubspot");

    /// <summary>Attio (CRM, browser session).</summary>
    public static OutlitProvider Attio { get; } = new("attio");

    /// <summary>Slack (communication, browser session).</summary>
    public static OutlitProvider Slack { get; } = new("slack");

    /// <summary>Fireflies.ai (calls, <c>apiKey</c>).</summary>
    public static OutlitProvider Fireflies { get; } = new("fireflies");

    /// <summary>Granola (calls, <c>apiKey</c>).</summary>
    public static OutlitProvider Granola { get; } = new("granola");

    /// <summary>Google Calendar (calendar, browser session).</summary>
    public static OutlitProvider GoogleCalendar { get; } = new("google-calendar");

    /// <summary>Gmail (communication, browser session); <c>gmail</c> is an accepted alias.</summary>
    public static OutlitProvider GoogleMail { get; } = new("google-mail");

    /// <summary>PostHog (analytics; <c>apiKey</c>, <c>region</c>, <c>projectId</c>).</summary>
    public static OutlitProvider PostHog { get; } = new("posthog");

    /// <summary>Stripe (billing, <c>apiKey</c>).</summary>
    public static OutlitProvider Stripe { get; } = new("stripe");

    /// <summary>Supabase Auth (analytics; <c>projectUrl</c>, <c>serviceRoleKey</c>).</summary>
    public static OutlitProvider Supabase { get; } = new("supabase");

    /// <summary>Clerk (analytics, <c>secretKey</c>).</summary>
    public static OutlitProvider Clerk { get; } = new("clerk");

    /// <summary>Pylon (support, <c>apiToken</c>).</summary>
    public static OutlitProvider Pylon { get; } = new("pylon");

    /// <summary>The documented provider ids, in the order of the provider table.</summary>
    public static IReadOnlyList<OutlitProvider> Known { get; } =
        [HubSpot, Attio, Slack, Fireflies, Granola, GoogleCalendar, GoogleMail, PostHog, Stripe, Supabase, Clerk, Pylon];

    /// <summary>The wire value (normalized).</summary>
    public string Value => value ?? "";

    /// <summary>True when this is one of the twelve documented providers.</summary>
    public bool IsKnown
    {
        get
        {
            foreach (var known in Known)
            {
                if (known.Value == Value)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Converts a string (id or alias) to a provider id.</summary>
    /// <param name="value">The provider id or alias.</param>
    public static implicit operator OutlitProvider(string value) => new(value);

    /// <summary>Compares two provider ids.</summary>
    /// <param name="left">First id.</param>
    /// <param name="right">Second id.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(OutlitProvider left, OutlitProvider right) => left.Equals(right);

    /// <summary>Compares two provider ids.</summary>
    /// <param name="left">First id.</param>
    /// <param name="right">Second id.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(OutlitProvider left, OutlitProvider right) => !left.Equals(right);

    /// <summary>
    /// Normalizes a provider id for the wire: trimmed, lower-case, <c>gmail</c> → <c>google-mail</c>.
    /// Unknown ids pass through unchanged apart from trimming and case.
    /// </summary>
    /// <param name="value">The provider id or alias.</param>
    /// <returns>The id to send.</returns>
    /// <exception cref="ArgumentException">The value is null or blank.</exception>
    public static string Normalize(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("A provider id is required (for example \"stripe\" or \"google-mail\").", nameof(value));
        }

        var normalized = value.Trim().ToLowerInvariant();
        return normalized == "gmail" ? "google-mail" : normalized;
    }

    /// <inheritdoc />
    public bool Equals(OutlitProvider other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is OutlitProvider other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    /// <returns>The provider id.</returns>
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="OutlitProvider"/> as its string value; any string is accepted.</summary>
internal sealed class OutlitProviderJsonConverter : JsonConverter<OutlitProvider>
{
    public override void WriteJson(JsonWriter writer, OutlitProvider value, JsonSerializer serializer) => writer.WriteValue(value.Value);

    public override OutlitProvider ReadJson(JsonReader reader, Type objectType, OutlitProvider existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        reader.TokenType == JsonToken.String && !string.IsNullOrWhiteSpace((string?)reader.Value)
            ? new OutlitProvider((string)reader.Value!)
            : default;
}

/// <summary>Lets configuration binding and other converters build an <see cref="OutlitProvider"/> from a string.</summary>
internal sealed class OutlitProviderTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? new OutlitProvider(text) : base.ConvertFrom(context, culture, value);
}

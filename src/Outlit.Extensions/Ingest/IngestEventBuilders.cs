using System.Web;

namespace Outlit;

// Builders for the generated event classes. Like Outlit's own SDKs they stamp the event with the
// current time in Unix milliseconds and derive `path` (and the utm_* campaign fields) from `url`.

public partial class IngestEvent
{
    /// <summary>
    /// Sets <see cref="Url"/> and derives <see cref="Path"/> and <see cref="Utm"/> from it. Given only a
    /// path (such as <c>/pricing?utm_source=x</c>), sets the path and campaign fields and leaves the URL unset.
    /// </summary>
    /// <param name="url">Absolute URL of the page, or a path starting with '/'.</param>
    /// <returns>This event.</returns>
    /// <exception cref="ArgumentException">The value is neither an absolute URL nor a path.</exception>
    public IngestEvent WithUrl(string url)
    {
        var uri = ParseUrl(url);
        Url = uri.IsAbsoluteUri ? uri : null;
        Path = PathOf(uri);
        Utm = UtmOf(uri);
        return this;
    }

    /// <summary>
    /// The page address of an event that happened on a server: the contract requires a URL and a path on most event
    /// kinds, and a server has no page, so such an event is sent with this address and the path <c>/</c>.
    /// </summary>
    public static Uri ServerUrl { get; } = new("server://outlit-dotnet/");

    /// <summary>
    /// Fills what a builder would have: the timestamp (now, if missing), the path and campaign fields (from the URL, if
    /// missing), and <see cref="ServerUrl"/> for an event with neither a URL nor a path.
    /// </summary>
    internal void FillDefaults(TimeProvider time)
    {
        Timestamp ??= time.GetUtcNow().ToUnixTimeMilliseconds();
        Url ??= ServerUrl;
        if (Url is not null)
        {
            Path ??= PathOf(Url);
            Utm ??= UtmOf(Url);
        }
    }

    internal T Init<T>(string? url, DateTimeOffset? timestamp, string? referrer)
        where T : IngestEvent
    {
        Timestamp = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
        if (url is not null)
        {
            WithUrl(url);
        }

        Referrer = referrer;
        return (T)this;
    }

    /// <summary>Copies caller-supplied properties into the free-form object the generated model uses (null stays null).</summary>
    internal static IDictionary<string, object>? ToJson(IReadOnlyDictionary<string, object?>? values) => Copy(values, value => value!);

    /// <summary>Copies traits, whose values may be null.</summary>
    internal static IDictionary<string, object?>? ToTraits(IReadOnlyDictionary<string, object?>? values) => Copy(values, value => value);

    /// <summary>Copies submitted form fields, whose values are text.</summary>
    internal static IDictionary<string, string>? ToText(IReadOnlyDictionary<string, string>? values) => Copy(values, value => value);

    private static IDictionary<string, TValue>? Copy<TSource, TValue>(IReadOnlyDictionary<string, TSource>? values, Func<TSource, TValue> convert)
    {
        if (values is null)
        {
            return null;
        }

        var result = new Dictionary<string, TValue>(values.Count);
        foreach (var (key, value) in values)
        {
            result[key] = convert(value);
        }

        return result;
    }

    internal static Uri ParseUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && !absolute.IsFile)
        {
            return absolute;
        }

        if (url.StartsWith('/') && Uri.TryCreate(url, UriKind.Relative, out var relative))
        {
            return relative;
        }

        throw new ArgumentException("The URL must be absolute (https://...) or a path starting with '/'.", nameof(url));
    }

    /// <summary>The path part of a URL, as the browser's <c>URL.pathname</c> gives it ("/" when empty).</summary>
    internal static string PathOf(Uri url)
    {
        if (url.IsAbsoluteUri)
        {
            return string.IsNullOrEmpty(url.AbsolutePath) ? "/" : url.AbsolutePath;
        }

        var text = url.OriginalString;
        var end = text.IndexOfAny(['?', '#']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>The utm_* parameters of a URL's query, or null when there are none.</summary>
    internal static UtmParameters? UtmOf(Uri url)
    {
        var text = url.IsAbsoluteUri ? url.Query : url.OriginalString;
        var start = text.IndexOf('?');
        if (start < 0)
        {
            return null;
        }

        var end = text.IndexOf('#', start);
        var query = HttpUtility.ParseQueryString(end < 0 ? text[start..] : text[start..end]);
        var utm = new UtmParameters
        {
            Source = NullIfEmpty(query["utm_source"]),
            Medium = NullIfEmpty(query["utm_medium"]),
            Campaign = NullIfEmpty(query["utm_campaign"]),
            Term = NullIfEmpty(query["utm_term"]),
            Content = NullIfEmpty(query["utm_content"]),
        };
        return utm.Source is null && utm.Medium is null && utm.Campaign is null && utm.Term is null && utm.Content is null ? null : utm;

        static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}

public partial class PageviewEvent
{
    /// <summary>A page view at <paramref name="url"/>, stamped now (or at <paramref name="timestamp"/>).</summary>
    /// <param name="url">Absolute URL of the page, or its path.</param>
    /// <param name="title">Page title.</param>
    /// <param name="referrer">Referring URL.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    public static PageviewEvent Create(string url, string? title = null, string? referrer = null, DateTimeOffset? timestamp = null) =>
        new PageviewEvent { Title = title }.Init<PageviewEvent>(url, timestamp, referrer);
}

public partial class CustomEvent
{
    /// <summary>An application-defined event.</summary>
    /// <param name="eventName">Name of the event, e.g. <c>report_exported</c>.</param>
    /// <param name="properties">Free-form properties.</param>
    /// <param name="url">URL or path it happened on, if any.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    public static CustomEvent Create(string eventName, IReadOnlyDictionary<string, object?>? properties = null, string? url = null, DateTimeOffset? timestamp = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return new CustomEvent { EventName = eventName, Properties = ToJson(properties) }.Init<CustomEvent>(url, timestamp, null);
    }
}

public partial class FormEvent
{
    /// <summary>A form submission.</summary>
    /// <param name="url">URL or path of the page with the form.</param>
    /// <param name="formId">ID of the form.</param>
    /// <param name="fields">Submitted fields.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    public static FormEvent Create(string url, string? formId = null, IReadOnlyDictionary<string, string>? fields = null, DateTimeOffset? timestamp = null) =>
        new FormEvent { FormId = formId, FormFields = ToText(fields) }.Init<FormEvent>(url, timestamp, null);
}

public partial class IdentifyEvent
{
    /// <summary>Links activity to a person (by email and/or your user ID) and optionally their customer account.</summary>
    /// <param name="email">Email of the person.</param>
    /// <param name="userId">Your ID for the person.</param>
    /// <param name="traits">Person traits.</param>
    /// <param name="customerId">Your ID for their customer account.</param>
    /// <param name="customerTraits">Customer traits.</param>
    /// <param name="url">URL or path it happened on, if any.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">Neither an email nor a user ID was given.</exception>
    public static IdentifyEvent Create(string? email = null, string? userId = null, IReadOnlyDictionary<string, object?>? traits = null, string? customerId = null, IReadOnlyDictionary<string, object?>? customerTraits = null, string? url = null, DateTimeOffset? timestamp = null)
    {
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("An identify event needs an email or a user ID.", nameof(email));
        }

        return new IdentifyEvent
        {
            Email = email,
            UserId = userId,
            Traits = ToTraits(traits),
            CustomerId = customerId,
            CustomerTraits = ToTraits(customerTraits),
        }.Init<IdentifyEvent>(url, timestamp, null);
    }
}

public partial class EngagementEvent
{
    /// <summary>Time spent on a page in a session.</summary>
    /// <param name="url">URL or path of the page.</param>
    /// <param name="sessionId">ID of the session.</param>
    /// <param name="activeTime">Time the page was actively used.</param>
    /// <param name="totalTime">Time the page was open.</param>
    /// <param name="timestamp">When it was measured; now if omitted.</param>
    /// <returns>The event.</returns>
    public static EngagementEvent Create(string url, Guid sessionId, TimeSpan activeTime, TimeSpan totalTime, DateTimeOffset? timestamp = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activeTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(totalTime, TimeSpan.Zero);
        return new EngagementEvent
        {
            SessionId = sessionId,
            ActiveTimeMs = Math.Round(activeTime.TotalMilliseconds),
            TotalTimeMs = Math.Round(totalTime.TotalMilliseconds),
        }.Init<EngagementEvent>(url, timestamp, null);
    }
}

public partial class CalendarEvent
{
    /// <summary>A meeting booked through a scheduling tool.</summary>
    /// <param name="provider">The scheduling tool.</param>
    /// <param name="startTime">Meeting start.</param>
    /// <param name="endTime">Meeting end; also sets the duration in minutes.</param>
    /// <param name="inviteeEmail">Email of the person who booked.</param>
    /// <param name="inviteeName">Name of the person who booked.</param>
    /// <param name="eventType">Name of the meeting type.</param>
    /// <param name="url">URL or path of the booking page, if any.</param>
    /// <param name="timestamp">When it was booked; now if omitted.</param>
    /// <returns>The event.</returns>
    public static CalendarEvent Create(CalendarEventProvider provider, DateTimeOffset? startTime = null, DateTimeOffset? endTime = null, string? inviteeEmail = null, string? inviteeName = null, string? eventType = null, string? url = null, DateTimeOffset? timestamp = null) =>
        new CalendarEvent
        {
            Provider = provider,
            StartTime = startTime,
            EndTime = endTime,
            Duration = startTime is { } s && endTime is { } e ? (e - s).TotalMinutes : null,
            InviteeEmail = inviteeEmail,
            InviteeName = inviteeName,
            EventType = eventType,
        }.Init<CalendarEvent>(url, timestamp, null);
}

public partial class StageEvent
{
    /// <summary>A move to another lifecycle stage.</summary>
    /// <param name="stage">The new stage.</param>
    /// <param name="properties">Free-form context.</param>
    /// <param name="url">URL or path, if any.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    public static StageEvent Create(StageEventStage stage, IReadOnlyDictionary<string, object?>? properties = null, string? url = null, DateTimeOffset? timestamp = null) =>
        new StageEvent { Stage = stage, Properties = ToJson(properties) }.Init<StageEvent>(url, timestamp, null);
}

public partial class BillingEvent
{
    /// <summary>A change of a customer's billing state.</summary>
    /// <param name="status">The new billing state.</param>
    /// <param name="customerId">Your ID for the customer account.</param>
    /// <param name="stripeCustomerId">Stripe's ID for the customer.</param>
    /// <param name="properties">Free-form context.</param>
    /// <param name="timestamp">When it happened; now if omitted.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentException">Neither customer ID was given.</exception>
    public static BillingEvent Create(BillingEventStatus status, string? customerId = null, string? stripeCustomerId = null, IReadOnlyDictionary<string, object?>? properties = null, DateTimeOffset? timestamp = null)
    {
        if (string.IsNullOrWhiteSpace(customerId) && string.IsNullOrWhiteSpace(stripeCustomerId))
        {
            throw new ArgumentException("A billing event needs a customer ID or a Stripe customer ID.", nameof(customerId));
        }

        return new BillingEvent { Status = status, CustomerId = customerId, StripeCustomerId = stripeCustomerId, Properties = ToJson(properties) }
            .Init<BillingEvent>(null, timestamp, null);
    }
}

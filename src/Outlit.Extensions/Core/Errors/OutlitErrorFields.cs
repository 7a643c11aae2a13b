using System.Collections;
using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// An error body the contract describes, read into its generated type. The generator implements this for every
/// schema the contract marks with <c>x-outlit-error</c>, mapping its properties to the roles the client's
/// exceptions expose; the client never names an error field itself.
/// </summary>
internal interface IOutlitErrorBody
{
    /// <summary>The roles this body filled.</summary>
    /// <param name="present">The body's top-level property names: a role whose property the server did not send stays null.</param>
    OutlitErrorFields GetErrorFields(IReadOnlySet<string> present);
}

/// <summary>One validation problem of an error body (a schema marked <c>x-outlit-error-issue</c>).</summary>
internal interface IOutlitErrorIssue
{
    OutlitErrorDetail ToDetail();
}

/// <summary>
/// The roles an error body can fill, as the generated error types report them. Every value is as the server sent
/// it, or null when it did not send it. The helpers accept whatever C# type the contract gave the property.
/// </summary>
internal sealed class OutlitErrorFields
{
    public string? Message { get; init; }

    public string? Code { get; init; }

    public IReadOnlyList<OutlitErrorDetail> Details { get; init; } = [];

    public string? Plan { get; init; }

    public string? Feature { get; init; }

    public DateTimeOffset? ResetAt { get; init; }

    public int? CurrentConnections { get; init; }

    public int? Limit { get; init; }

    public string? RequestId { get; init; }

    public bool? Retryable { get; init; }

    /// <summary>The code is one the contract lists as a plan refusal (<c>x-outlit-error</c> planCodes).</summary>
    public bool PlanRefusal { get; init; }

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="values"/>.</summary>
    public static bool IsOneOf(string? value, params string[] values) => value is not null && values.Contains(value, StringComparer.Ordinal);

    /// <summary>How many roles the body filled: how well a shape fits the body it was read from.</summary>
    public int FilledRoles =>
        new object?[] { Message, Code, Plan, Feature, ResetAt, CurrentConnections, Limit, RequestId, Retryable }.Count(v => v is not null)
        + (Details.Count > 0 ? 1 : 0)
        // A code this shape lists as one of its own values is one more sign the body is of this shape.
        + (PlanRefusal ? 1 : 0);

    /// <summary>The first value that is present, for a role two envelope generations fill from different properties.</summary>
    public static T? First<T>(params T?[] values) => values.FirstOrDefault(v => v is not null);

    /// <summary>Text of a string, an extensible enum value or a number.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        JValue { Value: null } => null,
        JValue json => Convert.ToString(json.Value, CultureInfo.InvariantCulture),
        JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() is { Length: > 0 } shown ? shown : null,
    };

    /// <summary>A whole number from an integer or a floating value.</summary>
    public static int? Integer(object? value) => value switch
    {
        null => null,
        int number => number,
        long number => (int)Math.Clamp(number, int.MinValue, int.MaxValue),
        double number when !double.IsNaN(number) => (int)Math.Clamp(number, int.MinValue, int.MaxValue),
        JValue json when json.Type is JTokenType.Integer or JTokenType.Float => Integer(Convert.ToDouble(json.Value, CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>A flag from a boolean.</summary>
    public static bool? Flag(object? value) => value switch
    {
        bool flag => flag,
        JValue { Type: JTokenType.Boolean } json => (bool)json,
        _ => null,
    };

    /// <summary>
    /// An instant from a date-time (string or typed) or from a number, read as milliseconds since the Unix epoch
    /// (seconds when it is too small to be milliseconds of this century).
    /// </summary>
    public static DateTimeOffset? Instant(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case DateTimeOffset instant:
                return instant;
            case DateTime time:
                return new DateTimeOffset(DateTime.SpecifyKind(time, time.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : time.Kind));
            case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed):
                return parsed;
            case JValue json when json.Value is not null && json.Type != JTokenType.Null:
                return Instant(json.Value);
        }

        double number;
        try
        {
            number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }

        if (double.IsNaN(number) || double.IsInfinity(number) || number < 0)
        {
            return null;
        }

        var milliseconds = number < 1e11 ? number * 1000 : number;
        return milliseconds <= 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds) : null;
    }

    /// <summary>The details of a list of generated issue objects.</summary>
    public static IReadOnlyList<OutlitErrorDetail> Issues(IEnumerable? items) =>
        items is null ? [] : items.OfType<IOutlitErrorIssue>().Select(i => i.ToDetail()).ToList();

    /// <summary>A detail from a path (property names and array indexes) and a message.</summary>
    public static OutlitErrorDetail Detail(object? path, object? message)
    {
        var segments = path switch
        {
            null => [],
            string single => [single],
            IEnumerable list => list.Cast<object?>().Select(s => Text(s) ?? "").ToArray(),
            _ => new[] { Text(path) ?? "" },
        };
        return new OutlitErrorDetail(segments, Text(message) ?? "");
    }
}

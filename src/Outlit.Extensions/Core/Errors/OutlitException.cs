using System.Globalization;
using System.Text;

namespace Outlit;

/// <summary>
/// Root of every error the Outlit client raises: HTTP failures from the API, transport failures,
/// timeouts and configuration mistakes. Catch this type to handle all of them in one place.
/// </summary>
/// <remarks>
/// Messages, properties and <see cref="Exception.ToString"/> never contain the API key: the body snippet
/// and the server message pass through the same redaction as the logs.
/// </remarks>
public class OutlitException : Exception
{
    /// <summary>Creates an error that did not come from an HTTP response.</summary>
    /// <param name="message">Human-readable description, free of secrets.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public OutlitException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Details = Array.Empty<OutlitErrorDetail>();
    }

    /// <summary>Creates an error about a response that is not an error answer (a body the client cannot read, a redirect).</summary>
    /// <param name="message">Human-readable description, free of secrets.</param>
    /// <param name="status">The response status.</param>
    /// <param name="operation">The operation, when known.</param>
    /// <param name="rawBodySnippet">A redacted excerpt of the body, when there was one.</param>
    private protected OutlitException(string message, int status, string? operation, string? rawBodySnippet)
        : base(message)
    {
        Details = Array.Empty<OutlitErrorDetail>();
        Status = status;
        Operation = operation;
        RawBodySnippet = rawBodySnippet;
    }

    /// <summary>Creates an error from a parsed API error response.</summary>
    /// <param name="response">The facts read from the error response.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public OutlitException(OutlitErrorResponse response, Exception? innerException = null)
        : base(BuildMessage(response), innerException)
    {
        ArgumentNullException.ThrowIfNull(response);
        Status = response.Status;
        ErrorCode = response.Code;
        ServerMessage = response.Message;
        Details = response.Details;
        RawBodySnippet = response.RawBodySnippet;
        Operation = response.Operation;
        RequestId = response.RequestId;
        Retryable = response.Retryable;
        RequestedWait = response.RequestedWait;
    }

    /// <summary>HTTP status code of the response, or 0 when no response was received.</summary>
    public int Status { get; }

    /// <summary>The stable machine-readable <c>code</c> of the error body, when the server sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's human-readable error (<c>error</c> or <c>message</c> of the body), when present.</summary>
    public string? ServerMessage { get; }

    /// <summary>Per-field validation problems reported by the server; empty when there were none.</summary>
    public IReadOnlyList<OutlitErrorDetail> Details { get; }

    /// <summary>The first characters of the raw response body (redacted), useful when the body was not JSON.</summary>
    public string? RawBodySnippet { get; }

    /// <summary>The API operation that failed (for example <c>connectIntegration</c> or a tool name), when known.</summary>
    public string? Operation { get; }

    /// <summary>The server's identifier of the failed request, to quote to Outlit support, when the error body carries one.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the server said repeating the request may succeed; null when it did not say.</summary>
    public bool? Retryable { get; }

    /// <summary>How long the server asked the client to wait before trying again, when it said.</summary>
    internal TimeSpan? RequestedWait { get; }

    private static string BuildMessage(OutlitErrorResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Outlit API returned {response.Status}");
        if (response.Operation is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" for {response.Operation}");
        }

        text.Append(": ");
        text.Append(response.Message ?? "no error message in the response body");
        if (response.Code is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" (code {response.Code})");
        }

        foreach (var detail in response.Details.Take(5))
        {
            text.Append(CultureInfo.InvariantCulture, $"; {detail}");
        }

        if (response.RequestId is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" (request {response.RequestId})");
        }

        return text.ToString();
    }
}

/// <summary>One validation problem reported by the server: where it is and what is wrong.</summary>
/// <param name="Path">Location of the offending value, outermost first (array indexes as decimal strings).</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record OutlitErrorDetail(IReadOnlyList<string> Path, string Message)
{
    /// <summary>Formats the detail as <c>path.to.field: message</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Path.Count == 0 ? Message : $"{string.Join('.', Path)}: {Message}";
}

using System.Text;

namespace Outlit.Faults.Server;

/// <summary>A request exactly as the scripted server read it off the socket.</summary>
/// <param name="Index">0 for the first request the server received, 1 for the next, across all connections.</param>
/// <param name="Connection">1 for the first connection the server accepted, 2 for the next.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Target">Request target as sent (path and query).</param>
/// <param name="Headers">Headers by name (case-insensitive); repeated headers are joined with a comma.</param>
/// <param name="Head">The request line and headers as text, as received.</param>
/// <param name="BodyBytes">The body, de-chunked when it was sent chunked.</param>
/// <param name="ArrivedAt">When the head was complete, on the server's clock (started with the server).</param>
public sealed record ServerRequest(
    int Index,
    int Connection,
    string Method,
    string Target,
    IReadOnlyDictionary<string, string> Headers,
    string Head,
    byte[] BodyBytes,
    TimeSpan ArrivedAt)
{
    /// <summary>The path part of <see cref="Target"/>.</summary>
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The body as UTF-8 text.</summary>
    public string Body => Encoding.UTF8.GetString(BodyBytes);

    /// <summary>Method and path, e.g. <c>POST /api/tools/call</c>.</summary>
    public string Route => $"{Method} {Path}";

    /// <summary>A header's value, or null.</summary>
    /// <param name="name">Header name, any case.</param>
    /// <returns>The value, or null when absent.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

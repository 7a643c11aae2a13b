using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;

namespace Outlit.Drift.Comparison;

/// <summary>Raised when a document cannot be read at all: missing file, failed download, not OpenAPI.</summary>
public sealed class DriftInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be read and why.</param>
    /// <param name="innerException">The underlying failure, when there is one.</param>
    public DriftInputException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>An OpenAPI document together with the reader's complaints about it.</summary>
/// <param name="Source">The file path or URL it was read from.</param>
/// <param name="Document">The parsed document.</param>
/// <param name="Errors">Errors the reader reported; the document is still usable but these become error findings.</param>
/// <param name="Content">The bytes that were read, so a downloaded document is not fetched twice.</param>
public sealed record LoadedDocument(string Source, OpenApiDocument Document, IReadOnlyList<OpenApiError> Errors, ReadOnlyMemory<byte> Content)
{
    /// <summary>True when the content is JSON (it starts with an object), false for YAML.</summary>
    public bool IsJson
    {
        get
        {
            foreach (var b in Content.Span)
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
                {
                    continue;
                }

                return b == (byte)'{';
            }

            return false;
        }
    }
}

/// <summary>Reads OpenAPI 3.0 and 3.1 documents (JSON or YAML) from a file or an http(s) URL.</summary>
public static class OpenApiInput
{
    /// <summary>Loads a document from a local path or an <c>https://</c> (or <c>http://</c>) URL.</summary>
    /// <param name="source">The path or URL.</param>
    /// <param name="httpClient">Client used for URLs; a short-lived one is created when null.</param>
    /// <param name="cancellationToken">Cancels the download or the read.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="DriftInputException">The source cannot be read or is not an OpenAPI document.</exception>
    public static async Task<LoadedDocument> LoadAsync(string source, HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            var ownsClient = httpClient is null;
            var client = httpClient ?? new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    throw new DriftInputException($"Could not download {source}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
                }

                bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new DriftInputException($"Could not download {source}: {ex.Message}", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DriftInputException($"Could not download {source}: the request timed out.", ex);
            }
            finally
            {
                if (ownsClient)
                {
                    client.Dispose();
                }
            }
        }
        else
        {
            if (!File.Exists(source))
            {
                throw new DriftInputException($"File not found: {source}");
            }

            bytes = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        }

        return await ParseAsync(source, bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses a document held in memory.</summary>
    /// <param name="source">A name for the document used in messages.</param>
    /// <param name="content">The document's text, JSON or YAML.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The parsed document.</returns>
    /// <exception cref="DriftInputException">The text is not an OpenAPI document.</exception>
    public static Task<LoadedDocument> ParseAsync(string source, string content, CancellationToken cancellationToken = default)
        => ParseAsync(source, System.Text.Encoding.UTF8.GetBytes(content), cancellationToken);

    private static async Task<LoadedDocument> ParseAsync(string source, byte[] bytes, CancellationToken cancellationToken)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            throw new DriftInputException($"{source} is empty.");
        }

        var format = text[0] == '{' ? OpenApiConstants.Json : OpenApiConstants.Yaml;
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();

        ReadResult result;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            result = await OpenApiDocument.LoadAsync(stream, format, settings, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new DriftInputException($"{source} is not a readable OpenAPI document: {ex.Message}", ex);
        }

        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null || result.Document.Paths is null)
        {
            var reason = errors.Count > 0 ? errors[0].Message : "no document was produced";
            throw new DriftInputException($"{source} is not a readable OpenAPI document: {reason}");
        }

        return new LoadedDocument(source, result.Document, errors.ToList(), bytes);
    }
}

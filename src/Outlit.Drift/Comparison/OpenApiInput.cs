using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Microsoft.OpenApi.YamlReader;
using SharpYaml;
using SharpYaml.Serialization;

namespace Outlit.Drift.Comparison;

/// <summary>Raised when a document cannot be read at all: missing file, failed download, neither JSON nor YAML.</summary>
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
/// <param name="Document">The parsed document (empty when <see cref="Comparable"/> is false).</param>
/// <param name="Errors">Defects found while reading (version, structure); each becomes a <c>document-invalid</c> error finding.</param>
/// <param name="Content">The bytes that were read, so a downloaded document is not fetched twice.</param>
public sealed record LoadedDocument(string Source, OpenApiDocument Document, IReadOnlyList<OpenApiError> Errors, ReadOnlyMemory<byte> Content)
{
    /// <summary>The document as a JSON tree (YAML is converted), for what the object model does not keep: extensions and exact pointers.</summary>
    public JsonObject Root { get; init; } = [];

    /// <summary>The OpenAPI version the document was read as.</summary>
    public OpenApiSpecVersion Version { get; init; } = OpenApiSpecVersion.OpenApi3_1;

    /// <summary>False when the text is JSON or YAML but nothing in it looks like OpenAPI, so there is nothing to compare.</summary>
    public bool Comparable { get; init; } = true;

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

    /// <summary>The document as JSON text, for tools that read JSON only: the original bytes when it was JSON, the converted tree otherwise.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToJson()
        => IsJson ? Content.ToArray() : JsonSerializer.SerializeToUtf8Bytes(Root, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>Reads OpenAPI 3.0 and 3.1 documents (JSON or YAML) from a file or an http(s) URL.</summary>
public static partial class OpenApiInput
{
    private static readonly Uri DocumentLocation = new("https://outlit-drift.invalid/openapi.json");

    /// <summary>Loads a document from a local path or an <c>https://</c> (or <c>http://</c>) URL.</summary>
    /// <param name="source">The path or URL.</param>
    /// <param name="httpClient">Client used for URLs; a short-lived one is created when null.</param>
    /// <param name="cancellationToken">Cancels the download or the read.</param>
    /// <returns>The parsed document; an invalid one carries its defects in <see cref="LoadedDocument.Errors"/>.</returns>
    /// <exception cref="DriftInputException">The source cannot be read, or is neither a JSON nor a YAML mapping.</exception>
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

        return Parse(source, bytes);
    }

    /// <summary>Parses a document held in memory.</summary>
    /// <param name="source">A name for the document used in messages.</param>
    /// <param name="content">The document's text, JSON or YAML.</param>
    /// <param name="cancellationToken">Unused; kept so callers can pass one.</param>
    /// <returns>The parsed document; an invalid one carries its defects in <see cref="LoadedDocument.Errors"/>.</returns>
    /// <exception cref="DriftInputException">The text is neither a JSON nor a YAML mapping.</exception>
    public static Task<LoadedDocument> ParseAsync(string source, string content, CancellationToken cancellationToken = default)
        => Task.FromResult(Parse(source, System.Text.Encoding.UTF8.GetBytes(content)));

    [GeneratedRegex(@"^3\.[01]\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SupportedVersion();

    private static LoadedDocument Parse(string source, byte[] bytes)
    {
        var (root, defect) = ReadTree(source, bytes);
        if (root is null)
        {
            return new LoadedDocument(source, new OpenApiDocument(), [new OpenApiError(JsonPointer.Root, defect!)], bytes) { Comparable = false };
        }

        var errors = new List<OpenApiError>();

        // A document that declares no usable version is still read as 3.1 when it has the shape of
        // one, so that the report can show what changed besides the version.
        var readable = root;
        var looksLikeOpenApi = root.ContainsKey("paths") || root.ContainsKey("components") || root.ContainsKey("webhooks");
        switch (root["openapi"])
        {
            case JsonValue value when value.TryGetValue<string>(out var version) && SupportedVersion().IsMatch(version):
                break;
            case null when root["swagger"] is not null:
                // The reader upgrades Swagger 2.0, so its paths can still be compared.
                errors.Add(new OpenApiError("#/swagger", "Swagger 2.0 is not supported: the document must be OpenAPI 3.0 or 3.1."));
                break;
            case null:
                errors.Add(new OpenApiError("#/openapi", "The required 'openapi' version field is missing: this is not an OpenAPI document."));
                readable = WithVersion(root);
                break;
            case var other:
                errors.Add(new OpenApiError("#/openapi", $"OpenAPI version {other.ToJsonString()} is not supported: 3.0.x or 3.1.x is required."));
                readable = WithVersion(root);
                break;
        }

        if (errors.Count > 0 && !looksLikeOpenApi)
        {
            return new LoadedDocument(source, new OpenApiDocument(), errors, bytes) { Root = root, Comparable = false };
        }

        var settings = new OpenApiReaderSettings();
        ReadResult result;
        try
        {
            result = new OpenApiJsonReader().Read(readable, DocumentLocation, settings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The tree is valid JSON, so whatever the reader chokes on is a defect of the document.
            errors.Add(new OpenApiError("#", $"The OpenAPI reader could not read the document: {ex.Message}"));
            return new LoadedDocument(source, new OpenApiDocument(), errors, bytes) { Root = root, Comparable = false };
        }

        errors.AddRange(result.Diagnostic?.Errors ?? []);
        if (result.Document is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new OpenApiError("#", "The OpenAPI reader produced no document."));
            }

            return new LoadedDocument(source, new OpenApiDocument(), errors, bytes) { Root = root, Comparable = false };
        }

        return new LoadedDocument(source, result.Document, errors, bytes)
        {
            Root = root,
            Version = result.Diagnostic?.SpecificationVersion ?? OpenApiSpecVersion.OpenApi3_1,
        };
    }

    private static JsonObject WithVersion(JsonObject root)
    {
        var copy = (JsonObject)root.DeepClone();
        copy["openapi"] = "3.1.0";
        return copy;
    }

    /// <summary>
    /// Reads JSON or YAML into a tree; anything that is not a mapping at the top level cannot be a
    /// document. A mapping that names a key twice is well-formed text but not a valid document: it
    /// comes back as a defect instead of a tree.
    /// </summary>
    private static (JsonObject? Root, string? Defect) ReadTree(string source, byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            throw new DriftInputException($"{source} is empty.");
        }

        JsonNode? node = null;
        Exception? jsonError = null;
        if (text[0] is '{' or '[')
        {
            var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };
            try
            {
                node = JsonNode.Parse(text, documentOptions: options);
            }
            catch (JsonException ex)
            {
                if (IsWellFormedJson(text, options))
                {
                    return (null, $"{ex.Message} A JSON object may name each property once.");
                }

                jsonError = ex;
            }
        }

        if (node is null)
        {
            try
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                node = stream.Documents.Count > 0 ? YamlConverter.ToJsonNode(stream.Documents[0]) : null;
            }
            catch (YamlException ex) when (jsonError is null && ex.Message.Contains("Duplicate key", StringComparison.Ordinal))
            {
                return (null, $"{ex.Message}: a YAML mapping may name each key once.");
            }
            catch (YamlException ex)
            {
                var reason = jsonError?.Message ?? ex.Message;
                throw new DriftInputException($"{source} is neither JSON nor YAML: {reason}", jsonError ?? ex);
            }
        }

        return node as JsonObject is { } root
            ? (root, null)
            : throw new DriftInputException($"{source} is not a document: its top level is {Describe(node)}, not a mapping.");
    }

    private static bool IsWellFormedJson(string text, JsonDocumentOptions options)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, options with { AllowDuplicateProperties = true });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "empty",
        JsonArray => "a list",
        _ => "a single value",
    };
}

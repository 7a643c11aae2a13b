using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Outlit.Drift.Comparison;

/// <summary>Which way data described by an extension flows, read from the names around it.</summary>
internal enum ExtensionRole
{
    /// <summary>The names say nothing: a change is judged both as a request and as a response.</summary>
    Unknown,

    /// <summary>Clients send it (<c>inputSchema</c>, <c>request</c>, <c>parameters</c>, ...).</summary>
    Request,

    /// <summary>Clients receive it (<c>outputSchema</c>, <c>response</c>, <c>result</c>, ...).</summary>
    Response,
}

/// <summary>One schema an <c>x-</c> extension holds: a <c>$ref</c>, or an inline schema under a <c>...schema</c> key.</summary>
/// <param name="Extension">The extension's name, for messages.</param>
/// <param name="Key">Identity across documents: the path to the site with list entries named by their <c>name</c> (or <c>id</c>, <c>key</c>, ...) instead of their position.</param>
/// <param name="Pointer">Where the site is in its document.</param>
/// <param name="Node">The site's JSON.</param>
/// <param name="Role">Request, response or unknown.</param>
internal sealed record ExtensionSite(string Extension, string Key, string Pointer, JsonObject Node, ExtensionRole Role);

/// <summary>
/// Finds the schemas that <c>x-</c> extensions anywhere in a document hold, without knowing the
/// extensions' shapes: the contract's root <c>x-outlit-tools</c> list today, other
/// <c>x-outlit-*</c> extensions tomorrow. The walk follows the JSON tree, so it sees extensions on
/// every object and tells them apart from names that merely start with <c>x-</c> (a property or a
/// header called <c>x-request-id</c>).
/// </summary>
internal sealed class ExtensionSites
{
    /// <summary>Object members whose keys are names chosen by the author, never extensions.</summary>
    private static readonly HashSet<string> NameMaps = new(StringComparer.Ordinal)
    {
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "headers", "content", "encoding",
        "links", "mapping", "scopes", "variables", "schemas", "parameters", "requestBodies", "securitySchemes", "pathItems",
        "webhooks", "callbacks",
    };

    /// <summary>Members whose values are data, not description.</summary>
    private static readonly HashSet<string> DataKeywords = new(StringComparer.Ordinal) { "example", "examples", "default", "const", "enum", "value" };

    /// <summary>Fields that name a list entry, in order of preference.</summary>
    private static readonly string[] IdentityFields = ["name", "id", "key", "operationId", "tool"];

    private static readonly string[] ResponseWords = ["output", "response", "result", "return"];
    private static readonly string[] RequestWords = ["input", "request", "param", "argument", "body"];

    private ExtensionSites()
    {
    }

    /// <summary>The schema sites, by key.</summary>
    public Dictionary<string, ExtensionSite> Sites { get; } = new(StringComparer.Ordinal);

    /// <summary>Every object and list inside an extension, by key, with its pointer: what "still there" means for a removed site.</summary>
    public Dictionary<string, string> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary><c>$ref</c>s inside extensions that point to nothing: the pointer of the <c>$ref</c> and its text.</summary>
    public List<(string Location, string Reference)> Unresolved { get; } = [];

    /// <summary>Walks a document.</summary>
    /// <param name="root">The document's JSON tree.</param>
    /// <returns>The sites.</returns>
    public static ExtensionSites Find(JsonObject root)
    {
        var result = new ExtensionSites();
        result.WalkDescription(root, root, JsonPointer.Root, string.Empty, nameMap: false);
        return result;
    }

    /// <summary>Turns a site into a schema of the document, so that it compares like any other.</summary>
    /// <param name="site">The site.</param>
    /// <param name="loaded">The document it belongs to.</param>
    /// <returns>The schema and the pointer its keywords live at; null when its reference is broken (reported separately).</returns>
    public static (IOpenApiSchema Schema, string Pointer)? ToSchema(ExtensionSite site, LoadedDocument loaded)
    {
        var node = site.Node;
        var pointer = site.Pointer;
        if (node["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference))
        {
            const string ComponentPrefix = "#/components/schemas/";
            var name = reference.StartsWith(ComponentPrefix, StringComparison.Ordinal) ? Uri.UnescapeDataString(reference[ComponentPrefix.Length..]) : null;
            if (name is not null && !name.Contains('/', StringComparison.Ordinal))
            {
                // The component itself, not a copy: findings then land on the component and are
                // reported once, however many extensions and operations reach it.
                return loaded.Document.Components?.Schemas?.ContainsKey(name) == true
                    ? (new OpenApiSchemaReference(name, loaded.Document), pointer)
                    : null;
            }

            if (RawDocument.Resolve(loaded.Root, reference) is not { Node: JsonObject target } resolved)
            {
                return null;
            }

            node = target;
            pointer = resolved.Pointer;
        }

        try
        {
            var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(node, loaded.Version, loaded.Document, out _, new OpenApiReaderSettings());
            return schema is null ? null : (schema, pointer);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Whatever an extension holds under a "...schema" key need not be a schema; what the
            // reader cannot read is simply not compared.
            return null;
        }
    }

    private void WalkDescription(JsonObject root, JsonNode? node, string pointer, string key, bool nameMap)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (DataKeywords.Contains(name) && !nameMap)
                    {
                        continue;
                    }

                    var childPointer = JsonPointer.Append(pointer, name);
                    if (!nameMap && name.StartsWith("x-", StringComparison.Ordinal))
                    {
                        WalkExtension(root, name, child, childPointer, Join(key, name), ExtensionRole.Unknown);
                        continue;
                    }

                    // Path templates match by position of their parameters, as operations do.
                    var childKey = Join(key, pointer == "#/paths" ? NormalizePath(name) : name);
                    WalkDescription(root, child, childPointer, childKey, nameMap: !nameMap && NameMaps.Contains(name) && child is JsonObject);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    WalkDescription(root, array[i], JsonPointer.Append(pointer, Index(i)), Join(key, EntryName(array[i], i)), nameMap: false);
                }

                break;
        }
    }

    private void WalkExtension(JsonObject root, string extension, JsonNode? node, string pointer, string key, ExtensionRole role)
    {
        switch (node)
        {
            case JsonObject obj when obj.ContainsKey("$ref") || IsSchemaKey(key):
                // The object model never sees inside extensions, so their references are checked here.
                foreach (var (holder, reference) in RawDocument.References(obj, pointer))
                {
                    if (reference.StartsWith('#') && RawDocument.Resolve(root, reference) is null)
                    {
                        Unresolved.Add((JsonPointer.Append(holder, "$ref"), reference));
                    }
                }

                Sites[key] = new ExtensionSite(extension, key, pointer, obj, role);
                Containers[key] = pointer;
                break;
            case JsonObject obj:
                Containers[key] = pointer;
                foreach (var (name, child) in obj)
                {
                    if (!DataKeywords.Contains(name))
                    {
                        WalkExtension(root, extension, child, JsonPointer.Append(pointer, name), Join(key, name), RoleOf(name) ?? role);
                    }
                }

                break;
            case JsonArray array:
                Containers[key] = pointer;
                for (var i = 0; i < array.Count; i++)
                {
                    WalkExtension(root, extension, array[i], JsonPointer.Append(pointer, Index(i)), Join(key, EntryName(array[i], i)), role);
                }

                break;
        }
    }

    private static bool IsSchemaKey(string key)
    {
        var last = key[(key.LastIndexOf('/') + 1)..];
        return last.EndsWith("schema", StringComparison.OrdinalIgnoreCase);
    }

    private static ExtensionRole? RoleOf(string name)
    {
        var lower = name.ToLowerInvariant();
        if (ResponseWords.Any(word => lower.Contains(word, StringComparison.Ordinal)))
        {
            return ExtensionRole.Response;
        }

        return RequestWords.Any(word => lower.Contains(word, StringComparison.Ordinal)) ? ExtensionRole.Request : null;
    }

    /// <summary>Names a list entry by its identifying field, so that reordering a list changes nothing.</summary>
    private static string EntryName(JsonNode? entry, int index)
    {
        if (entry is JsonObject obj)
        {
            foreach (var field in IdentityFields)
            {
                if (obj[field] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    return $"[{field}={text}]";
                }
            }
        }

        return "[" + Index(index) + "]";
    }

    private static string Index(int index) => index.ToString(CultureInfo.InvariantCulture);

    private static string Join(string key, string token) => key.Length == 0 ? token : key + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string NormalizePath(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}/]*\}", "{}");
}

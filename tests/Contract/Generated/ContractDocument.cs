using System.Text.Json;

namespace Outlit.Contract.Tests.Generated;

/// <summary>openapi/openapi.json, parsed once, with the lookups the generated-code tests need.</summary>
internal static class ContractDocument
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument)));

    public static JsonElement Root => Document.Value.RootElement;

    public static JsonElement Schema(string name) => Root.GetProperty("components").GetProperty("schemas").GetProperty(name);

    public static IEnumerable<string> OperationIds()
    {
        foreach (var path in Root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("operationId", out var id))
                {
                    yield return id.GetString()!;
                }
            }
        }
    }

    /// <summary>Every property a schema declares, through allOf and $ref.</summary>
    public static IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            foreach (var property in Properties(Schema(reference.GetString()!.Split('/').Last())))
            {
                yield return property;
            }
        }

        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var member in allOf.EnumerateArray())
            {
                foreach (var property in Properties(member))
                {
                    yield return property;
                }
            }
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                yield return (property.Name, property.Value);
            }
        }
    }

    /// <summary>True when the contract admits null for the property: a "null" type or a null branch.</summary>
    public static bool IsNullable(JsonElement schema)
    {
        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null"))
        {
            return true;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var branches)
                && branches.EnumerateArray().Any(b => b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null"))
            {
                return true;
            }
        }

        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True;
    }
}

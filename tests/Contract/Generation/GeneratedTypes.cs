using System.Reflection;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Generation;

/// <summary>
/// Maps the contract's schemas to the C# types generated from them (namespace <c>Outlit</c>, one type per
/// component schema, named after it) and serializes with the settings the generated client uses.
/// </summary>
internal static class GeneratedTypes
{
    private const string ComponentPrefix = "#/components/schemas/";

    /// <summary>The assembly holding the generated code and the hand-written client.</summary>
    public static Assembly Assembly { get; } = typeof(Outlit.OutlitClient).Assembly;

    /// <summary>The serializer settings of the generated client (what it writes requests and reads responses with).</summary>
    public static JsonSerializerSettings Settings { get; } = Outlit.OutlitJson.Settings;

    /// <summary>The generated type of a component schema, or null when there is none.</summary>
    public static Type? ForComponent(string schemaName) => Assembly.GetType("Outlit." + schemaName, throwOnError: false);

    /// <summary>
    /// The generated models: every public class or struct of namespace <c>Outlit</c> named after a component
    /// schema. Schema-less generated types (the client, exceptions, inline enums named after their owner)
    /// are left out; inline enums are covered through the model that holds them.
    /// </summary>
    public static IReadOnlyList<(string Schema, Type Type)> Models() =>
        ContractDocument.Instance.Json["components"]!["schemas"]!.AsObject()
            .Select(s => (s.Key, ForComponent(s.Key)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.Key, p.Item2!))
            .ToList();

    /// <summary>
    /// The C# type an example must deserialize into: the generated type of the component schema it
    /// illustrates, the type of the generated property it illustrates, or the CLR type of an inline
    /// primitive schema (parameters, headers). Returns an explanation instead when no type can be found.
    /// </summary>
    public static (Type? Type, string Description) ForSchemaPointer(string schemaPointer)
    {
        var contract = ContractDocument.Instance;
        var schema = contract.At(schemaPointer) as JsonObject;
        if (schema?["$ref"] is JsonValue reference && reference.GetValue<string>().StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            return ForComponentDescribed(ContractDocument.SchemaName(reference.GetValue<string>()));
        }

        if (schemaPointer.StartsWith(ComponentPrefix, StringComparison.Ordinal))
        {
            var tokens = schemaPointer[ComponentPrefix.Length..].Split('/').Select(JsonPointers.Unescape).ToArray();
            if (tokens.Length == 1)
            {
                return ForComponentDescribed(tokens[0]);
            }

            if (tokens.Length == 3 && tokens[1] == "properties")
            {
                var owner = ForComponent(tokens[0]);
                var property = owner is null ? null : PropertyFor(owner, tokens[2]);
                return property is null
                    ? (null, $"no generated property for {tokens[0]}.{tokens[2]}")
                    : (property.PropertyType, $"{owner!.Name}.{property.Name}");
            }

            return (null, $"no mapping for the nested schema {schemaPointer}");
        }

        var type = schema?["type"] switch
        {
            JsonValue t => t.GetValue<string>(),
            _ => null,
        };
        return type switch
        {
            "string" => (typeof(string), "string"),
            "boolean" => (typeof(bool), "bool"),
            "integer" => (typeof(long), "long"),
            "number" => (typeof(double), "double"),
            _ => (null, $"no generated type for the inline schema at {schemaPointer}"),
        };
    }

    /// <summary>The public property serialized under <paramref name="jsonName"/>.</summary>
    public static PropertyInfo? PropertyFor(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == jsonName);

    /// <summary>
    /// Serializes without enforcing <c>required</c>: for writing back a response the client read leniently
    /// (the client treats <c>required</c> in responses as informative), so a missing field shows as null.
    /// </summary>
    public static JsonNode? SerializeLenient(object? value) => JsonNode.Parse(JsonConvert.SerializeObject(value, LenientSettings.Value));

    private static readonly Lazy<JsonSerializerSettings> LenientSettings = new(() =>
        new JsonSerializerSettings(Settings) { ContractResolver = new LenientResolver() });

    /// <summary>Deserializes JSON text into <paramref name="type"/> with the client's settings.</summary>
    public static object? Deserialize(string json, Type type) => JsonConvert.DeserializeObject(json, type, Settings);

    /// <summary>Serializes with the client's settings and parses the result for comparison.</summary>
    public static JsonNode? Serialize(object? value) => JsonNode.Parse(JsonConvert.SerializeObject(value, Settings));

    private static (Type?, string) ForComponentDescribed(string name)
    {
        if (ForComponent(name) is { } type)
        {
            return (type, type.FullName!);
        }

        // The generation step writes a free-form object (no declared properties, any members allowed)
        // as a dictionary where it is used instead of an empty class; the operations returning
        // ToolCallResult and IntegrationSetupStepResponse return that dictionary.
        return IsFreeFormObject(ContractDocument.Instance.At(ComponentPrefix + JsonPointers.Escape(name)))
            ? (typeof(IDictionary<string, object>), $"IDictionary<string, object> (free-form {name})")
            : (null, $"no generated type named Outlit.{name}");
    }

    /// <summary>An object schema that declares no properties and admits any member.</summary>
    public static bool IsFreeFormObject(JsonNode? schema) =>
        schema is JsonObject obj
        && obj["type"]?.GetValue<string>() == "object"
        && obj["properties"] is null
        && obj["allOf"] is null && obj["oneOf"] is null && obj["anyOf"] is null
        && (obj["additionalProperties"] is null || (obj["additionalProperties"] is JsonValue v && v.GetValue<bool>()));

    private sealed class LenientResolver : Newtonsoft.Json.Serialization.DefaultContractResolver
    {
        protected override Newtonsoft.Json.Serialization.JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            property.Required = Required.Default;
            return property;
        }
    }
}

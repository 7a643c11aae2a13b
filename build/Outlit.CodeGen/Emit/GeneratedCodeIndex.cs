using System.Text.RegularExpressions;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>A property of a class NSwag generated: its C# name and type, by its JSON name.</summary>
internal sealed record GeneratedProperty(string JsonName, string Name, string Type);

/// <summary>
/// What NSwag generated from the normalized contract, read back from its output: the classes and, for each, its
/// properties by JSON name. The emitters name C# members through this index rather than re-deriving NJsonSchema's
/// naming rules, so what they write always matches what NSwag wrote.
/// </summary>
internal sealed partial class GeneratedCodeIndex
{
    private readonly Dictionary<string, Dictionary<string, GeneratedProperty>> classes = new(StringComparer.Ordinal);
    private readonly HashSet<string> types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> bases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Client, string Method)> operations = new(StringComparer.Ordinal);

    public GeneratedCodeIndex(string source)
    {
        string? current = null;
        string? currentAny = null;
        string? pendingJsonName = null;
        foreach (var line in source.Split('\n'))
        {
            if (TypeDeclaration().Match(line) is { Success: true } type)
            {
                types.Add(type.Groups["name"].Value);
                currentAny = type.Groups["name"].Value;
                if (type.Groups["base"].Success)
                {
                    bases[type.Groups["name"].Value] = type.Groups["base"].Value;
                }

                current = type.Groups["kind"].Value == "class" ? type.Groups["name"].Value : null;
                if (current is not null)
                {
                    classes.TryAdd(current, new Dictionary<string, GeneratedProperty>(StringComparer.Ordinal));
                }

                pendingJsonName = null;
                continue;
            }

            if (OperationDescriptor().Match(line) is { Success: true } operation && currentAny is not null)
            {
                operations[operation.Groups["id"].Value] = (currentAny, operation.Groups["name"].Value);
            }

            if (current is null)
            {
                continue;
            }

            if (JsonPropertyAttribute().Match(line) is { Success: true } attribute)
            {
                pendingJsonName = attribute.Groups["json"].Value;
                continue;
            }

            if (pendingJsonName is not null && PropertyDeclaration().Match(line) is { Success: true } property)
            {
                classes[current][pendingJsonName] = new GeneratedProperty(pendingJsonName, property.Groups["name"].Value, property.Groups["type"].Value.Trim());
                pendingJsonName = null;
            }
        }
    }

    /// <summary>The generated client class and method name (without <c>Async</c>) of an operation, by its operationId.</summary>
    public (string Client, string Method)? Operation(string operationId) => operations.TryGetValue(operationId, out var found) ? found : null;

    /// <summary>True when NSwag generated a type (class, struct, enum or interface) of this name.</summary>
    public bool HasType(string name) => types.Contains(name);

    /// <summary>The property of <paramref name="className"/> serialized as <paramref name="jsonName"/>, through its base classes.</summary>
    public GeneratedProperty? Property(string className, string jsonName)
    {
        for (var name = className; name is not null; name = bases.GetValueOrDefault(name))
        {
            if (classes.TryGetValue(name, out var properties) && properties.TryGetValue(jsonName, out var property))
            {
                return property;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*(?:public|internal)\s+(?:readonly\s+)?(?:abstract\s+)?(?:sealed\s+)?partial\s+(?<kind>class|struct|interface|record)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:\s*:\s*(?<base>[A-Za-z_][A-Za-z0-9_]*))?")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"internal static readonly global::Outlit\.OutlitOperation (?<name>[A-Za-z_][A-Za-z0-9_]*)Operation = new global::Outlit\.OutlitOperation\(""(?<id>(?:[^""\\]|\\.)*)""")]
    private static partial Regex OperationDescriptor();

    [GeneratedRegex(@"^\s*\[Newtonsoft\.Json\.JsonProperty\(""(?<json>(?:[^""\\]|\\.)*)""")]
    private static partial Regex JsonPropertyAttribute();

    [GeneratedRegex(@"^\s*public\s+(?<type>.+?)\s+(?<name>[A-Za-z_@][A-Za-z0-9_]*)\s*\{\s*get;")]
    private static partial Regex PropertyDeclaration();
}

using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Outlit.Drift.Comparison;

/// <summary>
/// A schema with references followed, <c>allOf</c> merged and nullable unions unwrapped, so that two
/// documents that say the same thing in different shapes compare as equal.
/// </summary>
internal sealed class SchemaView
{
    private const int MaxReferenceHops = 64;

    private string? nullablePointer;

    private readonly HashSet<string> ownProperties = new(StringComparer.Ordinal);

    private SchemaView(string pointer)
    {
        Pointer = pointer;
    }

    /// <summary>Where the schema's own keywords live (the component, when reached through a reference).</summary>
    public string Pointer { get; private set; }

    /// <summary>Where the schema's nullability is declared: a wrapper such as <c>anyOf: [X, null]</c> rather than X itself.</summary>
    public string NullablePointer => nullablePointer ?? Pointer;

    /// <summary>The resolved schema used as identity for the cycle guard; null when the reference is broken.</summary>
    public IOpenApiSchema? Identity { get; private set; }

    /// <summary>The <c>$ref</c> text when it points to nothing.</summary>
    public string? UnresolvedReference { get; private set; }

    /// <summary>The <c>$ref</c> the schema was reached through, if any (used to match union branches).</summary>
    public string? ReferenceId { get; private set; }

    /// <summary>Declared types without <c>null</c>; null when the schema does not say.</summary>
    public JsonSchemaType? Types { get; private set; }

    /// <summary>Whether <c>null</c> is an allowed value.</summary>
    public bool Nullable { get; private set; }

    /// <summary>Allowed values (<c>enum</c> or <c>const</c>) as JSON text, without <c>null</c>; null when unrestricted.</summary>
    public List<string>? Enum { get; private set; }

    /// <summary>Length, range, pattern, format and item constraints.</summary>
    public Constraints Constraints { get; private set; } = new();

    /// <summary>Properties in declaration order, each with the pointer of its own schema.</summary>
    public List<(string Name, IOpenApiSchema Schema, string Pointer)> Properties { get; } = [];

    /// <summary>Names of required properties.</summary>
    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether <c>additionalProperties: false</c> rejects unknown properties.</summary>
    public bool Closed { get; private set; }

    /// <summary>The <c>oneOf</c>/<c>anyOf</c> alternatives, null branches removed; null when the schema is not a union.</summary>
    public List<(IOpenApiSchema Schema, string Pointer)>? Branches { get; private set; }

    /// <summary>The union's <c>discriminator.propertyName</c>, when it declares one.</summary>
    public string? DiscriminatorProperty { get; private set; }

    /// <summary>The discriminator's mapping: value to the <c>$ref</c> of its alternative.</summary>
    public Dictionary<string, string>? DiscriminatorMapping { get; private set; }

    /// <summary><c>oneOf</c> or <c>anyOf</c>, for messages.</summary>
    public string? BranchKeyword { get; private set; }

    /// <summary>The <c>items</c> schema of an array.</summary>
    public (IOpenApiSchema Schema, string Pointer)? Items { get; private set; }

    /// <summary>The <c>additionalProperties</c> schema of a map.</summary>
    public (IOpenApiSchema Schema, string Pointer)? AdditionalProperties { get; private set; }

    /// <summary>Whether the schema may only be sent by the server (<c>readOnly</c>).</summary>
    public bool ReadOnly { get; private set; }

    /// <summary>Whether the schema may only be sent by the client (<c>writeOnly</c>).</summary>
    public bool WriteOnly { get; private set; }

    /// <summary>The resolved <c>allOf</c> members merged into this view: compared as part of it, never on their own.</summary>
    public List<IOpenApiSchema> MergedMembers { get; } = [];

    /// <summary>True when nothing was resolved because the reference is broken.</summary>
    public bool IsUnresolved => UnresolvedReference is not null;

    public IReadOnlyDictionary<string, (IOpenApiSchema Schema, string Pointer)> PropertyMap
        => Properties.ToDictionary(p => p.Name, p => (p.Schema, p.Pointer), StringComparer.Ordinal);

    /// <summary>Follows references from <paramref name="schema"/> and builds its view.</summary>
    public static SchemaView Create(IOpenApiSchema schema, string pointer) => Create(schema, pointer, depth: 0);

    /// <summary>Describes the allowed values or types in a few words, for messages.</summary>
    public string Describe()
    {
        if (Branches is not null)
        {
            return $"{BranchKeyword} of {Branches.Count}";
        }

        var text = Types is { } t && t != 0 ? DescribeTypes(t) : "any";
        return Nullable ? text + " | null" : text;
    }

    public static string DescribeTypes(JsonSchemaType types)
    {
        var names = new List<string>();
        foreach (var value in new[] { JsonSchemaType.String, JsonSchemaType.Integer, JsonSchemaType.Number, JsonSchemaType.Boolean, JsonSchemaType.Object, JsonSchemaType.Array, JsonSchemaType.Null })
        {
            if (types.HasFlag(value))
            {
                names.Add(value.ToString().ToLowerInvariant());
            }
        }

        return string.Join(" | ", names);
    }

    private static SchemaView Create(IOpenApiSchema schema, string pointer, int depth)
    {
        var view = new SchemaView(pointer);
        var current = schema;
        for (var hops = 0; current is OpenApiSchemaReference reference; hops++)
        {
            var referenceText = reference.Reference.ReferenceV3 ?? "#/components/schemas/" + reference.Reference.Id;
            view.ReferenceId ??= referenceText;
            if (reference.Target is null || hops >= MaxReferenceHops)
            {
                view.UnresolvedReference = referenceText;
                return view;
            }

            view.Pointer = referenceText;
            current = reference.Target;
        }

        view.Identity = current;
        view.ReadOnly = current.ReadOnly;
        view.WriteOnly = current.WriteOnly;
        if (current.Type is { } type)
        {
            view.Nullable = type.HasFlag(JsonSchemaType.Null);
            var withoutNull = type & ~JsonSchemaType.Null;
            view.Types = withoutNull == 0 ? null : withoutNull;
        }

        view.ReadEnum(current);
        view.Constraints = Constraints.Read(current);

        if (current.Properties is { Count: > 0 } properties)
        {
            foreach (var (name, propertySchema) in properties)
            {
                view.Properties.Add((name, propertySchema, JsonPointer.Append(view.Pointer, "properties", name)));
                view.ownProperties.Add(name);
            }
        }

        if (current.Required is { } required)
        {
            view.Required.UnionWith(required);
        }

        view.Closed = !current.AdditionalPropertiesAllowed;
        if (current.AdditionalProperties is { } additional)
        {
            view.AdditionalProperties = (additional, JsonPointer.Append(view.Pointer, "additionalProperties"));
        }

        if (current.Items is { } items)
        {
            view.Items = (items, JsonPointer.Append(view.Pointer, "items"));
        }

        // allOf members contribute their keywords to the composed schema; merging them lets a
        // property moved into a shared base schema compare equal to where it used to be declared.
        if (current.AllOf is { Count: > 0 } allOf && depth < MaxReferenceHops)
        {
            for (var i = 0; i < allOf.Count; i++)
            {
                var member = Create(allOf[i], JsonPointer.Append(view.Pointer, "allOf", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), depth + 1);
                view.Merge(member);
            }
        }

        var unionKeyword = current.OneOf is { Count: > 0 } ? "oneOf" : current.AnyOf is { Count: > 0 } ? "anyOf" : null;
        if (unionKeyword is not null)
        {
            var members = unionKeyword == "oneOf" ? current.OneOf! : current.AnyOf!;
            var branches = new List<(IOpenApiSchema, string)>();
            for (var i = 0; i < members.Count; i++)
            {
                var branchPointer = JsonPointer.Append(view.Pointer, unionKeyword, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (IsNullOnly(members[i]))
                {
                    view.Nullable = true;
                    continue;
                }

                branches.Add((members[i], branchPointer));
            }

            // "anyOf: [X, {type: null}]" is how 3.1 spells a nullable X: it is X, not a union.
            if (branches.Count == 1 && view.Types is null && view.Properties.Count == 0 && view.Enum is null && depth < MaxReferenceHops)
            {
                var single = Create(branches[0].Item1, branches[0].Item2, depth + 1);
                if (view.Nullable && !single.Nullable)
                {
                    single.Nullable = true;
                    single.nullablePointer = view.Pointer;
                }

                single.ReferenceId ??= view.ReferenceId;
                return single;
            }

            if (branches.Count > 0)
            {
                view.Branches = branches;
                view.BranchKeyword = unionKeyword;
                if (current.Discriminator is { PropertyName: { Length: > 0 } discriminator } declared)
                {
                    view.DiscriminatorProperty = discriminator;
                    view.DiscriminatorMapping = declared.Mapping?.ToDictionary(
                        pair => pair.Key,
                        pair => pair.Value.Reference.ReferenceV3 ?? "#/components/schemas/" + pair.Value.Reference.Id,
                        StringComparer.Ordinal);
                }
            }
        }

        return view;
    }

    private static bool IsNullOnly(IOpenApiSchema schema)
    {
        var resolved = schema is OpenApiSchemaReference reference ? reference.Target : schema;
        return resolved is not null
            && resolved.Type == JsonSchemaType.Null
            && (resolved.Properties is null || resolved.Properties.Count == 0)
            && (resolved.OneOf is null || resolved.OneOf.Count == 0)
            && (resolved.AnyOf is null || resolved.AnyOf.Count == 0);
    }

    private void ReadEnum(IOpenApiSchema schema)
    {
        if (schema.Enum is { Count: > 0 } values)
        {
            Enum = [];
            foreach (var value in values)
            {
                if (value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                {
                    Nullable = true;
                    continue;
                }

                Enum.Add(EnumText(value));
            }
        }
        else if (schema.Const is { } constant)
        {
            // The reader hands boolean constants over in .NET spelling ("True").
            Enum = [schema.Type is { } t && t.HasFlag(JsonSchemaType.Boolean) && bool.TryParse(constant, out var flag) ? (flag ? "true" : "false") : constant];
        }
    }

    private static string EnumText(JsonNode value)
        => value is JsonValue jsonValue && jsonValue.TryGetValue<string>(out var text) ? text : value.ToJsonString();

    private void Merge(SchemaView member)
    {
        if (member.IsUnresolved)
        {
            return;
        }

        if (member.Identity is not null)
        {
            MergedMembers.Add(member.Identity);
        }

        MergedMembers.AddRange(member.MergedMembers);

        Types ??= member.Types;
        Enum ??= member.Enum;
        Constraints.Merge(member.Constraints);
        Items ??= member.Items;
        AdditionalProperties ??= member.AdditionalProperties;
        if (Branches is null && member.Branches is not null)
        {
            Branches = member.Branches;
            BranchKeyword = member.BranchKeyword;
            DiscriminatorProperty = member.DiscriminatorProperty;
            DiscriminatorMapping = member.DiscriminatorMapping;
        }

        // A property declared by several members must satisfy all of them. The usual shape is a
        // generic base member followed by a specialisation ("data: object" then "data: {agent}"),
        // so a later member's declaration replaces an earlier member's; the schema's own
        // declarations stay authoritative.
        foreach (var property in member.Properties)
        {
            var index = Properties.FindIndex(p => p.Name == property.Name);
            if (index < 0)
            {
                Properties.Add(property);
            }
            else if (!ownProperties.Contains(property.Name))
            {
                Properties[index] = property;
            }
        }

        Required.UnionWith(member.Required);
    }
}

using System.Text;

namespace Outlit.Drift.Surface;

/// <summary>
/// The public API of an assembly as C#-like text: namespaces, types and their members' declarations, sorted so that
/// the same surface always gives the same text. Checked in under <c>api/</c>, it makes every change of the public
/// surface (a regeneration's included) a visible diff in review.
/// </summary>
public static class ApiListing
{
    /// <summary>Writes the listing of <paramref name="surface"/>.</summary>
    /// <param name="surface">A surface read from an assembly (<see cref="ApiSurface.Load(string)"/>).</param>
    /// <param name="assemblyName">The assembly's name, for the header.</param>
    /// <returns>The listing, with <c>\n</c> line ends.</returns>
    public static string Render(ApiSurface surface, string assemblyName)
    {
        ArgumentNullException.ThrowIfNull(surface);
        var types = surface.Members.Where(m => IsType(m.Value)).Select(m => m.Key).ToList();
        var typeSet = types.ToHashSet(StringComparer.Ordinal);
        var membersByType = types.ToDictionary(t => t, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var key in surface.Members.Keys.Where(k => !typeSet.Contains(k)))
        {
            // A member belongs to the longest type name it starts with (a nested type's members to the nested type).
            var owner = OwnerOf(key, typeSet);
            if (owner is not null)
            {
                membersByType[owner].Add(key);
            }
        }

        var text = new StringBuilder();
        text.Append("// The public API of ").Append(assemblyName).Append(", written from the built assembly by `outlit-drift api`.\n");
        text.Append("// Do not edit: a change here is a change of what users can call (see api/README.md).\n");
        foreach (var ns in types.GroupBy(t => NamespaceOf(t, surface)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append("namespace ").Append(ns.Key.Length == 0 ? "<global>" : ns.Key).Append('\n').Append("{\n");
            var first = true;
            foreach (var type in ns.Order(StringComparer.Ordinal))
            {
                if (!first)
                {
                    text.Append('\n');
                }

                first = false;
                text.Append("    ").Append(Declaration(surface, type)).Append('\n').Append("    {\n");
                foreach (var member in membersByType[type].OrderBy(m => Rank(surface.Members[m])).ThenBy(m => EnumValue(surface.Members[m])).ThenBy(m => m, StringComparer.Ordinal))
                {
                    text.Append("        ").Append(Declaration(surface, member)).Append('\n');
                }

                text.Append("    }\n");
            }

            text.Append("}\n");
        }

        return text.ToString();
    }

    private static string Declaration(ApiSurface surface, string key) =>
        surface.Declarations.TryGetValue(key, out var declaration) ? declaration : key + " // " + surface.Members[key];

    private static string NamespaceOf(string type, ApiSurface surface)
    {
        if (surface.Namespaces.TryGetValue(type, out var ns))
        {
            return ns;
        }

        var dot = type.LastIndexOf('.');
        return dot < 0 ? string.Empty : type[..dot];
    }

    private static string? OwnerOf(string member, HashSet<string> types)
    {
        var end = member.IndexOf('(', StringComparison.Ordinal) is var paren and >= 0 ? paren : member.IndexOf('[', StringComparison.Ordinal) is var bracket and >= 0 ? bracket : member.Length;
        var name = member[..end];
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
        {
            if (types.Contains(name[..dot]))
            {
                return name[..dot];
            }
        }

        return null;
    }

    /// <summary>Order inside a type: values, constants and fields, constructors, properties, events, methods.</summary>
    private static int Rank(string shape) => shape.Split(' ') switch
    {
        ["enum", "value", ..] => 0,
        var words when words.Contains("field") => 1,
        ["constructor"] => 2,
        var words when words.Contains("property") => 3,
        ["event", ..] => 4,
        _ => 5,
    };

    /// <summary>An enum value's number, so values list in their declared order; 0 for other members.</summary>
    private static decimal EnumValue(string shape) =>
        shape.StartsWith("enum value ", StringComparison.Ordinal) && decimal.TryParse(shape["enum value ".Length..], System.Globalization.NumberStyles.Any, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static bool IsType(string shape) => ApiSurface.IsTypeShape(shape);
}

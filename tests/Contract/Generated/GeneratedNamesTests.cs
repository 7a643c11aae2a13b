using System.Reflection;
using System.Text.RegularExpressions;
using Outlit.Contract.Tests.Generation;

namespace Outlit.Contract.Tests.Generated;

/// <summary>The names the generated public surface gets from the contract: one type per value set, readable members.</summary>
public class GeneratedNamesTests
{
    private static IEnumerable<Type> ExtensibleEnums() => GeneratedTypes.Assembly.GetExportedTypes()
        .Where(t => t.IsValueType && t.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is not null);

    private static IReadOnlyList<string> KnownValues(Type type) =>
        ((System.Collections.IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .Cast<object>().Select(v => v.ToString()!).Order(StringComparer.Ordinal).ToList();

    [Test]
    public void NoTwoEnumTypesShareTheirValueSet()
    {
        var duplicates = ExtensibleEnums()
            .GroupBy(t => string.Join("|", KnownValues(t)))
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g.Select(t => t.Name)))
            .ToList();

        Assert.That(duplicates, Is.Empty, "a value set used in several places must be one named component of the contract");
    }

    [Test]
    public void EnumMembersHaveCSharpNames()
    {
        var unreadable = ExtensibleEnums()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == t).Select(p => $"{t.Name}.{p.Name}"))
            .Where(name => name.Contains('_', StringComparison.Ordinal) || Regex.IsMatch(name, @"\.[A-Z0-9]{2,}$"))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(unreadable, Is.Empty, "members are Pascal case, without the wire spelling's underscores or capitals");
            Assert.That(typeof(ToolName).GetProperty("ListCustomers")?.GetValue(null)?.ToString(), Is.EqualTo("outlit_list_customers"));
            Assert.That(typeof(ActivityWindow).GetProperty("Last7Days")?.GetValue(null)?.ToString(), Is.EqualTo("7d"));
        });
    }

    [Test]
    public void NoPublicTypeHasAnAutoNumberedName()
    {
        var components = ContractDocument.Root.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var numbered = GeneratedTypes.Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Outlit" && Regex.IsMatch(t.Name, @"[A-Za-z]\d+$") && !components.Contains(t.Name))
            .Select(t => t.Name)
            .ToList();

        Assert.That(numbered, Is.Empty, "a generated name with a counter (Items8, Response2) means the contract left something unnamed");
    }
}

using System.Reflection;
using System.Text.Json.Nodes;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// The tool surface of the library (the catalog, the typed methods, the pageables) is what the contract's
/// <c>x-outlit-tools</c> list says, entry for entry: nothing about a tool is written down a second time by hand.
/// </summary>
public class ToolSurfaceTests
{
    public static IEnumerable<TestCaseData> Entries() =>
        (Support.ContractDocument.Instance.Json["x-outlit-tools"]?.AsArray() ?? [])
            .OfType<JsonObject>()
            .Select(entry => new TestCaseData(entry).SetArgDisplayNames(entry["name"]!.GetValue<string>()));

    [Test]
    public void TheCatalogListsEveryToolOfTheContractInItsOrder() =>
        Assert.That(
            OutlitToolCatalog.All.Select(t => t.Name),
            Is.EqualTo(Support.ContractDocument.Instance.Tools.Select(t => t.Name)));

    [TestCaseSource(nameof(Entries))]
    public void TheCatalogEntryIsTheContractEntry(JsonObject entry)
    {
        var tool = OutlitToolCatalog.Find(entry["name"]!.GetValue<string>());

        Assert.That(tool, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(tool!.MethodName, Is.EqualTo(entry["method"]!.GetValue<string>()));
            Assert.That(tool.IsAction, Is.EqualTo(entry["action"]!.GetValue<bool>()));
            Assert.That(tool.IsPaged, Is.EqualTo(entry["paging"] is not null));
            Assert.That(tool.Group, Is.EqualTo(entry["group"]?.GetValue<string>()));
            Assert.That(tool.InputType?.Name, Is.EqualTo(Support.ContractDocument.SchemaName(entry["inputSchema"]!["$ref"]!.GetValue<string>())));
            Assert.That(tool.OutputType?.Name, Is.EqualTo(entry["outputSchema"]?["$ref"] is { } output ? Support.ContractDocument.SchemaName(output.GetValue<string>()) : null));
            Assert.That(tool.IsKnown, Is.True);
        });
    }

    [TestCaseSource(nameof(Entries))]
    public void EveryToolHasATypedMethodTakingItsInputAndReturningItsOutput(JsonObject entry)
    {
        var tool = OutlitToolCatalog.Find(entry["name"]!.GetValue<string>())!;

        var method = typeof(OutlitTools).GetMethod(tool.MethodName + "Async", BindingFlags.Public | BindingFlags.Instance);

        Assert.That(method, Is.Not.Null, $"OutlitTools.{tool.MethodName}Async");
        Assert.That(method!.GetParameters().Select(p => p.ParameterType), Is.EqualTo(new[] { tool.InputType, typeof(CancellationToken) }));
        var expected = typeof(Task<>).MakeGenericType(tool.OutputType ?? typeof(Newtonsoft.Json.Linq.JObject));
        Assert.That(method.ReturnType, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Entries))]
    public void EveryPagedToolHasAPageableOfItsItems(JsonObject entry)
    {
        if (entry["paging"] is not JsonObject paging)
        {
            Assert.That(typeof(OutlitTools).GetMethods().Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(OutlitPageable<>) && m.GetParameters()[0].ParameterType == OutlitToolCatalog.Find(entry["name"]!.GetValue<string>())!.InputType), Is.Empty, "a tool without paging has no pageable");
            return;
        }

        var tool = OutlitToolCatalog.Find(entry["name"]!.GetValue<string>())!;
        var method = typeof(OutlitTools).GetMethod(paging["method"]!.GetValue<string>() + "Async");

        Assert.That(method, Is.Not.Null, $"OutlitTools.{paging["method"]}Async");
        Assert.That(method!.ReturnType.GetGenericTypeDefinition(), Is.EqualTo(typeof(OutlitPageable<>)));
        var items = tool.OutputType!.GetProperty(ToPascal(paging["items"]!.GetValue<string>()))!.PropertyType;
        var itemType = items.GetInterfaces().Append(items).First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];
        Assert.That(method.ReturnType.GetGenericArguments()[0], Is.EqualTo(itemType), $"items of {tool.Name} at '{paging["items"]}'");
    }

    [Test]
    public void EveryPublicMethodOfTheToolsServiceIsOneTheContractNames()
    {
        var named = Support.ContractDocument.Instance.Json["x-outlit-tools"]!.AsArray().OfType<JsonObject>()
            .SelectMany(entry => new[] { entry["method"]!.GetValue<string>(), entry["paging"]?["method"]?.GetValue<string>() })
            .OfType<string>()
            .Select(method => method + "Async")
            .Append(nameof(OutlitTools.CallToolAsync))
            .ToHashSet();

        var declared = typeof(OutlitTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name)
            .ToHashSet();

        Assert.That(declared, Is.EquivalentTo(named));
    }

    private static string ToPascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];
}

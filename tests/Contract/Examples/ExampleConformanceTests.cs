using System.Text.Json.Nodes;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Examples;

/// <summary>
/// Every example of openapi/openapi.json satisfies the schema it illustrates. The cases come from the
/// document itself, so a new example is tested without anyone writing a test.
/// </summary>
[TestFixture]
public sealed class ExampleConformanceTests
{
    [OneTimeTearDown]
    public void ReportTheExamplesChecked()
    {
        var checkedExamples = ExampleCatalog.All.Where(ExampleChecks.WasChecked).ToList();
        var passed = checkedExamples.Count(e => ExampleChecks.For(e).Count == 0);
        TestContext.Progress.WriteLine($"Examples checked: {checkedExamples.Count} of {ExampleCatalog.All.Count} in the contract, {passed} passed");
    }

    [TestCaseSource(typeof(ExampleCatalog), nameof(ExampleCatalog.Cases))]
    public void ExampleConformsToTheContract(object example)
    {
        var failures = ExampleChecks.For((ContractExample)example);

        Assert.That(failures, Is.Empty, ((ContractExample)example).DisplayName);
    }

    [Test]
    public void TheCatalogFindsEveryExampleKeywordOfTheDocument()
    {
        // A plain walk over the JSON finds every example/examples keyword, whatever object holds it.
        // If the object-model walk of the catalog misses a place, the two lists differ.
        var contract = ContractDocument.Instance;
        var raw = new List<string>();
        CollectExampleKeywords(contract.Json, "#", parentKey: null, raw);
        var catalog = ExampleCatalog.All.Select(e => e.Pointer).ToList();

        TestContext.Out.WriteLine($"examples found: {catalog.Count}");
        Assert.Multiple(() =>
        {
            Assert.That(catalog, Is.Unique, "an example enumerated twice");
            Assert.That(catalog, Is.EquivalentTo(raw), "examples the catalog and a raw JSON walk disagree on");
            Assert.That(catalog, Is.Not.Empty);
        });
    }

    [Test]
    public void TheSchemaCheckRejectsAMismatchedExample()
    {
        // Guards the check above: a validator that accepted everything would make every case pass.
        var example = ExampleCatalog.All.First(e => e.Name == "validateApiKey response 200 valid");
        var broken = example.Value!.DeepClone().AsObject();
        broken["valid"] = "yes";

        var errors = ContractDocument.Instance.Validator.Validate(broken, example.SchemaPointer);

        Assert.That(errors, Has.Some.Contains("/valid"));
    }

    private static void CollectExampleKeywords(JsonNode? node, string pointer, string? parentKey, List<string> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    var childPointer = JsonPointers.Append(pointer, key);

                    // Under "properties" (and its siblings) keys are names chosen by the author, not keywords.
                    var isNameMap = parentKey is "properties" or "patternProperties" or "$defs" or "headers" or "schemas"
                        or "responses" or "parameters" or "requestBodies" or "content" or "paths" or "mapping";
                    if (!isNameMap && key == "example")
                    {
                        found.Add(childPointer);
                    }
                    else if (!isNameMap && key == "examples" && child is JsonObject named)
                    {
                        found.AddRange(named.Select(e => JsonPointers.Append(childPointer, e.Key)));
                    }
                    else if (!isNameMap && key == "examples" && child is JsonArray list)
                    {
                        found.AddRange(Enumerable.Range(0, list.Count).Select(i => JsonPointers.Append(childPointer, i)));
                    }
                    else if (!(key == "default" || key == "const" || key == "enum") || isNameMap)
                    {
                        CollectExampleKeywords(child, childPointer, key, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectExampleKeywords(array[i], JsonPointers.Append(pointer, i), parentKey: null, found);
                }

                break;
        }
    }
}

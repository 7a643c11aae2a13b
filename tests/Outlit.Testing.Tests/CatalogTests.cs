using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlit.Testing.Internal;
using Outlit.Testing.Tests.Infrastructure;

namespace Outlit.Testing.Tests;

/// <summary>
/// The mock serves the tools its contract lists: tools it has a fake for answer from the fake data, any other tool
/// answers data made up from its output schema, and a contract without a tool list gets a clear answer, not a crash.
/// </summary>
public class CatalogTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    /// <summary>The canonical contract plus two tools no fake knows: a cursor-paged list and a single lookup.</summary>
    private static JsonObject ContractWithWidgets()
    {
        var contract = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!.AsObject();
        var schemas = contract["components"]!["schemas"]!.AsObject();
        schemas["WidgetColor"] = JsonNode.Parse("""{ "type": "string", "enum": ["red", "green", "blue"] }""");
        schemas["Widget"] = JsonNode.Parse("""
            {
              "type": "object",
              "required": ["id", "code", "createdAt", "size", "colors"],
              "properties": {
                "id": { "type": "string", "format": "uuid" },
                "code": { "type": "string", "pattern": "^wdg_[a-f0-9]{8}$" },
                "createdAt": { "type": "string", "format": "date-time" },
                "size": { "type": "integer", "minimum": 1, "maximum": 5 },
                "ratio": { "type": "number", "exclusiveMinimum": 0, "maximum": 1 },
                "colors": { "type": "array", "items": { "$ref": "#/components/schemas/WidgetColor" }, "minItems": 1, "uniqueItems": true },
                "owner": { "anyOf": [{ "$ref": "#/components/schemas/WorkspaceUserSummary" }, { "type": "null" }] }
              }
            }
            """);
        schemas["ListWidgetsInput"] = JsonNode.Parse("""
            {
              "type": "object", "additionalProperties": false,
              "properties": {
                "color": { "$ref": "#/components/schemas/WidgetColor" },
                "cursor": { "type": "string" },
                "limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 3 }
              }
            }
            """);
        schemas["ListWidgetsOutput"] = JsonNode.Parse("""
            {
              "type": "object", "required": ["items", "pagination"],
              "properties": {
                "items": { "type": "array", "items": { "$ref": "#/components/schemas/Widget" } },
                "pagination": { "$ref": "#/components/schemas/Pagination" }
              }
            }
            """);
        schemas["GetWidgetInput"] = JsonNode.Parse("""{ "type": "object", "required": ["widgetId"], "properties": { "widgetId": { "type": "string" } } }""");
        schemas["GetWidgetOutput"] = JsonNode.Parse("""
            {
              "type": "object", "required": ["widget"],
              "properties": { "widget": { "$ref": "#/components/schemas/Widget" } },
              "examples": [{ "widget": { "id": "2f1c7a52-5a4e-4c1e-9a43-0d6c1d2b9f10", "code": "wdg_0a1b2c3d", "createdAt": "2026-05-01T10:00:00.000Z", "size": 2, "colors": ["blue"] } }]
            }
            """);
        var tools = contract["x-outlit-tools"]!.AsArray();
        tools.Add(JsonNode.Parse("""
            { "name": "outlit_list_widgets", "method": "ListWidgets", "group": "widgets", "summary": "One page of widgets.",
              "inputSchema": { "$ref": "#/components/schemas/ListWidgetsInput" }, "outputSchema": { "$ref": "#/components/schemas/ListWidgetsOutput" },
              "action": false, "paging": { "items": "items", "method": "ListAllWidgets", "summary": "Every widget." } }
            """));
        tools.Add(JsonNode.Parse("""
            { "name": "outlit_get_widget", "method": "GetWidget", "group": "widgets", "summary": "One widget.",
              "inputSchema": { "$ref": "#/components/schemas/GetWidgetInput" }, "outputSchema": { "$ref": "#/components/schemas/GetWidgetOutput" }, "action": false }
            """));
        // The tool name enumeration is the contract's list of names; the new tools join it as a contract edit would.
        foreach (var name in new[] { "outlit_list_widgets", "outlit_get_widget" })
        {
            schemas["ToolName"]!["enum"]!.AsArray().Add(name);
        }

        return contract;
    }

    private static async Task<(OutlitMockServer Server, ContractSchemas Contract)> StartWithAsync(JsonObject contract, int seed = 7)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"contract-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, contract.ToJsonString());
        var server = await OutlitMockServer.StartAsync(new OutlitMockServerOptions { ContractPath = path, Seed = seed });
        return (server, ContractSchemas.FromJson(contract.ToJsonString(), path));
    }

    private static async Task<(int Status, JsonObject Body)> CallAsync(OutlitMockServer server, string tool, JsonObject? input = null)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.ApiKey);
        using var response = await http.PostAsJsonAsync("api/tools/call", new JsonObject { ["tool"] = tool, ["input"] = input?.DeepClone() ?? new JsonObject() });
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Test]
    public async Task A_tool_without_a_fake_answers_its_schema_example()
    {
        var (server, _) = await StartWithAsync(ContractWithWidgets());
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_get_widget", new JsonObject { ["widgetId"] = "w1" });

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body["widget"]!["code"]!.GetValue<string>(), Is.EqualTo("wdg_0a1b2c3d"));
    }

    [Test]
    public async Task A_paged_tool_without_a_fake_pages_through_schema_valid_made_up_items()
    {
        var (server, contract) = await StartWithAsync(ContractWithWidgets());
        await using var _s = server;
        var seen = new List<string>();
        string? cursor = null;
        long? total = null;
        var pages = 0;

        do
        {
            var input = new JsonObject();
            if (cursor is not null)
            {
                input["cursor"] = cursor;
            }

            var (status, body) = await CallAsync(server, "outlit_list_widgets", input);
            Assert.That(status, Is.EqualTo(200), body.ToJsonString());
            Assert.That(contract.Validate("ListWidgetsOutput", body), Is.Empty, body.ToJsonString());
            Assert.That(body["items"]!.AsArray(), Has.Count.LessThanOrEqualTo(3), "the page size defaults to the contract's default");
            seen.AddRange(body["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            total = body["pagination"]!["total"]!.GetValue<long>();
            cursor = body["pagination"]!["hasMore"]!.GetValue<bool>() ? body["pagination"]!["nextCursor"]!.GetValue<string>() : null;
            Assert.That(++pages, Is.LessThan(50));
        }
        while (cursor is not null);

        Assert.That(pages, Is.GreaterThan(1));
        Assert.That(seen, Has.Count.EqualTo(total));
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task Made_up_answers_are_the_same_for_a_seed_and_differ_between_seeds()
    {
        var (first, _) = await StartWithAsync(ContractWithWidgets(), seed: 11);
        var (again, _) = await StartWithAsync(ContractWithWidgets(), seed: 11);
        var (other, _) = await StartWithAsync(ContractWithWidgets(), seed: 12);
        await using var _1 = first;
        await using var _2 = again;
        await using var _3 = other;
        var input = new JsonObject { ["color"] = "red", ["limit"] = 10 };

        var a = (await CallAsync(first, "outlit_list_widgets", input)).Body.ToJsonString();
        var b = (await CallAsync(again, "outlit_list_widgets", input)).Body.ToJsonString();
        var c = (await CallAsync(other, "outlit_list_widgets", input)).Body.ToJsonString();

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public async Task A_tool_without_a_fake_checks_its_input_against_its_schema()
    {
        var (server, _) = await StartWithAsync(ContractWithWidgets());
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_list_widgets", new JsonObject { ["color"] = "purple" });

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body["code"]!.GetValue<string>(), Is.EqualTo("INVALID_TOOL_INPUT"));
        Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("color: "));
    }

    [Test]
    public async Task A_contract_without_a_tool_list_starts_and_says_why_no_tool_answers()
    {
        var contract = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!.AsObject();
        contract.Remove("x-outlit-tools");
        var (server, _) = await StartWithAsync(contract);
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_list_customers");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.ToJsonString(), Does.Contain("x-outlit-tools"));
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new("Bearer", server.ApiKey);
        using var integrations = await http.GetAsync("api/integrations");
        Assert.That((int)integrations.StatusCode, Is.EqualTo(200), "the rest of the API is served as before");
    }

    public static IEnumerable<TestCaseData> PublishedDocuments() =>
        Directory.GetFiles(Path.Combine(RepositoryPaths.Shared, "upstream-history"), "*.json")
            .Append(Path.Combine(RepositoryPaths.Shared, "reference", "outlit-openapi-2026-06-23.json"))
            .Where(File.Exists)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetFileName(path)));

    [TestCaseSource(nameof(PublishedDocuments))]
    public async Task Outlits_published_documents_start_the_mock_and_tool_calls_say_why_they_fail(string document)
    {
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(document))!.AsObject();
        var (server, _) = await StartWithAsync(contract);
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_list_customers");

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.ToJsonString(), Does.Contain("x-outlit-tools"));
    }

    [Test]
    public async Task A_fake_answer_is_completed_with_what_the_contract_later_requires()
    {
        var contract = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!.AsObject();
        var summary = contract["components"]!["schemas"]!["CustomerSummary"]!.AsObject();
        summary["properties"]!["region"] = JsonNode.Parse("""{ "type": "string", "enum": ["emea", "amer", "apac"] }""");
        summary["required"]!.AsArray().Add("region");
        var (server, schemas) = await StartWithAsync(contract);
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_list_customers", new JsonObject { ["limit"] = 5 });

        Assert.That(status, Is.EqualTo(200));
        Assert.That(schemas.Validate("ListCustomersOutput", body), Is.Empty);
        Assert.That(body["items"]!.AsArray().Select(i => i!["region"]!.GetValue<string>()).Distinct(), Is.SubsetOf(new[] { "emea", "amer", "apac" }));
    }

    [Test]
    public async Task A_fake_whose_input_names_a_value_its_data_does_not_model_answers_from_the_schema()
    {
        var contract = JsonNode.Parse(File.ReadAllText(RepositoryPaths.OpenApiDocument))!.AsObject();
        contract["components"]!["schemas"]!["AnalyticsView"]!["enum"]!.AsArray().Add("forecasts");
        var (server, schemas) = await StartWithAsync(contract);
        await using var _s = server;

        var (status, body) = await CallAsync(server, "outlit_schema", new JsonObject { ["table"] = "forecasts" });

        Assert.That(status, Is.EqualTo(200), body.ToJsonString());
        Assert.That(schemas.Validate("SchemaOutput", body), Is.Empty);
    }

    public static IEnumerable<TestCaseData> Patterns()
    {
        var documents = new[] { RepositoryPaths.OpenApiDocument, Path.Combine(RepositoryPaths.Shared, "upstream-history", "outlit-openapi-2026-08-19.json") };
        return documents.Where(File.Exists)
            .SelectMany(d => Regex.Matches(File.ReadAllText(d), "\"pattern\":\\s*(\"(?:[^\"\\\\]|\\\\.)*\")").Select(m => JsonNode.Parse(m.Groups[1].Value)!.GetValue<string>()))
            .Distinct()
            .Select(p => new TestCaseData(p).SetArgDisplayNames(p.Length > 40 ? p[..40] + "…" : p));
    }

    [TestCaseSource(nameof(Patterns))]
    public void Every_pattern_of_the_contract_and_of_Outlits_latest_document_can_be_sampled(string pattern)
    {
        var random = new Random(3);
        for (var i = 0; i < 20; i++)
        {
            var sample = PatternSampler.Sample(pattern, random);
            Assert.That(sample, Is.Not.Null.And.Match(pattern));
        }
    }

    [Test]
    public void Unique_arrays_of_an_enumeration_hold_distinct_values()
    {
        var generator = new SchemaInstanceGenerator(JsonNode.Parse("{}")!, DateTimeOffset.UnixEpoch);
        var schema = JsonNode.Parse("""{ "type": "array", "items": { "enum": ["red", "green", "blue"] }, "minItems": 3, "uniqueItems": true }""");

        var list = generator.Generate(schema, new Random(1), 0)!.AsArray().Select(n => n!.GetValue<string>()).ToList();

        Assert.That(list, Is.EquivalentTo(Colors));
    }

    [Test]
    public async Task Every_tool_of_the_contract_answers_output_valid_against_its_schema()
    {
        await using var server = await OutlitMockServer.StartAsync();
        var contract = ContractSchemas.FromJson(await File.ReadAllTextAsync(RepositoryPaths.OpenApiDocument), "openapi.json");
        var generator = new SchemaInstanceGenerator(contract.Document, DateTimeOffset.UnixEpoch);
        var examples = contract.Document["paths"]!["/api/tools/call"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]?.AsObject()
            .Select(e => e.Value!["value"]!).ToList() ?? [];
        var answered = new List<string>();

        foreach (var entry in contract.Document["x-outlit-tools"]!.AsArray().OfType<JsonObject>())
        {
            var tool = entry["name"]!.GetValue<string>();
            var input = examples.FirstOrDefault(e => (string?)e["tool"] == tool)?["input"]?.DeepClone() as JsonObject
                ?? generator.Component(entry["inputSchema"]!["$ref"]!.GetValue<string>().Split('/')[^1], new Random(5)) as JsonObject
                ?? [];

            var (status, body) = await CallAsync(server, tool, input);

            if (!server.Tools.HasFake(tool) || status == 200)
            {
                // A fake may answer an example's made-up id with "not found"; a made-up answer always succeeds.
                Assert.That(status, Is.EqualTo(200), $"{tool}: {body.ToJsonString()}");
                if (entry["outputSchema"]?["$ref"] is { } output)
                {
                    Assert.That(contract.Validate(output.GetValue<string>().Split('/')[^1], body), Is.Empty, $"{tool}: {body.ToJsonString()}");
                }

                answered.Add(tool);
            }
        }

        TestContext.Progress.WriteLine($"tools answered with schema-valid output: {answered.Count} ({string.Join(", ", answered)})");
        Assert.That(answered, Is.Not.Empty);
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Build.Tests;

/// <summary>One edit of the contract a user's pipeline might bring, with what the public API shows after it.</summary>
/// <param name="Name">What the edit does.</param>
/// <param name="Apply">Changes the contract in place.</param>
/// <param name="Present">Declarations the public API listing of Outlit.dll has afterwards.</param>
/// <param name="Absent">Declarations it no longer has.</param>
/// <param name="NewTools">Tools the edit adds.</param>
internal sealed record ContractEdit(string Name, Action<JsonObject> Apply, string[] Present, string[] Absent, string[] NewTools);

/// <summary>The contract edits of <see cref="ContractChangeTests"/>, each made as a contract author would make it.</summary>
internal static class ContractEdits
{
    public static IReadOnlyList<ContractEdit> All { get; } =
    [
        new(
            "add a tool",
            contract =>
            {
                EnsureWidget(contract);
                Schemas(contract)["GetWidgetInput"] = Parse("""
                    { "type": "object", "additionalProperties": false, "required": ["widgetId"],
                      "properties": { "widgetId": { "type": "string", "minLength": 1, "description": "The widget to read." } } }
                    """);
                Schemas(contract)["GetWidgetOutput"] = Parse("""
                    { "type": "object", "required": ["widget"], "description": "One widget.",
                      "properties": { "widget": { "$ref": "#/components/schemas/Widget" } },
                      "examples": [{ "widget": { "id": "wdg_1", "name": "Sprocket", "color": "red", "createdAt": "2026-05-01T10:00:00.000Z" } }] }
                    """);
                AddTool(contract, """
                    { "name": "outlit_get_widget", "method": "GetWidget", "group": "widgets", "summary": "One widget by ID.",
                      "inputSchema": { "$ref": "#/components/schemas/GetWidgetInput" }, "outputSchema": { "$ref": "#/components/schemas/GetWidgetOutput" },
                      "action": false }
                    """, "getWidget", """{ "tool": "outlit_get_widget", "input": { "widgetId": "wdg_1" } }""");
            },
            ["System.Threading.Tasks.Task<Outlit.GetWidgetOutput> GetWidgetAsync(Outlit.GetWidgetInput input, System.Threading.CancellationToken cancellationToken = default);", "public static Outlit.OutlitTool GetWidget { get; }"],
            [],
            ["outlit_get_widget"]),
        new(
            "add a cursor-paged tool",
            contract =>
            {
                EnsureWidget(contract);
                Schemas(contract)["ListWidgetsInput"] = Parse("""
                    { "type": "object", "additionalProperties": false,
                      "properties": {
                        "color": { "$ref": "#/components/schemas/WidgetColor" },
                        "cursor": { "type": "string", "description": "Cursor from the previous page." },
                        "limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 20, "description": "Page size." } } }
                    """);
                Schemas(contract)["ListWidgetsOutput"] = Parse("""
                    { "type": "object", "required": ["items", "pagination"], "description": "One page of widgets.",
                      "properties": {
                        "items": { "type": "array", "items": { "$ref": "#/components/schemas/Widget" } },
                        "pagination": { "$ref": "#/components/schemas/Pagination" } } }
                    """);
                AddTool(contract, """
                    { "name": "outlit_list_widgets", "method": "ListWidgets", "group": "widgets", "summary": "One page of widgets.",
                      "inputSchema": { "$ref": "#/components/schemas/ListWidgetsInput" }, "outputSchema": { "$ref": "#/components/schemas/ListWidgetsOutput" },
                      "action": false, "paging": { "items": "items", "method": "ListAllWidgets", "summary": "Every widget, page by page." } }
                    """, "listWidgets", """{ "tool": "outlit_list_widgets", "input": { "color": "red", "limit": 2 } }""");
            },
            ["System.Threading.Tasks.Task<Outlit.ListWidgetsOutput> ListWidgetsAsync(Outlit.ListWidgetsInput input = null", "Outlit.OutlitPageable<Outlit.Widget> ListAllWidgetsAsync(Outlit.ListWidgetsInput input = null"],
            [],
            ["outlit_list_widgets"]),
        new(
            "add an optional response property",
            contract => Schemas(contract)["CustomerSummary"]!["properties"]!["region"] = Parse("""{ "type": ["string", "null"], "description": "Sales region of the customer." }"""),
            ["public string Region { get; set; }"],
            [],
            []),
        new(
            "add an enum value",
            contract => Schemas(contract)["BillingStatus"]!["enum"]!.AsArray().Add("PAUSED"),
            ["public static Outlit.BillingStatus Paused { get; }"],
            [],
            []),
        new(
            "remove an optional request property",
            contract => Schemas(contract)["ListCustomersInput"]!["properties"]!.AsObject().Remove("ownerEmail"),
            [],
            ["public string OwnerEmail { get; set; }"],
            []),
        new(
            "rename a tool's output schema",
            contract => RenameSchema(contract, "SearchCustomerContextOutput", "CustomerContextSearchOutput"),
            ["System.Threading.Tasks.Task<Outlit.CustomerContextSearchOutput> SearchCustomerContextAsync("],
            ["class SearchCustomerContextOutput"],
            []),
    ];

    private static JsonObject Schemas(JsonObject contract) => contract["components"]!["schemas"]!.AsObject();

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    private static void EnsureWidget(JsonObject contract)
    {
        var schemas = Schemas(contract);
        if (schemas.ContainsKey("Widget"))
        {
            return;
        }

        schemas["WidgetColor"] = Parse("""{ "type": "string", "enum": ["red", "green", "blue"], "description": "Colour of a widget." }""");
        schemas["Widget"] = Parse("""
            { "type": "object", "required": ["id", "name", "color", "createdAt"], "description": "A widget.",
              "properties": {
                "id": { "type": "string", "pattern": "^wdg_[a-z0-9]+$", "description": "Widget ID." },
                "name": { "type": "string", "description": "Display name." },
                "color": { "$ref": "#/components/schemas/WidgetColor" },
                "createdAt": { "type": "string", "format": "date-time", "description": "When it was made." } } }
            """);
    }

    /// <summary>Adds a catalog entry, the name to the tool name enumeration and a tool-call example.</summary>
    private static void AddTool(JsonObject contract, string entry, string exampleName, string example)
    {
        contract["x-outlit-tools"]!.AsArray().Add(Parse(entry));
        var tool = Parse(entry)["name"]!.GetValue<string>();
        Schemas(contract)["ToolName"]!["enum"]!.AsArray().Add(tool);
        var examples = contract["paths"]!["/api/tools/call"]!["post"]!["requestBody"]!["content"]!["application/json"]!["examples"]!.AsObject();
        examples[exampleName] = new JsonObject { ["summary"] = "Call of " + tool, ["value"] = Parse(example) };
    }

    private static void RenameSchema(JsonObject contract, string from, string to)
    {
        var schemas = Schemas(contract);
        var schema = schemas[from]!;
        schemas.Remove(from);
        schemas[to] = schema;
        Replace(contract, "#/components/schemas/" + from, "#/components/schemas/" + to);
    }

    private static void Replace(JsonNode? node, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>() == from)
                    {
                        obj[key] = to;
                    }
                    else
                    {
                        Replace(value, from, to);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Replace(item, from, to);
                }

                break;
        }
    }
}

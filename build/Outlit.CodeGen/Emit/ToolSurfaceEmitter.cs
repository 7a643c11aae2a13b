using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlit.Build.CodeGen.Json;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>
/// The tool surface, from the contract's tool catalog (<c>x-outlit-tools</c>) and tool gateway
/// (<c>x-outlit-tool-gateway</c>): the catalog of tools, one typed method per tool on <c>OutlitTools</c>, a pageable
/// for every cursor-paged tool, and the alias normalization of their inputs (<c>x-outlit-aliases</c> on the
/// enumerations the inputs use). Adding a tool to the contract adds its method; nothing is written by hand.
/// </summary>
internal static partial class ToolSurfaceEmitter
{
    public const string ToolsKeyword = "x-outlit-tools";
    public const string GatewayKeyword = "x-outlit-tool-gateway";
    public const string AliasesKeyword = "x-outlit-aliases";

    private const string Rt = "global::Outlit.";

    public static void Emit(JsonObject document, GeneratedCodeIndex index, string @namespace, Dictionary<string, string> files, List<EmitProblem> problems)
    {
        var schemas = document["components"]?["schemas"] as JsonObject ?? [];
        var aliased = EmitAliases(schemas, index, @namespace, files, problems);
        var gateway = ReadGateway(document, index, problems);
        var tools = ReadTools(document, schemas, index, gateway, aliased, problems);
        if (problems.Count > 0)
        {
            return;
        }

        files["OutlitToolCatalog.g.cs"] = Catalog(tools, @namespace);
        files["OutlitTools.g.cs"] = gateway is null ? EmptyTools(@namespace) : Tools(tools, gateway, @namespace);
    }

    // ---------------------------------------------------------------- reading the contract

    private sealed record Gateway(string Client, string Method, string RequestType, string ToolProperty, string InputProperty, string InputPropertyType, JsonObject Paging, string Pointer);

    private sealed record PagingPlan(string ItemsJson, string ItemsProperty, string ItemType, string PaginationJson, string PaginationProperty, string HasMore, string NextCursor, string? Total, string Method, string? Summary);

    private sealed record Tool(string Name, string Method, string? Group, string? Summary, string InputType, bool InputRequired, string? OutputType, bool Action, PagingPlan? Paging, IReadOnlyList<(string Property, string EnumType)> Normalized, string? Deprecation);

    private static Gateway? ReadGateway(JsonObject document, GeneratedCodeIndex index, List<EmitProblem> problems)
    {
        var pointer = "/" + GatewayKeyword;
        if (document[GatewayKeyword] is not JsonObject gateway)
        {
            return null;
        }

        var operationId = NormalizationContext.StringValue(gateway["operationId"]);
        var toolJson = NormalizationContext.StringValue(gateway["toolProperty"]);
        var inputJson = NormalizationContext.StringValue(gateway["inputProperty"]);
        if (operationId is null || toolJson is null || inputJson is null || gateway["paging"] is not JsonObject paging)
        {
            problems.Add(new EmitProblem(pointer, "must name operationId, toolProperty, inputProperty and paging"));
            return null;
        }

        if (index.Operation(operationId) is not { } operation)
        {
            problems.Add(new EmitProblem(JsonPointer.Append(pointer, "operationId"), $"no generated operation has the operationId '{operationId}'"));
            return null;
        }

        var body = FindOperation(document, operationId)?["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
        if (body is null || NormalizationContext.RefName(body) is not { } requestType || !index.HasType(requestType))
        {
            problems.Add(new EmitProblem(JsonPointer.Append(pointer, "operationId"), $"the request body of '{operationId}' is not a generated class"));
            return null;
        }

        var tool = index.Property(requestType, toolJson);
        var input = index.Property(requestType, inputJson);
        if (tool is null || input is null)
        {
            problems.Add(new EmitProblem(pointer, $"{requestType} has no property '{(tool is null ? toolJson : inputJson)}'"));
            return null;
        }

        foreach (var key in new[] { "cursor", "pagination", "hasMore", "nextCursor" })
        {
            if (NormalizationContext.StringValue(paging[key]) is null)
            {
                problems.Add(new EmitProblem(JsonPointer.Append(JsonPointer.Append(pointer, "paging"), key), "must name a property"));
            }
        }

        return new Gateway(operation.Client, operation.Method, requestType, tool.Name, input.Name, input.Type, paging, pointer);
    }

    private static List<Tool> ReadTools(JsonObject document, JsonObject schemas, GeneratedCodeIndex index, Gateway? gateway, Dictionary<string, string> aliased, List<EmitProblem> problems)
    {
        var tools = new List<Tool>();
        if (document[ToolsKeyword] is not JsonArray entries)
        {
            return tools;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var methods = new HashSet<string>(StringComparer.Ordinal) { "CallTool" };
        for (var i = 0; i < entries.Count; i++)
        {
            var pointer = JsonPointer.Append("/" + ToolsKeyword, i);
            if (entries[i] is not JsonObject entry || NormalizationContext.StringValue(entry["name"]) is not { } name)
            {
                problems.Add(new EmitProblem(pointer, "a tool entry must be an object with a name"));
                continue;
            }

            if (!names.Add(name))
            {
                problems.Add(new EmitProblem(JsonPointer.Append(pointer, "name"), $"the tool '{name}' is listed twice"));
                continue;
            }

            var method = NormalizationContext.StringValue(entry["method"]) ?? NormalizationContext.Pascal(name);
            if (!Identifier().IsMatch(method) || !methods.Add(method))
            {
                problems.Add(new EmitProblem(JsonPointer.Append(pointer, "method"), $"'{method}' is not a C# identifier or is the method of another tool"));
                continue;
            }

            var input = SchemaName(entry["inputSchema"]);
            if (input is null || !index.HasType(input))
            {
                problems.Add(new EmitProblem(JsonPointer.Append(pointer, "inputSchema"), "must be a $ref to a component schema generated as a class"));
                continue;
            }

            var output = entry["outputSchema"] is null ? null : SchemaName(entry["outputSchema"]);
            if (entry["outputSchema"] is not null && (output is null || !index.HasType(output)))
            {
                problems.Add(new EmitProblem(JsonPointer.Append(pointer, "outputSchema"), "must be a $ref to a component schema generated as a class"));
                continue;
            }

            PagingPlan? paging = null;
            if (entry["paging"] is JsonObject pagingEntry)
            {
                paging = ReadPaging(pagingEntry, JsonPointer.Append(pointer, "paging"), output, method, index, gateway, problems);
                if (paging is null)
                {
                    continue;
                }
            }

            var inputSchema = schemas[input] as JsonObject ?? [];
            var normalized = NormalizedProperties(schemas, inputSchema, index, input, aliased);
            tools.Add(new Tool(
                name,
                method,
                NormalizationContext.StringValue(entry["group"]),
                NormalizationContext.StringValue(entry["summary"]),
                input,
                Required(schemas, inputSchema).Count > 0,
                output,
                NormalizationContext.IsTrue(entry["action"]),
                paging,
                normalized,
                // "deprecated": true, or the reason as text.
                NormalizationContext.StringValue(entry["deprecated"]) ?? (NormalizationContext.IsTrue(entry["deprecated"]) ? $"The tool gateway no longer lists {name}." : null)));
        }

        return tools;
    }

    private static PagingPlan? ReadPaging(JsonObject entry, string pointer, string? output, string method, GeneratedCodeIndex index, Gateway? gateway, List<EmitProblem> problems)
    {
        if (gateway is null)
        {
            problems.Add(new EmitProblem(pointer, $"a paged tool needs the paging conventions of {GatewayKeyword}"));
            return null;
        }

        if (output is null)
        {
            problems.Add(new EmitProblem(pointer, "a paged tool needs an outputSchema"));
            return null;
        }

        var itemsJson = NormalizationContext.StringValue(entry["items"]);
        var items = itemsJson is null ? null : index.Property(output, itemsJson);
        if (items is null || ElementType(items.Type) is not { } itemType)
        {
            problems.Add(new EmitProblem(JsonPointer.Append(pointer, "items"), $"{output} has no list property '{itemsJson}'"));
            return null;
        }

        var paginationJson = NormalizationContext.StringValue(gateway.Paging["pagination"])!;
        var pagination = index.Property(output, paginationJson);
        if (pagination is null)
        {
            problems.Add(new EmitProblem(pointer, $"{output} has no paging block '{paginationJson}' ({GatewayKeyword}/paging/pagination)"));
            return null;
        }

        var paginationType = pagination.Type.TrimEnd('?');
        var hasMore = index.Property(paginationType, NormalizationContext.StringValue(gateway.Paging["hasMore"])!);
        var nextCursor = index.Property(paginationType, NormalizationContext.StringValue(gateway.Paging["nextCursor"])!);
        var total = NormalizationContext.StringValue(gateway.Paging["total"]) is { } totalJson ? index.Property(paginationType, totalJson) : null;
        if (hasMore is null || nextCursor is null)
        {
            problems.Add(new EmitProblem(pointer, $"the paging block {paginationType} has no hasMore or nextCursor property ({GatewayKeyword}/paging)"));
            return null;
        }

        return new PagingPlan(
            itemsJson!, items.Name, itemType, paginationJson, pagination.Name, hasMore.Name, nextCursor.Name, total?.Name,
            NormalizationContext.StringValue(entry["method"]) ?? "ListAll" + method,
            NormalizationContext.StringValue(entry["summary"]));
    }

    /// <summary>The input properties whose value (or list of values) is an enumeration with aliases.</summary>
    private static List<(string Property, string EnumType)> NormalizedProperties(JsonObject schemas, JsonObject input, GeneratedCodeIndex index, string inputType, Dictionary<string, string> aliased)
    {
        var found = new List<(string, string)>();
        foreach (var (json, schema) in Properties(schemas, input))
        {
            var target = EnumReference(schema) ?? (schema["items"] is JsonObject items ? EnumReference(items) : null);
            if (target is not null && aliased.ContainsKey(target) && index.Property(inputType, json) is not null)
            {
                found.Add((json, target));
            }
        }

        return found;
    }

    private static string? EnumReference(JsonObject schema) =>
        NormalizationContext.RefName(schema)
        ?? (schema["allOf"] ?? schema["oneOf"] ?? schema["anyOf"]) switch
        {
            JsonArray branches => branches.OfType<JsonObject>().Select(NormalizationContext.RefName).FirstOrDefault(n => n is not null),
            _ => null,
        };

    // ---------------------------------------------------------------- emitting

    /// <summary>Normalization for every string enumeration; returns the names of those the contract lists aliases for.</summary>
    private static Dictionary<string, string> EmitAliases(JsonObject schemas, GeneratedCodeIndex index, string @namespace, Dictionary<string, string> files, List<EmitProblem> problems)
    {
        var aliased = new Dictionary<string, string>(StringComparer.Ordinal);
        var source = new CSharpSource(@namespace, "the normalization of string enumerations and their aliases (x-outlit-aliases).");
        foreach (var (name, node) in schemas)
        {
            if (node is not JsonObject schema)
            {
                continue;
            }

            var pointer = JsonPointer.Append(JsonPointer.Append("/components/schemas", name), AliasesKeyword);
            var values = (schema["enum"] as JsonArray ?? []).Select(NormalizationContext.StringValue).OfType<string>().ToList();
            var aliases = schema[AliasesKeyword];
            if (values.Count == 0 || !index.HasType(name))
            {
                if (aliases is not null)
                {
                    problems.Add(new EmitProblem(pointer, "aliases belong to a string enumeration and map each alias to one of its values"));
                }

                continue;
            }

            // Every string enumeration gets Normalize and Parse, so code that takes a value from a caller does not
            // depend on whether the contract happens to list aliases for it.
            var map = aliases as JsonObject ?? [];
            if (aliases is not null and not JsonObject)
            {
                problems.Add(new EmitProblem(pointer, "aliases belong to a string enumeration and map each alias to one of its values"));
            }

            var pairs = new List<(string Alias, string Target)>();
            foreach (var (alias, target) in map)
            {
                if (NormalizationContext.StringValue(target) is { } value && values.Contains(value, StringComparer.Ordinal))
                {
                    pairs.Add((alias, value));
                }
                else
                {
                    problems.Add(new EmitProblem(JsonPointer.Append(pointer, alias), "must name one of the enumeration's values"));
                }
            }

            if (map.Count > 0)
            {
                aliased[name] = name;
            }

            source.Line($"// The spellings {name} accepts for its values (x-outlit-aliases), and their normalization.");
            source.Open($"partial struct {name}");
            source.Summary("Other spellings the contract accepts for a value, and the value each stands for.");
            source.Line($"public static global::System.Collections.Generic.IReadOnlyDictionary<string, string> Aliases {{ get; }} = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.OrdinalIgnoreCase)");
            source.Line("{");
            foreach (var (alias, target) in pairs)
            {
                source.Line($"    [{CSharpSource.Literal(alias)}] = {CSharpSource.Literal(target)},");
            }

            source.Line("};");
            source.Line();
            source.Summary("The value as the server spells it: trimmed; a listed value or alias in any case becomes the listed value; another value is kept, in the case the listed values share. Null for a blank value.");
            source.Line("/// <param name=\"value\">The value or alias.</param>");
            source.Line("/// <returns>The value to send, or null.</returns>");
            source.Line($"public static string? Normalize(string? value) => {Rt}OutlitEnumNormalization.Normalize(value, KnownValueStrings, Aliases);");
            source.Line();
            source.Summary("This value normalized as by Normalize; the empty default value stays as it is.");
            source.Line("/// <returns>The normalized value.</returns>");
            source.Line($"public {name} Normalized() => Normalize(ToString()) is {{ }} normalized ? new {name}(normalized) : this;");
            source.Line();
            source.Summary("Creates a value from a listed value or alias, normalized as by Normalize.");
            source.Line("/// <param name=\"value\">The value or alias.</param>");
            source.Line("/// <returns>The normalized value.</returns>");
            source.Line("/// <exception cref=\"global::System.ArgumentException\">The value is null or blank.</exception>");
            source.Line($"public static {name} Parse(string? value) => Normalize(value) is {{ }} normalized ? new {name}(normalized) : throw new global::System.ArgumentException(\"A {name} value is required; blank is not one.\", nameof(value));");
            source.Line();
            source.Line("// A property, not a field: static initializers of the two halves of a partial type run in no set order.");
            source.Line($"private static string[] KnownValueStrings => global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Select(KnownValues, v => v.ToString()));");
            source.Close();
            source.Line();
        }

        files["OutlitEnums.g.cs"] = source.ToString();

        return aliased;
    }

    private static string Catalog(List<Tool> tools, string @namespace)
    {
        var source = new CSharpSource(@namespace, "the tool catalog (x-outlit-tools).");
        source.Summary("Every tool of the contract the client was generated from, with its method, input and output types, and whether it is an action.");
        source.Open("public static partial class OutlitToolCatalog");
        foreach (var tool in tools)
        {
            source.Summary($"{tool.Name}: {tool.Summary ?? "a tool of the gateway."}");
            var normalize = tool.Normalized.Count == 0 ? "null" : $"Normalize{tool.Method}";
            source.Line($"public static {Rt}OutlitTool {tool.Method} {{ get; }} = new {Rt}OutlitTool({CSharpSource.Literal(tool.Name)}, {CSharpSource.Literal(tool.Method)}, {Literal(tool.Group)}, {Literal(tool.Summary)}, isAction: {(tool.Action ? "true" : "false")}, typeof({tool.InputType}), {(tool.OutputType is null ? "null" : $"typeof({tool.OutputType})")}, isPaged: {(tool.Paging is null ? "false" : "true")}, {normalize}, deprecation: {Literal(tool.Deprecation)});");
            source.Line();
        }

        source.Summary("Every tool, in the contract's order.");
        source.Line($"public static global::System.Collections.Generic.IReadOnlyList<{Rt}OutlitTool> All {{ get; }} = new {Rt}OutlitTool[] {{ {string.Join(", ", tools.Select(t => t.Method))} }};");
        source.Line();
        source.Summary("The tool of the catalog with this name, or null.");
        source.Line("/// <param name=\"name\">The tool's name on the wire.</param>");
        source.Line("/// <returns>The tool, or null.</returns>");
        source.Line($"public static {Rt}OutlitTool? Find(string name) => global::System.Linq.Enumerable.FirstOrDefault(All, t => string.Equals(t.Name, name, global::System.StringComparison.Ordinal));");
        foreach (var tool in tools.Where(t => t.Normalized.Count > 0))
        {
            source.Line();
            source.Open($"private static void Normalize{tool.Method}(global::Newtonsoft.Json.Linq.JObject input)");
            foreach (var (property, enumType) in tool.Normalized)
            {
                source.Line($"{Rt}OutlitTool.NormalizeProperty(input, {CSharpSource.Literal(property)}, {enumType}.Normalize);");
            }

            source.Close();
        }

        source.Close();
        return source.ToString();
    }

    private static string Tools(List<Tool> tools, Gateway gateway, string @namespace)
    {
        var source = new CSharpSource(@namespace, "the typed tool methods (x-outlit-tools, x-outlit-tool-gateway).");
        var cursor = NormalizationContext.StringValue(gateway.Paging["cursor"])!;
        var pageSize = NormalizationContext.StringValue(gateway.Paging["pageSize"]);
        source.Line("/// <summary>");
        source.Line("/// The customer intelligence tools of the tool gateway: one typed method per tool of the contract, a pageable for");
        source.Line("/// every cursor-paged tool, and a generic call for any tool by name. Reach it through <see cref=\"OutlitClient.Tools\"/>.");
        source.Line("/// </summary>");
        source.Line("/// <remarks>");
        source.Line("/// Inputs are the generated <c>…Input</c> types; values with aliases (source-type filters) are normalized before sending.");
        source.Line("/// Read-only tools are retried like any read; an action is retried only if the request never reached the server.");
        source.Line("/// </remarks>");
        source.Open("public partial class OutlitTools");
        source.Line($"private readonly {gateway.Client}? _api;");
        source.Line();
        source.Line($"internal OutlitTools({gateway.Client} api) => _api = api;");
        source.Line();
        source.Summary("For mocking frameworks only.");
        source.Line("protected OutlitTools()");
        source.Line("{");
        source.Line("}");
        source.Line();
        source.Line($"private {gateway.Client} Api => _api ?? throw new global::System.InvalidOperationException(\"This OutlitTools was created for mocking and cannot send requests.\");");
        foreach (var tool in tools)
        {
            var output = tool.OutputType ?? "global::Newtonsoft.Json.Linq.JObject";
            var parameter = tool.InputRequired ? $"{tool.InputType} input" : $"{tool.InputType}? input = null";
            var check = tool.InputRequired ? "input ?? throw new global::System.ArgumentNullException(nameof(input))" : "input";
            source.Line();
            source.Summary(tool.Summary ?? $"Calls {tool.Name}.");
            if (tool.Action)
            {
                source.Line("/// <remarks>An action with an effect outside Outlit: call it only on an explicit request. It is never retried once the request may have reached the server.</remarks>");
            }

            source.Line($"/// <param name=\"input\">The tool's input{(tool.InputRequired ? "" : "; null for its defaults")}.</param>");
            source.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
            source.Line($"/// <returns>The tool's {(tool.OutputType is null ? "JSON result (the contract does not describe its shape)" : "result")}.</returns>");
            if (tool.Deprecation is { } deprecation)
            {
                source.Line($"[global::System.Obsolete({CSharpSource.Literal(deprecation)})]");
            }

            source.Line($"public virtual global::System.Threading.Tasks.Task<{output}> {tool.Method}Async({parameter}, global::System.Threading.CancellationToken cancellationToken = default) =>");
            source.Line($"    CallAsync<{output}>(OutlitToolCatalog.{tool.Method}, {check}, cancellationToken);");
            if (tool.Paging is { } paging)
            {
                var total = paging.Total is null ? "null" : $"p.{paging.PaginationProperty}?.{paging.Total}";
                source.Line();
                source.Summary(paging.Summary ?? $"Every item of {tool.Name}, page by page.");
                source.Line($"/// <param name=\"input\">The filters{(tool.InputRequired ? "" : "; null for the defaults")}; its cursor, if any, is where the listing starts.</param>");
                source.Line("/// <param name=\"cancellationToken\">Stops the listing.</param>");
                source.Line("/// <returns>The items, fetched as they are read; <c>AsPages</c> gives the pages with their cursors and totals.</returns>");
                source.Open($"public virtual {Rt}OutlitPageable<{paging.ItemType}> {paging.Method}Async({parameter}, global::System.Threading.CancellationToken cancellationToken = default)");
                source.Line($"var first = OutlitToolCatalog.{tool.Method}.PrepareInput({check}, nameof(input));");
                source.Line($"return new {Rt}OutlitPageable<{paging.ItemType}>(");
                source.Line($"    (cursor, size, token) => PageAsync<{output}, {paging.ItemType}>(OutlitToolCatalog.{tool.Method}, first, cursor, size, static p => {Rt}OutlitPage<{paging.ItemType}>.From(p.{paging.ItemsProperty}, p.{paging.PaginationProperty}?.{paging.HasMore}, p.{paging.PaginationProperty}?.{paging.NextCursor}, {total}, {CSharpSource.Literal(tool.Name)}, {CSharpSource.Literal(paging.ItemsJson)}, {CSharpSource.Literal(paging.PaginationJson)}), token),");
                source.Line($"    (string?)first[{CSharpSource.Literal(cursor)}],");
                source.Line($"    {CSharpSource.Literal(tool.Name)},");
                source.Line("    cancellationToken);");
                source.Close();
            }
        }

        source.Line();
        source.Summary("Calls any tool by name with any JSON-object input and returns the raw JSON result: for tools added to the gateway after this client was generated, or to reach fields before they are typed. A tool the contract does not list is treated as an action (never repeated once sent).");
        source.Line("/// <param name=\"tool\">The tool name (see <see cref=\"OutlitToolCatalog\"/>).</param>");
        source.Line("/// <param name=\"input\">A generated input, a dictionary, an anonymous object or a JObject; null for <c>{}</c>.</param>");
        source.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        source.Line("/// <returns>The tool's JSON result.</returns>");
        source.Line("public virtual global::System.Threading.Tasks.Task<global::Newtonsoft.Json.Linq.JObject> CallToolAsync(string tool, object? input = null, global::System.Threading.CancellationToken cancellationToken = default) =>");
        source.Line("    CallAsync<global::Newtonsoft.Json.Linq.JObject>(Describe(tool), input, cancellationToken);");
        source.Line();
        source.Summary("Calls any tool by name and reads the result into TOutput.");
        source.Line("/// <typeparam name=\"TOutput\">The result type, usually a generated <c>…Output</c> type.</typeparam>");
        source.Line("/// <param name=\"tool\">The tool name (see <see cref=\"OutlitToolCatalog\"/>).</param>");
        source.Line("/// <param name=\"input\">A generated input, a dictionary, an anonymous object or a JObject; null for <c>{}</c>.</param>");
        source.Line("/// <param name=\"cancellationToken\">Cancels the call.</param>");
        source.Line("/// <returns>The typed result.</returns>");
        source.Line("public virtual global::System.Threading.Tasks.Task<TOutput> CallToolAsync<TOutput>(string tool, object? input = null, global::System.Threading.CancellationToken cancellationToken = default) =>");
        source.Line("    CallAsync<TOutput>(Describe(tool), input, cancellationToken);");
        source.Line();
        source.Open($"private static {Rt}OutlitTool Describe(string tool)");
        source.Line("global::System.ArgumentException.ThrowIfNullOrWhiteSpace(tool);");
        source.Line($"return OutlitToolCatalog.Find(tool) ?? {Rt}OutlitTool.Unlisted(tool);");
        source.Close();
        source.Line();
        source.Line("/// <summary>One call of the gateway operation, labelled with the tool, retried only when the tool only reads.</summary>");
        source.Line($"private global::System.Threading.Tasks.Task<TOutput> CallAsync<TOutput>({Rt}OutlitTool tool, object? input, global::System.Threading.CancellationToken cancellationToken) =>");
        source.Line("    Send<TOutput>(tool, tool.PrepareInput(input, nameof(input)), cancellationToken);");
        source.Line();
        source.Line($"private global::System.Threading.Tasks.Task<TOutput> Send<TOutput>({Rt}OutlitTool tool, global::Newtonsoft.Json.Linq.JObject input, global::System.Threading.CancellationToken cancellationToken) =>");
        source.Line($"    Api.{gateway.Method}Async<TOutput>(new {gateway.RequestType} {{ {gateway.ToolProperty} = tool.Name, {gateway.InputProperty} = {InputValue(gateway.InputPropertyType)} }}, tool.CreateContext(), cancellationToken);");
        source.Line();
        source.Line("/// <summary>One page of a paged tool: the first input with the cursor and page size of this page.</summary>");
        source.Open($"private async global::System.Threading.Tasks.Task<{Rt}OutlitPage<TItem>> PageAsync<TOutput, TItem>({Rt}OutlitTool tool, global::Newtonsoft.Json.Linq.JObject first, string? cursor, int? pageSize, global::System.Func<TOutput, {Rt}OutlitPage<TItem>> page, global::System.Threading.CancellationToken cancellationToken)");
        source.Line("var input = (global::Newtonsoft.Json.Linq.JObject)first.DeepClone();");
        source.Line("// No cursor means the first page: the property is left out rather than sent as null.");
        source.Open("if (cursor is null)");
        source.Line($"input.Remove({CSharpSource.Literal(cursor)});");
        source.Close();
        source.Open("else");
        source.Line($"input[{CSharpSource.Literal(cursor)}] = cursor;");
        source.Close();
        source.Line();
        if (pageSize is not null)
        {
            source.Open("if (pageSize is { } size)");
            source.Line($"input[{CSharpSource.Literal(pageSize)}] = size;");
            source.Close();
        }

        source.Line("return page(await Send<TOutput>(tool, input, cancellationToken).ConfigureAwait(false));");
        source.Close();
        source.Close();
        return source.ToString();
    }

    private static string EmptyTools(string @namespace)
    {
        var source = new CSharpSource(@namespace, "no tool gateway: the contract names none (x-outlit-tool-gateway).");
        source.Summary("The tool gateway; the contract this client was generated from describes none.");
        source.Open("public partial class OutlitTools");
        source.Line("internal OutlitTools(object api)");
        source.Line("{");
        source.Line("}");
        source.Line();
        source.Summary("For mocking frameworks only.");
        source.Line("protected OutlitTools()");
        source.Line("{");
        source.Line("}");
        source.Close();
        return source.ToString();
    }

    private static string InputValue(string csharpType) =>
        csharpType.Contains("IDictionary", StringComparison.Ordinal) ? "input.ToObject<global::System.Collections.Generic.Dictionary<string, object>>()!" : "input";

    private static string Literal(string? value) => value is null ? "null" : CSharpSource.Literal(value);

    // ---------------------------------------------------------------- schema helpers

    private static JsonObject? FindOperation(JsonObject document, string operationId)
    {
        foreach (var (_, pathItem) in document["paths"] as JsonObject ?? [])
        {
            foreach (var (_, operation) in pathItem as JsonObject ?? [])
            {
                if (operation is JsonObject o && NormalizationContext.StringValue(o["operationId"]) == operationId)
                {
                    return o;
                }
            }
        }

        return null;
    }

    private static string? SchemaName(JsonNode? reference) => reference is JsonObject o ? NormalizationContext.RefName(o) : null;

    private static IEnumerable<(string Name, JsonObject Schema)> Properties(JsonObject schemas, JsonObject schema)
    {
        if (NormalizationContext.RefName(schema) is { } name && schemas[name] is JsonObject target)
        {
            foreach (var property in Properties(schemas, target))
            {
                yield return property;
            }
        }

        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var property in Properties(schemas, part))
            {
                yield return property;
            }
        }

        foreach (var (key, value) in schema["properties"] as JsonObject ?? [])
        {
            if (value is JsonObject property)
            {
                yield return (key, property);
            }
        }
    }

    private static List<string> Required(JsonObject schemas, JsonObject schema)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(NormalizationContext.StringValue).OfType<string>().ToList();
        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            required.AddRange(Required(schemas, NormalizationContext.RefName(part) is { } name && schemas[name] is JsonObject target ? target : part));
        }

        return required;
    }

    private static string? ElementType(string type) => ElementTypePattern().Match(type) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^System\.Collections\.Generic\.(?:ICollection|IList|IEnumerable|List)<(.+)>\??$")]
    private static partial Regex ElementTypePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>
/// Makes the error bodies the contract describes readable by the client's exceptions without the client naming
/// an error field: a schema marked <c>x-outlit-error</c> gets a partial class implementing <c>IOutlitErrorBody</c>,
/// one marked <c>x-outlit-error-issue</c> (a validation problem) one implementing <c>IOutlitErrorIssue</c>. Each
/// role names the property (or properties, first present wins) that fills it.
/// </summary>
internal static class ErrorBodyEmitter
{
    public const string ErrorKeyword = "x-outlit-error";
    public const string IssueKeyword = "x-outlit-error-issue";

    /// <summary>Roles of an error body and the helper that turns the property's C# value into the role's type.</summary>
    private static readonly Dictionary<string, (string Field, string Helper)> ErrorRoles = new(StringComparer.Ordinal)
    {
        ["message"] = ("Message", "Text"),
        ["code"] = ("Code", "Text"),
        ["details"] = ("Details", "Issues"),
        ["plan"] = ("Plan", "Text"),
        ["feature"] = ("Feature", "Text"),
        ["resetAt"] = ("ResetAt", "Instant"),
        ["currentConnections"] = ("CurrentConnections", "Integer"),
        ["limit"] = ("Limit", "Integer"),
        ["requestId"] = ("RequestId", "Text"),
        ["retryable"] = ("Retryable", "Flag"),
    };

    private static readonly string[] IssueRoles = ["path", "message", "index"];

    /// <summary>
    /// Beside the roles: for an issue that names an item by position (<c>index</c>), the request property holding the
    /// list, so the issue's path becomes <c>[list, index]</c> like a path-shaped issue's.
    /// </summary>
    private const string IndexOfKey = "indexOf";

    /// <summary>
    /// Beside the roles of an error body: the values of its code that mean a plan refusal rather than a short-window
    /// throttle or a fault (a 429 with one of them is a plan limit).
    /// </summary>
    private const string PlanCodesKey = "planCodes";

    /// <summary>On an error body: the earlier generations of it (<c>["ErrorResponse"]</c>) a server may still send.</summary>
    public const string OlderKeyword = "x-outlit-error-older";

    public static string? Emit(JsonObject document, GeneratedCodeIndex index, string @namespace, List<EmitProblem> problems)
    {
        if (document["components"]?["schemas"] is not JsonObject schemas)
        {
            return null;
        }

        var source = new CSharpSource(@namespace, "the roles of the error bodies (x-outlit-error, x-outlit-error-issue, x-outlit-error-older).");
        var any = false;
        var bodies = new List<string>();
        var older = new List<(string Body, List<string> Older)>();
        foreach (var (name, node) in schemas)
        {
            if (node is not JsonObject schema)
            {
                continue;
            }

            var pointer = JsonPointer.Append("/components/schemas", name);
            if (schema[ErrorKeyword] is JsonNode errorRoles)
            {
                if (EmitError(source, index, name, JsonPointer.Append(pointer, ErrorKeyword), errorRoles, problems))
                {
                    any = true;
                    bodies.Add(name);
                }

                // Earlier generations of this body that a server may still send where the contract documents this one.
                if (schema[OlderKeyword] is JsonNode olderNode)
                {
                    var names = (olderNode as JsonArray ?? []).Select(NormalizationContext.StringValue).ToList();
                    var bad = names.Where(n => n is null || schemas[n] is not JsonObject { } olderSchema || olderSchema[ErrorKeyword] is null).ToList();
                    if (olderNode is not JsonArray || bad.Count > 0)
                    {
                        problems.Add(new EmitProblem(JsonPointer.Append(pointer, OlderKeyword), "must list component schemas that are error bodies themselves (x-outlit-error)"));
                    }
                    else
                    {
                        older.Add((name, names.OfType<string>().ToList()));
                    }
                }
            }

            if (schema[IssueKeyword] is JsonNode issueRoles)
            {
                any |= EmitIssue(source, index, name, JsonPointer.Append(pointer, IssueKeyword), issueRoles, problems);
            }
        }

        if (bodies.Count > 0)
        {
            source.Line("// Every error body of the contract, for answers whose status or body the operation does not document.");
            source.Open("internal static class OutlitErrorBodyRegistration");
            source.Line("#pragma warning disable CA2255 // The catalog must know the generated error types before the first answer is read.");
            source.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            source.Line("#pragma warning restore CA2255");
            source.Open("internal static void Register()");
            source.Line($"global::Outlit.OutlitErrorBodyCatalog.Register({string.Join(", ", bodies.Select(b => $"typeof({b})"))});");
            foreach (var (body, earlier) in older)
            {
                source.Line($"global::Outlit.OutlitErrorBodyCatalog.RegisterOlder(typeof({body}), {string.Join(", ", earlier.Select(b => $"typeof({b})"))});");
            }

            source.Close();
            source.Close();
        }

        return any ? source.ToString() : null;
    }

    private static bool EmitError(CSharpSource source, GeneratedCodeIndex index, string className, string pointer, JsonNode roles, List<EmitProblem> problems)
    {
        var planCodes = new List<string>();
        var propertyRoles = roles;
        if (roles is JsonObject map && map.ContainsKey(PlanCodesKey))
        {
            if (map[PlanCodesKey] is JsonArray codes && codes.Select(NormalizationContext.StringValue).ToList() is var values && values.All(v => v is not null))
            {
                planCodes.AddRange(values!);
            }
            else
            {
                problems.Add(new EmitProblem(JsonPointer.Append(pointer, PlanCodesKey), "must be a list of code values"));
            }

            var copy = (JsonObject)map.DeepClone();
            copy.Remove(PlanCodesKey);
            propertyRoles = copy;
        }

        var resolved = Resolve(index, className, pointer, propertyRoles, ErrorRoles.Keys, problems);
        if (resolved is null)
        {
            return false;
        }

        if (planCodes.Count > 0 && !resolved.ContainsKey("code"))
        {
            problems.Add(new EmitProblem(JsonPointer.Append(pointer, PlanCodesKey), "plan codes need a code role to compare with"));
            return false;
        }

        source.Line("// From x-outlit-error: the roles the client's exceptions read from this error body.");
        source.Open($"partial class {className} : global::Outlit.IOutlitErrorBody");
        source.Open("global::Outlit.OutlitErrorFields global::Outlit.IOutlitErrorBody.GetErrorFields(global::System.Collections.Generic.IReadOnlySet<string> present) => new global::Outlit.OutlitErrorFields");
        foreach (var (role, properties) in resolved)
        {
            var (field, helper) = ErrorRoles[role];
            // A role counts only when the body had its property: a value type the server did not send (a bool read as
            // false) is not a value the server stated. A list role reads an absent list as empty already.
            source.Line($"{field} = {string.Join(" ?? ", properties.Select(p => field == "Details"
                ? $"global::Outlit.OutlitErrorFields.{helper}({p.Property})"
                : $"(present.Contains({CSharpSource.Literal(p.Json)}) ? global::Outlit.OutlitErrorFields.{helper}({p.Property}) : null)"))},");
        }

        if (planCodes.Count > 0)
        {
            var code = resolved["code"][0];
            source.Line($"PlanRefusal = present.Contains({CSharpSource.Literal(code.Json)}) && global::Outlit.OutlitErrorFields.IsOneOf(global::Outlit.OutlitErrorFields.Text({code.Property}), {string.Join(", ", planCodes.Select(CSharpSource.Literal))}),");
        }

        source.Close(";");
        source.Close();
        source.Line();
        return true;
    }

    private static bool EmitIssue(CSharpSource source, GeneratedCodeIndex index, string className, string pointer, JsonNode roles, List<EmitProblem> problems)
    {
        var indexOf = (roles as JsonObject)?[IndexOfKey] is JsonNode listNode ? NormalizationContext.StringValue(listNode) : null;
        var propertyRoles = roles;
        if (roles is JsonObject map && map.ContainsKey(IndexOfKey))
        {
            var copy = (JsonObject)map.DeepClone();
            copy.Remove(IndexOfKey);
            propertyRoles = copy;
        }

        var resolved = Resolve(index, className, pointer, propertyRoles, IssueRoles, problems);
        if (resolved is null)
        {
            return false;
        }

        if (resolved.ContainsKey("index") && (indexOf is null || resolved.ContainsKey("path")))
        {
            problems.Add(new EmitProblem(pointer, "an issue with an index role names the list it indexes (indexOf) and has no path role"));
            return false;
        }

        var path = resolved.TryGetValue("index", out var i) ? $"new object?[] {{ {CSharpSource.Literal(indexOf!)}, {i[0].Property} }}"
            : resolved.TryGetValue("path", out var p) ? p[0].Property : "null";
        var message = resolved.TryGetValue("message", out var m) ? m[0].Property : "null";
        source.Line("// From x-outlit-error-issue: how the client's exceptions list this validation problem.");
        source.Open($"partial class {className} : global::Outlit.IOutlitErrorIssue");
        source.Line($"global::Outlit.OutlitErrorDetail global::Outlit.IOutlitErrorIssue.ToDetail() => global::Outlit.OutlitErrorFields.Detail({path}, {message});");
        source.Close();
        source.Line();
        return true;
    }

    /// <summary>The C# properties of every role, in the contract's order; null (with problems) when the roles cannot be served.</summary>
    private static Dictionary<string, List<(string Property, string Json)>>? Resolve(GeneratedCodeIndex index, string className, string pointer, JsonNode roles, IEnumerable<string> known, List<EmitProblem> problems)
    {
        if (roles is not JsonObject map)
        {
            problems.Add(new EmitProblem(pointer, "must be an object mapping roles to property names"));
            return null;
        }

        if (!index.HasType(className))
        {
            problems.Add(new EmitProblem(pointer, $"the schema was not generated as a class named {className}"));
            return null;
        }

        var knownRoles = known.ToHashSet(StringComparer.Ordinal);
        var resolved = new Dictionary<string, List<(string Property, string Json)>>(StringComparer.Ordinal);
        var count = problems.Count;
        foreach (var (role, value) in map)
        {
            var rolePointer = JsonPointer.Append(pointer, role);
            if (!knownRoles.Contains(role))
            {
                problems.Add(new EmitProblem(rolePointer, $"unknown role; the roles are {string.Join(", ", knownRoles)}"));
                continue;
            }

            var names = value switch
            {
                JsonArray list => list.Select(NormalizationContext.StringValue).ToList(),
                _ => [NormalizationContext.StringValue(value)],
            };
            var properties = new List<(string Property, string Json)>();
            foreach (var name in names)
            {
                if (name is null)
                {
                    problems.Add(new EmitProblem(rolePointer, "must name a property (a string or a list of strings)"));
                }
                else if (index.Property(className, name) is { } property)
                {
                    properties.Add((property.Name, name));
                }
                else
                {
                    problems.Add(new EmitProblem(rolePointer, $"{className} has no property \"{name}\""));
                }
            }

            resolved[role] = properties;
        }

        return problems.Count == count ? resolved : null;
    }
}

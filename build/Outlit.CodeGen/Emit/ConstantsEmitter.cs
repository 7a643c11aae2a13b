using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>
/// Constants named in the contract (<c>x-outlit-constants</c>): on any node, a list of
/// <c>{class, name, keyword, summary, as?}</c> entries, each publishing the value of one keyword of that node (the
/// ingest batch's <c>maxItems</c>, the body limit, the public key's pattern) as a C# constant. The value is read
/// where the contract states it, so the constant and the schema cannot disagree.
/// </summary>
internal static class ConstantsEmitter
{
    public const string Keyword = "x-outlit-constants";

    private sealed record Constant(string Class, string Name, string Type, string Literal, string Summary);

    public static string? Emit(JsonObject document, string @namespace, List<EmitProblem> problems)
    {
        var constants = new List<Constant>();
        Walk(document, "", constants, problems);
        if (constants.Count == 0)
        {
            return null;
        }

        var source = new CSharpSource(@namespace, "the constants the contract names (x-outlit-constants).");
        foreach (var group in constants.GroupBy(c => c.Class, StringComparer.Ordinal))
        {
            source.Summary($"Values the contract states, each read from where the contract states it ({string.Join(", ", group.Select(c => c.Name))}).");
            source.Open($"public static partial class {group.Key}");
            var first = true;
            foreach (var constant in group)
            {
                if (!first)
                {
                    source.Line();
                }

                first = false;
                source.Summary(constant.Summary);
                source.Line($"public const {constant.Type} {constant.Name} = {constant.Literal};");
            }

            source.Close();
            source.Line();
        }

        return source.ToString();
    }

    private static void Walk(JsonNode? node, string pointer, List<Constant> constants, List<EmitProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj[Keyword] is { } entries)
                {
                    Read(obj, entries, JsonPointer.Append(pointer, Keyword), constants, problems);
                }

                foreach (var (key, child) in obj)
                {
                    if (key != Keyword)
                    {
                        Walk(child, JsonPointer.Append(pointer, key), constants, problems);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], JsonPointer.Append(pointer, i.ToString(CultureInfo.InvariantCulture)), constants, problems);
                }

                break;
        }
    }

    private static void Read(JsonObject owner, JsonNode entries, string pointer, List<Constant> constants, List<EmitProblem> problems)
    {
        if (entries is not JsonArray list)
        {
            problems.Add(new EmitProblem(pointer, "must be a list of {class, name, keyword, summary} entries"));
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var at = JsonPointer.Append(pointer, i.ToString(CultureInfo.InvariantCulture));
            var entry = list[i] as JsonObject;
            var @class = NormalizationContext.StringValue(entry?["class"]);
            var name = NormalizationContext.StringValue(entry?["name"]);
            var keyword = NormalizationContext.StringValue(entry?["keyword"]);
            var summary = NormalizationContext.StringValue(entry?["summary"]);
            if (@class is null || name is null || keyword is null || summary is null || !IsIdentifier(@class) || !IsIdentifier(name))
            {
                problems.Add(new EmitProblem(at, "needs class and name (C# identifiers), keyword and summary"));
                continue;
            }

            if (constants.Any(c => c.Class == @class && c.Name == name))
            {
                problems.Add(new EmitProblem(JsonPointer.Append(at, "name"), $"{@class}.{name} is named twice"));
                continue;
            }

            if (!owner.TryGetPropertyValue(keyword, out var value) || value is not JsonValue scalar)
            {
                problems.Add(new EmitProblem(JsonPointer.Append(at, "keyword"), $"the node has no scalar '{keyword}' to publish"));
                continue;
            }

            var typed = NormalizationContext.StringValue(entry!["as"]) switch
            {
                null => Typed(scalar),
                "literal-prefix" => LiteralPrefix(scalar),
                _ => null,
            };
            if (typed is not { } constant)
            {
                problems.Add(new EmitProblem(JsonPointer.Append(at, "keyword"), $"'{keyword}' cannot be published as a constant (with 'as': literal-prefix, it must be a pattern '^' followed by plain characters)"));
                continue;
            }

            constants.Add(new Constant(@class, name, constant.Type, constant.Literal, summary));
        }
    }

    private static (string Type, string Literal)? Typed(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => ("string", CSharpSource.Literal(value.GetValue<string>())),
        JsonValueKind.True or JsonValueKind.False => ("bool", value.GetValue<bool>() ? "true" : "false"),
        JsonValueKind.Number when value.TryGetValue<int>(out var i) => ("int", i.ToString(CultureInfo.InvariantCulture)),
        JsonValueKind.Number when value.TryGetValue<long>(out var l) => ("long", l.ToString(CultureInfo.InvariantCulture) + "L"),
        JsonValueKind.Number => ("double", value.GetValue<double>().ToString("R", CultureInfo.InvariantCulture)),
        _ => null,
    };

    /// <summary>The fixed start a pattern such as <c>^pk_</c> requires, when the pattern is nothing more.</summary>
    private static (string Type, string Literal)? LiteralPrefix(JsonValue value)
    {
        var pattern = NormalizationContext.StringValue(value);
        if (pattern is not { Length: > 1 } || pattern[0] != '^' || pattern[1..].Any(c => !char.IsLetterOrDigit(c) && c is not '_' and not '-'))
        {
            return null;
        }

        return ("string", CSharpSource.Literal(pattern[1..]));
    }

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}

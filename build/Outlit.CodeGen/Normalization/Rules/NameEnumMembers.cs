using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>
/// Gives the members of every string enum a C# name (<c>x-enumNames</c>, which NJsonSchema uses as is):
/// the value in Pascal case (<c>SLACK_CHANNEL</c> → <c>SlackChannel</c>), without a prefix every value shares
/// (<c>outlit_list_customers</c> → <c>ListCustomers</c>). Names the contract gives itself are kept. Two values
/// that would get the same name refuse the document, naming where the enum is.
/// </summary>
internal sealed partial class NameEnumMembers : INormalizationRule
{
    public const string NamesKeyword = "x-enumNames";

    public string Name => "Name enum members";

    public string Reason => "NJsonSchema keeps the wire spelling in member names (ToolName.Outlit_list_customers, SLACK_CHANNEL), and a name two values share would not compile.";

    public void Apply(NormalizationContext context)
    {
        var problems = new List<SpecProblem>();
        foreach (var visit in SchemaWalker.PostOrder(context.Document))
        {
            if (!visit.IsSchema || visit.Node["enum"] is not JsonArray members || members.Count == 0
                || !members.All(m => m?.GetValueKind() == JsonValueKind.String)
                || (visit.Node["type"] is JsonNode type && NormalizationContext.StringValue(type) != "string"))
            {
                continue;
            }

            var values = members.Select(m => m!.GetValue<string>()).ToList();
            var pointer = visit.Pointer;
            if (visit.Node[NamesKeyword] is JsonNode given)
            {
                var names = (given as JsonArray)?.Select(NormalizationContext.StringValue).ToList();
                if (names is null || names.Count != values.Count || names.Any(n => n is null || !Identifier().IsMatch(n)))
                {
                    problems.Add(new SpecProblem(JsonPointer.Append(pointer, NamesKeyword), $"must list one C# identifier per enum value ({values.Count})"));
                    continue;
                }

                ReportClashes(pointer, values, names!, problems);
                continue;
            }

            var derived = Derive(values);
            if (ReportClashes(pointer, values, derived, problems))
            {
                visit.Node[NamesKeyword] = new JsonArray(derived.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());
            }
        }

        if (problems.Count > 0)
        {
            throw new SpecRefusedException(problems);
        }
    }

    /// <summary>Member names for the values: without a shared prefix, in Pascal case.</summary>
    internal static List<string> Derive(IReadOnlyList<string> values)
    {
        var prefix = SharedPrefix(values);
        return values.Select(v => NormalizationContext.Pascal(v[prefix.Length..]) is { Length: > 0 } name ? name : "Empty").ToList();
    }

    /// <summary>
    /// The longest prefix all values share that ends at a separator and leaves every value a name of its own;
    /// empty for a single value, which has nothing to be told apart from.
    /// </summary>
    private static string SharedPrefix(IReadOnlyList<string> values)
    {
        if (values.Count < 2)
        {
            return string.Empty;
        }

        var first = values[0];
        var length = 0;
        while (length < first.Length && values.All(v => v.Length > length && v[length] == first[length]))
        {
            length++;
        }

        while (length > 0 && first[length - 1] is not ('_' or '-' or '.' or ':' or '/'))
        {
            length--;
        }

        var prefix = first[..length];
        return values.All(v => NormalizationContext.Pascal(v[prefix.Length..]).Length > 0) ? prefix : string.Empty;
    }

    private static bool ReportClashes(string pointer, IReadOnlyList<string> values, IReadOnlyList<string> names, List<SpecProblem> problems)
    {
        var clashes = names
            .Select((name, index) => (Name: name, Value: values[index]))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToList();
        foreach (var clash in clashes)
        {
            problems.Add(new SpecProblem(pointer, $"the enum values {string.Join(", ", clash.Select(c => "'" + c.Value + "'"))} would all be named '{clash.Key}' in C#; give the enum x-enumNames"));
        }

        return clashes.Count == 0;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}

using System.Text.Json.Nodes;
using Outlit.Build.CodeGen.Json;
using Outlit.Build.CodeGen.Normalization.Rules;

namespace Outlit.Build.CodeGen.Normalization;

/// <summary>What one rule changed in the document, by JSON pointer.</summary>
/// <param name="Name">The rule.</param>
/// <param name="Reason">Why the rule exists.</param>
/// <param name="Changes">Every place the rule changed, at the outermost pointer of each change.</param>
internal sealed record RuleReport(string Name, string Reason, IReadOnlyList<JsonChange> Changes);

/// <summary>The normalized document, what was done to its unions, and what each rule changed.</summary>
internal sealed record NormalizationResult(JsonObject Document, IReadOnlyList<UnionRecord> Unions, IReadOnlyList<RuleReport> Rules);

/// <summary>
/// Rewrites an OpenAPI 3.0/3.1 document into the OpenAPI 3.0 subset that NSwag 14 generates faithful C#
/// from, by applying <see cref="Rules"/> in order. Every rule keeps the set of JSON values a schema accepts
/// the same or wider, so generated code may be more lenient than the contract but never rejects a valid
/// payload. build/README.md lists the rules with their reasons; a test keeps that list and this one in step.
/// </summary>
internal static class SpecNormalizer
{
    /// <summary>Marker left on every schema that stands for a union, for readers of the intermediate.</summary>
    public const string UnionMarker = NormalizationContext.UnionMarker;

    /// <summary>
    /// The rules, in the order they run. Why each comes where it does:
    /// free-form objects go first so no later rule hoists or unions an empty component;
    /// the 3.1 keyword rewrite comes before unions so null branches are already folded into <c>nullable</c>;
    /// bodies are named before unions so a union inside a body is named after its operation;
    /// documented results are merged after bodies are named (readable branch names) and before unions, which render them;
    /// unions come before enums so the merged constants of a union's variants become one enum;
    /// aliases get a class once unions have created every component;
    /// enum members are named once every enum (including the merged constants of unions) has its final values;
    /// operations are grouped into clients after the schema rules, which never look at tags;
    /// the document is declared 3.0 at the very end, when nothing 3.1 is left.
    /// </summary>
    public static IReadOnlyList<INormalizationRule> Rules { get; } =
    [
        new InlineFreeFormObjects(),
        new RewriteJsonSchema2020Keywords(),
        new NameOperationBodies(),
        new MergeDocumentedResults(),
        new ResolveUnions(),
        new HoistInlineEnums(),
        new GiveAliasesAClass(),
        new NameEnumMembers(),
        new GroupOperationsIntoClients(),
        new DowngradeToOpenApi30(),
    ];

    /// <summary>Validates and normalizes a document given as JSON text.</summary>
    /// <exception cref="SpecRefusedException">The document is invalid.</exception>
    public static NormalizationResult Normalize(string json)
    {
        var document = SpecValidator.Parse(json);
        var problems = SpecValidator.Validate(document, json);
        if (problems.Count > 0)
        {
            throw new SpecRefusedException(problems);
        }

        var context = new NormalizationContext(document);
        var reports = new List<RuleReport>();
        foreach (var rule in Rules)
        {
            var before = document.DeepClone();
            rule.Apply(context);
            reports.Add(new RuleReport(rule.Name, rule.Reason, JsonDiff.Compare(before, document)));
        }

        // The rewrite must not have broken any reference; if it did, that is a bug here, not in the input.
        var introduced = SpecValidator.CheckReferences(document).ToList();
        if (introduced.Count > 0)
        {
            throw new InvalidOperationException("Normalization produced dangling references: " + string.Join("; ", introduced));
        }

        return new NormalizationResult(document, context.Unions, reports);
    }

    /// <summary>"outlit_list-customers v2" -> "OutlitListCustomersV2"; "SLACK_CHANNEL" -> "SlackChannel".</summary>
    public static string Pascal(string text) => NormalizationContext.Pascal(text);
}

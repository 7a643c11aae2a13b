namespace Outlit.Drift.Comparison;

/// <summary>How a difference affects clients built from the base document. Ordered from least to most severe.</summary>
public enum Severity
{
    /// <summary>Existing clients keep working: something was added.</summary>
    NonBreaking = 0,

    /// <summary>Existing clients keep working if they tolerate the change (for example an unknown enum value).</summary>
    Warning = 1,

    /// <summary>Existing clients can fail: requests they send are rejected or responses no longer match.</summary>
    Breaking = 2,

    /// <summary>A document is itself defective (for example a <c>$ref</c> to a schema that does not exist).</summary>
    Error = 3,
}

/// <summary>Which of the two compared documents a finding points into.</summary>
public enum DocumentSide
{
    /// <summary>The document the client was generated from.</summary>
    Base,

    /// <summary>The document being checked against it.</summary>
    Candidate,
}

/// <summary>One classified difference between two OpenAPI documents.</summary>
/// <param name="Severity">How the difference affects existing clients.</param>
/// <param name="RuleId">Stable, kebab-case identifier of the rule that produced the finding.</param>
/// <param name="Location">JSON pointer (in URI fragment form, starting with <c>#</c>) into <paramref name="Document"/>.</param>
/// <param name="Message">One line that says what changed.</param>
/// <param name="Document">The document <paramref name="Location"/> points into.</param>
public sealed record Finding(Severity Severity, string RuleId, string Location, string Message, DocumentSide Document);

/// <summary>Extension helpers for <see cref="Severity"/>.</summary>
public static class SeverityNames
{
    /// <summary>The lower-case name used in every output format: <c>breaking</c>, <c>warning</c>, <c>non-breaking</c> or <c>error</c>.</summary>
    /// <param name="severity">The severity to name.</param>
    /// <returns>The display name.</returns>
    public static string ToDisplayName(this Severity severity) => severity switch
    {
        Severity.NonBreaking => "non-breaking",
        Severity.Warning => "warning",
        Severity.Breaking => "breaking",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, null),
    };
}

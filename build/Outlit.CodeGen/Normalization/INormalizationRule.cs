namespace Outlit.Build.CodeGen.Normalization;

/// <summary>
/// One rewrite of the contract into the OpenAPI 3.0 subset NSwag generates faithful C# from. A rule keeps
/// the set of JSON values every schema accepts the same or makes it wider, never narrower.
/// </summary>
internal interface INormalizationRule
{
    /// <summary>The rule's name, as listed in build/README.md.</summary>
    string Name { get; }

    /// <summary>The NSwag failure (or the reader's confusion) the rule exists to prevent, in one sentence.</summary>
    string Reason { get; }

    /// <summary>Rewrites the document in place.</summary>
    void Apply(NormalizationContext context);
}

using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Normalization.Rules;

/// <summary>Declares the document OpenAPI 3.0.3 and removes the document-level members 3.0 does not have.</summary>
internal sealed class DowngradeToOpenApi30 : INormalizationRule
{
    public string Name => "Declare OpenAPI 3.0";

    public string Reason => "NSwag refuses or misreads a document that declares 3.1; every schema is already in its 3.0 form, so only the document-level members remain.";

    public void Apply(NormalizationContext context)
    {
        var document = context.Document;
        document["openapi"] = "3.0.3";
        document.Remove("jsonSchemaDialect");
        document.Remove("webhooks");
        if (document["info"] is JsonObject info)
        {
            info.Remove("summary");
            if (info["license"] is JsonObject license)
            {
                license.Remove("identifier");
            }
        }

        if (document["components"] is JsonObject components)
        {
            components.Remove("pathItems");
        }
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>A credential field a direct-setup provider needs in <c>config</c>.</summary>
internal sealed record CredentialField(string Key, string Label, bool Secret);

/// <summary>A follow-up step offered after connecting; <see cref="Token"/> is what the setup-step route takes.</summary>
internal sealed record PostConnectStep(string Id, string Token, bool Required);

/// <summary>One row of the public provider table.</summary>
internal sealed record Provider(
    string Id,
    string Name,
    string Category,
    string CliName,
    string? CredentialType,
    IReadOnlyList<CredentialField> RequiredFields,
    IReadOnlyList<PostConnectStep> Steps,
    IReadOnlyList<string> SyncModels)
{
    public bool IsDirect => CredentialType is not null;

    public JsonObject Capability()
    {
        var fields = new JsonArray();
        foreach (var field in RequiredFields)
        {
            fields.Add(new JsonObject { ["key"] = field.Key, ["label"] = field.Label, ["secret"] = field.Secret });
        }

        var steps = new JsonArray();
        foreach (var step in Steps)
        {
            steps.Add(new JsonObject
            {
                ["id"] = step.Id,
                ["required"] = step.Required,
                ["supported"] = true,
                ["command"] = $"outlit integrations setup {CliName} {step.Token}",
            });
        }

        return new JsonObject
        {
            ["cliName"] = CliName,
            ["providerId"] = Id,
            ["displayName"] = Name,
            ["category"] = Category,
            ["authType"] = IsDirect ? "api_key" : "oauth",
            ["connectSupported"] = true,
            ["notes"] = Steps.FirstOrDefault(s => s.Required) is { } required ? $"Run the {required.Token} step after connecting." : null,
            ["setupMode"] = IsDirect ? "direct_api_key" : "browser_session",
            ["credentialType"] = CredentialType,
            ["requiredFields"] = fields,
            ["commands"] = new JsonArray($"outlit integrations setup {CliName}"),
            ["postConnectSteps"] = steps,
        };
    }
}

/// <summary>How the integration tools connect a provider: a browser link, credentials in the call, or only a person elsewhere.</summary>
internal enum ToolSetup
{
    Browser,
    Credentials,
    Person,
}

/// <summary>A provider as the integration tools see it; <see cref="Mapping"/> names the step that follows connecting, if any.</summary>
internal sealed record ToolProvider(Provider Provider, string AuthType, ToolSetup Setup, string? Mapping);

/// <summary>
/// The providers currently enabled for public use, in the order of the provider table of the
/// integration documentation, with their setup modes and direct-config fields.
/// </summary>
internal static class Providers
{
    private static readonly CredentialField ApiKey = new("apiKey", "API Key", true);
    private static readonly PostConnectStep Mappings = new("mappings", "mappings", true);

    public static IReadOnlyList<Provider> All { get; } =
    [
        new("hubspot", "HubSpot", "crm", "hubspot", null, [], [Mappings], ["HubSpotCompany", "HubSpotContact", "HubSpotDeal"]),
        new("attio", "Attio", "crm", "attio", null, [], [Mappings], ["AttioCompany", "AttioPerson", "AttioDeal"]),
        new("slack", "Slack", "communication", "slack", null, [], [], ["SlackChannel", "SlackMessage"]),
        new("fireflies", "Fireflies.ai", "calls", "fireflies", "api_key", [ApiKey],
            [new("webhook-setup", "webhooks", false)], ["FirefliesTranscript"]),
        new("granola", "Granola", "calls", "granola", "api_key", [ApiKey], [], ["GranolaNote"]),
        new("google-calendar", "Google Calendar", "calendar", "google-calendar", null, [], [], ["CalendarEvent"]),
        new("google-mail", "Gmail", "communication", "gmail", null, [], [], ["EmailThread", "EmailMessage"]),
        new("posthog", "PostHog", "analytics", "posthog", "api_key",
            [ApiKey, new("region", "Region", false), new("projectId", "Project ID", false)], [], ["PostHogPerson", "PostHogEvent"]),
        new("stripe", "Stripe", "billing", "stripe", "api_key", [ApiKey],
            [new("webhook-setup", "webhooks", false)], ["StripeCustomer", "StripeSubscription", "StripeInvoice"]),
        new("supabase", "Supabase Auth", "analytics", "supabase", "service_role_key",
            [new("projectUrl", "Project URL", false), new("serviceRoleKey", "Service Role Key", true)], [], ["SupabaseUser"]),
        new("clerk", "Clerk", "analytics", "clerk", "secret_key", [new("secretKey", "Secret Key", true)], [], ["ClerkUser", "ClerkOrganization"]),
        new("pylon", "Pylon", "support", "pylon", "api_token", [new("apiToken", "API Token", true)],
            [new("webhook-setup", "webhooks", true)], ["PylonIssue", "PylonAccount"]),
    ];

    /// <summary>
    /// Providers the integration tools can set up but the REST integration routes do not list; their connections
    /// live beside the others and show only through the tools.
    /// </summary>
    public static IReadOnlyList<Provider> ToolOnly { get; } =
    [
        new("salesforce", "Salesforce", "crm", "salesforce", null, [], [Mappings], ["SalesforceAccount", "SalesforceOpportunity"]),
        new("gong", "Gong", "calls", "gong", null, [], [], ["GongCall"]),
        new("mixpanel", "Mixpanel", "analytics", "mixpanel", "basic_auth",
            [new("username", "Service Account Username", false), new("secret", "Service Account Secret", true),
             new("projectId", "Project ID", false), new("region", "Region", false)], [], ["MixpanelEvent"]),
    ];

    /// <summary>
    /// How the integration tools set up each provider they know, in the order of the contract's tool provider list.
    /// Stripe hands out a browser link by default and also takes a restricted key.
    /// </summary>
    public static IReadOnlyList<ToolProvider> ForTools { get; } =
    [
        Tool("salesforce", "oauth", ToolSetup.Browser, "crm_mapping"),
        Tool("hubspot", "oauth", ToolSetup.Browser, "crm_mapping"),
        Tool("attio", "oauth", ToolSetup.Browser, "crm_mapping"),
        Tool("slack", "oauth", ToolSetup.Browser, null),
        Tool("google-calendar", "oauth", ToolSetup.Browser, null),
        Tool("google-mail", "oauth", ToolSetup.Browser, null),
        Tool("granola", "api_key", ToolSetup.Credentials, null),
        Tool("gong", "oauth", ToolSetup.Browser, null),
        Tool("fireflies", "api_key", ToolSetup.Credentials, null),
        Tool("pylon", "api_key", ToolSetup.Credentials, null),
        Tool("stripe", "oauth", ToolSetup.Browser, null),
        Tool("mixpanel", "basic_auth", ToolSetup.Credentials, "mixpanel_mapping"),
        Tool("posthog", "api_key", ToolSetup.Credentials, null),
        Tool("supabase", "api_key", ToolSetup.Person, null),
        Tool("clerk", "api_key", ToolSetup.Person, null),
    ];

    /// <summary>Finds a provider of the integration tools by ID or CLI alias.</summary>
    public static ToolProvider? ForTool(string? id) =>
        ForTools.FirstOrDefault(t => t.Provider.Id == id) ?? ForTools.FirstOrDefault(t => t.Provider.CliName == id);

    private static ToolProvider Tool(string id, string authType, ToolSetup setup, string? mapping) =>
        new(ById(id) ?? ToolOnly.First(p => p.Id == id), authType, setup, mapping);

    /// <summary>Finds a provider by its public ID only, as the connect, disconnect and status routes do.</summary>
    public static Provider? ById(string? id) => All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>Finds a provider by public ID or CLI alias (<c>gmail</c>), as the capabilities route does.</summary>
    public static Provider? ByIdOrAlias(string? id) =>
        ById(id) ?? All.FirstOrDefault(p => string.Equals(p.CliName, id, StringComparison.Ordinal));
}

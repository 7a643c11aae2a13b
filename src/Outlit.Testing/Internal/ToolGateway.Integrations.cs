using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>
/// The integration tools. What is connected lives in the server (<see cref="IIntegrationHost"/>), so a provider
/// connected through the REST routes shows here and one connected here shows there; browser sessions are the REST
/// connect sessions, polled the same way.
/// </summary>
internal sealed partial class ToolGateway
{
    /// <summary>The providers an input's optional <c>provider</c> names: all the tools offer, or the one named.</summary>
    private static bool TrySelectProviders(JsonObject input, out IEnumerable<ToolProvider> providers, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ToolResult? unknown)
    {
        providers = Providers.ForTools;
        unknown = null;
        if (Str(input, "provider") is { } requested)
        {
            if (Providers.ForTool(requested) is not { } one)
            {
                unknown = ToolResult.NotFound("Provider", "provider", requested);
                return false;
            }

            providers = [one];
        }

        return true;
    }

    private ToolResult GetIntegrationCapabilities(JsonObject input)
    {
        if (!TrySelectProviders(input, out var providers, out var unknown))
        {
            return unknown;
        }

        return ToolResult.Ok(new JsonObject
        {
            ["providers"] = new JsonArray(providers.Select(t => (JsonNode)new JsonObject
            {
                ["provider"] = t.Provider.Id,
                ["name"] = t.Provider.Name,
                ["category"] = t.Provider.Category,
                ["authType"] = t.AuthType,
                ["setupMode"] = t.Setup == ToolSetup.Browser ? "browser_handoff" : "human_controlled",
                ["browserHandoffAvailable"] = t.Setup == ToolSetup.Browser,
            }).ToArray()),
            ["preferredSetupVersion"] = 1,
        });
    }

    private ToolResult GetIntegrationStatus(JsonObject input)
    {
        if (!TrySelectProviders(input, out var providers, out var unknown))
        {
            return unknown;
        }

        return ToolResult.Ok(new JsonObject
        {
            ["integrations"] = new JsonArray(providers.Select(t => (JsonNode)new JsonObject
            {
                ["provider"] = t.Provider.Id,
                ["name"] = t.Provider.Name,
                ["category"] = t.Provider.Category,
                ["status"] = ToolStatus(t),
            }).ToArray()),
        });
    }

    /// <summary>Connected providers that still need their mapping are <c>setup_required</c>; one with an open browser session is <c>awaiting_auth</c>.</summary>
    private string ToolStatus(ToolProvider t)
    {
        var view = integrations.View(t.Provider);
        if (view.Connected)
        {
            return t.Mapping is not null && !view.Mapped ? "setup_required" : "ready";
        }

        return view.AwaitingAuth ? "awaiting_auth" : "not_connected";
    }

    private ToolResult BeginIntegrationSetup(JsonObject input)
    {
        var requested = Str(input, "provider")!;
        if (Providers.ForTool(requested) is not { } t)
        {
            return ToolResult.NotFound("Provider", "provider", requested);
        }

        if (!integrations.View(t.Provider).Connected && t.Setup != ToolSetup.Browser)
        {
            return ToolResult.Unprocessable($"provider: {t.Provider.Name} has no browser setup; it is connected with its credentials");
        }

        var handoff = integrations.BeginHandoff(t.Provider);
        return ToolResult.Ok(new JsonObject
        {
            ["provider"] = t.Provider.Id,
            ["state"] = handoff.SessionId is null ? "already_connected" : "handoff_ready",
            ["sessionId"] = handoff.SessionId,
            ["connectUrl"] = handoff.ConnectUrl?.ToString(),
            ["expiresAt"] = Ts(handoff.ExpiresAt),
        });
    }

    private ToolResult GetIntegrationSetupStatus(JsonObject input)
    {
        var sessionId = Str(input, "sessionId")!;
        if (integrations.PollSession(sessionId.ToLowerInvariant()) is not { } session)
        {
            return ToolResult.NotFound("Setup session", "sessionId", sessionId);
        }

        return ToolResult.Ok(new JsonObject { ["provider"] = session.ProviderId, ["status"] = session.Status });
    }

    private ToolResult? SetupIntegration(JsonObject input)
    {
        if (Providers.ForTool(Str(input, "provider")) is not { } t)
        {
            // A provider the contract added after this table: its answer is made up.
            return null;
        }

        var provider = t.Provider;
        var credentials = input["credentials"] as JsonObject;
        var configuration = input["configuration"] as JsonObject;
        var restrictedKey = Str(input, "connectionMode") == "restricted_key";
        JsonObject? next = null;
        JsonObject? error = null;

        if (!integrations.View(provider).Connected)
        {
            if (credentials is not null)
            {
                // The credentials are checked by the input schema only, then dropped, as the connect route does.
                if (integrations.ConnectWithCredentials(provider) is { } refusal)
                {
                    error = SetupError("OWNER_REQUIRED", refusal + " A workspace owner has to change the plan.", retryable: false);
                }
            }
            else if (t.Setup == ToolSetup.Browser && !restrictedKey)
            {
                var handoff = integrations.BeginHandoff(provider);
                if (handoff.SessionId is not null)
                {
                    next = new JsonObject
                    {
                        ["kind"] = "browser_handoff",
                        ["purpose"] = "authentication",
                        ["url"] = handoff.ConnectUrl!.ToString(),
                        ["sessionId"] = handoff.SessionId,
                        ["expiresAt"] = Ts(handoff.ExpiresAt),
                    };
                }
            }
            else if (t.Setup == ToolSetup.Person)
            {
                error = SetupError("HANDOFF_UNAVAILABLE", $"{provider.Name} is connected by a person in Outlit, with a key the tools do not take.", retryable: false);
            }
            else
            {
                error = SetupError("CREDENTIAL_REQUIRED", $"{provider.Name} needs its credentials in this call.", retryable: false);
            }
        }

        var connected = integrations.View(provider).Connected;
        if (configuration is not null)
        {
            if (connected)
            {
                integrations.MarkMapped(provider);
            }
            else
            {
                error ??= SetupError("CREDENTIAL_REQUIRED", $"Connect {provider.Name} before sending its mapping.", retryable: true);
            }
        }

        var status = ToolStatus(t);
        if (status == "setup_required" && next is null)
        {
            next = t.Mapping == "mixpanel_mapping" ? MixpanelMappingStep() : CrmMappingStep();
        }

        return ToolResult.Ok(new JsonObject
        {
            ["provider"] = provider.Id,
            ["name"] = provider.Name,
            ["category"] = provider.Category,
            ["status"] = status,
            ["next"] = next,
            ["error"] = error,
        });
    }

    private static JsonObject SetupError(string code, string message, bool retryable) =>
        new() { ["code"] = code, ["message"] = message, ["retryable"] = retryable };

    /// <summary>The pipeline the CRM setup step of the REST routes offers, matched to Outlit's deal stages.</summary>
    private static JsonObject CrmMappingStep()
    {
        static JsonObject Stage(string outlit, params (string Id, string Name)[] crm) => new()
        {
            ["outlitStage"] = outlit,
            ["crmStages"] = new JsonArray(crm.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name }).ToArray()),
        };

        return new JsonObject
        {
            ["kind"] = "crm_mapping",
            ["recommendation"] = new JsonArray(new JsonObject
            {
                ["pipelineId"] = "default",
                ["pipelineName"] = "Sales pipeline",
                ["mappings"] = new JsonArray(
                    Stage("Created", ("qualified", "Qualified")),
                    Stage("Quoting", ("proposal", "Proposal")),
                    Stage("Negotiation"),
                    Stage("Won", ("closedwon", "Closed won")),
                    Stage("Lost", ("closedlost", "Closed lost"))),
            }),
        };
    }

    private JsonObject MixpanelMappingStep()
    {
        var matched = Math.Min(data.Customers.Count, 40);
        return new JsonObject
        {
            ["kind"] = "mixpanel_mapping",
            ["preview"] = new JsonObject
            {
                ["sampleSize"] = 500,
                ["sampleWindowStartAt"] = Ts(now.AddDays(-7)),
                ["sampleWindowEndAt"] = Ts(now),
                ["accountKeyCoveragePct"] = 82.4,
                ["emailOrDomainCoveragePct"] = 64.0,
                ["unmappedPct"] = 17.6,
                ["matchedCustomerCount"] = matched,
                ["opaqueOnlyUnmappedCount"] = 12,
                ["candidateAccountKeys"] = new JsonArray(
                    new JsonObject { ["key"] = "company_id", ["count"] = 412, ["coveragePct"] = 82.4 },
                    new JsonObject { ["key"] = "workspace_id", ["count"] = 288, ["coveragePct"] = 57.6 }),
                ["unmappedReasons"] = new JsonArray(
                    new JsonObject { ["reason"] = "missing_account_key", ["count"] = 76 },
                    new JsonObject { ["reason"] = "no_matching_customer", ["count"] = 12 }),
                ["warnings"] = new JsonArray(),
            },
        };
    }
}

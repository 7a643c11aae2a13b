using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Outlit.Testing.Internal;

/// <summary>The outcome of a tool call: a status and the JSON body to send.</summary>
internal sealed record ToolResult(int Status, JsonObject Body)
{
    public static ToolResult Ok(JsonObject body) => new(200, body);

    /// <summary>An input the tool refuses: the gateway's envelope, with each problem's path in the message.</summary>
    public static ToolResult Invalid(IEnumerable<Issue> issues) =>
        new(400, OutlitMockServer.GatewayError("INVALID_TOOL_INPUT", Describe(issues), retryable: false));

    public static ToolResult Invalid(string path, string message) => Invalid([new Issue([path], message)]);

    /// <summary>A record the input names does not exist (the gateway documents 404).</summary>
    public static ToolResult NotFound(string what, string path, string value) =>
        new(404, OutlitMockServer.GatewayError("INVALID_TOOL_INPUT", $"{what} not found: {path}: no {what.ToLowerInvariant()} matches \"{value}\"", retryable: false));

    /// <summary>The input is well formed but cannot be applied to the current state (422).</summary>
    public static ToolResult Unprocessable(string message) =>
        new(422, OutlitMockServer.GatewayError("INVALID_TOOL_INPUT", message, retryable: false));

    /// <summary>The change conflicts with the state of the record (409).</summary>
    public static ToolResult Conflict(string message) =>
        new(409, OutlitMockServer.GatewayError("TOOL_IMPLEMENTATION_ERROR", message, retryable: false));

    private static string Describe(IEnumerable<Issue> issues) =>
        string.Join("; ", issues.Select(i => i.Path.Count == 0 ? i.Message : $"{string.Join('.', i.Path)}: {i.Message}"));
}

/// <summary>
/// The public tool gateway. Which tools exist, their inputs and outputs, and how they page come from the contract
/// (<see cref="ToolCatalog"/>); every input is checked against the tool's input schema before it runs. A tool with a
/// hand-written fake below answers from the seeded <see cref="FakeCustomerBase"/>; any other tool of the contract
/// answers data made up from its output schema, the same for the same seed and input.
/// </summary>
internal sealed partial class ToolGateway
{
    private readonly FakeCustomerBase data;
    private readonly DateTimeOffset now;
    private readonly ContractSchemas contract;
    private readonly ToolCatalog catalog;
    private readonly SchemaInstanceGenerator generator;
    private readonly int seed;
    private readonly Dictionary<string, Func<JsonObject, ToolResult?>> fakes;
    private readonly Lazy<Dictionary<string, string>> aliases;
    private readonly IIntegrationHost integrations;

    // Fakes run one at a time: the stateful ones read and change the same workspace (destinations, owners,
    // settings ...), and requests arrive concurrently.
    private readonly object state = new();
    private readonly Random ids;

    public ToolGateway(FakeCustomerBase data, DateTimeOffset asOf, ContractSchemas contract, int seed, Func<JsonObject, string> notify, IIntegrationHost integrations)
    {
        this.data = data;
        this.integrations = integrations;
        ids = new Random(seed);
        now = asOf;
        this.contract = contract;
        this.seed = seed;
        catalog = ToolCatalog.Read(contract.Document);
        generator = new SchemaInstanceGenerator(contract.Document, asOf);
        aliases = new Lazy<Dictionary<string, string>>(() => contract.Aliases());

        // CUSTOM: the fakes are the mock's behaviour over its fake data, keyed by the tool they stand in for. A fake
        // whose tool the contract no longer lists is simply never called.
        fakes = new Dictionary<string, Func<JsonObject, ToolResult?>>(StringComparer.Ordinal)
        {
            ["outlit_list_customers"] = ListCustomers,
            ["outlit_list_users"] = ListUsers,
            ["outlit_list_workspace_users"] = ListWorkspaceUsers,
            ["outlit_get_customer"] = GetCustomer,
            ["outlit_get_timeline"] = GetTimeline,
            ["outlit_list_facts"] = ListFacts,
            ["outlit_get_fact"] = GetFact,
            ["outlit_get_source"] = GetSource,
            ["outlit_list_sources"] = ListSources,
            ["outlit_search_customer_context"] = Search,
            ["outlit_query"] = Query,
            ["outlit_schema"] = Schema,
            ["outlit_send_notification"] = input => SendNotification(input, notify),
            ["outlit_list_destinations"] = ListDestinations,
            ["outlit_get_destination"] = GetDestination,
            ["outlit_create_destination"] = CreateDestination,
            ["outlit_update_destination"] = UpdateDestination,
            ["outlit_enable_destination"] = input => SetDestinationEnabled(input, enabled: true),
            ["outlit_disable_destination"] = input => SetDestinationEnabled(input, enabled: false),
            ["outlit_archive_destination"] = ArchiveDestination,
            ["outlit_list_features"] = ListFeatures,
            ["outlit_create_feature"] = CreateFeature,
            ["outlit_archive_feature"] = ArchiveFeature,
            ["outlit_get_customer_features"] = GetCustomerFeatures,
            ["outlit_get_customer_relationship"] = GetCustomerRelationship,
            ["outlit_assign_customer_owner"] = AssignCustomerOwner,
            ["outlit_grant_customer_access"] = GrantCustomerAccess,
            ["outlit_update_customer_access"] = UpdateCustomerAccess,
            ["outlit_revoke_customer_access"] = RevokeCustomerAccess,
            ["outlit_get_customer_activation"] = GetCustomerActivation,
            ["outlit_preview_customer_activation"] = PreviewCustomerActivation,
            ["outlit_update_customer_activation"] = UpdateCustomerActivation,
            ["outlit_get_workspace_settings"] = GetWorkspaceSettings,
            ["outlit_update_workspace_settings"] = UpdateWorkspaceSettings,
            ["outlit_list_attention_items"] = ListAttentionItems,
            ["outlit_get_attention_item"] = GetAttentionItem,
            ["outlit_get_integration_capabilities"] = GetIntegrationCapabilities,
            ["outlit_begin_integration_setup"] = BeginIntegrationSetup,
            ["outlit_get_integration_setup_status"] = GetIntegrationSetupStatus,
            ["outlit_get_integration_status"] = GetIntegrationStatus,
            ["outlit_setup_integration"] = SetupIntegration,
        };
        destinations = SeedDestinations();
        (metricSources, features) = SeedFeatures();
        attention = SeedAttention();
    }

    /// <summary>Makes up data valid against the contract's schemas, for answers the fakes do not write themselves.</summary>
    public SchemaInstanceGenerator Generator => generator;

    /// <summary>The tools served: those of the contract.</summary>
    public IReadOnlyCollection<string> ToolNames => catalog.Names;

    /// <summary>Why the contract's tool list could not be read whole; null when it could.</summary>
    public string? CatalogProblem => catalog.Problem;

    /// <summary>True when a hand-written fake answers <paramref name="tool"/>; otherwise its answers are made up from its schema.</summary>
    public bool HasFake(string tool) => fakes.ContainsKey(tool) && catalog.Find(tool) is not null;

    /// <summary>Runs <paramref name="tool"/>, which must be one of <see cref="ToolNames"/>.</summary>
    public ToolResult Call(string tool, JsonObject input)
    {
        var entry = catalog.Find(tool) ?? throw new ArgumentException("Not a tool of the contract: " + tool, nameof(tool));
        var issues = contract.Validate(entry.InputSchema, input);
        if (issues.Count > 0)
        {
            return ToolResult.Invalid(issues);
        }

        // A fake answers null for an input outside its data (a value the contract added later): made up, too.
        ToolResult? faked = null;
        if (fakes.TryGetValue(tool, out var fake))
        {
            lock (state)
            {
                faked = fake(input);
            }
        }

        var result = faked ?? MadeUp(entry, input);
        if (result.Status == 200 && entry.OutputSchema is { } output)
        {
            // A fake writes what it knows; anything the contract requires beyond that (added later) is made up, so
            // the answer stays valid against the contract the mock follows.
            generator.Complete(generator.ComponentSchema(output), result.Body, RandomFor(tool, input));
        }

        return result;
    }

    /// <summary>The answer of a tool without a fake: its output schema's example, or data drawn from the schema.</summary>
    private ToolResult MadeUp(CatalogTool tool, JsonObject input)
    {
        if (tool.OutputSchema is not { } output)
        {
            // The contract does not say what the tool answers: an empty object claims nothing.
            return ToolResult.Ok([]);
        }

        var random = RandomFor(tool.Name, input);
        var body = generator.Component(output, random) as JsonObject ?? [];
        if (tool.ItemsProperty is not { } itemsKey || catalog.Paging is null)
        {
            return ToolResult.Ok(body);
        }

        // A paged tool pages through a fixed made-up list, so following its cursor ends and sees every item once.
        var itemSchema = generator.Flatten(generator.ComponentSchema(output))?["properties"]?[itemsKey]?["items"];
        var listRandom = RandomFor(tool.Name, null);
        var all = Enumerable.Range(0, 5 + listRandom.Next(8)).Select(_ => generator.Generate(itemSchema, listRandom, 1)).ToList();
        var page = Page(tool.Name, input, all, item => item?.DeepClone() as JsonObject ?? []);
        if (page.Status != 200)
        {
            return page;
        }

        foreach (var (key, value) in page.Body.ToList())
        {
            page.Body.Remove(key);
            body[key] = value;
        }

        return ToolResult.Ok(body);
    }

    /// <summary>Draws that depend on the seed, the tool and its input (the cursor and page size aside), and nothing else.</summary>
    private Random RandomFor(string tool, JsonObject? input)
    {
        var key = new System.Text.StringBuilder().Append(seed).Append('|').Append(tool);
        if (input is not null)
        {
            foreach (var (name, value) in input.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (name != catalog.Paging?.Cursor && name != catalog.Paging?.PageSize)
                {
                    key.Append('|').Append(name).Append('=').Append(value?.ToJsonString());
                }
            }
        }

        // FNV-1a: string.GetHashCode differs from one process to the next, and the data must not.
        var hash = 2166136261u;
        foreach (var c in key.ToString())
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random((int)hash);
    }

    // ---- customers, users, workspace users ----------------------------------------------------

    /// <summary>Applies the shared <c>hasActivityInLast</c> / <c>noActivityInLast</c> filters of the list tools.</summary>
    private IEnumerable<T> FilterByActivity<T>(IEnumerable<T> items, JsonObject input, Func<T, DateTimeOffset?> lastActivity)
    {
        if (Str(input, "hasActivityInLast") is { } has)
        {
            var since = now - Window(has);
            items = items.Where(item => lastActivity(item) >= since);
        }

        if (Str(input, "noActivityInLast") is { } none)
        {
            var since = now - Window(none);
            items = items.Where(item => lastActivity(item) is not { } last || last < since);
        }

        return items;
    }

    private ToolResult ListCustomers(JsonObject input)
    {
        IEnumerable<Customer> items = data.Customers;
        if (Str(input, "billingStatus") is { } billing)
        {
            items = items.Where(c => c.BillingStatus == billing);
        }

        items = FilterByActivity(items, input, c => c.LastActivityAt);

        if (Num(input, "mrrAbove") is { } above)
        {
            items = items.Where(c => c.CurrentMrr > above);
        }

        if (Num(input, "mrrBelow") is { } below)
        {
            items = items.Where(c => c.CurrentMrr < below);
        }

        if (input["traitFilters"] is JsonObject traits)
        {
            items = items.Where(c => MatchesTraits(c.Traits, traits));
        }

        if (Str(input, "search") is { } search)
        {
            items = items.Where(c => Contains(c.Name, search) || Contains(c.Domain, search));
        }

        if (Str(input, "ownerId") is { } ownerId)
        {
            items = items.Where(c => OwnerOf(c)?.Id == ownerId);
        }

        if (Str(input, "ownerEmail") is { } ownerEmail)
        {
            items = items.Where(c => string.Equals(OwnerOf(c)?.Email, ownerEmail, StringComparison.OrdinalIgnoreCase));
        }

        if (Bool(input, "hasOwner") is { } hasOwner)
        {
            items = items.Where(c => (OwnerOf(c) is not null) == hasOwner);
        }

        Func<Customer, IComparable?> key = (Str(input, "orderBy") ?? "last_activity_at") switch
        {
            "first_seen_at" => c => c.FirstSeenAt,
            "name" => c => c.Name.ToLowerInvariant(),
            "mrr_cents" => c => c.CurrentMrr,
            _ => c => c.LastActivityAt,
        };
        var sorted = Sort(items, key, Descending(input), c => c.Id);
        return Page("outlit_list_customers", input, sorted, CustomerSummary);
    }

    private JsonObject CustomerSummary(Customer c) => new()
    {
        ["id"] = c.Id,
        ["name"] = c.Name,
        ["domain"] = c.Domain,
        ["billingStatus"] = c.BillingStatus,
        ["activatedAt"] = Ts(c.ActivatedAt),
        ["firstSeenAt"] = Ts(c.FirstSeenAt),
        ["lastActivityAt"] = Ts(c.LastActivityAt),
        ["contactCount"] = data.ContactCounts.GetValueOrDefault(c.Id),
        ["currentMrr"] = c.CurrentMrr,
        ["mrrCalculationStatus"] = c.CurrentMrr is null ? "unavailable" : "calculated",
        ["owner"] = Owner(OwnerOf(c)),
        ["daysSinceActivity"] = DaysSince(c.LastActivityAt),
    };

    private static JsonObject? Owner(WorkspaceUser? owner) =>
        owner is null ? null : new JsonObject { ["id"] = owner.Id, ["email"] = owner.Email, ["name"] = owner.Name };

    private ToolResult ListUsers(JsonObject input)
    {
        IEnumerable<Person> items = data.Users;
        if (Str(input, "journeyStage") is { } stage)
        {
            items = items.Where(u => u.JourneyStage == stage);
        }

        if (Str(input, "customerId") is { } customerId)
        {
            items = items.Where(u => u.CustomerId == customerId);
        }

        if (input["traitFilters"] is JsonObject traits)
        {
            items = items.Where(u => MatchesTraits(u.Traits, traits));
        }

        items = FilterByActivity(items, input, u => u.LastActivityAt);

        if (Str(input, "search") is { } search)
        {
            items = items.Where(u => Contains(u.Email, search) || Contains(u.Name, search));
        }

        Func<Person, IComparable?> key = (Str(input, "orderBy") ?? "last_activity_at") switch
        {
            "first_seen_at" => u => u.FirstSeenAt,
            "email" => u => u.Email,
            _ => u => u.LastActivityAt,
        };
        var customers = data.CustomersById;
        var sorted = Sort(items, key, Descending(input), u => u.Id);
        return Page("outlit_list_users", input, sorted, u => new JsonObject
        {
            ["id"] = u.Id,
            ["email"] = u.Email,
            ["name"] = u.Name,
            ["customerId"] = u.CustomerId,
            ["customerName"] = customers[u.CustomerId].Name,
            ["customerDomain"] = customers[u.CustomerId].Domain,
            ["journeyStage"] = u.JourneyStage,
            ["lastActivityAt"] = Ts(u.LastActivityAt),
            ["daysSinceActivity"] = DaysSince(u.LastActivityAt),
        });
    }

    private ToolResult ListWorkspaceUsers(JsonObject input)
    {
        var owned = data.Customers.Select(OwnerOf).OfType<WorkspaceUser>().GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Count());
        int Owned(WorkspaceUser u) => owned.GetValueOrDefault(u.Id);
        IEnumerable<WorkspaceUser> items = data.WorkspaceUsers;
        if (Str(input, "search") is { } search)
        {
            items = items.Where(u => Contains(u.Name, search) || Contains(u.Email, search) || Contains(u.Title, search)
                || Contains(u.Role, search) || Contains(u.Territory, search));
        }

        if (Str(input, "role") is { } role)
        {
            items = items.Where(u => string.Equals(u.Role, role, StringComparison.OrdinalIgnoreCase));
        }

        if (Str(input, "managerEmail") is { } manager)
        {
            items = items.Where(u => string.Equals(u.ManagerEmail, manager, StringComparison.OrdinalIgnoreCase));
        }

        if (Bool(input, "hasOwnedCustomers") is true)
        {
            items = items.Where(u => Owned(u) > 0);
        }

        Func<WorkspaceUser, IComparable?> key = (Str(input, "orderBy") ?? "owned_customer_count") switch
        {
            "name" => u => u.Name,
            "email" => u => u.Email,
            _ => u => Owned(u),
        };
        var sorted = Sort(items, key, Descending(input), u => u.Id);
        return Page("outlit_list_workspace_users", input, sorted, u => new JsonObject
        {
            ["id"] = u.Id,
            ["email"] = u.Email,
            ["name"] = u.Name,
            ["title"] = u.Title,
            ["role"] = u.Role,
            ["managerEmail"] = u.ManagerEmail,
            ["territory"] = u.Territory,
            ["linkedinUrl"] = u.LinkedinUrl,
            ["ownedCustomerCount"] = Owned(u),
        });
    }

    private ToolResult GetCustomer(JsonObject input)
    {
        var requested = Str(input, "customer")!;
        if (FindCustomer(requested) is not { } c)
        {
            return ToolResult.NotFound("Customer", "customer", requested);
        }

        var since = now - Window(Str(input, "timeframe") ?? "30d");
        var include = (input["include"] as JsonArray ?? []).Select(n => n!.GetValue<string>()).ToHashSet();
        var result = new JsonObject
        {
            ["customer"] = new JsonObject
            {
                ["id"] = c.Id,
                ["name"] = c.Name,
                ["domain"] = c.Domain,
                ["billingStatus"] = c.BillingStatus,
                ["activatedAt"] = Ts(c.ActivatedAt),
                ["firstSeenAt"] = Ts(c.FirstSeenAt),
                ["lastActivityAt"] = Ts(c.LastActivityAt),
                ["owner"] = Owner(OwnerOf(c)),
            },
        };
        var users = data.Users.Where(u => u.CustomerId == c.Id).ToList();
        var events = data.Timeline.Where(e => e.CustomerId == c.Id && e.OccurredAt >= since).OrderByDescending(e => e.OccurredAt).ToList();
        if (include.Contains("users"))
        {
            result["users"] = new JsonArray(users.Select(u => (JsonNode)new JsonObject
            {
                ["id"] = u.Id,
                ["email"] = u.Email,
                ["name"] = u.Name,
                ["journeyStage"] = u.JourneyStage,
                ["lastActivityAt"] = Ts(u.LastActivityAt),
            }).ToArray());
        }

        if (include.Contains("revenue"))
        {
            result["revenue"] = new JsonObject
            {
                ["currentMrr"] = c.CurrentMrr,
                ["mrrCalculationStatus"] = c.CurrentMrr is null ? "unavailable" : "calculated",
                ["lifetimeRevenue"] = c.LifetimeRevenue,
                ["activeSubscriptions"] = c.ActiveSubscriptions,
            };
        }

        if (include.Contains("recentTimeline"))
        {
            result["recentTimeline"] = new JsonArray(events.Take(20).Select(e => (JsonNode)new JsonObject
            {
                ["type"] = e.EventType,
                ["title"] = e.Title,
                ["contact"] = e.Contact,
                ["occurredAt"] = Ts(e.OccurredAt),
            }).ToArray());
        }

        if (include.Contains("behaviorMetrics"))
        {
            var all = data.Timeline.Where(e => e.CustomerId == c.Id).ToList();
            result["behaviorMetrics"] = new JsonObject
            {
                ["activityCount"] = events.Count,
                ["activeUsers"] = users.Count(u => u.LastActivityAt >= since),
                ["lastEmailAt"] = Ts(all.Where(e => e.EventType == "email").Select(e => (DateTimeOffset?)e.OccurredAt).Max()),
                ["lastMeetingAt"] = Ts(all.Where(e => e.Channel == "MEETING").Select(e => (DateTimeOffset?)e.OccurredAt).Max()),
            };
        }

        return ToolResult.Ok(result);
    }

    // ---- timeline, facts, sources -------------------------------------------------------------

    private ToolResult GetTimeline(JsonObject input)
    {
        var requested = Str(input, "customer")!;
        if (FindCustomer(requested) is not { } c)
        {
            return ToolResult.NotFound("Customer", "customer", requested);
        }

        var timeframe = Str(input, "timeframe");
        var start = Date(input, "startDate");
        var end = Date(input, "endDate");
        if (timeframe is not null && (start is not null || end is not null))
        {
            return ToolResult.Invalid("timeframe", "Use either timeframe or startDate/endDate, not both");
        }

        IEnumerable<TimelineRecord> items = data.Timeline.Where(e => e.CustomerId == c.Id);
        if (start is not null || end is not null)
        {
            items = items.Where(e => (start is null || e.OccurredAt >= start) && (end is null || e.OccurredAt <= end));
        }
        else if ((timeframe ?? "30d") != "all")
        {
            var since = now - Window(timeframe ?? "30d");
            items = items.Where(e => e.OccurredAt >= since);
        }

        if (input["channels"] is JsonArray channels)
        {
            var set = channels.Select(n => n!.GetValue<string>()).ToHashSet();
            items = items.Where(e => set.Contains(e.Channel));
        }

        if (input["eventTypes"] is JsonArray types)
        {
            var set = types.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            items = items.Where(e => set.Contains(e.EventType) || set.Contains(e.EventName));
        }

        var sorted = items.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        return Page("outlit_get_timeline", input, sorted, e =>
        {
            var json = new JsonObject
            {
                ["id"] = e.Id,
                ["eventType"] = e.EventType,
                ["eventName"] = e.EventName,
                ["channel"] = e.Channel,
                ["title"] = e.Title,
                ["summary"] = e.Summary,
                ["occurredAt"] = Ts(e.OccurredAt),
                ["contact"] = e.Contact,
                ["sourceType"] = e.Source?.SourceType,
                ["sourceId"] = e.Source?.SourceId,
                ["metadata"] = new JsonObject { ["customerId"] = e.CustomerId },
            };
            if (e.Source is { } s)
            {
                json["sourceRef"] = new JsonObject { ["sourceType"] = s.SourceType, ["sourceId"] = s.SourceId };
            }

            return json;
        });
    }

    private ToolResult ListFacts(JsonObject input)
    {
        var requested = Str(input, "customer")!;
        if (FindCustomer(requested) is not { } c)
        {
            return ToolResult.NotFound("Customer", "customer", requested);
        }

        IEnumerable<FactRecord> items = data.Facts.Where(f => f.CustomerId == c.Id);
        if (Strings(input, "status") is { } status)
        {
            items = items.Where(f => status.Contains(f.Status));
        }

        if (Strings(input, "sourceTypes") is { } sourceTypes)
        {
            var set = sourceTypes.Select(Canonical).ToHashSet();
            items = items.Where(f => set.Contains(f.Source.SourceType));
        }

        if (Strings(input, "factTypes") is { } factTypes)
        {
            items = items.Where(f => factTypes.Contains(f.FactType));
        }

        if (Strings(input, "factCategories") is { } categories)
        {
            items = items.Where(f => categories.Contains(f.FactCategory));
        }

        var after = Date(input, "after");
        var before = Date(input, "before");
        items = items.Where(f => (after is null || f.OccurredAt >= after) && (before is null || f.OccurredAt <= before));
        var sorted = items.OrderByDescending(f => f.OccurredAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
        var page = Page("outlit_list_facts", input, sorted, f => Fact(f, withEvidence: false));
        if (page.Status == 200)
        {
            page.Body["customer"] = CustomerReference(c);
        }

        return page;
    }

    private ToolResult GetFact(JsonObject input)
    {
        var id = Str(input, "factId")!;
        var fact = data.Facts.FirstOrDefault(f => f.Id == id);
        if (fact is null)
        {
            return ToolResult.NotFound("Fact", "factId", id);
        }

        var include = Strings(input, "include") ?? [];
        return ToolResult.Ok(Fact(fact, withEvidence: include.Contains("evidence")));
    }

    private static JsonObject Fact(FactRecord f, bool withEvidence)
    {
        var json = new JsonObject
        {
            ["id"] = f.Id,
            ["assertion"] = f.Assertion,
            ["reasoning"] = f.Reasoning,
            ["factType"] = f.FactType,
            ["factCategory"] = f.FactCategory,
            ["status"] = f.Status,
            ["confidence"] = f.Confidence,
            ["priority"] = f.Priority,
            ["occurredAt"] = Ts(f.OccurredAt),
            ["detectedAt"] = Ts(f.DetectedAt),
            ["validFrom"] = Ts(f.DetectedAt),
            ["validUntil"] = Ts(f.ValidUntil),
            ["linkedSourceRef"] = new JsonObject
            {
                ["sourceType"] = f.Source.SourceType,
                ["sourceId"] = f.Source.SourceId,
                ["occurredAt"] = Ts(f.Source.OccurredAt),
                ["permalink"] = f.Source.Permalink,
            },
            ["sourceMetadata"] = new JsonObject
            {
                ["sourceType"] = f.Source.SourceType,
                ["sourceId"] = f.Source.SourceId,
                ["sourceOccurredAt"] = Ts(f.Source.OccurredAt),
                ["sourceQuote"] = f.Quote,
                ["permalink"] = f.Source.Permalink,
            },
            ["evidenceCount"] = 1,
            ["metricName"] = null,
            ["metricValue"] = null,
            ["metricPreviousValue"] = null,
            ["metricDelta"] = null,
            ["metricUnit"] = null,
            ["periodStart"] = null,
            ["periodEnd"] = null,
            ["changePointDate"] = null,
            ["occurrenceCount"] = 1,
            ["lastDetectedAt"] = Ts(f.DetectedAt),
            ["severity"] = f.Severity,
        };
        if (withEvidence)
        {
            json["evidence"] = new JsonArray(new JsonObject
            {
                ["id"] = "ev_" + f.Id["fact_".Length..],
                ["sourceType"] = f.Source.SourceType,
                ["sourceId"] = f.Source.SourceId,
                ["excerpt"] = f.Quote,
                ["metadata"] = new JsonObject { ["title"] = f.Source.Title },
            });
        }

        return json;
    }

    private ToolResult GetSource(JsonObject input)
    {
        var type = Canonical(Str(input, "sourceType")!);
        var id = Str(input, "sourceId")!;
        var source = data.Sources.FirstOrDefault(s => s.SourceType == type && s.SourceId == id);
        return source is null ? ToolResult.NotFound("Source", "sourceId", id) : ToolResult.Ok(SourceRecord(source));
    }

    private ToolResult ListSources(JsonObject input)
    {
        IEnumerable<Source> items = data.Sources;
        if (Str(input, "sourceType") is { } type)
        {
            var canonical = Canonical(type);
            items = items.Where(s => s.SourceType == canonical);
        }

        if (Str(input, "customer") is { } requested)
        {
            if (FindCustomer(requested) is not { } c)
            {
                return ToolResult.NotFound("Customer", "customer", requested);
            }

            items = items.Where(s => s.CustomerId == c.Id);
        }

        var after = Date(input, "after");
        var before = Date(input, "before");
        items = items.Where(s => (after is null || s.OccurredAt >= after) && (before is null || s.OccurredAt <= before));
        if (Str(input, "participant") is { } participant)
        {
            items = items.Where(s => s.Participants.Any(p => Contains(p.Email, participant) || Contains(p.Name, participant)));
        }

        if (Str(input, "provider") is { } provider)
        {
            var wanted = Canonical(provider);
            items = items.Where(s => string.Equals(s.Provider, wanted, StringComparison.OrdinalIgnoreCase));
        }

        if (Bool(input, "hasTranscript") is { } transcript)
        {
            items = items.Where(s => s.SourceType == "CALL" && s.HasTranscript == transcript);
        }

        var sorted = items.OrderByDescending(s => s.OccurredAt).ThenBy(s => s.SourceId, StringComparer.Ordinal).ToList();
        return Page("outlit_list_sources", input, sorted, SourceRecord);
    }

    private JsonObject SourceRecord(Source s)
    {
        var customer = data.CustomersById[s.CustomerId];
        return new JsonObject
        {
            ["sourceType"] = s.SourceType,
            ["sourceId"] = s.SourceId,
            ["occurredAt"] = Ts(s.OccurredAt),
            ["title"] = s.Title,
            ["summary"] = s.Summary,
            ["permalink"] = s.Permalink,
            ["provider"] = s.Provider,
            ["customer"] = new JsonObject { ["id"] = customer.Id, ["name"] = customer.Name, ["domain"] = customer.Domain },
            ["participants"] = new JsonArray(s.Participants.Select(p => (JsonNode)new JsonObject
            {
                ["email"] = p.Email,
                ["name"] = p.Name,
                ["role"] = p.Role,
                ["affiliation"] = p.Affiliation,
                ["resolvedUserId"] = p.ResolvedUserId,
            }).ToArray()),
            ["record"] = new JsonObject
            {
                ["body"] = s.Summary,
                ["hasTranscript"] = s.HasTranscript,
            },
        };
    }

    private static JsonObject CustomerReference(Customer c) => new() { ["id"] = c.Id, ["name"] = c.Name, ["domain"] = c.Domain };

    // ---- search ------------------------------------------------------------------------------

    private ToolResult Search(JsonObject input)
    {
        Customer? customer = null;
        if (Str(input, "customer") is { } requested)
        {
            customer = FindCustomer(requested);
            if (customer is null)
            {
                return ToolResult.NotFound("Customer", "customer", requested);
            }
        }

        var terms = WordPattern().Matches(Str(input, "query")!.ToLowerInvariant())
            .Select(m => m.Value).Where(w => w.Length >= 3).Distinct().ToArray();
        var after = Date(input, "after");
        var before = Date(input, "before");
        var types = Strings(input, "sourceTypes")?.Select(Canonical).ToHashSet();
        bool InScope(string customerId, string sourceType, DateTimeOffset at) =>
            (customer is null || customerId == customer.Id) && (types is null || types.Contains(sourceType))
            && (after is null || at >= after) && (before is null || at <= before);

        var results = new List<(double Score, string Id, JsonObject Json)>();
        foreach (var fact in data.Facts.Where(f => InScope(f.CustomerId, f.Source.SourceType, f.OccurredAt)))
        {
            var (score, matches) = Score(terms, (fact.Assertion, fact.OccurredAt), (fact.Quote, fact.Source.OccurredAt));
            if (score > 0)
            {
                results.Add((score, fact.Id, new JsonObject
                {
                    ["kind"] = "fact",
                    ["score"] = score,
                    ["matchCount"] = matches.Count,
                    ["matches"] = Matches(matches),
                    ["fact"] = Fact(fact, withEvidence: false),
                }));
            }
        }

        foreach (var source in data.Sources.Where(s => InScope(s.CustomerId, s.SourceType, s.OccurredAt)))
        {
            var (score, matches) = Score(terms, (source.Title, source.OccurredAt), (source.Summary, source.OccurredAt));
            if (score > 0)
            {
                results.Add((score, source.SourceId, new JsonObject
                {
                    ["kind"] = "source",
                    ["score"] = score,
                    ["sourceType"] = source.SourceType,
                    ["sourceId"] = source.SourceId,
                    ["occurredAt"] = Ts(source.OccurredAt),
                    ["title"] = source.Title,
                    ["permalink"] = source.Permalink,
                    ["matchCount"] = matches.Count,
                    ["matches"] = Matches(matches),
                }));
            }
        }

        var topK = (int?)Num(input, "topK") ?? 20;
        var top = results.OrderByDescending(r => r.Score).ThenBy(r => r.Id, StringComparer.Ordinal).Take(topK);
        return ToolResult.Ok(new JsonObject
        {
            ["customer"] = customer is null ? null : CustomerReference(customer),
            ["results"] = new JsonArray(top.Select(r => (JsonNode)r.Json).ToArray()),
        });
    }

    private static (double Score, List<(string Text, DateTimeOffset At)> Matches) Score(string[] terms, params (string Text, DateTimeOffset At)[] passages)
    {
        if (terms.Length == 0)
        {
            return (0, []);
        }

        var matched = terms.Count(t => passages.Any(p => p.Text.Contains(t, StringComparison.OrdinalIgnoreCase)));
        var matches = passages.Where(p => terms.Any(t => p.Text.Contains(t, StringComparison.OrdinalIgnoreCase))).ToList();
        return (Math.Round((double)matched / terms.Length, 4), matches);
    }

    private static JsonArray Matches(List<(string Text, DateTimeOffset At)> matches) =>
        new(matches.Take(2).Select(m => (JsonNode)new JsonObject { ["text"] = m.Text, ["occurredAt"] = Ts(m.At) }).ToArray());

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex WordPattern();

    // ---- notification ------------------------------------------------------------------------

    private static ToolResult SendNotification(JsonObject input, Func<JsonObject, string> notify)
    {
        var id = notify(input);
        var destinations = input["destinationIds"] is JsonArray ids
            ? new JsonArray(ids.Select(d => (JsonNode)new JsonObject { ["id"] = d!.GetValue<string>(), ["status"] = "sent" }).ToArray())
            : new JsonArray(new JsonObject { ["id"] = "default", ["type"] = "slack", ["status"] = "sent" });
        return ToolResult.Ok(new JsonObject { ["success"] = true, ["notificationId"] = id, ["destinations"] = destinations });
    }

    // ---- helpers -----------------------------------------------------------------------------

    /// <summary>A fresh UUID; drawn from the seed, so a run that makes the same calls gets the same IDs. Caller holds the lock.</summary>
    private string NewUuid()
    {
        var bytes = new byte[16];
        ids.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>32 hex digits for the versioned feature and source keys, drawn like <see cref="NewUuid"/>.</summary>
    private string NewHex32()
    {
        var bytes = new byte[16];
        ids.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private Customer? FindCustomer(string requested) =>
        data.Customers.FirstOrDefault(c => c.Id == requested)
        ?? data.Customers.FirstOrDefault(c => string.Equals(c.Domain, requested, StringComparison.OrdinalIgnoreCase))
        ?? data.Customers.FirstOrDefault(c => string.Equals(c.Name, requested, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value an alias stands for, from the contract's <c>x-outlit-aliases</c>; other values as they are.</summary>
    private string Canonical(string value) => aliases.Value.TryGetValue(value, out var target) ? target : value;

    /// <summary>
    /// Cuts one page out of an ordered list, named and shaped as the contract says (the tool's items property, the
    /// gateway's paging block, a total when the tool's paging block has one). The cursor is the offset, tied to the
    /// tool that issued it.
    /// </summary>
    private ToolResult Page<T>(string tool, JsonObject input, IReadOnlyList<T> sorted, Func<T, JsonObject> map)
    {
        var entry = catalog.Find(tool);
        var itemsKey = entry?.ItemsProperty;
        if (catalog.Paging is not { } paging || itemsKey is null)
        {
            // The contract says nothing of paging for this tool: answer the first page only; Complete adds whatever
            // else the output requires.
            return ToolResult.Ok(new JsonObject { [itemsKey ?? "items"] = new JsonArray(sorted.Take(DefaultPageSize(entry, null)).Select(i => (JsonNode)map(i)).ToArray()) });
        }

        var limit = (int)Math.Floor(Num(input, paging.PageSize) ?? DefaultPageSize(entry, paging));
        var offset = 0;
        if (Str(input, paging.Cursor) is { } cursor)
        {
            if (!TryDecodeCursor(tool, cursor, out offset) || offset > sorted.Count)
            {
                return ToolResult.Invalid(paging.Cursor, "Invalid cursor");
            }
        }

        var page = sorted.Skip(offset).Take(limit).Select(map).ToArray();
        var next = offset + page.Length;
        var hasMore = next < sorted.Count;
        var pagination = new JsonObject
        {
            [paging.HasMore] = hasMore,
            [paging.NextCursor] = hasMore ? EncodeCursor(tool, next) : null,
        };
        if (paging.Total is { } total && PaginationHas(entry!, paging, total))
        {
            pagination[total] = sorted.Count;
        }

        return ToolResult.Ok(new JsonObject
        {
            [itemsKey] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
            [paging.Pagination] = pagination,
        });
    }

    /// <summary>The page size the contract gives as the default of the tool's page-size input.</summary>
    private int DefaultPageSize(CatalogTool? tool, PagingConventions? paging)
    {
        var property = tool is null || paging is null ? null
            : generator.Flatten(generator.ComponentSchema(tool.InputSchema))?["properties"]?[paging.PageSize];
        // CUSTOM: with no default in the contract the server's choice is unknown; the mock uses 50.
        return generator.Flatten(property)?["default"] is JsonValue value && value.TryGetValue<double>(out var size) ? (int)size : 50;
    }

    /// <summary>Whether the tool's paging block has the total property (some paged tools count their items, some do not).</summary>
    private bool PaginationHas(CatalogTool tool, PagingConventions paging, string property) =>
        tool.OutputSchema is { } output
        && generator.Flatten(generator.Flatten(generator.ComponentSchema(output))?["properties"]?[paging.Pagination])?["properties"]?[property] is not null;

    private static string EncodeCursor(string tool, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(tool + ":" + offset.ToString(CultureInfo.InvariantCulture)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string tool, string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return text.StartsWith(tool + ":", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(tool.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Orders by <paramref name="key"/> with missing values last in both directions, then by ID so pages never overlap.</summary>
    private static List<T> Sort<T>(IEnumerable<T> items, Func<T, IComparable?> key, bool descending, Func<T, string> id)
    {
        var list = items.ToList();
        list.Sort((a, b) =>
        {
            var ka = key(a);
            var kb = key(b);
            int order;
            if (ka is null || kb is null)
            {
                order = ka is null ? (kb is null ? 0 : 1) : -1;
            }
            else
            {
                order = ka.CompareTo(kb) * (descending ? -1 : 1);
            }

            return order != 0 ? order : string.CompareOrdinal(id(a), id(b));
        });
        return list;
    }

    private static bool Descending(JsonObject input) => (Str(input, "orderDirection") ?? "desc") == "desc";

    private static bool MatchesTraits(IReadOnlyDictionary<string, object> traits, JsonObject filters) =>
        filters.All(f => traits.TryGetValue(f.Key, out var actual) && f.Value is JsonValue wanted && actual switch
        {
            bool b => wanted.TryGetValue<bool>(out var wb) && wb == b,
            int i => wanted.TryGetValue<double>(out var wd) && wd == i,
            string s => wanted.TryGetValue<string>(out var ws) && ws == s,
            _ => false,
        });

    private static bool Contains(string? text, string part) => text?.Contains(part, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>Parses <c>7d</c>, <c>24h</c> or <c>90m</c>; a window the fake does not understand (one the contract added later) covers all its data.</summary>
    private static TimeSpan Window(string window)
    {
        if (window.Length < 2 || !int.TryParse(window.AsSpan(0, window.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return TimeSpan.FromDays(365 * 100);
        }

        return window[^1] switch
        {
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromDays(amount),
        };
    }

    private int? DaysSince(DateTimeOffset? at) => at is null ? null : Math.Max(0, (int)(now - at.Value).TotalDays);

    private static string? Str(JsonObject input, string name) =>
        input[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Num(JsonObject input, string name) =>
        input[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    private static bool? Bool(JsonObject input, string name) =>
        input[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static List<string>? Strings(JsonObject input, string name) =>
        input[name] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : null;

    private static DateTimeOffset? Date(JsonObject input, string name) =>
        Str(input, name) is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    internal static string? Ts(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

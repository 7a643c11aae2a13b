using Bogus;

namespace Outlit.Testing.Internal;

internal sealed record WorkspaceUser(
    string Id, string Email, string Name, string? Title, string? Role, string? ManagerEmail, string? Territory, string? LinkedinUrl);

internal sealed record Customer(
    string Id,
    string Name,
    string Domain,
    string BillingStatus,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastActivityAt,
    double? CurrentMrr, // cents, like the mrrAbove/mrrBelow filters and the mrr_cents sort key
    WorkspaceUser? Owner,
    IReadOnlyDictionary<string, object> Traits,
    double LifetimeRevenue,
    int ActiveSubscriptions);

internal sealed record Person(
    string Id,
    string Email,
    string Name,
    string CustomerId,
    string JourneyStage,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? LastActivityAt,
    IReadOnlyDictionary<string, object> Traits);

internal sealed record Participant(string? Email, string? Name, string Role, string Affiliation, string? ResolvedUserId);

internal sealed record Source(
    string SourceType,
    string SourceId,
    string CustomerId,
    DateTimeOffset OccurredAt,
    string Title,
    string Summary,
    string Permalink,
    string Provider,
    IReadOnlyList<Participant> Participants,
    bool HasTranscript);

internal sealed record FactRecord(
    string Id,
    string CustomerId,
    string Assertion,
    string Reasoning,
    string FactType,
    string FactCategory,
    string Status,
    double Confidence,
    string Priority,
    DateTimeOffset OccurredAt,
    DateTimeOffset DetectedAt,
    DateTimeOffset? ValidUntil,
    Source Source,
    string Quote,
    string? Severity);

internal sealed record TimelineRecord(
    string Id,
    string CustomerId,
    string EventType,
    string EventName,
    string Channel,
    string? Title,
    string? Summary,
    DateTimeOffset OccurredAt,
    string? Contact,
    Source? Source);

/// <summary>
/// A deterministic fake workspace: customers with their users, workspace members who own them, source
/// records (emails, calls, tickets, opportunities, meetings), facts drawn from those sources and timelines.
/// Everything derives from the seed and a fixed "as of" date, never from the wall clock.
/// </summary>
internal sealed class FakeCustomerBase
{
    private static readonly string[] BillingStatuses = ["PAYING", "PAYING", "PAYING", "TRIALING", "PAST_DUE", "CHURNED", "NONE", "NONE"];
    private static readonly string[] Stages = ["DISCOVERED", "SIGNED_UP", "ACTIVATED", "ENGAGED", "ENGAGED", "INACTIVE"];
    private static readonly string[] SourceTypes = ["EMAIL", "CALL", "SUPPORT_TICKET", "OPPORTUNITY", "CALENDAR_EVENT"];

    private static readonly (string Type, string Template, string Severity)[] FactTemplates =
    [
        ("EXPANSION", "{0} plans to roll the product out to {1} more teams next quarter", "medium"),
        ("CHURN_RISK", "{0} raised concerns about pricing ahead of the renewal", "high"),
        ("BUDGET", "{0} has approved budget for the {1}-seat tier", "medium"),
        ("COMPETITIVE", "{0} is also evaluating a competing analytics vendor", "high"),
        ("SENTIMENT", "{0} praised the onboarding experience on the last call", "low"),
        ("REQUIREMENTS", "{0} needs single sign-on before expanding to {1} seats", "medium"),
        ("DECISION_MAKER", "The head of operations at {0} signs off on renewals", "low"),
        ("PRODUCT_USAGE", "{0} doubled weekly active users over the last month", "low"),
        ("TIMELINE", "{0} wants a decision on the renewal within {1} days", "medium"),
    ];

    private FakeCustomerBase(
        IReadOnlyList<WorkspaceUser> workspaceUsers,
        IReadOnlyList<Customer> customers,
        IReadOnlyList<Person> users,
        IReadOnlyList<Source> sources,
        IReadOnlyList<FactRecord> facts,
        IReadOnlyList<TimelineRecord> timeline)
    {
        WorkspaceUsers = workspaceUsers;
        Customers = customers;
        Users = users;
        Sources = sources;
        Facts = facts;
        Timeline = timeline;
        CustomersById = customers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        ContactCounts = users.GroupBy(u => u.CustomerId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Customer> CustomersById { get; }

    public IReadOnlyDictionary<string, int> ContactCounts { get; }

    public IReadOnlyList<WorkspaceUser> WorkspaceUsers { get; }

    public IReadOnlyList<Customer> Customers { get; }

    public IReadOnlyList<Person> Users { get; }

    public IReadOnlyList<Source> Sources { get; }

    public IReadOnlyList<FactRecord> Facts { get; }

    public IReadOnlyList<TimelineRecord> Timeline { get; }

    public static FakeCustomerBase Create(int seed, int customerCount, DateTimeOffset asOf)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        string Id(string prefix) => prefix + faker.Random.AlphaNumeric(14).ToLowerInvariant();
        DateTimeOffset DaysAgo(int min, int max) =>
            asOf.AddDays(-faker.Random.Int(min, max)).AddMinutes(-faker.Random.Int(0, 1439)).AddSeconds(-faker.Random.Int(0, 59));

        var workspaceUsers = new List<WorkspaceUser>();
        var managerEmail = "morgan.lee@outlit-mock.test";
        workspaceUsers.Add(new WorkspaceUser("wu_" + "manager0000001", managerEmail, "Morgan Lee", "VP Customer Success", "manager", null, "Global", "https://www.linkedin.com/in/morgan-lee"));
        var roles = new[] { ("Account Executive", "ae"), ("Customer Success Manager", "csm"), ("Solutions Engineer", "se") };
        var territories = new[] { "North America", "EMEA", "APAC", "LATAM" };
        for (var i = 0; i < 7; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var (title, role) = faker.PickRandom(roles);
            var slug = (first + "." + last).ToLowerInvariant().Replace("'", "", StringComparison.Ordinal);
            workspaceUsers.Add(new WorkspaceUser(
                Id("wu_"), slug + "@outlit-mock.test", first + " " + last, title, role, managerEmail,
                faker.PickRandom(territories), i % 3 == 2 ? null : "https://www.linkedin.com/in/" + slug.Replace('.', '-')));
        }

        var customers = new List<Customer>();
        var users = new List<Person>();
        var sources = new List<Source>();
        var facts = new List<FactRecord>();
        var timeline = new List<TimelineRecord>();
        var domains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var owners = workspaceUsers.Skip(1).ToList();

        for (var c = 0; c < customerCount; c++)
        {
            var name = faker.Company.CompanyName();
            var stem = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            var domain = stem + "." + faker.PickRandom("com", "io", "co", "dev");
            for (var n = 2; !domains.Add(domain); n++)
            {
                domain = stem + n + ".com";
            }

            var billing = faker.PickRandom(BillingStatuses);
            var firstSeen = DaysAgo(120, 900);
            DateTimeOffset? lastActivity = faker.Random.Int(0, 19) == 0 ? null : DaysAgo(0, 110);
            DateTimeOffset? activated = billing == "NONE" && faker.Random.Bool() ? null : firstSeen.AddDays(faker.Random.Int(1, 60));
            double? mrr = billing switch
            {
                "PAYING" or "PAST_DUE" => faker.Random.Int(5, 400) * 5000,
                "TRIALING" => 0,
                _ => null,
            };
            var months = Math.Max(1, (int)((asOf - firstSeen).TotalDays / 30));
            // Outlit customer IDs are UUIDs (the access tools accept nothing else); hashing the drawn ID keeps
            // every later draw, and so the rest of the seeded data, as it was.
            var customer = new Customer(
                UuidFrom(Id("cus_")), name, domain, billing, activated, firstSeen, lastActivity, mrr,
                faker.Random.Int(0, 4) == 0 ? null : faker.PickRandom(owners),
                new Dictionary<string, object>
                {
                    ["plan"] = faker.PickRandom("starter", "team", "business", "enterprise"),
                    ["region"] = faker.PickRandom("us", "eu", "apac"),
                    ["seats"] = faker.Random.Int(3, 400),
                    ["sso"] = faker.Random.Bool(),
                },
                mrr is null ? 0 : Math.Round(mrr.Value * faker.Random.Int(1, months), 2),
                mrr > 0 ? faker.Random.Int(1, 3) : 0);
            customers.Add(customer);

            var people = new List<Person>();
            for (var u = faker.Random.Int(1, 6); u > 0; u--)
            {
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var seen = customer.FirstSeenAt.AddDays(faker.Random.Int(0, 60));
                var person = new Person(
                    Id("usr_"), (first[0] + last).ToLowerInvariant().Replace("'", "", StringComparison.Ordinal) + people.Count + "@" + domain,
                    first + " " + last, customer.Id, faker.PickRandom(Stages), seen,
                    customer.LastActivityAt is { } la ? la.AddDays(-faker.Random.Int(0, 20)) : null,
                    new Dictionary<string, object>
                    {
                        ["role"] = faker.PickRandom("admin", "member", "viewer"),
                        ["department"] = faker.Commerce.Department(),
                    });
                people.Add(person);
            }

            users.AddRange(people);

            var customerSources = new List<Source>();
            for (var s = faker.Random.Int(1, 6); s > 0; s--)
            {
                var type = faker.PickRandom(SourceTypes);
                var contact = faker.PickRandom(people);
                var occurred = DaysAgo(0, 150);
                var (prefix, provider, title) = type switch
                {
                    "EMAIL" => ("email_", "google-mail", $"Re: {faker.PickRandom("Renewal terms", "Pricing question", "Rollout plan", "Security review")} for {name}"),
                    "CALL" => ("call_", "fireflies", $"{faker.PickRandom("Quarterly review", "Discovery call", "Expansion sync")} with {name}"),
                    "SUPPORT_TICKET" => ("ticket_", "pylon", $"{faker.PickRandom("Export fails", "SSO login loop", "Slow dashboard", "Billing question")} ({name})"),
                    "OPPORTUNITY" => ("opp_", "hubspot", $"{name} {faker.PickRandom("renewal", "expansion", "new business")}"),
                    _ => ("meeting_", "google-calendar", $"{name} {faker.PickRandom("onboarding", "QBR", "demo")}"),
                };
                var id = Id(prefix);
                var owner = customer.Owner ?? workspaceUsers[0];
                customerSources.Add(new Source(
                    type, id, customer.Id, occurred, title,
                    $"{contact.Name} discussed {faker.PickRandom("pricing", "renewal timing", "seat growth", "an integration issue", "reporting needs")} and {faker.PickRandom("asked for a follow-up", "agreed on next steps", "raised a concern", "requested a proposal")}.",
                    $"https://app.outlit-mock.test/sources/{type.ToLowerInvariant()}/{id}", provider,
                    [
                        new Participant(contact.Email, contact.Name, "attendee", "external", contact.Id),
                        new Participant(owner.Email, owner.Name, "host", "internal", null),
                    ],
                    type == "CALL"));
            }

            sources.AddRange(customerSources);

            for (var f = faker.Random.Int(0, 5); f > 0; f--)
            {
                var template = faker.PickRandom(FactTemplates);
                var source = faker.PickRandom(customerSources);
                var detected = source.OccurredAt.AddHours(faker.Random.Int(1, 48));
                facts.Add(new FactRecord(
                    Id("fact_"), customer.Id,
                    string.Format(System.Globalization.CultureInfo.InvariantCulture, template.Template, name, faker.Random.Int(2, 90)),
                    $"Stated in the {source.SourceType.ToLowerInvariant().Replace('_', ' ')} \"{source.Title}\".",
                    template.Type, template.Type == "CUSTOM" ? "CUSTOM" : "MEMORY",
                    faker.PickRandom("ACTIVE", "ACTIVE", "ACTIVE", "ACKNOWLEDGED", "RESOLVED", "SNOOZED", "CANDIDATE"),
                    Math.Round(faker.Random.Double(0.55, 0.99), 2),
                    faker.PickRandom("low", "medium", "high"),
                    source.OccurredAt, detected,
                    faker.Random.Int(0, 3) == 0 ? detected.AddDays(90) : null,
                    source, source.Summary, template.Severity));
            }

            for (var t = faker.Random.Int(3, 12); t > 0; t--)
            {
                var person = faker.PickRandom(people);
                var kind = faker.Random.Int(0, 5);
                var source = kind < 2 ? faker.PickRandom(customerSources) : null;
                var (eventType, eventName, channel, title) = (kind, source?.SourceType) switch
                {
                    (< 2, "EMAIL") => ("email", "email_received", "COMMUNICATION", source!.Title),
                    (< 2, "CALL") => ("call", "call_recorded", "MEETING", source!.Title),
                    (< 2, "CALENDAR_EVENT") => ("meeting", "meeting_held", "MEETING", source!.Title),
                    (< 2, "SUPPORT_TICKET") => ("support_ticket", "ticket_opened", "SUPPORT", source!.Title),
                    (< 2, _) => ("opportunity", "opportunity_updated", "CRM", source!.Title),
                    (2, _) => ("pageview", "pageview", "PRODUCT", "Viewed " + faker.PickRandom("/dashboard", "/reports", "/settings/billing", "/integrations")),
                    (3, _) => ("custom", faker.PickRandom("report_exported", "project_created", "member_invited"), "PRODUCT", null),
                    (4, _) => ("billing", faker.PickRandom("invoice_paid", "subscription_updated"), "BILLING", "Invoice " + faker.Random.Int(1000, 9999)),
                    _ => ("identify", "user_identified", "IDENTITY", null),
                };
                timeline.Add(new TimelineRecord(
                    Id("evt_"), customer.Id, eventType, eventName, channel, title,
                    source?.Summary, source?.OccurredAt ?? DaysAgo(0, 120), person.Email, source));
            }
        }

        return new FakeCustomerBase(workspaceUsers, customers, users, sources, facts, timeline);
    }

    /// <summary>A version 4 UUID that depends on <paramref name="key"/> only, so IDs derived from seeded data stay stable.</summary>
    public static string UuidFrom(string key)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}

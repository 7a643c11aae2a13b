using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// What the contract marks nullable is nullable in C#, required or not, and a body with <c>null</c> in every
/// such place at once reads without error, through plain Newtonsoft and through the generated client.
/// </summary>
public class NullableTests
{
    private static Type GeneratedType(string schemaName) =>
        typeof(OutlitClient).Assembly.GetType("Outlit." + schemaName) ?? throw new AssertionException($"no generated type for schema {schemaName}");

    private static PropertyInfo JsonProperty(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Single(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == jsonName);

    /// <summary>Each schema with its nullable properties, own and inherited through allOf.</summary>
    public static IEnumerable<TestCaseData> SchemasWithNullableProperties()
    {
        foreach (var schema in ContractDocument.Root.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            var nullable = ContractDocument.Properties(schema.Value)
                .Where(p => ContractDocument.IsNullable(p.Schema))
                .Select(p => p.Name)
                .Distinct()
                .ToArray();
            if (nullable.Length > 0)
            {
                yield return new TestCaseData(schema.Name, nullable).SetArgDisplayNames(schema.Name);
            }
        }
    }

    [TestCaseSource(nameof(SchemasWithNullableProperties))]
    public void ABodyWithNullInEveryNullablePropertyReads(string schema, string[] nullable)
    {
        var type = GeneratedType(schema);
        var json = MinimalJson.For(type);
        foreach (var name in nullable)
        {
            json[name] = JValue.CreateNull();
        }

        object? read = null;
        Assert.DoesNotThrow(() => read = JsonConvert.DeserializeObject(json.ToString(), type), json.ToString(Formatting.None));
        foreach (var name in nullable)
        {
            var member = JsonProperty(read!.GetType(), name);
            var nullability = new NullabilityInfoContext().Create(member);
            Assert.That(Nullable.GetUnderlyingType(member.PropertyType) is not null || nullability.ReadState == NullabilityState.Nullable, Is.True, $"{schema}.{name} is not nullable in C#");
            Assert.That(member.GetValue(read), Is.Null, $"{schema}.{name}");
        }
    }

    /// <summary>Date-time properties the contract both requires and allows to be null.</summary>
    public static IEnumerable<TestCaseData> RequiredNullableDateTimes()
    {
        foreach (var schema in ContractDocument.Root.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("required", out var required))
            {
                continue;
            }

            var names = required.EnumerateArray().Select(r => r.GetString()).ToHashSet();
            foreach (var (name, property) in ContractDocument.Properties(schema.Value))
            {
                if (names.Contains(name) && ContractDocument.IsNullable(property) && IsDateTime(property))
                {
                    yield return new TestCaseData(schema.Name, name).SetArgDisplayNames($"{schema.Name}.{name}");
                }
            }
        }
    }

    /// <summary>A date-time, written directly or as the non-null branch of <c>anyOf</c>/<c>oneOf</c> with null.</summary>
    private static bool IsDateTime(System.Text.Json.JsonElement property)
    {
        if (property.TryGetProperty("format", out var format) && format.GetString() == "date-time")
        {
            return true;
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (property.TryGetProperty(keyword, out var branches)
                && branches.EnumerateArray().Any(b => b.TryGetProperty("format", out var f) && f.GetString() == "date-time"))
            {
                return true;
            }
        }

        return false;
    }

    [Test]
    public void TheContractHasRequiredNullableDateTimes() =>
        Assert.That(RequiredNullableDateTimes().Select(c => $"{c.Arguments[0]}.{c.Arguments[1]}"), Does.Contain("Fact.validUntil").And.Contain("SourceRecord.occurredAt"));

    [TestCaseSource(nameof(RequiredNullableDateTimes))]
    public void ARequiredNullableDateTimeIsANullableDateTimeOffset(string schema, string property)
    {
        var member = JsonProperty(GeneratedType(schema), property);

        Assert.That(member.PropertyType, Is.EqualTo(typeof(DateTimeOffset?)));
        Assert.That(member.GetCustomAttribute<JsonPropertyAttribute>()!.Required, Is.EqualTo(Required.AllowNull), "present but possibly null");
    }

    [Test]
    public void AFactWithNullDatesReads()
    {
        var json = MinimalJson.For(typeof(Fact));
        foreach (var name in new[] { "occurredAt", "validUntil", "periodStart", "periodEnd", "changePointDate", "lastDetectedAt" })
        {
            json[name] = JValue.CreateNull();
        }

        var fact = JsonConvert.DeserializeObject<Fact>(json.ToString())!;

        Assert.Multiple(() =>
        {
            Assert.That(fact.OccurredAt, Is.Null);
            Assert.That(fact.ValidUntil, Is.Null);
            Assert.That(fact.PeriodStart, Is.Null);
            Assert.That(fact.LastDetectedAt, Is.Null);
            Assert.That(fact.ValidFrom, Is.EqualTo(DateTimeOffset.Parse("2026-06-23T10:00:00Z")), "validFrom is required and not nullable in the contract");
        });
    }

    [Test]
    public async Task TheGeneratedClientReadsNullDateTimesFromTheServer()
    {
        const string status = """{ "provider": "stripe", "name": "Stripe", "category": "billing", "status": "connected", "syncs": [ { "model": "StripeCustomer", "status": "PENDING", "lastSyncedAt": null, "errorMessage": null } ] }""";
        const string list = """{ "items": [ { "id": "stripe", "name": "Stripe", "category": "billing", "status": "not_connected", "connectionId": null, "lastDataReceivedAt": null } ] }""";

        var syncStatus = await CapturingHandler.Client(new CapturingHandler(status)).GetIntegrationSyncStatusAsync(ProviderId.Stripe, CancellationToken.None);
        var integrations = await CapturingHandler.Client(new CapturingHandler(list)).ListIntegrationsAsync(null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(syncStatus.Syncs.Single().LastSyncedAt, Is.Null);
            Assert.That(syncStatus.Syncs.Single().ErrorMessage, Is.Null);
            Assert.That(integrations.Items.Single().LastDataReceivedAt, Is.Null);
            Assert.That(integrations.Items.Single().ConnectionId, Is.Null);
        });
    }
}

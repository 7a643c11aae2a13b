using System.Reflection;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// The generated layer (src/Outlit.Generated) is faithful to openapi/openapi.json: every
/// operation has a method, unions keep every branch, events are polymorphic, nullable means
/// nullable, and values the contract does not list survive a round trip.
/// </summary>
public class GeneratedClientTests
{
    private static readonly Assembly Generated = typeof(OutlitClient).Assembly;

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static Type GeneratedType(string schemaName) =>
        Generated.GetType("Outlit." + schemaName) ?? throw new AssertionException($"no generated type for schema {schemaName}");

    private static PropertyInfo? JsonProperty(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SingleOrDefault(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName == jsonName);

    public static IEnumerable<string> OperationIds() => ContractDocument.OperationIds();

    [Test]
    public void TheGeneratedClientShipsInTheOutlitAssembly() =>
        Assert.That(Generated.GetName().Name, Is.EqualTo("Outlit"));

    [Test]
    public void TheContractHasTenOperations() =>
        Assert.That(OperationIds().ToList(), Has.Count.EqualTo(10));

    [TestCaseSource(nameof(OperationIds))]
    public void EveryOperationHasAnAsyncMethodWithCancellation(string operationId)
    {
        var clients = new[] { (typeof(OutlitPlatformApi), typeof(IOutlitPlatformApi)), (typeof(OutlitIngestApi), typeof(IOutlitIngestApi)) };
        var found = clients.Where(c => c.Item1.GetMethods().Any(m => m.Name == Pascal(operationId) + "Async")).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"{Pascal(operationId)}Async belongs to exactly one generated client");
        foreach (var type in new[] { found[0].Item1, found[0].Item2 })
        {
            var method = type.GetMethods().SingleOrDefault(m => m.Name == Pascal(operationId) + "Async" && !m.IsGenericMethod && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken));
            Assert.That(method, Is.Not.Null, $"{type.Name} lacks {Pascal(operationId)}Async(..., CancellationToken)");
            Assert.That(method!.ReturnType.IsAssignableTo(typeof(Task)), Is.True);
        }
    }

    [Test]
    public void TheConnectResponseKeepsBothShapesReachable()
    {
        var method = typeof(IOutlitPlatformApi).GetMethods().First(m => m.Name == "ConnectIntegrationAsync");
        var responseType = method.ReturnType.GetGenericArguments().Single();
        Assert.That(responseType, Is.EqualTo(typeof(IntegrationConnectResponse)));

        var branches = ContractDocument.Schema("IntegrationConnectResponse").GetProperty("oneOf").EnumerateArray()
            .Select(b => b.GetProperty("$ref").GetString()!.Split('/').Last())
            .ToList();
        Assert.That(branches, Is.EquivalentTo(new[] { "IntegrationDirectConnectionResponse", "IntegrationBrowserSessionResponse" }));
        foreach (var branch in branches)
        {
            Assert.That(GeneratedType(branch), Is.Not.Null, "each branch stays a type of its own");
            foreach (var (name, _) in ContractDocument.Properties(ContractDocument.Schema(branch)))
            {
                Assert.That(JsonProperty(responseType, name), Is.Not.Null, $"{branch}.{name} is not reachable from {responseType.Name}");
            }
        }
    }

    [Test]
    public void TheConnectResponseReadsEitherShape()
    {
        var direct = JsonConvert.DeserializeObject<IntegrationConnectResponse>("""{ "connected": true, "connectionId": "conn_1", "alreadyConnected": false }""")!;
        var session = JsonConvert.DeserializeObject<IntegrationConnectResponse>("""{ "sessionId": "sess_1", "connectUrl": "https://connect.example.com/s/1", "alreadyConnected": false }""")!;

        Assert.Multiple(() =>
        {
            Assert.That(direct.Connected, Is.True);
            Assert.That(direct.ConnectionId, Is.EqualTo("conn_1"));
            Assert.That(direct.SessionId, Is.Null);
            Assert.That(session.SessionId, Is.EqualTo("sess_1"));
            Assert.That(session.ConnectUrl, Is.EqualTo(new Uri("https://connect.example.com/s/1")));
            Assert.That(session.Connected, Is.Null);
        });
    }

    public static IEnumerable<TestCaseData> EventKinds()
    {
        var mapping = ContractDocument.Schema("IngestEvent").GetProperty("discriminator").GetProperty("mapping");
        return mapping.EnumerateObject().Select(m => new TestCaseData(m.Name, m.Value.GetString()!.Split('/').Last()).SetArgDisplayNames(m.Name));
    }

    [Test]
    public void TheContractHasEightEventKinds() =>
        Assert.That(EventKinds().Count(), Is.EqualTo(8));

    [TestCaseSource(nameof(EventKinds))]
    public void EachEventKindIsItsOwnClassAndRoundTripsWithItsType(string type, string schema)
    {
        var eventType = GeneratedType(schema);
        Assert.That(eventType.IsSubclassOf(typeof(IngestEvent)), Is.True);

        var json = MinimalJson.For(eventType);
        json.AddFirst(new JProperty("type", type));

        var read = JsonConvert.DeserializeObject<IngestEvent>(json.ToString())!;
        Assert.That(read.GetType(), Is.EqualTo(eventType), "the type value selects the class");

        var written = JObject.Parse(JsonConvert.SerializeObject(read));
        Assert.That(written["type"]?.Value<string>(), Is.EqualTo(type));
        Assert.That(written.Properties().Count(p => p.Name == "type"), Is.EqualTo(1));

        // A fresh instance, as a caller builds it, also carries its type inside a request.
        var created = (IngestEvent)Activator.CreateInstance(eventType)!;
        JsonConvert.PopulateObject(MinimalJson.For(eventType).ToString(), created);
        var request = new IngestEventsRequest { Events = [created] };
        var sent = JObject.Parse(JsonConvert.SerializeObject(request));
        Assert.That(sent["events"]![0]!["type"]!.Value<string>(), Is.EqualTo(type));
    }

    [Test]
    public void AnUnknownEventKindIsReadAndWrittenBackUnchanged()
    {
        var read = JsonConvert.DeserializeObject<IngestEvent>("""{ "type": "brand_new_kind", "timestamp": 1, "extra": "kept" }""")!;

        Assert.That(read.GetType(), Is.EqualTo(typeof(IngestEvent)));
        Assert.That(read.Timestamp, Is.EqualTo(1));
        var written = JObject.Parse(JsonConvert.SerializeObject(read));
        Assert.That(written["type"]!.Value<string>(), Is.EqualTo("brand_new_kind"));
        Assert.That(written["extra"]!.Value<string>(), Is.EqualTo("kept"));
    }

    public static IEnumerable<TestCaseData> NullableProperties()
    {
        foreach (var schema in ContractDocument.Root.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject())
            {
                if (ContractDocument.IsNullable(property.Value))
                {
                    yield return new TestCaseData(schema.Name, property.Name).SetArgDisplayNames($"{schema.Name}.{property.Name}");
                }
            }
        }
    }

    [Test]
    public void TheContractHasNullableProperties() =>
        Assert.That(NullableProperties().Count(), Is.GreaterThan(50));

    [TestCaseSource(nameof(NullableProperties))]
    public void NullablePropertiesAreNullableAndAcceptNullFromTheServer(string schema, string property)
    {
        var type = GeneratedType(schema);
        var member = JsonProperty(type, property);
        Assert.That(member, Is.Not.Null, $"{schema}.{property} has no generated property");

        var nullability = new NullabilityInfoContext().Create(member!);
        Assert.That(Nullable.GetUnderlyingType(member!.PropertyType) is not null || nullability.ReadState == NullabilityState.Nullable, Is.True, $"{type.Name}.{member.Name} is not nullable in C#");

        var json = MinimalJson.For(type);
        json[property] = JValue.CreateNull();
        object? read = null;
        Assert.DoesNotThrow(() => read = JsonConvert.DeserializeObject(json.ToString(), type));
        Assert.That(member.GetValue(read), Is.Null);
    }

    [Test]
    public void UnknownEnumValuesAreKept()
    {
        const string json = """{ "status": "paused", "provider": "brand-new-crm" }""";

        var read = JsonConvert.DeserializeObject<IntegrationConnectionStatusResponse>(json)!;

        Assert.Multiple(() =>
        {
            Assert.That(read.Provider.ToString(), Is.EqualTo("brand-new-crm"));
            Assert.That(read.Provider.IsKnown, Is.False);
            Assert.That(read.Status.ToString(), Is.EqualTo("paused"));
            var written = JObject.Parse(JsonConvert.SerializeObject(read));
            Assert.That(written["provider"]!.Value<string>(), Is.EqualTo("brand-new-crm"));
            Assert.That(written["status"]!.Value<string>(), Is.EqualTo("paused"));
        });
    }

    [Test]
    public void UnknownEnumValuesInListsAreKept()
    {
        var json = MinimalJson.For(typeof(IntegrationListResponse));
        var integration = MinimalJson.For(typeof(Integration));
        integration["id"] = "brand-new-crm";
        integration["status"] = "degraded";
        json["items"] = new JArray(integration);

        var read = JsonConvert.DeserializeObject<IntegrationListResponse>(json.ToString())!;

        var item = read.Items.Single();
        Assert.That(item.Id.ToString(), Is.EqualTo("brand-new-crm"));
        Assert.That(item.Status.ToString(), Is.EqualTo("degraded"));
    }

    [Test]
    public void KnownEnumValuesCompareIgnoringCaseAndConvertFromStrings()
    {
        ProviderId fromString = "HUBSPOT";

        Assert.Multiple(() =>
        {
            Assert.That(fromString, Is.EqualTo(ProviderId.Hubspot));
            Assert.That(fromString == ProviderId.Hubspot, Is.True);
            Assert.That(fromString.GetHashCode(), Is.EqualTo(ProviderId.Hubspot.GetHashCode()));
            Assert.That(ProviderId.Hubspot.IsKnown, Is.True);
            Assert.That(ProviderId.KnownValues, Does.Contain(ProviderId.Stripe));
            Assert.That(JsonConvert.SerializeObject(ProviderId.GoogleCalendar), Is.EqualTo("\"google-calendar\""));
        });
    }

    [Test]
    public void EveryContractEnumValueIsAKnownValue()
    {
        var providers = ContractDocument.Schema("ProviderId").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();

        Assert.That(ProviderId.KnownValues.Select(v => v.ToString()), Is.EquivalentTo(providers));
    }

    [Test]
    public void AnOptionalEnumLeftOutIsNullAndNotSent()
    {
        var read = JsonConvert.DeserializeObject<IntegrationConnectionStatusResponse>("""{ "status": "pending", "provider": "hubspot", "error": null }""")!;
        var input = new ListCustomersInput();

        Assert.That(read.Error, Is.Null);
        Assert.That(JObject.Parse(JsonConvert.SerializeObject(new IngestEventsRequest { Events = [new PageviewEvent()] }))["visitorId"], Is.Null, "unset optional properties are not sent");
        Assert.That(input.OrderBy, Is.Null, "the contract's default is the server's to apply, not sent by the client");
    }

    [Test]
    public void UnknownFieldsAreKept()
    {
        var read = JsonConvert.DeserializeObject<IntegrationConnectionStatusResponse>("""{ "status": "pending", "provider": "hubspot", "addedLater": { "a": 1 } }""")!;

        Assert.That(read.AdditionalProperties.ContainsKey("addedLater"), Is.True);
        Assert.That(JObject.Parse(JsonConvert.SerializeObject(read))["addedLater"]!["a"]!.Value<int>(), Is.EqualTo(1));
    }

    public static IEnumerable<TestCaseData> Tools()
    {
        foreach (var tool in ContractDocument.Root.GetProperty("x-outlit-tools").EnumerateArray())
        {
            var input = tool.GetProperty("inputSchema").GetProperty("$ref").GetString()!.Split('/').Last();
            var output = tool.TryGetProperty("outputSchema", out var o) ? o.GetProperty("$ref").GetString()!.Split('/').Last() : null;
            yield return new TestCaseData(tool.GetProperty("name").GetString(), input, output).SetArgDisplayNames(tool.GetProperty("name").GetString()!);
        }
    }

    [TestCaseSource(nameof(Tools))]
    public void EveryToolHasItsTypedInputAndOutput(string tool, string input, string? output)
    {
        Assert.That(GeneratedType(input).GetConstructor(Type.EmptyTypes), Is.Not.Null, $"{tool}: {input}");
        if (output is not null)
        {
            Assert.That(GeneratedType(output), Is.Not.Null, $"{tool}: {output}");
        }

        Assert.That(ToolName.KnownValues.Select(v => v.ToString()), Does.Contain(tool));
    }

    [Test]
    public void ATypedToolInputTravelsAsTheCallInput()
    {
        var request = new ToolCallRequest { Tool = ToolName.KnownValues[0], Input = new ListCustomersInput { Limit = 5 } };

        var sent = JObject.Parse(JsonConvert.SerializeObject(request));

        Assert.That(sent["input"]!["limit"]!.Value<int>(), Is.EqualTo(5));
        Assert.That(sent["tool"]!.Value<string>(), Is.EqualTo(ContractDocument.Root.GetProperty("x-outlit-tools")[0].GetProperty("name").GetString()));
    }

    [Test]
    public void SearchResultsArePolymorphicOnKind()
    {
        var kinds = ContractDocument.Schema("SearchResult").GetProperty("oneOf").GetArrayLength();
        var discriminator = MinimalJson.Discriminator(typeof(SearchResult));

        Assert.That(discriminator?.Name, Is.EqualTo("kind"));
        Assert.That(discriminator!.Value.Subtypes, Has.Count.EqualTo(kinds));
    }
}

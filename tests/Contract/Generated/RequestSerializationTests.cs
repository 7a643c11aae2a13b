using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// Request bodies the generated client writes carry only what the caller set, in the spelling the
/// contract's patterns accept.
/// </summary>
public class RequestSerializationTests
{
    private static async Task<JObject> SentToolInputAsync(object input)
    {
        var handler = new CapturingHandler();
        var client = CapturingHandler.Client(handler);

        await client.CallToolAsync(new ToolCallRequest { Tool = ToolName.KnownValues[0], Input = input }, CancellationToken.None);

        // Dates stay the strings that were sent, not values Newtonsoft re-parsed.
        using var reader = new JsonTextReader(new StringReader(handler.Requests.Single().Body!)) { DateParseHandling = DateParseHandling.None };
        return (JObject)JObject.Load(reader)["input"]!;
    }

    /// <summary>Every tool input the contract names whose properties are all optional.</summary>
    public static IEnumerable<TestCaseData> OptionalOnlyInputs()
    {
        foreach (var tool in ContractDocument.Root.GetProperty("x-outlit-tools").EnumerateArray())
        {
            var name = tool.GetProperty("inputSchema").GetProperty("$ref").GetString()!.Split('/').Last();
            var type = typeof(OutlitClient).Assembly.GetType("Outlit." + name)!;
            var required = type.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.Required is Required.Always or Required.AllowNull);
            if (!required)
            {
                yield return new TestCaseData(type).SetArgDisplayNames(name);
            }
        }
    }

    [Test]
    public void SomeToolInputsHaveOnlyOptionalProperties() =>
        Assert.That(OptionalOnlyInputs().Select(c => ((Type)c.Arguments[0]!).Name), Does.Contain(nameof(ListCustomersInput)));

    [Test]
    public async Task AFreshListCustomersInputIsSentAsAnEmptyObject()
    {
        Assert.That(JsonConvert.SerializeObject(new ListCustomersInput()), Is.EqualTo("{}"));
        Assert.That((await SentToolInputAsync(new ListCustomersInput())).ToString(Formatting.None), Is.EqualTo("{}"));
    }

    [TestCaseSource(nameof(OptionalOnlyInputs))]
    public async Task AFreshInputSendsNoContractDefaults(Type type)
    {
        var sent = await SentToolInputAsync(Activator.CreateInstance(type)!);

        Assert.That(sent.ToString(Formatting.None), Is.EqualTo("{}"), $"a new {type.Name} sends values the caller never set");
    }

    [Test]
    public async Task OnlyTheValuesTheCallerSetAreSent()
    {
        var sent = await SentToolInputAsync(new ListCustomersInput { Search = "acme" });

        Assert.That(sent.Properties().Select(p => p.Name), Is.EqualTo(new[] { "search" }));
    }

    [TestCase(50d, "50")]
    [TestCase(1000d, "1000")]
    [TestCase(2.5d, "2.5")]
    public async Task AWholeNumberIsSentAsAnInteger(double limit, string expected)
    {
        var sent = await SentToolInputAsync(new ListCustomersInput { Limit = limit });

        Assert.That(sent["limit"]!.ToString(Formatting.None), Is.EqualTo(expected));
        Assert.That(sent["limit"]!.Type, Is.EqualTo(limit % 1 == 0 ? JTokenType.Integer : JTokenType.Float));
    }

    [Test]
    public async Task AnIntegerLimitIsSentAsAnInteger()
    {
        var sent = await SentToolInputAsync(new ListSourcesInput { Limit = 50 });

        Assert.That(sent["limit"]!.ToString(Formatting.None), Is.EqualTo("50"));
    }

    /// <summary>The date-time shape the tool contract's patterns accept: UTC with a <c>Z</c> suffix.</summary>
    private static readonly Regex ZuluDateTime = new(@"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$");

    [TestCase(0, "2026-06-23T10:00:00Z")]
    [TestCase(123, "2026-06-23T10:00:00.123Z")]
    public async Task ADateTimeIsSentInUtcWithAZSuffix(int milliseconds, string expected)
    {
        var local = new DateTimeOffset(2026, 6, 23, 12, 0, 0, milliseconds, TimeSpan.FromHours(2));

        var sent = await SentToolInputAsync(new ListSourcesInput { After = local, Before = local.ToUniversalTime() });

        Assert.Multiple(() =>
        {
            Assert.That(sent["after"]!.Value<string>(), Is.EqualTo(expected));
            Assert.That(sent["before"]!.Value<string>(), Is.EqualTo(expected));
        });
    }

    /// <summary>Every date-time property of every tool input.</summary>
    public static IEnumerable<TestCaseData> DateTimeInputProperties()
    {
        foreach (var tool in ContractDocument.Root.GetProperty("x-outlit-tools").EnumerateArray())
        {
            var name = tool.GetProperty("inputSchema").GetProperty("$ref").GetString()!.Split('/').Last();
            var type = typeof(OutlitClient).Assembly.GetType("Outlit." + name)!;
            foreach (var property in type.GetProperties().Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(DateTimeOffset)))
            {
                yield return new TestCaseData(type, property.Name).SetArgDisplayNames($"{name}.{property.Name}");
            }
        }
    }

    [Test]
    public void ToolInputsHaveDateTimeProperties() =>
        Assert.That(DateTimeInputProperties().Count(), Is.GreaterThanOrEqualTo(4));

    [TestCaseSource(nameof(DateTimeInputProperties))]
    public async Task EveryToolInputDateTimeIsSentWithAZSuffix(Type type, string propertyName)
    {
        var input = MinimalJson.For(type).ToObject(type)!;
        var property = type.GetProperty(propertyName)!;
        property.SetValue(input, new DateTimeOffset(2026, 6, 23, 5, 30, 0, TimeSpan.FromHours(-7)));

        var sent = await SentToolInputAsync(input);

        var jsonName = property.GetCustomAttribute<JsonPropertyAttribute>()!.PropertyName!;
        Assert.That(sent[jsonName]!.Value<string>(), Does.Match(ZuluDateTime).And.EqualTo("2026-06-23T12:30:00Z"));
    }
}

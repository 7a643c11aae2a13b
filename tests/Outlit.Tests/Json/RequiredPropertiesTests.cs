using System.Reflection;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Json;

/// <summary>
/// Responses are read with a one-pass check of the generated <c>Required</c> attributes instead of Newtonsoft's own
/// (which builds a dictionary per object). The two must refuse exactly the same bodies: every generated type with a
/// component schema, every required property, missing and null, is read both ways.
/// </summary>
public class RequiredPropertiesTests
{
    private static readonly JsonSerializer Newtonsoft = JsonSerializer.Create(OutlitJson.Settings);

    private static IEnumerable<Type> GeneratedTypesWithRequiredProperties() =>
        typeof(OutlitClient).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true, Namespace: "Outlit" } && t.GetConstructor(Type.EmptyTypes) is not null)
            .Where(t => RequiredNames(t).Any())
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static IEnumerable<string> RequiredNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyAttribute>())
            .Where(a => a is { Required: Required.Always or Required.AllowNull })
            .Select(a => a!.PropertyName!);

    [Test]
    public void EveryRequiredPropertyIsRefusedMissingOrNullExactlyWhenNewtonsoftRefusesIt()
    {
        var compared = 0;
        var refused = 0;
        var disagreements = new List<string>();
        foreach (var type in GeneratedTypesWithRequiredProperties())
        {
            JObject complete;
            try
            {
                complete = ContractFixtures.Instance(type.Name);
            }
            catch (InvalidOperationException)
            {
                continue; // Not a component schema of its own name (an operation's inline type).
            }

            if (Outcome(complete, type, Newtonsoft) is not null)
            {
                continue; // The plainest instance is not readable at all (a union with no plain branch): nothing to compare.
            }

            foreach (var name in RequiredNames(type))
            {
                foreach (var (label, body) in new[] { ("missing", Without(complete, name)), ("null", WithNull(complete, name)) })
                {
                    var expected = Outcome(body, type, Newtonsoft);
                    var actual = Outcome(body, type, null);
                    compared++;
                    if ((expected is null) != (actual is null))
                    {
                        disagreements.Add($"{type.Name}.{name} {label}: Newtonsoft {(expected ?? "reads it")}, the SDK {(actual ?? "reads it")}");
                    }
                    else if (expected is not null)
                    {
                        refused++;
                        if (expected.Contains($"'{name}'", StringComparison.Ordinal) && !actual!.Contains($"'{name}'", StringComparison.Ordinal))
                        {
                            disagreements.Add($"{type.Name}.{name} {label}: the SDK's error does not name the property: {actual}");
                        }
                    }
                }
            }
        }

        Assert.That(disagreements, Is.Empty);
        Assert.That(compared, Is.GreaterThan(500), "most generated types were compared");
        Assert.That(refused, Is.GreaterThan(compared / 2), "most cases are refusals (all missing ones, and nulls where null is not allowed)");
    }

    [Test]
    public void TheErrorNamesThePropertyAndTheObjectsPathInTheBody()
    {
        var body = """{"items":[{"id":"a","name":"A","category":"billing","status":"connected"},{"id":"b","name":"B","category":"billing"}]}""";

        var ex = Assert.Throws<JsonSerializationException>(() => OutlitJson.Deserialize<IntegrationListResponse>(Utf8(body)));

        Assert.That(ex!.Message, Does.StartWith("Required property 'status' not found in JSON. Path 'items[1]'"));
    }

    [Test]
    public void ANullForARequiredEnumIsRefusedAlthoughItsConverterWouldReadADefault()
    {
        var body = """{"id":"stripe","name":"Stripe","category":"billing","status":null}""";

        var ex = Assert.Throws<JsonSerializationException>(() => OutlitJson.Deserialize<Integration>(Utf8(body)));

        Assert.That(ex!.Message, Does.Contain("'status' expects a value but got null"));
    }

    [Test]
    public void AReadThatFailedInsideAConverterLeavesNothingBehindForTheNextRead()
    {
        var bad = """{"items":[{"id":"a","name":"A","category":"billing"}]}""";
        var good = """{"items":[{"id":"a","name":"A","category":"billing","status":"connected"}]}""";

        Assert.Throws<JsonSerializationException>(() => OutlitJson.Deserialize<IntegrationListResponse>(Utf8(bad)));
        var read = OutlitJson.Deserialize<IntegrationListResponse>(Utf8(good));

        Assert.That(read!.Items.Single().Status.ToString(), Is.EqualTo("connected"));
    }

    [Test]
    public void ReadingStillRefusesWhatWritingWouldNotSend()
    {
        // The one-pass check belongs to reading; writing keeps Newtonsoft's refusal of a null required value.
        var ex = Assert.Throws<JsonSerializationException>(() => OutlitJson.SerializeToUtf8(new Integration()));

        Assert.That(ex!.Message, Does.Contain("Property requires a value"));
    }

    /// <summary>Null when the body reads, else the error message.</summary>
    private static string? Outcome(JObject body, Type type, JsonSerializer? serializer)
    {
        try
        {
            if (serializer is null)
            {
                OutlitJson.Deserialize<object>(Utf8(body.ToString(Formatting.None)), type);
            }
            else
            {
                using var reader = new JsonTextReader(new StringReader(body.ToString(Formatting.None))) { DateParseHandling = DateParseHandling.None };
                serializer.Deserialize(reader, type);
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException)
        {
            return ex.Message;
        }
    }

    private static JObject Without(JObject complete, string name)
    {
        var copy = (JObject)complete.DeepClone();
        copy.Remove(name);
        return copy;
    }

    private static JObject WithNull(JObject complete, string name)
    {
        var copy = (JObject)complete.DeepClone();
        copy[name] = JValue.CreateNull();
        return copy;
    }

    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));
}

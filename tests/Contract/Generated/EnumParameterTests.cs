using System.Reflection;
using Outlit.Testing;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// Every generated operation that takes an extensible enum (a string enum of the contract) as a parameter
/// sends its request: NSwag's null check on such a parameter goes through the struct's conversion from
/// string, which must not throw for a real value.
/// </summary>
public class EnumParameterTests
{
    private static bool IsExtensibleEnum(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsValueType && type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is not null;
    }

    private static IEnumerable<MethodInfo> Operations() =>
        typeof(IOutlitPlatformApi).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)
                && m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken)
                && m.GetParameters().Any(p => IsExtensibleEnum(p.ParameterType)));

    public static IEnumerable<TestCaseData> OperationsWithEnumParameters() =>
        Operations().Select(m => new TestCaseData(m.Name).SetArgDisplayNames(m.Name));

    private static object FirstKnownValue(Type type)
    {
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        var known = (System.Collections.IEnumerable)enumType.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return known.Cast<object>().First();
    }

    private static (IOutlitPlatformApi Client, OutlitClient Owner) ClientFor(OutlitMockServer server)
    {
        var owner = new OutlitClient(new OutlitClientOptions { ApiKey = server.ApiKey, BaseUrl = server.BaseUrl, MaxRetries = 0 });
        return (owner.Api, owner);
    }

    private static MethodInfo Operation(string name) => Operations().Single(m => m.Name == name);

    [Test]
    public void TheContractHasOperationsWithEnumParameters() =>
        Assert.That(Operations().Select(m => m.Name).ToList(), Is.SupersetOf(new[] { "GetIntegrationSyncStatusAsync", "GetIntegrationCapabilitiesAsync" }));

    [TestCaseSource(nameof(OperationsWithEnumParameters))]
    public async Task AnOperationWithAnEnumParameterSendsItsRequest(string name)
    {
        var method = Operation(name);
        await using var server = await OutlitMockServer.StartAsync();
        var (client, owner) = ClientFor(server);
        using var _ = owner;

        var values = new List<string>();
        var arguments = method.GetParameters().Select(p =>
        {
            if (p.ParameterType == typeof(CancellationToken))
            {
                return (object?)CancellationToken.None;
            }

            if (IsExtensibleEnum(p.ParameterType))
            {
                var value = FirstKnownValue(p.ParameterType);
                values.Add(value.ToString()!);
                return value;
            }

            throw new AssertionException($"{name} has a parameter {p.Name} this test does not know how to fill");
        }).ToArray();

        var task = (Task)method.Invoke(client, arguments)!;
        Assert.That(async () => await task, Throws.Nothing);

        var request = server.Requests.Single();
        Assert.That(request.StatusCode, Is.EqualTo(200), $"{request.Method} {request.Path}{request.Query}");
        foreach (var value in values)
        {
            Assert.That(Uri.UnescapeDataString(request.Query), Does.Contain("=" + value), "the enum value is sent");
        }
    }

    [TestCaseSource(nameof(OperationsWithEnumParameters))]
    public async Task ADefaultEnumArgumentIsRefusedOrLeftOutWithoutError(string name)
    {
        var method = Operation(name);
        await using var server = await OutlitMockServer.StartAsync();
        var (client, owner) = ClientFor(server);
        using var _ = owner;

        var required = method.GetParameters().Where(p => IsExtensibleEnum(p.ParameterType) && Nullable.GetUnderlyingType(p.ParameterType) is null).ToList();
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(CancellationToken) ? (object?)CancellationToken.None : null).ToArray();
        for (var i = 0; i < arguments.Length; i++)
        {
            var type = method.GetParameters()[i].ParameterType;
            if (arguments[i] is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null)
            {
                arguments[i] = Activator.CreateInstance(type);
            }
        }

        var task = (Task)method.Invoke(client, arguments)!;
        if (required.Count > 0)
        {
            // A default struct holds no value: the generated null check refuses it before anything is sent.
            var thrown = Assert.ThrowsAsync<ArgumentNullException>(async () => await task);
            Assert.That(thrown!.ParamName, Is.EqualTo(required[0].Name));
            Assert.That(server.Requests, Is.Empty);
        }
        else
        {
            Assert.That(async () => await task, Throws.Nothing);
            Assert.That(server.Requests.Single().Query, Is.Empty, "an optional enum left out is not sent");
        }
    }

    [Test]
    public void ANullStringConvertsToTheDefaultValueWhichEqualsNull()
    {
        string? nothing = null;
        ProviderId converted = nothing;

        Assert.Multiple(() =>
        {
            Assert.That(converted, Is.EqualTo(default(ProviderId)));
            Assert.That(converted == null, Is.True);
            Assert.That(ProviderId.Stripe == null, Is.False);
            Assert.That(ProviderId.Stripe != null, Is.True);
        });
    }
}

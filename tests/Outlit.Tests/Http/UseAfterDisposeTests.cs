using System.Collections;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Outlit.Tests.Infrastructure;

namespace Outlit.Tests.Http;

/// <summary>
/// Every public I/O member of <see cref="OutlitClient"/>, <see cref="OutlitIngestClient"/> and <see cref="OutlitTracker"/>
/// (found by reflection, so a member added later is covered) raises <see cref="ObjectDisposedException"/> after
/// disposal, naming the SDK type the caller holds, never an internal object such as HttpClient or a rate limiter.
/// </summary>
public class UseAfterDisposeTests
{
    private static readonly Uri Nowhere = new($"http://127.0.0.1:{AttemptOutcomeTests.UnusedPort()}/");

    [Test]
    public async Task EveryMemberOfADisposedOutlitClientNamesOutlitClient()
    {
        var client = TestClients.Create(Nowhere, null);
        var integrations = client.Integrations;
        var tools = client.Tools;
        var api = client.Api;
        client.Dispose();

        var outcomes = new List<string>();
        outcomes.AddRange(await CallAllAsync(client, typeof(OutlitClient)));
        outcomes.AddRange(await CallAllAsync(integrations, typeof(OutlitIntegrations)));
        outcomes.AddRange(await CallAllAsync(tools, typeof(OutlitTools)));
        outcomes.AddRange(await CallAllAsync(api, typeof(IOutlitPlatformApi)));

        AssertAll(outcomes, nameof(OutlitClient), atLeast: 35);
    }

    [Test]
    public async Task EveryMemberOfADisposedIngestClientNamesOutlitIngestClient()
    {
        var client = new OutlitIngestClient("pk_disposed", new OutlitIngestClientOptions { BaseUrl = Nowhere });
        var api = client.Api;
        client.Dispose();

        var outcomes = new List<string>();
        outcomes.AddRange(await CallAllAsync(client, typeof(OutlitIngestClient)));
        outcomes.AddRange(await CallAllAsync(api, typeof(IOutlitIngestApi)));

        AssertAll(outcomes, nameof(OutlitIngestClient), atLeast: 3);
    }

    [Test]
    public async Task EveryMemberOfADisposedTrackerNamesOutlitTracker()
    {
        var tracker = new OutlitTracker("pk_disposed", clientOptions: new OutlitIngestClientOptions { BaseUrl = Nowhere });
        await tracker.DisposeAsync();

        var outcomes = await CallAllAsync(tracker, typeof(OutlitTracker));

        AssertAll(outcomes, nameof(OutlitTracker), atLeast: 6);
    }

    [Test]
    public void ASecondDisposalIsHarmless()
    {
        var client = TestClients.Create(Nowhere, null);
        var ingest = new OutlitIngestClient("pk_disposed", new OutlitIngestClientOptions { BaseUrl = Nowhere });
        var tracker = new OutlitTracker("pk_disposed", clientOptions: new OutlitIngestClientOptions { BaseUrl = Nowhere });

        Assert.DoesNotThrow(() =>
        {
            client.Dispose();
            client.Dispose();
            ingest.Dispose();
            ingest.Dispose();
            tracker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            tracker.DisposeAsync().AsTask().GetAwaiter().GetResult();
        });
    }

    private static void AssertAll(IReadOnlyList<string> outcomes, string owner, int atLeast)
    {
        var wrong = outcomes.Where(o => !o.EndsWith($"ObjectDisposedException({owner})", StringComparison.Ordinal)).ToList();
        TestContext.Progress.WriteLine($"[figure] use after dispose: {outcomes.Count - wrong.Count} of {outcomes.Count} public I/O members of a disposed {owner} raised ObjectDisposedException({owner})");
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.GreaterThanOrEqualTo(atLeast), "the reflection found fewer members than the surface has");
            Assert.That(wrong, Is.Empty, () => $"{wrong.Count} of {outcomes.Count} members did not name {owner}:\n" + string.Join("\n", wrong));
        });
    }

    /// <summary>Calls every public instance method of <paramref name="surface"/> that does I/O (or queues for it) and describes how each ended.</summary>
    private static async Task<IReadOnlyList<string>> CallAllAsync(object target, Type surface)
    {
        var outcomes = new List<string>();
        var methods = surface.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object) && m.Name is not ("Dispose" or "DisposeAsync" or "ToString" or "Equals" or "GetHashCode" or "GetType"))
            .Where(m => IsIo(m.ReturnType) || (surface == typeof(OutlitTracker) && m.ReturnType == typeof(void)));
        foreach (var declared in methods)
        {
            var method = declared.IsGenericMethodDefinition ? declared.MakeGenericMethod(declared.GetGenericArguments().Select(_ => typeof(JObject)).ToArray()) : declared;
            var name = $"{surface.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";
            var error = await CallAsync(target, method);
            outcomes.Add(error switch
            {
                null => $"{name}: completed",
                ObjectDisposedException disposed => $"{name}: ObjectDisposedException({disposed.ObjectName})",
                _ => $"{name}: {error.GetType().Name}: {error.Message}",
            });
        }

        return outcomes;
    }

    private static bool IsIo(Type type) =>
        typeof(Task).IsAssignableFrom(type) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        || AsyncEnumerableOf(type) is not null;

    private static Type? AsyncEnumerableOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>));

    private static async Task<Exception?> CallAsync(object target, MethodInfo method)
    {
        try
        {
            var result = method.Invoke(target, method.GetParameters().Select(Argument).ToArray());
            await DrainAsync(result);

            // A pageable's pages are I/O too.
            if (result is not null && result.GetType().GetMethod("AsPages") is { } asPages)
            {
                await DrainAsync(asPages.Invoke(result, [null, null]));
            }

            return null;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return ex.InnerException;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task DrainAsync(object? result)
    {
        switch (result)
        {
            case null:
                return;
            case Task task:
                await task;
                return;
            case ValueTask valueTask:
                await valueTask;
                return;
        }

        var type = result.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            await (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!;
            return;
        }

        if (AsyncEnumerableOf(type) is { } enumerable)
        {
            var enumerator = enumerable.GetMethod(nameof(IAsyncEnumerable<int>.GetAsyncEnumerator))!.Invoke(result, [CancellationToken.None])!;
            var moveNext = typeof(IAsyncEnumerator<>).MakeGenericType(enumerable.GetGenericArguments()).GetMethod(nameof(IAsyncEnumerator<int>.MoveNextAsync))!;
            await ((ValueTask<bool>)moveNext.Invoke(enumerator, null)!).AsTask();
        }
    }

    /// <summary>A valid argument, so that what is checked is the disposal and not the argument.</summary>
    private static object? Argument(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (type == typeof(string))
        {
            return parameter.Name switch
            {
                "tool" => "outlit_list_customers",
                "publicKey" => "pk_disposed",
                "url" => "https://example.com/pricing",
                _ => "x",
            };
        }

        if (type == typeof(ProviderId) || type == typeof(ProviderId?))
        {
            return ProviderId.Hubspot;
        }

        if (type == typeof(TrackerIdentity))
        {
            return TrackerIdentity.ForEmail("ada@example.com");
        }

        if (type == typeof(IngestEvent) || type == typeof(IEnumerable<IngestEvent>))
        {
            var @event = CustomEvent.Create("report_exported", null, "server://disposed", null);
            return type == typeof(IngestEvent) ? @event : new IngestEvent[] { @event };
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type == typeof(object))
        {
            return null;
        }

        return Complete(Activator.CreateInstance(type)!);
    }

    /// <summary>Fills what a generated type requires, so serializing it cannot fail before the call reaches the client.</summary>
    private static object Complete(object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetValue(value) is null))
        {
            var required = property.GetCustomAttribute<JsonPropertyAttribute>()?.Required ?? Required.Default;
            if (required is not (Required.Always or Required.DisallowNull))
            {
                continue;
            }

            var type = property.PropertyType;
            object? filled = type == typeof(string) ? "x"
                : type == typeof(Uri) ? new Uri("https://example.com/")
                : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0]))
                : type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null ? Complete(Activator.CreateInstance(type)!)
                : null;
            if (filled is not null && type.IsInstanceOfType(filled))
            {
                property.SetValue(value, filled);
            }
        }

        return value;
    }
}

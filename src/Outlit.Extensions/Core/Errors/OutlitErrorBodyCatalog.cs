using System.Reflection;
using Newtonsoft.Json;

namespace Outlit;

/// <summary>
/// Every error body the contract describes (the schemas it marks <c>x-outlit-error</c>), registered by the generated
/// code when the assembly loads. An answer whose status the operation does not document, or whose body is not the
/// documented one (an older envelope, a gateway's), is read with these, most specific first, so a plan-limit body
/// still yields a plan-limit error wherever it arrives.
/// </summary>
internal static class OutlitErrorBodyCatalog
{
    private static volatile Type[] bodies = [];
    private static volatile Dictionary<Type, Type[]> older = [];

    public static IReadOnlyList<Type> Bodies => bodies;

    /// <summary>Adds error body types; called by the generated code's module initializer.</summary>
    public static void Register(params Type[] types)
    {
        lock (typeof(OutlitErrorBodyCatalog))
        {
            // Most required properties first: a body that satisfies a specific shape is read as that shape.
            bodies = [.. bodies.Concat(types).Distinct().OrderByDescending(RequiredCount).ThenBy(t => t.FullName, StringComparer.Ordinal)];
        }
    }

    /// <summary>The earlier generations of a documented error body (<c>x-outlit-error-older</c>), newest first.</summary>
    public static IReadOnlyList<Type> OlderGenerationsOf(Type body) => older.TryGetValue(body, out var types) ? types : [];

    /// <summary>Records the earlier generations of an error body; called by the generated code's module initializer.</summary>
    public static void RegisterOlder(Type body, params Type[] types)
    {
        lock (typeof(OutlitErrorBodyCatalog))
        {
            older = new Dictionary<Type, Type[]>(older) { [body] = types };
        }
    }

    private static int RequiredCount(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Count(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.Required is Required.Always or Required.AllowNull);
}

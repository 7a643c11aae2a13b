using System.Collections;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit.Contract.Tests.Generated;

/// <summary>
/// Builds the smallest JSON object a generated type accepts: every required property with a
/// plausible value of its type, nothing else. Lets a test vary one property at a time.
/// </summary>
internal static class MinimalJson
{
    public static JObject For(Type type) => ObjectFor(type, depth: 0);

    /// <summary>The discriminator name and (value, subtype) pairs of an inheritance base, if any.</summary>
    public static (string Name, IReadOnlyList<(string Key, Type Type)> Subtypes)? Discriminator(Type type)
    {
        var converter = type.GetCustomAttribute<JsonConverterAttribute>(inherit: false);
        if (converter?.ConverterParameters?.FirstOrDefault() is not string name)
        {
            return null;
        }

        var subtypes = type.GetCustomAttributes(inherit: false)
            .Where(a => a.GetType().Name == "JsonInheritanceAttribute")
            .Select(a => ((string)a.GetType().GetProperty("Key")!.GetValue(a)!, (Type)a.GetType().GetProperty("Type")!.GetValue(a)!))
            .ToList();
        return (name, subtypes);
    }

    private static JObject ObjectFor(Type type, int depth)
    {
        var json = new JObject();
        if (Discriminator(type) is { } discriminator && discriminator.Subtypes.Count > 0)
        {
            var (key, subtype) = discriminator.Subtypes[0];
            json = ObjectFor(subtype, depth + 1);
            json.AddFirst(new JProperty(discriminator.Name, key));
            return json;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attribute = property.GetCustomAttribute<JsonPropertyAttribute>();
            if (attribute?.PropertyName is null || attribute.Required is not (Required.Always or Required.AllowNull))
            {
                continue;
            }

            json[attribute.PropertyName] = ValueFor(property.PropertyType, depth);
        }

        return json;
    }

    private static JToken ValueFor(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "x";
        }

        if (type == typeof(bool))
        {
            return false;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) || type == typeof(float))
        {
            return 1;
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return "2026-06-23T10:00:00Z";
        }

        if (type == typeof(Guid))
        {
            return Guid.Empty.ToString();
        }

        if (type == typeof(Uri))
        {
            return "https://example.com/";
        }

        if (type.IsValueType && type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is IEnumerable known)
        {
            // An extensible enum: its first listed value.
            return known.Cast<object>().First().ToString()!;
        }

        if (typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)) || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
        {
            return new JObject();
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return new JArray();
        }

        if (type == typeof(object) || depth > 6)
        {
            return new JObject();
        }

        return ObjectFor(type, depth + 1);
    }
}

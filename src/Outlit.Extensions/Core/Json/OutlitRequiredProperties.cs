using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Outlit;

/// <summary>
/// The contract resolver responses are read with. It enforces what the generated <c>[JsonProperty(Required = …)]</c>
/// attributes say (a required property that is missing, or null where null is not allowed, is an error naming it and
/// its JSON path) in one pass over each object, with a bit per required property.
/// </summary>
/// <remarks>
/// Why not Newtonsoft's own check: for every object of a type with a required property it builds a dictionary of all
/// the type's properties (about 930 bytes per customer of a page, half of what reading a page allocates). Types it
/// cannot serve this way (built through a constructor, more than 64 required properties, <c>DisallowNull</c>, or
/// <c>ItemRequired</c>) keep Newtonsoft's check.
/// </remarks>
internal sealed class OutlitRequiredPropertiesResolver(IReadOnlyList<JsonConverter> serializerConverters) : DefaultContractResolver
{
    protected override JsonObjectContract CreateObjectContract(Type objectType)
    {
        var contract = base.CreateObjectContract(objectType);
        foreach (var property in contract.Properties.Where(p => p.PropertyType is { IsValueType: true }))
        {
            // Responses are only read with these contracts. Before a converter reads a property, Newtonsoft reads the
            // property's current value to offer it for reuse, which boxes a value type (two boxes per enum value read);
            // a value type is never populated in place and no converter of the SDK looks at that value.
            property.Readable = false;
        }

        var required = contract.Properties.Where(p => p.Required != Required.Default).ToArray();
        if (required.Length == 0 || required.Length > 64 || contract.ItemRequired is not null
            || contract.DefaultCreator is null || contract.OverrideCreator is not null || contract.CreatorParameters.Count > 0
            || required.Any(p => p.Ignored || p.Required is not (Required.Always or Required.AllowNull)))
        {
            return contract;
        }

        var names = new string[required.Length];
        var nonNullValues = new List<(string Name, IValueProvider Value)>();
        for (var i = 0; i < required.Length; i++)
        {
            var property = required[i];
            var bit = 1UL << i;
            var nonNull = property.Required == Required.Always;
            names[i] = property.PropertyName!;
            if (nonNull && CanHoldNull(property.PropertyType!) && property.ValueProvider is { } value)
            {
                nonNullValues.Add((property.PropertyName!, value));
            }

            // The property's name was read for this object: it is present, whatever its value.
            var inner = property.ShouldDeserialize;
            property.ShouldDeserialize = inner is null
                ? target => { RequiredPresence.Mark(target, bit); return true; }
                : target => { RequiredPresence.Mark(target, bit); return inner(target); };

            // A value type cannot be null once read, and its converter may turn a JSON null into a default value:
            // the null is refused as it is read.
            if (nonNull && !CanHoldNull(property.PropertyType!) && ConverterOf(property) is { CanRead: true } converter)
            {
                property.Converter = new NullRefusingConverter(converter, property.PropertyName!);
            }

            property.Required = Required.Default;
        }

        var set = new RequiredSet(names, [.. nonNullValues]);
        contract.OnDeserializingCallbacks.Add((target, _) => RequiredPresence.Begin(target));
        contract.OnDeserializedCallbacks.Add((target, _) => RequiredPresence.End(target, set));
        return contract;
    }

    private static bool CanHoldNull(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    /// <summary>The converter Newtonsoft would pick for the property's value (property, type, then the serializer's).</summary>
    private JsonConverter? ConverterOf(JsonProperty property) =>
        property.Converter
        ?? ResolveContract(property.PropertyType!).Converter
        ?? serializerConverters.FirstOrDefault(c => c.CanConvert(property.PropertyType!));

    /// <summary>A type's required properties: their JSON names in bit order, and how to read back those that must not be null.</summary>
    internal sealed class RequiredSet(string[] names, (string Name, IValueProvider Value)[] nonNull)
    {
        public ulong All { get; } = names.Length == 64 ? ulong.MaxValue : (1UL << names.Length) - 1;

        public string[] Names { get; } = names;

        public (string Name, IValueProvider Value)[] NonNull { get; } = nonNull;
    }

    private sealed class NullRefusingConverter(JsonConverter inner, string name) : JsonConverter
    {
        public override bool CanConvert(Type objectType) => inner.CanConvert(objectType);

        public override bool CanWrite => inner.CanWrite;

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
            reader.TokenType is JsonToken.Null or JsonToken.Undefined
                ? throw RequiredPresence.Error($"Required property '{name}' expects a value but got null.", reader)
                : inner.ReadJson(reader, objectType, existingValue, serializer);

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => inner.WriteJson(writer, value, serializer);
    }
}

/// <summary>
/// The required properties seen so far for each object being read on this thread, innermost last. Objects are read
/// depth first on one thread, so the object a property belongs to is the innermost one still open; frames left behind
/// by a read that failed (a union branch that did not fit) are dropped when an enclosing object is reached again.
/// </summary>
internal static class RequiredPresence
{
    [ThreadStatic]
    private static Frame[]? frames;

    [ThreadStatic]
    private static int depth;

    [ThreadStatic]
    private static JsonReader? currentReader;

    /// <summary>Makes <paramref name="reader"/> the one errors take their path from, until the scope is disposed.</summary>
    public static Scope Reading(JsonReader reader)
    {
        var scope = new Scope(currentReader, depth);
        currentReader = reader;
        return scope;
    }

    public static void Begin(object target)
    {
        var stack = frames ??= new Frame[16];
        if (depth == stack.Length)
        {
            Array.Resize(ref frames, depth * 2);
            stack = frames;
        }

        stack[depth++] = new Frame(target);
    }

    public static void Mark(object target, ulong bit)
    {
        var index = Find(target);
        if (index >= 0)
        {
            frames![index].Present |= bit;
        }
    }

    public static void End(object target, OutlitRequiredPropertiesResolver.RequiredSet required)
    {
        var index = Find(target);
        if (index < 0)
        {
            return;
        }

        var present = frames![index].Present;
        frames[index] = default;
        depth = index;
        if ((present & required.All) != required.All)
        {
            var missing = System.Numerics.BitOperations.TrailingZeroCount(~present & required.All);
            throw Error($"Required property '{required.Names[missing]}' not found in JSON.", currentReader);
        }

        foreach (var (name, value) in required.NonNull)
        {
            if (value.GetValue(target) is null)
            {
                throw Error($"Required property '{name}' expects a value but got null.", currentReader);
            }
        }
    }

    /// <summary>The frame of <paramref name="target"/>; frames above it belong to reads that were abandoned.</summary>
    private static int Find(object target)
    {
        var stack = frames;
        for (var i = depth - 1; i >= 0; i--)
        {
            if (ReferenceEquals(stack![i].Target, target))
            {
                for (var dead = i + 1; dead < depth; dead++)
                {
                    stack[dead] = default;
                }

                depth = i + 1;
                return i;
            }
        }

        return -1;
    }

    /// <summary>An error worded and located as Newtonsoft words and locates its own required-property errors.</summary>
    internal static JsonSerializationException Error(string message, JsonReader? reader)
    {
        if (reader is null)
        {
            return new JsonSerializationException(message);
        }

        var line = reader as IJsonLineInfo;
        var located = line is { } info && info.HasLineInfo()
            ? string.Format(CultureInfo.InvariantCulture, "{0} Path '{1}', line {2}, position {3}.", message, reader.Path, info.LineNumber, info.LinePosition)
            : string.Format(CultureInfo.InvariantCulture, "{0} Path '{1}'.", message, reader.Path);
        return new JsonSerializationException(located, reader.Path, line?.LineNumber ?? 0, line?.LinePosition ?? 0, null);
    }

    private struct Frame(object target)
    {
        public readonly object? Target = target;
        public ulong Present;
    }

    /// <summary>Restores the reader and drops what a failed read left open inside the scope.</summary>
    public readonly struct Scope(JsonReader? previousReader, int previousDepth) : IDisposable
    {
        public void Dispose()
        {
            for (var i = previousDepth; i < depth; i++)
            {
                frames![i] = default;
            }

            depth = Math.Min(depth, previousDepth);
            currentReader = previousReader;
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;
using Outlit.Contract.Tests.Support;

namespace Outlit.Contract.Tests.Generation;

/// <summary>
/// Builds JSON values that honour a schema of the contract, with Bogus as the source of values: required
/// properties always, optional ones at random, enum and const values, formats (date-time, email, uri,
/// uuid), the patterns the contract uses, length/number/item bounds, <c>allOf</c> merged, one branch of
/// <c>oneOf</c>/<c>anyOf</c> (so the event <c>type</c> discriminator comes from the chosen branch's const),
/// and free-form objects with a few extra members.
/// </summary>
/// <remarks>
/// A value is generated, then checked with the JSON Schema validator; a value the rules above cannot make
/// valid (for example one that trips a <c>not</c>) is drawn again, a bounded number of times. The seed is
/// fixed so a failure reproduces; tests print it.
/// </remarks>
internal sealed class SchemaFaker
{
    /// <summary>The seed of every generation run; change it to explore other values, print it to reproduce.</summary>
    public const int DefaultSeed = 20_261_125;

    private const int MaxDepth = 6;
    private const int MaxAttempts = 25;

    private static readonly Dictionary<string, Func<Faker, string>> PatternGenerators = new(StringComparer.Ordinal)
    {
        ["^pk_"] = f => "pk_live_" + f.Random.AlphaNumeric(16),
        ["^\\d+(d|h|m)$"] = f => f.Random.Int(1, 90).ToString(CultureInfo.InvariantCulture) + f.PickRandom("d", "h", "m"),
        ["^[A-Za-z0-9_-]{1,100}$"] = f => f.Random.String2(f.Random.Int(1, 24), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"),
    };

    private readonly ContractDocument _contract;
    private readonly Faker _faker;

    public SchemaFaker(ContractDocument contract, int seed = DefaultSeed)
    {
        _contract = contract;
        Seed = seed;
        _faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    /// <summary>
    /// A seed per schema or type name derived from <see cref="DefaultSeed"/> with a stable hash (string
    /// hash codes change from one process to the next), so one name's values do not depend on the others.
    /// </summary>
    public static int SeedFor(string name)
    {
        unchecked
        {
            var hash = (uint)DefaultSeed ^ 2_166_136_261;
            foreach (var c in name)
            {
                hash = (hash ^ c) * 16_777_619;
            }

            return (int)(hash & 0x7FFF_FFFF);
        }
    }

    /// <summary>The seed this faker was created with.</summary>
    public int Seed { get; }

    /// <summary>A value valid against the component schema <paramref name="schemaName"/>.</summary>
    public JsonNode? ValidComponent(string schemaName) => Valid("#/components/schemas/" + JsonPointers.Escape(schemaName));

    /// <summary>A value valid against the schema at <paramref name="schemaPointer"/>.</summary>
    public JsonNode? Valid(string schemaPointer)
    {
        var schema = _contract.At(schemaPointer) ?? throw new InvalidOperationException($"No schema at {schemaPointer}.");
        IReadOnlyList<string> errors = [];
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var value = Generate(schema, 0);
            errors = _contract.Validator.Validate(value, schemaPointer);
            if (errors.Count == 0)
            {
                return value;
            }
        }

        throw new InvalidOperationException(
            $"No valid value for {schemaPointer} in {MaxAttempts} attempts (seed {Seed}); last errors:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    private JsonNode? Generate(JsonNode? schema, int depth)
    {
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            return allowed ? JsonValue.Create(_faker.Lorem.Word()) : throw new InvalidOperationException("The false schema admits no value.");
        }

        if (schema is not JsonObject obj)
        {
            throw new InvalidOperationException("Not a schema: " + schema?.ToJsonString());
        }

        if (obj["$ref"] is JsonValue reference)
        {
            return Generate(_contract.At(reference.GetValue<string>()), depth);
        }

        if (obj.TryGetPropertyValue("const", out var constant))
        {
            return constant?.DeepClone();
        }

        if (obj["enum"] is JsonArray values)
        {
            return _faker.PickRandom(values.ToList())?.DeepClone();
        }

        if (obj["allOf"] is JsonArray parts)
        {
            return Generate(Merge(obj, parts), depth);
        }

        if ((obj["oneOf"] ?? obj["anyOf"]) is JsonArray branches)
        {
            return Generate(_faker.PickRandom(branches.ToList()), depth);
        }

        var type = PickType(obj);
        return type switch
        {
            "null" => null,
            "string" => JsonValue.Create(String(obj)),
            "integer" => JsonValue.Create((long)Number(obj, integer: true)),
            "number" => JsonValue.Create(Number(obj, integer: false)),
            "boolean" => JsonValue.Create(_faker.Random.Bool()),
            "array" => Array(obj, depth),
            "object" => Object(obj, depth),
            _ => JsonValue.Create(_faker.Lorem.Word()),
        };
    }

    private string PickType(JsonObject schema)
    {
        switch (schema["type"])
        {
            case JsonValue single:
                return single.GetValue<string>();
            case JsonArray several:
                var types = several.Select(t => t!.GetValue<string>()).ToList();
                var concrete = types.Where(t => t != "null").ToList();

                // Null is a legal value but rarely the interesting one.
                return concrete.Count == 0 || (types.Contains("null") && _faker.Random.Bool(0.2f)) ? "null" : _faker.PickRandom(concrete);
            default:
                return schema.ContainsKey("properties") || schema.ContainsKey("additionalProperties") ? "object"
                    : schema.ContainsKey("items") ? "array"
                    : _faker.PickRandom("string", "number", "boolean", "object");
        }
    }

    private string String(JsonObject schema)
    {
        var format = schema["format"]?.GetValue<string>();
        var pattern = schema["pattern"]?.GetValue<string>();
        string value;
        switch (format)
        {
            case "date-time":
                value = _faker.Date.Between(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))
                    .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                return value;
            case "email":
                return _faker.Internet.Email();
            case "uri":
                return _faker.Internet.UrlWithPath("https");
            case "uuid":
                return Uuid();
        }

        if (pattern is not null)
        {
            if (pattern.Contains("[0-9a-fA-F]{8}", StringComparison.Ordinal))
            {
                return Uuid();
            }

            if (PatternGenerators.TryGetValue(pattern, out var generator))
            {
                return generator(_faker);
            }

            // Any other pattern of the contract: drawn from the expression itself, so a new pattern needs no entry here;
            // a draw shorter than minLength is lengthened when the pattern still accepts it (`^phx_.*`).
            var least = schema["minLength"]?.GetValue<int>() ?? 0;
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var sample = Outlit.Testing.Internal.PatternSampler.Sample(pattern, new Random(_faker.Random.Int()));
                if (sample is null)
                {
                    break;
                }

                var padded = sample.Length >= least ? sample : sample + _faker.Random.AlphaNumeric(least - sample.Length);
                if (System.Text.RegularExpressions.Regex.IsMatch(padded, pattern))
                {
                    return padded;
                }
            }

            throw new InvalidOperationException($"The faker cannot draw a value for the pattern {pattern}; add a generator to {nameof(PatternGenerators)}.");
        }

        var min = schema["minLength"]?.GetValue<int>() ?? 0;
        var max = schema["maxLength"]?.GetValue<int>() ?? Math.Max(min, 40);
        value = _faker.Lorem.Sentence(_faker.Random.Int(1, 6));
        if (value.Length > max)
        {
            value = value[..max];
        }

        while (value.Length < min)
        {
            value += _faker.Random.AlphaNumeric(min - value.Length);
        }

        return value;
    }

    private double Number(JsonObject schema, bool integer)
    {
        var min = schema["minimum"]?.GetValue<double>() ?? (schema["exclusiveMinimum"]?.GetValue<double>() + 1) ?? 0;
        var max = schema["maximum"]?.GetValue<double>() ?? (schema["exclusiveMaximum"]?.GetValue<double>() - 1) ?? min + 100_000;
        if (integer)
        {
            return _faker.Random.Long((long)Math.Ceiling(min), (long)Math.Floor(max));
        }

        // Mostly whole numbers (counts, cents, epoch milliseconds), sometimes a fraction.
        var number = _faker.Random.Double(min, max);
        return _faker.Random.Bool(0.7f) ? Math.Clamp(Math.Round(number), min, max) : Math.Round(number, 2);
    }

    private JsonArray Array(JsonObject schema, int depth)
    {
        var min = schema["minItems"]?.GetValue<int>() ?? 0;
        var max = schema["maxItems"]?.GetValue<int>() ?? int.MaxValue;
        var count = depth >= MaxDepth ? min : _faker.Random.Int(min, (int)Math.Min(max, min + 3L));
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(Generate(schema["items"] ?? JsonValue.Create(true), depth + 1));
        }

        return array;
    }

    private JsonObject Object(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var (name, propertySchema) in schema["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name) || (depth < MaxDepth && _faker.Random.Bool(0.6f)))
            {
                result[name] = Generate(propertySchema, depth + 1);
            }
        }

        var additional = schema["additionalProperties"];
        var declared = schema["properties"] is JsonObject { Count: > 0 };
        var open = additional is JsonObject || (additional is null && !declared) || (additional is JsonValue v && v.GetValue<bool>() && !declared);
        if (open && depth < MaxDepth)
        {
            var keyPattern = schema["propertyNames"]?["pattern"]?.GetValue<string>();
            var extra = _faker.Random.Int(0, 2);
            for (var i = 0; i < extra; i++)
            {
                var key = keyPattern is null ? _faker.Lorem.Word() + i.ToString(CultureInfo.InvariantCulture) : PatternGenerators[keyPattern](_faker);
                if (!result.ContainsKey(key))
                {
                    result[key] = additional is JsonObject valueSchema
                        ? Generate(valueSchema, depth + 1)
                        : JsonValue.Create(_faker.Lorem.Word());
                }
            }
        }

        return result;
    }

    /// <summary>One object schema from the parts of an <c>allOf</c>: properties of later parts refine earlier ones.</summary>
    private JsonObject Merge(JsonObject owner, JsonArray parts)
    {
        var properties = new JsonObject();
        var required = new HashSet<string>(StringComparer.Ordinal);
        JsonNode? additional = null;
        foreach (var part in parts.Append(Without(owner, "allOf")))
        {
            var resolved = part;
            while (resolved?["$ref"] is JsonValue reference)
            {
                resolved = _contract.At(reference.GetValue<string>());
            }

            if (resolved is not JsonObject partObject)
            {
                continue;
            }

            if (partObject["allOf"] is JsonArray nested)
            {
                partObject = Merge(partObject, nested);
            }

            foreach (var (name, schema) in partObject["properties"]?.AsObject() ?? [])
            {
                properties[name] = schema?.DeepClone();
            }

            foreach (var name in partObject["required"]?.AsArray() ?? [])
            {
                required.Add(name!.GetValue<string>());
            }

            additional = partObject["additionalProperties"]?.DeepClone() ?? additional;
        }

        var merged = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(required.Select(r => (JsonNode)JsonValue.Create(r)!).ToArray()),
        };
        if (additional is not null)
        {
            merged["additionalProperties"] = additional;
        }

        return merged;
    }

    private static JsonObject Without(JsonObject schema, string keyword)
    {
        var copy = (JsonObject)schema.DeepClone();
        copy.Remove(keyword);
        return copy;
    }

    /// <summary>A version-4 UUID drawn from the seeded randomizer (Bogus' own UUID does not set the version bits).</summary>
    private string Uuid()
    {
        var bytes = _faker.Random.Bytes(16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}

using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Outlit.Drift.Surface;

/// <summary>
/// The public API of an assembly as a map from a member's identity (type and name, with parameters
/// for methods) to its shape (kind, return or property type, accessors). Two surfaces compare by key.
/// </summary>
public sealed class ApiSurface
{
    private ApiSurface(IReadOnlyDictionary<string, string> members, IReadOnlyDictionary<string, string>? declarations = null, IReadOnlyDictionary<string, string>? namespaces = null)
    {
        Members = members;
        Declarations = declarations ?? new Dictionary<string, string>(StringComparer.Ordinal);
        Namespaces = namespaces ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Member identity to shape, including one entry per public type.</summary>
    public IReadOnlyDictionary<string, string> Members { get; }

    /// <summary>
    /// Member identity to its C# declaration (parameter names and default values included), for listings. Only a
    /// surface read from an assembly has them; a listing falls back to the shape otherwise.
    /// </summary>
    public IReadOnlyDictionary<string, string> Declarations { get; }

    /// <summary>Type identity to its namespace, for listings; empty for a surface built from entries.</summary>
    public IReadOnlyDictionary<string, string> Namespaces { get; }

    /// <summary>Builds a surface from explicit entries (identity to shape).</summary>
    /// <param name="members">The entries.</param>
    /// <returns>The surface.</returns>
    public static ApiSurface FromEntries(IEnumerable<KeyValuePair<string, string>> members)
        => new(members.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    /// <summary>
    /// Reads the public surface of an assembly without loading it for execution (metadata only), so
    /// two versions of the same assembly can be inspected side by side.
    /// </summary>
    /// <param name="assemblyPath">The assembly file. Its folder is searched for its dependencies.</param>
    /// <returns>The surface.</returns>
    public static ApiSurface Load(string assemblyPath) => Load(assemblyPath, []);

    /// <summary>
    /// Reads the public surface of an assembly whose folder does not hold its dependencies (one taken out of a
    /// package, for example), resolving them from the given files first.
    /// </summary>
    /// <param name="assemblyPath">The assembly file.</param>
    /// <param name="references">Assemblies to resolve its references from, before its own folder and the runtime's.</param>
    /// <returns>The surface.</returns>
    public static ApiSurface Load(string assemblyPath, IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var full = Path.GetFullPath(assemblyPath);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException("Assembly not found: " + full, full);
        }

        var candidates = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in references.Where(File.Exists))
        {
            candidates.TryAdd(Path.GetFileName(file), Path.GetFullPath(file));
        }

        foreach (var file in Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
        {
            candidates.TryAdd(Path.GetFileName(file), file);
        }

        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(full)!, "*.dll"))
        {
            candidates.TryAdd(Path.GetFileName(file), file);
        }

        // An assembly that uses a shared framework besides the runtime (ASP.NET Core's, for the mock server) finds
        // those assemblies there, not in its folder.
        foreach (var file in SharedFrameworkAssemblies())
        {
            candidates.TryAdd(Path.GetFileName(file), file);
        }

        // A class library's output folder does not hold its package dependencies; its deps.json
        // says which package files it was built against, and they sit in the NuGet package folder.
        foreach (var file in PackageDependencies(full))
        {
            candidates.TryAdd(Path.GetFileName(file), file);
        }

        candidates[Path.GetFileName(full)] = full;
        using var context = new MetadataLoadContext(new PathAssemblyResolver(candidates.Values));
        var assembly = context.LoadFromAssemblyPath(full);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var declarations = new Dictionary<string, string>(StringComparer.Ordinal);
        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            types = ex.Types.Where(t => t is not null && t.IsVisible).ToArray()!;
        }

        foreach (var type in types)
        {
            AddType(type, members, declarations);
            namespaces[Format(type)] = type.Namespace ?? "";
        }

        foreach (var key in declarations.Keys.ToList())
        {
            declarations[key] = Keywords(declarations[key]);
        }

        return new ApiSurface(members, declarations, namespaces);
    }

    /// <summary>The package dependencies an assembly was built against, as its <c>.deps.json</c> names them in the NuGet package folder.</summary>
    /// <param name="assemblyPath">The assembly, with its <c>.deps.json</c> beside it.</param>
    /// <returns>The dependency files that exist.</returns>
    public static IReadOnlyList<string> DependenciesOf(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(assemblyPath);
        var full = Path.GetFullPath(assemblyPath);
        return [.. PackageDependencies(full), .. Directory.GetFiles(Path.GetDirectoryName(full)!, "*.dll").Where(f => !string.Equals(f, full, StringComparison.Ordinal))];
    }

    /// <summary>One surface holding the members of several (of different assemblies, whose namespaces do not overlap).</summary>
    /// <param name="surfaces">The surfaces.</param>
    /// <returns>The union; for a member present twice, the last one wins.</returns>
    public static ApiSurface Merge(IEnumerable<ApiSurface> surfaces)
    {
        ArgumentNullException.ThrowIfNull(surfaces);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        var declarations = new Dictionary<string, string>(StringComparer.Ordinal);
        var namespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var surface in surfaces)
        {
            foreach (var (key, value) in surface.Members)
            {
                members[key] = value;
            }

            foreach (var (key, value) in surface.Declarations)
            {
                declarations[key] = value;
            }

            foreach (var (key, value) in surface.Namespaces)
            {
                namespaces[key] = value;
            }
        }

        return new ApiSurface(members, declarations, namespaces);
    }

    /// <summary>
    /// The surface as JSON (members with their shapes, declarations and namespaces, each sorted), so that it can travel
    /// inside a package and be compared later without the assembly or its dependencies.
    /// </summary>
    /// <returns>Indented UTF-8 JSON text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(stream, new System.Text.Json.JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("format", 1);
            foreach (var (name, map) in new[] { ("members", Members), ("declarations", Declarations), ("namespaces", Namespaces) })
            {
                json.WriteStartObject(name);
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    json.WriteString(key, map[key]);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a surface written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The surface.</returns>
    /// <exception cref="FormatException">The text is not a surface.</exception>
    public static ApiSurface FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("members", out var members) || members.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new FormatException("A surface is a JSON object with a \"members\" object.");
            }

            Dictionary<string, string> Read(string name) =>
                root.TryGetProperty(name, out var map) && map.ValueKind == System.Text.Json.JsonValueKind.Object
                    ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
                    : new Dictionary<string, string>(StringComparer.Ordinal);

            return new ApiSurface(Read("members"), Read("declarations"), Read("namespaces"));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new FormatException("The surface is not valid JSON: " + ex.Message, ex);
        }
    }

    private static IEnumerable<string> SharedFrameworkAssemblies()
    {
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        var shared = runtime.Parent?.Parent;
        if (shared is null || !shared.Exists)
        {
            return [];
        }

        return shared.EnumerateDirectories()
            .Where(framework => framework.FullName != runtime.Parent!.FullName)
            .Select(framework => framework.EnumerateDirectories().Where(v => v.Name == runtime.Name).FirstOrDefault()
                ?? framework.EnumerateDirectories().OrderByDescending(v => v.Name, StringComparer.Ordinal).FirstOrDefault())
            .OfType<DirectoryInfo>()
            .SelectMany(version => version.EnumerateFiles("*.dll"))
            .Select(file => file.FullName)
            .ToList();
    }

    private static IEnumerable<string> PackageDependencies(string assemblyPath)
    {
        var depsFile = Path.ChangeExtension(assemblyPath, ".deps.json");
        if (!File.Exists(depsFile))
        {
            yield break;
        }

        var packageRoots = new[]
        {
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        }.Where(r => !string.IsNullOrEmpty(r) && Directory.Exists(r)).ToList();

        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(depsFile));
        if (!deps.RootElement.TryGetProperty("targets", out var targets) || !deps.RootElement.TryGetProperty("libraries", out var libraries))
        {
            yield break;
        }

        foreach (var target in targets.EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!libraries.TryGetProperty(library.Name, out var description)
                    || !description.TryGetProperty("path", out var packagePath)
                    || !library.Value.TryGetProperty("runtime", out var runtime))
                {
                    continue;
                }

                foreach (var asset in runtime.EnumerateObject())
                {
                    foreach (var packageRoot in packageRoots)
                    {
                        var file = Path.Combine(packageRoot!, packagePath.GetString()!, asset.Name);
                        if (File.Exists(file))
                        {
                            yield return file;
                            break;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The part of the surface in one namespace (and its sub-namespaces), renamed to another, so that
    /// two clients compiled side by side under different namespaces can be compared.
    /// </summary>
    /// <param name="prefix">The namespace to keep, for example <c>Outlit.Regenerated.Nbase</c>.</param>
    /// <param name="replacement">The namespace to report it as, for example <c>Outlit</c>.</param>
    /// <returns>The projected surface.</returns>
    public ApiSurface ForNamespace(string prefix, string replacement)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, shape) in Members)
        {
            if (key.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                // Parameter and return types name the namespace too, not only the declaring type.
                var renamedKey = (replacement + key[prefix.Length..]).Replace(prefix + ".", replacement + ".", StringComparison.Ordinal);
                members[renamedKey] = shape.Replace(prefix + ".", replacement + ".", StringComparison.Ordinal);
            }
        }

        return new ApiSurface(members);
    }

    /// <summary>Whether a shape describes a type rather than a member (an enum's values are members: <c>enum value 1</c>).</summary>
    internal static bool IsTypeShape(string shape)
    {
        var words = shape.Split(' ');
        return words[0] is "class" or "interface" or "struct" or "delegate"
            || (words[0] == "enum" && (words.Length == 1 || words[1] != "value"));
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static bool Visible(MethodBase? method) => method is not null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    private static void AddType(Type type, Dictionary<string, string> members, Dictionary<string, string> declarations)
    {
        var name = Format(type);
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsSubclassOf(type.Module.Assembly.GetType("System.Delegate") ?? typeof(object)) ? "delegate" : "class";
        var shape = new StringBuilder(kind);
        var modifier = "";
        if (type.IsClass && type.IsAbstract && type.IsSealed)
        {
            modifier = "static";
        }
        else if (type.IsClass && type.IsAbstract)
        {
            modifier = "abstract";
        }
        else if (type.IsClass && type.IsSealed)
        {
            modifier = "sealed";
        }

        if (modifier.Length > 0)
        {
            shape.Append(' ').Append(modifier);
        }

        var bases = new List<string>();
        if (type.BaseType is { } baseType && !type.IsEnum && !type.IsValueType && baseType.FullName != "System.Object")
        {
            shape.Append(" : ").Append(Format(baseType));
            bases.Add(Format(baseType));
        }

        // Interfaces are part of what callers rely on (an IAsyncEnumerable<T> can be awaited in foreach); the
        // listing shows them, the comparison keys stay as they were.
        var inherited = type.BaseType?.GetInterfaces().Select(Format).ToHashSet(StringComparer.Ordinal) ?? [];
        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic || i.IsNestedPublic).Select(Format).Where(i => !inherited.Contains(i)).Order(StringComparer.Ordinal));

        members[name] = shape.ToString();
        var typeName = type.IsNested ? Format(type.DeclaringType!) + "." + TypeName(type) : TypeName(type);
        declarations[name] = "public " + (modifier.Length > 0 ? modifier + " " : "") + (type.IsValueType && !type.IsEnum && IsReadOnly(type) ? "readonly " : "") + kind + " " + typeName
            + (bases.Count > 0 && !type.IsEnum ? " : " + string.Join(", ", bases) : "");
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var value = Convert.ToString(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture);
                members[name + "." + field.Name] = "enum value " + value;
                declarations[name + "." + field.Name] = field.Name + " = " + value + ",";
            }

            return;
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            var fieldModifiers = (field.IsStatic && !field.IsLiteral ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : field.IsLiteral ? "const " : string.Empty);
            members[name + "." + field.Name] = (field.IsStatic ? "static " : string.Empty) + (field.IsInitOnly ? "readonly " : field.IsLiteral ? "const " : string.Empty) + "field " + Format(field.FieldType);
            declarations[name + "." + field.Name] = Access(field.IsPublic) + fieldModifiers + Format(field.FieldType) + " " + field.Name
                + (field.IsLiteral ? " = " + Literal(field.GetRawConstantValue(), field.FieldType) : string.Empty) + ";";
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var getter = Visible(property.GetMethod);
            var setter = Visible(property.SetMethod);
            if (!getter && !setter)
            {
                continue;
            }

            var indexer = property.GetIndexParameters();
            var key = name + "." + property.Name + (indexer.Length > 0 ? "[" + string.Join(", ", indexer.Select(p => Format(p.ParameterType))) + "]" : string.Empty);
            var accessorMethod = property.GetMethod ?? property.SetMethod!;
            members[key] = (accessorMethod.IsStatic ? "static " : string.Empty) + "property " + Format(property.PropertyType) + " {" + (getter ? " get;" : string.Empty) + (setter ? " set;" : string.Empty) + " }";
            var accessors = (getter ? " get;" : string.Empty) + (setter ? (IsInitOnly(property.SetMethod!) ? " init;" : " set;") : string.Empty);
            declarations[key] = (type.IsInterface ? string.Empty : Access(accessorMethod.IsPublic) + Modifiers(accessorMethod, type)) + Format(property.PropertyType) + " "
                + (indexer.Length > 0 ? "this[" + ParameterList(indexer) + "]" : property.Name) + " {" + accessors + " }";
        }

        foreach (var @event in type.GetEvents(Declared).Where(e => Visible(e.AddMethod)))
        {
            members[name + "." + @event.Name] = "event " + Format(@event.EventHandlerType!);
            declarations[name + "." + @event.Name] = (type.IsInterface ? string.Empty : Access(@event.AddMethod!.IsPublic)) + "event " + Format(@event.EventHandlerType!) + " " + @event.Name + ";";
        }

        foreach (var constructor in type.GetConstructors(Declared).Where(Visible))
        {
            var key = name + ".ctor(" + Parameters(constructor) + ")";
            members[key] = "constructor";
            declarations[key] = Access(constructor.IsPublic) + TypeName(type) + "(" + ParameterList(constructor.GetParameters()) + ");";
        }

        foreach (var method in type.GetMethods(Declared).Where(m => Visible(m) && !m.IsSpecialName))
        {
            var generic = method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;
            var modifiers = (method.IsStatic ? "static " : string.Empty) + (method.IsAbstract && !type.IsInterface ? "abstract " : method.IsVirtual && !method.IsFinal && !type.IsInterface ? "virtual " : string.Empty);
            var key = name + "." + method.Name + generic + "(" + Parameters(method) + ")";
            members[key] = modifiers + "method returns " + Format(method.ReturnType);
            declarations[key] = (type.IsInterface ? string.Empty : Access(method.IsPublic) + Modifiers(method, type)) + Format(method.ReturnType) + " " + method.Name + generic
                + "(" + ParameterList(method.GetParameters()) + ");";
        }
    }

    /// <summary>The C# keywords for the framework types that have one, as a declaration spells them.</summary>
    private static string Keywords(string declaration) =>
        System.Text.RegularExpressions.Regex.Replace(
            declaration,
            @"\bSystem\.(String|Int32|Int64|Int16|UInt32|UInt64|UInt16|Boolean|Double|Single|Decimal|Byte|SByte|Char|Object|Void)\b(?!\.)",
            match => match.Groups[1].Value switch
            {
                "String" => "string",
                "Int32" => "int",
                "Int64" => "long",
                "Int16" => "short",
                "UInt32" => "uint",
                "UInt64" => "ulong",
                "UInt16" => "ushort",
                "Boolean" => "bool",
                "Double" => "double",
                "Single" => "float",
                "Decimal" => "decimal",
                "Byte" => "byte",
                "SByte" => "sbyte",
                "Char" => "char",
                "Object" => "object",
                _ => "void",
            });

    private static string Access(bool isPublic) => isPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method, Type type) =>
        (method.IsStatic ? "static " : string.Empty)
        + (method.IsAbstract && !type.IsInterface ? "abstract " : string.Empty)
        + (method.IsVirtual && !method.IsAbstract && !method.IsFinal && (method.Attributes & MethodAttributes.NewSlot) != 0 ? "virtual " : string.Empty)
        + (method.IsVirtual && !method.IsAbstract && (method.Attributes & MethodAttributes.NewSlot) == 0 ? (method.IsFinal ? "sealed override " : "override ") : string.Empty);

    private static string TypeName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Skip(type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0).Select(a => a.Name)) + ">";
    }

    private static bool IsReadOnly(Type type) =>
        type.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.IsReadOnlyAttribute");

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string ParameterList(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p =>
            (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)
            + Format(p.ParameterType) + " " + p.Name
            + (p.HasDefaultValue ? " = " + Literal(p.RawDefaultValue, p.ParameterType) : p.IsOptional ? " = default" : string.Empty)));

    private static string Literal(object? value, Type type) => value switch
    {
        null when type.IsValueType && !(type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") => "default",
        null => "null",
        string text => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool flag => flag ? "true" : "false",
        System.Reflection.Missing => "default",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "default",
    };

    private static string Parameters(MethodBase method)
        => string.Join(", ", method.GetParameters().Select(p => (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) + Format(p.ParameterType) + (p.IsOptional ? " = default" : string.Empty)));

    /// <summary>Formats a type the way C# spells it, with generic arguments.</summary>
    private static string Format(Type type)
    {
        if (type.IsByRef)
        {
            return Format(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Format(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Format(type.DeclaringType!) + "." + type.Name : (type.Namespace is { Length: > 0 } ns ? ns + "." : string.Empty) + type.Name;
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        if (type.GetGenericTypeDefinition().FullName == "System.Nullable`1")
        {
            return Format(type.GetGenericArguments()[0]) + "?";
        }

        return name + "<" + string.Join(", ", type.GetGenericArguments().Select(Format)) + ">";
    }
}

/// <summary>Semantic-version bump suggested by a surface comparison.</summary>
public enum VersionBump
{
    /// <summary>Nothing public changed.</summary>
    Patch,

    /// <summary>Public API was only added.</summary>
    Minor,

    /// <summary>Public API was removed or changed: existing callers may not compile.</summary>
    Major,
}

/// <summary>A member of the SDK that no longer compiles against the candidate contract.</summary>
/// <param name="Member">
/// The public member (its surface identity) whose code the compiler rejects; for code in a non-public member, that
/// member and its type, marked as such.
/// </param>
/// <param name="Diagnostic">The compiler's code and message, for example <c>CS1061: 'Integration' does not contain a definition for 'Status'</c>.</param>
/// <param name="Location">The source file, relative to the repository root, and line.</param>
public sealed record BuildBreak(string Member, string Diagnostic, string Location);

/// <summary>The difference between two public surfaces.</summary>
/// <param name="Removed">Members present before and gone now.</param>
/// <param name="Changed">Members whose shape changed, as <c>member: before -&gt; after</c>.</param>
/// <param name="Added">Members that are new.</param>
public sealed record SurfaceReport(IReadOnlyList<string> Removed, IReadOnlyList<string> Changed, IReadOnlyList<string> Added)
{
    /// <summary>
    /// Members that no longer build against the candidate: the SDK did not compile, so the candidate has no surface to
    /// compare and <see cref="Removed"/>, <see cref="Changed"/> and <see cref="Added"/> are empty.
    /// </summary>
    public IReadOnlyList<BuildBreak> NoLongerBuilds { get; init; } = [];

    /// <summary>What was compared, for the report: the assemblies, or the generated client alone.</summary>
    public string Scope { get; init; } = "the generated client";

    /// <summary>Major when anything was removed or changed or no longer builds, minor when only added, patch otherwise.</summary>
    public VersionBump Bump => Removed.Count > 0 || Changed.Count > 0 || NoLongerBuilds.Count > 0 ? VersionBump.Major : Added.Count > 0 ? VersionBump.Minor : VersionBump.Patch;

    /// <summary>
    /// The surface change as a finding's severity, so that it counts toward <c>--fail-on</c>: breaking for a major bump,
    /// non-breaking for a minor one, none for a patch.
    /// </summary>
    public Comparison.Severity? Verdict => Bump switch
    {
        VersionBump.Major => Comparison.Severity.Breaking,
        VersionBump.Minor => Comparison.Severity.NonBreaking,
        _ => null,
    };
}

/// <summary>Compares two public surfaces.</summary>
public static class SurfaceComparer
{
    /// <summary>Compares the surface of the current assembly with the regenerated one.</summary>
    /// <param name="current">The surface shipped today.</param>
    /// <param name="regenerated">The surface the candidate document would produce.</param>
    /// <returns>The removed, changed and added members, each list sorted.</returns>
    public static SurfaceReport Compare(ApiSurface current, ApiSurface regenerated)
    {
        var removed = new List<string>();
        var changed = new List<string>();
        var added = new List<string>();
        foreach (var (key, shape) in current.Members)
        {
            if (!regenerated.Members.TryGetValue(key, out var newShape))
            {
                removed.Add(key);
            }
            else if (!string.Equals(shape, newShape, StringComparison.Ordinal))
            {
                changed.Add($"{key}: {shape} -> {newShape}");
            }
        }

        added.AddRange(regenerated.Members.Keys.Where(k => !current.Members.ContainsKey(k)));

        // A removed type implies its members are gone: list the type alone to keep reports readable.
        var removedTypes = removed.Where(k => IsType(current.Members[k])).ToHashSet(StringComparer.Ordinal);
        removed.RemoveAll(k => !removedTypes.Contains(k) && removedTypes.Any(t => k.StartsWith(t + ".", StringComparison.Ordinal)));
        var addedTypes = added.Where(k => IsType(regenerated.Members[k])).ToHashSet(StringComparer.Ordinal);
        added.RemoveAll(k => !addedTypes.Contains(k) && addedTypes.Any(t => k.StartsWith(t + ".", StringComparison.Ordinal)));

        removed.Sort(StringComparer.Ordinal);
        changed.Sort(StringComparer.Ordinal);
        added.Sort(StringComparer.Ordinal);
        return new SurfaceReport(removed, changed, added);
    }

    private static bool IsType(string shape) => ApiSurface.IsTypeShape(shape);
}

using System.Text;
using System.Text.RegularExpressions;

namespace Outlit.Drift.Surface;

/// <summary>One <c>error CSxxxx</c> line of a build log.</summary>
/// <param name="File">The source file, as the compiler named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Code">The compiler's code, for example <c>CS1061</c>.</param>
/// <param name="Message">The compiler's message.</param>
internal sealed record CompilerError(string File, int Line, int Column, string Code, string Message)
{
    /// <summary><c>CS1061: message</c>.</summary>
    public string Diagnostic => Code + ": " + Message;
}

/// <summary>Reads compiler errors out of MSBuild output and names the declarations they sit in.</summary>
internal static partial class CompilerErrors
{
    // "<file>(<line>,<column>): error CSxxxx: <message> [<project>]": MSBuild prints each error once where it happens
    // and again in the summary, so they are deduplicated.
    [GeneratedRegex(@"^\s*(?<file>.+?)\((?<line>\d+),(?<column>\d+)(?:,\d+,\d+)?\): error (?<code>CS\d{4}): (?<message>.*?)(?:\s+\[[^\]]+\])?\s*$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    /// <summary>The distinct compiler errors in a build log, in the order they first appear.</summary>
    /// <param name="log">MSBuild's console output.</param>
    /// <returns>The errors.</returns>
    public static IReadOnlyList<CompilerError> Parse(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var seen = new HashSet<CompilerError>();
        var errors = new List<CompilerError>();
        foreach (Match match in ErrorLine().Matches(log.ReplaceLineEndings("\n")))
        {
            var error = new CompilerError(
                match.Groups["file"].Value.Trim(),
                int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["code"].Value,
                match.Groups["message"].Value.Trim());
            if (seen.Add(error))
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    /// <summary>
    /// What no longer builds, by public member: each error is placed in the declaration that contains it, and that
    /// declaration is looked up in the surface of the SDK as it built against the base contract. An error inside a
    /// non-public member names the member and its public type; one in a non-public type names it as such.
    /// </summary>
    /// <param name="errors">The compiler errors.</param>
    /// <param name="sourceRoot">The folder the build ran in, to read the sources and shorten the paths.</param>
    /// <param name="baseSurface">The public surface built from the base contract.</param>
    /// <returns>One entry per member and diagnostic, sorted by member.</returns>
    public static IReadOnlyList<BuildBreak> Attribute(IReadOnlyList<CompilerError> errors, string sourceRoot, ApiSurface baseSurface)
    {
        var breaks = new HashSet<(string Member, string Diagnostic, string File, int Line)>();
        var sources = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var path = Path.IsPathRooted(error.File) ? error.File : Path.Combine(sourceRoot, error.File);
            if (!sources.TryGetValue(path, out var text))
            {
                text = File.Exists(path) ? File.ReadAllText(path) : null;
                sources[path] = text;
            }

            var relative = Path.GetRelativePath(sourceRoot, path).Replace('\\', '/');
            var declaration = text is null ? null : SourceDeclarations.Enclosing(text, error.Line, error.Column);
            foreach (var member in Name(declaration, baseSurface))
            {
                breaks.Add((member, Shorten(error.Diagnostic), relative, error.Line));
            }
        }

        // The same mistake repeated in one member (a property read twice) is one entry, with each line.
        return breaks
            .GroupBy(b => (b.Member, b.Diagnostic, b.File))
            .Select(g => new BuildBreak(g.Key.Member, g.Key.Diagnostic, g.Key.File + ":" + string.Join(",", g.Select(b => b.Line).Distinct().Order())))
            .OrderBy(b => b.Member, StringComparer.Ordinal).ThenBy(b => b.Location, StringComparer.Ordinal).ThenBy(b => b.Diagnostic, StringComparer.Ordinal)
            .ToList();
    }

    [GeneratedRegex(@"( and no accessible extension method .*| \(are you missing a using directive or an assembly reference\?\))$")]
    private static partial Regex Boilerplate();

    /// <summary>The diagnostic without the compiler's generic advice, which says nothing about a contract change.</summary>
    private static string Shorten(string diagnostic) => Boilerplate().Replace(diagnostic, string.Empty);

    private static IEnumerable<string> Name(EnclosingDeclaration? declaration, ApiSurface surface)
    {
        if (declaration is null || declaration.Types.Count == 0)
        {
            yield return "(outside any type)";
            yield break;
        }

        var typeKey = (declaration.Namespace.Length > 0 ? declaration.Namespace + "." : string.Empty) + string.Join(".", declaration.Types);
        var typeIsPublic = surface.Members.ContainsKey(typeKey);
        if (declaration.Member is not { } member)
        {
            yield return typeIsPublic ? typeKey : typeKey + " (not public)";
            yield break;
        }

        var isConstructor = member == declaration.Types[^1];
        var lookup = isConstructor ? ".ctor(" : "." + member;
        var keys = surface.Members.Keys
            .Where(k => k.StartsWith(typeKey + lookup, StringComparison.Ordinal)
                && (lookup.EndsWith('(') || k.Length == typeKey.Length + lookup.Length || k[typeKey.Length + lookup.Length] is '(' or '[' or '<'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (keys.Count > 0)
        {
            foreach (var key in keys)
            {
                yield return key;
            }
        }
        else
        {
            var name = isConstructor ? "ctor" : member;
            yield return typeIsPublic ? $"{typeKey} (in its non-public member {name})" : $"{typeKey}.{name} (not public)";
        }
    }
}

/// <summary>The declarations around a position in a C# file.</summary>
/// <param name="Namespace">The namespace, empty when none.</param>
/// <param name="Types">The enclosing types, outermost first.</param>
/// <param name="Member">The member of the innermost type, when the position is inside one.</param>
internal sealed record EnclosingDeclaration(string Namespace, IReadOnlyList<string> Types, string? Member);

/// <summary>
/// Finds the namespace, types and member that contain a line of C# without a compiler: it follows braces outside
/// comments, strings and character literals, and reads the declaration in front of each opening brace. Enough to name
/// where an error sits; it does not need the file to compile.
/// </summary>
internal static partial class SourceDeclarations
{
    [GeneratedRegex(@"^namespace\s+(?<name>[\w.]+)")]
    private static partial Regex NamespaceHeader();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+class|\s+struct)?)\s+(?<name>@?\w+)")]
    private static partial Regex TypeHeader();

    [GeneratedRegex(@"(?<name>@?\w+)\s*(?:<[^<>()]*(?:<[^<>()]*>[^<>()]*)*>)?\s*$")]
    private static partial Regex TrailingIdentifier();

    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)+")]
    private static partial Regex LeadingAttributes();

    private sealed record Scope(string Header);

    /// <summary>The declarations that contain <paramref name="line"/>:<paramref name="column"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <returns>The namespace, types and member.</returns>
    public static EnclosingDeclaration Enclosing(string text, int line, int column)
    {
        var target = Offset(text, line, column);
        var scopes = new List<Scope>();
        var header = new StringBuilder();
        var fileNamespace = string.Empty;
        var i = 0;
        while (i < text.Length && i < target)
        {
            var c = text[i];
            if (c == '/' && At(text, i + 1, '/'))
            {
                i = SkipLine(text, i);
            }
            else if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (c == '#' && AtLineStart(text, i))
            {
                i = SkipLine(text, i);
            }
            else if (c is '"' or '\'' or '@' or '$' && StringEnd(text, i) is var end and > 0)
            {
                header.Append("\"\"");
                i = end;
            }
            else if (c == '{')
            {
                scopes.Add(new Scope(Clean(header.ToString())));
                header.Clear();
                i++;
            }
            else if (c == '}')
            {
                if (scopes.Count > 0)
                {
                    scopes.RemoveAt(scopes.Count - 1);
                }

                header.Clear();
                i++;
            }
            else if (c == ';')
            {
                var statement = Clean(header.ToString());
                if (scopes.Count == 0 && NamespaceHeader().Match(statement) is { Success: true } fileScoped)
                {
                    fileNamespace = fileScoped.Groups["name"].Value;
                }

                header.Clear();
                i++;
            }
            else
            {
                header.Append(c);
                i++;
            }
        }

        // A declaration's own signature (a return or parameter type, a base type) is where most errors of a contract
        // change sit: read the rest of it, up to its body or its end, so the member it declares can be named.
        var before = Clean(header.ToString());
        while (i < text.Length && text[i] is not ('{' or ';'))
        {
            var c = text[i];
            if (c == '/' && (At(text, i + 1, '/') || At(text, i + 1, '*')))
            {
                var end = At(text, i + 1, '/') ? SkipLine(text, i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal) is var close and >= 0 ? close + 2 : text.Length;
                i = end;
            }
            else if (c is '"' or '\'' or '@' or '$' && StringEnd(text, i) is var end and > 0)
            {
                header.Append("\"\"");
                i = end;
            }
            else
            {
                header.Append(c);
                i++;
            }
        }

        var pending = Clean(header.ToString());
        var namespaces = new List<string>();
        if (fileNamespace.Length > 0)
        {
            namespaces.Add(fileNamespace);
        }

        var types = new List<string>();
        var memberScope = -1;
        for (var s = 0; s < scopes.Count; s++)
        {
            var scopeHeader = scopes[s].Header;
            if (types.Count == 0 && memberScope < 0 && NamespaceHeader().Match(scopeHeader) is { Success: true } block)
            {
                namespaces.Add(block.Groups["name"].Value);
            }
            else if (memberScope < 0 && TypeName(scopeHeader) is { } type)
            {
                types.Add(type);
            }
            else if (types.Count > 0 && memberScope < 0)
            {
                memberScope = s;
            }
        }

        // Inside a member's braces, the member is the first scope after the innermost type. Otherwise the position is in
        // a declaration: a type's (its primary constructor's parameters or its base types) or a member's (its signature,
        // an expression body, a field initializer).
        string? member = null;
        if (memberScope >= 0)
        {
            member = MemberName(scopes[memberScope].Header);
        }
        else if (TypeName(pending) is { } declaredType)
        {
            types.Add(declaredType);
            member = before.Contains('(', StringComparison.Ordinal) ? declaredType : null;
        }
        else if (types.Count > 0)
        {
            member = MemberName(pending);
        }

        return new EnclosingDeclaration(string.Join(".", namespaces), types, member);
    }

    private static string? TypeName(string header)
    {
        var stop = header.IndexOfAny(['(', '=']);
        var declaration = stop < 0 ? header : header[..stop];
        var match = TypeHeader().Match(declaration);
        return match.Success ? match.Groups["name"].Value.TrimStart('@') : null;
    }

    private static string? MemberName(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        if (header.Contains("operator", StringComparison.Ordinal))
        {
            return "op_";
        }

        // Methods and constructors end their name at the parameter list; fields, properties and expression-bodied
        // members at the initializer, the arrow or the end.
        var paren = header.IndexOf('(', StringComparison.Ordinal);
        var assign = header.IndexOf('=', StringComparison.Ordinal);
        var end = paren >= 0 && (assign < 0 || paren < assign) ? paren : assign >= 0 ? assign : header.Length;
        var declaration = header[..end];
        if (declaration.TrimEnd().EndsWith("this", StringComparison.Ordinal) || declaration.Contains("this[", StringComparison.Ordinal))
        {
            return "Item";
        }

        var match = TrailingIdentifier().Match(declaration);
        return match.Success ? match.Groups["name"].Value.TrimStart('@') : null;
    }

    private static string Clean(string header)
    {
        var collapsed = string.Join(' ', header.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return LeadingAttributes().Replace(collapsed, string.Empty).Trim();
    }

    private static int Offset(string text, int line, int column)
    {
        var offset = 0;
        for (var current = 1; current < line && offset < text.Length; current++)
        {
            var next = text.IndexOf('\n', offset);
            if (next < 0)
            {
                return text.Length;
            }

            offset = next + 1;
        }

        return Math.Min(text.Length, offset + Math.Max(0, column - 1));
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static bool AtLineStart(string text, int index)
    {
        for (var j = index - 1; j >= 0 && text[j] != '\n'; j--)
        {
            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipLine(string text, int index)
    {
        var end = text.IndexOf('\n', index);
        return end < 0 ? text.Length : end + 1;
    }

    /// <summary>The index after the string or character literal that starts at <paramref name="start"/>, or 0 when none starts there.</summary>
    private static int StringEnd(string text, int start)
    {
        var i = start;
        var interpolated = false;
        var verbatim = false;
        while (i < text.Length && text[i] is '$' or '@')
        {
            interpolated |= text[i] == '$';
            verbatim |= text[i] == '@';
            i++;
        }

        if (i >= text.Length)
        {
            return 0;
        }

        if (text[i] == '\'' && i == start)
        {
            // A character literal: '{', '\'', '\u0041'.
            var j = i + 1;
            while (j < text.Length && text[j] != '\'' && text[j] != '\n')
            {
                j += text[j] == '\\' ? 2 : 1;
            }

            return Math.Min(text.Length, j + 1);
        }

        if (text[i] != '"')
        {
            return 0;
        }

        var quotes = 0;
        while (i + quotes < text.Length && text[i + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // A raw string literal ends at the same number of quotes.
            var close = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + quotes;
        }

        i++;
        while (i < text.Length)
        {
            var c = text[i];
            if (!verbatim && c == '\\')
            {
                i += 2;
            }
            else if (c == '"')
            {
                if (verbatim && At(text, i + 1, '"'))
                {
                    i += 2;
                }
                else
                {
                    return i + 1;
                }
            }
            else if (interpolated && c == '{')
            {
                if (At(text, i + 1, '{'))
                {
                    i += 2;
                }
                else
                {
                    i = HoleEnd(text, i + 1);
                }
            }
            else if (!verbatim && c == '\n')
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary>The index after the <c>}</c> that closes an interpolation hole, skipping nested strings and braces.</summary>
    private static int HoleEnd(string text, int index)
    {
        var depth = 0;
        var i = index;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '@' or '$' && StringEnd(text, i) is var end and > 0)
            {
                i = end;
            }
            else if (c == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}')
            {
                if (depth == 0)
                {
                    return i + 1;
                }

                depth--;
                i++;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }
}

using System.Text;
using System.Text.RegularExpressions;

namespace Outlit.Testing.Internal;

/// <summary>
/// Writes a string that a regular expression of the contract (<c>pattern</c>) accepts, for the data the mock makes up.
/// It knows the constructs contracts use (literals, escapes, classes, groups, alternation, quantifiers, lookarounds,
/// which it skips) and checks its answer against the real expression, trying a few draws before it gives up.
/// </summary>
internal static class PatternSampler
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    /// <summary>A string matching <paramref name="pattern"/>, or null when none of the draws matched.</summary>
    public static string? Sample(string pattern, Random random)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            string candidate;
            try
            {
                var parser = new Parser(pattern, random);
                candidate = parser.Alternation();
            }
            catch (FormatException)
            {
                return null;
            }

            if (regex.IsMatch(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private sealed class Parser(string pattern, Random random)
    {
        private int position;

        private bool AtEnd => position >= pattern.Length;

        private char Peek => pattern[position];

        public string Alternation()
        {
            var branches = new List<string> { Sequence() };
            while (!AtEnd && Peek == '|')
            {
                position++;
                branches.Add(Sequence());
            }

            return branches[random.Next(branches.Count)];
        }

        private string Sequence()
        {
            var text = new StringBuilder();
            while (!AtEnd && Peek is not '|' and not ')')
            {
                var start = position;
                var atom = Atom();
                if (atom is null)
                {
                    // An anchor or a lookaround: it writes nothing and takes no quantifier.
                    continue;
                }

                var (min, max) = Quantifier();
                var count = min + random.Next(max - min + 1);
                for (var i = 0; i < count; i++)
                {
                    // Each repetition draws again, so [a-f0-9]{32} is not one character 32 times.
                    var end = position;
                    position = start;
                    text.Append(Atom());
                    position = end;
                }
            }

            return text.ToString();
        }

        /// <summary>One atom drawn once; null for what writes nothing.</summary>
        private string? Atom()
        {
            var c = pattern[position++];
            switch (c)
            {
                case '^' or '$':
                    return null;
                case '.':
                    return Letters[random.Next(Letters.Length)].ToString();
                case '[':
                    return Class().ToString();
                case '\\':
                    return Escape(pattern[position++]);
                case '(':
                    return Group();
                default:
                    return c.ToString();
            }
        }

        private string? Group()
        {
            var lookaround = false;
            if (!AtEnd && Peek == '?')
            {
                position++;
                var kind = pattern[position++];
                if (kind is '=' or '!')
                {
                    lookaround = true;
                }
                else if (kind == '<' && !AtEnd && Peek is '=' or '!')
                {
                    position++;
                    lookaround = true;
                }
                else if (kind == '<')
                {
                    position = pattern.IndexOf('>', position) + 1;
                }
            }

            var inner = Alternation();
            if (AtEnd || pattern[position++] != ')')
            {
                throw new FormatException("unbalanced group");
            }

            return lookaround ? null : inner;
        }

        private char Class()
        {
            var negated = !AtEnd && Peek == '^';
            if (negated)
            {
                position++;
            }

            var members = new List<char>();
            var first = true;
            while (!AtEnd && (Peek != ']' || first))
            {
                first = false;
                var c = pattern[position++];
                string single;
                if (c == '\\')
                {
                    single = EscapeSet(pattern[position++]);
                }
                else
                {
                    single = c.ToString();
                }

                if (single.Length == 1 && position + 1 < pattern.Length && Peek == '-' && pattern[position + 1] != ']')
                {
                    position++;
                    var to = pattern[position++];
                    if (to == '\\')
                    {
                        to = pattern[position++];
                    }

                    for (var x = single[0]; x <= to; x++)
                    {
                        members.Add(x);
                    }
                }
                else
                {
                    members.AddRange(single);
                }
            }

            if (AtEnd)
            {
                throw new FormatException("unclosed class");
            }

            position++;
            if (negated)
            {
                var allowed = (Letters + Digits).Where(x => !members.Contains(x)).ToList();
                return allowed.Count == 0 ? '~' : allowed[random.Next(allowed.Count)];
            }

            return members.Count == 0 ? 'a' : members[random.Next(members.Count)];
        }

        private string Escape(char c)
        {
            var set = EscapeSet(c);
            return set.Length switch
            {
                0 => "",
                1 => set,
                _ => set[random.Next(set.Length)].ToString(),
            };
        }

        private static string EscapeSet(char c) => c switch
        {
            'd' => Digits,
            'w' => Letters + Digits + "_",
            's' => " ",
            'b' or 'B' => "",
            'n' => "\n",
            't' => "\t",
            _ => c.ToString(),
        };

        private (int Min, int Max) Quantifier()
        {
            if (AtEnd)
            {
                return (1, 1);
            }

            (int, int) range;
            switch (Peek)
            {
                case '*':
                    position++;
                    range = (0, 3);
                    break;
                case '+':
                    position++;
                    range = (1, 3);
                    break;
                case '?':
                    position++;
                    range = (0, 1);
                    break;
                case '{':
                    var close = pattern.IndexOf('}', position);
                    var body = pattern[(position + 1)..close].Split(',');
                    position = close + 1;
                    var min = int.Parse(body[0], System.Globalization.CultureInfo.InvariantCulture);
                    var max = body.Length == 1 ? min
                        : body[1].Length == 0 ? min + 3
                        : int.Parse(body[1], System.Globalization.CultureInfo.InvariantCulture);
                    // Long bounded runs ({1,100}) are drawn short: valid, and readable in a test's output.
                    range = (min, Math.Min(max, min + 8));
                    break;
                default:
                    return (1, 1);
            }

            if (!AtEnd && Peek is '?' or '+')
            {
                position++;
            }

            return range;
        }
    }
}

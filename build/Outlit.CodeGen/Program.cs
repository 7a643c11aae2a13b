using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.CodeGen;

/// <summary>
/// Command line: <c>Outlit.CodeGen &lt;input.json&gt; &lt;output.json&gt; [--report &lt;unions.json&gt;] [--rules-report &lt;rules.json&gt;]</c>.
/// Exit codes: 0 normalized; 2 the input document is invalid and was refused; 64 bad usage;
/// 70 an unexpected failure of the normalizer itself. Never prints a stack trace.
/// </summary>
internal static class Program
{
    public const int Success = 0;
    public const int Refused = 2;
    public const int Usage = 64;
    public const int InternalError = 70;

    private static readonly JsonSerializerOptions OutputOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out, Console.Error);
        }
        catch (Exception exception)
        {
            // A crash of the tool itself: say what and where, but not as a trace dump.
            Console.Error.WriteLine($"error: the spec normalizer failed unexpectedly: {exception.GetType().Name}: {exception.Message}");
            return InternalError;
        }
    }

    internal static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length > 0 && args[0] == "emit")
        {
            return Emit(args[1..], output, error);
        }

        string? input = null;
        string? target = null;
        string? report = null;
        string? rulesReport = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--report" when i + 1 < args.Length:
                    report = args[++i];
                    break;
                case "--rules-report" when i + 1 < args.Length:
                    rulesReport = args[++i];
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && input is null:
                    input = value;
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && target is null:
                    target = value;
                    break;
                default:
                    error.WriteLine($"error: unexpected argument '{args[i]}'");
                    return PrintUsage(error);
            }
        }

        if (input is null || target is null)
        {
            return PrintUsage(error);
        }

        if (!File.Exists(input))
        {
            error.WriteLine($"error: {input}: file not found");
            return Usage;
        }

        NormalizationResult result;
        try
        {
            result = SpecNormalizer.Normalize(File.ReadAllText(input, Encoding.UTF8));
        }
        catch (SpecRefusedException refused)
        {
            error.WriteLine($"error: {input} was refused: the document is invalid, no code was generated.");
            foreach (var problem in refused.Problems)
            {
                error.WriteLine($"error: {input}: {problem}");
            }

            return Refused;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        WriteIfChanged(target, result.Document.ToJsonString(OutputOptions) + "\n");
        if (report is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
            var unions = JsonSerializer.SerializeToNode(result.Unions, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
            WriteIfChanged(report, unions.ToJsonString(OutputOptions) + "\n");
        }

        if (rulesReport is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(rulesReport))!);
            var rules = JsonSerializer.SerializeToNode(result.Rules, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase })!;
            WriteIfChanged(rulesReport, rules.ToJsonString(OutputOptions) + "\n");
        }

        output.WriteLine($"{input}: normalized to {target} ({result.Unions.Count} unions: {string.Join(", ", result.Unions.GroupBy(u => u.Strategy).Select(g => $"{g.Count()} {g.Key}"))})");
        return Success;
    }

    /// <summary>
    /// <c>emit &lt;normalized.json&gt; &lt;nswag-output.cs&gt; &lt;out-dir&gt; [--namespace N]</c>: writes the code the project
    /// generates beside NSwag's, from the normalized contract and the names NSwag gave its types. Nothing is written
    /// when the contract cannot be served.
    /// </summary>
    private static int Emit(string[] args, TextWriter output, TextWriter error)
    {
        var positional = new List<string>();
        var @namespace = "Outlit";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--namespace" && i + 1 < args.Length)
            {
                @namespace = args[++i];
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
            }
            else
            {
                error.WriteLine($"error: unexpected argument '{args[i]}'");
                return Usage;
            }
        }

        if (positional.Count != 3)
        {
            error.WriteLine("usage: Outlit.CodeGen emit <normalized.json> <nswag-output.cs> <out-dir> [--namespace <namespace>]");
            return Usage;
        }

        var document = SpecValidator.Parse(File.ReadAllText(positional[0], Encoding.UTF8));
        var index = new Outlit.Build.CodeGen.Emit.GeneratedCodeIndex(File.ReadAllText(positional[1], Encoding.UTF8));
        IReadOnlyDictionary<string, string> files;
        try
        {
            files = Outlit.Build.CodeGen.Emit.SurfaceEmitter.Emit(document, index, @namespace);
        }
        catch (Outlit.Build.CodeGen.Emit.EmitRefusedException refused)
        {
            error.WriteLine($"error: {positional[0]}: the contract cannot be generated from; no code was written.");
            foreach (var problem in refused.Problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return Refused;
        }

        Directory.CreateDirectory(positional[2]);
        foreach (var (name, content) in files)
        {
            WriteIfChanged(Path.Combine(positional[2], name), content);
        }

        output.WriteLine($"{positional[0]}: emitted {string.Join(", ", files.Keys)}");
        return Success;
    }

    private static void WriteIfChanged(string path, string content)
    {
        if (!File.Exists(path) || File.ReadAllText(path, Encoding.UTF8) != content)
        {
            File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
    }

    private static int PrintUsage(TextWriter error)
    {
        error.WriteLine("usage: Outlit.CodeGen <openapi.json> <normalized.json> [--report <unions.json>] [--rules-report <rules.json>]");
        return Usage;
    }
}

using System.Text.Json.Nodes;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>
/// The code the project generates beside NSwag's, from the normalized contract: every emitter in one place, so a
/// contract fact they cannot serve stops all of them and nothing is written.
/// </summary>
internal static class SurfaceEmitter
{
    /// <summary>File name to content of every file to write.</summary>
    /// <exception cref="EmitRefusedException">A fact of the contract cannot be served; every problem is listed.</exception>
    public static IReadOnlyDictionary<string, string> Emit(JsonObject document, GeneratedCodeIndex index, string @namespace)
    {
        var problems = new List<EmitProblem>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ErrorBodyEmitter.Emit(document, index, @namespace, problems) is { } errors)
        {
            files["OutlitErrorBodies.g.cs"] = errors;
        }

        if (UnionEmitter.Emit(document, index, @namespace, problems) is { } unions)
        {
            files["OutlitUnions.g.cs"] = unions;
        }

        ToolSurfaceEmitter.Emit(document, index, @namespace, files, problems);

        if (ConstantsEmitter.Emit(document, @namespace, problems) is { } constants)
        {
            files["OutlitConstants.g.cs"] = constants;
        }

        if (problems.Count > 0)
        {
            throw new EmitRefusedException(problems);
        }

        return files;
    }
}

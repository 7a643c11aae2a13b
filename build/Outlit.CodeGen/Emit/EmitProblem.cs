using Outlit.Build.CodeGen.Json;

namespace Outlit.Build.CodeGen.Emit;

/// <summary>A fact of the contract the generators cannot serve, with the JSON pointer where it is.</summary>
internal sealed record EmitProblem(string Pointer, string Message)
{
    public override string ToString() => $"{JsonPointer.ToFragment(Pointer)}: {Message}";
}

/// <summary>Thrown when the contract cannot be served; nothing is written, so no half-generated client is left.</summary>
internal sealed class EmitRefusedException(IReadOnlyList<EmitProblem> problems)
    : Exception("The contract cannot be generated from: " + string.Join("; ", problems))
{
    public IReadOnlyList<EmitProblem> Problems { get; } = problems;
}

using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Outlit.Faults.Server;

namespace Outlit.Faults.Matrix;

/// <summary>What a behaviour's script knows about its cell: the operation (for its bodies), the other origin, and what it sent.</summary>
public sealed class Script
{
    private JObject sentValues;

    internal Script(Operation operation, Uri? otherOrigin)
    {
        Operation = operation;
        OtherOrigin = otherOrigin;
        sentValues = operation.SuccessBody();
    }

    /// <summary>The operation of the cell.</summary>
    public Operation Operation { get; }

    /// <summary>The second server, for redirects; null when the behaviour uses none.</summary>
    public Uri? OtherOrigin { get; }

    /// <summary>The values of the last result body sent, which a returned value must match.</summary>
    public JObject SentValues => Volatile.Read(ref sentValues);

    /// <summary>A 200 with the operation's documented result.</summary>
    /// <returns>The reply.</returns>
    public Reply Success() => Success(Operation.SuccessBody());

    /// <summary>A 200 with <paramref name="body"/>, remembered as the values a returned result must hold.</summary>
    /// <param name="body">The result body.</param>
    /// <param name="headers">Extra headers.</param>
    /// <returns>The reply.</returns>
    public Reply Success(JObject body, params (string Name, string Value)[] headers)
    {
        Volatile.Write(ref sentValues, body);
        return Reply.Json(200, body.ToString(Formatting.None), headers);
    }
}

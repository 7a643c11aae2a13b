namespace Outlit;

// CUSTOM: the contract's answer carries `valid` only when the server sends it (an older server's rejection has just
// an error message); IsValid states the outcome a caller branches on, true only when the server said so.
public partial class ValidateApiKeyResult
{
    /// <summary>True only when the server said the key is valid.</summary>
    public bool IsValid => Valid == true;
}

namespace Outlit.Quickstart;

/// <summary>
/// Where the quickstart sends its requests, read from the environment. No API key means the embedded
/// mock server is started; an API key means a real (or self-hosted) Outlit is used.
/// </summary>
internal sealed record QuickstartSettings(string? ApiKey, Uri? BaseUrl, string? PublicKey, bool ConnectOnRemote, string? PylonApiToken)
{
    public const string BaseUrlVariable = "OUTLIT_BASE_URL";
    public const string PublicKeyVariable = "OUTLIT_PUBLIC_KEY";
    public const string ConnectVariable = "OUTLIT_QUICKSTART_CONNECT";
    public const string PylonTokenVariable = "OUTLIT_PYLON_API_TOKEN";

    /// <summary>True when no API key is configured, so the quickstart runs against the embedded mock.</summary>
    public bool UsesMock => ApiKey is null;

    /// <summary>Reads the settings through <paramref name="getVariable"/> (the process environment in production, a dictionary in tests).</summary>
    /// <exception cref="OutlitConfigurationException">OUTLIT_BASE_URL is set but is not an absolute http(s) URL.</exception>
    public static QuickstartSettings FromEnvironment(Func<string, string?> getVariable)
    {
        string? Read(string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        Uri? baseUrl = null;
        if (Read(BaseUrlVariable) is { } text)
        {
            // The value is not echoed: a URL can carry credentials in its user-info part.
            if (!Uri.TryCreate(text, UriKind.Absolute, out baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw new OutlitConfigurationException($"{BaseUrlVariable} is set but is not an absolute http(s) URL (for example https://app.outlit.ai/).");
            }
        }

        var connect = Read(ConnectVariable) is { } flag && (flag == "1" || flag.Equals("true", StringComparison.OrdinalIgnoreCase));
        return new QuickstartSettings(Read(OutlitClientOptions.ApiKeyEnvironmentVariable), baseUrl, Read(PublicKeyVariable), connect, Read(PylonTokenVariable));
    }

    /// <summary>Shows a key's kind and last characters only, so a screen or CI log never holds a usable key.</summary>
    public static string Redact(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "(not set)";
        }

        var prefix = key.Length > 3 && key[2] == '_' ? key[..3] : "";
        return key.Length >= 16 ? $"{prefix}****{key[^4..]}" : $"{prefix}****";
    }

    /// <summary>Describes the settings without any key.</summary>
    public override string ToString() =>
        $"QuickstartSettings {{ ApiKey = {Redact(ApiKey)}, BaseUrl = {BaseUrl?.GetLeftPart(UriPartial.Path) ?? "(default)"}, PublicKey = {Redact(PublicKey)}, ConnectOnRemote = {ConnectOnRemote}, PylonApiToken = {(PylonApiToken is null ? "(not set)" : "****")} }}";
}

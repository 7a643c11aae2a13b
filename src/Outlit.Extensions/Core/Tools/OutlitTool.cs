using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Outlit;

/// <summary>
/// One tool of the tool gateway as the contract describes it (<c>x-outlit-tools</c>): its name, its C# method, its
/// input and output types, and whether it is an action. <see cref="OutlitToolCatalog"/> lists them all; the
/// generated methods of <see cref="OutlitTools"/> call through them.
/// </summary>
public sealed class OutlitTool
{
    private readonly Action<JObject>? normalizeInput;

    internal OutlitTool(string name, string methodName, string? group, string? summary, bool isAction, Type? inputType, Type? outputType, bool isPaged, Action<JObject>? normalizeInput, string? deprecation = null)
    {
        Deprecation = deprecation;
        Name = name;
        MethodName = methodName;
        Group = group;
        Summary = summary;
        IsAction = isAction;
        InputType = inputType;
        OutputType = outputType;
        IsPaged = isPaged;
        this.normalizeInput = normalizeInput;
    }

    /// <summary>The tool's name on the wire (<c>outlit_list_customers</c>).</summary>
    public string Name { get; }

    /// <summary>The name of its typed method on <see cref="OutlitTools"/>, without <c>Async</c>.</summary>
    public string MethodName { get; }

    /// <summary>The area it belongs to (customers, users, facts and sources, analytics, …), as the contract groups it.</summary>
    public string? Group { get; }

    /// <summary>What the tool does, in a sentence.</summary>
    public string? Summary { get; }

    /// <summary>
    /// True for a tool with an effect outside Outlit (a notification): it is never sent twice once it may have
    /// reached the server. A tool the contract does not list counts as an action too.
    /// </summary>
    public bool IsAction { get; }

    /// <summary>True for a tool that only reads, which makes repeating it safe.</summary>
    public bool IsReadOnly => !IsAction;

    /// <summary>The generated input type; null for a tool the contract does not list.</summary>
    public Type? InputType { get; }

    /// <summary>The generated output type; null when the contract does not describe the tool's output.</summary>
    public Type? OutputType { get; }

    /// <summary>True when the tool pages by cursor and <see cref="OutlitTools"/> offers a pageable for it.</summary>
    public bool IsPaged { get; }

    /// <summary>Why the tool is deprecated (the gateway no longer lists it, for example); null when it is not.</summary>
    public string? Deprecation { get; }

    /// <summary>True when the tool is in the contract the client was generated from.</summary>
    public bool IsKnown => InputType is not null;

    /// <summary>Describes a tool the contract does not list: called as an action (never repeated), input sent as given.</summary>
    internal static OutlitTool Unlisted(string name) => new(name, name, null, null, isAction: true, null, null, isPaged: false, null);

    /// <summary>The per-call settings of a call of this tool: labelled with it, retried only when it only reads.</summary>
    internal OutlitRequestContext CreateContext() => new() { Label = Name, Tool = Name, RetrySafe = IsReadOnly };

    /// <summary>
    /// The input as the JSON object sent: a generated input, a dictionary, an anonymous object or a JObject (copied,
    /// so the caller's object is never changed), with the values the contract lists aliases for normalized.
    /// </summary>
    /// <exception cref="ArgumentException">The value cannot be sent (typically a required input field left null).</exception>
    internal JObject PrepareInput(object? input, string parameterName)
    {
        JToken token;
        try
        {
            token = input switch
            {
                null => new JObject(),
                JToken json => json.DeepClone(),
                _ => OutlitJson.ToToken(input),
            };
        }
        catch (JsonSerializationException ex)
        {
            throw new ArgumentException($"The input of {Name} cannot be sent: {ex.Message}", parameterName, ex);
        }

        var prepared = token as JObject ?? throw new ArgumentException($"The input of {Name} must serialize to a JSON object.", parameterName);
        normalizeInput?.Invoke(prepared);
        return prepared;
    }

    /// <summary>Normalizes the string at <paramref name="property"/> of <paramref name="input"/>, or each string of the list there (duplicates removed).</summary>
    internal static void NormalizeProperty(JObject input, string property, Func<string?, string?> normalize)
    {
        switch (input[property])
        {
            case JValue { Type: JTokenType.String } single:
                if (normalize((string?)single) is { } value)
                {
                    single.Value = value;
                }
                else
                {
                    input.Remove(property);
                }

                break;
            case JArray list when list.All(item => item.Type == JTokenType.String):
                var values = new List<string>();
                foreach (var item in list)
                {
                    if (normalize((string?)item) is { } normalizedItem && !values.Contains(normalizedItem, StringComparer.Ordinal))
                    {
                        values.Add(normalizedItem);
                    }
                }

                input[property] = new JArray(values.Cast<object>().ToArray());
                break;
        }
    }

    /// <summary>The tool's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;
}

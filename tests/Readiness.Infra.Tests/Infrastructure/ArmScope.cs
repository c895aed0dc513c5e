using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Readiness.Infra.Tests.Infrastructure;

/// <summary>
/// One template of a compiled deployment: main.json itself, or the nested template of one of its modules. Evaluates
/// just enough of the ARM expression language (parameters, variables, string()) to follow a value from a resource in
/// a module back to the literal or parameter default in main.bicep. Anything else (reference(), format(), ...) is
/// returned unevaluated, as the "[...]" expression text, for tests to match on.
/// </summary>
public sealed partial class ArmScope
{
    private readonly JsonObject? _parameterValues;
    private readonly ArmScope? _parent;

    private ArmScope(string name, JsonObject template, JsonObject? parameterValues, ArmScope? parent)
    {
        Name = name;
        Template = template;
        _parameterValues = parameterValues;
        _parent = parent;
    }

    public static ArmScope Root(JsonObject template) => new("main", template, null, null);

    public string Name { get; }

    public JsonObject Template { get; }

    /// <summary>Resources of this template; languageVersion 2.0 templates keep them in an object keyed by symbolic name.</summary>
    public IEnumerable<JsonObject> Resources => Template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(kv => kv.Value).OfType<JsonObject>(),
        _ => [],
    };

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject SingleResource(string type)
    {
        var matches = ResourcesOfType(type).ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"Expected one {type} in {Name}, found {matches.Count}.");
    }

    /// <summary>The module deployments declared directly in this template.</summary>
    public IEnumerable<(JsonObject Deployment, ArmScope Scope)> Modules =>
        ResourcesOfType("Microsoft.Resources/deployments").Select(d => (d, ScopeOf(d)));

    public JsonObject ModuleDeployment(string deploymentName) =>
        Modules.SingleOrDefault(m => (string?)m.Deployment["name"] == deploymentName).Deployment
        ?? throw new InvalidOperationException($"No module deployment named '{deploymentName}' in {Name}.");

    public ArmScope Module(string deploymentName) => ScopeOf(ModuleDeployment(deploymentName));

    /// <summary>The value passed to this module's parameter, unevaluated (as written in the parent template).</summary>
    public JsonNode? RawParameterValue(string parameterName) => _parameterValues?[parameterName]?["value"];

    public JsonNode? Parameter(string parameterName)
    {
        if (_parameterValues?[parameterName] is JsonObject passed)
        {
            return _parent!.Evaluate(passed["value"]);
        }

        var declaration = Template["parameters"]?[parameterName]
            ?? throw new InvalidOperationException($"{Name} declares no parameter '{parameterName}'.");
        return declaration["defaultValue"] is { } defaultValue
            ? Evaluate(defaultValue)
            : JsonValue.Create($"[parameters('{parameterName}')]");
    }

    /// <summary>A parameter's effective value as text: what the parent passed, or the default.</summary>
    public string? ParameterString(string parameterName) => Parameter(parameterName) switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    /// <summary>A parameter's effective value as a list of strings.</summary>
    public IReadOnlyList<string> ParameterStrings(string parameterName) =>
        Parameter(parameterName) is JsonArray array
            ? [.. array.Select(item => item?.GetValue<string>() ?? "")]
            : throw new InvalidOperationException($"Parameter '{parameterName}' of {Name} is not an array.");

    public JsonNode? Variable(string variableName) =>
        Template["variables"]?[variableName] is { } value
            ? Evaluate(value)
            : throw new InvalidOperationException($"{Name} declares no variable '{variableName}'.");

    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        JsonObject obj => new JsonObject(obj.Select(kv => KeyValuePair.Create(kv.Key, Evaluate(kv.Value)))),
        JsonValue value when value.TryGetValue<string>(out var text) && IsExpression(text) => EvaluateExpression(text[1..^1]),
        _ => node.DeepClone(),
    };

    /// <summary>Evaluates and renders a value as text: strings as they are, anything else as JSON.</summary>
    public string? EvaluateToString(JsonNode? node) => Evaluate(node) switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    public IReadOnlyList<string> EvaluateToStrings(JsonNode? node) =>
        Evaluate(node) is JsonArray array
            ? [.. array.Select(item => item?.GetValue<string>() ?? "")]
            : throw new InvalidOperationException($"Expected an array in {Name}, got {node?.ToJsonString()}.");

    private ArmScope ScopeOf(JsonObject deployment) => new(
        (string?)deployment["name"] ?? "?",
        deployment["properties"]?["template"]?.AsObject() ?? throw new InvalidOperationException("Module without an inline template."),
        deployment["properties"]?["parameters"]?.AsObject(),
        this);

    // "[...]" is an expression; "[[..." is a literal string that starts with '['.
    private static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    private JsonNode? EvaluateExpression(string expression)
    {
        if (ParameterReference().Match(expression) is { Success: true } parameter)
        {
            return Parameter(parameter.Groups["name"].Value);
        }

        if (VariableReference().Match(expression) is { Success: true } variable)
        {
            var value = Variable(variable.Groups["name"].Value);
            foreach (var property in variable.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                value = value?[property];
            }

            return value?.DeepClone();
        }

        if (StringCall().Match(expression) is { Success: true } call)
        {
            var inner = EvaluateExpression(call.Groups["inner"].Value);
            return inner is JsonValue value && !(value.TryGetValue<string>(out var text) && IsExpression(text))
                ? JsonValue.Create(ArmString(value))
                : JsonValue.Create($"[{expression}]");
        }

        return JsonValue.Create($"[{expression}]");
    }

    // ARM's string() renders booleans as True/False and numbers in invariant culture.
    private static string ArmString(JsonValue value) =>
        value.TryGetValue<bool>(out var flag) ? (flag ? "True" : "False")
        : value.TryGetValue<long>(out var number) ? number.ToString(CultureInfo.InvariantCulture)
        : value.TryGetValue<string>(out var text) ? text
        : value.ToJsonString();

    [GeneratedRegex(@"^parameters\('(?<name>[^']+)'\)$")]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^variables\('(?<name>[^']+)'\)(?<path>(\.\w+)*)$")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^string\((?<inner>.+)\)$")]
    private static partial Regex StringCall();
}

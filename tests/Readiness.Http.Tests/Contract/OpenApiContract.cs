using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Readiness.Development;

namespace Readiness.Http.Tests.Contract;

/// <summary>One operation of the document: its method, its path template (under the server URL <c>/api</c>) and its
/// operation id (the function's name).</summary>
public sealed record DocumentedOperation(string Method, string Path, string OperationId, JsonObject Operation);

/// <summary>
/// The checked-in OpenAPI document (<c>functions/OpenApi/openapi.json</c>) as the tests use it: its operations, the
/// operation a real request went to, and whether a real answer is one the document describes (status, media type,
/// and the body against the documented JSON Schema, with JsonSchema.Net). Every message says what to add to the
/// document, because the people adding routes read them first.
/// </summary>
public sealed class OpenApiContract
{
    public const string DocumentPath = "functions/OpenApi/openapi.json";

    /// <summary>Where the README says how to document a route.</summary>
    public const string HowTo = "See the README, 'How to document a new route'.";

    private const string ComponentsBase = "https://readiness.test/openapi.json";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];
    private static readonly Lazy<OpenApiContract> Lazy = new(() => new OpenApiContract(File.ReadAllText(FullPath)));

    private readonly BuildOptions _build = new() { SchemaRegistry = new SchemaRegistry() };
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Lock _registryGate = new();

    private OpenApiContract(string text)
    {
        Text = text;
        Root = JsonNode.Parse(text)!.AsObject();
        Operations =
        [
            .. Root["paths"]!.AsObject().SelectMany(path => Methods
                .Where(m => path.Value![m] is not null)
                .Select(m => new DocumentedOperation(m, path.Key, path.Value![m]!["operationId"]?.GetValue<string>() ?? "", path.Value[m]!.AsObject()))),
        ];

        // The components' schemas as one JSON Schema resource ($defs), so a response schema's $ref resolves.
        var definitions = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsBase,
            ["$defs"] = JsonNode.Parse(Rebase(Root["components"]!["schemas"]!.ToJsonString())),
        };
        JsonSchema.FromText(definitions.ToJsonString(), _build, new Uri(ComponentsBase));
    }

    public static OpenApiContract Shared => Lazy.Value;

    public static string FullPath => Path.Combine(RepositoryRoot.OfThisBuild, DocumentPath);

    public string Text { get; }

    public JsonObject Root { get; }

    public IReadOnlyList<DocumentedOperation> Operations { get; }

    /// <summary>The operation that serves <paramref name="method"/> <paramref name="requestPath"/> (<c>/api/…</c>),
    /// preferring literal segments over parameters, as the host's routing does.</summary>
    public DocumentedOperation? Find(string method, string requestPath)
    {
        if (!requestPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var segments = requestPath["/api".Length..].TrimEnd('/').Split('/').Skip(1).Select(Uri.UnescapeDataString).ToArray();
        return Operations
            .Where(o => o.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
            .Select(o => (Operation: o, Score: Match(o.Path, segments)))
            .Where(m => m.Score >= 0)
            .OrderByDescending(m => m.Score)
            .Select(m => m.Operation)
            .FirstOrDefault();
    }

    /// <summary>What is wrong with a real answer to <paramref name="method"/> <paramref name="requestPath"/>
    /// according to the document, or null when it is described. A path no function serves (the host's bare 404) is
    /// not the document's business.</summary>
    public string? Check(string method, string requestPath, HttpStatusCode status, string? mediaType, string body)
    {
        var operation = Find(method, requestPath);
        if (operation is null)
        {
            return status == HttpStatusCode.NotFound
                ? null
                : $"{method.ToUpperInvariant()} {requestPath} answered {(int)status} but no operation of {DocumentPath} serves it: add the path item and operation. {HowTo}";
        }

        var where = $"{operation.Method.ToUpperInvariant()} {operation.Path} ({operation.OperationId})";
        var code = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation.Operation["responses"]!.AsObject();
        var response = responses[code] ?? responses[code[0] + "XX"] ?? responses["default"];
        if (response is null)
        {
            return $"{where} answered {code}, which {DocumentPath} does not list: add responses.\"{code}\" to the operation (a $ref to #/components/responses/… for a problem). {HowTo}";
        }

        response = Resolve(response);
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0)
        {
            return body.Length == 0 ? null : $"{where} {code} has a body ({mediaType}) but the document describes none: add its content. {HowTo}";
        }

        if (mediaType is null)
        {
            return body.Length == 0 ? null : $"{where} {code} has a body without a Content-Type.";
        }

        var media = content.FirstOrDefault(c => c.Key.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || c.Key == "*/*");
        if (media.Value is null)
        {
            return $"{where} {code} answered {mediaType}; the document lists {string.Join(", ", content.Select(c => c.Key))}: add content.\"{mediaType}\". {HowTo}";
        }

        if (!IsJson(mediaType) || media.Value["schema"] is not { } schemaNode)
        {
            return null;
        }

        var results = Evaluate(schemaNode, JsonDocument.Parse(body).RootElement);
        return results.IsValid
            ? null
            : $"{where} {code} {mediaType}: the body does not match the documented schema ({Describe(results)}). Fix the schema in {DocumentPath} or the code. Body: {Shorten(body)}";
    }

    /// <summary>Validates <paramref name="instance"/> against a schema of the document (a $ref or inline).</summary>
    public EvaluationResults Evaluate(JsonNode schemaNode, JsonElement instance)
    {
        // The schema registry is a plain dictionary: a schema built (registered) while another test evaluates corrupts it.
        lock (_registryGate)
        {
            return SchemaOf(schemaNode).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        }
    }

    /// <summary>A <c>$ref</c> within the document, followed.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            node = reference[2..].Split('/').Aggregate<string, JsonNode>(Root, (at, part) => at[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);
        }

        return node;
    }

    public static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(8));

    /// <summary>Path templates the same way on both sides: <c>{*path}</c> (catch-all), <c>{x?}</c> and <c>{x:int}</c> are <c>{x}</c>.</summary>
    public static string NormalizeTemplate(string route)
    {
        var segments = route.Trim('/').Split('/').Select(s => s.StartsWith('{') && s.EndsWith('}')
            ? "{" + s[1..^1].TrimStart('*').Split(':')[0].TrimEnd('?') + "}"
            : s);
        return "/" + string.Join('/', segments);
    }

    private static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    private static string Rebase(string json) => json.Replace("#/components/schemas/", ComponentsBase + "#/$defs/", StringComparison.Ordinal);

    private static string Shorten(string body) => body.Length <= 600 ? body : body[..600] + "…";

    private JsonSchema SchemaOf(JsonNode schemaNode)
    {
        var text = Rebase(schemaNode.ToJsonString());
        if (!_schemas.TryGetValue(text, out var schema))
        {
            schema = JsonSchema.FromText(text, _build);
            _schemas[text] = schema;
        }

        return schema;
    }

    /// <summary>-1 when <paramref name="template"/> does not match; else the number of literal segments matched. A
    /// last parameter matches the rest when it is the catch-all of <c>portal/{*path}</c> (documented <c>{path}</c>).</summary>
    private static int Match(string template, string[] segments)
    {
        var parts = template.Trim('/').Split('/');
        var catchAll = parts[^1] == "{path}";
        if (catchAll ? segments.Length < parts.Length - 1 : segments.Length != parts.Length)
        {
            return -1;
        }

        var literals = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var isParameter = parts[i].StartsWith('{');
            if (catchAll && i == parts.Length - 1)
            {
                break;
            }

            if (!isParameter)
            {
                if (!parts[i].Equals(segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return -1;
                }

                literals++;
            }
        }

        return literals;
    }
}

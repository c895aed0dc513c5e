using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace Readiness.Functions.OpenApi;

/// <summary>
/// <c>GET openapi.json</c>: the OpenAPI 3.1 document of the HTTP API, the checked-in <c>functions/OpenApi/openapi.json</c>
/// embedded in the assembly (the one source of truth; the contract tests hold it to <c>functions.metadata</c> and to
/// the real answers). Public, like the portal: integrators generate clients from it before they have a key. People
/// read it on the portal's reference page (<c>/api/portal/reference.html</c>), which renders this document.
/// </summary>
public sealed class OpenApiFunctions
{
    public const string OpenApiRoute = "openapi.json";

    /// <summary>The manifest-resource name the project file gives the document.</summary>
    public const string ResourceName = "openapi/openapi.json";

    private static readonly Lazy<(byte[] Content, EntityTagHeaderValue ETag)> Embedded = new(Load);

    /// <summary>The document's bytes, as served.</summary>
    public static ReadOnlyMemory<byte> Document => Embedded.Value.Content;

    [Function(nameof(GetOpenApi))]
    public IActionResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpenApiRoute)] HttpRequest req)
    {
        var (content, tag) = Embedded.Value;
        // Revalidated on every use (a cheap 304 by ETag), so a deployment's document is seen at once.
        req.HttpContext.Response.Headers.CacheControl = "no-cache";
        req.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return new FileContentResult(content, "application/json; charset=utf-8") { EntityTag = tag };
    }

    private static (byte[], EntityTagHeaderValue) Load()
    {
        using var stream = typeof(OpenApiFunctions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The OpenAPI document is not embedded as '{ResourceName}' (see Readiness.Functions.csproj).");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        return (content, new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\""));
    }
}

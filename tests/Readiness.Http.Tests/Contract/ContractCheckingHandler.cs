using System.Net.Http;

namespace Readiness.Http.Tests.Contract;

/// <summary>
/// A client handler that holds every answer of the HTTP tests to the OpenAPI document: an answer the document does not
/// describe (an unlisted status or media type, a JSON body that fails its schema, a route missing from it) fails the
/// test that received it, with what to add to <c>functions/OpenApi/openapi.json</c>.
/// </summary>
public sealed class ContractCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var problem = OpenApiContract.Shared.Check(request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, IsText(response) ? body : "(binary)");
        if (problem is not null)
        {
            response.Dispose();
            throw new ContractViolationException(problem);
        }

        return response;
    }

    private static bool IsText(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType is not { } type
        || type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || type.Contains("json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An answer the OpenAPI document does not describe.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

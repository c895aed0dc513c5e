using Microsoft.AspNetCore.Http;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>A regency named by a request, resolved through the registry: its canonical code and record (no record for
/// <see cref="ImportRequest.AllRegencies"/>).</summary>
public sealed record RouteRegency(string Code, Regency? Regency);

/// <summary>
/// Resolves the regency a request names (route <c>{code}</c> or a query option) the same way for every function:
/// a Kemendagri code, a BPS code with <c>regencyScheme=bps</c>, or a name. The problem names the request part that is
/// wrong, with the value and any candidates: 404 when the name matches none, 400 when it matches several.
/// </summary>
public static class RegencyRoute
{
    /// <summary>The route's <c>{code}</c>, read in the scheme of the request's <c>regencyScheme</c>.</summary>
    public static async Task<Result<RouteRegency, ApiProblem>> ResolveRouteAsync(HttpRequest request, RegencyLookupService lookups, string code, bool allowAll, CancellationToken cancellationToken)
    {
        var scheme = QueryOptions.Scheme(request.Query);
        return scheme.Ok
            ? await ResolveAsync(lookups, code, scheme.Value, allowAll, "code", cancellationToken)
            : ApiProblem.BadOption(scheme.Error);
    }

    /// <param name="allowAll"><c>all</c> is the folder of multi-regency files ingested by the CLI: readable, not
    /// uploadable, and not a regency with scores.</param>
    /// <param name="parameter">The request part the value came from, for the problem document.</param>
    public static async Task<Result<RouteRegency, ApiProblem>> ResolveAsync(RegencyLookupService lookups, string code, RegencyScheme scheme, bool allowAll, string parameter, CancellationToken cancellationToken)
    {
        if (allowAll && RegencyLookupService.IsAllRegencies(code))
        {
            return new RouteRegency(ImportRequest.AllRegencies, null);
        }

        var found = await lookups.FindAsync(code, scheme, cancellationToken);
        if (found.Ok)
        {
            return new RouteRegency(found.Value.Code, found.Value);
        }

        var extensions = new Dictionary<string, object?> { ["value"] = code };
        if (found.Error.Candidates.Count > 0)
        {
            extensions["candidates"] = found.Error.Candidates.Select(r => new { code = r.Code, name = r.Name }).ToList();
        }

        return found.Error.Failure == RegencyLookupFailure.Ambiguous
            ? new ApiProblem(StatusCodes.Status400BadRequest, "Ambiguous regency", found.Error.Message, parameter, extensions)
            : new ApiProblem(StatusCodes.Status404NotFound, "Unknown regency", found.Error.Message, parameter, extensions);
    }
}

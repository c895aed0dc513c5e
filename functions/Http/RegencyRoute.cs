using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;

namespace Readiness.Functions.Http;

/// <summary>A regency named by a request, resolved through the registry: its canonical code and record, or the
/// answer to send when the name matches none (404) or several (400).</summary>
public sealed record RegencyLookup(string Code, Regency? Regency, IActionResult? Error);

/// <summary>
/// Resolves the regency a request names (route <c>{code}</c> or a query option) the same way for every function:
/// a Kemendagri code, a BPS code with <c>regencyScheme=bps</c>, or a name. The problem document names the request
/// part that is wrong, with the value and any candidates.
/// </summary>
public static class RegencyRoute
{
    /// <param name="allowAll"><c>all</c> is the folder of multi-regency files ingested by the CLI: readable, not
    /// uploadable, and not a regency with scores.</param>
    /// <param name="parameter">The request part the value came from, for the problem document.</param>
    public static async Task<RegencyLookup> ResolveAsync(RegencyLookupService lookups, string code, RegencyScheme scheme, bool allowAll, string parameter, CancellationToken cancellationToken)
    {
        if (allowAll && RegencyLookupService.IsAllRegencies(code))
        {
            return new RegencyLookup(ImportRequest.AllRegencies, null, null);
        }

        var found = await lookups.FindAsync(code, scheme, cancellationToken);
        if (found.Ok)
        {
            return new RegencyLookup(found.Value.Code, found.Value, null);
        }

        var extensions = new Dictionary<string, object?> { ["value"] = code };
        if (found.Error.Candidates.Count > 0)
        {
            extensions["candidates"] = found.Error.Candidates.Select(r => new { code = r.Code, name = r.Name }).ToList();
        }

        var error = found.Error.Failure == RegencyLookupFailure.Ambiguous
            ? ApiResults.Problem(StatusCodes.Status400BadRequest, "Ambiguous regency", found.Error.Message, parameter, extensions)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown regency", found.Error.Message, parameter, extensions);
        return new RegencyLookup("", null, error);
    }
}

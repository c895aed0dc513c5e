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
    public static async Task<RegencyLookup> ResolveAsync(ImportService imports, string code, RegencyScheme scheme, bool allowAll, string parameter, CancellationToken cancellationToken)
    {
        if (allowAll && code.Equals(ImportRequest.AllRegencies, StringComparison.OrdinalIgnoreCase))
        {
            return new RegencyLookup(ImportRequest.AllRegencies, null, null);
        }

        var resolution = await imports.ResolveRegencyAsync(code, scheme, cancellationToken);
        if (resolution.Regency is { } regency)
        {
            return new RegencyLookup(regency.Code, regency, null);
        }

        var extensions = new Dictionary<string, object?> { ["value"] = code };
        if (resolution.Candidates.Count > 0)
        {
            extensions["candidates"] = resolution.Candidates.Select(r => new { code = r.Code, name = r.Name }).ToList();
        }

        var error = resolution.Ambiguous
            ? ApiResults.Problem(StatusCodes.Status400BadRequest, "Ambiguous regency",
                $"'{code}' names {string.Join(" and ", resolution.Candidates)}. Use the Kemendagri code of the one you mean.", parameter, extensions)
            : ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown regency",
                resolution.Note ?? $"No regency '{code}' in the registry. Use a Kemendagri code such as 13.07, a BPS code with regencyScheme=bps, or the regency's name.", parameter, extensions);
        return new RegencyLookup("", null, error);
    }
}

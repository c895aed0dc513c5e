using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Quality;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>The body of a quality answer: the open flags the caller may see.</summary>
public sealed record QualityList(int Year, int Count, IReadOnlyList<QualityFinding> Flags);

/// <summary>
/// <c>quality</c>: the open data-quality flags of a year, optionally of one province (<c>province=13</c>) or regency
/// (<c>regency=13.07</c>). An admin sees every regency; a regency key only its own, as with completeness. A malformed
/// code is 400; a province or regency the registry does not have is 404.
/// </summary>
public sealed partial class QualityFunctions(QualityService quality, ScoreService scores, RegencyLookupService lookups, ILogger<QualityFunctions> logger)
{
    public const string QualityRoute = "quality";

    [Function(nameof(GetQuality))]
    public Task<IActionResult> GetQuality(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = QualityRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var year = QueryOptions.RequiredYear(req.Query);
            if (!year.Ok)
            {
                return call.Refuse(year.Error);
            }

            var province = await ProvinceFilter.ReadAsync(req.Query, scores, cancellationToken);
            if (!province.Ok)
            {
                return call.Refuse(province.Error);
            }

            var regency = QueryOptions.Single(req.Query, "regency");
            if (!regency.Ok)
            {
                return call.Refuse(regency.Error);
            }

            if (regency.Value is { } r)
            {
                if (!RegencyCode().IsMatch(r))
                {
                    return call.Refuse(new OptionError("regency", r, "regency must be a Kemendagri code PP.RR, such as regency=13.07."));
                }

                var known = await RegencyRoute.ResolveAsync(lookups, r, RegencyScheme.Kemendagri, allowAll: false, "regency", cancellationToken);
                if (!known.Ok)
                {
                    return call.Refuse(known.Error);
                }
            }

            // A regency key sees its own regency only; one without a regency (never issued) sees nothing; a province key
            // sees its province's regencies.
            if (call.Caller.IsProvince)
            {
                var mine = province.Value is { } named && named != call.Caller.ProvinceCode
                    || regency.Value is { } one && !call.Caller.IsOfProvince(one)
                    ? []
                    : await quality.ReadAsync(year.Value, call.Caller.ProvinceCode, regency.Value, cancellationToken);
                return ApiResults.Json(StatusCodes.Status200OK, new QualityList(year.Value, mine.Count, mine));
            }

            var own = call.Caller.IsAdmin ? null : call.Caller.RegencyCode ?? "";
            IReadOnlyList<QualityFinding> flags = own is not null && regency.Value is { } asked && asked != own
                ? []
                : await quality.ReadAsync(year.Value, province.Value, own ?? regency.Value, cancellationToken);
            if (own is not null && province.Value is { } only)
            {
                flags = [.. flags.Where(f => f.RegencyCode.StartsWith(only + ".", StringComparison.Ordinal))];
            }

            return ApiResults.Json(StatusCodes.Status200OK, new QualityList(year.Value, flags.Count, flags));
        });

    [GeneratedRegex("^[0-9]{2}\\.[0-9]{2}$")]
    private static partial Regex RegencyCode();
}

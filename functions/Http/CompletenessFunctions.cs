using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Completeness;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>
/// <c>completeness</c> (see the README's HTTP API table): an admin sees every regency of the registry, so the ministry
/// sees who has not reported; a province key its province's regencies; a regency key only its own row, because the
/// others' reporting is not published. The <c>reporting</c> object counts the rows answered: who has submitted the
/// year, on time or late, nationally and per province of the year.
/// </summary>
public sealed class CompletenessFunctions(CompletenessService completeness, ScoreService scores, ILogger<CompletenessFunctions> logger)
{
    public const string CompletenessRoute = "completeness";

    [Function(nameof(GetCompleteness))]
    public Task<IActionResult> GetCompleteness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CompletenessRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var year = QueryOptions.RequiredYear(req.Query);
            if (year.Error is { } badYear)
            {
                return call.Refuse(badYear);
            }

            // The same province filter as the score table's: the province of that year (Merauke is in 91 until 2022).
            var province = await ProvinceFilter.ReadAsync(req.Query, scores, cancellationToken);
            if (!province.Ok)
            {
                return call.Refuse(province.Error);
            }

            // The caller's rights decide the rows (a regency key without a regency, never issued, sees none).
            var report = await completeness.ReportAsync(year.Value, province.Value, null, call.Caller, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, report);
        });
}

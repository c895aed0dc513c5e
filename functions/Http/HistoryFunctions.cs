using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Audit;

namespace Readiness.Functions.Http;

/// <summary>
/// <c>regencies/{code}/history[?indicator=GOV-01][&amp;period=2024]</c>: the values of a regency over time, newest
/// first, each with its upload, the key that sent it, when, and the value it replaced (the append-only
/// <c>observationhistory</c>). Readable by the regency's own key, its province's key and admins, as its uploads are.
/// </summary>
public sealed class HistoryFunctions(HistoryService history, ILogger<HistoryFunctions> logger)
{
    public const string HistoryRoute = "regencies/{code}/history";

    [Function(nameof(GetHistory))]
    public Task<IActionResult> GetHistory(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HistoryRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadFor(code), async (call, cancellationToken) =>
        {
            var indicator = QueryOptions.Single(req.Query, HistoryService.IndicatorParameter);
            var period = QueryOptions.Single(req.Query, HistoryService.PeriodParameter);
            var twice = !indicator.Ok ? HistoryFilterError.GivenTwice(HistoryService.IndicatorParameter, indicator.Error.Value)
                : !period.Ok ? HistoryFilterError.GivenTwice(HistoryService.PeriodParameter, period.Error.Value)
                : null;
            if (twice is not null)
            {
                return call.Refuse(BadFilter(twice));
            }

            var query = await history.ParseAsync(indicator.Value, period.Value, cancellationToken);
            return query.Ok
                ? ApiResults.Json(StatusCodes.Status200OK, await history.ReadAsync(call.RegencyCode, query.Value, cancellationToken))
                : call.Refuse(BadFilter(query.Error));
        });

    /// <summary>400 with both texts: <c>detail</c> Indonesian first, and each alone as in a validation report.</summary>
    private static ApiProblem BadFilter(HistoryFilterError error) =>
        new(StatusCodes.Status400BadRequest, "Invalid query option", error.Message, error.Parameter,
            new Dictionary<string, object?> { ["value"] = error.Value, ["message"] = error.English, ["message_id"] = error.Indonesian });
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>
/// The readiness scores: the year's table (JSON or CSV), a regency's history, the explanation of one year, and the
/// admin's recompute (routes, access and statuses in the README's HTTP API table).
/// </summary>
public sealed class ScoreFunctions(ScoreService scores, RegencyLookupService regencies, ILogger<ScoreFunctions> logger)
{
    public const string ScoresRoute = "scores";
    public const string RegencyScoresRoute = "regencies/{code}/scores";
    public const string ExplainRoute = "regencies/{code}/scores/{year}/explain";
    public const string RecomputeRoute = "scores/recompute";
    public const string StatusParameter = "status";

    /// <summary><c>status=final</c> (publish only approved regency-years) or <c>status=provisional</c>.</summary>
    private static readonly IReadOnlyDictionary<string, ScoreStatus?> Statuses = new Dictionary<string, ScoreStatus?>(StringComparer.OrdinalIgnoreCase)
    {
        [ScoreStatuses.Final] = ScoreStatus.Final,
        [ScoreStatuses.Provisional] = ScoreStatus.Provisional,
    };

    [Function(nameof(GetScores))]
    public Task<IActionResult> GetScores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ScoresRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var requiredYear = QueryOptions.RequiredYear(req.Query);
            var csv = QueryOptions.CsvWanted(req);
            var status = QueryOptions.Choice(req.Query, StatusParameter, Statuses, null,
                "status must be 'final' (only the regency-years approved by the ministry, the scores to publish) or 'provisional'; leave it out for every row.");
            if ((requiredYear.Error ?? csv.Error ?? status.Error) is { } badOption)
            {
                return call.Refuse(badOption);
            }

            var year = requiredYear.Value;
            var provinceFilter = await ProvinceFilter.ReadAsync(req.Query, scores, cancellationToken);
            if (!provinceFilter.Ok)
            {
                return call.Refuse(provinceFilter.Error);
            }

            var province = provinceFilter.Value;

            var rows = await scores.YearAsync(year, province, status.Value, cancellationToken);
            // The same URL answers JSON or CSV by the Accept header: caches must key on it.
            req.HttpContext.Response.Headers.Vary = "Accept";
            if (csv.Value)
            {
                var fileName = string.Create(CultureInfo.InvariantCulture, $"scores-{year}{(province is null ? "" : "-" + province)}{(status.Value is { } only ? "-" + only.Name() : "")}.csv");
                return QueryOptions.Csv(req, ScoreCsv.ToText(rows), fileName);
            }

            return ApiResults.Json(StatusCodes.Status200OK, new ScoreList(year, province, rows.Count, [.. rows.Select(ScoreRow.From)], status.Value?.Name()));
        });

    [Function(nameof(GetRegencyScores))]
    public Task<IActionResult> GetRegencyScores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RegencyScoresRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var lookup = await RegencyRoute.ResolveRouteAsync(req, regencies, code, allowAll: false, cancellationToken);
            if (!lookup.Ok)
            {
                return call.Refuse(lookup.Error);
            }

            var years = await scores.RegencyAsync(lookup.Value.Code, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, new RegencyScoreHistory(
                RegencyInfo.From(lookup.Value.Regency!), years.Count, [.. years.OrderBy(s => s.Year).Select(YearScore.From)]));
        });

    [Function(nameof(ExplainScore))]
    public Task<IActionResult> ExplainScore(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ExplainRoute)] HttpRequest req,
        string code,
        string year,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var scheme = QueryOptions.Scheme(req.Query);
            var parsedYear = QueryOptions.Year(year, QueryOptions.YearParameter);
            if ((scheme.Error ?? parsedYear.Error) is { } badOption)
            {
                return call.Refuse(badOption);
            }

            var lookup = await RegencyRoute.ResolveAsync(regencies, code, scheme.Value, allowAll: false, "code", cancellationToken);
            if (!lookup.Ok)
            {
                return call.Refuse(lookup.Error);
            }

            var regency = lookup.Value;
            var explained = await scores.ExplainAsync(regency.Code, parsedYear.Value, cancellationToken);
            return explained is null
                ? call.Refuse(new ApiProblem(StatusCodes.Status404NotFound, "No score",
                    string.Create(CultureInfo.InvariantCulture, $"{regency.Regency} has no score for {parsedYear.Value}: it reported no indicator for that year, or the year has not been scored yet."),
                    QueryOptions.YearParameter, new Dictionary<string, object?> { ["value"] = year }))
                : ApiResults.Json(StatusCodes.Status200OK, explained.ToDocument());
        });

    /// <summary>
    /// Admin: recomputes the scores of <c>?year=2024[&amp;year=2023…]</c> over every regency, or of every year that has
    /// observations when no year is given, and answers the <see cref="RecomputeResult"/> (years, regencies scored,
    /// rows written). Runs while the caller waits: a full recompute of many years can take a while.
    /// </summary>
    [Function(nameof(RecomputeScores))]
    public Task<IActionResult> RecomputeScores(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RecomputeRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var years = QueryOptions.Years(req.Query);
            return years.Ok
                ? ApiResults.Json(StatusCodes.Status200OK, await scores.RecomputeAsync(years.Value, cancellationToken))
                : call.Refuse(years.Error);
        });
}

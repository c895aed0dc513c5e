using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Completeness;

namespace Readiness.Functions.Http;

/// <summary>The body of a completeness answer: one row per regency the caller may see.</summary>
public sealed record CompletenessList(int Year, int Count, IReadOnlyList<RegencyCompleteness> Regencies);

/// <summary>
/// <c>completeness</c> (see the README's HTTP API table): an admin sees every regency of the registry, so the ministry
/// sees who has not reported; a regency key sees only its own row, because the others' reporting is not published.
/// </summary>
public sealed class CompletenessFunctions(CompletenessService completeness, ILogger<CompletenessFunctions> logger)
{
    public const string CompletenessRoute = "completeness";

    [Function(nameof(GetCompleteness))]
    public Task<IActionResult> GetCompleteness(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CompletenessRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var year = QueryOptions.RequiredYear(req.Query);
            if (!year.Ok)
            {
                return call.Refuse(year.Error);
            }

            // A regency key without a regency (never issued) sees nothing rather than everything; a province key sees
            // the regencies of its province.
            var caller = call.Caller;
            var scope = caller.IsAdmin || caller.IsProvince ? null : caller.RegencyCode ?? "";
            var rows = await completeness.ForYearAsync(year.Value, scope, cancellationToken);
            if (caller.IsProvince)
            {
                rows = [.. rows.Where(r => caller.IsOfProvince(r.RegencyCode))];
            }

            return ApiResults.Json(StatusCodes.Status200OK, new CompletenessList(year.Value, rows.Count, rows));
        });
}

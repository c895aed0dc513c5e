using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Ingestion;

namespace Readiness.Functions.Http;

/// <summary>The body of <c>GET uploads</c>: the newest uploads of every regency in the last <see cref="Days"/> days.</summary>
public sealed record RecentUploadList(int Days, int Count, IReadOnlyList<UploadRecord> Uploads);

/// <summary>
/// <c>GET uploads?top=50</c> (admin): the ministry's view of what came in lately from all regencies, newest first, for
/// the portal's national page. Bounded to the last <see cref="Days"/> days so the scan stays small.
/// </summary>
public sealed class RecentUploadsFunctions(ImportService imports, TimeProvider clock, ILogger<RecentUploadsFunctions> logger)
{
    public const string RecentUploadsRoute = "uploads";
    public const int Days = 30;

    [Function(nameof(ListRecentUploads))]
    public Task<IActionResult> ListRecentUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RecentUploadsRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var top = QueryOptions.Top(req.Query, UploadFunctions.DefaultTop, UploadFunctions.MaxTop);
            if (!top.Ok)
            {
                return call.Refuse(top.Error);
            }

            var uploads = await imports.ListRecentAsync(clock.GetUtcNow().AddDays(-Days), top.Value, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, new RecentUploadList(Days, uploads.Count, uploads));
        });
}

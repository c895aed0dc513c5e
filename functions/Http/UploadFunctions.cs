using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Functions.Http;

/// <summary>The body of an upload answer, the same for the POST and the GET of one upload; a refused file's answer
/// (413, 415, 422) carries the correlation id, as every error answer does.</summary>
public sealed record UploadSummary(UploadRecord Upload, ValidationReport? Report, string? CorrelationId = null);

/// <summary>The body of the upload list of a regency, newest first.</summary>
public sealed record UploadList(string Regency, int Count, IReadOnlyList<UploadRecord> Uploads);

/// <summary>
/// The upload API of a regency: post, read and list uploads, and the admin's replay (routes, query options, access and
/// statuses in the README's HTTP API table). A request refused before an upload exists is a problem document; once an
/// upload exists, a refused file (413, 415, 422) is answered with its summary, so the caller sees the report.
/// </summary>
public sealed class UploadFunctions(ImportService imports, RegencyLookupService regencies, IOptions<ImportOptions> import, ILogger<UploadFunctions> logger)
{
    public const string UploadsRoute = "regencies/{code}/uploads";
    public const string UploadRoute = "regencies/{code}/uploads/{id}";
    public const string ReplayRoute = "regencies/{code}/uploads/{id}/replay";
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    /// <summary>The host's route prefix (host.json <c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public const string RoutePrefix = "/api/";

    [Function(nameof(PostUpload))]
    public Task<IActionResult> PostUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = UploadsRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ActFor(code), async (call, cancellationToken) =>
        {
            var options = UploadOptions.Parse(req.Query);
            if (!options.Ok)
            {
                return call.Refuse(options.Error);
            }

            var read = await UploadBody.ReadAsync(req, import.Value.MaxUploadBytes, cancellationToken);
            if (!read.Ok)
            {
                return call.Refuse(read.Error);
            }

            await using var body = read.Value;
            var result = await imports.ImportAsync((options.Value with { Source = UploadOptions.ClientSource(req.Headers) }).ToRequest(call.Regency?.Regency, body.FileName, call.Caller.Identifier), body.Content, cancellationToken);
            return result.Outcome switch
            {
                ImportOutcome.Accepted => ApiResults.Json(StatusCodes.Status200OK, new UploadSummary(result.Upload, result.Report)),
                ImportOutcome.Queued => Queued(req, result),
                ImportOutcome.TooLarge => Refused(StatusCodes.Status413PayloadTooLarge, result, call),
                ImportOutcome.Invalid when result.Report.HasError(ErrorCodes.NotCsv) => Refused(StatusCodes.Status415UnsupportedMediaType, result, call),
                // The file may be fine: the regency-year is locked (under review or closed), which the file cannot fix.
                ImportOutcome.Invalid when result.Report.HasError(ErrorCodes.PeriodLocked) => Refused(StatusCodes.Status409Conflict, result, call),
                ImportOutcome.Invalid => Refused(StatusCodes.Status422UnprocessableEntity, result, call),
                _ => Failed(result, call),
            };
        });

    [Function(nameof(GetUpload))]
    public Task<IActionResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UploadRoute)] HttpRequest req,
        string code,
        string id,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadFor(code, allowAll: true), async (call, cancellationToken) =>
            await imports.GetAsync(call.RegencyCode, id, cancellationToken) is { } stored
                ? ApiResults.Json(StatusCodes.Status200OK, new UploadSummary(stored.Upload, stored.Report))
                : call.Refuse(UnknownUpload(call.RegencyCode, id)));

    [Function(nameof(ListUploads))]
    public Task<IActionResult> ListUploads(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = UploadsRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadFor(code, allowAll: true), async (call, cancellationToken) =>
        {
            var top = QueryOptions.Top(req.Query, DefaultTop, MaxTop);
            if (!top.Ok)
            {
                return call.Refuse(top.Error);
            }

            var uploads = await imports.ListAsync(call.RegencyCode, top.Value, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, new UploadList(call.RegencyCode, uploads.Count, uploads));
        });

    /// <summary>
    /// Admin: puts a failed (or stuck) background upload back on the queue, its archived bytes processed again.
    /// 202 with the summary and the status <c>Location</c>; 404 unknown upload; 409 when the upload is final
    /// (completed, validated, rejected) or has no archived file, so there is nothing to replay.
    /// </summary>
    [Function(nameof(ReplayUpload))]
    public Task<IActionResult> ReplayUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReplayRoute)] HttpRequest req,
        string code,
        string id,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.Admin, async (call, cancellationToken) =>
        {
            var lookup = await RegencyRoute.ResolveRouteAsync(req, regencies, code, allowAll: true, cancellationToken);
            if (!lookup.Ok)
            {
                return call.Refuse(lookup.Error);
            }

            var regencyCode = lookup.Value.Code;
            var upload = await imports.ReplayAsync(new UploadWork(regencyCode, id), cancellationToken);
            if (upload is null)
            {
                return call.Refuse(UnknownUpload(regencyCode, id));
            }

            if (!ImportService.Requeued(upload))
            {
                return call.Refuse(new ApiProblem(StatusCodes.Status409Conflict, "Not replayable",
                    upload.BlobPath is null
                        ? $"Upload {upload.UploadId} has no archived file to process again (status {upload.Status})."
                        : $"Upload {upload.UploadId} is already final ({upload.Status}); only failed or stuck background uploads are replayed. Upload the file again to import it anew.",
                    "id", new Dictionary<string, object?> { ["uploadStatus"] = upload.Status.ToString() }));
            }

            logger.LogInformation("Upload {UploadId} for {Regency} (sent by {KeyId}) replayed by {Caller}", upload.UploadId, upload.RegencyCode, upload.KeyId, call.Caller.Identifier);
            req.HttpContext.Response.Headers.Location = StatusLocation(upload.RegencyCode, upload.UploadId);
            return ApiResults.Json(StatusCodes.Status202Accepted, new UploadSummary(upload, null));
        });

    private static ApiProblem UnknownUpload(string regencyCode, string id) =>
        new(StatusCodes.Status404NotFound, "Unknown upload", $"Regency {regencyCode} has no upload '{id}'.", "id");

    /// <summary>A file refused once its upload exists: the summary and report, with the correlation id.</summary>
    private static ContentResult Refused(int status, ImportResult result, ApiCall call) =>
        ApiResults.Json(status, new UploadSummary(result.Upload, result.Report, call.CorrelationId));

    /// <summary>Where the status of an upload is read: the <c>GET</c> of <see cref="UploadRoute"/>.</summary>
    public static string StatusLocation(string regencyCode, string uploadId) =>
        RoutePrefix + UploadRoute.Replace("{code}", Uri.EscapeDataString(regencyCode), StringComparison.Ordinal).Replace("{id}", Uri.EscapeDataString(uploadId), StringComparison.Ordinal);

    /// <summary>Archived and queued: 202 with the summary (status Queued, no report yet) and where to poll.</summary>
    private static ContentResult Queued(HttpRequest req, ImportResult result)
    {
        req.HttpContext.Response.Headers.Location = StatusLocation(result.Upload.RegencyCode, result.Upload.UploadId);
        return ApiResults.Json(StatusCodes.Status202Accepted, new UploadSummary(result.Upload, null));
    }

    /// <summary>An upload that failed for a reason that is not the file's: the raw bytes are archived, the caller
    /// gets a correlation id and the upload id to retry or report.</summary>
    private ContentResult Failed(ImportResult result, ApiCall call)
    {
        logger.LogError("Invocation {InvocationId}: upload {UploadId} for {Regency} failed: {Failure}",
            call.CorrelationId, result.Upload.UploadId, result.Upload.RegencyCode, result.Upload.Failure);
        return ApiResults.InternalError(call.CorrelationId, result.Upload.UploadId);
    }
}

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.Functions.Http;

/// <summary>The body of an upload answer, the same for the POST and the GET of one upload.</summary>
public sealed record UploadSummary(UploadRecord Upload, ValidationReport? Report);

/// <summary>The body of the upload list of a regency, newest first.</summary>
public sealed record UploadList(string Regency, int Count, IReadOnlyList<UploadRecord> Uploads);

/// <summary>
/// The upload API of a regency. <c>POST regencies/{code}/uploads</c> imports a CSV: 200 with the summary and report,
/// 202 with the summary and a <c>Location</c> of the upload's status when it is processed in the background (above
/// <see cref="ImportSettings.AsyncThresholdBytes"/>, or <c>?async=true</c>),
/// 422 (invalid file), 413 (over the size limit) or 415 (not CSV) with the same body once an upload exists, and a
/// problem document for requests refused before that (400 bad option or form, 404 unknown regency, 413 declared
/// length, 415 media type). <c>GET regencies/{code}/uploads/{id}</c> returns one stored summary and report, and
/// <c>GET regencies/{code}/uploads</c> the recent uploads (<c>?top=</c>, default 20, at most 100).
/// The route's regency is a Kemendagri code, a BPS code with <c>?regencyScheme=bps</c>, or a name.
/// </summary>
public sealed class UploadFunctions(ImportService imports, ImportSettings settings, ILogger<UploadFunctions> logger)
{
    public const string UploadsRoute = "regencies/{code}/uploads";
    public const string UploadRoute = "regencies/{code}/uploads/{id}";
    public const int DefaultTop = 20;
    public const int MaxTop = 100;

    /// <summary>The host's route prefix (host.json <c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public const string RoutePrefix = "/api/";

    [Function(nameof(PostUpload))]
    public Task<IActionResult> PostUpload(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = UploadsRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, async cancellationToken =>
        {
            if (!UploadOptions.TryParse(req.Query, out var options, out var badOption))
            {
                return ApiResults.BadOption(badOption);
            }

            var (regency, _, notFound) = await RegencyRoute.ResolveAsync(imports, code, options.Scheme, allowAll: false, "code", cancellationToken);
            if (notFound is not null)
            {
                return notFound;
            }

            await using var body = await UploadBody.ReadAsync(req, settings.MaxUploadBytes, cancellationToken);
            if (!body.Ok)
            {
                return body.Error;
            }

            var result = await imports.ImportAsync(options.ToRequest(regency, body.FileName), body.Content, cancellationToken);
            return result.Outcome switch
            {
                ImportOutcome.Accepted => ApiResults.Json(StatusCodes.Status200OK, Summary(result)),
                ImportOutcome.Queued => Queued(req, result),
                ImportOutcome.TooLarge => ApiResults.Json(StatusCodes.Status413PayloadTooLarge, Summary(result)),
                ImportOutcome.Invalid when result.Report.HasError(ErrorCodes.NotCsv) => ApiResults.Json(StatusCodes.Status415UnsupportedMediaType, Summary(result)),
                ImportOutcome.Invalid => ApiResults.Json(StatusCodes.Status422UnprocessableEntity, Summary(result)),
                _ => Failed(result, context),
            };
        });

    [Function(nameof(GetUpload))]
    public Task<IActionResult> GetUpload(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = UploadRoute)] HttpRequest req,
        string code,
        string id,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, async cancellationToken =>
        {
            if (!UploadOptions.TryParseScheme(req.Query, out var scheme, out var badOption))
            {
                return ApiResults.BadOption(badOption);
            }

            var (regency, _, notFound) = await RegencyRoute.ResolveAsync(imports, code, scheme, allowAll: true, "code", cancellationToken);
            if (notFound is not null)
            {
                return notFound;
            }

            return await imports.GetAsync(regency, id, cancellationToken) is { } stored
                ? ApiResults.Json(StatusCodes.Status200OK, new UploadSummary(stored.Upload, stored.Report))
                : ApiResults.Problem(StatusCodes.Status404NotFound, "Unknown upload", $"Regency {regency} has no upload '{id}'.", "id");
        });

    [Function(nameof(ListUploads))]
    public Task<IActionResult> ListUploads(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = UploadsRoute)] HttpRequest req,
        string code,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, async cancellationToken =>
        {
            if (!UploadOptions.TryParseScheme(req.Query, out var scheme, out var badOption) || !UploadOptions.TryParseTop(req.Query, DefaultTop, MaxTop, out var top, out badOption))
            {
                return ApiResults.BadOption(badOption);
            }

            var (regency, _, notFound) = await RegencyRoute.ResolveAsync(imports, code, scheme, allowAll: true, "code", cancellationToken);
            if (notFound is not null)
            {
                return notFound;
            }

            var uploads = await imports.ListAsync(regency, top, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, new UploadList(regency, uploads.Count, uploads));
        });

    private static UploadSummary Summary(ImportResult result) => new(result.Upload, result.Report);

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
    private ContentResult Failed(ImportResult result, FunctionContext context)
    {
        logger.LogError("Invocation {InvocationId}: upload {UploadId} for {Regency} failed: {Failure}",
            context.InvocationId, result.Upload.UploadId, result.Upload.RegencyCode, result.Upload.Failure);
        return ApiResults.InternalError(context.InvocationId, result.Upload.UploadId);
    }
}

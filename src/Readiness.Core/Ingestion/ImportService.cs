using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

/// <summary>
/// The import use case behind the HTTP upload, the CLI's ingest, the inbox and remote sources: archive the raw bytes,
/// validate, write what changed, record the upload and its report, and ask for the touched years to be rescored.
/// Large or <c>async</c> uploads stop after archiving and continue in <see cref="ProcessQueuedAsync"/>, which a
/// redelivered queue message may run again: it ends in the same state and counts nothing twice.
/// </summary>
public sealed class ImportService(
    IRawArchive archive,
    IObservationStore observations,
    IUploadStore uploads,
    IUploadQueue uploadQueue,
    IScoreRequests scoreRequests,
    IScoreStore scores,
    IInboxStore inbox,
    IReferenceData referenceData,
    Quality.IQualityChecks qualityChecks,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    private readonly ImportOptions _settings = options.Value;

    /// <summary>Archives <paramref name="content"/>, then processes it now, or queues it when it is large or the
    /// request asks for background processing.</summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, Stream content, CancellationToken cancellationToken)
    {
        var regency = request.Regency;
        var receivedAt = clock.GetUtcNow();
        var uploadId = request.UploadId ?? NewUploadId(receivedAt);
        var folder = regency?.Code ?? ImportRequest.AllRegencies;
        var blobPath = string.Create(CultureInfo.InvariantCulture, $"{folder}/{receivedAt:yyyy}/{receivedAt:MM}/{uploadId}.csv");
        var upload = new UploadRecord
        {
            UploadId = uploadId,
            RegencyCode = folder,
            Status = UploadStatus.Received,
            Mode = request.Mode,
            DryRun = request.DryRun,
            Source = request.Source,
            SourcePath = request.SourcePath,
            FileName = SafeFileName(request.FileName),
            Locale = request.Locale,
            Scheme = request.Scheme,
            BlobPath = blobPath,
            ReportPath = Path.ChangeExtension(blobPath, ".report.json"),
            ReceivedAt = receivedAt,
        };
        await uploads.SaveAsync(upload, cancellationToken);

        ArchivedFile archived;
        try
        {
            archived = await archive.ArchiveAsync(blobPath, content, _settings.MaxUploadBytes, cancellationToken);
        }
        catch (UploadTooLargeException e)
        {
            var tooLarge = new ValidationReport();
            var message = ReaderMessages.FileTooLarge(e.Limit);
            tooLarge.AddError(new ValidationIssue { Code = message.Code, Message = message.English, MessageId = message.Indonesian });
            return await FinishAsync(upload with { BlobPath = null }, tooLarge, UploadStatus.Rejected, null, cancellationToken);
        }

        upload = upload with { Bytes = archived.Bytes, Sha256 = archived.Sha256 };
        if (request.Async || archived.Bytes > _settings.AsyncThresholdBytes)
        {
            upload = upload with { Status = UploadStatus.Queued };
            await uploads.SaveAsync(upload, cancellationToken);
            await uploadQueue.EnqueueAsync(new UploadWork(upload.RegencyCode, upload.UploadId), cancellationToken);
            logger.LogInformation("Upload {UploadId} for {Regency} ({Bytes} bytes) queued", upload.UploadId, upload.RegencyCode, upload.Bytes);
            return new ImportResult(upload, new ValidationReport());
        }

        try
        {
            return await ProcessAsync(upload with { Status = UploadStatus.Validating }, regency, await referenceData.GetAsync(cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No queue will retry a synchronous upload: end it as Failed with the reason, so nobody mistakes a
            // half-written upload for one in progress. Its raw file is archived, and a replay finishes the writes.
            var work = new UploadWork(upload.RegencyCode, upload.UploadId);
            await RecordAttemptFailureAsync(work, 1, e, cancellationToken);
            await TryMarkFailedAsync(work, "Processing stopped on a storage error; the file is archived: replay the upload to finish it.", cancellationToken);
            throw;
        }
    }

    private async Task TryMarkFailedAsync(UploadWork work, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await MarkFailedAsync(work, reason, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not mark upload {UploadId} failed", work.UploadId);
        }
    }

    /// <summary>
    /// Processes a queued upload. Idempotent: a final upload is returned as it is; one interrupted while writing keeps
    /// the counts it planned before writing, and the conditional writes finish what is missing.
    /// </summary>
    /// <returns>The result, or null when no such upload is recorded.</returns>
    public async Task<ImportResult?> ProcessQueuedAsync(UploadWork work, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        if (upload is null)
        {
            logger.LogWarning("Queued upload {UploadId} for {Regency} is not recorded: nothing to do", work.UploadId, work.RegencyCode);
            return null;
        }

        if (upload.IsFinal)
        {
            return new ImportResult(upload, await ReadReportAsync(upload, cancellationToken) ?? new ValidationReport());
        }

        var data = await referenceData.GetAsync(cancellationToken);
        upload = upload with { Attempts = upload.Attempts + 1 };
        await uploads.SaveAsync(upload, cancellationToken);
        try
        {
            return await ProcessAsync(upload.Status == UploadStatus.Writing ? upload : upload with { Status = UploadStatus.Validating }, UploadRegency(upload, data), data, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await RecordAttemptFailureAsync(work, upload.Attempts, e, cancellationToken);
            throw;
        }
    }

    /// <summary>Keeps the error of a failed attempt on the upload (its state as the attempt left it), so the poison
    /// handler and operators can say why; best effort, since storage may be what failed.</summary>
    private async Task RecordAttemptFailureAsync(UploadWork work, int attempt, Exception error, CancellationToken cancellationToken)
    {
        try
        {
            if (await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken) is { IsFinal: false } current)
            {
                var message = error.Message.Split('\n', 2)[0].Trim();
                var failure = $"attempt {attempt}: {error.GetType().Name}: {(message.Length > 300 ? message[..300] : message)}";
                await uploads.SaveAsync(current with { Failure = failure }, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record the failure of upload {UploadId}", work.UploadId);
        }
    }

    /// <summary>Marks an upload whose message went to the poison queue as failed, with the reason.</summary>
    public async Task<UploadRecord?> MarkFailedAsync(UploadWork work, string reason, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        if (upload is null || upload.IsFinal)
        {
            return upload;
        }

        var failed = upload with
        {
            Status = UploadStatus.Failed,
            Failure = upload.Failure is null ? reason : $"{reason} Last error: {upload.Failure}",
            CompletedAt = clock.GetUtcNow(),
        };
        await uploads.SaveAsync(failed, cancellationToken);
        if (failed is { Source: UploadSource.Inbox, SourcePath: { } path })
        {
            await inbox.CompleteAsync(path, succeeded: false, $$"""{"failure":{{System.Text.Json.JsonSerializer.Serialize(reason)}}}""", cancellationToken);
        }

        logger.LogError("Upload {UploadId} for {Regency} failed: {Reason}", upload.UploadId, upload.RegencyCode, reason);
        return failed;
    }

    /// <summary>Puts a failed (or stuck) upload back on the queue; its archived bytes are processed again.</summary>
    public async Task<UploadRecord?> ReplayAsync(UploadWork work, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        if (upload is null || upload.BlobPath is null || upload.Status is UploadStatus.Completed or UploadStatus.Validated or UploadStatus.Rejected)
        {
            return upload;
        }

        var queued = upload with { Status = UploadStatus.Queued, Failure = null, CompletedAt = null };
        await uploads.SaveAsync(queued, cancellationToken);
        await uploadQueue.EnqueueAsync(work, cancellationToken);
        return queued;
    }

    /// <summary>The regency a queued upload was resolved to when it was received, by its canonical code.</summary>
    private static Regency? UploadRegency(UploadRecord upload, ReferenceData data) =>
        upload.RegencyCode == ImportRequest.AllRegencies ? null
        : data.Registry.TryGetByCode(upload.RegencyCode, out var regency) ? regency
        : throw new InvalidOperationException($"Upload {upload.UploadId} is for regency {upload.RegencyCode}, which is no longer in the registry.");

    private async Task<ImportResult> ProcessAsync(UploadRecord upload, Regency? regency, ReferenceData data, CancellationToken cancellationToken)
    {
        var reader = new ObservationReader(data.Catalog, data.Registry);
        var options = new ReadOptions
        {
            UploadRegency = regency,
            Locale = upload.Locale,
            Scheme = upload.Scheme,
            Limits = _settings.Limits,
        };
        ValidationReport report;
        await using (var first = await archive.OpenReadAsync(upload.BlobPath!, cancellationToken))
        {
            report = await reader.ValidateAsync(first, options, cancellationToken);
        }

        var partial = upload.Mode == ImportMode.Partial;
        var storable = report.Valid || (partial && report.Accepted > 0 && !report.Unreadable && !HeaderBroken(report));
        if (!storable)
        {
            logger.LogInformation("Upload {UploadId} for {Regency} rejected: {Errors} errors", upload.UploadId, upload.RegencyCode, report.ErrorCount);
            return await FinishAsync(upload, report, UploadStatus.Rejected, null, cancellationToken);
        }

        // The upload's own receipt time, so a retried upload stores exactly what its first attempt would have.
        var submittedAt = upload.ReceivedAt;
        var byRegency = new Dictionary<string, Dictionary<string, Observation>>(StringComparer.Ordinal);
        await using (var second = await archive.OpenReadAsync(upload.BlobPath!, cancellationToken))
        {
            await reader.ReadValidAsync(second, options, report, value =>
            {
                var observation = new Observation(value.Regency.Code, value.Indicator.Code, value.Period, value.Value, value.Unit, value.Note, upload.UploadId, submittedAt);
                if (!byRegency.TryGetValue(observation.RegencyCode, out var partition))
                {
                    byRegency[observation.RegencyCode] = partition = new Dictionary<string, Observation>(StringComparer.Ordinal);
                }

                partition[observation.RowKey] = observation;
            }, cancellationToken);
        }

        var writer = new ObservationWriter(observations, _settings.WriteParallelism);
        WriteCounts counts;
        if (upload.DryRun)
        {
            counts = await writer.WriteAsync(byRegency, dryRun: true, cancellationToken);
        }
        else if (upload.Status == UploadStatus.Writing)
        {
            // A previous attempt planned and started writing: finish the writes, keep the planned counts.
            await writer.WriteAsync(byRegency, dryRun: false, cancellationToken);
            counts = new WriteCounts(upload.Imported, upload.Updated, upload.Unchanged, upload.Superseded, upload.Years, upload.Regencies);
        }
        else
        {
            // The plan's counts are recorded before anything is written, so a redelivered message or a replay reports
            // them as they were; its reading of the partitions is what the writes are conditional on.
            var plan = await writer.PlanAsync(byRegency, cancellationToken);
            await uploads.SaveAsync(WithCounts(upload with { Status = UploadStatus.Writing }, plan.Counts), cancellationToken);
            await writer.ExecuteAsync(plan, byRegency, cancellationToken);
            counts = plan.Counts;
        }

        if (!upload.DryRun && counts.ChangedYears.Count > 0)
        {
            // Marked first: if the request is lost, the nightly recompute still sees the year as changed.
            await scores.MarkChangedAsync(counts.ChangedYears, clock.GetUtcNow(), cancellationToken);
            await scoreRequests.RequestAsync(new ScoreRequest(counts.ChangedYears, counts.ChangedRegencies, $"upload {upload.UploadId}"), cancellationToken);
        }

        if (!upload.DryRun && counts.ChangedYears.Count > 0)
        {
            // Warnings only: a wrong-looking but valid value is pointed out, never refused.
            foreach (var finding in await qualityChecks.CheckAfterImportAsync(counts.ChangedYears, counts.ChangedRegencies, cancellationToken))
            {
                report.AddWarning(Quality.QualityService.ToWarning(finding));
            }
        }

        logger.LogInformation(
            "Upload {UploadId} for {Regency}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rows rejected",
            upload.UploadId, upload.RegencyCode, counts.Imported, counts.Updated, counts.Unchanged, report.Rejected);
        return await FinishAsync(upload, report, upload.DryRun ? UploadStatus.Validated : UploadStatus.Completed, counts, cancellationToken);
    }

    private async Task<ImportResult> FinishAsync(UploadRecord upload, ValidationReport report, UploadStatus status, WriteCounts? counts, CancellationToken cancellationToken)
    {
        var final = WithCounts(upload, counts) with
        {
            Status = status,
            Rows = report.Rows,
            Values = report.Values,
            Rejected = report.Rejected,
            Errors = report.ErrorCount,
            Warnings = report.WarningCount,
            CompletedAt = clock.GetUtcNow(),
        };
        if (upload.DryRun)
        {
            final = final with { Years = [], Regencies = [] };
        }

        var json = report.ToJson();
        if (final.ReportPath is not null)
        {
            await archive.WriteTextAsync(final.ReportPath, json, "application/json", cancellationToken);
        }

        if (final is { Source: UploadSource.Inbox, SourcePath: { } path })
        {
            await inbox.CompleteAsync(path, status is UploadStatus.Completed or UploadStatus.Validated, json, cancellationToken);
        }

        await uploads.SaveAsync(final, cancellationToken);
        return new ImportResult(final, report);
    }

    private static UploadRecord WithCounts(UploadRecord upload, WriteCounts? counts) => counts is null
        ? upload
        : upload with
        {
            Imported = counts.Imported,
            Updated = counts.Updated,
            Unchanged = counts.Unchanged,
            Superseded = counts.Superseded,
            Years = counts.ChangedYears,
            Regencies = counts.ChangedRegencies,
        };

    /// <summary>The stored summary of an upload and its full report.</summary>
    public async Task<(UploadRecord Upload, ValidationReport? Report)?> GetAsync(string regencyCode, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(regencyCode, uploadId, cancellationToken);
        return upload is null ? null : (upload, await ReadReportAsync(upload, cancellationToken));
    }

    public Task<IReadOnlyList<UploadRecord>> ListAsync(string regencyCode, int max, CancellationToken cancellationToken) =>
        uploads.ListAsync(regencyCode, max, cancellationToken);

    private async Task<ValidationReport?> ReadReportAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var json = upload.ReportPath is null ? null : await archive.ReadTextAsync(upload.ReportPath, cancellationToken);
        return json is null ? null : ValidationReport.FromJson(json);
    }

    /// <summary>Header problems leave no row to store, even in partial mode.</summary>
    private static bool HeaderBroken(ValidationReport report) => report.Errors.Any(e => e.Row is 0 or 1);

    /// <summary>Time-ordered and unique: <c>20240131T235959123-1a2b3c4d</c>. Safe in blob paths and table keys.</summary>
    public static string NewUploadId(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyyMMdd'T'HHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");

    /// <summary>The name as given, for the record only: never used as a path.</summary>
    private static string? SafeFileName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var leaf = name.Replace('\\', '/').Split('/').Last();
        var clean = new string([.. leaf.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length > 200 ? clean[..200] : clean;
    }
}

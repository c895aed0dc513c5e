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
    ILogger<ImportService> logger,
    Review.PeriodLockGuard periodLocks,
    IImportCheckpoints? checkpoints = null)
{
    /// <summary>Why an upload whose file never reached the archive is Failed: nothing of it was stored.</summary>
    public const string NotStoredReason =
        "The upload was interrupted before its file was stored, so nothing of it was imported: upload the file again. " +
        "(Unggahan terputus sebelum berkas tersimpan, jadi tidak ada data yang diimpor: unggah ulang berkasnya.)";

    private readonly ImportOptions _settings = options.Value;
    private readonly IImportCheckpoints _checkpoints = checkpoints ?? NoImportCheckpoints.Instance;

    /// <summary>Archives <paramref name="content"/>, then processes it now, or queues it when it is large or the
    /// request asks for background processing.</summary>
    public async Task<ImportResult> ImportAsync(ImportRequest request, Stream content, CancellationToken cancellationToken)
    {
        var regency = request.Regency;
        var receivedAt = clock.GetUtcNow();
        var uploadId = request.UploadId ?? NewUploadId(receivedAt);
        var folder = regency?.Code ?? ImportRequest.AllRegencies;
        // The archive keeps the original bytes under the extension they are (.xlsx, .xls or .csv), read from them.
        var head = new byte[8];
        var headLength = 0;
        for (int read; headLength < head.Length && (read = await content.ReadAsync(head.AsMemory(headLength), cancellationToken)) > 0;)
        {
            headLength += read;
        }

        content = new Csv.PrefixedStream(head, headLength, content);
        var extension = Workbooks.WorkbookDetector.ArchiveExtension(head.AsSpan(0, headLength));
        var blobPath = string.Create(CultureInfo.InvariantCulture, $"{folder}/{receivedAt:yyyy}/{receivedAt:MM}/{uploadId}{extension}");
        var upload = new UploadRecord
        {
            UploadId = uploadId,
            RegencyCode = folder,
            Status = UploadStatus.Received,
            Mode = request.Mode,
            DryRun = request.DryRun,
            Source = request.Source,
            SourcePath = request.SourcePath,
            KeyId = request.KeyId ?? request.Source.Name(),
            FileName = SafeFileName(request.FileName),
            Locale = request.Locale,
            Scheme = request.Scheme,
            BlobPath = blobPath,
            ReportPath = Path.ChangeExtension(blobPath, ".report.json"),
            ReceivedAt = receivedAt,
        };
        await uploads.SaveAsync(upload, cancellationToken);
        await _checkpoints.ReachedAsync(ImportCheckpoints.Received, cancellationToken);

        ArchivedFile archived;
        try
        {
            var watched = _checkpoints is NoImportCheckpoints ? content : new CheckpointStream(content, _checkpoints);
            archived = await archive.ArchiveAsync(blobPath, watched, _settings.MaxUploadBytes, cancellationToken);
        }
        catch (UploadTooLargeException e)
        {
            var tooLarge = new ValidationReport();
            var message = ReaderMessages.FileTooLarge(e.Limit);
            tooLarge.AddError(new ValidationIssue { Code = message.Code, Message = message.English, MessageId = message.Indonesian });
            return await FinishAsync(upload with { BlobPath = null }, tooLarge, UploadStatus.Rejected, null, cancellationToken);
        }

        await _checkpoints.ReachedAsync(ImportCheckpoints.Archived, cancellationToken);
        upload = upload with { Bytes = archived.Bytes, Sha256 = archived.Sha256 };
        if (request.Async || archived.Bytes > _settings.AsyncThresholdBytes)
        {
            upload = upload with { Status = UploadStatus.Queued };
            await uploads.SaveAsync(upload, cancellationToken);
            await uploadQueue.EnqueueAsync(new UploadWork(upload.RegencyCode, upload.UploadId), cancellationToken);
            logger.LogInformation("Upload {UploadId} for {Regency} ({Bytes} bytes) queued", upload.UploadId, upload.RegencyCode, upload.Bytes);
            Telemetry.ReadinessTelemetry.UploadEnded(upload, null);
            return new ImportResult(upload, new ValidationReport());
        }

        try
        {
            return await ProcessAsync(upload with { Status = UploadStatus.Validating }, regency, await referenceData.GetAsync(cancellationToken), _settings.WriteParallelism, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not marked Failed: it may have written part of its values, which cannot be taken back, so it stays
            // unfinished (readers show its regency-years as pending) and the recovery pass finishes it from the
            // archived file once storage answers again. The reason is kept, if storage lets us.
            await RecordAttemptFailureAsync(new UploadWork(upload.RegencyCode, upload.UploadId), 1, e, cancellationToken);
            throw;
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

        if (await EnsureArchivedAsync(upload, cancellationToken) is not { } archived)
        {
            var failed = await MarkNotStoredAsync(upload with { Replay = work.Replay }, cancellationToken);
            return new ImportResult(failed, new ValidationReport());
        }

        var data = await referenceData.GetAsync(cancellationToken);
        upload = archived with { Attempts = archived.Attempts + 1, Replay = work.Replay };
        await uploads.SaveAsync(upload, cancellationToken);
        try
        {
            return await ProcessAsync(upload.Status == UploadStatus.Writing ? upload : upload with { Status = UploadStatus.Validating }, UploadRegency(upload, data), data, _settings.BackgroundWriteParallelism, cancellationToken);
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

    /// <summary>
    /// An upload whose message went to the poison queue: marked Failed with the reason, unless it was writing and has
    /// attempts left. Then it keeps the reason and stays Writing (its values may be half stored, which Failed would
    /// hide from readers), and the recovery pass re-drives it, up to <see cref="ImportOptions.MaxProcessingAttempts"/>.
    /// </summary>
    public async Task<UploadRecord?> MarkPoisonedAsync(UploadWork work, string reason, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        if (upload is not { Status: UploadStatus.Writing, DryRun: false } || upload.Attempts >= _settings.MaxProcessingAttempts)
        {
            return await MarkFailedAsync(work, reason, cancellationToken);
        }

        var left = upload with { Failure = upload.Failure is null ? reason : $"{reason} Last error: {upload.Failure}" };
        await uploads.SaveAsync(left, cancellationToken);
        logger.LogError("Upload {UploadId} for {Regency} was poisoned while writing; left Writing for the recovery pass: {Reason}", upload.UploadId, upload.RegencyCode, reason);
        return left;
    }

    /// <summary>Marks an upload as failed, with the reason (the poison queue, recovery giving up).</summary>
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
            Replay = work.Replay,
        };
        await uploads.SaveAsync(failed, cancellationToken);
        if (failed is { Source: UploadSource.Inbox, SourcePath: { } path })
        {
            await inbox.CompleteAsync(path, succeeded: false, $$"""{"failure":{{System.Text.Json.JsonSerializer.Serialize(reason)}}}""", cancellationToken);
        }

        logger.LogError("Upload {UploadId} for {Regency} failed: {Reason}", upload.UploadId, upload.RegencyCode, reason);
        Telemetry.ReadinessTelemetry.UploadEnded(failed, null);
        return failed;
    }

    /// <summary>Puts a failed (or stuck) upload back on the queue; its archived bytes are processed again. One whose
    /// file was never archived cannot be: it ends Failed with <see cref="NotStoredReason"/>.</summary>
    public async Task<UploadRecord?> ReplayAsync(UploadWork work, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(work.RegencyCode, work.UploadId, cancellationToken);
        if (upload is null || upload.BlobPath is null || upload.Status is UploadStatus.Completed or UploadStatus.Validated or UploadStatus.Rejected)
        {
            return upload;
        }

        if (await EnsureArchivedAsync(upload, cancellationToken) is not { } archived)
        {
            return upload.Status == UploadStatus.Failed && upload.Failure == NotStoredReason ? upload : await MarkNotStoredAsync(upload, cancellationToken);
        }

        return await RequeueAsync(archived with { Failure = null, CompletedAt = null }, cancellationToken);
    }

    /// <summary>Whether what <see cref="ReplayAsync"/> answered is back on the queue: Queued, or Writing for one that
    /// may have written part of its values (else it was final, or had no archived file).</summary>
    public static bool Requeued(UploadRecord replayed) => replayed is { Status: UploadStatus.Queued or UploadStatus.Writing, BlobPath: not null };

    /// <summary>
    /// One pass of recovery (the <c>UploadRecovery</c> timer, <c>readiness uploads recover</c>): every unfinished upload
    /// whose record has not moved for <paramref name="olderThan"/> has lost its process. One whose file was never
    /// archived ends Failed with <see cref="NotStoredReason"/>; one that has used up its attempts ends Failed with its
    /// last error; any other goes back on the queue, where processing finishes it from the archived file.
    /// </summary>
    public async Task<RecoveryRun> RecoverAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        int requeued = 0, active = 0;
        var failed = new List<UploadRecord>();
        var now = clock.GetUtcNow();
        foreach (var upload in await uploads.ListUnfinishedAsync(null, cancellationToken))
        {
            if (upload.UpdatedAt is { } updated && now - updated < olderThan)
            {
                active++;
                continue;
            }

            if (upload.Attempts >= _settings.MaxProcessingAttempts)
            {
                failed.Add((await MarkFailedAsync(new UploadWork(upload.RegencyCode, upload.UploadId), string.Create(CultureInfo.InvariantCulture,
                    $"Recovery gave up after {upload.Attempts} processing attempts; the file is archived. Once the cause is fixed, replay it: readiness uploads replay --regency {upload.RegencyCode} --id {upload.UploadId}."), cancellationToken))!);
            }
            else if (upload.BlobPath is null || await EnsureArchivedAsync(upload, cancellationToken) is not { } archived)
            {
                failed.Add(await MarkNotStoredAsync(upload, cancellationToken));
            }
            else
            {
                await RequeueAsync(archived, cancellationToken);
                requeued++;
            }
        }

        logger.LogInformation("Upload recovery: {Requeued} re-queued, {Failed} ended Failed, {Active} still active", requeued, failed.Count, active);
        return new RecoveryRun(requeued, failed, active);
    }

    /// <summary>Back on the queue, as a replay (a replay or recovery: its processing is counted under the source
    /// <c>replay</c>). One that may have written stays Writing (readers keep its data pending).</summary>
    private async Task<UploadRecord> RequeueAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var queued = upload with { Status = upload.Status == UploadStatus.Writing ? UploadStatus.Writing : UploadStatus.Queued };
        await uploads.SaveAsync(queued, cancellationToken);
        await uploadQueue.EnqueueAsync(new UploadWork(upload.RegencyCode, upload.UploadId, Replay: true), cancellationToken);
        logger.LogInformation("Upload {UploadId} for {Regency} (sent by {KeyId}) queued again as a replay: {Status}, {Attempts} attempt(s) so far",
            queued.UploadId, queued.RegencyCode, queued.KeyId, queued.Status, queued.Attempts);
        return queued;
    }

    /// <summary>The record with its file's size and hash, read back from the archive when a process died before
    /// recording them; null when the file never reached the archive.</summary>
    private async Task<UploadRecord?> EnsureArchivedAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        if (upload.BlobPath is null)
        {
            return null;
        }

        if (upload.Bytes > 0 && upload.Sha256 is not null)
        {
            return upload;
        }

        if (await archive.DescribeAsync(upload.BlobPath, cancellationToken) is not { } file)
        {
            return null;
        }

        var described = upload with { Bytes = file.Bytes, Sha256 = file.Sha256 };
        await uploads.SaveAsync(described, cancellationToken);
        return described;
    }

    /// <summary>Ends an upload whose file never reached the archive. An inbox file is released instead of being moved
    /// to <c>failed/</c>: it is still in the inbox, and the next pass queues it again.</summary>
    private async Task<UploadRecord> MarkNotStoredAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var failed = upload with { Status = UploadStatus.Failed, Failure = NotStoredReason, CompletedAt = clock.GetUtcNow(), BlobPath = null };
        await uploads.SaveAsync(failed, cancellationToken);
        if (failed is { Source: UploadSource.Inbox, SourcePath: { } path })
        {
            await inbox.ReleaseAsync(path, cancellationToken);
        }

        logger.LogWarning("Upload {UploadId} for {Regency} failed: its file was never archived", upload.UploadId, upload.RegencyCode);
        Telemetry.ReadinessTelemetry.UploadEnded(failed, null);
        return failed;
    }

    /// <summary>The regency a queued upload was resolved to when it was received, by its canonical code.</summary>
    private static Regency? UploadRegency(UploadRecord upload, ReferenceData data) =>
        upload.RegencyCode == ImportRequest.AllRegencies ? null
        : data.Registry.TryGetByCode(upload.RegencyCode, out var regency) ? regency
        : throw new InvalidOperationException($"Upload {upload.UploadId} is for regency {upload.RegencyCode}, which is no longer in the registry.");

    /// <param name="writeParallelism">Partitions written, and then read by the quality checks, at once:
    /// <see cref="ImportOptions.WriteParallelism"/> while a request waits, <see cref="ImportOptions.BackgroundWriteParallelism"/>
    /// in the background.</param>
    private async Task<ImportResult> ProcessAsync(UploadRecord upload, Regency? regency, ReferenceData data, int writeParallelism, CancellationToken cancellationToken)
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
        using var values = new UploadValues();
        await using (var second = await archive.OpenReadAsync(upload.BlobPath!, cancellationToken))
        {
            await reader.ReadValidAsync(second, options, report, values.Add, cancellationToken);
        }

        var settings = new WriteSettings(upload.UploadId, upload.ReceivedAt) { DryRun = upload.DryRun, KeyId = upload.KeyId ?? upload.Source.Name(), Clock = clock };
        if (!upload.DryRun)
        {
            // Recorded before the first write: readers show the file's regency-years as pending until it ends.
            var writing = upload with { Status = UploadStatus.Writing, Years = values.Years, Regencies = values.Regencies };
            await uploads.SaveAsync(writing, cancellationToken);
            var older = await OlderUnfinishedAsync(upload, cancellationToken);
            settings = settings with
            {
                RestampUnchanged = partition => older.Contains(ImportRequest.AllRegencies) || older.Contains(partition),
                BeforeChangingYear = (year, ct) => scores.MarkChangedAsync([year], clock.GetUtcNow(), ct),
                BeforeTransaction = (n, ct) => _checkpoints.ReachedAsync(ImportCheckpoints.Write(n), ct),
                BeforeHistory = (n, ct) => _checkpoints.ReachedAsync(ImportCheckpoints.History(n), ct),
                Heartbeat = ct => uploads.SaveAsync(writing, ct),
            };
        }

        // Period locks (issue 14), after the record says Writing: a submission racing this upload either sees it and
        // waits for all of it, or has marked the year first and this finds it locked. Rejected whole, nothing written.
        var periods = await periodLocks.CheckAsync(upload, values, data.Catalog.Calendar, cancellationToken);
        if (periods.Rejects)
        {
            periods.AddErrors(report);
            logger.LogInformation("Upload {UploadId} for {Regency} rejected: {Locked} locked regency-years", upload.UploadId, upload.RegencyCode, periods.Locked.Count);
            return await FinishAsync(upload, report, UploadStatus.Rejected, null, cancellationToken);
        }

        var counts = await new ObservationWriter(observations, writeParallelism).WriteAsync(values, settings, cancellationToken);
        await _checkpoints.ReachedAsync(ImportCheckpoints.Written, cancellationToken);
        if (!upload.DryRun && counts.ChangedYears.Count > 0)
        {
            // Marked again now that every value is in (a recompute may have run meanwhile, skipping the pending
            // regencies), and before the request: if the request is lost, the nightly recompute still sees the year.
            await scores.MarkChangedAsync(counts.ChangedYears, clock.GetUtcNow(), cancellationToken);
            await scoreRequests.RequestAsync(new ScoreRequest(counts.ChangedYears, counts.ChangedRegencies, $"upload {upload.UploadId}"), cancellationToken);
        }

        if (counts.ChangedYears.Count > 0)
        {
            // Warnings only: a wrong-looking but valid value is pointed out, never refused. A dry run is checked the
            // same way on the stored values with the file's laid over them, and stores no flag.
            var findings = upload.DryRun
                ? await qualityChecks.CheckUploadAsync(counts.ChangedYears, counts.ChangedRegencies, r => values.Peek(r, upload.UploadId, upload.ReceivedAt).Values, writeParallelism, cancellationToken)
                : await qualityChecks.CheckAfterImportAsync(counts.ChangedYears, counts.ChangedRegencies, writeParallelism, cancellationToken);
            foreach (var finding in findings)
            {
                report.AddWarning(Quality.QualityService.ToWarning(finding));
            }
        }

        logger.LogInformation(
            "Upload {UploadId} for {Regency}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rows rejected",
            upload.UploadId, upload.RegencyCode, counts.Imported, counts.Updated, counts.Unchanged, report.Rejected);
        return await FinishAsync(upload with { Late = periods.AddLateWarnings(report, counts) }, report, upload.DryRun ? UploadStatus.Validated : UploadStatus.Completed, counts, cancellationToken);
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
        Telemetry.ReadinessTelemetry.UploadEnded(final, report);
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

    /// <summary>The newest uploads of all regencies since <paramref name="since"/> (the ministry's overview).</summary>
    public Task<IReadOnlyList<UploadRecord>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken) =>
        uploads.ListRecentAsync(since, max, cancellationToken);

    private async Task<ValidationReport?> ReadReportAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        var json = upload.ReportPath is null ? null : await archive.ReadTextAsync(upload.ReportPath, cancellationToken);
        return json is null ? null : ValidationReport.FromJson(json);
    }

    /// <summary>The uploads partitions (regency codes, <c>all</c>) of older uploads still unfinished that may write where
    /// <paramref name="upload"/> writes: where they may, an unchanged value is re-stamped so the later upload wins.</summary>
    private async Task<HashSet<string>> OlderUnfinishedAsync(UploadRecord upload, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string>? partitions = upload.RegencyCode == ImportRequest.AllRegencies ? null : [upload.RegencyCode, ImportRequest.AllRegencies];
        var unfinished = await uploads.ListUnfinishedAsync(partitions, cancellationToken);
        return [.. unfinished.Where(u => !u.DryRun && string.CompareOrdinal(u.UploadId, upload.UploadId) < 0).Select(u => u.RegencyCode)];
    }

    /// <summary>Reaches <see cref="ImportCheckpoints.Archiving"/> once the archive has read the first bytes of the file.</summary>
    private sealed class CheckpointStream(Stream inner, IImportCheckpoints checkpoints) : Csv.ReadOnlyStream
    {
        private bool _reached;

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            if (read > 0 && !_reached)
            {
                _reached = true;
                await checkpoints.ReachedAsync(ImportCheckpoints.Archiving, cancellationToken);
            }

            return read;
        }
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

using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Ingestion;

/// <summary>
/// The import use case behind the HTTP upload, the CLI's ingest and the inbox: archive the raw bytes, validate,
/// write what changed, record the upload and its report, and ask for the touched years to be rescored.
/// </summary>
public sealed class ImportService(
    IRawArchive archive,
    IObservationStore observations,
    IUploadStore uploads,
    IScoreRequests scoreRequests,
    IScoreStore scores,
    IReferenceData referenceData,
    ImportSettings settings,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    /// <summary>Resolves the regency an upload is addressed to (route or <c>--regency</c>).</summary>
    public async Task<RegencyResolution> ResolveRegencyAsync(string code, RegencyScheme scheme, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        return data.Registry.Resolve(code, scheme);
    }

    public async Task<ImportResult> ImportAsync(ImportRequest request, Stream content, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        Regency? regency = null;
        if (request.Regency is not null)
        {
            regency = data.Registry.Resolve(request.Regency, request.Scheme).Regency
                ?? throw new ArgumentException($"Unknown regency '{request.Regency}'.", nameof(request));
        }

        var receivedAt = clock.GetUtcNow();
        var uploadId = NewUploadId(receivedAt);
        var folder = regency?.Code ?? ImportRequest.AllRegencies;
        var blobPath = string.Create(CultureInfo.InvariantCulture, $"{folder}/{receivedAt:yyyy}/{receivedAt:MM}/{uploadId}.csv");
        var upload = new UploadRecord
        {
            UploadId = uploadId,
            RegencyCode = folder,
            Status = UploadStatus.Received,
            Mode = request.Mode == ImportMode.Partial ? "partial" : "atomic",
            DryRun = request.DryRun,
            Source = request.Source,
            FileName = SafeFileName(request.FileName),
            BlobPath = blobPath,
            ReportPath = Path.ChangeExtension(blobPath, ".report.json"),
            ReceivedAt = receivedAt,
        };
        await uploads.SaveAsync(upload, cancellationToken);

        ArchivedFile archived;
        try
        {
            archived = await archive.ArchiveAsync(blobPath, content, settings.MaxUploadBytes, cancellationToken);
        }
        catch (UploadTooLargeException e)
        {
            var tooLarge = new ValidationReport();
            tooLarge.AddError(new ValidationIssue
            {
                Code = ErrorCodes.FileTooLarge,
                Message = $"The file is larger than the limit of {e.Limit / (1024 * 1024.0):0.#} MB. Split it (for example one file per year) and upload the parts.",
                MessageId = "Berkas terlalu besar.",
            });
            return await FinishAsync(upload with { BlobPath = null }, tooLarge, UploadStatus.Rejected, null, cancellationToken);
        }

        upload = upload with { Bytes = archived.Bytes, Sha256 = archived.Sha256, Status = UploadStatus.Validating };
        return await ProcessArchivedAsync(upload, request, data, regency, cancellationToken);
    }

    private async Task<ImportResult> ProcessArchivedAsync(UploadRecord upload, ImportRequest request, ReferenceData data, Regency? regency, CancellationToken cancellationToken)
    {
        var reader = new ObservationReader(data.Catalog, data.Registry);
        var options = new ReadOptions { UploadRegency = regency, Locale = request.Locale, Scheme = request.Scheme, Limits = settings.Limits };
        ValidationReport report;
        await using (var first = await archive.OpenReadAsync(upload.BlobPath!, cancellationToken))
        {
            report = await reader.ValidateAsync(first, options, cancellationToken);
        }

        var storable = report.Valid || (request.Mode == ImportMode.Partial && report.Accepted > 0 && !report.Unreadable && !HeaderBroken(report));
        if (!storable)
        {
            logger.LogInformation("Upload {UploadId} for {Regency} rejected: {Errors} errors", upload.UploadId, upload.RegencyCode, report.ErrorCount);
            return await FinishAsync(upload, report, UploadStatus.Rejected, null, cancellationToken);
        }

        var submittedAt = clock.GetUtcNow();
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

        await uploads.SaveAsync(upload with { Status = UploadStatus.Writing }, cancellationToken);
        var counts = await new ObservationWriter(observations, settings.WriteParallelism).WriteAsync(byRegency, request.DryRun, cancellationToken);
        if (!request.DryRun && counts.ChangedYears.Count > 0)
        {
            // Marked first: if the request is lost, the nightly recompute still sees the year as changed.
            await scores.MarkChangedAsync(counts.ChangedYears, clock.GetUtcNow(), cancellationToken);
            await scoreRequests.RequestAsync(new ScoreRequest(counts.ChangedYears, counts.ChangedRegencies, $"upload {upload.UploadId}"), cancellationToken);
        }

        logger.LogInformation(
            "Upload {UploadId} for {Regency}: {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rows rejected",
            upload.UploadId, upload.RegencyCode, counts.Imported, counts.Updated, counts.Unchanged, report.Rejected);
        return await FinishAsync(upload, report, request.DryRun ? UploadStatus.Validated : UploadStatus.Completed, counts, cancellationToken);
    }

    private async Task<ImportResult> FinishAsync(UploadRecord upload, ValidationReport report, UploadStatus status, WriteCounts? counts, CancellationToken cancellationToken)
    {
        var final = upload with
        {
            Status = status,
            Rows = report.Rows,
            Values = report.Values,
            Rejected = report.Rejected,
            Errors = report.ErrorCount,
            Warnings = report.WarningCount,
            Imported = counts?.Imported ?? 0,
            Updated = counts?.Updated ?? 0,
            Unchanged = counts?.Unchanged ?? 0,
            Years = upload.DryRun ? [] : counts?.ChangedYears ?? [],
            CompletedAt = clock.GetUtcNow(),
        };
        if (final.ReportPath is not null)
        {
            await archive.WriteTextAsync(final.ReportPath, report.ToJson(), "application/json", cancellationToken);
        }

        await uploads.SaveAsync(final, cancellationToken);
        return new ImportResult(final, report);
    }

    /// <summary>The stored summary of an upload and its full report.</summary>
    public async Task<(UploadRecord Upload, ValidationReport? Report)?> GetAsync(string regencyCode, string uploadId, CancellationToken cancellationToken)
    {
        var upload = await uploads.GetAsync(regencyCode, uploadId, cancellationToken);
        if (upload is null)
        {
            return null;
        }

        var json = upload.ReportPath is null ? null : await archive.ReadTextAsync(upload.ReportPath, cancellationToken);
        return (upload, json is null ? null : ValidationReport.FromJson(json));
    }

    public Task<IReadOnlyList<UploadRecord>> ListAsync(string regencyCode, int max, CancellationToken cancellationToken) =>
        uploads.ListAsync(regencyCode, max, cancellationToken);

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

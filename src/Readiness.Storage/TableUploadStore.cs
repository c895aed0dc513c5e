using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Storage;

/// <summary>The <c>uploads</c> audit table: one row per upload, partitioned by regency.</summary>
public sealed class TableUploadStore(StorageAccount account) : IUploadStore
{
    private readonly TableClient _table = account.Table(StorageNames.Tables.Uploads);

    public Task SaveAsync(UploadRecord upload, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(upload), TableUpdateMode.Replace, cancellationToken);

    public async Task<UploadRecord?> GetAsync(string regencyCode, string uploadId, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafe(regencyCode) || !TableKeys.IsSafe(uploadId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<UploadEntity>(regencyCode, uploadId, cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    public async Task<IReadOnlyList<UploadRecord>> ListAsync(string regencyCode, int max, CancellationToken cancellationToken)
    {
        var all = new List<UploadRecord>();
        await foreach (var entity in _table.QueryAsync<UploadEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}"), cancellationToken: cancellationToken))
        {
            all.Add(FromEntity(entity));
        }

        // Upload ids start with their UTC time, so the newest sort last.
        return [.. all.OrderByDescending(u => u.UploadId, StringComparer.Ordinal).Take(max)];
    }

    public async Task<IReadOnlyList<UploadRecord>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        // Upload ids start with their UTC time, so one row-key range over every partition finds the recent ones.
        var from = ImportService.NewUploadId(since).Split('-')[0];
        var all = new List<UploadRecord>();
        await foreach (var entity in _table.QueryAsync<UploadEntity>(TableClient.CreateQueryFilter($"RowKey ge {from}"), cancellationToken: cancellationToken))
        {
            all.Add(FromEntity(entity));
        }

        return [.. all.OrderByDescending(u => u.UploadId, StringComparer.Ordinal).Take(max)];
    }

    public async Task<IReadOnlyList<UploadRecord>> ListUnfinishedAsync(IReadOnlyCollection<string>? partitions, CancellationToken cancellationToken)
    {
        var unfinished = string.Join(" or ", new[] { UploadStatus.Received, UploadStatus.Queued, UploadStatus.Validating, UploadStatus.Writing }
            .Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}")));
        var filter = partitions is null
            ? unfinished
            : $"({string.Join(" or ", partitions.Distinct(StringComparer.Ordinal).Select(p => TableClient.CreateQueryFilter($"PartitionKey eq {p}")))}) and ({unfinished})";
        var found = new List<UploadRecord>();
        if (partitions is { Count: 0 })
        {
            return found;
        }

        await foreach (var entity in _table.QueryAsync<UploadEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(FromEntity(entity));
        }

        return found;
    }

    private static UploadEntity ToEntity(UploadRecord u) => new()
    {
        PartitionKey = u.RegencyCode,
        RowKey = u.UploadId,
        ETag = ETag.All,
        Status = u.Status.ToString(),
        Mode = u.Mode.Name(),
        DryRun = u.DryRun,
        Source = u.Source.Name(),
        FileName = u.FileName,
        Locale = u.Locale?.LocaleName(),
        Scheme = u.Scheme.Name(),
        SourcePath = u.SourcePath,
        Attempts = u.Attempts,
        KeyId = u.KeyId,
        Bytes = u.Bytes,
        Sha256 = u.Sha256,
        BlobPath = u.BlobPath,
        ReportPath = u.ReportPath,
        Rows = u.Rows,
        Values = u.Values,
        Imported = u.Imported,
        Updated = u.Updated,
        Unchanged = u.Unchanged,
        Superseded = u.Superseded,
        Rejected = u.Rejected,
        Errors = u.Errors,
        Warnings = u.Warnings,
        Years = string.Join(',', u.Years),
        Regencies = string.Join(',', u.Regencies),
        ReceivedAt = u.ReceivedAt,
        CompletedAt = u.CompletedAt,
        Failure = u.Failure,
        Late = u.Late,
    };

    private static UploadRecord FromEntity(UploadEntity e) => new()
    {
        UploadId = e.RowKey,
        RegencyCode = e.PartitionKey,
        Status = Enum.TryParse<UploadStatus>(e.Status, out var status) ? status : UploadStatus.Failed,
        Mode = ImportModes.Parse(e.Mode),
        DryRun = e.DryRun,
        Source = UploadSources.Parse(e.Source),
        FileName = e.FileName,
        Locale = NumberStyleNames.ParseLocale(e.Locale),
        Scheme = RegencySchemes.Parse(e.Scheme),
        SourcePath = e.SourcePath,
        Attempts = e.Attempts,
        KeyId = e.KeyId,
        Bytes = e.Bytes,
        Sha256 = e.Sha256,
        BlobPath = e.BlobPath,
        ReportPath = e.ReportPath,
        Rows = e.Rows,
        Values = e.Values,
        Imported = e.Imported,
        Updated = e.Updated,
        Unchanged = e.Unchanged,
        Superseded = e.Superseded,
        Rejected = e.Rejected,
        Errors = e.Errors,
        Warnings = e.Warnings,
        Years = [.. e.Years.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(y => int.Parse(y, CultureInfo.InvariantCulture))],
        Regencies = e.Regencies.Split(',', StringSplitOptions.RemoveEmptyEntries),
        ReceivedAt = e.ReceivedAt,
        CompletedAt = e.CompletedAt,
        UpdatedAt = e.Timestamp,
        Failure = e.Failure,
        Late = e.Late,
    };
}

/// <summary>Table Storage forbids <c>/ \ # ?</c> and control characters in keys; user input is checked before use.</summary>
public static class TableKeys
{
    public static bool IsSafe(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}

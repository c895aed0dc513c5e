using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Sources;

namespace Readiness.Storage;

/// <summary>A row of <c>sources</c>: PartitionKey = regency code, RowKey = source id.</summary>
public sealed class SourceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Url { get; set; } = "";
    public string Mode { get; set; } = "atomic";
    public string? Locale { get; set; }
    public string Scheme { get; set; } = "kemendagri";
    public bool Enabled { get; set; } = true;
    public string? ContentETag { get; set; }
    public DateTimeOffset? LastModified { get; set; }
    public DateTimeOffset? LastFetchedAt { get; set; }
    public string? LastStatus { get; set; }
    public string? LastError { get; set; }
    public string? LastUploadId { get; set; }
    public int ConsecutiveFailures { get; set; }
}

/// <summary>The <c>sources</c> table.</summary>
public sealed class TableSourceStore(StorageAccount account) : ISourceStore
{
    private readonly TableClient _table = account.Table(StorageNames.Tables.Sources);

    public async Task<IReadOnlyList<Source>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<Source>();
        await foreach (var e in _table.QueryAsync<SourceEntity>(cancellationToken: cancellationToken))
        {
            if (Uri.TryCreate(e.Url, UriKind.Absolute, out var url))
            {
                list.Add(new Source(e.PartitionKey, e.RowKey, url, ImportModes.Parse(e.Mode), NumberStyleNames.ParseLocale(e.Locale), RegencySchemes.Parse(e.Scheme), e.Enabled,
                    e.ContentETag, e.LastModified, e.LastFetchedAt, e.LastStatus, e.LastError, e.LastUploadId, e.ConsecutiveFailures));
            }
        }

        return list;
    }

    public Task SaveAsync(Source source, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new SourceEntity
            {
                PartitionKey = source.RegencyCode,
                RowKey = source.Id,
                Url = source.Url.ToString(),
                Mode = source.Mode.Name(),
                Locale = source.Locale?.LocaleName(),
                Scheme = source.Scheme.Name(),
                Enabled = source.Enabled,
                ContentETag = source.ETag,
                LastModified = source.LastModified,
                LastFetchedAt = source.LastFetchedAt,
                LastStatus = source.LastStatus,
                LastError = source.LastError,
                LastUploadId = source.LastUploadId,
                ConsecutiveFailures = source.ConsecutiveFailures,
            },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<bool> DeleteAsync(string regencyCode, string id, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafe(regencyCode) || !TableKeys.IsSafe(id))
        {
            return false;
        }

        var response = await _table.DeleteEntityAsync(regencyCode, id, ETag.All, cancellationToken);
        return response.Status != 404;
    }
}

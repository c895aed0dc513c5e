using Readiness.Core.Ingestion;

namespace Readiness.Core.Ports;

/// <summary>The audit trail: one record per upload, whatever became of it.</summary>
public interface IUploadStore
{
    Task SaveAsync(UploadRecord upload, CancellationToken cancellationToken);

    Task<UploadRecord?> GetAsync(string regencyCode, string uploadId, CancellationToken cancellationToken);

    /// <summary>The most recent uploads of a regency, newest first.</summary>
    Task<IReadOnlyList<UploadRecord>> ListAsync(string regencyCode, int max, CancellationToken cancellationToken);

    /// <summary>The most recent uploads of every regency received since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<UploadRecord>> ListRecentAsync(DateTimeOffset since, int max, CancellationToken cancellationToken);
}

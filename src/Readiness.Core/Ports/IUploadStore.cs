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

    /// <summary>Uploads not in a final state (Received, Queued, Validating, Writing), of the given uploads partitions
    /// (regency codes or <c>all</c>), or of every partition when null. One filtered query; what recovery sweeps and
    /// readers check for pending data.</summary>
    Task<IReadOnlyList<UploadRecord>> ListUnfinishedAsync(IReadOnlyCollection<string>? partitions, CancellationToken cancellationToken);
}

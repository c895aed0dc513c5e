using Readiness.Core.Observations;

namespace Readiness.Core.Ports;

/// <summary>The stored fields of an observation that decide whether a new upload changes it.</summary>
public readonly record struct StoredValue(double Value, string? Unit, string? Note);

/// <summary>Observations, partitioned by regency (Kemendagri code), keyed <c>{period}|{indicator}</c>.</summary>
public interface IObservationStore
{
    /// <summary>Upper bound of one <see cref="SubmitAsync"/> call: a Table Storage entity-group transaction.</summary>
    const int MaxBatch = 100;

    /// <summary>Every stored value of one regency, by row key.</summary>
    Task<Dictionary<string, StoredValue>> ReadPartitionAsync(string regencyCode, CancellationToken cancellationToken);

    /// <summary>Writes up to <see cref="MaxBatch"/> observations of one regency in one atomic transaction.</summary>
    Task SubmitAsync(string regencyCode, IReadOnlyList<Observation> batch, CancellationToken cancellationToken);

    /// <summary>The observations of one regency, optionally only those of one year.</summary>
    IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, CancellationToken cancellationToken);
}

using Readiness.Core.Observations;

namespace Readiness.Core.Ports;

/// <summary>What a write did to the value it replaced, stored with the value: a retried or recovered upload finds the
/// keys its earlier attempt wrote and counts them as that attempt did.</summary>
public enum WriteChange
{
    /// <summary>The key was absent.</summary>
    Imported,

    /// <summary>Another value replaced.</summary>
    Updated,

    /// <summary>The same value, re-stamped with this upload so an older upload still in flight sees it as superseded.</summary>
    Unchanged,
}

/// <summary>The stored fields of an observation that decide whether a new upload changes it, the version
/// (<paramref name="ETag"/>) a conditional write must match, and what its write changed (null for rows written before
/// that was recorded).</summary>
public readonly record struct StoredValue(double Value, string? Unit, string? Note, string UploadId, string ETag, WriteChange? Change = null);

/// <summary>One write of a transaction: an insert when <paramref name="IfMatch"/> is null (fails if the key appeared
/// meanwhile), otherwise a replace of exactly that stored version; <paramref name="Change"/> is stored with it.</summary>
public readonly record struct ObservationWrite(Observation Observation, string? IfMatch, WriteChange Change = WriteChange.Imported);

/// <summary>Another writer changed the partition between our read and our write; re-read and try again.</summary>
public sealed class WriteConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Observations, partitioned by regency (Kemendagri code), keyed <c>{period}|{indicator}</c>.</summary>
public interface IObservationStore
{
    /// <summary>Every stored value of one regency, by row key.</summary>
    Task<Dictionary<string, StoredValue>> ReadPartitionAsync(string regencyCode, CancellationToken cancellationToken);

    /// <summary>Writes up to <see cref="StoreBatch.MaxEntities"/> observations of one regency in one atomic transaction, each
    /// conditional on the version it was planned against (<see cref="WriteConflictException"/> otherwise).</summary>
    Task SubmitAsync(string regencyCode, IReadOnlyList<ObservationWrite> batch, CancellationToken cancellationToken);

    /// <summary>The observations of one regency, optionally only those of one year.</summary>
    IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, CancellationToken cancellationToken);
}

using Readiness.Core.Audit;
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
/// meanwhile), otherwise a replace of exactly that stored version; <paramref name="Change"/> is stored with it, and so
/// is <paramref name="History"/>, the history entry of a value change (null for a re-stamp), so that the entry can be
/// read back from the row if the writer dies before appending it.</summary>
public readonly record struct ObservationWrite(Observation Observation, string? IfMatch, WriteChange Change = WriteChange.Imported, ValueChange? History = null);

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

    /// <summary>The history entry of each stored value of one regency whose current version came from a recorded
    /// change (not a re-stamp, not a row from before the history), by observation row key.</summary>
    Task<Dictionary<string, ValueChange>> ReadCurrentChangesAsync(string regencyCode, CancellationToken cancellationToken);

    /// <summary>Appends entries of one regency to the append-only history, in transactions of up to
    /// <see cref="StoreBatch.MaxEntities"/>; an entry written again (same key) is written identically, never twice.</summary>
    Task AppendHistoryAsync(string regencyCode, IReadOnlyList<ValueChange> entries, CancellationToken cancellationToken);

    /// <summary>The observation row keys of one regency that upload <paramref name="uploadId"/> has history entries for.</summary>
    Task<HashSet<string>> ReadHistoryKeysAsync(string regencyCode, string uploadId, CancellationToken cancellationToken);

    /// <summary>The history entries of one regency that <paramref name="query"/> selects, in key order.</summary>
    IAsyncEnumerable<ValueChange> ReadHistoryAsync(string regencyCode, HistoryQuery query, CancellationToken cancellationToken);
}

using Readiness.Core.Audit;
using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.TestSupport;

/// <summary>An <see cref="IObservationStore"/> that passes every call to <paramref name="inner"/>: a test that counts
/// or holds one kind of call overrides that one and keeps the real store (Azurite) behind it.</summary>
public abstract class DelegatingObservationStore(IObservationStore inner) : IObservationStore
{
    public virtual Task<Dictionary<string, StoredValue>> ReadPartitionAsync(string regencyCode, CancellationToken cancellationToken) =>
        inner.ReadPartitionAsync(regencyCode, cancellationToken);

    public virtual Task SubmitAsync(string regencyCode, IReadOnlyList<ObservationWrite> batch, CancellationToken cancellationToken) =>
        inner.SubmitAsync(regencyCode, batch, cancellationToken);

    public virtual IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, CancellationToken cancellationToken) =>
        inner.ReadAsync(regencyCode, year, cancellationToken);

    public virtual Task<Dictionary<string, ValueChange>> ReadCurrentChangesAsync(string regencyCode, CancellationToken cancellationToken) =>
        inner.ReadCurrentChangesAsync(regencyCode, cancellationToken);

    public virtual Task AppendHistoryAsync(string regencyCode, IReadOnlyList<ValueChange> entries, CancellationToken cancellationToken) =>
        inner.AppendHistoryAsync(regencyCode, entries, cancellationToken);

    public virtual Task<HashSet<string>> ReadHistoryKeysAsync(string regencyCode, string uploadId, CancellationToken cancellationToken) =>
        inner.ReadHistoryKeysAsync(regencyCode, uploadId, cancellationToken);

    public virtual IAsyncEnumerable<ValueChange> ReadHistoryAsync(string regencyCode, HistoryQuery query, CancellationToken cancellationToken) =>
        inner.ReadHistoryAsync(regencyCode, query, cancellationToken);
}

using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Ingestion;

/// <summary>What writing an upload's values changed.</summary>
public sealed record WriteCounts(int Imported, int Updated, int Unchanged, IReadOnlyList<int> ChangedYears, IReadOnlyList<string> ChangedRegencies);

/// <summary>
/// Writes observations the way Table Storage likes them: per regency partition, only what changed (compared with
/// what is stored), in entity-group transactions of up to 100, several partitions in flight at once up to a bound.
/// Re-uploading the same content therefore writes nothing.
/// </summary>
public sealed class ObservationWriter(IObservationStore store, int maxParallelPartitions = 8)
{
    /// <param name="byRegency">The observations to store, grouped by regency code, one per row key.</param>
    /// <param name="dryRun">Count what would change without writing.</param>
    public async Task<WriteCounts> WriteAsync(IReadOnlyDictionary<string, Dictionary<string, Observation>> byRegency, bool dryRun, CancellationToken cancellationToken)
    {
        var imported = 0;
        var updated = 0;
        var unchanged = 0;
        var years = new HashSet<int>();
        var regencies = new SortedSet<string>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelPartitions), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byRegency, parallel, async (partition, ct) =>
        {
            var stored = await store.ReadPartitionAsync(partition.Key, ct);
            var changes = new List<Observation>();
            int added = 0, changed = 0, same = 0;
            foreach (var (rowKey, observation) in partition.Value)
            {
                if (!stored.TryGetValue(rowKey, out var existing))
                {
                    added++;
                    changes.Add(observation);
                }
                else if (existing.Value.Equals(observation.Value) && existing.Unit == observation.Unit && existing.Note == observation.Note)
                {
                    same++;
                }
                else
                {
                    changed++;
                    changes.Add(observation);
                }
            }

            if (!dryRun)
            {
                // Sorted so a partition's transactions always cover the same keys in the same order.
                changes.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
                foreach (var batch in changes.Chunk(IObservationStore.MaxBatch))
                {
                    await store.SubmitAsync(partition.Key, batch, ct);
                }
            }

            lock (years)
            {
                imported += added;
                updated += changed;
                unchanged += same;
                foreach (var observation in changes)
                {
                    years.Add(observation.Period.Year);
                }

                if (changes.Count > 0)
                {
                    regencies.Add(partition.Key);
                }
            }
        });

        return new WriteCounts(imported, updated, unchanged, [.. years.Order()], [.. regencies]);
    }
}

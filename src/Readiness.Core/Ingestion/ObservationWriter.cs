using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Ingestion;

/// <summary>What writing an upload's values changed.</summary>
/// <param name="Superseded">Values not written because a later submission already stored that key.</param>
public sealed record WriteCounts(int Imported, int Updated, int Unchanged, int Superseded, IReadOnlyList<int> ChangedYears, IReadOnlyList<string> ChangedRegencies);

/// <summary>
/// Writes observations the way Table Storage likes them: per regency partition, only what changed (compared with
/// what is stored), in entity-group transactions of up to 100, several partitions in flight at once up to a bound.
/// Re-uploading the same content therefore writes nothing. Every write is conditional on the version it was planned
/// against, so two uploads racing on one partition end with the later submission's values (upload ids sort by
/// submission time), never an interleaving.
/// </summary>
public sealed class ObservationWriter(IObservationStore store, int maxParallelPartitions = 8)
{
    private const int MaxAttempts = 8;

    /// <param name="byRegency">The observations to store, grouped by regency code, one per row key.</param>
    /// <param name="dryRun">Count what would change without writing.</param>
    public async Task<WriteCounts> WriteAsync(IReadOnlyDictionary<string, Dictionary<string, Observation>> byRegency, bool dryRun, CancellationToken cancellationToken)
    {
        var totals = new Counts();
        var years = new HashSet<int>();
        var regencies = new SortedSet<string>(StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelPartitions), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byRegency, parallel, async (partition, ct) =>
        {
            var (counts, changed) = await WritePartitionAsync(partition.Key, partition.Value, dryRun, ct);
            lock (years)
            {
                totals.Add(counts);
                foreach (var observation in changed)
                {
                    years.Add(observation.Period.Year);
                }

                if (changed.Count > 0)
                {
                    regencies.Add(partition.Key);
                }
            }
        });

        return new WriteCounts(totals.Imported, totals.Updated, totals.Unchanged, totals.Superseded, [.. years.Order()], [.. regencies]);
    }

    /// <summary>Counts come from the first reading of the partition (what this upload changed); a conflict only
    /// re-plans the writes still pending.</summary>
    private async Task<(Counts Counts, List<Observation> Changed)> WritePartitionAsync(string regency, Dictionary<string, Observation> wanted, bool dryRun, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        var changed = new List<Observation>();
        var pending = new Dictionary<string, Observation>(wanted, StringComparer.Ordinal);
        var first = true;
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var stored = await store.ReadPartitionAsync(regency, cancellationToken);
            var writes = new List<ObservationWrite>();
            foreach (var (rowKey, observation) in pending)
            {
                if (!stored.TryGetValue(rowKey, out var existing))
                {
                    writes.Add(new ObservationWrite(observation, null));
                    Count(first, ref counts.Imported, changed, observation);
                }
                else if (string.CompareOrdinal(existing.UploadId, observation.UploadId) > 0)
                {
                    counts.Superseded += first ? 1 : 0;
                }
                else if (existing.Value.Equals(observation.Value) && existing.Unit == observation.Unit && existing.Note == observation.Note)
                {
                    counts.Unchanged += first ? 1 : 0;
                }
                else
                {
                    writes.Add(new ObservationWrite(observation, existing.ETag));
                    Count(first, ref counts.Updated, changed, observation);
                }
            }

            first = false;
            pending.Clear();
            if (dryRun)
            {
                break;
            }

            // Sorted so a partition's transactions always cover the same keys in the same order.
            writes.Sort((a, b) => string.CompareOrdinal(a.Observation.RowKey, b.Observation.RowKey));
            var conflict = false;
            foreach (var batch in writes.Chunk(IObservationStore.MaxBatch))
            {
                if (conflict)
                {
                    AddPending(pending, batch);
                    continue;
                }

                try
                {
                    await store.SubmitAsync(regency, batch, cancellationToken);
                }
                catch (WriteConflictException) when (attempt < MaxAttempts)
                {
                    conflict = true;
                    AddPending(pending, batch);
                }
            }

            if (conflict)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * Random.Shared.Next(1, 4)), cancellationToken);
            }
        }

        return (counts, changed);
    }

    private static void Count(bool first, ref int counter, List<Observation> changed, Observation observation)
    {
        if (first)
        {
            counter++;
            changed.Add(observation);
        }
    }

    private static void AddPending(Dictionary<string, Observation> pending, ObservationWrite[] batch)
    {
        foreach (var write in batch)
        {
            pending[write.Observation.RowKey] = write.Observation;
        }
    }

    private sealed class Counts
    {
        public int Imported;
        public int Updated;
        public int Unchanged;
        public int Superseded;

        public void Add(Counts other)
        {
            Imported += other.Imported;
            Updated += other.Updated;
            Unchanged += other.Unchanged;
            Superseded += other.Superseded;
        }
    }
}

using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Ingestion;

/// <summary>What writing an upload's values changed.</summary>
/// <param name="Superseded">Values not written because a later submission already stored that key.</param>
public sealed record WriteCounts(int Imported, int Updated, int Unchanged, int Superseded, IReadOnlyList<int> ChangedYears, IReadOnlyList<string> ChangedRegencies);

/// <summary>What an upload will write, decided from one reading of each partition: the counts, and per partition the
/// writes with the stored version each is conditional on.</summary>
public sealed class WritePlan
{
    internal WritePlan(WriteCounts counts, IReadOnlyDictionary<string, List<ObservationWrite>> writes)
    {
        Counts = counts;
        Writes = writes;
    }

    public WriteCounts Counts { get; }

    internal IReadOnlyDictionary<string, List<ObservationWrite>> Writes { get; }
}

/// <summary>
/// Writes observations the way Table Storage likes them: per regency partition, only what changed (compared with
/// what is stored), in entity-group transactions of up to <see cref="StoreBatch.MaxEntities"/>, several partitions in flight at once up to a bound.
/// Re-uploading the same content therefore writes nothing. Every write is conditional on the version it was planned
/// against, so two uploads racing on one partition end with the later submission's values (upload ids sort by
/// submission time), never an interleaving: a conflict re-reads the partition and re-plans what is still pending.
/// </summary>
public sealed class ObservationWriter(IObservationStore store, int maxParallelPartitions = 8)
{
    private const int MaxAttempts = 8;

    /// <summary>Plans and writes; with <paramref name="dryRun"/> only plans.</summary>
    public async Task<WriteCounts> WriteAsync(IReadOnlyDictionary<string, Dictionary<string, Observation>> byRegency, bool dryRun, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(byRegency, cancellationToken);
        if (!dryRun)
        {
            await ExecuteAsync(plan, byRegency, cancellationToken);
        }

        return plan.Counts;
    }

    /// <summary>Reads each partition once and decides what to write: the counts are what this upload changes.</summary>
    public async Task<WritePlan> PlanAsync(IReadOnlyDictionary<string, Dictionary<string, Observation>> byRegency, CancellationToken cancellationToken)
    {
        int imported = 0, updated = 0, unchanged = 0, superseded = 0;
        var years = new HashSet<int>();
        var regencies = new SortedSet<string>(StringComparer.Ordinal);
        var writes = new Dictionary<string, List<ObservationWrite>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(byRegency, Options(cancellationToken), async (partition, ct) =>
        {
            var stored = await store.ReadPartitionAsync(partition.Key, ct);
            var counts = new Counts();
            var planned = Classify(stored, partition.Value.Values, counts);
            lock (writes)
            {
                imported += counts.Imported;
                updated += counts.Updated;
                unchanged += counts.Unchanged;
                superseded += counts.Superseded;
                writes[partition.Key] = planned;
                foreach (var write in planned)
                {
                    years.Add(write.Observation.Period.Year);
                }

                if (planned.Count > 0)
                {
                    regencies.Add(partition.Key);
                }
            }
        });

        return new WritePlan(new WriteCounts(imported, updated, unchanged, superseded, [.. years.Order()], [.. regencies]), writes);
    }

    /// <summary>Submits a plan's writes; a partition that changed meanwhile is re-read and its pending keys re-planned.</summary>
    public Task ExecuteAsync(WritePlan plan, IReadOnlyDictionary<string, Dictionary<string, Observation>> byRegency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(plan.Writes.Where(p => p.Value.Count > 0), Options(cancellationToken), async (partition, ct) =>
        {
            var writes = partition.Value;
            for (var attempt = 1; ; attempt++)
            {
                var pending = await SubmitAsync(partition.Key, writes, attempt < MaxAttempts, ct);
                if (pending.Count == 0)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * Random.Shared.Next(1, 4)), ct);
                var stored = await store.ReadPartitionAsync(partition.Key, ct);
                writes = Classify(stored, pending.Select(key => byRegency[partition.Key][key]), counts: null);
            }
        });

    /// <summary>Submits in sorted transactions of <see cref="StoreBatch.MaxEntities"/>; returns the keys still pending after a conflict.</summary>
    private async Task<List<string>> SubmitAsync(string regency, List<ObservationWrite> writes, bool retryConflicts, CancellationToken cancellationToken)
    {
        // Sorted so a partition's transactions always cover the same keys in the same order.
        writes.Sort((a, b) => string.CompareOrdinal(a.Observation.RowKey, b.Observation.RowKey));
        var pending = new List<string>();
        foreach (var batch in writes.Chunk(StoreBatch.MaxEntities))
        {
            if (pending.Count > 0)
            {
                pending.AddRange(batch.Select(w => w.Observation.RowKey));
                continue;
            }

            try
            {
                await store.SubmitAsync(regency, batch, cancellationToken);
            }
            catch (WriteConflictException) when (retryConflicts)
            {
                pending.AddRange(batch.Select(w => w.Observation.RowKey));
            }
        }

        return pending;
    }

    private static List<ObservationWrite> Classify(Dictionary<string, StoredValue> stored, IEnumerable<Observation> wanted, Counts? counts)
    {
        var writes = new List<ObservationWrite>();
        foreach (var observation in wanted)
        {
            if (!stored.TryGetValue(observation.RowKey, out var existing))
            {
                writes.Add(new ObservationWrite(observation, null));
                if (counts is not null)
                {
                    counts.Imported++;
                }
            }
            else if (string.CompareOrdinal(existing.UploadId, observation.UploadId) > 0)
            {
                if (counts is not null)
                {
                    counts.Superseded++;
                }
            }
            else if (existing.Value.Equals(observation.Value) && existing.Unit == observation.Unit && existing.Note == observation.Note)
            {
                if (counts is not null)
                {
                    counts.Unchanged++;
                }
            }
            else
            {
                writes.Add(new ObservationWrite(observation, existing.ETag));
                if (counts is not null)
                {
                    counts.Updated++;
                }
            }
        }

        return writes;
    }

    private ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Math.Max(1, maxParallelPartitions), CancellationToken = cancellationToken };

    private sealed class Counts
    {
        public int Imported { get; set; }
        public int Updated { get; set; }
        public int Unchanged { get; set; }
        public int Superseded { get; set; }
    }
}

using System.Collections.Concurrent;
using Readiness.Core.Audit;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Ingestion;

/// <summary>What writing an upload's values changed. Every value of the upload is counted once, in one of the four.</summary>
/// <param name="Superseded">Values not written because a later submission already stored that key.</param>
public sealed record WriteCounts(int Imported, int Updated, int Unchanged, int Superseded, IReadOnlyList<int> ChangedYears, IReadOnlyList<string> ChangedRegencies);

/// <summary>
/// The accepted values of one upload, grouped by regency partition in a compact form until their partition is written,
/// and released as each partition is taken: 18 bytes a value (indicator and unit/note by index, the period packed), in
/// fixed-size chunks per regency. A large file's full chunks go to a temporary file (deleted when this is disposed or
/// its handle finalized; a process killed outright leaves it in the temp folder until the instance is recycled) and
/// are read back when their partition is taken, so a 20 MB file of 740,160
/// values holds a few hundred KiB of values in memory instead of 13 MB, and never a full observation (and its row key)
/// each (issue 11: a background import's peak).
/// </summary>
public sealed class UploadValues : IDisposable
{
    private const int ChunkSize = 64;

    /// <summary>Values held in memory before full chunks start going to the temporary file: a regency's upload (a few
    /// hundred values) never creates one.</summary>
    private readonly int _spillAfter;

    private readonly Dictionary<string, Partition> _byRegency = new(StringComparer.Ordinal);
    private readonly Dictionary<Indicator, ushort> _indicatorIndex = [];
    private readonly List<Indicator> _indicators = [];
    private readonly Dictionary<(string? Unit, string? Note), int> _extraIndex = [];
    private readonly List<(string? Unit, string? Note)> _extras = [];
    private readonly SortedSet<int> _years = [];
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _spill;
    private long _spillLength;
    private long _count;

    /// <param name="spillAfter">Values held in memory before full chunks go to a temporary file (tests lower it).</param>
    public UploadValues(int spillAfter = 32_768) => _spillAfter = spillAfter;

    /// <summary>Whether full chunks went to the temporary file.</summary>
    public bool Spilled => _spill is not null;

    public void Add(NormalizedValue value)
    {
        if (!_byRegency.TryGetValue(value.Regency.Code, out var partition))
        {
            _byRegency[value.Regency.Code] = partition = new Partition();
        }

        if (!_indicatorIndex.TryGetValue(value.Indicator, out var indicator))
        {
            _indicatorIndex[value.Indicator] = indicator = checked((ushort)_indicators.Count);
            _indicators.Add(value.Indicator);
        }

        var extra = -1;
        if (value.Unit is not null || value.Note is not null)
        {
            // Interned: a file usually repeats a handful of units, and notes are rare.
            if (!_extraIndex.TryGetValue((value.Unit, value.Note), out extra))
            {
                _extraIndex[(value.Unit, value.Note)] = extra = _extras.Count;
                _extras.Add((value.Unit, value.Note));
            }
        }

        _count++;
        if (partition.Add(new CompactValue(value.Value, Pack(value.Period), extra, indicator)) is { } full && (_spill is not null || _count > _spillAfter))
        {
            partition.Spilled(full, Spill(full));
        }

        partition.Years.Add(value.Period.Year);
        _years.Add(value.Period.Year);
    }

    /// <summary>The regencies of the file, in code order.</summary>
    public IReadOnlyList<string> Regencies => [.. _byRegency.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The years of the file.</summary>
    public IReadOnlyList<int> Years => [.. _years];

    /// <summary>The regency-years of the file (each regency with the years it has values for), before any is taken.</summary>
    public IReadOnlyList<(string RegencyCode, int Year)> RegencyYears =>
        [.. _byRegency.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value.Years.Select(year => (p.Key, year)))];

    /// <summary>One partition's observations by row key (a repeated key: the last row wins, as it always has); its
    /// compact values are dropped, so only the partitions in flight are held as observations.</summary>
    internal Dictionary<string, Observation> Take(string regency, string uploadId, DateTimeOffset submittedAt)
    {
        Partition partition;
        lock (_byRegency)
        {
            partition = _byRegency[regency];
            _byRegency[regency] = new Partition();
        }

        return Observations(regency, partition, uploadId, submittedAt);
    }

    /// <summary>One partition's observations, as <see cref="Take"/> gives them, keeping its compact values.</summary>
    internal Dictionary<string, Observation> Peek(string regency, string uploadId, DateTimeOffset submittedAt)
    {
        Partition partition;
        lock (_byRegency)
        {
            partition = _byRegency[regency];
        }

        return Observations(regency, partition, uploadId, submittedAt);
    }

    public void Dispose() => _spill?.Dispose();

    private long Spill(CompactValue[] chunk)
    {
        _spill ??= File.OpenHandle(
            Path.Combine(Path.GetTempPath(), $"readiness-upload-{Guid.NewGuid():N}.values"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        var offset = _spillLength;
        RandomAccess.Write(_spill, System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.AsSpan()), offset);
        _spillLength += ChunkBytes;
        return offset;
    }

    private static int ChunkBytes => ChunkSize * System.Runtime.CompilerServices.Unsafe.SizeOf<CompactValue>();

    private Dictionary<string, Observation> Observations(string regency, Partition partition, string uploadId, DateTimeOffset submittedAt)
    {
        var observations = new Dictionary<string, Observation>(partition.Count, StringComparer.Ordinal);
        var buffer = new CompactValue[ChunkSize];
        foreach (var (chunk, length) in partition.Chunks())
        {
            var values = chunk.Memory;
            if (values is null)
            {
                // Partitions are read at once by several writers: pread at an offset, no shared position.
                var read = RandomAccess.Read(_spill!, System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan()), chunk.Offset);
                if (read != ChunkBytes)
                {
                    throw new IOException($"The upload's temporary file gave {read} of {ChunkBytes} bytes at {chunk.Offset}.");
                }

                values = buffer;
            }

            for (var i = 0; i < length; i++)
            {
                var v = values[i];
                var (unit, note) = v.Extra < 0 ? (null, null) : _extras[v.Extra];
                var observation = new Observation(regency, _indicators[v.Indicator].Code, Unpack(v.Period), v.Value, unit, note, uploadId, submittedAt);
                observations[observation.RowKey] = observation;
            }
        }

        return observations;
    }

    private static int Pack(Period period) => (period.Year << 8) | ((int)period.Kind << 5) | period.Index;

    private static Period Unpack(int packed) => new(packed >> 8, (PeriodKind)((packed >> 5) & 0b111), packed & 0b11111);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Pack = 2)]
    private readonly record struct CompactValue(double Value, int Period, int Extra, ushort Indicator);

    /// <summary>A chunk in memory, or spilled to the temporary file at an offset.</summary>
    private readonly record struct Chunk(CompactValue[]? Memory, long Offset);

    /// <summary>Fixed-size chunks: no list doubling (which would hold up to twice the values while it copies).</summary>
    private sealed class Partition
    {
        private readonly List<Chunk> _chunks = [];

        public int Count { get; private set; }

        public SortedSet<int> Years { get; } = [];

        /// <summary>Adds the value; returns its chunk when this filled it.</summary>
        public CompactValue[]? Add(CompactValue value)
        {
            if (Count % ChunkSize == 0)
            {
                _chunks.Add(new Chunk(new CompactValue[ChunkSize], 0));
            }

            var chunk = _chunks[^1].Memory!;
            chunk[Count % ChunkSize] = value;
            Count++;
            return Count % ChunkSize == 0 ? chunk : null;
        }

        /// <summary>The last chunk is in the temporary file now: its memory is released.</summary>
        public void Spilled(CompactValue[] chunk, long offset)
        {
            System.Diagnostics.Debug.Assert(ReferenceEquals(_chunks[^1].Memory, chunk), "only the chunk just filled is spilled");
            _chunks[^1] = new Chunk(null, offset);
        }

        /// <summary>Each chunk with the number of values it holds (the last may be partly filled).</summary>
        public IEnumerable<(Chunk Chunk, int Length)> Chunks()
        {
            for (var i = 0; i < _chunks.Count; i++)
            {
                yield return (_chunks[i], i < _chunks.Count - 1 ? ChunkSize : Count - (i * ChunkSize));
            }
        }
    }
}

/// <summary>How one upload writes: whose it is, and the hooks the import use case needs around the writes.</summary>
public sealed record WriteSettings(string UploadId, DateTimeOffset SubmittedAt)
{
    /// <summary>Only count what would change; the values stay in the <see cref="UploadValues"/> (peeked, not taken).</summary>
    public bool DryRun { get; init; }

    /// <summary>Partitions that an older upload still in flight may write: there a value equal to the stored one is
    /// re-stamped with this upload (a conditional write), so the older upload finds it superseded instead of
    /// overwriting it. Elsewhere an identical value costs no write.</summary>
    public Func<string, bool> RestampUnchanged { get; init; } = _ => false;

    /// <summary>Called once per year before the first write that changes a value of it (the year is marked changed
    /// first, so a crash mid-write still leaves it due for rescoring).</summary>
    public Func<int, CancellationToken, Task> BeforeChangingYear { get; init; } = (_, _) => Task.CompletedTask;

    /// <summary>Called before the n-th transaction of the upload (1-based): fault-injection checkpoints.</summary>
    public Func<int, CancellationToken, ValueTask> BeforeTransaction { get; init; } = (_, _) => ValueTask.CompletedTask;

    /// <summary>Called after the n-th transaction committed, before its history entries are appended (1-based):
    /// fault-injection checkpoints.</summary>
    public Func<int, CancellationToken, ValueTask> BeforeHistory { get; init; } = (_, _) => ValueTask.CompletedTask;

    /// <summary>Who sent the upload (a key id or the path, never a secret), kept in each history entry.</summary>
    public string KeyId { get; init; } = "unknown";

    /// <summary>The clock of each history entry's <see cref="ValueChange.ChangedAt"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Called at most every <see cref="ObservationWriter.HeartbeatInterval"/> while writing, so a long upload's
    /// record shows it is alive and recovery leaves it alone.</summary>
    public Func<CancellationToken, Task> Heartbeat { get; init; } = _ => Task.CompletedTask;
}

/// <summary>
/// Writes observations the way Table Storage likes them: per regency partition, only what changed (compared with
/// what is stored), in entity-group transactions of up to <see cref="StoreBatch.MaxEntities"/>, several partitions in
/// flight at once up to a bound. Each partition is read, classified and written in turn, so memory holds only the
/// partitions in flight. Every write is conditional on the version it was classified against, and the later
/// submission (upload ids sort by receipt time) wins each key: a conflict re-reads the partition and re-classifies
/// what is still pending. Counts are taken when a write commits (or a key is settled without one), so they say what
/// this upload changed even when others raced it; keys an earlier attempt of the same upload wrote are recognised by
/// their upload id and counted as that attempt's write did (<see cref="WriteChange"/>), so a retry, a redelivery, a
/// replay and a recovery all end with the same counts.
/// Every value change also gets an entry in the append-only history (<see cref="ValueChange"/>): stored with the row
/// in its transaction, and appended to the history right after the transaction commits. A writer that dies between
/// the two leaves the entry readable from the row, and whoever writes that row next first appends it: the same upload
/// re-driven by recovery (it finds its own keys), or a later upload (which then finds the dead one unfinished, see
/// <see cref="WriteSettings.RestampUnchanged"/>). Entries are keyed by observation and upload, so none is lost or
/// doubled.
/// </summary>
public sealed class ObservationWriter(IObservationStore store, int maxParallelPartitions = 8)
{
    /// <summary>Ten racing uploads on one partition settle well within this; beyond it the conflict is reported.</summary>
    private const int MaxAttempts = 30;

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    public async Task<WriteCounts> WriteAsync(UploadValues values, WriteSettings settings, CancellationToken cancellationToken)
    {
        var total = new Counts();
        var transactions = 0;
        var years = new ConcurrentDictionary<int, Lazy<Task>>();
        var lastBeat = Environment.TickCount64;
        var beating = 0;
        var context = new PartitionContext(
            settings,
            (year, ct) => years.GetOrAdd(year, y => new Lazy<Task>(() => settings.BeforeChangingYear(y, ct))).Value,
            () => Interlocked.Increment(ref transactions));
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelPartitions), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(values.Regencies, options, async (regency, ct) =>
        {
            // A dry run keeps the values: its quality checks lay them over the stored ones afterwards.
            var wanted = settings.DryRun ? values.Peek(regency, settings.UploadId, settings.SubmittedAt) : values.Take(regency, settings.UploadId, settings.SubmittedAt);
            var counts = await WritePartitionAsync(regency, wanted, context, ct);
            lock (total)
            {
                total.Add(counts);
            }

            if (Environment.TickCount64 - Interlocked.Read(ref lastBeat) > HeartbeatInterval.TotalMilliseconds && Interlocked.Exchange(ref beating, 1) == 0)
            {
                try
                {
                    await settings.Heartbeat(ct);
                    Interlocked.Exchange(ref lastBeat, Environment.TickCount64);
                }
                finally
                {
                    Interlocked.Exchange(ref beating, 0);
                }
            }
        });

        return total.ToWriteCounts();
    }

    private async Task<Counts> WritePartitionAsync(string regency, Dictionary<string, Observation> wanted, PartitionContext context, CancellationToken cancellationToken)
    {
        var counts = new Counts();
        var pending = wanted.Values.ToList();
        var appended = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadPartitionAsync(regency, cancellationToken);
            var writtenEarlier = new List<string>();
            var writes = Classify(regency, stored, pending, context.Settings, counts, writtenEarlier);
            if (context.Settings.DryRun)
            {
                foreach (var write in writes)
                {
                    counts.Add(write.Change, write.Observation);
                }

                return counts;
            }

            foreach (var year in writes.Where(w => w.Change != WriteChange.Unchanged).Select(w => w.Observation.Period.Year).Distinct())
            {
                await context.BeforeChangingYear(year, cancellationToken);
            }

            await EnsureHistoryAsync(regency, writes, writtenEarlier, context.Settings, appended, cancellationToken);
            pending = await SubmitAsync(regency, writes, context, retryConflicts: attempt < MaxAttempts, counts, appended, cancellationToken);
            if (pending.Count == 0)
            {
                return counts;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(500, 20 * attempt) * Random.Shared.Next(1, 4)), cancellationToken);
        }
    }

    /// <summary>The years of <paramref name="regency"/> in which writing its values of <paramref name="values"/> would
    /// change a stored value (insert or update; not an equal value, one a later upload superseded, or one an earlier
    /// attempt of this upload wrote), found by reading the partition, without writing or releasing anything.</summary>
    public async Task<IReadOnlySet<int>> ChangedYearsAsync(UploadValues values, string regency, WriteSettings settings, CancellationToken cancellationToken)
    {
        var stored = await store.ReadPartitionAsync(regency, cancellationToken);
        var wanted = values.Peek(regency, settings.UploadId, settings.SubmittedAt).Values.ToList();
        var writes = Classify(regency, stored, wanted, settings with { RestampUnchanged = _ => false, DryRun = true }, new Counts(), []);
        return writes.Where(w => w.Change != WriteChange.Unchanged).Select(w => w.Observation.Period.Year).ToHashSet();
    }

    /// <summary>Settles what needs no write (counted now) and returns the writes to make; the keys an earlier attempt
    /// of this upload changed go to <paramref name="writtenEarlier"/> (their history entries may be missing).</summary>
    private static List<ObservationWrite> Classify(string regency, Dictionary<string, StoredValue> stored, List<Observation> wanted, WriteSettings settings, Counts counts, List<string> writtenEarlier)
    {
        var writes = new List<ObservationWrite>();
        var restamp = settings.RestampUnchanged(regency);
        var changedAt = ValueChange.Truncate(settings.Clock.GetUtcNow());
        ValueChange? History(Observation observation, StoredValue? previous) =>
            settings.DryRun ? null : ValueChange.Of(observation, previous, settings.KeyId, changedAt);
        foreach (var observation in wanted)
        {
            if (!stored.TryGetValue(observation.RowKey, out var existing))
            {
                writes.Add(new ObservationWrite(observation, null, WriteChange.Imported, History(observation, null)));
            }
            else if (existing.UploadId == observation.UploadId)
            {
                // Written by an earlier attempt of this upload: counted as that write was.
                counts.Add(existing.Change ?? WriteChange.Updated, observation);
                if (existing.Change is WriteChange.Imported or WriteChange.Updated)
                {
                    writtenEarlier.Add(observation.RowKey);
                }
            }
            else if (string.CompareOrdinal(existing.UploadId, observation.UploadId) > 0)
            {
                counts.Superseded++;
            }
            else if (existing.Value.Equals(observation.Value) && existing.Unit == observation.Unit && existing.Note == observation.Note)
            {
                if (restamp)
                {
                    writes.Add(new ObservationWrite(observation, existing.ETag, WriteChange.Unchanged));
                }
                else
                {
                    counts.Unchanged++;
                }
            }
            else
            {
                writes.Add(new ObservationWrite(observation, existing.ETag, WriteChange.Updated, History(observation, existing)));
            }
        }

        return writes;
    }

    /// <summary>
    /// Appends the history entries that only this writer can still append before it writes: those of the keys an
    /// earlier attempt of this upload changed (it may have died between a transaction and its entries), and, where an
    /// older upload is unfinished (<see cref="WriteSettings.RestampUnchanged"/>), those of the stored versions about to
    /// be replaced (their writer may have died the same way). Read back from the rows, so each is the entry its writer
    /// would have appended.
    /// </summary>
    private async Task EnsureHistoryAsync(string regency, List<ObservationWrite> writes, List<string> writtenEarlier, WriteSettings settings, HashSet<string> appended, CancellationToken cancellationToken)
    {
        var keys = writtenEarlier.Where(k => !appended.Contains($"{k}|{settings.UploadId}")).ToList();
        if (keys.Count > 0)
        {
            // Usually the earlier attempt appended them all: one light query, and nothing is written again.
            var present = await store.ReadHistoryKeysAsync(regency, settings.UploadId, cancellationToken);
            appended.UnionWith(present.Select(k => $"{k}|{settings.UploadId}"));
            keys.RemoveAll(present.Contains);
        }

        if (settings.RestampUnchanged(regency))
        {
            keys.AddRange(writes.Where(w => w.IfMatch is not null).Select(w => w.Observation.RowKey));
        }

        if (keys.Count == 0)
        {
            return;
        }

        var current = await store.ReadCurrentChangesAsync(regency, cancellationToken);
        var entries = keys.Distinct(StringComparer.Ordinal)
            .Select(k => current.GetValueOrDefault(k))
            .OfType<ValueChange>()
            .Where(e => !appended.Contains(e.RowKey))
            .ToList();
        if (entries.Count > 0)
        {
            await store.AppendHistoryAsync(regency, entries, cancellationToken);
            appended.UnionWith(entries.Select(e => e.RowKey));
        }
    }

    /// <summary>Submits in sorted transactions of <see cref="StoreBatch.MaxEntities"/>, counting each as it commits;
    /// returns the observations still pending after a conflict.</summary>
    private async Task<List<Observation>> SubmitAsync(string regency, List<ObservationWrite> writes, PartitionContext context, bool retryConflicts, Counts counts, HashSet<string> appended, CancellationToken cancellationToken)
    {
        // Sorted so a partition's transactions always cover the same keys in the same order; each row key built once
        // (RowKey formats a new string on every call, and a comparison sort calls it about 2 n log n times).
        var sorted = writes.ToArray();
        Array.Sort(Array.ConvertAll(sorted, w => w.Observation.RowKey), sorted, StringComparer.Ordinal);
        var pending = new List<Observation>();
        foreach (var batch in sorted.Chunk(StoreBatch.MaxEntities))
        {
            if (pending.Count > 0)
            {
                pending.AddRange(batch.Select(w => w.Observation));
                continue;
            }

            var transaction = context.NextTransaction();
            await context.Settings.BeforeTransaction(transaction, cancellationToken);
            try
            {
                await store.SubmitAsync(regency, batch, cancellationToken);
            }
            catch (WriteConflictException) when (retryConflicts)
            {
                pending.AddRange(batch.Select(w => w.Observation));
                continue;
            }

            foreach (var write in batch)
            {
                counts.Add(write.Change, write.Observation);
            }

            var entries = batch.Select(w => w.History).OfType<ValueChange>().ToList();
            if (entries.Count > 0)
            {
                await context.Settings.BeforeHistory(transaction, cancellationToken);
                await store.AppendHistoryAsync(regency, entries, cancellationToken);
                appended.UnionWith(entries.Select(e => e.RowKey));
            }
        }

        return pending;
    }

    private sealed record PartitionContext(WriteSettings Settings, Func<int, CancellationToken, Task> BeforeChangingYear, Func<int> NextTransaction);

    private sealed class Counts
    {
        private readonly SortedSet<int> _years = [];
        private readonly SortedSet<string> _regencies = new(StringComparer.Ordinal);

        public int Imported { get; private set; }

        public int Updated { get; private set; }

        public int Unchanged { get; set; }

        public int Superseded { get; set; }

        public void Add(WriteChange change, Observation observation)
        {
            switch (change)
            {
                case WriteChange.Imported:
                    Imported++;
                    break;
                case WriteChange.Updated:
                    Updated++;
                    break;
                default:
                    Unchanged++;
                    return;
            }

            _years.Add(observation.Period.Year);
            _regencies.Add(observation.RegencyCode);
        }

        public void Add(Counts other)
        {
            Imported += other.Imported;
            Updated += other.Updated;
            Unchanged += other.Unchanged;
            Superseded += other.Superseded;
            _years.UnionWith(other._years);
            _regencies.UnionWith(other._regencies);
        }

        public WriteCounts ToWriteCounts() => new(Imported, Updated, Unchanged, Superseded, [.. _years], [.. _regencies]);
    }
}

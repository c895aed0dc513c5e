using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Audit;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Audit;

/// <summary>
/// The append-only history of observation changes (<c>observationhistory</c>) on a real Azurite: each insert and
/// update keeps the previous and the new value, the upload, the key and the time; an identical re-upload, a
/// redelivered message and a recovery add nothing twice and lose nothing, also when the writer dies between a
/// transaction and its history entries and a later upload replaces those values first.
/// One regency × 24 indicators × 12 months = 288 values; variants differ in the even months only.
/// </summary>
public sealed class ObservationHistoryTests
{
    private static readonly string Regency = FaultFiles.Regencies(1)[0];
    private static readonly string Variant0 = FaultFiles.Long([Regency], variant: 0);
    private static readonly string Variant1 = FaultFiles.Long([Regency], variant: 1);
    private static readonly string Variant2 = FaultFiles.Long([Regency], variant: 2);

    private static Task<ImportResult> ImportAsync(AzuritePipeline pipeline, string csv, string keyId, bool async = false) =>
        pipeline.Imports.ImportAsync(new ImportRequest { KeyId = keyId, Async = async }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

    private static async Task<List<ValueChange>> EntriesAsync(AzuritePipeline pipeline)
    {
        var entries = new List<ValueChange>();
        await foreach (var e in pipeline.Observations.ReadHistoryAsync(Regency, new HistoryQuery(), CancellationToken.None))
        {
            entries.Add(e);
        }

        return entries;
    }

    /// <summary>Values by row key, as the file has them.</summary>
    private static Dictionary<string, double> Values(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(line => line.Split(','))
        .ToDictionary(f => $"{f[2]}|{f[1]}", f => double.Parse(f[3], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [Fact]
    public async Task InsertUpdateAndIdenticalReupload_KeepEveryChangeOnce_WithPreviousAndNewValueUploadKeyAndTime()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var first = (await ImportAsync(pipeline, Variant0, "key:first")).Upload;
        var afterFirst = await pipeline.HistoryAsync();
        var observationsAfterFirst = await pipeline.DumpAsync(StorageNames.Tables.Observations);

        var identical = (await ImportAsync(pipeline, Variant0, "key:again")).Upload;

        Assert.Equal((288, 0, 0), (first.Imported, first.Updated, first.Unchanged));
        Assert.Equal(288, afterFirst.Count);
        Assert.Equal((0, 0, 288), (identical.Imported, identical.Updated, identical.Unchanged));
        Assert.Equal(afterFirst, await pipeline.HistoryAsync()); // no history...
        Assert.Equal(observationsAfterFirst, await pipeline.DumpAsync(StorageNames.Tables.Observations)); // ...and no write at all

        var second = (await ImportAsync(pipeline, Variant1, "key:second")).Upload;
        var entries = await EntriesAsync(pipeline);
        var stored = new Dictionary<string, ObservationEntity>(StringComparer.Ordinal);
        await foreach (var row in pipeline.Account.Table(StorageNames.Tables.Observations).QueryAsync<ObservationEntity>())
        {
            stored[row.RowKey] = row;
        }

        Assert.Equal((0, 144, 144), (second.Imported, second.Updated, second.Unchanged));
        Assert.Equal(288 + 144, entries.Count);
        var before = Values(Variant0);
        var after = Values(Variant1);
        foreach (var e in entries.Where(e => e.UploadId == first.UploadId))
        {
            Assert.Equal((WriteChange.Imported, (double?)null, (string?)null, before[e.ObservationKey], "key:first", first.ReceivedAt),
                (e.Change, e.PreviousValue, e.PreviousUploadId, e.Value, e.KeyId, e.SubmittedAt));
        }

        var updates = entries.Where(e => e.UploadId == second.UploadId).ToList();
        Assert.Equal(after.Where(kv => kv.Value != before[kv.Key]).Select(kv => kv.Key).Order(StringComparer.Ordinal), updates.Select(e => e.ObservationKey));
        foreach (var e in updates)
        {
            Assert.Equal((WriteChange.Updated, (double?)before[e.ObservationKey], (string?)first.UploadId, after[e.ObservationKey], "key:second", second.ReceivedAt),
                (e.Change, e.PreviousValue, e.PreviousUploadId, e.Value, e.KeyId, e.SubmittedAt));
            Assert.Equal(stored[e.ObservationKey].ChangedAt, e.ChangedAt); // the row keeps its entry until the next change
            Assert.InRange(e.ChangedAt, second.ReceivedAt.AddSeconds(-1), second.CompletedAt!.Value);
        }

        var service = pipeline.Services.GetRequiredService<HistoryService>();
        var gov01 = await service.ReadAsync(Regency, (await service.ParseAsync("gov-01", "Februari 2024", CancellationToken.None)).Value, CancellationToken.None);
        Assert.Equal(($"{second.UploadId} {first.UploadId}", after["2024-02|GOV-01"], before["2024-02|GOV-01"]),
            (string.Join(' ', gov01.Changes.Select(c => c.UploadId)), gov01.Changes[0].Value, gov01.Changes[0].PreviousValue!.Value)); // newest first
        var year = await service.ReadAsync(Regency, (await service.ParseAsync("GOV-01", "2024", CancellationToken.None)).Value, CancellationToken.None);
        Assert.Equal(12 + 6, year.Count); // the year includes its months
        Assert.True(year.Changes.Zip(year.Changes.Skip(1)).All(p => p.First.ChangedAt >= p.Second.ChangedAt));
    }

    [Fact]
    public async Task RedeliveredMessageAndReplayOfAHalfWrittenUpload_EndWithTheEntriesOfACleanRun()
    {
        var die = new DieAt(ImportCheckpoints.History(1));
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.AddSingleton<IImportCheckpoints>(die));
        await using var clean = await AzuritePipeline.CreateAsync();
        foreach (var (csv, key) in new[] { (Variant0, "key:first"), (Variant1, "key:async"), (Variant2, "key:replayed") })
        {
            await ImportAsync(clean, csv, key);
        }

        await ImportAsync(pipeline, Variant0, "key:first");
        var queued = (await ImportAsync(pipeline, Variant1, "key:async", async: true)).Upload;
        var work = new UploadWork(queued.RegencyCode, queued.UploadId);
        var processed = await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);
        var history = await pipeline.HistoryAsync();
        await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None); // redelivered
        Assert.Equal(UploadStatus.Completed, processed!.Upload.Status);
        Assert.Equal(288 + 144, history.Count);
        Assert.Equal(history, await pipeline.HistoryAsync());

        // Dies after its first transaction, ends Failed (as the poison queue would leave it), and is replayed.
        var broken = (await ImportAsync(pipeline, Variant2, "key:replayed", async: true)).Upload;
        var brokenWork = new UploadWork(broken.RegencyCode, broken.UploadId);
        die.Armed = true;
        await Assert.ThrowsAsync<IOException>(() => pipeline.Imports.ProcessQueuedAsync(brokenWork, CancellationToken.None));
        await pipeline.Imports.MarkFailedAsync(brokenWork, "poisoned", CancellationToken.None);
        Assert.Equal(UploadStatus.Queued, (await pipeline.Imports.ReplayAsync(brokenWork, CancellationToken.None))!.Status);
        foreach (var body in await pipeline.DrainAsync(StorageNames.Queues.Uploads))
        {
            await pipeline.Imports.ProcessQueuedAsync(UploadRequestMessage.TryParse(body)!, CancellationToken.None);
        }

        Assert.Equal(UploadStatus.Completed, (await pipeline.Imports.GetAsync(broken.RegencyCode, broken.UploadId, CancellationToken.None))!.Value.Upload.Status);
        Assert.Equal(await clean.HistoryAsync(), await pipeline.HistoryAsync());
    }

    [Fact]
    public async Task WriterDiesBetweenATransactionAndItsHistory_RecoveryAppendsTheMissingEntries_LikeACleanRun()
    {
        var die = new DieAt(ImportCheckpoints.History(2)) { Armed = true };
        await using var crashed = await AzuritePipeline.CreateAsync(s => s.AddSingleton<IImportCheckpoints>(die));
        await using var clean = await AzuritePipeline.CreateAsync();
        await ImportAsync(clean, Variant0, "key:first");
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(crashed, Variant0, "key:first"));
        var dead = Assert.Single(await crashed.Imports.ListAsync("all", 5, CancellationToken.None));
        Assert.Equal(UploadStatus.Writing, dead.Status);
        Assert.Equal(100, (await crashed.HistoryAsync()).Count); // transaction 2 committed, its entries not appended

        await RecoverAsync(crashed);

        var recovered = Assert.Single(await crashed.Imports.ListAsync("all", 5, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, 288), (recovered.Status, recovered.Imported));
        Assert.Equal(await clean.HistoryAsync(), await crashed.HistoryAsync());
    }

    [Fact]
    public async Task WriterDiesBeforeItsHistory_AndALaterUploadReplacesThoseValuesFirst_NoEntryIsLost()
    {
        var die = new DieAt(ImportCheckpoints.History(1)) { Armed = true };
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.AddSingleton<IImportCheckpoints>(die));
        await Assert.ThrowsAsync<IOException>(() => ImportAsync(pipeline, Variant1, "key:dead"));
        var dead = Assert.Single(await pipeline.Imports.ListAsync("all", 5, CancellationToken.None));
        Assert.Equal(UploadStatus.Writing, dead.Status);
        Assert.Empty(await pipeline.HistoryAsync());

        // The later upload finds the dead one unfinished: it appends the entries of the values it replaces first.
        var later = (await ImportAsync(pipeline, Variant2, "key:later")).Upload;
        await RecoverAsync(pipeline);

        var entries = await EntriesAsync(pipeline);
        var deadValues = Values(Variant1);
        var laterValues = Values(Variant2);
        var firstTransaction = deadValues.Keys.Order(StringComparer.Ordinal).Take(100).ToList();
        var ofDead = entries.Where(e => e.UploadId == dead.UploadId).ToList();
        Assert.Equal(firstTransaction, ofDead.Select(e => e.ObservationKey));
        Assert.All(ofDead, e => Assert.Equal((WriteChange.Imported, deadValues[e.ObservationKey], "key:dead"), (e.Change, e.Value, e.KeyId)));
        var ofLater = entries.Where(e => e.UploadId == later.UploadId).ToDictionary(e => e.ObservationKey, StringComparer.Ordinal);
        foreach (var key in firstTransaction.Where(k => deadValues[k] != laterValues[k]))
        {
            Assert.Equal((WriteChange.Updated, (double?)deadValues[key], (string?)dead.UploadId, laterValues[key]),
                (ofLater[key].Change, ofLater[key].PreviousValue, ofLater[key].PreviousUploadId, ofLater[key].Value));
        }

        Assert.Equal(288 - firstTransaction.Count(k => deadValues[k] == laterValues[k]), ofLater.Count); // equal values were re-stamped, not changed
        Assert.All(ofLater.Values.Where(e => !firstTransaction.Contains(e.ObservationKey)), e => Assert.Equal((WriteChange.Imported, (double?)null), (e.Change, e.PreviousValue)));
        var finished = (await pipeline.Imports.ListAsync("all", 5, CancellationToken.None)).Single(u => u.UploadId == dead.UploadId);
        Assert.Equal((UploadStatus.Completed, 288), (finished.Status, finished.Superseded)); // the later upload won every key
    }

    private static async Task RecoverAsync(AzuritePipeline pipeline)
    {
        await pipeline.Imports.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        foreach (var body in await pipeline.DrainAsync(StorageNames.Queues.Uploads))
        {
            await pipeline.Imports.ProcessQueuedAsync(UploadRequestMessage.TryParse(body)!, CancellationToken.None);
        }
    }

    /// <summary>The process "dies" at <paramref name="checkpoint"/> once, when armed: the import stops there with an
    /// exception, as a kill would stop it, and its record stays unfinished for recovery.</summary>
    private sealed class DieAt(string checkpoint) : IImportCheckpoints
    {
        private int _armed;

        public bool Armed
        {
            get => Volatile.Read(ref _armed) == 1;
            set => Volatile.Write(ref _armed, value ? 1 : 0);
        }

        public ValueTask ReachedAsync(string reached, CancellationToken cancellationToken) =>
            reached == checkpoint && Interlocked.Exchange(ref _armed, 0) == 1
                ? throw new IOException($"died at {checkpoint}")
                : ValueTask.CompletedTask;
    }
}

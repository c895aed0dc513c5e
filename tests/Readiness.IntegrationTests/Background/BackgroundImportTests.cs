using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core;
using Readiness.Core.Audit;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Background;

public class BackgroundImportTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";

    private static UploadWork Work(ImportResult result) => new(result.Upload.RegencyCode, result.Upload.UploadId);

    private static async Task<List<UploadWork>> DrainUploadQueueAsync(AzuritePipeline pipeline) =>
        [.. (await pipeline.DrainAsync(StorageNames.Queues.Uploads)).Select(body => UploadRequestMessage.TryParse(body)!)];

    [Fact]
    public async Task LargeOrAsyncUpload_IsArchivedQueuedAndProcessedInTheBackground()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.Configure<ImportOptions>(o => o.AsyncThresholdBytes = 100));
        var csv = Header + string.Concat(Enumerable.Range(1, 12).Select(m => $"13.07,GOV-01,2024-{m:00},{m}\n"));

        var accepted = await pipeline.ImportAsync(csv);

        Assert.Equal((ImportOutcome.Queued, UploadStatus.Queued), (accepted.Outcome, accepted.Upload.Status));
        Assert.Empty(await pipeline.StoredAsync());
        var work = Assert.Single(await DrainUploadQueueAsync(pipeline));
        Assert.Equal(Work(accepted), work);

        var processed = await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);

        Assert.Equal((UploadStatus.Completed, 12, 1), (processed!.Upload.Status, processed.Upload.Imported, processed.Upload.Attempts));
        Assert.Equal(12, (await pipeline.StoredAsync()).Count);
    }

    [Fact]
    public async Task RedeliveredMessage_EndsInTheSameStateAndCountsNothingTwice()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var csv = Header + "13.07,GOV-01,2024,10\n13.07,GOV-03,2024,20\n";
        var accepted = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

        var first = await pipeline.Imports.ProcessQueuedAsync(Work(accepted), CancellationToken.None);
        var stored = await pipeline.StoredAsync();
        var again = await pipeline.Imports.ProcessQueuedAsync(Work(accepted), CancellationToken.None);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(first!.Upload), System.Text.Json.JsonSerializer.Serialize(again!.Upload));
        Assert.Equal(stored, await pipeline.StoredAsync());
        Assert.Equal(2, first.Upload.Imported);
    }

    [Fact]
    public async Task InterruptedWhileWriting_TheRetryCountsWhatTheUploadChanged()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,10\n");
        var accepted = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(Header + "13.07,GOV-01,2024,11\n13.07,GOV-03,2024,20\n")), CancellationToken.None);
        // Simulate a crash after writing one of the two values: the upload row says Writing, and GOV-03 was inserted
        // by this upload's first attempt (its upload id, recorded as an import).
        var uploads = new TableUploadStore(pipeline.Account);
        var interrupted = (await uploads.GetAsync("all", accepted.Upload.UploadId, CancellationToken.None))! with { Status = UploadStatus.Writing, Years = [2024], Regencies = ["13.07"] };
        await uploads.SaveAsync(interrupted, CancellationToken.None);
        var first = new Readiness.Core.Observations.Observation("13.07", "GOV-03", Readiness.Core.Observations.Period.OfYear(2024), 20, null, null, accepted.Upload.UploadId, accepted.Upload.ReceivedAt);
        await pipeline.Observations.SubmitAsync("13.07", [new ObservationWrite(first, null, WriteChange.Imported)], CancellationToken.None);

        var retried = await pipeline.Imports.ProcessQueuedAsync(Work(accepted), CancellationToken.None);

        Assert.Equal((UploadStatus.Completed, 1, 1, 0, 0), (retried!.Upload.Status, retried.Upload.Imported, retried.Upload.Updated, retried.Upload.Unchanged, retried.Upload.Superseded));
        Assert.Equal([11.0, 20.0], (await pipeline.StoredAsync()).Select(s => s.Value));
    }

    [Fact]
    public async Task PoisonedUpload_IsMarkedFailedAndCanBeReplayed()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var accepted = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true, Regency = Samples.RegencyOf("13.07") }, new MemoryStream(Encoding.UTF8.GetBytes("indicator_code,period,value\nGOV-01,2024,5\n")), CancellationToken.None);
        await DrainUploadQueueAsync(pipeline);

        var failed = await pipeline.Imports.MarkFailedAsync(Work(accepted), "storage unavailable after 5 attempts", CancellationToken.None);
        var replayed = await pipeline.Imports.ReplayAsync(Work(accepted), CancellationToken.None);
        var work = Assert.Single(await DrainUploadQueueAsync(pipeline));
        var done = await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);

        Assert.Equal((UploadStatus.Failed, "storage unavailable after 5 attempts"), (failed!.Status, failed.Failure));
        Assert.Equal(UploadStatus.Queued, replayed!.Status);
        Assert.Equal(UploadStatus.Completed, done!.Upload.Status);
        Assert.Single(await pipeline.StoredAsync());
    }

    [Fact]
    public async Task TwoUploadsForOneRegencyAtOnce_TheLaterSubmissionWins()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var keys = Readiness.Core.Catalog.CatalogFile.Default.Indicators.Where(i => i.Unit == Readiness.Core.Catalog.IndicatorUnit.Percent).Select(i => i.Code).ToList();
        string File(int value) => Header + string.Concat(keys.SelectMany(k => Enumerable.Range(1, 12).Select(m => $"13.07,{k},2024-{m:00},{value}\n")));
        var earlier = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(File(10))), CancellationToken.None);
        var later = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(File(20))), CancellationToken.None);

        // Both processed at the same moment; the earlier one may well write last.
        var results = await Task.WhenAll(
            Task.Run(() => pipeline.Imports.ProcessQueuedAsync(Work(later), CancellationToken.None)),
            Task.Run(() => pipeline.Imports.ProcessQueuedAsync(Work(earlier), CancellationToken.None)));

        var stored = await pipeline.StoredAsync();
        Assert.Equal(keys.Count * 12, stored.Count);
        Assert.All(stored, s => Assert.Equal((20.0, later.Upload.UploadId), (s.Value, s.UploadId)));
        Assert.All(results, r => Assert.Equal(UploadStatus.Completed, r!.Upload.Status));
        Assert.Equal(2, (await pipeline.Imports.ListAsync("all", 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task FiftyRegenciesUploadingConcurrently_AllDataPresentCountsExact()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var regencies = Enumerable.Range(1, 50).Select(i => new Readiness.Core.Registry.Regency($"{90 + (i / 100):00}.{i % 100:00}", $"Kabupaten Sintetis {i}", "90", "Provinsi Uji", null, [])).ToList();
        await pipeline.ImportRegistryAsync([.. Samples.Registry.Regencies, .. regencies]);
        var files = regencies.Select(r => (Regency: r, Csv: "indicator_code,period,value\n" + string.Concat(Enumerable.Range(1, 12).Select(m => $"GOV-01,2024-{m:00},{m}\nGOV-03,2024-{m:00},{m * 2}\n")))).ToList();
        var accepted = new List<ImportResult>();
        foreach (var (regency, csv) in files)
        {
            accepted.Add(await pipeline.Imports.ImportAsync(new ImportRequest { Regency = regency, Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None));
        }

        var work = await DrainUploadQueueAsync(pipeline);
        var results = await Task.WhenAll(work.Select(w => Task.Run(() => pipeline.Imports.ProcessQueuedAsync(w, CancellationToken.None))));

        Assert.Equal(50, results.Length);
        Assert.All(results, r => Assert.Equal((UploadStatus.Completed, 24), (r!.Upload.Status, r.Upload.Imported)));
        var stored = await pipeline.StoredAsync();
        Assert.Equal(50 * 24, stored.Count);
        Assert.Equal(50, stored.Select(s => s.Regency).Distinct().Count());
    }

    [Fact]
    public async Task InboxFiles_AreQueuedOnceAndMovedWithTheirReport()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(10));
        await using var pipeline = await AzuritePipeline.CreateAsync(clock: clock);
        var inbox = pipeline.Account.Container(StorageNames.Containers.Inbox);
        await inbox.UploadBlobAsync("13.07/januari.csv", BinaryData.FromString("indicator_code;period;value\nGOV-01;Januari 2024;87,5\n"));
        await inbox.UploadBlobAsync("13.07/rusak.csv", BinaryData.FromString("indicator_code;period;value\nGOV-99;2024;1\n"));
        await inbox.UploadBlobAsync("bukan-kode/x.csv", BinaryData.FromString("a\n1\n"));

        var first = await pipeline.Inbox.RunAsync(CancellationToken.None);
        var second = await pipeline.Inbox.RunAsync(CancellationToken.None);
        foreach (var work in await DrainUploadQueueAsync(pipeline))
        {
            await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);
        }

        Assert.Equal((2, 0, 0, 1), (first.Queued, first.Waiting, first.AlreadyQueued, first.Refused));
        Assert.Equal((0, 2), (second.Queued, second.AlreadyQueued));
        Assert.Equal(("13.07", "2024-01|GOV-01", 87.5), (await pipeline.StoredAsync()).Select(s => (s.Regency, s.Key, s.Value)).Single());
        Assert.Equal(["13.07/januari.csv", "13.07/januari.csv.report.json"], await NamesAsync(pipeline, StorageNames.Containers.Processed));
        Assert.Equal(["13.07/rusak.csv", "13.07/rusak.csv.report.json", "bukan-kode/x.csv", "bukan-kode/x.csv.report.json"], await NamesAsync(pipeline, StorageNames.Containers.Failed));
        Assert.Empty(await NamesAsync(pipeline, StorageNames.Containers.Inbox));
        var report = (await pipeline.Account.Container(StorageNames.Containers.Failed).GetBlobClient("13.07/rusak.csv.report.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("unknown-indicator", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InboxFileStillBeingWritten_WaitsForTheNextRun()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.Configure<ImportOptions>(o => o.InboxSettleSeconds = 120), clock);
        await pipeline.Account.Container(StorageNames.Containers.Inbox).UploadBlobAsync("13.07/besar.csv", BinaryData.FromString("indicator_code,period,value\nGOV-01,2024,1\n"));

        var early = await pipeline.Inbox.RunAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        var later = await pipeline.Inbox.RunAsync(CancellationToken.None);

        Assert.Equal((0, 1), (early.Queued, early.Waiting));
        Assert.Equal((1, 0), (later.Queued, later.Waiting));
    }

    [Fact]
    public async Task BackgroundUpload_WritesAndQualityChecksAtMostBackgroundWriteParallelismPartitionsAtOnce_ARequestWaitingMore()
    {
        // Each partition's read waits until 3 partitions are being read at once (or, where fewer may be, half a second),
        // so a writer allowed 3 or more is seen with at least 3 at once, whatever the machine's speed. The quality
        // checks after the writes read the regencies' histories, counted apart (issue 11: a background import's
        // checks must not hold more partitions at once than its writes did).
        var writes = new InFlightCounter(3);
        var reads = new InFlightCounter(3);
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s
            .Configure<ImportOptions>(o => (o.WriteParallelism, o.BackgroundWriteParallelism) = (8, 2))
            .Replace(ServiceDescriptor.Singleton<IObservationStore>(sp => new CountingStore(ActivatorUtilities.CreateInstance<TableObservationStore>(sp), writes, reads))));
        var regencies = Samples.Registry.Regencies.Select(r => r.Code).Take(8).ToList();
        string File(int value) => Header + string.Concat(regencies.Select(code => $"{code},GOV-01,2024,{value}\n"));

        var waiting = await pipeline.ImportAsync(File(1));
        var (waitingWrites, waitingReads) = (writes.TakeMost(), reads.TakeMost());
        var accepted = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(File(2))), CancellationToken.None);
        var background = await pipeline.Imports.ProcessQueuedAsync(Work(accepted), CancellationToken.None);

        Assert.Equal((UploadStatus.Completed, 8), (waiting.Upload.Status, waiting.Upload.Imported));
        Assert.Equal((UploadStatus.Completed, 8), (background!.Upload.Status, background.Upload.Updated));
        Assert.InRange(waitingWrites, 3, 8);
        Assert.InRange(waitingReads, 3, 8);
        Assert.InRange(writes.TakeMost(), 1, 2);
        Assert.InRange(reads.TakeMost(), 1, 2);
    }

    private static async Task<List<string>> NamesAsync(AzuritePipeline pipeline, string container)
    {
        var names = new List<string>();
        await foreach (BlobItem blob in pipeline.Account.Container(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return [.. names.Order(StringComparer.Ordinal)];
    }

    /// <summary>Counts the reads in flight at once; each read is held until <paramref name="hold"/> are in flight, or
    /// half a second has passed.</summary>
    private sealed class InFlightCounter(int hold)
    {
        private readonly object _gate = new();
        private int _inFlight;
        private int _most;

        public int TakeMost()
        {
            lock (_gate)
            {
                var most = _most;
                _most = 0;
                return most;
            }
        }

        public async Task EnterAsync()
        {
            lock (_gate)
            {
                _inFlight++;
                _most = Math.Max(_most, _inFlight);
            }

            for (var waited = 0; waited < 50 && Volatile.Read(ref _inFlight) < hold; waited++)
            {
                await Task.Delay(10);
            }
        }

        public void Leave()
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    /// <summary>The writer reads each partition before it writes it (<paramref name="writes"/>); the quality checks
    /// read a regency's history, or one year of the peers (<paramref name="reads"/>).</summary>
    private sealed class CountingStore(IObservationStore inner, InFlightCounter writes, InFlightCounter reads) : DelegatingObservationStore(inner)
    {
        public override async Task<Dictionary<string, StoredValue>> ReadPartitionAsync(string regencyCode, CancellationToken cancellationToken)
        {
            await writes.EnterAsync();
            try
            {
                return await base.ReadPartitionAsync(regencyCode, cancellationToken);
            }
            finally
            {
                writes.Leave();
            }
        }

        public override async IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await reads.EnterAsync();
            try
            {
                await foreach (var observation in base.ReadAsync(regencyCode, year, cancellationToken))
                {
                    yield return observation;
                }
            }
            finally
            {
                reads.Leave();
            }
        }
    }
}

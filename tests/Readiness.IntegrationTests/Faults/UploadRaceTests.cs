using System.Text;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Faults;

/// <summary>
/// The fault matrix's race rows. The rule: for every key the later submission wins, "later" being the receipt order
/// (upload ids start with the receipt time), whatever order the writes land in. Each upload's counts say what its own
/// committed writes changed: every value in exactly one of imported, updated, unchanged, superseded, and the imports
/// of all uploads add up to the rows that exist.
/// </summary>
public class UploadRaceTests
{
    private static Task<ImportResult> ReceiveAsync(AzuritePipeline pipeline, string csv, string? regency = null) =>
        pipeline.Imports.ImportAsync(
            new ImportRequest { Async = true, Regency = regency is null ? null : Samples.RegencyOf(regency) },
            new MemoryStream(Encoding.UTF8.GetBytes(csv)),
            CancellationToken.None);

    /// <summary>Every queued upload processed at the same moment, as several queue function instances would.</summary>
    private static async Task<ImportResult[]> ProcessAllAtOnceAsync(AzuritePipeline pipeline)
    {
        var work = (await pipeline.DrainAsync(StorageNames.Queues.Uploads)).Select(body => UploadRequestMessage.TryParse(body)!).ToList();
        var results = await Task.WhenAll(work.Select(w => Task.Run(() => pipeline.Imports.ProcessQueuedAsync(w, CancellationToken.None))));
        return [.. results.Select(r => r!)];
    }

    private static Dictionary<string, double> Values(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(line => line.Split(','))
        .ToDictionary(f => $"{f[0]}|{f[2]}|{f[1]}", f => double.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private static async Task<Dictionary<string, double>> StoredValuesAsync(AzuritePipeline pipeline) =>
        (await pipeline.StoredAsync()).ToDictionary(s => $"{s.Regency}|{s.Key}", s => s.Value, StringComparer.Ordinal);

    [Fact]
    public async Task TenParallelUploadsForOneRegency_RepeatedThreeTimes_EndAsTheLatestSubmission_CountsSumToTheTruth()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var regency = FaultFiles.Regencies(1);
        var imported = 0;
        for (var round = 0; round < 3; round++)
        {
            // Variants 0..3 repeat, so uploads agree with each other and with what is stored in many keys: the case
            // where an "unchanged" decision used to let an older upload's write land after a newer one.
            var files = Enumerable.Range(0, 10).Select(i => FaultFiles.Long(regency, variant: (round + i) % 4)).ToList();
            var received = new List<ImportResult>();
            foreach (var file in files)
            {
                received.Add(await ReceiveAsync(pipeline, file, regency[0]));
            }

            var results = await ProcessAllAtOnceAsync(pipeline);

            Assert.Equal(10, results.Length);
            Assert.All(results, r => Assert.Equal(UploadStatus.Completed, r.Upload.Status));
            Assert.All(results, r => Assert.Equal(288, r.Upload.Imported + r.Upload.Updated + r.Upload.Unchanged + r.Upload.Superseded));
            var latest = received.MaxBy(r => r.Upload.UploadId, StringComparer.Ordinal)!;
            Assert.Equal(Values(files[received.IndexOf(latest)]), await StoredValuesAsync(pipeline));
            var winner = results.Single(r => r.Upload.UploadId == latest.Upload.UploadId).Upload;
            Assert.Equal(0, winner.Superseded); // nothing of the latest submission is lost
            imported += results.Sum(r => r.Upload.Imported);
            Assert.Equal((await pipeline.StoredAsync()).Count, imported); // each row imported by exactly one upload, ever
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NationalUploadRacingARegencyUpload_TheLaterReceivedWinsEveryKey(bool nationalFirst)
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var regencies = FaultFiles.Regencies(4);
        var national = FaultFiles.Long(regencies, variant: 1);
        var single = FaultFiles.Long([regencies[0]], variant: 2);
        var first = await ReceiveAsync(pipeline, nationalFirst ? national : single, nationalFirst ? null : regencies[0]);
        var second = await ReceiveAsync(pipeline, nationalFirst ? single : national, nationalFirst ? regencies[0] : null);

        var results = await ProcessAllAtOnceAsync(pipeline);

        var expected = Values(nationalFirst ? national : single);
        foreach (var (key, value) in Values(nationalFirst ? single : national))
        {
            expected[key] = value; // the later one wins every key it names
        }

        Assert.Equal(expected, await StoredValuesAsync(pipeline));
        Assert.All(results, r => Assert.Equal(UploadStatus.Completed, r.Upload.Status));
        Assert.All(results, r => Assert.Equal(r.Upload.Values, r.Upload.Imported + r.Upload.Updated + r.Upload.Unchanged + r.Upload.Superseded));
        Assert.Equal(expected.Count, results.Sum(r => r.Upload.Imported));
        Assert.Equal(0, results.Single(r => r.Upload.UploadId == second.Upload.UploadId).Upload.Superseded);
        Assert.NotEqual(first.Upload.UploadId, second.Upload.UploadId);
    }

    [Fact]
    public async Task IdenticalReUpload_WithNoOlderUploadInFlight_WritesNothing()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var file = FaultFiles.Long(FaultFiles.Regencies(2), variant: 0);
        await pipeline.ImportAsync(file);
        var before = await pipeline.DumpAsync(StorageNames.Tables.Observations);

        var again = await pipeline.ImportAsync(file);

        Assert.Equal((0, 0, 576, 0), (again.Upload.Imported, again.Upload.Updated, again.Upload.Unchanged, again.Upload.Superseded));
        Assert.Equal(before, await pipeline.DumpAsync(StorageNames.Tables.Observations));
        Assert.Empty(again.Upload.Years);
    }
}

using System.Text;
using Azure;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Faults;

public class StorageFaultTests
{
    /// <summary>Seventeen regencies × 24 indicators × 12 months: enough transactions to be caught mid-write.</summary>
    private static string LargeFile() => FaultFiles.Long(FaultFiles.Regencies(17), variant: 1);

    private static async Task<(ImportResult Result, int Deliveries)> RunToCompletionAsync(AzuritePipeline pipeline, UploadWork work, Action? duringFirstDelivery = null)
    {
        // The queue's behaviour: a delivery that throws is delivered again after its visibility timeout.
        for (var delivery = 1; ; delivery++)
        {
            try
            {
                var processing = pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);
                if (delivery == 1)
                {
                    duringFirstDelivery?.Invoke();
                }

                var result = await processing;
                if (result!.Upload.IsFinal)
                {
                    return (result, delivery);
                }
            }
            catch (Exception) when (delivery < 30)
            {
                await Task.Delay(1000);
            }
        }
    }

    [Fact]
    public async Task AzuriteKilledMidIngestion_EndsWithTheSameDataAsACleanRun()
    {
        using var azurite = AzuriteProcess.Start(RepositoryRoot.OfThisBuild, AzuriteSetup.TemporaryFolder());
        var csv = LargeFile();
        await using var crashed = await AzuritePipeline.CreateAsync(connectionString: azurite.ConnectionString);
        await using var clean = await AzuritePipeline.CreateAsync(connectionString: azurite.ConnectionString);

        var accepted = await crashed.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        // Azurite saves its tables to disk every few seconds; a crash loses only the last moments, as a real one would.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Task? outage = null;
        var (result, deliveries) = await RunToCompletionAsync(crashed, new UploadWork(accepted.Upload.RegencyCode, accepted.Upload.UploadId), () =>
        {
            outage = Task.Run(async () =>
            {
                await Task.Delay(300);
                azurite.Kill();
                await Task.Delay(TimeSpan.FromSeconds(9)); // longer than the client's own retries: the message is redelivered
                azurite.Restart();
            });
        });
        await outage!;
        await crashed.Scores.RecomputeAsync(null, CancellationToken.None);

        var cleanAccepted = await clean.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        var cleanResult = await clean.Imports.ProcessQueuedAsync(new UploadWork(cleanAccepted.Upload.RegencyCode, cleanAccepted.Upload.UploadId), CancellationToken.None);
        await clean.Scores.RecomputeAsync(null, CancellationToken.None);

        Assert.True(deliveries > 1, "the crash must have interrupted processing");
        Assert.Equal(
            (cleanResult!.Upload.Status, cleanResult.Upload.Rows, cleanResult.Upload.Imported, cleanResult.Upload.Updated, cleanResult.Upload.Unchanged, cleanResult.Upload.Rejected),
            (result.Upload.Status, result.Upload.Rows, result.Upload.Imported, result.Upload.Updated, result.Upload.Unchanged, result.Upload.Rejected));
        Assert.Equal(
            (await clean.StoredAsync()).Select(s => (s.Regency, s.Key, s.Value)),
            (await crashed.StoredAsync()).Select(s => (s.Regency, s.Key, s.Value)));
        Assert.Equal(await clean.DumpAsync(StorageNames.Tables.Scores, "ComputedAt"), await crashed.DumpAsync(StorageNames.Tables.Scores, "ComputedAt"));
        Assert.Equal(await clean.DumpAsync(StorageNames.Tables.IndicatorScores, "ComputedAt"), await crashed.DumpAsync(StorageNames.Tables.IndicatorScores, "ComputedAt"));
        Assert.All(await crashed.Imports.ListAsync("all", 10, CancellationToken.None), u => Assert.True(u.IsFinal, $"{u.UploadId} is {u.Status}"));
    }

    [Fact]
    public async Task WrongAccountKey_FailsFastWithAClearMessage()
    {
        var wrongKey = Azurite.ConnectionString.Replace("AccountKey=Eby8", "AccountKey=AAAA", StringComparison.Ordinal);
        var requests = new RequestCounter();
        var account = StorageAccount.Open(wrongKey, "tbadkey", requests.AddTo);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => account.EnsureCreatedAsync());

        Assert.Equal(403, error.Status);
        Assert.True(requests.Issued > 0);
        Assert.Equal(requests.Issued, requests.Sent); // an authorization failure is not retried
        Assert.Contains("authenticat", StorageErrors.Explain(error), StringComparison.OrdinalIgnoreCase);
    }
}

using System.Text;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Regressions;

/// <summary>Fixed in fd94752: a background upload whose processing threw kept no record of why, and the poison
/// handler marked it Failed without naming the last error.</summary>
public class FailedAttemptsLeftNoTrace
{
    [Fact]
    public async Task AFailedAttempt_IsRecorded_AndThePoisonReasonNamesIt()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var accepted = await pipeline.Imports.ImportAsync(new ImportRequest { Async = true }, new MemoryStream(Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value\n" + "13.07,GOV-01,2024,1\n")), CancellationToken.None);
        var work = new UploadWork(accepted.Upload.RegencyCode, accepted.Upload.UploadId);
        await pipeline.Account.Container(StorageNames.Containers.Uploads).DeleteBlobAsync(accepted.Upload.BlobPath);

        await Assert.ThrowsAnyAsync<Exception>(() => pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None));
        var recorded = (await pipeline.Imports.GetAsync("all", accepted.Upload.UploadId, CancellationToken.None))!.Value.Upload;
        var failed = await pipeline.Imports.MarkFailedAsync(work, "Delivered 5 times.", CancellationToken.None);

        Assert.False(recorded.IsFinal);
        Assert.StartsWith("attempt 1: ", recorded.Failure, StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Failed, failed!.Status);
        Assert.StartsWith("Delivered 5 times. Last error: attempt 1: ", failed.Failure, StringComparison.Ordinal);
        Assert.Empty(await pipeline.StoredAsync());
    }
}

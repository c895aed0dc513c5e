using Azure;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Regressions;

/// <summary>Fixed in cc99df0: a synchronous upload that a permanent storage error stopped (here a missing table) stayed
/// unfinished, without its reason, and could not be replayed to completion once storage was back.</summary>
public class UploadsStoppedByStorageStayedUnfinished
{
    [Fact]
    public async Task AnUploadStoppedByAMissingTable_EndsFailed_AndAReplayFinishesIt()
    {
        var requests = new RequestCounter();
        await using var pipeline = await AzuritePipeline.CreateAsync(clientOptions: requests.AddTo);
        await pipeline.Account.Table(StorageNames.Tables.Observations).DeleteAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n"));

        Assert.Equal(404, error.Status);
        Assert.Equal(requests.Issued, requests.Sent); // a missing table is not retried
        Assert.Contains("TableNotFound", StorageErrors.Explain(error), StringComparison.Ordinal);
        var recorded = Assert.Single(await pipeline.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.Equal(UploadStatus.Failed, recorded.Status);
        Assert.Contains("replay the upload", recorded.Failure, StringComparison.Ordinal);
        Assert.Contains("RequestFailedException", recorded.Failure, StringComparison.Ordinal);

        // Once the table is back, a replay finishes the upload from its archived bytes.
        await pipeline.Account.Table(StorageNames.Tables.Observations).CreateIfNotExistsAsync();
        var replayed = await pipeline.Imports.ReplayAsync(new UploadWork(recorded.RegencyCode, recorded.UploadId), CancellationToken.None);
        var done = await pipeline.Imports.ProcessQueuedAsync(new UploadWork(recorded.RegencyCode, recorded.UploadId), CancellationToken.None);
        Assert.Equal(UploadStatus.Queued, replayed!.Status);
        Assert.Equal((UploadStatus.Completed, 1), (done!.Upload.Status, done.Upload.Imported));
    }
}

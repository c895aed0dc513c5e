using Azure;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Regressions;

/// <summary>Fixed in cc99df0: a synchronous upload that a permanent storage error stopped (here a missing table) stayed
/// unfinished, without its reason, and could not be replayed to completion once storage was back. Since issue 11 it
/// stays unfinished on purpose (it may have written part of its values), with its reason, and the recovery pass, not an
/// operator's replay, finishes it.</summary>
public class UploadsStoppedByStorageStayedUnfinished
{
    [Fact]
    public async Task AnUploadStoppedByAMissingTable_KeepsItsReason_AndRecoveryFinishesIt()
    {
        var requests = new RequestCounter();
        await using var pipeline = await AzuritePipeline.CreateAsync(clientOptions: requests.AddTo);
        await pipeline.Account.Table(StorageNames.Tables.Observations).DeleteAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => pipeline.ImportAsync("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n"));

        Assert.Equal(404, error.Status);
        Assert.Equal(requests.Issued, requests.Sent); // a missing table is not retried
        Assert.Contains("TableNotFound", StorageErrors.Explain(error), StringComparison.Ordinal);
        var recorded = Assert.Single(await pipeline.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.False(recorded.IsFinal, $"{recorded.Status}: an upload stopped by storage is left for recovery");
        Assert.Contains("RequestFailedException", recorded.Failure, StringComparison.Ordinal);

        // Once the table is back, one recovery pass re-queues it and the queue finishes it from its archived bytes.
        await pipeline.Account.Table(StorageNames.Tables.Observations).CreateIfNotExistsAsync();
        var pass = await pipeline.Imports.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        var work = UploadRequestMessage.TryParse(Assert.Single(await pipeline.DrainAsync(StorageNames.Queues.Uploads)))!;
        var done = await pipeline.Imports.ProcessQueuedAsync(work, CancellationToken.None);
        Assert.Equal((1, 0, 0), (pass.Requeued, pass.Failed.Count, pass.Active));
        Assert.Equal((UploadStatus.Completed, 1), (done!.Upload.Status, done.Upload.Imported));
    }
}

using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Functions.Queues;
using Readiness.Functions.Tests.Http;
using Readiness.Functions.Timers;
using Readiness.Storage;

namespace Readiness.Functions.Tests.Timers;

public class UploadRecoveryTimerTests
{
    private const string File = "indicator_code,period,value\nGOV-01,2024,87.5\nGOV-03,2024,40\n";

    [Fact]
    public async Task Run_RequeuesAnUploadLeftWriting_AndTheQueueFunctionFinishesIt()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.RecoverAfterSeconds = 0));
        var accepted = await app.Imports.ImportAsync(new ImportRequest { Async = true, Regency = Readiness.TestSupport.Samples.RegencyOf("13.07") }, new MemoryStream(Encoding.UTF8.GetBytes(File)), CancellationToken.None);
        await app.DrainAsync(StorageNames.Queues.Uploads); // the message is lost with the process that took it
        var uploads = new TableUploadStore(app.Account);
        await uploads.SaveAsync(accepted.Upload with { Status = UploadStatus.Writing, Years = [2024] }, CancellationToken.None);

        await app.Create<UploadRecoveryTimer>().Run(new TimerInfo(), CancellationToken.None);
        await app.Create<UploadQueueFunctions>().ProcessUpload(Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads)), app.Context, CancellationToken.None);

        var upload = Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, 2), (upload.Status, upload.Imported));
    }

    [Fact]
    public async Task Run_LeavesAnUploadWhoseRecordMovedRecently()
    {
        await using var app = await TestApp.CreateAsync();
        await app.Imports.ImportAsync(new ImportRequest { Async = true, Regency = Readiness.TestSupport.Samples.RegencyOf("13.07") }, new MemoryStream(Encoding.UTF8.GetBytes(File)), CancellationToken.None);
        await app.DrainAsync(StorageNames.Queues.Uploads);

        await app.Create<UploadRecoveryTimer>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
        Assert.Equal(UploadStatus.Queued, Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task UploadPoison_WhileWriting_LeavesItForRecovery_WhichFinishesIt()
    {
        await using var app = await TestApp.CreateAsync();
        var accepted = await app.Imports.ImportAsync(new ImportRequest { Async = true, Regency = Readiness.TestSupport.Samples.RegencyOf("13.07") }, new MemoryStream(Encoding.UTF8.GetBytes(File)), CancellationToken.None);
        var message = Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads));
        var uploads = new TableUploadStore(app.Account);
        await uploads.SaveAsync(accepted.Upload with { Status = UploadStatus.Writing, Attempts = 5, Years = [2024] }, CancellationToken.None);

        await app.Create<UploadQueueFunctions>().UploadPoison(message, app.Context, CancellationToken.None);
        var poisoned = Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
        var pass = await app.Imports.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        await app.Create<UploadQueueFunctions>().ProcessUpload(Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads)), app.Context, CancellationToken.None);

        Assert.Equal(UploadStatus.Writing, poisoned.Status);
        Assert.Contains("upload-requests-poison", poisoned.Failure, StringComparison.Ordinal);
        Assert.Equal(1, pass.Requeued);
        Assert.Equal(UploadStatus.Completed, Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None)).Status);
    }
}

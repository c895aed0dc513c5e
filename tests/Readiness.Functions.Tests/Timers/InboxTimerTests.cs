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

public class InboxTimerTests
{
    private const string File = "indicator_code,period,value\nGOV-01,2024,87.5\n";

    private static Task UploadToInboxAsync(TestApp app, string name) =>
        app.Account.Container(StorageNames.Containers.Inbox).UploadBlobAsync(name, new BinaryData(Encoding.UTF8.GetBytes(File)));

    [Fact]
    public async Task Run_QueuesASettledFileOnce_AndTheQueueFunctionIngestsAndMovesIt()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.InboxSettleSeconds = 0));
        await UploadToInboxAsync(app, "13.07/laporan-2024.csv");
        var timer = app.Create<InboxTimer>();

        await timer.Run(new TimerInfo(), CancellationToken.None);
        await timer.Run(new TimerInfo { IsPastDue = true }, CancellationToken.None);

        var message = Assert.Single(await app.DrainAsync(StorageNames.Queues.Uploads));
        await app.Create<UploadQueueFunctions>().ProcessUpload(message, app.Context, CancellationToken.None);

        var upload = Assert.Single(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, UploadSource.Inbox, "laporan-2024.csv"), (upload.Status, upload.Source, upload.FileName));
        Assert.Equal(87.5, (await app.StoredAsync("13.07"))["2024|GOV-01"].Value);
        Assert.Empty(await Names(app, StorageNames.Containers.Inbox));
        Assert.Contains("13.07/laporan-2024.csv", await Names(app, StorageNames.Containers.Processed));
    }

    [Fact]
    public async Task Run_FileStillBeingWritten_WaitsForTheNextRun()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.InboxSettleSeconds = 3600));
        await UploadToInboxAsync(app, "13.07/laporan-2024.csv");

        await app.Create<InboxTimer>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
        Assert.Equal(["13.07/laporan-2024.csv"], await Names(app, StorageNames.Containers.Inbox));
        Assert.Empty(await app.Imports.ListAsync("13.07", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Run_FileOutsideARegencyFolder_IsMovedToFailed()
    {
        await using var app = await TestApp.CreateAsync(s => s.Configure<ImportOptions>(o => o.InboxSettleSeconds = 0));
        await UploadToInboxAsync(app, "Gotham/laporan.csv");

        await app.Create<InboxTimer>().Run(new TimerInfo(), CancellationToken.None);

        Assert.Empty(await app.DrainAsync(StorageNames.Queues.Uploads));
        Assert.Empty(await Names(app, StorageNames.Containers.Inbox));
        Assert.Contains("Gotham/laporan.csv", await Names(app, StorageNames.Containers.Failed));
    }

    private static async Task<List<string>> Names(TestApp app, string container)
    {
        var names = new List<string>();
        await foreach (var blob in app.Account.Container(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}

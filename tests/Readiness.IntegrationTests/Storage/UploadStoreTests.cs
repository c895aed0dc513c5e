using System.Text.Json;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Storage;

public sealed class UploadStoreTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Theory]
    [InlineData(UploadSource.Http, "http")]
    [InlineData(UploadSource.Cli, "cli")]
    [InlineData(UploadSource.Inbox, "inbox")]
    [InlineData(UploadSource.Source, "source")]
    public async Task Source_IsStoredAndAnsweredInLowerCase_AndReadsBack(UploadSource source, string name)
    {
        var store = new TableUploadStore(_account);
        var upload = new UploadRecord { UploadId = "20240131T235959123-1a2b3c4d", RegencyCode = "13.07", Source = source, ReceivedAt = DateTimeOffset.UnixEpoch };

        await store.SaveAsync(upload, CancellationToken.None);

        var row = await _account.Table(StorageNames.Tables.Uploads).GetEntityAsync<TableEntity>("13.07", upload.UploadId);
        Assert.Equal(name, row.Value.GetString("Source"));
        Assert.Equal(source, (await store.GetAsync("13.07", upload.UploadId, CancellationToken.None))!.Source);
        var json = JsonSerializer.Serialize(upload);
        Assert.Contains($"\"source\":\"{name}\"", json, StringComparison.Ordinal);
        Assert.Equal(source, JsonSerializer.Deserialize<UploadRecord>(json)!.Source);
    }

    [Fact]
    public async Task ARowWrittenBeforeTheSourceWasTyped_StillReads_AndAnInboxRowIsAnInboxUpload()
    {
        // As earlier versions wrote the row: the source a plain string beside the inbox blob path.
        var table = _account.Table(StorageNames.Tables.Uploads);
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000000")
        {
            ["Status"] = "Queued",
            ["Mode"] = "atomic",
            ["DryRun"] = false,
            ["Source"] = "inbox",
            ["Scheme"] = "kemendagri",
            ["SourcePath"] = "inbox/13.07/laporan.csv",
            ["Years"] = "",
            ["Regencies"] = "",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        await table.AddEntityAsync(new TableEntity("13.07", "20230101T000000000-00000001")
        {
            ["Status"] = "Completed",
            ["Mode"] = "atomic",
            ["DryRun"] = false,
            ["Scheme"] = "kemendagri",
            ["Years"] = "2024",
            ["Regencies"] = "13.07",
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch,
        });
        var store = new TableUploadStore(_account);

        var inbox = await store.GetAsync("13.07", "20230101T000000000-00000000", CancellationToken.None);
        var withoutSource = await store.GetAsync("13.07", "20230101T000000000-00000001", CancellationToken.None);

        Assert.Equal((UploadSource.Inbox, "inbox/13.07/laporan.csv"), (inbox!.Source, inbox.SourcePath));
        Assert.Equal((UploadSource.Http, UploadStatus.Completed), (withoutSource!.Source, withoutSource.Status));
    }
}

using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Cli.Infrastructure;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed class UploadCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task Uploads_ListsTheRegencysUploadsNewestFirst()
    {
        await StoredSamples.IngestAsync(_account);
        var again = await Cli.RunOnAsync(_account, "ingest", Cli.Sample("13.07-lima-puluh-kota-2024.csv"), "--regency", "13.07");
        var stored = await ListAsync("13.07");

        var run = await Cli.RunOnAsync(_account, "uploads", "--regency", "Kab. Lima Puluh Kota");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("The 2 most recent uploads for regency 13.07, newest first:", run.Out, StringComparison.Ordinal);
        Assert.Matches($@"\n\s+{stored[0].UploadId}\s+Completed\s+cli\s+13\.07-lima-puluh-kota-2024\.csv\s+[\d-]+ [\d:]+\s+0\s+0\s+27\s+0\s+0\n", run.Out);
        Assert.Matches($@"\n\s+{stored[1].UploadId}\s+Completed\s+cli\s+13\.07-lima-puluh-kota-2024\.csv\s+[\d-]+ [\d:]+\s+27\s+0\s+0\s+0\s+0\n", run.Out);
        Assert.True(run.Out.IndexOf(stored[0].UploadId, StringComparison.Ordinal) < run.Out.IndexOf(stored[1].UploadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uploads_TopAndJson_AreTheStoredRecords()
    {
        await StoredSamples.IngestAsync(_account);
        var stored = await ListAsync(ImportRequest.AllRegencies);

        var run = await Cli.RunOnAsync(_account, "uploads", "--regency", "all", "--top", "1", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var upload = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(stored[0].UploadId, upload.GetProperty("uploadId").GetString());
        Assert.Equal("wide-2023.csv", upload.GetProperty("fileName").GetString());
        Assert.Equal("Completed", upload.GetProperty("status").GetString());
        Assert.Equal(143, upload.GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Uploads_NoneYet_SaysSo()
    {
        await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);

        var run = await Cli.RunOnAsync(_account, "uploads", "--regency", "13.71");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("No uploads for regency 13.71.\n", run.Out);
    }

    [Fact]
    public async Task Replay_FailedUpload_IsQueuedAgain()
    {
        var failed = await FailedUploadAsync();

        var run = await Cli.RunOnAsync(_account, "uploads", "replay", "--regency", "13.07", "--id", failed.UploadId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Upload {failed.UploadId} (padang.csv) is queued again", run.Out, StringComparison.Ordinal);
        Assert.Equal(UploadStatus.Queued, (await ListAsync("13.07"))[0].Status);
        var message = Assert.Single((await _account.Queue(StorageNames.Queues.Uploads).PeekMessagesAsync(10)).Value);
        // Marked as a replay: its processing is counted under the source "replay" (the record keeps its own).
        Assert.Equal(new UploadWork("13.07", failed.UploadId, Replay: true), UploadRequestMessage.TryParse(message.Body.ToString()));
    }

    [Fact]
    public async Task Replay_WithProcess_ProcessesTheUploadHere()
    {
        var failed = await FailedUploadAsync();

        var run = await Cli.RunOnAsync(_account, "uploads", "replay", "--regency", "13.07", "--id", failed.UploadId, "--process");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("padang.csv: stored (regency 13.07, atomic)", run.Out, StringComparison.Ordinal);
        var upload = (await ListAsync("13.07"))[0];
        Assert.Equal((UploadStatus.Completed, 2, null), (upload.Status, upload.Imported, upload.Failure));
        Assert.Equal(0, (await _account.Queue(StorageNames.Queues.Uploads).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Replay_CompletedUpload_IsRefused()
    {
        await StoredSamples.IngestAsync(_account);
        var completed = (await ListAsync("13.07"))[0];

        var run = await Cli.RunOnAsync(_account, "uploads", "replay", "--regency", "13.07", "--id", completed.UploadId);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is Completed, which is final", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_UnknownUpload_ExitsTwo()
    {
        await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);

        var run = await Cli.RunOnAsync(_account, "uploads", "replay", "--regency", "13.07", "--id", "20240101T000000000-deadbeef");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("No upload '20240101T000000000-deadbeef' is recorded for 13.07", run.Error, StringComparison.Ordinal);
    }

    /// <summary>A background upload whose queue message went to the poison queue: marked failed, the queue empty.</summary>
    private async Task<UploadRecord> FailedUploadAsync()
    {
        await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);
        await using var services = Pipeline.BuildServices(_account);
        var imports = services.GetRequiredService<ImportService>();
        var csv = "indicator_code,period,value\nGOV-01,2024,72.5\nGOV-02,2024,3.1\n";
        var queued = await imports.ImportAsync(
            new ImportRequest { Regency = Samples.RegencyOf("13.07"), Async = true, FileName = "padang.csv" }, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        await _account.Queue(StorageNames.Queues.Uploads).ClearMessagesAsync();
        return (await imports.MarkFailedAsync(new UploadWork("13.07", queued.Upload.UploadId), "storage unavailable after 5 attempts", CancellationToken.None))!;
    }

    private async Task<IReadOnlyList<UploadRecord>> ListAsync(string regency) =>
        await new TableUploadStore(_account).ListAsync(regency, 10, CancellationToken.None);
}

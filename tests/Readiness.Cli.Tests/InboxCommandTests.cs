using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>inbox run: one timer pass, then the queued files processed in-process and moved.</summary>
public sealed class InboxCommandTests : IAsyncLifetime
{
    private const string Csv = "indicator_code,period,value\nGOV-01,2024,72.5\nGOV-02,2024,3.1\nENV-03,2024Q1,12\n";

    private StorageAccount _account = null!;

    public async Task InitializeAsync()
    {
        _account = await Azurite.CreateAccountAsync();
        var registry = await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);
        Assert.True(registry.ExitCode == 0, registry.ToString());
    }

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task InboxRun_DroppedFile_IsImportedAndMovedToProcessed()
    {
        await DropAsync("13.07/x.csv", Csv);

        var run = await Cli.RunOnAsync(_account, "inbox", "run", "--settle-seconds", "0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Inbox pass: 1 file(s) queued, 0 still being written", run.Out, StringComparison.Ordinal);
        Assert.Contains("inbox/13.07/x.csv: stored (regency 13.07, atomic)", run.Out, StringComparison.Ordinal);
        Assert.Contains("imported 3, updated 0, unchanged 0, rejected rows 0", run.Out, StringComparison.Ordinal);
        Assert.Contains("Processed 1 queued upload(s): 1 stored, 0 rejected or failed.", run.Out, StringComparison.Ordinal);
        Assert.Empty(await NamesAsync(StorageNames.Containers.Inbox));
        Assert.Contains("13.07/x.csv", await NamesAsync(StorageNames.Containers.Processed));
        var upload = Assert.Single(await new TableUploadStore(_account).ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal((UploadStatus.Completed, UploadSource.Inbox, "inbox/13.07/x.csv", 3), (upload.Status, upload.Source, upload.SourcePath, upload.Imported));
        var stored = new List<string>();
        await foreach (var observation in new TableObservationStore(_account).ReadAsync("13.07", null, CancellationToken.None))
        {
            stored.Add(observation.RowKey);
        }

        Assert.Equal(["2024Q1|ENV-03", "2024|GOV-01", "2024|GOV-02"], stored.Order(StringComparer.Ordinal));
        Assert.Equal(0, (await _account.Queue(StorageNames.Queues.Uploads).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task InboxRun_InvalidFile_IsRejectedAndMovedToFailedWithItsReport()
    {
        await DropAsync("13.07/bad.csv", "indicator_code,period,value\nGOV-01,2024,172.5\n");

        var run = await Cli.RunOnAsync(_account, "inbox", "run", "--settle-seconds", "0");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("inbox/13.07/bad.csv: REJECTED (invalid, nothing stored)", run.Out, StringComparison.Ordinal);
        Assert.Contains("constraint-error", run.Out, StringComparison.Ordinal);
        var failed = await NamesAsync(StorageNames.Containers.Failed);
        Assert.Contains("13.07/bad.csv", failed);
        Assert.True(failed.Count > 1, "the report lies beside the file: " + string.Join(", ", failed));
    }

    [Fact]
    public async Task InboxRun_FileOutsideARegencyFolder_IsRefused()
    {
        await DropAsync("99.99/y.csv", Csv);

        var run = await Cli.RunOnAsync(_account, "inbox", "run", "--settle-seconds", "0");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("0 file(s) queued, 0 still being written (wait for the next pass), 0 already queued, 1 refused", run.Out, StringComparison.Ordinal);
        Assert.Contains("99.99/y.csv", await NamesAsync(StorageNames.Containers.Failed));
        Assert.Empty(await NamesAsync(StorageNames.Containers.Inbox));
    }

    [Fact]
    public async Task InboxRun_FreshFile_WaitsForTheSettleTime()
    {
        await DropAsync("13.07/x.csv", Csv);

        var run = await Cli.RunOnAsync(_account, "inbox", "run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("0 file(s) queued, 1 still being written", run.Out, StringComparison.Ordinal);
        Assert.Equal(["13.07/x.csv"], await NamesAsync(StorageNames.Containers.Inbox));
    }

    [Fact]
    public async Task InboxRun_NegativeSettleTime_IsAUsageError()
    {
        var run = await Cli.RunOnAsync(_account, "inbox", "run", "--settle-seconds", "-1");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--settle-seconds must be a whole number of 0 or more", run.Error, StringComparison.Ordinal);
    }

    private Task DropAsync(string name, string text) =>
        _account.Container(StorageNames.Containers.Inbox).GetBlobClient(name).UploadAsync(BinaryData.FromString(text));

    private async Task<List<string>> NamesAsync(string container)
    {
        var names = new List<string>();
        await foreach (var blob in _account.Container(container).GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}

using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>ingest against a real Azurite, each test in its own tables (--storage-prefix).</summary>
public sealed class IngestCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _files = new();
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Ingest_MessyExcelExport_StoresCanonicalRowsAndPrintsTheSummary()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", Cli.Sample("13.07-lima-puluh-kota-2024.csv"), "--regency", "13.07", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        // Indonesian by default (--lang id).
        Assert.Contains("13.07-lima-puluh-kota-2024.csv: tersimpan (wilayah 13.07, atomic)", run.Out, StringComparison.Ordinal);
        Assert.Contains("diimpor 27, diperbarui 0, tidak berubah 0, baris ditolak 0", run.Out, StringComparison.Ordinal);
        Assert.Contains("[1/1] mengimpor 13.07-lima-puluh-kota-2024.csv", run.Error, StringComparison.Ordinal);
        var stored = await StoredAsync("13.07");
        Assert.Equal(27, stored.Count);
        Assert.Equal(1234.5, stored["2024Q2|BRA-01"].Value);
        Assert.Equal(5.25, stored["2024-08|GOV-04"].Value);
        Assert.Equal(0, stored["2024-01|BRA-02"].Value);
    }

    [Fact]
    public async Task Ingest_RecordsTheUploadAsComingFromTheCli()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("13.07-lima-puluh-kota-2024.csv"), "--regency", "13.07", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        var upload = Assert.Single(await new TableUploadStore(_account).ListAsync("13.07", 10, CancellationToken.None));
        Assert.Equal(UploadSource.Cli, upload.Source);
        Assert.Equal(UploadStatus.Completed, upload.Status);
        Assert.Equal("13.07-lima-puluh-kota-2024.csv", upload.FileName);
        Assert.Contains(upload.UploadId, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SameFilesAgain_ReportsEveryValueUnchanged()
    {
        string[] files = [Cli.Sample("national-2024-long.csv"), Cli.Sample("wide-2023.csv")];
        var first = await Cli.RunOnAsync(_account, ["ingest", "--lang", "en", .. files, "--registry", Cli.Registry]);

        var second = await Cli.RunOnAsync(_account, ["ingest", "--lang", "en", .. files]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("imported 91, updated 0, unchanged 0", first.Out, StringComparison.Ordinal);
        Assert.Contains("imported 0, updated 0, unchanged 91", second.Out, StringComparison.Ordinal);
        Assert.Contains("imported 0, updated 0, unchanged 143", second.Out, StringComparison.Ordinal);
        Assert.Contains("2 of 2 files imported.", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ChangedValue_IsCountedAsUpdated()
    {
        var before = _files.Write("v1.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,70\n13.07,GOV-02,2024,2.5\n");
        var after = _files.Write("v2.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,75\n13.07,GOV-02,2024,2.5\n");
        await Cli.RunOnAsync(_account, "ingest", "--lang", "en", before, "--registry", Cli.Registry);

        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", after);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("imported 0, updated 1, unchanged 1", run.Out, StringComparison.Ordinal);
        Assert.Equal(75, (await StoredAsync("13.07"))["2024|GOV-01"].Value);
    }

    [Fact]
    public async Task Ingest_FileAboveTheHttpAsyncThreshold_IsStillProcessedInTheForeground()
    {
        // Over 2 MB, the HTTP upload would queue the file for the functions app; the CLI waits for the result instead.
        var text = new System.Text.StringBuilder("regency_code,indicator_code,period,value\n");
        while (text.Length < 2_200_000)
        {
            text.Append("13.07,GOV-01,2024,72.5\n");
        }

        var file = _files.Write("big.csv", text.ToString());

        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("big.csv: stored", run.Out, StringComparison.Ordinal);
        Assert.Single(await StoredAsync("13.07"));
    }

    [Fact]
    public async Task Ingest_InvalidFile_ExitsOneListsTheErrorsAndStoresNothing()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("32.01-bogor-invalid.csv"), "--regency", "32.01", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("REJECTED (invalid, nothing stored)", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"3/A3\s+ambiguous-regency", run.Out);
        Assert.Empty(await StoredAsync("32.01"));
    }

    [Fact]
    public async Task Ingest_PartialMode_StoresTheValidRowsAndReportsTheRest()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("32.01-bogor-invalid.csv"), "--regency", "32.01", "--mode", "partial", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("stored in part (partial mode)", run.Out, StringComparison.Ordinal);
        Assert.Contains("imported 2, updated 0, unchanged 0, rejected rows 7", run.Out, StringComparison.Ordinal);
        Assert.Equal(["2024|ENV-03", "2024|GOV-01"], (await StoredAsync("32.01")).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ingest_DryRun_ReportsWithoutStoring()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("wide-2023.csv"), "--dry-run", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("validated (dry run, nothing stored)", run.Out, StringComparison.Ordinal);
        Assert.Contains("imported 143", run.Out, StringComparison.Ordinal);
        Assert.Empty(await StoredAsync("32.73"));
    }

    [Fact]
    public async Task Ingest_WithoutRegistryOption_UsesTheRegenciesTable()
    {
        var import = await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);
        var file = _files.Write("padang.csv", "kode_wilayah;kode_indikator;tahun;nilai\nKota Padang;GOV-01;2024;82,6\n");

        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", file, "--regency", "Kota Padang");

        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(82.6, (await StoredAsync("13.71"))["2024|GOV-01"].Value);
    }

    [Fact]
    public async Task Ingest_EmptyRegenciesTable_WarnsAndRejectsTheFile()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("national-2024-long.csv"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the regencies table is empty", run.Error, StringComparison.Ordinal);
        Assert.Contains("unknown-regency", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnknownRegencyOption_IsAUsageError()
    {
        var run = await Cli.RunOnAsync(_account, "ingest", "--lang", "en", Cli.Sample("national-2024-long.csv"), "--regency", "99.99", "--registry", Cli.Registry);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--regency '99.99' is not a known regency", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("--mode", "sometimes")]
    [InlineData("--storage-prefix", "Bad-Prefix")]
    public async Task Ingest_BadOptions_AreUsageErrors(string option, string value)
    {
        var run = await Cli.RunAsync("ingest", Cli.Sample("wide-2023.csv"), "--connection", Azurite.ConnectionString, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnreachableStorage_FailsWithExitThree()
    {
        // A port nothing listens on: the storage client gives up after its retries.
        var connection = new AzuriteSetup(1, 1, 1, Location: null).ConnectionString;

        var run = await Cli.RunAsync("ingest", Cli.Sample("wide-2023.csv"), "--connection", connection);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: storage", run.Error, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, Observation>> StoredAsync(string regency)
    {
        var rows = new Dictionary<string, Observation>(StringComparer.Ordinal);
        await foreach (var observation in new TableObservationStore(_account).ReadAsync(regency, null, CancellationToken.None))
        {
            rows[observation.RowKey] = observation;
        }

        return rows;
    }
}

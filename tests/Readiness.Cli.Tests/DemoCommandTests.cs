using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>The demo's flow against the test Azurite (--connection), so it starts no Azurite of its own here.</summary>
public sealed class DemoCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task Demo_IngestsTheSamplesShowsTheInvalidReportAndWhatWasStored()
    {
        var run = await Cli.RunOnAsync(_account, "demo");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("Starting Azurite", run.Out, StringComparison.Ordinal);
        Assert.Contains("Loaded 17 regencies", run.Out, StringComparison.Ordinal);
        Assert.Contains("[1/5] 13.07-lima-puluh-kota-2024.csv → upload for regency 13.07", run.Out, StringComparison.Ordinal);
        Assert.Contains("national-2024-long.csv → multi-regency file", run.Out, StringComparison.Ordinal);
        Assert.Contains("The full validation report of 32.01-bogor-invalid.csv", run.Out, StringComparison.Ordinal);
        foreach (var code in SampleFilesTests.InvalidSampleErrorCodes)
        {
            Assert.Contains(code, run.Out, StringComparison.Ordinal);
        }

        Assert.Matches(@"13\.07\s+Kabupaten Lima Puluh Kota\s+27\s", run.Out);
        Assert.Contains("2024Q2|BRA-01", run.Out, StringComparison.Ordinal);
        Assert.Contains("Demo finished", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SecondRun_ReportsEverythingUnchanged()
    {
        var first = await Cli.RunOnAsync(_account, "demo");

        var second = await Cli.RunOnAsync(_account, "demo");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Totals: 0 values imported, 0 updated, 271 unchanged; 1 file(s) rejected.", second.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", second.Out, StringComparison.Ordinal);
    }
}

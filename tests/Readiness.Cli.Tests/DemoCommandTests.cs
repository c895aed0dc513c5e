using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>The demo's flow against the test Azurite (--connection), so it starts no Azurite of its own here, and with
/// --out in a temporary directory, so it writes nothing into the repository.</summary>
public sealed class DemoCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _out = new();
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Demo_National_RunsThePipelineForThe514_EndingWithTheNationalTableTheReportAndTheModel()
    {
        var run = await Cli.RunOnAsync(_account, "demo", "--national", "--out", _out.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Loaded 514 regencies from registry-2025.csv: 514 regencies (416 kabupaten, 98 kota) in 38 provinces", run.Out, StringComparison.Ordinal);
        Assert.Contains("514 regencies × 24 indicators × 4 years (2021–2024)", run.Out, StringComparison.Ordinal);
        Assert.Contains("26 former codes read as their successor (regency-code-former).", run.Out, StringComparison.Ordinal);
        Assert.Contains("Scored 2021, 2022, 2023, 2024: 2056 regency scores", run.Out, StringComparison.Ordinal);
        Assert.Contains("Readiness 2024, the national table (514 regencies and cities;", run.Out, StringComparison.Ordinal);
        Assert.Contains("Power BI model: 16 Parquet files", run.Out, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_out.Path, "report.html"));
        Assert.Equal(514, html.Split("<tr data-province=").Length - 1);
        Assert.Contains("Papua Selatan", html, StringComparison.Ordinal);

        // Deterministic: the dataset is a pure function of the registry and catalog.
        var registry = Core.Registry.RegistryCsv.Load(Readiness.Development.SharedData.File(Readiness.Development.SharedData.NationalRegistryFile));
        Assert.Equal(Commands.NationalDemo.Dataset(registry, Core.Catalog.CatalogFile.Default), Commands.NationalDemo.Dataset(registry, Core.Catalog.CatalogFile.Default));
    }

    [Fact]
    public async Task Demo_National_WithAMissingRegistry_IsAUsageErrorSayingWhatToPass()
    {
        var run = await Cli.RunOnAsync(_account, "demo", "--national", "--registry", Path.Combine(_out.Path, "none.csv"), "--out", _out.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Pass --registry FILE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_IngestsTheSamplesShowsTheInvalidReportAndWhatWasStored()
    {
        var run = await DemoAsync();

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
    public async Task Demo_ScoresEveryYearPrintsTheRankingAndWritesTheHtmlReport()
    {
        var run = await DemoAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Scored every year with observations (2023, 2024): 14 regency scores,", run.Out, StringComparison.Ordinal);
        Assert.Contains("Readiness 2024, ranked", run.Out, StringComparison.Ordinal);
        var ranking = run.Out[run.Out.IndexOf("Readiness 2024, ranked", StringComparison.Ordinal)..];
        var expected = await StoredSamples.YearAsync(_account, 2024);
        Assert.Equal(8, expected.Count);
        var at = 0;
        foreach (var score in expected)
        {
            // each regency on its own line, in rank order
            var line = ranking.IndexOf($"  {score.RegencyCode}  {score.RegencyName}", StringComparison.Ordinal);
            Assert.True(line > at, $"{score.RegencyCode} (rank {score.NationalRank}) is not listed in rank order:\n{ranking}");
            at = line;
        }

        Assert.Matches(@"\n\s+1\s+35\.78\s+Kota Surabaya\s+Jawa Timur\s+\d+\.\d\s+5 Optimum\s", ranking);
        var report = Path.Combine(_out.Path, "report.html");
        Assert.Contains($"Wrote the HTML report (sortable, filterable ranking, province summary, distribution of each dimension): {report}", run.Out, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Smart city readiness 2024", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("Kota Surabaya", StringComparison.Ordinal) < html.IndexOf("Kota Administrasi Jakarta Selatan", StringComparison.Ordinal),
            "the report's ranking starts with the best regency");
        foreach (var score in expected)
        {
            Assert.Contains(score.RegencyName, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_SecondRun_ReportsEverythingUnchangedAndTheSameRanking()
    {
        var first = await DemoAsync();

        var second = await DemoAsync();

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Totals: 0 values imported, 0 updated, 271 unchanged; 1 file(s) rejected.", second.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing changed", second.Out, StringComparison.Ordinal);
        Assert.Contains("14 regency scores, 0 rows written", second.Out, StringComparison.Ordinal);
        Assert.Equal(Ranking(first.Out), Ranking(second.Out));
        Assert.True(File.Exists(Path.Combine(_out.Path, "report.html")));
    }

    private Task<CliRun> DemoAsync() => Cli.RunOnAsync(_account, "demo", "--out", _out.Path);

    private static string Ranking(string output)
    {
        var start = output.IndexOf("Readiness 2024, ranked", StringComparison.Ordinal);
        return output[start..output.IndexOf("Wrote the HTML report", start, StringComparison.Ordinal)];
    }
}

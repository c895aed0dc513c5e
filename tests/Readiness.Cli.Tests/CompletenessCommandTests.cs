using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed partial class CompletenessCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task Completeness_ListsEveryRegencyNothingReportedFirstWithTotals()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2024");

        Assert.True(run.ExitCode == 0, run.ToString());
        var rows = run.Out.Split('\n').Select(l => Row().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(17, rows.Count);
        // The nine regencies without a 2024 value come first and are flagged; then the least complete.
        Assert.All(rows.Take(9), r => Assert.Equal(("0", "24", "NOTHING REPORTED"), (r.Groups["reported"].Value, r.Groups["missing"].Value, r.Groups["status"].Value)));
        Assert.Equal(
            ["31.71", "51.71", "73.71", "13.71", "13.07", "34.71", "35.78", "51.03"],
            rows.Skip(9).Select(r => r.Groups["code"].Value));
        Assert.Matches(@"\n\s+13\.71\s+Kota Padang\s+10\s+14\s+42%\s+partial\s+Open\s+–\s+GOV-03 GOV-04 BRA-01 BRA-03 BRA-04 ECO-01 ECO-02 ECO-04 LIV-02 LIV-04 SOC-01 SOC-03 SOC-04 ENV-02\n", run.Out);
        Assert.Matches(@"\n\s+35\.78\s+Kota Surabaya\s+24\s+0\s+100%\s+complete\s+Open\s+–\n", run.Out);
        Assert.Contains("Totals: 17 regencies: 4 complete, 4 partial, 9 reported nothing; 114 of 408 indicators reported (28%).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completeness_OneRegencyAsCsv()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--regency", "Kota Padang", "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "Year,RegencyCode,RegencyName,ProvinceCode,Status,IndicatorsReported,IndicatorsMissing,Share,MissingIndicators,OpenFlags,ReviewState,SubmittedAt,Timeliness,ReportingProvinceCode\n" +
            "2024,13.71,Kota Padang,13,partial,10,14,0.4166666666666667,GOV-03|GOV-04|BRA-01|BRA-03|BRA-04|ECO-01|ECO-02|ECO-04|LIV-02|LIV-04|SOC-01|SOC-03|SOC-04|ENV-02,0,Open,,not-submitted,13\n",
            run.Out);
    }

    [Fact]
    public async Task Completeness_Json_HasTheReportedAndMissingCodes()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2023", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.GetProperty("regencies").EnumerateArray().ToList();
        Assert.Equal(17, rows.Count);
        Assert.Equal(17, json.RootElement.GetProperty("count").GetInt32());
        var sleman = rows.Single(r => r.GetProperty("regencyCode").GetString() == "34.04");
        Assert.Equal((24, 0, 1.0), (sleman.GetProperty("reported").GetArrayLength(), sleman.GetProperty("missing").GetArrayLength(), sleman.GetProperty("share").GetDouble()));
        Assert.Equal(11, rows.Count(r => r.GetProperty("reported").GetArrayLength() == 0));
        // The same document as GET /api/completeness: the reporting figures, not judged without a calendar.
        var reporting = json.RootElement.GetProperty("reporting");
        Assert.Equal((17, 0), (reporting.GetProperty("national").GetProperty("expected").GetInt32(), reporting.GetProperty("national").GetProperty("submitted").GetInt32()));
        Assert.Equal(JsonValueKind.Null, reporting.GetProperty("national").GetProperty("onTime").ValueKind);
        Assert.False(reporting.GetProperty("timeliness").GetProperty("judged").GetBoolean());
        Assert.Equal(6, reporting.GetProperty("national").GetProperty("dataNotSubmitted").GetInt32());
    }

    [Fact]
    public async Task Completeness_PrintsTheReportingRatePerProvinceAndNationally_WithOnTimeAndLateByTheCalendar()
    {
        await StoredSamples.IngestAsync(_account);
        var catalog = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Readiness.Development.RepositoryRoot.OfThisBuild, "catalog", "catalog.json")))!.AsObject();
        catalog["reportingCalendar"] = System.Text.Json.Nodes.JsonNode.Parse("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2099-12-31"}]""");
        var file = Path.Combine(Path.GetTempPath(), $"catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, catalog.ToJsonString());
        try
        {
            Assert.Equal(0, (await Cli.RunOnAsync(_account, "catalog", "import", file)).ExitCode);
        }
        finally
        {
            File.Delete(file);
        }

        // Submitted now, long after the due day: late.
        var submit = await Cli.RunOnAsync(_account, "review", "submit", "--regency", "13.71", "--year", "2024");
        Assert.True(submit.ExitCode == 0, submit.ToString());

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--province", "13");
        var json = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--province", "13", "--json");
        var bad = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--province", "1x");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"\n\s+13\.71\s+Kota Padang\s+10\s+14\s+42%\s+partial\s+Submitted\s+LATE\s+GOV-03", run.Out);
        Assert.Contains("Reporting rate 2024 (review submissions; due 2025-01-31 WIB, closes 2099-12-31):", run.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json.Out);
        var west = document.RootElement.GetProperty("reporting").GetProperty("national");
        var expected = west.GetProperty("expected").GetInt32();
        Assert.Equal((1, 0, 1), (west.GetProperty("submitted").GetInt32(), west.GetProperty("onTime").GetInt32(), west.GetProperty("late").GetInt32()));
        Assert.All(document.RootElement.GetProperty("regencies").EnumerateArray(), r => Assert.Equal("13", r.GetProperty("reportingProvinceCode").GetString()));
        // One line for the province, one for the total: expected, submitted, rate, on time, late, on-time rate, not submitted.
        Assert.Matches($@"\n\s+13\s+Sumatera Barat\s+{expected}\s+1\s+\d+%\s+0\s+1\s+0%\s+{expected - 1}\s", run.Out);
        Assert.Matches($@"\n\s+all\s+{expected}\s+1\s+\d+%\s+0\s+1\s+0%\s+{expected - 1}\s", run.Out);
        Assert.Contains("late: submitted after it", run.Out, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public async Task Completeness_UnknownRegency_ExitsTwo()
    {
        await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--regency", "Atlantis");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--regency 'Atlantis' is not a known regency", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+(?<code>\d\d\.\d\d)\s+.+?\s+(?<reported>\d+)\s+(?<missing>\d+)\s+\d+%\s+(?<status>NOTHING REPORTED|partial|complete)")]
    private static partial Regex Row();
}

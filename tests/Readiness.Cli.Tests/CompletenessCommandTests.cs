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
        Assert.Matches(@"\n\s+13\.71\s+Kota Padang\s+10\s+14\s+42%\s+partial\s+GOV-03 GOV-04 BRA-01 BRA-03 BRA-04 ECO-01 ECO-02 ECO-04 LIV-02 LIV-04 SOC-01 SOC-03 SOC-04 ENV-02\n", run.Out);
        Assert.Matches(@"\n\s+35\.78\s+Kota Surabaya\s+24\s+0\s+100%\s+complete\n", run.Out);
        Assert.Contains("Totals: 17 regencies: 4 complete, 4 partial, 9 reported nothing; 114 of 408 indicators reported (28%).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completeness_OneRegencyAsCsv()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--regency", "Kota Padang", "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "Year,RegencyCode,RegencyName,ProvinceCode,Status,IndicatorsReported,IndicatorsMissing,Share,MissingIndicators,OpenFlags\n" +
            "2024,13.71,Kota Padang,13,partial,10,14,0.4166666666666667,GOV-03|GOV-04|BRA-01|BRA-03|BRA-04|ECO-01|ECO-02|ECO-04|LIV-02|LIV-04|SOC-01|SOC-03|SOC-04|ENV-02,0\n",
            run.Out);
    }

    [Fact]
    public async Task Completeness_Json_HasTheReportedAndMissingCodes()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "completeness", "--year", "2023", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(17, rows.Count);
        var sleman = rows.Single(r => r.GetProperty("regencyCode").GetString() == "34.04");
        Assert.Equal((24, 0, 1.0), (sleman.GetProperty("reported").GetArrayLength(), sleman.GetProperty("missing").GetArrayLength(), sleman.GetProperty("share").GetDouble()));
        Assert.Equal(11, rows.Count(r => r.GetProperty("reported").GetArrayLength() == 0));
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

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Readiness.Core.Scoring;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>score, scores and explain against a real Azurite, after ingesting the sample files.</summary>
public sealed partial class ScoreCommandTests : IAsyncLifetime
{
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task Score_WithoutOptions_RecomputesTheDueYearsThenNothing()
    {
        await StoredSamples.IngestAsync(_account);

        var first = await Cli.RunOnAsync(_account, "score");
        var second = await Cli.RunOnAsync(_account, "score");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Due: 2023, 2024.", first.Out, StringComparison.Ordinal);
        Assert.Contains("Recomputed 2 year(s): 2023, 2024; 14 regency scores,", first.Out, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Nothing to recompute", second.Out, StringComparison.Ordinal);
        Assert.Equal(8, (await StoredSamples.YearAsync(_account, 2024)).Count);
    }

    [Fact]
    public async Task Score_GivenYears_RecomputesJustThoseAndTwiceWritesNothing()
    {
        await StoredSamples.IngestAsync(_account);

        var first = await Cli.RunOnAsync(_account, "score", "--year", "2023");
        var again = await Cli.RunOnAsync(_account, "score", "--year", "2023");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Recomputed 1 year(s): 2023; 6 regency scores,", first.Out, StringComparison.Ordinal);
        Assert.Contains("Recomputed 1 year(s): 2023; 6 regency scores, 0 rows written.", again.Out, StringComparison.Ordinal);
        Assert.Empty(await StoredSamples.YearAsync(_account, 2024));
    }

    [Fact]
    public async Task Score_AYearWithNoData_ExitsOneAndPublishesNothing()
    {
        await StoredSamples.IngestAsync(_account);

        var run = await Cli.RunOnAsync(_account, "score", "--year", "2019", "--year", "2023");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Recomputed 1 year(s): 2023; 6 regency scores,", run.Out, StringComparison.Ordinal);
        Assert.Contains("No scores for 2019: no regency has observations in that year, so nothing was published", run.Error, StringComparison.Ordinal);
        var exports = _account.Container(Readiness.Core.StorageNames.Containers.Exports);
        Assert.False((await exports.GetBlobClient(BlobScoreExports.CsvPath(2019)).ExistsAsync()).Value);
        Assert.True((await exports.GetBlobClient(BlobScoreExports.CsvPath(2023)).ExistsAsync()).Value);
    }

    [Fact]
    public async Task Score_AllAndYearTogether_IsAUsageError()
    {
        var run = await Cli.RunOnAsync(_account, "score", "--all", "--year", "2024");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--all and --year cannot be used together", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_PrintsTheRankedTableInTheCoresOrder()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = await StoredSamples.YearAsync(_account, 2024);

        var run = await Cli.RunOnAsync(_account, "scores", "--year", "2024");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"#\s+code\s+regency\s+province\s+overall\s+level\s+Gov\s+Bra\s+Eco\s+Liv\s+Soc\s+Env\s+coverage\s+trend\s+status", run.Out);
        Assert.Contains("Readiness 2024: 8 regencies (0 final, 8 provisional)", run.Out, StringComparison.Ordinal);
        var lines = run.Out.Split('\n').Select(l => RankedLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(expected.Select(s => s.RegencyCode), lines.Select(m => m.Groups["code"].Value));
        Assert.Equal(expected.Select(s => s.NationalRank!.Value.ToString(CultureInfo.InvariantCulture)), lines.Select(m => m.Groups["rank"].Value));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], expected.Select(s => s.NationalRank!.Value));
        var top = expected[0];
        Assert.Equal("35.78", top.RegencyCode);
        // rank, code, name, province, overall with one decimal, level, the six dimensions, coverage, trend
        Assert.Matches(
            $@"\n\s+1\s+35\.78\s+Kota Surabaya\s+Jawa Timur\s+{Regex.Escape(top.Overall.ToString("0.0", CultureInfo.InvariantCulture))}\s+{top.Level} {top.LevelName}\s+" +
            string.Join(@"\s+", new[] { top.Governance, top.Branding, top.Economy, top.Living, top.Society, top.Environment }.Select(d => Regex.Escape(d.ToString("0.0", CultureInfo.InvariantCulture)))) +
            $@"\s+100%\s+\+{Regex.Escape(top.Trend!.Value.ToString("0.0", CultureInfo.InvariantCulture))}\s+provisional\n",
            run.Out);
        Assert.Matches(@"\n\s+\d\s+13\.71\s+Kota Padang\s+Sumatera Barat\s+.*\s+42%\s+-\d+\.\d\s+provisional\n", run.Out); // a fall against 2023
        Assert.Matches(@"\n\s+\d\s+34\.71\s+Kota Yogyakarta\s+.*\s+100%\s+–\s+provisional\n", run.Out); // no 2023 score, no trend
    }

    [Fact]
    public async Task Scores_Csv_IsExactlyScoreCsvOfTheYear()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = ScoreCsv.ToText(await StoredSamples.YearAsync(_account, 2024));

        var run = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Out);
        Assert.StartsWith(string.Join(',', ScoreCsv.Columns) + "\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scores_Json_IsTheArrayOfTheYearsScores()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = await StoredSamples.YearAsync(_account, 2024);

        var run = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(expected.Select(s => s.RegencyCode), rows.Select(r => r.GetProperty("regencyCode").GetString()));
        Assert.Equal(expected.Select(s => s.Overall), rows.Select(r => r.GetProperty("overall").GetDouble()));
        Assert.Equal(expected.Select(s => s.NationalRank), rows.Select(r => (int?)r.GetProperty("nationalRank").GetInt32()));
        Assert.Equal(expected[0].Governance, rows[0].GetProperty("governance").GetDouble());
        Assert.Equal(expected[0].LevelName, rows[0].GetProperty("levelName").GetString());
    }

    [Fact]
    public async Task Scores_Province_ListsOnlyThatProvinceWithNationalRanks()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = await StoredSamples.YearAsync(_account, 2024, "13");

        var run = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--province", "13");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split('\n').Select(l => RankedLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(["13.07", "13.71"], lines.Select(m => m.Groups["code"].Value));
        Assert.Equal(expected.Select(s => s.NationalRank!.Value.ToString(CultureInfo.InvariantCulture)), lines.Select(m => m.Groups["rank"].Value));
    }

    [Fact]
    public async Task Scores_YearWithoutScores_ExitsOneWithAClearMessage()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var run = await Cli.RunOnAsync(_account, "scores", "--year", "2022");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("There are no scores for 2022", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Scores_FinalOnly_SaysSoWhenNothingIsApproved_ThenListsOnlyTheApprovedRegencyYears()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var none = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--final-only", "--csv");

        Assert.Equal(1, none.ExitCode);
        Assert.Contains("No final scores for 2024: none of its 8 scored regencies is approved yet", none.Error, StringComparison.Ordinal);
        Assert.Contains("Leave out --final-only", none.Error, StringComparison.Ordinal);
        Assert.Equal("", none.Out);

        foreach (var action in new[] { "submit", "verify", "approve" })
        {
            var taken = await Cli.RunOnAsync(_account, "review", action, "--regency", "13.07", "--year", "2024");
            Assert.True(taken.ExitCode == 0, taken.ToString());
            Assert.DoesNotContain("rescore could not be requested", taken.ToString(), StringComparison.Ordinal);
        }

        // Without the score queue's function running, 'readiness score' finds the approved year due and brings it up to date.
        var rescored = await Cli.RunOnAsync(_account, "score");
        Assert.Contains("Due: 2024.", rescored.Out, StringComparison.Ordinal);
        var csv = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--final-only", "--csv");
        var table = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--final-only");
        var json = await Cli.RunOnAsync(_account, "scores", "--year", "2024", "--final-only", "--json");
        var all = await Cli.RunOnAsync(_account, "scores", "--year", "2024");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', ScoreCsv.Columns), lines[0]);
        Assert.Equal([("13.07", "final")], lines[1..].Select(l => (l.Split(',')[1], l.Split(',')[^1])));
        Assert.Contains("Readiness 2024: 1 final scores (of 8 regencies scored)", table.Out, StringComparison.Ordinal);
        Assert.Equal(["final"], JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("Readiness 2024: 8 regencies (1 final, 7 provisional)", all.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+\d\s+13\.07\s+.*\s+final\n", all.Out);
        Assert.Contains("status final: the regency-year is approved", (await Cli.RunOnAsync(_account, "explain", "--regency", "13.07", "--year", "2024")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--year", "2024", "--json", "--csv")]
    [InlineData("--year", "2024", "--province", "1")]
    [InlineData("--year", "2024", "--province", "99")]
    [InlineData("--year", "3000")]
    [InlineData("--year", "twenty")]
    public async Task Scores_BadOptions_AreUsageErrors(params string[] options)
    {
        await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);

        var run = await Cli.RunOnAsync(_account, ["scores", .. options]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Scores_WithoutYear_IsAUsageError()
    {
        var run = await Cli.RunAsync("scores");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--year", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_ByName_ShowsEachDimensionsIndicatorsAndTheMissingOnes()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = (await StoredSamples.ExplainAsync(_account, "13.71", 2024))!;

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "Kota Padang", "--year", "2024");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Kota Padang (13.71), Sumatera Barat: readiness 2024\n", run.Out, StringComparison.Ordinal);
        Assert.Contains($"overall {expected.Overall.ToString("0.0", CultureInfo.InvariantCulture)} · level {expected.Level} {expected.LevelName}", run.Out, StringComparison.Ordinal);
        Assert.Contains("coverage 42% (10 of 24 indicators reported)", run.Out, StringComparison.Ordinal);
        foreach (var dimension in Enum.GetValues<Readiness.Core.Catalog.Dimension>())
        {
            Assert.Contains($"\n{dimension}: {expected.DimensionScores[dimension].ToString("0.0", CultureInfo.InvariantCulture)} (coverage ", run.Out, StringComparison.Ordinal);
        }

        // value 82.6 against target 100: score 0.826, weight 1, from the yearly period
        Assert.Matches(@"\n\s+GOV-01\s+Layanan publik daring\s+82\.6\s+0\.826\s+1\s+2024\n", run.Out);
        Assert.Matches(@"\n\s+GOV-03\s+Perangkat daerah terhubung jaringan intra pemerintah\s+–\s+–\s+1\s+not reported \(scores 0\)\n", run.Out);
        Assert.Contains(
            $"Missing indicators (14, each scored 0): {string.Join(", ", expected.Indicators.Where(i => !i.Reported).Select(i => i.IndicatorCode))}.",
            run.Out,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_SubYearValues_ShowTheirPeriods()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "35.78", "--year", "2024");

        Assert.True(run.ExitCode == 0, run.ToString());
        // six monthly response times, aggregated with the indicator's aggregation
        Assert.Matches(@"\n\s+LIV-03\s+Waktu tanggap darurat\s+[\d.]+\s+[01]\.\d{3}\s+1\s+2024-01 … 2024-06 \(6 periods\)\n", run.Out);
        Assert.Contains("Missing indicators: none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_Json_CarriesTheBreakdownOfTheCore()
    {
        await StoredSamples.IngestAndScoreAsync(_account);
        var expected = (await StoredSamples.ExplainAsync(_account, "13.71", 2024))!;

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "13.71", "--year", "2024", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.Equal("13.71", root.GetProperty("regency").GetProperty("code").GetString());
        Assert.Equal(expected.Overall, root.GetProperty("overall").GetDouble());
        Assert.Equal(6, root.GetProperty("dimensions").GetArrayLength());
        Assert.Equal(1, root.GetProperty("dimensions")[0].GetProperty("weight").GetDouble());
        Assert.Equal(24, root.GetProperty("indicators").GetArrayLength());
        Assert.Equal(expected.Indicators.Where(i => !i.Reported).Select(i => i.IndicatorCode), root.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        var gov01 = root.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "GOV-01");
        Assert.Equal((82.6, 0.826), (gov01.GetProperty("value").GetDouble(), Math.Round(gov01.GetProperty("score").GetDouble(), 9)));
        Assert.Equal(["2024"], gov01.GetProperty("periods").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Explain_AmbiguousName_ExitsTwoNamingTheCandidates()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "Bogor", "--year", "2024");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Kabupaten Bogor (32.01)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Kota Bogor (32.71)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownRegency_ExitsTwo()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "99.99", "--year", "2024");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--regency '99.99' is not a known regency", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_RegencyWithoutAScoreThatYear_ExitsOne()
    {
        await StoredSamples.IngestAndScoreAsync(_account);

        var run = await Cli.RunOnAsync(_account, "explain", "--regency", "Kabupaten Bogor", "--year", "2024");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Kabupaten Bogor (32.01) has no score for 2024", run.Error, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+(?<rank>\d+)\s+(?<code>\d\d\.\d\d)\s")]
    private static partial Regex RankedLine();
}

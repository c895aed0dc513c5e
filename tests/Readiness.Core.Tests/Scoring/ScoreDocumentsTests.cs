using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

/// <summary>What the score CSV, the HTML report and the read-side documents carry, column by column.</summary>
public class ScoreDocumentsTests
{
    private static readonly IndicatorScore Reported = new("GOV-01", "Layanan", Dimension.Governance, 2, 80, 0.8, "2024Q1,2024Q2", 3);
    private static readonly IndicatorScore Missing = new("GOV-02", "Indeks SPBE", Dimension.Governance, 1, null, null, "", 0);

    /// <summary>A ranked score whose every number is different, so a column taken from the wrong field shows.</summary>
    private static RegencyScore Distinct(string code = "13.71", string name = "Kota Padang", double overall = 61.25, int level = 4, double? trend = 2.5, double coverage = 0.75) => new(
        2024,
        code,
        name,
        "13",
        "Sumatera Barat",
        overall,
        new Dictionary<Dimension, double>
        {
            [Dimension.Governance] = 11.5,
            [Dimension.Branding] = 22.5,
            [Dimension.Economy] = 33.5,
            [Dimension.Living] = 44.5,
            [Dimension.Society] = 55.5,
            [Dimension.Environment] = 66.5,
        },
        new Dictionary<Dimension, double>
        {
            [Dimension.Governance] = 0.1,
            [Dimension.Branding] = 0.2,
            [Dimension.Economy] = 0.3,
            [Dimension.Living] = 0.4,
            [Dimension.Society] = 0.5,
            [Dimension.Environment] = 0.6,
        },
        coverage,
        level,
        "Terpadu dan Terukur",
        NationalRank: 3,
        ProvinceRank: 2,
        trend,
        IndicatorsReported: 18,
        IndicatorsTotal: 24,
        CatalogVersion: "2026.1",
        Indicators: [Reported, Missing],
        PeerGroup: "Kota sedang",
        PeerRank: 1,
        ComputedAt: new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ScoreCsv_HeaderNamesTheColumnsOfTheScoresTable()
    {
        var csv = ScoreCsv.ToText([]);

        Assert.Equal(
            "Year,RegencyCode,RegencyName,ProvinceCode,ProvinceName,Overall,Governance,Branding,Economy,Living,Society,Environment,Coverage,Level,LevelName,NationalRank,ProvinceRank,Trend,IndicatorsReported,IndicatorsTotal,CatalogVersion,PeerGroup,PeerRank,GovernanceCoverage,BrandingCoverage,EconomyCoverage,LivingCoverage,SocietyCoverage,EnvironmentCoverage,ComputedAt\n",
            csv);
    }

    [Fact]
    public void ScoreCsv_WritesEveryFieldUnderItsHeader_InInvariantNumbers()
    {
        var csv = ScoreCsv.ToText([Distinct(), Distinct("13.06", "Kabupaten Agam", 40, 3, null)]);

        Assert.Equal(
            """
            2024,13.71,Kota Padang,13,Sumatera Barat,61.25,11.5,22.5,33.5,44.5,55.5,66.5,0.75,4,Terpadu dan Terukur,3,2,2.5,18,24,2026.1,Kota sedang,1,0.1,0.2,0.3,0.4,0.5,0.6,2026-12-01T02:00:00.000Z
            2024,13.06,Kabupaten Agam,13,Sumatera Barat,40,11.5,22.5,33.5,44.5,55.5,66.5,0.75,3,Terpadu dan Terukur,3,2,,18,24,2026.1,Kota sedang,1,0.1,0.2,0.3,0.4,0.5,0.6,2026-12-01T02:00:00.000Z

            """.ReplaceLineEndings("\n"),
            csv[(csv.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public void ScoreCsv_Write_LeavesTheStreamOpen()
    {
        using var stream = new MemoryStream();

        ScoreCsv.Write([Distinct()], stream);

        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
    }

    [Fact]
    public void ScoreCsv_RowsReadBackByHeaderName()
    {
        using var reader = CsvReader.FromText(ScoreCsv.ToText([Distinct()]));

        Assert.Equal(ScoreCsv.Columns, reader.Headers);
        Assert.True(reader.Read());
        Assert.Equal("Kota Padang", reader.GetString(Array.IndexOf(ScoreCsv.Columns, "RegencyName")));
        Assert.Equal("66.5", reader.GetString(Array.IndexOf(ScoreCsv.Columns, "Environment")));
    }

    [Fact]
    public void ScoreReport_HeadsTheYearTheCountTheCatalogAndTheTime()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct()], CatalogFile.Default, new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

        Assert.Contains("<title>Smart city readiness 2024</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Smart city readiness 2024</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"sub\">1 regencies and cities ranked · catalog 2026.1 · generated 2025-03-04 05:06 UTC</p>", html, StringComparison.Ordinal);
        Assert.Contains(
            "<th>#</th><th class=\"l\">Regency / city</th><th class=\"l\">Province</th><th>Overall</th><th class=\"l\">Level</th><th>Governance</th><th>Branding</th><th>Economy</th><th>Living</th><th>Society</th><th>Environment</th><th>Coverage</th><th>Trend</th></tr></thead><tbody>\n",
            html,
            StringComparison.Ordinal);
        Assert.EndsWith("</div>\n</body></html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_RankingRow_ShowsRankNameLevelDimensionsCoverageAndTrend()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct()], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains(
            "<tr><td>3</td><td class=\"l\">Kota Padang <small>13.71</small></td><td class=\"l\">Sumatera Barat</td><td><b>61.3</b></td>" +
            "<td class=\"l\"><span class=\"lvl l4\">4 Terpadu dan Terukur</span></td>" +
            "<td>11.5</td><td>22.5</td><td>33.5</td><td>44.5</td><td>55.5</td><td>66.5</td><td>75 %</td><td>+2.5</td></tr>\n",
            html,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.25, "-1.3")]
    [InlineData(0.0, "0.0")]
    [InlineData(null, "–")]
    public void ScoreReport_TrendIsSigned_OrADashWithoutAPreviousYear(double? trend, string shown)
    {
        var html = ScoreReport.ToHtml(2024, [Distinct(trend: trend)], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains($"<td>75 %</td><td>{shown}</td></tr>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "l1")]
    [InlineData(1, "l1")]
    [InlineData(5, "l5")]
    [InlineData(7, "l5")]
    public void ScoreReport_LevelColourStaysWithinTheFiveBands(int level, string css)
    {
        var html = ScoreReport.ToHtml(2024, [Distinct(level: level)], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains($"<span class=\"lvl {css}\">{level} Terpadu dan Terukur</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_RankingKeepsTheGivenOrder_ChartsSortByTheirValue()
    {
        var first = Distinct("13.71", "Kota Padang", 70, coverage: 0.25) with
        {
            DimensionScores = Enum.GetValues<Dimension>().ToDictionary(d => d, d => d == Dimension.Living ? 10.0 : 90.0),
        };
        var second = Distinct("13.06", "Kabupaten Agam", 60, coverage: 0.5) with
        {
            DimensionScores = Enum.GetValues<Dimension>().ToDictionary(d => d, d => d == Dimension.Living ? 55.55 : 20.0),
            IndicatorsReported = 12,
        };

        var html = ScoreReport.ToHtml(2024, [first, second], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        var ranking = Section(html, "<h2>Ranking</h2>", "<h2>Dimensions</h2>");
        Assert.True(ranking.IndexOf("Kota Padang", StringComparison.Ordinal) < ranking.IndexOf("Kabupaten Agam", StringComparison.Ordinal));
        var living = Section(html, "<h3>Living</h3>", "</div>\n<div class=\"chart\">");
        Assert.Equal(
            "<div class=\"bar\"><span class=\"n\">Kabupaten Agam</span><span class=\"t\"><span class=\"f\" style=\"display:block;width:55.6%\"></span></span><span class=\"v\">55.6</span></div>\n" +
            "<div class=\"bar\"><span class=\"n\">Kota Padang</span><span class=\"t\"><span class=\"f\" style=\"display:block;width:10%\"></span></span><span class=\"v\">10.0</span></div>\n",
            living);
        var governance = Section(html, "<h3>Governance</h3>", "</div>\n<div class=\"chart\">");
        Assert.True(governance.IndexOf("Kota Padang", StringComparison.Ordinal) < governance.IndexOf("Kabupaten Agam", StringComparison.Ordinal));
        var coverage = Section(html, "<h2>Coverage</h2>", "</body>");
        Assert.Contains(
            "<div class=\"chart\">\n" +
            "<div class=\"bar\"><span class=\"n\">Kabupaten Agam</span><span class=\"t\"><span class=\"c\" style=\"display:block;width:50%\"></span></span><span class=\"v\">12/24</span></div>\n" +
            "<div class=\"bar\"><span class=\"n\">Kota Padang</span><span class=\"t\"><span class=\"c\" style=\"display:block;width:25%\"></span></span><span class=\"v\">18/24</span></div>\n" +
            "</div>\n",
            coverage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_EncodesEveryTextItShows()
    {
        var score = Distinct("<c>", "<n>") with { ProvinceName = "<p>", LevelName = "<l>" };
        var catalog = new IndicatorCatalog("<v>", CatalogFile.Default.Indicators, CatalogFile.Default.DimensionWeights, CatalogFile.Default.Levels);

        var html = ScoreReport.ToHtml(2024, [score], catalog, DateTimeOffset.UnixEpoch);

        foreach (var text in new[] { "c", "n", "p", "l", "v" })
        {
            Assert.DoesNotContain($"<{text}>", html, StringComparison.Ordinal);
            Assert.Contains($"&lt;{text}&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ScoreRow_CarriesEveryColumnOfTheScore()
    {
        var row = ScoreRow.From(Distinct());

        Assert.Equal(
            new ScoreRow(2024, "13.71", "Kota Padang", "13", "Sumatera Barat", 61.25, 11.5, 22.5, 33.5, 44.5, 55.5, 66.5, 0.75, 4, "Terpadu dan Terukur", 3, 2, 2.5, 18, 24, "2026.1",
                "Kota sedang", 1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc)),
            row);
    }

    [Fact]
    public void DimensionBreakdown_NamesEveryDimensionInLowerCase_WithItsWeightWhenKnown()
    {
        var weights = new Dictionary<Dimension, double> { [Dimension.Governance] = 3 };

        var breakdown = DimensionBreakdown.Of(Distinct(), weights);

        Assert.Equal(
            [
                new DimensionBreakdown("governance", 11.5, 0.1, 3),
                new DimensionBreakdown("branding", 22.5, 0.2),
                new DimensionBreakdown("economy", 33.5, 0.3),
                new DimensionBreakdown("living", 44.5, 0.4),
                new DimensionBreakdown("society", 55.5, 0.5),
                new DimensionBreakdown("environment", 66.5, 0.6),
            ],
            breakdown);
        Assert.All(DimensionBreakdown.Of(Distinct()), d => Assert.Null(d.Weight));
    }

    [Fact]
    public void YearScore_CarriesTheYearsFieldsAndItsDimensions()
    {
        var year = YearScore.From(Distinct());

        Assert.Equal(
            (2024, 61.25, 0.75, 4, "Terpadu dan Terukur", (int?)3, (int?)2, (double?)2.5, 18, 24, "2026.1"),
            (year.Year, year.Overall, year.Coverage, year.Level, year.LevelName, year.NationalRank, year.ProvinceRank, year.Trend, year.IndicatorsReported, year.IndicatorsTotal, year.CatalogVersion));
        Assert.Equal(DimensionBreakdown.Of(Distinct()), year.Dimensions);
    }

    [Fact]
    public void ScoreExplanation_ListsEveryIndicator_TheMissingOnes_AndTheDimensionWeights()
    {
        var explanation = ScoreExplanation.From(Distinct(), CatalogFile.Default.DimensionWeights);

        Assert.Equal(new RegencyInfo("13.71", "Kota Padang", "13", "Sumatera Barat"), explanation.Regency);
        Assert.Equal(
            (2024, 61.25, 0.75, 4, "Terpadu dan Terukur", (int?)3, (int?)2, (double?)2.5, 18, 24, "2026.1"),
            (explanation.Year, explanation.Overall, explanation.Coverage, explanation.Level, explanation.LevelName, explanation.NationalRank, explanation.ProvinceRank, explanation.Trend, explanation.IndicatorsReported, explanation.IndicatorsTotal, explanation.CatalogVersion));
        Assert.Equal(DimensionBreakdown.Of(Distinct(), CatalogFile.Default.DimensionWeights), explanation.Dimensions);
        Assert.Equal(["GOV-02"], explanation.Missing);
        var reported = explanation.Indicators[0];
        Assert.Equal(("GOV-01", "Layanan", "governance", 2.0, true, (double?)80, (double?)0.8, 3), (reported.Code, reported.Name, reported.Dimension, reported.Weight, reported.Reported, reported.Value, reported.Score, reported.ObservationCount));
        Assert.Equal(["2024Q1", "2024Q2"], reported.Periods);
        var missing = explanation.Indicators[1];
        Assert.Equal(("GOV-02", false, (double?)null, (double?)null), (missing.Code, missing.Reported, missing.Value, missing.Score));
        Assert.Empty(missing.Periods);
    }

    [Fact]
    public void IndicatorBreakdown_SplitsPeriodsTrimmingSpaces()
    {
        var breakdown = IndicatorBreakdown.From(Reported with { Periods = "2024-01, 2024-02,," });

        Assert.Equal(["2024-01", "2024-02"], breakdown.Periods);
    }

    [Fact]
    public void RegencyInfo_FromARegencyOrAScore_IsTheSame()
    {
        var fromScore = RegencyInfo.From(Distinct("13.07", "Kabupaten Lima Puluh Kota"));

        Assert.Equal(RegencyInfo.From(LimaPuluhKota), fromScore);
        Assert.Equal(new RegencyInfo("13.07", "Kabupaten Lima Puluh Kota", "13", "Sumatera Barat"), fromScore);
    }

    [Fact]
    public void RegencyScore_DimensionProperties_ReadTheirOwnDimension_ZeroWhenAbsent()
    {
        var score = Distinct();

        Assert.Equal((11.5, 22.5, 33.5, 44.5, 55.5, 66.5), (score.Governance, score.Branding, score.Economy, score.Living, score.Society, score.Environment));
        Assert.Equal(0, Unranked("13.07", "13", 1).Society);
    }

    [Fact]
    public void AggregatedValue_PeriodsText_IsCommaSeparatedCanonicalPeriods()
    {
        var value = new AggregatedValue("GOV-01", 1, [Observations.Period.OfQuarter(2024, 1), Observations.Period.OfMonth(2024, 5)], 2);

        Assert.Equal("2024Q1,2024-05", value.PeriodsText);
    }

    private static string Section(string html, string from, string to)
    {
        var start = html.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, from);
        start += from.Length;
        var end = html.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(end >= 0, to);
        return html[start..end].TrimStart('\n');
    }
}

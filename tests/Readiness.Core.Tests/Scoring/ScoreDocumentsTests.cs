using System.Text.RegularExpressions;
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
    private static RegencyScore Distinct(string code = "13.71", string name = "Kota Padang", double overall = 61.25, int level = 4, double? trend = 2.5, double coverage = 0.75, ScoreStatus status = ScoreStatus.Final) => new(
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
        ComputedAt: new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero),
        Status: status);

    [Fact]
    public void ScoreCsv_HeaderNamesTheColumnsOfTheScoresTable()
    {
        var csv = ScoreCsv.ToText([]);

        Assert.Equal(
            "Year,RegencyCode,RegencyName,ProvinceCode,ProvinceName,Overall,Governance,Branding,Economy,Living,Society,Environment,Coverage,Level,LevelName,NationalRank,ProvinceRank,Trend,IndicatorsReported,IndicatorsTotal,CatalogVersion,PeerGroup,PeerRank,GovernanceCoverage,BrandingCoverage,EconomyCoverage,LivingCoverage,SocietyCoverage,EnvironmentCoverage,ComputedAt,Status\n",
            csv);
    }

    [Fact]
    public void ScoreCsv_WritesEveryFieldUnderItsHeader_InInvariantNumbers()
    {
        var csv = ScoreCsv.ToText([Distinct(), Distinct("13.06", "Kabupaten Agam", 40, 3, null, status: ScoreStatus.Provisional)]);

        Assert.Equal(
            """
            2024,13.71,Kota Padang,13,Sumatera Barat,61.25,11.5,22.5,33.5,44.5,55.5,66.5,0.75,4,Terpadu dan Terukur,3,2,2.5,18,24,2026.1,Kota sedang,1,0.1,0.2,0.3,0.4,0.5,0.6,2026-12-01T02:00:00.000Z,final
            2024,13.06,Kabupaten Agam,13,Sumatera Barat,40,11.5,22.5,33.5,44.5,55.5,66.5,0.75,3,Terpadu dan Terukur,3,2,,18,24,2026.1,Kota sedang,1,0.1,0.2,0.3,0.4,0.5,0.6,2026-12-01T02:00:00.000Z,provisional

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
    public void ScoreReport_IsIndonesianByDefault_WithEnglish_AndReadableOnAPhone()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct()], CatalogFile.Default, new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>Kesiapan kota cerdas 2024 · Smart city readiness 2024</title>", html, StringComparison.Ordinal);
        Assert.Contains("<body class=\"id\">", html, StringComparison.Ordinal);
        Assert.Contains("body.id .en,body.en .id{display:none}", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"id\">1 kabupaten dan kota diperingkat (1 final, 0 sementara) · katalog 2026.1 · dibuat 2025-03-04 05:06 UTC</span><span class=\"en\">1 regencies and cities ranked (1 final, 0 provisional) · catalog 2026.1 · generated 2025-03-04 05:06 UTC</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"id\">Peringkat</span><span class=\"en\">Ranking</span>", html, StringComparison.Ordinal);
        Assert.EndsWith("</script>\n</body></html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_RankingRow_ShowsRankNameProvincePeersLevelDimensionsCoverageAndTrend()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct()], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains(
            "<tr data-province=\"Sumatera Barat\" data-kind=\"Kota\" data-peer=\"Kota sedang\" data-level=\"4 Terpadu dan Terukur\" data-status=\"Final\">" +
            "<td data-v=\"3\">3</td><td class=\"l name\">Kota Padang <small>13.71</small></td><td class=\"l\">Sumatera Barat <small>(2)</small></td>" +
            "<td class=\"l\"><span class=\"id\">Kota sedang</span><span class=\"en\">City, medium</span></td><td data-v=\"1\">1</td><td data-v=\"61.25\"><b>61.3</b></td>" +
            "<td class=\"l\" data-v=\"4\"><span class=\"lvl l4\">4 Terpadu dan Terukur</span></td>" +
            "<td class=\"l\"><span class=\"st final\"><span class=\"id\">Final</span><span class=\"en\">Final</span></span></td>" +
            "<td data-v=\"11.5\">11.5</td><td data-v=\"22.5\">22.5</td><td data-v=\"33.5\">33.5</td><td data-v=\"44.5\">44.5</td><td data-v=\"55.5\">55.5</td><td data-v=\"66.5\">66.5</td>" +
            "<td data-v=\"0.75\">75 %</td><td data-v=\"2.5\">+2.5</td></tr>\n",
            html,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_ShowsAProvisionalBadge_AndFiltersByStatus_InBothLanguages()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct(), Distinct("13.06", "Kabupaten Agam", 40, status: ScoreStatus.Provisional)], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains("data-status=\"Sementara\"><td data-v=\"3\">3</td><td class=\"l name\">Kabupaten Agam", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"st provisional\"><span class=\"id\">Sementara</span><span class=\"en\">Provisional</span></span>", html, StringComparison.Ordinal);
        Assert.Contains("(1 final, 1 sementara)", html, StringComparison.Ordinal);
        Assert.Contains(
            "<select name=\"status\" onchange=\"filter()\"><option value=\"\">–</option><option value=\"Final\" data-en=\"Final\">Final</option><option value=\"Sementara\" data-en=\"Provisional\">Sementara</option></select>",
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

        Assert.Contains($"75 %</td><td data-v=", html, StringComparison.Ordinal);
        Assert.Contains($"\">{shown}</td></tr>", html, StringComparison.Ordinal);
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
    public void ScoreReport_LevelBadges_HaveAAContrastWithTheirWhiteText()
    {
        var html = ScoreReport.ToHtml(2024, [Distinct()], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        for (var level = 1; level <= 5; level++)
        {
            var colour = ScoreReport.LevelColours[level - 1];
            Assert.Contains($".l{level}{{background:{colour}}}", html, StringComparison.Ordinal);
            Assert.True(Contrast(colour, "#ffffff") >= 4.5, $"level {level}: {Contrast(colour, "#ffffff"):0.00}:1");
        }

        Assert.Contains(".lvl{display:inline-block;padding:.1rem .4rem;border-radius:.3rem;color:#fff;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_ForTheWholeCountry_HasOneRowPerRegency_FiltersAProvinceSummaryAndDistributions()
    {
        var provinces = Enumerable.Range(11, 38).ToList();
        var scores = Enumerable.Range(0, 514).Select(i => Distinct(
            $"{provinces[i % 38]}.{(i / 38) + 1:00}", i % 5 == 0 ? $"Kota Sintetis {i}" : $"Kabupaten Sintetis {i}", overall: i % 100, level: 1 + (i % 5)) with
        {
            ProvinceCode = provinces[i % 38].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ProvinceName = $"Provinsi {provinces[i % 38]}",
            PeerGroup = i % 5 == 0 ? "Kota kecil" : "Kabupaten sedang",
            DimensionScores = Enum.GetValues<Dimension>().ToDictionary(d => d, d => (double)(i % 100)),
        }).ToList();

        var html = ScoreReport.ToHtml(2024, scores, CatalogFile.Default, DateTimeOffset.UnixEpoch);

        var ranking = Section(html, "<table id=\"scores\">", "</table>");
        Assert.Equal(514, Regex.Matches(ranking, "<tr data-province=").Count);
        Assert.Equal(38, Regex.Matches(Section(html, "<select name=\"province\"", "</select>"), "<option>").Count);
        Assert.Equal(["Kabupaten", "Kota"], Regex.Matches(Section(html, "<select name=\"kind\"", "</select>"), "<option>([^<]*)<").Select(m => m.Groups[1].Value));
        // The peer group's value stays the stored code; the English label is shown when the report is in English.
        Assert.Equal(
            ["Kabupaten sedang|Regency, medium|Kabupaten sedang", "Kota kecil|City, small|Kota kecil"],
            Regex.Matches(Section(html, "<select name=\"peer\"", "</select>"), "<option value=\"([^\"]*)\" data-en=\"([^\"]*)\">([^<]*)<").Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{m.Groups[3].Value}"));
        Assert.Equal(5, Regex.Matches(Section(html, "<select name=\"level\"", "</select>"), "<option>").Count);
        Assert.Equal(38, Regex.Matches(Section(html, "<table id=\"provinces-table\">", "</table>"), "<tr><td").Count);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var figure = Section(html, $"<figure class=\"chart\" data-dimension=\"{dimension}\">", "</figure>");
            Assert.Equal(514, Regex.Matches(figure, "data-count=\"(\\d+)\"").Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Contains("onclick=\"sortBy(this)\"", html, StringComparison.Ordinal);
        Assert.InRange(html.Length, 100_000, 1_000_000);
    }

    [Fact]
    public void ScoreReport_LongNames_WrapAndAreNeverCut()
    {
        var name = "Kabupaten " + string.Concat(Enumerable.Repeat("Nama Sangat Panjang ", 10)).TrimEnd();
        var html = ScoreReport.ToHtml(2024, [Distinct(name: name)], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.Contains($"<td class=\"l name\">{name} <small>13.71</small></td>", html, StringComparison.Ordinal);
        Assert.Contains("td.name{min-width:12rem;overflow-wrap:anywhere}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ellipsis", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreReport_ShowsControlCharactersOfTheDataAsEscapes()
    {
        var score = Distinct(name: "Kota \u001b]0;pwned\u0007Padang\u202Eabc") with { ProvinceName = "Sumatera\rBarat" };

        var html = ScoreReport.ToHtml(2024, [score], CatalogFile.Default, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain('\u001b', html);
        Assert.DoesNotContain('\u0007', html);
        Assert.DoesNotContain('\u202E', html);
        Assert.DoesNotContain("Sumatera\rBarat", html, StringComparison.Ordinal);
        Assert.Contains("Kota \\u001b]0;pwned\\u0007Padang\\u202eabc <small>", html, StringComparison.Ordinal);
        Assert.Contains("Sumatera\\u000dBarat", html, StringComparison.Ordinal);
    }

    /// <summary>WCAG 2 contrast ratio of two #rrggbb colours.</summary>
    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = Convert.ToInt32(hex.Substring(1 + (2 * i), 2), 16) / 255.0;
                return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(0)) + (0.7152 * Channel(1)) + (0.0722 * Channel(2));
        }

        var (x, y) = (Luminance(a), Luminance(b));
        return (Math.Max(x, y) + 0.05) / (Math.Min(x, y) + 0.05);
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
                "Kota sedang", 1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), "final"),
            row);
        Assert.Equal(ScoreStatus.Final, row.ToScore([]).Status);
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
        Assert.Equal("final", year.Status);
        Assert.Equal("provisional", YearScore.From(Distinct(status: ScoreStatus.Provisional)).Status);
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
        Assert.Equal("final", explanation.Status);
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

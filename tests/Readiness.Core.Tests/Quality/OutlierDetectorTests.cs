using Readiness.Core.Catalog;
using Readiness.Core.Quality;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Quality;

public class OutlierDetectorTests
{
    private static readonly OutlierThresholds Defaults = OutlierThresholds.Default;

    private static YearValue[] History(params double[] values) => [.. values.Select((v, i) => new YearValue(2020 + i, v))];

    [Fact]
    public void History_ModifiedZAbove35_IsAnOutlierWithMedianAndMad()
    {
        // Four years (too few to follow a trend): median 91.5, MAD 1 floored at 5 % of the median (4.575):
        // 9 scores 0.6745 × −82.5 / 4.575 ≈ −12.2.
        var finding = OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 9, History(90, 93, 92, 91), Defaults);

        Assert.NotNull(finding);
        Assert.Equal((QualityCodes.Outlier, FindingBasis.History), (finding.Code, finding.Basis));
        Assert.Equal((91.5, 1.0, 2023), (finding.Reference!.Value, finding.Mad!.Value, finding.PreviousYear!.Value));
        Assert.Equal(0.6745 * (9 - 91.5) / 4.575, finding.Statistic!.Value, 9);
        Assert.Contains("median 91.5, MAD 1", finding.Message, StringComparison.Ordinal);
        Assert.Contains("median 91,5, MAD 1", finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Contains("the previous value was 91 (2023)", finding.Message, StringComparison.Ordinal);
        Assert.Contains("nilai sebelumnya 91 (2023)", finding.MessageIndonesian, StringComparison.Ordinal);
    }

    [Fact]
    public void History_FiveYearsOrMore_FollowTheirTrend()
    {
        // Rising by 10 a year: around the median (30, MAD 10) a tenfold drop to 6 scores only −1.6; along the trend
        // the years lead to 60 (MAD 0, floored at 5 % of 30 = 1.5), and 6 scores 0.6745 × −54 / 1.5 ≈ −24.
        var history = History(10, 20, 30, 40, 50);
        var finding = OutlierDetector.AgainstHistory("13.07", "ENV-04", 2025, 6, history, Defaults);

        Assert.NotNull(finding);
        Assert.Equal((60.0, 0.0), (finding.Reference!.Value, finding.Mad!.Value));
        Assert.Equal(0.6745 * (6 - 60) / 1.5, finding.Statistic!.Value, 9);
        Assert.Contains("the earlier years' trend of +10 a year leads to a median of 60, MAD 0", finding.Message, StringComparison.Ordinal);
        Assert.Contains("tren tahun-tahun sebelumnya +10 per tahun mengarah ke median 60, MAD 0", finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2025, 61, history, Defaults));
        // Four of those years are judged around their median (25, MAD 10): the drop to 6 passes.
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2024, 6, History(10, 20, 30, 40), Defaults));
    }

    [Fact]
    public void History_TwoYearsAgreeingByChance_DoNotNarrowTheSpreadToTheirMad()
    {
        // 50, 50.2, 58: the MAD is 0.2 (z of 61 ≈ 36), the mean absolute deviation 8 / 3 scaled to 2.25 (z ≈ 3.2).
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ECO-01", 2023, 61, History(50, 50.2, 58), Defaults with { MinRelativeMad = 0 }));
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "ECO-01", 2023, 80, History(50, 50.2, 58), Defaults with { MinRelativeMad = 0 }));
    }

    [Fact]
    public void History_AnUnusualButSmallChange_IsNotAnOutlier()
    {
        // 90, 91, 90: the spread is tiny (floored at 5 % of 90 = 4.5), so 70 scores 0.6745 × −20 / 4.5 ≈ −3.0 and 60
        // about −4.5, above the limit; but 60 is only a third below the 90 the years lead to, under minDeviation (half).
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2023, 60, History(90, 91, 90), Defaults));
        var finding = OutlierDetector.AgainstHistory("13.07", "SOC-01", 2023, 60, History(90, 91, 90), Defaults with { MinDeviation = 0.3 });
        Assert.NotNull(finding);
        Assert.True(finding.Statistic < -3.5);
        // A decimal shifted (9 for 90) moves it far more than that.
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2023, 9, History(90, 91, 90), Defaults));
    }

    [Fact]
    public void History_ThePercentagesDeclaredRange_SetsTheLeastSpread()
    {
        // 0, 0, 1, 2 % of puskesmas with electronic records: the years' own spread (MAD 0.5) makes a rise to 8 a
        // z-score of about 7; 3 % of the declared 0–100 range (3 points) makes it 0.6745 × 7.5 / 3 ≈ 1.7, ordinary.
        var history = History(0, 0, 1, 2);
        var percent = new IndicatorScale(Range: 100, IsCount: false);
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "LIV-02", 2024, 8, history, Defaults));
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "LIV-02", 2024, 8, history, Defaults, percent));
        // A flat history is judged by the same least spread: 60 after four years of 60 is ordinary, 6 (a decimal
        // shifted) scores 0.6745 × −54 / 3 ≈ −12.1.
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "LIV-02", 2024, 66, History(60, 60, 60, 60), Defaults, percent));
        var shifted = OutlierDetector.AgainstHistory("13.07", "LIV-02", 2024, 6, History(60, 60, 60, 60), Defaults, percent);
        Assert.NotNull(shifted);
        Assert.Equal(0.6745 * (6 - 60) / 3, shifted.Statistic!.Value, 9);
    }

    [Fact]
    public void History_ACountsChanceSpread_GrowsWithItsSize()
    {
        // Sensors 0, 0, 0, 0 then 3: a count's chance spread around 0 is at least 1, so 3 scores 0.6745 × 3 / 0.6745 = 3,
        // ordinary; 9 scores 9. Without the count's floor the flat history's fallback calls any 3 an outlier.
        var zeros = History(0, 0, 0, 0);
        var count = new IndicatorScale(Range: null, IsCount: true);
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2024, 3, zeros, Defaults));
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2024, 3, zeros, Defaults, count));
        Assert.Equal(9, OutlierDetector.AgainstHistory("13.07", "ENV-04", 2024, 9, zeros, Defaults, count)!.Statistic!.Value, 9);
        // The default catalog's: a percentage's declared 0–100, a count without a maximum.
        Assert.Equal(new IndicatorScale(100, false), IndicatorScale.Of(CatalogFile.Default.Indicators.Single(i => i.Code == "LIV-02")));
        Assert.Equal(new IndicatorScale(null, true), IndicatorScale.Of(CatalogFile.Default.Indicators.Single(i => i.Code == "ENV-04")));
    }

    [Fact]
    public void History_ATenthOfAFastGrowingCount_IsAnOutlierWhateverItsSpread()
    {
        // 5, 9, 17: median 9, a spread so wide (MAD 4, mean absolute deviation 4) that 1.7 scores only about −1.2;
        // but it is a fifth of 9 or less, which extremeRatio (5) counts whatever the spread.
        var finding = OutlierDetector.AgainstHistory("13.07", "ENV-04", 2023, 1.7, History(5, 9, 17), Defaults);

        Assert.NotNull(finding);
        Assert.True(Math.Abs(finding.Statistic!.Value) < Defaults.ModifiedZ);
        Assert.Contains("it is 0.19 times the 9 its earlier years lead to", finding.Message, StringComparison.Ordinal);
        Assert.Contains("nilainya 0,19 kali 9 yang diharapkan", finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2023, 1.7, History(5, 9, 17), Defaults with { ExtremeRatio = 6 }));
        // Half of 9 is neither extreme nor unusual for so spread a history.
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "ENV-04", 2023, 4.5, History(5, 9, 17), Defaults));
    }

    [Fact]
    public void History_ATrendContinued_IsNotAnOutlier()
    {
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 62, History(40, 45, 50, 55), Defaults));
    }

    [Fact]
    public void History_ThreeYearsAgreeingByChance_DoNotMakeAnOrdinaryChangeAnOutlier()
    {
        // MAD 0.1 alone would give z ≈ 0.6745 × 6 / 0.1 ≈ 40; floored at 5 % of the median 100 it is ≈ 0.8.
        var history = History(100, 100.1, 99.9);
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "GOV-03", 2024, 106, history, Defaults));
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "GOV-03", 2024, 106, history, Defaults with { MinRelativeMad = 0, MinDeviation = 0 }));
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "GOV-03", 2024, 10, history, Defaults));
    }

    [Fact]
    public void History_FewerThanThreeEarlierYears_IsNotJudged()
    {
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 9, History(90, 92), Defaults));
        Assert.NotNull(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 9, History(90, 92), Defaults with { MinHistory = 2 }));
    }

    [Fact]
    public void History_LaterYearsAreIgnored()
    {
        var history = new[] { new YearValue(2025, 9), new YearValue(2026, 9), new YearValue(2027, 9) };
        Assert.Null(OutlierDetector.AgainstHistory("13.07", "SOC-01", 2024, 90, history, Defaults));
    }

    [Theory]
    [InlineData(50, 101, true)] // more than 100 % above a flat 50
    [InlineData(50, 99, false)]
    [InlineData(0, 0, false)]
    [InlineData(0, 2, true)]
    public void History_FlatHistory_FallsBackToTheRelativeChange(double flat, double value, bool outlier)
    {
        var finding = OutlierDetector.AgainstHistory("13.07", "ENV-04", 2024, value, History(flat, flat, flat), Defaults);
        Assert.Equal(outlier, finding is not null);
        if (finding is not null)
        {
            Assert.Null(finding.Statistic);
            Assert.Equal(0, finding.Mad);
            Assert.Contains("(MAD 0)", finding.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1250, 1_250_000, 1250, "Did you mean 1250?", "Apakah maksudnya 1250?")]
    [InlineData(1250, 1.3, 1300, "Did you mean 1300?", "Apakah maksudnya 1300?")]
    [InlineData(3.5, 3400, 3.4, "Did you mean 3.4?", "Apakah maksudnya 3,4?")]
    public void Previous_AThousandTimesOrAThousandth_IsAPossibleThousandsError(double previous, double value, double suggestion, string english, string indonesian)
    {
        var finding = OutlierDetector.AgainstHistory("13.07", "BRA-03", 2024, value, [new YearValue(2023, previous)], Defaults);

        Assert.NotNull(finding);
        Assert.Equal((QualityCodes.PossibleThousandsError, FindingBasis.Previous, previous, 2023), (finding.Code, finding.Basis, finding.Reference!.Value, finding.PreviousYear!.Value));
        Assert.Equal(value / previous, finding.Statistic!.Value, 9);
        Assert.Contains(english, finding.Message, StringComparison.Ordinal);
        Assert.Contains(indonesian, finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Contains("1.250 = 1250", finding.Message, StringComparison.Ordinal);
        Assert.Contains("1.250 = 1250", finding.MessageIndonesian, StringComparison.Ordinal);
        _ = suggestion;
    }

    [Theory]
    [InlineData(100, 500)]
    [InlineData(100, 3000_00)]
    [InlineData(100, -100_000)]
    public void Previous_OtherRatios_AreNoThousandsError(double previous, double value)
    {
        var finding = OutlierDetector.AgainstHistory("13.07", "BRA-03", 2024, value, [new YearValue(2023, previous)], Defaults);
        Assert.NotEqual(QualityCodes.PossibleThousandsError, finding?.Code);
    }

    [Fact]
    public void Peers_OutsideTukeyFencesAt3Iqr_IsAnOutlierWithTheFences()
    {
        var peers = Enumerable.Range(1, 40).Select(i => (double)i).ToList(); // Q1 10.75, Q3 30.25 (R type 7)
        var fences = PeerFences.From(peers, Defaults);

        Assert.NotNull(fences);
        var iqr = fences.Q3 - fences.Q1;
        Assert.Equal((fences.Q1 - (3 * iqr), fences.Q3 + (3 * iqr)), (fences.Lower, fences.Upper));
        var finding = OutlierDetector.AgainstPeers("13.07", "ENV-04", 2024, fences.Upper + 1, fences);
        Assert.NotNull(finding);
        Assert.Equal((QualityCodes.Outlier, FindingBasis.Peers, fences.Lower, fences.Upper), (finding.Code, finding.Basis, finding.LowerFence!.Value, finding.UpperFence!.Value));
        Assert.Contains("40 regencies", finding.Message, StringComparison.Ordinal);
        Assert.Contains("40 kabupaten/kota", finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Null(OutlierDetector.AgainstPeers("13.07", "ENV-04", 2024, fences.Upper, fences));
    }

    [Fact]
    public void Peers_FewerThan30OrNoSpread_HaveNoFences()
    {
        Assert.Null(PeerFences.From([.. Enumerable.Range(1, 29).Select(i => (double)i)], Defaults));
        Assert.Null(PeerFences.From([.. Enumerable.Repeat(5.0, 40)], Defaults));
    }

    [Fact]
    public void RegencyYears_KeepsEachYearsValue_NotItsPeriods()
    {
        var observations = new[] { Obs("13.07", "ENV-04", "2024", 10), Obs("13.07", "ENV-04", "2023", 7) };

        var years = RegencyYears.From("13.07", observations, CatalogFile.Default);

        Assert.Equal((10.0, 7.0), (years.Of(2024)["ENV-04"].Value, years.Of(2023)["env-04"].Value));
        Assert.Equal([2023, 2024], years.ByYear.Keys.Order());
        // The checks never read the periods; holding them for 514 regencies' histories was most of a national import's checks' memory.
        Assert.All(years.ByYear.Values.SelectMany(v => v.Values), v => Assert.Empty(v.Periods));
    }

    [Fact]
    public void QualityCheck_ReportsOnlyTheTargetsAndSkipsBooleans()
    {
        var catalog = CatalogFile.Default;
        var regencies = Enumerable.Range(0, 35).Select(i =>
        {
            var code = $"13.{i + 10:00}";
            var observations = Enumerable.Range(2020, 5).SelectMany(year => new[]
            {
                Obs(code, "ENV-04", $"{year}", 100 + i + year - 2020),
                Obs(code, "BRA-02", $"{year}", year == 2024 && i == 0 ? 0 : 1),
            }).ToList();
            if (i == 0)
            {
                observations[^2] = Obs(code, "ENV-04", "2024", 104_000);
            }

            return RegencyYears.From(code, observations, catalog);
        }).ToList();

        var all = QualityCheck.Run(catalog, 2024, regencies);
        Assert.All(all, f => Assert.Equal(("13.10", "ENV-04"), (f.RegencyCode, f.Subject)));
        Assert.Equal([FindingBasis.Previous, FindingBasis.Peers], all.Select(f => f.Basis));
        Assert.Empty(QualityCheck.Run(catalog, 2024, regencies, new HashSet<string> { "13.11" }));
    }
}

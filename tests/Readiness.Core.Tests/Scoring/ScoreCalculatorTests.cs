using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

public class ScoreCalculatorTests
{
    private const double Precision = 1e-9;
    private static readonly string R = LimaPuluhKota.Code;

    private static readonly IndicatorCatalog OneTarget = GovernanceOnly("""
        [{ "code": "T", "name": "Target", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 } }]
        """);

    [Fact]
    public void MissingIndicators_ScoreZero_AndLowerTheCoverage()
    {
        // Default catalog, only GOV-01 = 80 reported: s = 0.8, the three other governance indicators count 0.
        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "GOV-01", "2024", 80)], CatalogFile.Default);

        Assert.Equal(20, score.Governance, Precision); // 100 × 0.8 / 4
        Assert.Equal(0.25, score.DimensionCoverage[Dimension.Governance], Precision); // 1 of 4 equal weights
        foreach (var dimension in Enum.GetValues<Dimension>().Where(d => d != Dimension.Governance))
        {
            Assert.Equal(0, score.DimensionScores[dimension]);
            Assert.Equal(0, score.DimensionCoverage[dimension]);
        }

        Assert.Equal(20.0 / 6, score.Overall, Precision); // (20 + 0 × 5) / 6
        Assert.Equal(0.25 / 6, score.Coverage, Precision);
        Assert.Equal((1, 24), (score.IndicatorsReported, score.IndicatorsTotal));
        var missing = score.Indicators.Single(i => i.IndicatorCode == "GOV-02");
        Assert.Equal(("Indeks SPBE", Dimension.Governance, 1.0), (missing.IndicatorName, missing.Dimension, missing.Weight));
        Assert.Equal((null, null, "", 0, false), (missing.Value, missing.Score, missing.Periods, missing.ObservationCount, missing.Reported));
    }

    [Fact]
    public void AReportedZero_ScoresZeroButCountsAsCovered()
    {
        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "BRA-02", "2024", 0)], CatalogFile.Default);

        Assert.Equal(0, score.Branding);
        Assert.Equal(0.25, score.DimensionCoverage[Dimension.Branding], Precision);
        Assert.Equal(1, score.IndicatorsReported);
        Assert.Equal(0.0, score.Indicators.Single(i => i.IndicatorCode == "BRA-02").Score);
    }

    [Fact]
    public void NoObservations_ScoreZeroAtTheLowestLevel()
    {
        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [], CatalogFile.Default);

        Assert.Equal((0.0, 0.0, 1, "Rintisan", 0), (score.Overall, score.Coverage, score.Level, score.LevelName, score.IndicatorsReported));
        Assert.Equal(24, score.Indicators.Count);
        Assert.All(score.Indicators, i => Assert.False(i.Reported));
    }

    [Fact]
    public void Score_CarriesTheRegencyTheYearAndTheCatalogVersion_AndIsUnranked()
    {
        var score = ScoreCalculator.ScoreRegency(Bogor, 2023, [Obs(Bogor.Code, "GOV-01", "2023", 50)], CatalogFile.Default);

        Assert.Equal(
            (2023, "32.71", "Kota Bogor", "32", "Jawa Barat", "2026.1"),
            (score.Year, score.RegencyCode, score.RegencyName, score.ProvinceCode, score.ProvinceName, score.CatalogVersion));
        Assert.Equal((null, null, null), (score.NationalRank, score.ProvinceRank, score.Trend));
        Assert.Equal(CatalogFile.Default.Indicators.Select(i => i.Code), score.Indicators.Select(i => i.IndicatorCode));
    }

    [Fact]
    public void IndicatorScore_ExplainsTheValueTheScoreAndThePeriods()
    {
        // LIV-03 (minutes, lower is better, target 15, mean): (20 + 30) / 2 = 25 → 15 / 25 = 0.6.
        var score = ScoreCalculator.ScoreRegency(
            LimaPuluhKota,
            2024,
            [Obs(R, "LIV-03", "2024-02", 30), Obs(R, "LIV-03", "2024-01", 20)],
            CatalogFile.Default);

        var indicator = score.Indicators.Single(i => i.IndicatorCode == "LIV-03");
        Assert.Equal(25, indicator.Value!.Value, Precision);
        Assert.Equal(0.6, indicator.Score!.Value, Precision);
        Assert.Equal(("2024-01,2024-02", 2), (indicator.Periods, indicator.ObservationCount));
        Assert.Equal(15, score.Living, Precision); // 100 × 0.6 / 4
    }

    [Fact]
    public void ObservationsOfAnotherYear_AreIgnored()
    {
        var score = ScoreCalculator.ScoreRegency(
            LimaPuluhKota,
            2024,
            [Obs(R, "GOV-01", "2023", 100), Obs(R, "GOV-01", "2024Q1", 40)],
            CatalogFile.Default);

        Assert.Equal(10, score.Governance, Precision); // 100 × 0.4 / 4
    }

    [Fact]
    public void ObservationsOfAnotherRegency_AreRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(Padang.Code, "GOV-01", "2024", 40)], CatalogFile.Default));
    }

    [Fact]
    public void IndicatorWeights_WeighTheDimensionScoreAndItsCoverage()
    {
        var catalog = GovernanceOnly("""
            [
              { "code": "HEAVY", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 }, "weight": 3 },
              { "code": "LIGHT", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 }, "weight": 1 }
            ]
            """);

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "HEAVY", "2024", 50)], catalog);

        Assert.Equal(37.5, score.Governance, Precision); // 100 × (3 × 0.5 + 1 × 0) / (3 + 1)
        Assert.Equal(0.75, score.DimensionCoverage[Dimension.Governance], Precision); // 3 / 4
        Assert.Equal(37.5, score.Overall, Precision); // the other dimensions weigh 0
        Assert.Equal(0.75, score.Coverage, Precision);
    }

    [Fact]
    public void UnequalDimensionWeights_WeighTheOverallScoreAndCoverage()
    {
        // The default indicators with governance weighing 3 and the other dimensions 1: Σ W = 8.
        var weights = Enum.GetValues<Dimension>().ToDictionary(d => d, d => d == Dimension.Governance ? 3.0 : 1.0);
        var catalog = new IndicatorCatalog("weighted", CatalogFile.Default.Indicators, weights, CatalogFile.Default.Levels);
        Observation[] observations =
        [
            // Governance: all four at their best → D = 100, coverage 1.
            Obs(R, "GOV-01", "2024", 100), Obs(R, "GOV-02", "2024", 5), Obs(R, "GOV-03", "2024", 100), Obs(R, "GOV-04", "2024", 1),
            // Economy: ECO-01 45 / 60 = 0.75, ECO-02 100 / 100 = 1, ECO-03 and ECO-04 missing → D = 100 × 1.75 / 4 = 43.75, coverage 0.5.
            Obs(R, "ECO-01", "2024", 45), Obs(R, "ECO-02", "2024", 100),
        ];

        var weighted = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, observations, catalog);
        var equal = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, observations, CatalogFile.Default);

        Assert.Equal((100.0, 43.75), (weighted.Governance, weighted.Economy));
        Assert.Equal(42.96875, weighted.Overall, Precision); // (3 × 100 + 1 × 43.75) / 8 = 343.75 / 8
        Assert.Equal(0.4375, weighted.Coverage, Precision); // (3 × 1 + 1 × 0.5) / 8 = 3.5 / 8
        Assert.Equal(3, weighted.Level); // 40 ≤ 42.97 < 60
        Assert.Equal(23.958333333333333, equal.Overall, Precision); // (100 + 43.75) / 6 = 143.75 / 6
        Assert.Equal(0.25, equal.Coverage, Precision); // (1 + 0.5) / 6
        Assert.Equal(2, equal.Level);
    }

    [Fact]
    public void ADimensionWithoutIndicators_ScoresZeroWithZeroCoverage_AndStillWeighs()
    {
        // Only governance has an indicator; the five other dimensions keep the default weight 1.
        var catalog = CatalogFile.Parse("""
            {
              "version": "sparse",
              "indicators": [{ "code": "T", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 } }]
            }
            """);

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "T", "2024", 60)], catalog);

        Assert.Equal(60, score.Governance, Precision);
        Assert.Equal((0.0, 0.0), (score.Environment, score.DimensionCoverage[Dimension.Environment]));
        Assert.Equal(10, score.Overall, Precision); // 60 / 6
        Assert.Equal(1.0 / 6, score.Coverage, Precision);
    }

    [Fact]
    public void ADimensionWhoseIndicatorsWeighNothing_ScoresZeroWithZeroCoverage()
    {
        var catalog = GovernanceOnly("""
            [{ "code": "T", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 }, "weight": 0 }]
            """);

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "T", "2024", 100)], catalog);

        Assert.Equal((0.0, 0.0, 0.0), (score.Governance, score.DimensionCoverage[Dimension.Governance], score.Overall));
        Assert.Equal(1, score.IndicatorsReported);
        Assert.Equal(1.0, score.Indicators[0].Score);
    }

    [Theory]
    [InlineData(0, 1, "Rintisan")]
    [InlineData(19.99, 1, "Rintisan")]
    [InlineData(20, 2, "Terkelola")]
    [InlineData(39.99, 2, "Terkelola")]
    [InlineData(40, 3, "Terdefinisi")]
    [InlineData(59.99, 3, "Terdefinisi")]
    [InlineData(60, 4, "Terpadu dan Terukur")]
    [InlineData(79.99, 4, "Terpadu dan Terukur")]
    [InlineData(80, 5, "Optimum")]
    [InlineData(100, 5, "Optimum")]
    public void Level_FollowsTheBands_WithTheBoundInTheHigherBand(double value, int level, string name)
    {
        // One target-100 indicator and one weighted dimension: Overall = value.
        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "T", "2024", value)], OneTarget);

        Assert.Equal(value, score.Overall, Precision);
        Assert.Equal((level, name), (score.Level, score.LevelName));
    }

    [Theory]
    [InlineData(49.9, 1, "Low")]
    [InlineData(50, 2, "Middle")]
    [InlineData(90, 3, "High")]
    public void Level_BandsComeFromTheCatalog(double value, int level, string name)
    {
        var catalog = GovernanceOnly(
            """[{ "code": "T", "dimension": "governance", "unit": "percent", "scoring": { "method": "target", "target": 100 } }]""",
            """[{ "level": 1, "name": "Low", "below": 50 }, { "level": 2, "name": "Middle", "below": 75 }, { "level": 3, "name": "High" }]""");

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "T", "2024", value)], catalog);

        Assert.Equal((level, name), (score.Level, score.LevelName));
    }
}

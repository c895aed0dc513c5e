using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

/// <summary>The guards that keep a score a number, and the tie-breaks that keep it deterministic.</summary>
public class ScoringGuardTests
{
    private static readonly string R = LimaPuluhKota.Code;

    [Fact]
    public void ACatalogWhoseDimensionsAllWeighZero_ScoresZeroOverallAndCoverage_NotNaN()
    {
        // The catalog file refuses such weights; a catalog built in code can still have them.
        var zero = Enum.GetValues<Dimension>().ToDictionary(d => d, _ => 0.0);
        var catalog = new IndicatorCatalog("zero", CatalogFile.Default.Indicators, zero, CatalogFile.Default.Levels);

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "GOV-01", "2024", 80)], catalog);

        Assert.Equal(0.0, score.Overall);
        Assert.Equal(0.0, score.Coverage);
        Assert.Equal(20, score.Governance, 1e-9); // the dimension itself still scores
        Assert.Equal((1, "Rintisan"), (score.Level, score.LevelName));
    }

    [Fact]
    public void ACatalogWithoutDimensionWeights_WeighsEveryDimensionOne()
    {
        var catalog = new IndicatorCatalog("unweighted", CatalogFile.Default.Indicators, new Dictionary<Dimension, double>(), CatalogFile.Default.Levels);

        var score = ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(R, "GOV-01", "2024", 80)], catalog);

        Assert.Equal(20.0 / 6, score.Overall, 1e-9);
        Assert.Equal(0.25 / 6, score.Coverage, 1e-9);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSamePeriodTwiceAtTheSameSubmissionTime_KeepsTheLaterInTheSequence(bool reversed)
    {
        Observation[] observations = [Obs(R, "GOV-01", "2024Q1", 40), Obs(R, "GOV-01", "2024Q1", 70)];
        if (reversed)
        {
            Array.Reverse(observations);
        }

        var values = YearAggregation.Aggregate(2024, observations, CatalogFile.Default);

        Assert.Equal(observations[^1].Value, values["GOV-01"].Value);
        Assert.Equal(1, values["GOV-01"].ObservationCount);
    }

    [Fact]
    public void AnEarlierSubmissionLaterInTheSequence_DoesNotReplaceALaterOne()
    {
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-01", "2024Q1", 70, submittedMinutesLater: 5), Obs(R, "GOV-01", "2024Q1", 40, submittedMinutesLater: 0)],
            CatalogFile.Default);

        Assert.Equal(70, values["GOV-01"].Value);
    }

    [Fact]
    public void Mean_OfMonthsAndAQuarter_DividesByTheirCount()
    {
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-01", "2024-02", 10), Obs(R, "GOV-01", "2024-01", 20), Obs(R, "GOV-01", "2024Q2", 60)],
            CatalogFile.Default);

        Assert.Equal(30, values["GOV-01"].Value, 1e-12);
        Assert.Equal(["2024-01", "2024-02", "2024Q2"], values["GOV-01"].Periods.Select(p => p.ToString()));
    }

    [Fact]
    public void Max_OfNegativeValues_IsTheLeastNegative()
    {
        var catalog = GovernanceOnly("""
            [{ "code": "PEAK", "dimension": "governance", "unit": "count", "scoring": { "method": "target", "target": 10 }, "aggregation": "max" }]
            """);

        var values = YearAggregation.Aggregate(2024, [Obs(R, "PEAK", "2024Q1", -5), Obs(R, "PEAK", "2024Q2", -2)], catalog);

        Assert.Equal(-2, values["PEAK"].Value);
    }

    [Fact]
    public void Last_AmongMonthsOnly_IsTheLatestMonth_WhateverTheOrder()
    {
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-02", "2024-11", 4), Obs(R, "GOV-02", "2024-12", 5), Obs(R, "GOV-02", "2024-02", 1)],
            CatalogFile.Default);

        Assert.Equal((5.0, "2024-12"), (values["GOV-02"].Value, values["GOV-02"].PeriodsText));
    }

    [Fact]
    public void ObservationsOfSeveralRegencies_AreRejected_NamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            YearAggregation.Aggregate(2024, [Obs("13.07", "GOV-01", "2023", 40), Obs("13.71", "GOV-01", "2023", 40)], CatalogFile.Default));

        Assert.StartsWith("Observations of one regency are aggregated at a time, got 13.07 and 13.71.", error.Message, StringComparison.Ordinal);
        Assert.Equal("observations", error.ParamName);
    }

    [Fact]
    public void ScoreRegency_AnObservationOfAnotherRegency_IsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ScoreCalculator.ScoreRegency(LimaPuluhKota, 2024, [Obs(Padang.Code, "GOV-01", "2023", 40)], CatalogFile.Default));

        Assert.StartsWith("An observation of 13.71 was passed to score 13.07.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_RefusesAScoreWithoutANumber()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Ranking.Rank([Unranked("13.07", "13", 50), Unranked("13.71", "13", double.NaN)], new Dictionary<string, double>()));

        Assert.StartsWith("Regency 13.71 has no overall score.", error.Message, StringComparison.Ordinal);
        Assert.Equal("yearScores", error.ParamName);
    }

    [Fact]
    public void Rank_NamesTheYearsOrTheRegencyItRefuses()
    {
        var years = Assert.Throws<ArgumentException>(() => Ranking.Rank([Unranked("13.07", "13", 1, 2023), Unranked("13.71", "13", 2, 2024)], new Dictionary<string, double>()));
        var twice = Assert.Throws<ArgumentException>(() => Ranking.Rank([Unranked("13.07", "13", 1), Unranked("13.07", "13", 2)], new Dictionary<string, double>()));

        Assert.StartsWith("Ranking is per year, got 2023 and 2024.", years.Message, StringComparison.Ordinal);
        Assert.StartsWith("Regency 13.07 is listed twice for 2024.", twice.Message, StringComparison.Ordinal);
        Assert.Equal(("yearScores", "yearScores"), (years.ParamName, twice.ParamName));
    }

    [Fact]
    public void Rank_ProvinceRanksAreWithinTheProvinceEvenWhenCodesAreInterleaved()
    {
        var ranked = Ranking.Rank(
            [Unranked("32.01", "32", 10), Unranked("13.01", "13", 90), Unranked("32.02", "32", 95), Unranked("13.02", "13", 5)],
            new Dictionary<string, double>());

        Assert.Equal(
            [("32.02", 1, 1), ("13.01", 2, 1), ("32.01", 3, 2), ("13.02", 4, 2)],
            ranked.Select(s => (s.RegencyCode, s.NationalRank!.Value, s.ProvinceRank!.Value)));
    }

    [Fact]
    public void Rank_TiesAreListedByRegencyCode_InOrdinalOrder()
    {
        var ranked = Ranking.Rank([Unranked("13.b", "13", 50), Unranked("13.B", "13", 50), Unranked("13.a", "13", 50)], new Dictionary<string, double>());

        Assert.Equal(["13.B", "13.a", "13.b"], ranked.Select(s => s.RegencyCode));
    }
}

using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Scoring;

public class YearAggregationTests
{
    private const string R = "13.07";
    private static readonly IndicatorCatalog Catalog = CatalogFile.Default;

    [Fact]
    public void Mean_AveragesTheSubYearObservations()
    {
        // GOV-01 aggregates by mean: (60 + 70 + 80) / 3 = 70.
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-01", "2024Q3", 80), Obs(R, "GOV-01", "2024Q1", 60), Obs(R, "GOV-01", "2024Q2", 70)],
            Catalog);

        var value = values["GOV-01"];
        Assert.Equal(70, value.Value, 1e-12);
        Assert.Equal("2024Q1,2024Q2,2024Q3", value.PeriodsText);
        Assert.Equal(3, value.ObservationCount);
    }

    [Fact]
    public void Mean_TakesMonthsAndQuartersAsGiven()
    {
        // Overlapping granularities are not reconciled: every sub-year observation counts once, (70 + 90) / 2 = 80.
        var values = YearAggregation.Aggregate(2024, [Obs(R, "GOV-01", "2024-01", 70), Obs(R, "GOV-01", "2024Q1", 90)], Catalog);

        Assert.Equal(80, values["GOV-01"].Value, 1e-12);
        Assert.Equal("2024Q1,2024-01", values["GOV-01"].PeriodsText);
    }

    [Fact]
    public void Sum_AddsTheSubYearObservations()
    {
        // BRA-01 (visits) aggregates by sum: 100 + 200 + 300 = 600.
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "BRA-01", "2024-01", 100), Obs(R, "BRA-01", "2024-02", 200), Obs(R, "BRA-01", "2024-03", 300)],
            Catalog);

        Assert.Equal(600, values["BRA-01"].Value);
        Assert.Equal("2024-01,2024-02,2024-03", values["BRA-01"].PeriodsText);
    }

    [Fact]
    public void Max_TakesTheLargestSubYearObservation()
    {
        var catalog = GovernanceOnly("""
            [{ "code": "PEAK", "dimension": "governance", "unit": "count", "scoring": { "method": "target", "target": 10 }, "aggregation": "max" }]
            """);

        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "PEAK", "2024Q1", 5), Obs(R, "PEAK", "2024Q2", 9), Obs(R, "PEAK", "2024Q3", 7)],
            catalog);

        Assert.Equal(9, values["PEAK"].Value);
        Assert.Equal("2024Q1,2024Q2,2024Q3", values["PEAK"].PeriodsText);
    }

    [Fact]
    public void Last_TakesThePeriodThatEndsLatest()
    {
        // GOV-02 aggregates by last: 2024Q3 ends in September, after May and March.
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-02", "2024Q3", 4), Obs(R, "GOV-02", "2024-05", 3), Obs(R, "GOV-02", "2024-03", 2)],
            Catalog);

        Assert.Equal(4, values["GOV-02"].Value);
        Assert.Equal("2024Q3", values["GOV-02"].PeriodsText);
        Assert.Equal(3, values["GOV-02"].ObservationCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Last_PrefersTheMonthOverAQuarterEndingTheSameMonth(bool monthFirst)
    {
        Observation[] observations = [Obs(R, "GOV-02", "2024Q2", 4), Obs(R, "GOV-02", "2024-06", 3)];
        if (monthFirst)
        {
            Array.Reverse(observations);
        }

        var values = YearAggregation.Aggregate(2024, observations, Catalog);

        Assert.Equal(3, values["GOV-02"].Value);
        Assert.Equal("2024-06", values["GOV-02"].PeriodsText);
    }

    [Theory]
    [InlineData("GOV-01")] // mean
    [InlineData("BRA-01")] // sum
    [InlineData("GOV-02")] // last
    public void YearlyObservation_TakesPrecedenceOverSubYearOnes(string indicator)
    {
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, indicator, "2024Q1", 4), Obs(R, indicator, "2024", 2), Obs(R, indicator, "2024-12", 5)],
            Catalog);

        Assert.Equal(2, values[indicator].Value);
        Assert.Equal("2024", values[indicator].PeriodsText);
        Assert.Equal(3, values[indicator].ObservationCount);
    }

    [Fact]
    public void OtherYears_AreIgnored()
    {
        var values = YearAggregation.Aggregate(
            2024,
            [Obs(R, "GOV-01", "2023", 10), Obs(R, "GOV-01", "2024Q1", 60), Obs(R, "GOV-01", "2025-01", 99), Obs(R, "GOV-03", "2023Q4", 50)],
            Catalog);

        Assert.Equal(["GOV-01"], values.Keys);
        Assert.Equal(60, values["GOV-01"].Value);
        Assert.Equal(1, values["GOV-01"].ObservationCount);
    }

    [Fact]
    public void IndicatorsOutsideTheCatalog_AreIgnored_AndCodesAreMatchedLikeTheCatalog()
    {
        var values = YearAggregation.Aggregate(2024, [Obs(R, "XYZ-99", "2024", 42), Obs(R, "gov-01", "2024", 55)], Catalog);

        Assert.Equal(["GOV-01"], values.Keys);
        Assert.Equal("GOV-01", values["gov-01"].IndicatorCode);
        Assert.Equal(55, values["GOV-01"].Value);
    }

    [Fact]
    public void NoObservations_GiveNoValues()
    {
        Assert.Empty(YearAggregation.Aggregate(2024, [], Catalog));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheSamePeriodTwice_KeepsTheLaterSubmission(bool laterFirst)
    {
        Observation[] observations = [Obs(R, "GOV-01", "2024", 40, submittedMinutesLater: 0), Obs(R, "GOV-01", "2024", 70, submittedMinutesLater: 5)];
        if (laterFirst)
        {
            Array.Reverse(observations);
        }

        var values = YearAggregation.Aggregate(2024, observations, Catalog);

        Assert.Equal(70, values["GOV-01"].Value);
        Assert.Equal(1, values["GOV-01"].ObservationCount);
    }

    [Fact]
    public void ObservationsOfSeveralRegencies_AreRejected()
    {
        Assert.Throws<ArgumentException>(() =>
            YearAggregation.Aggregate(2024, [Obs("13.07", "GOV-01", "2024", 40), Obs("13.71", "GOV-01", "2024", 40)], Catalog));
    }
}

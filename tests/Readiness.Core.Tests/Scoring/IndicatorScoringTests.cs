using Readiness.Core.Catalog;
using Readiness.Core.Scoring;

namespace Readiness.Core.Tests.Scoring;

public class IndicatorScoringTests
{
    private const double Precision = 1e-12;

    [Theory]
    [InlineData(75, 0.75)]
    [InlineData(100, 1)]
    [InlineData(0, 0)]
    [InlineData(150, 1)] // above target: clamped to 1
    [InlineData(-5, 0)] // below zero: clamped to 0
    public void Target_HigherIsBetter_IsValueOverTarget(double value, double expected)
    {
        var rule = new ScoringRule(ScoringMethod.Target, Direction.HigherIsBetter, Target: 100);

        Assert.Equal(expected, IndicatorScoring.Score(rule, value), Precision);
    }

    [Theory]
    [InlineData(2, 1)] // at or below target: 1
    [InlineData(3, 1)]
    [InlineData(0, 1)] // no division by zero
    [InlineData(-1, 1)]
    [InlineData(4, 0.75)] // 3 / 4
    [InlineData(6, 0.5)] // 3 / 6
    [InlineData(300, 0.01)] // 3 / 300
    public void Target_LowerIsBetter_IsTargetOverValueAboveTheTarget(double value, double expected)
    {
        var rule = new ScoringRule(ScoringMethod.Target, Direction.LowerIsBetter, Target: 3);

        Assert.Equal(expected, IndicatorScoring.Score(rule, value), Precision);
    }

    [Theory]
    [InlineData(3.5, 0.5)] // (3.5 − 0) / (7 − 0)
    [InlineData(0, 0)]
    [InlineData(7, 1)]
    [InlineData(8.5, 1)] // clamped
    [InlineData(-2, 0)] // clamped
    public void Range_BestAboveWorst_IsLinearAndClamped(double value, double expected)
    {
        var rule = new ScoringRule(ScoringMethod.Range, Best: 7, Worst: 0);

        Assert.Equal(expected, IndicatorScoring.Score(rule, value), Precision);
    }

    [Theory]
    [InlineData(5, 0.7)] // (5 − 12) / (2 − 12) = −7 / −10
    [InlineData(12, 0)]
    [InlineData(2, 1)]
    [InlineData(1, 1)] // better than best: clamped
    [InlineData(13, 0)] // worse than worst: clamped
    public void Range_BestBelowWorst_ScoresLowValuesHigher(double value, double expected)
    {
        var rule = new ScoringRule(ScoringMethod.Range, Best: 2, Worst: 12);

        Assert.Equal(expected, IndicatorScoring.Score(rule, value), Precision);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0.5)]
    [InlineData(3.5, 0.625)] // 2.5 / 4
    [InlineData(5, 1)]
    [InlineData(0, 0)] // clamped
    [InlineData(6, 1)] // clamped
    public void Level_IsValueMinusOneOverFour(double value, double expected)
    {
        Assert.Equal(expected, IndicatorScoring.Score(new ScoringRule(ScoringMethod.Level), value), Precision);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(0.5, 1)]
    [InlineData(0.49, 0)]
    public void Boolean_IsOneForYes(double value, double expected)
    {
        Assert.Equal(expected, IndicatorScoring.Score(new ScoringRule(ScoringMethod.Boolean), value));
    }

    [Fact]
    public void Score_RejectsNaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IndicatorScoring.Score(new ScoringRule(ScoringMethod.Level), double.NaN));
    }

    [Theory]
    [InlineData(ScoringMethod.Target, null, null, null)]
    [InlineData(ScoringMethod.Target, 0.0, null, null)]
    [InlineData(ScoringMethod.Range, null, 5.0, 5.0)]
    [InlineData(ScoringMethod.Range, null, null, 1.0)]
    public void Score_RejectsARuleWithoutTheParametersOfItsMethod(ScoringMethod method, double? target, double? best, double? worst)
    {
        var rule = new ScoringRule(method, Direction.HigherIsBetter, target, best, worst);

        Assert.Throws<ArgumentException>(() => IndicatorScoring.Score(rule, 1));
    }
}

using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Quality;
using Readiness.Core.Scoring;
using static Readiness.Core.Tests.Scoring.ScoringTestData;

namespace Readiness.Core.Tests.Quality;

public class RuleEvaluatorTests
{
    private static readonly IndicatorCatalog Catalog = CatalogFile.Default;

    private static IReadOnlyDictionary<string, AggregatedValue> Year2024(params Observation[] observations) =>
        YearAggregation.Aggregate(2024, observations, Catalog);

    private static QualityFinding? Check(string rule, params Observation[] observations) =>
        RuleEvaluator.Violation("13.07", 2024, Year2024(observations), Catalog.Quality.Rules.Single(r => r.Code == rule));

    [Fact]
    public void DefaultCatalog_ShipsTheRules()
    {
        Assert.Equal(["SOC-01-VS-LIV-01", "LIV-02-VS-LIV-01", "ECO-03-PLAUSIBLE", "GOV-02-VS-GOV-03"], Catalog.Quality.Rules.Select(r => r.Code));
    }

    [Fact]
    public void SchoolsOnlineFarAbove4GCoverage_IsAViolationWithTheEvidence()
    {
        var finding = Check("SOC-01-VS-LIV-01", Obs("13.07", "SOC-01", "2024", 95), Obs("13.07", "LIV-01", "2024", 40));

        Assert.NotNull(finding);
        Assert.Equal((QualityCodes.RuleViolation, FindingBasis.Rule, "SOC-01-VS-LIV-01", "SOC-01,LIV-01"), (finding.Code, finding.Basis, finding.Subject, finding.Indicators));
        Assert.Equal((95.0, 40.0, RuleImportance.Low), (finding.Value, finding.Reference!.Value, finding.Importance!.Value));
        Assert.Contains("SOC-01 <= LIV-01 (tolerance 40) is 95 <= 40", finding.Message, StringComparison.Ordinal);
        Assert.Contains("SOC-01 <= LIV-01 (toleransi 40) bernilai 95 <= 40", finding.MessageIndonesian, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 40)] // within the tolerance of 40 points
    [InlineData(50, 90)]
    public void SchoolsOnlineWithinTolerance_Holds(double schools, double coverage)
    {
        Assert.Null(Check("SOC-01-VS-LIV-01", Obs("13.07", "SOC-01", "2024", schools), Obs("13.07", "LIV-01", "2024", coverage)));
    }

    [Fact]
    public void PuskesmasRecordsFarAbove4GCoverage_IsAViolation()
    {
        Assert.NotNull(Check("LIV-02-VS-LIV-01", Obs("13.07", "LIV-02", "2024", 100), Obs("13.07", "LIV-01", "2024", 30)));
        Assert.Null(Check("LIV-02-VS-LIV-01", Obs("13.07", "LIV-02", "2024", 60), Obs("13.07", "LIV-01", "2024", 30)));
    }

    [Fact]
    public void UnemploymentAbove40_IsAViolation_UsingTheYearlyMeanOfTheQuarters()
    {
        // Quarters 30, 50, 50, 50: mean 45 > 40, although the first quarter alone holds.
        var quarters = new[] { 30.0, 50, 50, 50 }.Select((v, i) => Obs("13.07", "ECO-03", $"2024Q{i + 1}", v)).ToArray();
        var finding = Check("ECO-03-PLAUSIBLE", quarters);
        Assert.Equal(45, finding!.Value);
        Assert.Null(Check("ECO-03-PLAUSIBLE", Obs("13.07", "ECO-03", "2024", 5.2)));
    }

    [Fact]
    public void HighSpbeIndexWithFewAgenciesNetworked_IsAViolation()
    {
        // 1 + 20 / 20 = 2, tolerance 1: an index of 4.5 is too high, 3 is not.
        Assert.NotNull(Check("GOV-02-VS-GOV-03", Obs("13.07", "GOV-02", "2024", 4.5), Obs("13.07", "GOV-03", "2024", 20)));
        Assert.Null(Check("GOV-02-VS-GOV-03", Obs("13.07", "GOV-02", "2024", 3), Obs("13.07", "GOV-03", "2024", 20)));
    }

    [Fact]
    public void SkipIfAnyMissing_SkipsWhenOneSideIsNotReported()
    {
        Assert.Null(Check("SOC-01-VS-LIV-01", Obs("13.07", "SOC-01", "2024", 95)));
    }

    private static ValidationRule Rule(MissingValueStrategy strategy, string left = "SOC-01 + LIV-01", string right = "10") => new(
        "test", "uji", "test",
        QualityExpression.Parse(left, c => Catalog.TryGet(c, out _)), RuleOperator.LessOrEqual,
        QualityExpression.Parse(right, c => Catalog.TryGet(c, out _)), strategy, RuleImportance.High);

    [Fact]
    public void SkipIfAllMissing_CountsTheMissingAsZeroAndSaysSo()
    {
        var values = Year2024(Obs("13.07", "SOC-01", "2024", 20));
        var finding = RuleEvaluator.Violation("13.07", 2024, values, Rule(MissingValueStrategy.SkipIfAllMissing));
        Assert.Equal(20, finding!.Value);
        Assert.Contains("LIV-01 has no value and counts as 0", finding.Message, StringComparison.Ordinal);
        Assert.Contains("LIV-01 belum berisi nilai dan dihitung 0", finding.MessageIndonesian, StringComparison.Ordinal);
        Assert.Null(RuleEvaluator.Violation("13.07", 2024, Year2024(Obs("13.07", "GOV-01", "2024", 20)), Rule(MissingValueStrategy.SkipIfAllMissing)));
    }

    [Fact]
    public void NeverSkip_EvaluatesEvenWithNothingReported()
    {
        var rule = Rule(MissingValueStrategy.NeverSkip, left: "10 + SOC-01", right: "5");
        Assert.Equal(10, RuleEvaluator.Violation("13.07", 2024, Year2024(), rule)!.Value);
        Assert.Null(RuleEvaluator.Violation("13.07", 2024, Year2024(), Rule(MissingValueStrategy.SkipIfAllMissing, left: "10 + SOC-01", right: "5")));
    }

    [Fact]
    public void BoundOfTheCatalog_IsNeverMissing_AndJudgesTheYearlyAggregate()
    {
        // Two percentages whose sum cannot pass one of them's declared maximum: max(SOC-01) is the catalog's 100.
        var rule = new ValidationRule(
            "test", "uji", "test",
            QualityExpression.Parse("SOC-01 + LIV-01", c => Catalog.TryGet(c, out _)), RuleOperator.LessOrEqual,
            QualityExpression.Parse("max(SOC-01)", c => Catalog.TryGet(c, out _), (c, f) => Catalog.TryGet(c, out var i) ? (f == "max" ? i.Max : i.Min) : null),
            MissingValueStrategy.SkipIfAnyMissing, RuleImportance.Low);
        var months = new[] { 50.0, 70 }.Select((v, m) => Obs("13.07", "SOC-01", $"2024-0{m + 1}", v)).Append(Obs("13.07", "LIV-01", "2024", 45)).ToArray();

        var finding = RuleEvaluator.Violation("13.07", 2024, Year2024(months), rule);
        Assert.Equal((105.0, 100.0), (finding!.Value, finding.Reference!.Value)); // the months' mean 60 + 45
        Assert.Null(RuleEvaluator.Violation("13.07", 2024, Year2024(Obs("13.07", "SOC-01", "2024", 50), Obs("13.07", "LIV-01", "2024", 45)), rule));
        // Only the indicators' values can be missing; the bound is not one.
        Assert.Null(RuleEvaluator.Violation("13.07", 2024, Year2024(Obs("13.07", "SOC-01", "2024", 150)), rule));
        Assert.Equal(["SOC-01", "LIV-01"], rule.Indicators);
    }

    [Theory]
    [InlineData(RuleOperator.Equal, 10, 10.4, true)]
    [InlineData(RuleOperator.Equal, 10, 10.6, false)]
    [InlineData(RuleOperator.NotEqual, 10, 10.4, false)]
    [InlineData(RuleOperator.Less, 10.4, 10, true)]
    [InlineData(RuleOperator.LessOrEqual, 10.5, 10, true)]
    [InlineData(RuleOperator.LessOrEqual, 10.6, 10, false)]
    [InlineData(RuleOperator.Greater, 9.6, 10, true)]
    [InlineData(RuleOperator.GreaterOrEqual, 9.4, 10, false)]
    public void Holds_AppliesTheTolerance(RuleOperator op, double left, double right, bool holds)
    {
        var rule = Rule(MissingValueStrategy.NeverSkip) with { Operator = op, Tolerance = 0.5 };
        Assert.Equal(holds, rule.Holds(left, right));
    }
}

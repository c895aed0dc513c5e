using Readiness.Core.Scoring;

namespace Readiness.Core.Quality;

/// <summary>Evaluates the catalog's validation rules over the yearly values of one regency-year (the values the
/// scores use, from <see cref="YearAggregation"/>).</summary>
public static class RuleEvaluator
{
    /// <summary>The violations of <paramref name="rules"/>; rules skipped by their missing-value strategy, or that
    /// divide by zero, yield nothing.</summary>
    public static IEnumerable<QualityFinding> Evaluate(
        string regencyCode,
        int year,
        IReadOnlyDictionary<string, AggregatedValue> values,
        IEnumerable<ValidationRule> rules)
    {
        foreach (var rule in rules)
        {
            if (Violation(regencyCode, year, values, rule) is { } finding)
            {
                yield return finding;
            }
        }
    }

    public static QualityFinding? Violation(
        string regencyCode,
        int year,
        IReadOnlyDictionary<string, AggregatedValue> values,
        ValidationRule rule)
    {
        var indicators = rule.Indicators;
        var missing = indicators.Count(code => !values.ContainsKey(code));
        var skip = rule.MissingValues switch
        {
            MissingValueStrategy.SkipIfAnyMissing => missing > 0,
            MissingValueStrategy.SkipIfAllMissing => indicators.Count > 0 && missing == indicators.Count,
            _ => false,
        };
        if (skip)
        {
            return null;
        }

        double? ValueOf(string code) => values.TryGetValue(code, out var value) ? value.Value : null;
        var asZero = rule.MissingValues != MissingValueStrategy.SkipIfAnyMissing;
        if (rule.Left.Evaluate(ValueOf, asZero) is not { } left || rule.Right.Evaluate(ValueOf, asZero) is not { } right
            || rule.Holds(left, right))
        {
            return null;
        }

        var message = QualityMessages.RuleViolation(rule, left, right, [.. indicators.Where(c => !values.ContainsKey(c))]);
        return new QualityFinding(
            QualityCodes.RuleViolation, FindingBasis.Rule, regencyCode, year, rule.Code, string.Join(',', indicators), left,
            message.English, message.Indonesian)
        {
            Importance = rule.Importance,
            Reference = right,
        };
    }
}

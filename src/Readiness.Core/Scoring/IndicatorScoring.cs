using Readiness.Core.Catalog;

namespace Readiness.Core.Scoring;

/// <summary>Step 2 of the methodology (docs/methodology.md): an indicator's yearly value becomes a score in [0, 1].</summary>
public static class IndicatorScoring
{
    /// <summary>Scores <paramref name="value"/> by <paramref name="rule"/>; the result is always clamped to [0, 1].</summary>
    /// <remarks>
    /// target, higher is better: v / target; target, lower is better: 1 when v ≤ target, else target / v (so v = 0
    /// never divides by zero); range: (v − worst) / (best − worst), best may lie below worst; level: (v − 1) / 4;
    /// boolean: 1 when v ≥ 0.5 (booleans are stored as 1 and 0), else 0.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    /// <exception cref="ArgumentException">The rule lacks a parameter its method needs (the catalog file rejects such rules).</exception>
    public static double Score(ScoringRule rule, double value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An indicator value must be a number.");
        }

        var raw = rule.Method switch
        {
            ScoringMethod.Target when rule.Direction == Direction.LowerIsBetter => LowerIsBetter(PositiveTarget(rule), value),
            ScoringMethod.Target => value / PositiveTarget(rule),
            ScoringMethod.Range => Range(rule, value),
            ScoringMethod.Level => (value - 1) / 4,
            ScoringMethod.Boolean => value >= 0.5 ? 1.0 : 0.0,
            _ => throw new ArgumentException($"Unknown scoring method {rule.Method}.", nameof(rule)),
        };
        return Math.Clamp(raw, 0.0, 1.0);
    }

    private static double LowerIsBetter(double target, double value) => value <= target ? 1.0 : target / value;

    private static double Range(ScoringRule rule, double value)
    {
        if (rule.Best is not { } best || rule.Worst is not { } worst || best == worst)
        {
            throw new ArgumentException("The range method needs different 'best' and 'worst' values.", nameof(rule));
        }

        return (value - worst) / (best - worst);
    }

    private static double PositiveTarget(ScoringRule rule) => rule.Target is { } target && target > 0
        ? target
        : throw new ArgumentException("The target method needs a positive 'target'.", nameof(rule));
}

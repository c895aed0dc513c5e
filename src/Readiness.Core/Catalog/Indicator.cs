namespace Readiness.Core.Catalog;

public enum IndicatorUnit
{
    Percent,
    Count,
    Ratio,
    Days,
    Minutes,
    Level,
    Boolean,
    Index,
}

/// <summary>How sub-year observations (quarters, months) of one indicator become the value of the year.</summary>
public enum Aggregation
{
    Mean,
    Last,
    Sum,
    Max,
}

public enum ScoringMethod
{
    /// <summary>Distance to a target: <c>v / target</c> (higher is better) or <c>target / v</c> (lower is better).</summary>
    Target,
    /// <summary>Linear between a worst and a best value (best may be below worst).</summary>
    Range,
    /// <summary>A 1–5 maturity scale: <c>(v − 1) / 4</c>.</summary>
    Level,
    /// <summary>Yes = 1, no = 0.</summary>
    Boolean,
}

public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>Parameters of an indicator's scoring method; only those the method needs are set.</summary>
public sealed record ScoringRule(
    ScoringMethod Method,
    Direction Direction = Direction.HigherIsBetter,
    double? Target = null,
    double? Best = null,
    double? Worst = null);

/// <summary>One indicator of the catalog.</summary>
/// <param name="Code">Canonical code, upper case (<c>GOV-01</c>).</param>
/// <param name="Name">Indonesian name, as regencies know it.</param>
/// <param name="Min">Smallest valid value, or null for no lower bound.</param>
/// <param name="Max">Largest valid value, or null for no upper bound.</param>
public sealed record Indicator(
    string Code,
    string Name,
    Dimension Dimension,
    IndicatorUnit Unit,
    double? Min,
    double? Max,
    ScoringRule Scoring,
    Aggregation Aggregation,
    double Weight)
{
    public bool IsBoolean => Unit == IndicatorUnit.Boolean;

    /// <summary>Whether <paramref name="value"/> lies inside the indicator's valid range (bounds included).</summary>
    public bool InRange(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    /// <summary>The valid range as people read it: <c>0–100</c>, <c>≥ 0</c>, <c>any value</c>.</summary>
    public string RangeText => (Min, Max) switch
    {
        ({ } min, { } max) => FormattableString.Invariant($"{min}–{max}"),
        ({ } min, null) => FormattableString.Invariant($"≥ {min}"),
        (null, { } max) => FormattableString.Invariant($"≤ {max}"),
        _ => "any value",
    };
}

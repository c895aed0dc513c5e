using Readiness.Core.Observations;

namespace Readiness.Core.Scoring;

/// <summary>The value of one indicator for one regency and year, with what it was computed from.</summary>
/// <param name="IndicatorCode">Canonical catalog code.</param>
/// <param name="Value">The yearly value: the yearly observation, or the aggregation of the sub-year ones.</param>
/// <param name="Periods">The periods whose values produced <paramref name="Value"/>, in period order: the year
/// alone when a yearly observation exists; the latest period for <c>last</c>; every sub-year period otherwise.</param>
/// <param name="ObservationCount">How many observations of this indicator the year holds, including those the
/// yearly value overrides or <c>last</c> passes over.</param>
public sealed record AggregatedValue(string IndicatorCode, double Value, IReadOnlyList<Period> Periods, int ObservationCount)
{
    /// <summary>The contributing periods as text, canonical and comma-separated: <c>2024Q1,2024Q2</c>.</summary>
    public string PeriodsText => string.Join(',', Periods);
}

using Readiness.Core.Catalog;

namespace Readiness.Core.Scoring;

/// <summary>One catalog indicator of a regency's yearly score: the inputs that explain its part of the score.</summary>
/// <param name="IndicatorCode">Canonical catalog code.</param>
/// <param name="IndicatorName">The catalog's name.</param>
/// <param name="Weight">The indicator's weight within its dimension.</param>
/// <param name="Value">The aggregated yearly value, or null when the regency did not report the indicator.</param>
/// <param name="Score">The indicator score in [0, 1], or null when not reported (it then counts as 0 in the
/// dimension score).</param>
/// <param name="Periods">The periods the value came from, canonical and comma-separated (<c>2024Q1,2024Q2</c>);
/// empty when not reported.</param>
/// <param name="ObservationCount">Observations of the indicator stored for the year, including those the yearly
/// value overrides.</param>
public sealed record IndicatorScore(
    string IndicatorCode,
    string IndicatorName,
    Dimension Dimension,
    double Weight,
    double? Value,
    double? Score,
    string Periods,
    int ObservationCount)
{
    public bool Reported => Value is not null;
}

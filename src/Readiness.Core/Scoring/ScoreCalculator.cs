using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.Core.Scoring;

/// <summary>Steps 1–5 of the methodology (docs/methodology.md) for one regency and year; ranking is
/// <see cref="Ranking"/>'s step because it needs every regency of the year.</summary>
public static class ScoreCalculator
{
    /// <summary>
    /// Scores <paramref name="regency"/> for <paramref name="year"/> from its observations (other years are ignored,
    /// so the regency's whole history may be passed). The result is unranked: ranks and trend are null.
    /// </summary>
    /// <remarks>
    /// D = 100 × Σ wᵢ·sᵢ / Σ wᵢ over the dimension's catalog indicators, an unreported indicator counting sᵢ = 0;
    /// coverage = Σ w reported / Σ w. A dimension whose Σ w is 0 (no indicators, or only weightless ones) scores 0
    /// with coverage 0, and still takes its weight in the overall score. Overall = Σ W_d·D_d / Σ W_d and coverage
    /// likewise; a dimension missing from the catalog's weights weighs 1, as in the catalog file.
    /// </remarks>
    /// <exception cref="ArgumentException">An observation belongs to another regency.</exception>
    public static RegencyScore ScoreRegency(Regency regency, int year, IEnumerable<Observation> observations, IndicatorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(regency);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(catalog);

        var values = YearAggregation.Aggregate(year, OfRegency(regency, observations), catalog);
        var indicators = new List<IndicatorScore>(catalog.Indicators.Count);
        foreach (var indicator in catalog.Indicators)
        {
            indicators.Add(values.TryGetValue(indicator.Code, out var value)
                ? new IndicatorScore(
                    indicator.Code,
                    indicator.Name,
                    indicator.Dimension,
                    indicator.Weight,
                    value.Value,
                    IndicatorScoring.Score(indicator.Scoring, value.Value),
                    value.PeriodsText,
                    value.ObservationCount)
                : new IndicatorScore(indicator.Code, indicator.Name, indicator.Dimension, indicator.Weight, null, null, "", 0));
        }

        var dimensionScores = new Dictionary<Dimension, double>();
        var dimensionCoverage = new Dictionary<Dimension, double>();
        double overallSum = 0, coverageSum = 0, dimensionWeightSum = 0;
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            double weightSum = 0, weightedScoreSum = 0, reportedWeightSum = 0;
            foreach (var indicator in indicators.Where(i => i.Dimension == dimension))
            {
                weightSum += indicator.Weight;
                if (indicator.Score is { } score)
                {
                    weightedScoreSum += indicator.Weight * score;
                    reportedWeightSum += indicator.Weight;
                }
            }

            var dimensionScore = weightSum > 0 ? 100 * weightedScoreSum / weightSum : 0;
            var coverage = weightSum > 0 ? reportedWeightSum / weightSum : 0;
            dimensionScores[dimension] = dimensionScore;
            dimensionCoverage[dimension] = coverage;

            var dimensionWeight = catalog.DimensionWeights.GetValueOrDefault(dimension, 1.0);
            overallSum += dimensionWeight * dimensionScore;
            coverageSum += dimensionWeight * coverage;
            dimensionWeightSum += dimensionWeight;
        }

        // The catalog file rejects all-zero dimension weights; a catalog built in code might not.
        var overall = dimensionWeightSum > 0 ? overallSum / dimensionWeightSum : 0;
        var overallCoverage = dimensionWeightSum > 0 ? coverageSum / dimensionWeightSum : 0;
        var level = catalog.LevelFor(overall);
        // The province of that year: Merauke ranks in Papua until 2022 and in Papua Selatan from 2023.
        var province = regency.ProvinceIn(year);
        return new RegencyScore(
            year,
            regency.Code,
            regency.Name,
            province.Code,
            province.Name,
            overall,
            dimensionScores.AsReadOnly(),
            dimensionCoverage.AsReadOnly(),
            overallCoverage,
            level.Level,
            level.Name,
            NationalRank: null,
            ProvinceRank: null,
            Trend: null,
            indicators.Count(i => i.Reported),
            catalog.Indicators.Count,
            catalog.Version,
            indicators,
            PeerGroups.Of(regency, catalog));
    }

    private static IEnumerable<Observation> OfRegency(Regency regency, IEnumerable<Observation> observations)
    {
        foreach (var observation in observations)
        {
            if (!string.Equals(observation.RegencyCode, regency.Code, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"An observation of {observation.RegencyCode} was passed to score {regency.Code}.", nameof(observations));
            }

            yield return observation;
        }
    }
}

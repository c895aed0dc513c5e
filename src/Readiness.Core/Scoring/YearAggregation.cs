using Readiness.Core.Catalog;
using Readiness.Core.Observations;

namespace Readiness.Core.Scoring;

/// <summary>Step 1 of the methodology (docs/methodology.md): the observations of one regency in one year become one
/// value per indicator.</summary>
public static class YearAggregation
{
    /// <summary>
    /// Aggregates the observations of one regency into the values of <paramref name="year"/>, keyed by canonical
    /// indicator code (case-insensitive). Indicators without an observation in the year are absent.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Observations of other years, and of indicators that are not in the catalog, are ignored, so a regency's
    /// whole history may be passed.</item>
    /// <item>A yearly observation (<c>2024</c>) takes precedence over the sub-year ones of the same indicator.</item>
    /// <item>Otherwise every sub-year observation (quarters and months alike) is aggregated with the indicator's
    /// aggregation: <c>mean</c>, <c>sum</c>, <c>max</c>, or <c>last</c> = the period that ends latest; a month and a
    /// quarter ending in the same month resolve to the month, the shorter and so more recent reading.</item>
    /// <item>Two observations of the same indicator and period (which storage cannot hold, its row key is
    /// period|indicator) resolve like an upsert: the later <see cref="Observation.SubmittedAt"/> wins, then the later
    /// one in the sequence.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentException">The observations belong to more than one regency.</exception>
    public static IReadOnlyDictionary<string, AggregatedValue> Aggregate(
        int year,
        IEnumerable<Observation> observations,
        IndicatorCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(catalog);

        var byIndicator = new Dictionary<string, Dictionary<Period, Observation>>(StringComparer.OrdinalIgnoreCase);
        string? regency = null;
        foreach (var observation in observations)
        {
            regency ??= observation.RegencyCode;
            if (!string.Equals(regency, observation.RegencyCode, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Observations of one regency are aggregated at a time, got {regency} and {observation.RegencyCode}.",
                    nameof(observations));
            }

            if (observation.Period.Year != year || !catalog.TryGet(observation.IndicatorCode, out var indicator))
            {
                continue;
            }

            if (!byIndicator.TryGetValue(indicator.Code, out var periods))
            {
                byIndicator[indicator.Code] = periods = [];
            }

            if (!periods.TryGetValue(observation.Period, out var earlier) || observation.SubmittedAt >= earlier.SubmittedAt)
            {
                periods[observation.Period] = observation;
            }
        }

        var values = new Dictionary<string, AggregatedValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in catalog.Indicators)
        {
            if (byIndicator.TryGetValue(indicator.Code, out var periods))
            {
                values[indicator.Code] = Aggregate(indicator, year, periods);
            }
        }

        return values;
    }

    private static AggregatedValue Aggregate(Indicator indicator, int year, Dictionary<Period, Observation> periods)
    {
        if (periods.TryGetValue(Period.OfYear(year), out var yearly))
        {
            return new AggregatedValue(indicator.Code, yearly.Value, [yearly.Period], periods.Count);
        }

        // Period order fixes the order of the floating-point additions, so a recomputation is bit-for-bit the same.
        var subYear = periods.Values.OrderBy(o => o.Period).ToList();
        if (indicator.Aggregation == Aggregation.Last)
        {
            var last = subYear
                .OrderByDescending(o => o.Period.EndMonth)
                .ThenBy(o => o.Period.Kind == PeriodKind.Month ? 0 : 1)
                .First();
            return new AggregatedValue(indicator.Code, last.Value, [last.Period], periods.Count);
        }

        var sum = 0.0;
        var max = double.NegativeInfinity;
        foreach (var observation in subYear)
        {
            sum += observation.Value;
            max = Math.Max(max, observation.Value);
        }

        var value = indicator.Aggregation switch
        {
            Aggregation.Mean => sum / subYear.Count,
            Aggregation.Sum => sum,
            Aggregation.Max => max,
            _ => throw new InvalidOperationException($"Unknown aggregation {indicator.Aggregation} of {indicator.Code}."),
        };
        return new AggregatedValue(indicator.Code, value, [.. subYear.Select(o => o.Period)], periods.Count);
    }
}

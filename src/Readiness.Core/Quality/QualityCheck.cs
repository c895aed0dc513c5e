using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Scoring;

namespace Readiness.Core.Quality;

/// <summary>A regency's yearly values, by year, as the scores compute them.</summary>
public sealed class RegencyYears(string regencyCode, IReadOnlyDictionary<int, IReadOnlyDictionary<string, AggregatedValue>> byYear)
{
    public string RegencyCode { get; } = regencyCode;

    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, AggregatedValue>> ByYear { get; } = byYear;

    /// <summary>Aggregates a regency's whole history with <see cref="YearAggregation"/>, year by year. The checks need
    /// only each value, so the contributing periods are dropped: a national import's checks hold 514 regencies'
    /// histories (and the peer snapshot keeps them for minutes), and the periods of monthly data were most of that
    /// memory (issue 11: a background import's peak).</summary>
    public static RegencyYears From(string regencyCode, IReadOnlyCollection<Observation> observations, IndicatorCatalog catalog)
    {
        var years = observations.Select(o => o.Period.Year).Distinct();
        return new RegencyYears(regencyCode, years.ToDictionary(y => y, y => WithoutPeriods(YearAggregation.Aggregate(y, observations, catalog))));
    }

    private static IReadOnlyDictionary<string, AggregatedValue> WithoutPeriods(IReadOnlyDictionary<string, AggregatedValue> values) =>
        values.ToDictionary(p => p.Key, p => p.Value with { Periods = [] }, StringComparer.OrdinalIgnoreCase);

    /// <summary>A regency known by one year's values only (a peer).</summary>
    public static RegencyYears OfOneYear(string regencyCode, int year, IReadOnlyDictionary<string, AggregatedValue> values) =>
        new(regencyCode, new Dictionary<int, IReadOnlyDictionary<string, AggregatedValue>> { [year] = values });

    public IReadOnlyDictionary<string, AggregatedValue> Of(int year) =>
        ByYear.TryGetValue(year, out var values) ? values : new Dictionary<string, AggregatedValue>();

    /// <summary>The indicator's values in years before <paramref name="year"/>, oldest first.</summary>
    public IReadOnlyList<YearValue> Before(int year, string indicatorCode) =>
    [
        .. ByYear.Where(p => p.Key < year && p.Value.ContainsKey(indicatorCode))
            .OrderBy(p => p.Key)
            .Select(p => new YearValue(p.Key, p.Value[indicatorCode].Value)),
    ];
}

/// <summary>
/// Every data-quality check of one year: the catalog's rules, the outliers against each regency's own history and
/// against the peers, and the thousands-separator suspicion. Pure; the service gathers the values.
/// </summary>
public static class QualityCheck
{
    /// <param name="regencies">Every regency that reported the indicators (the peers), each with its history.</param>
    /// <param name="targets">The regencies to report on (those an import touched); all when null.</param>
    public static IReadOnlyList<QualityFinding> Run(
        IndicatorCatalog catalog,
        int year,
        IReadOnlyCollection<RegencyYears> regencies,
        IReadOnlySet<string>? targets = null)
    {
        var quality = catalog.Quality;
        var fences = new Dictionary<string, PeerFences?>(StringComparer.OrdinalIgnoreCase);
        PeerFences? FencesOf(Indicator indicator)
        {
            if (!fences.TryGetValue(indicator.Code, out var found))
            {
                var values = regencies.Select(r => r.Of(year)).Where(v => v.ContainsKey(indicator.Code)).Select(v => v[indicator.Code].Value).ToList();
                fences[indicator.Code] = found = PeerFences.From(values, quality.ThresholdsFor(indicator.Code));
            }

            return found;
        }

        var findings = new List<QualityFinding>();
        foreach (var regency in regencies.Where(r => targets is null || targets.Contains(r.RegencyCode)))
        {
            var values = regency.Of(year);
            if (values.Count == 0)
            {
                continue;
            }

            findings.AddRange(RuleEvaluator.Evaluate(regency.RegencyCode, year, values, quality.Rules));
            foreach (var indicator in catalog.Indicators)
            {
                // Yes/no answers have no scale for a distance to mean anything.
                if (indicator.IsBoolean || !values.TryGetValue(indicator.Code, out var value))
                {
                    continue;
                }

                var thresholds = quality.ThresholdsFor(indicator.Code);
                if (OutlierDetector.AgainstHistory(regency.RegencyCode, indicator.Code, year, value.Value, regency.Before(year, indicator.Code), thresholds, IndicatorScale.Of(indicator)) is { } history)
                {
                    findings.Add(history);
                }

                if (OutlierDetector.AgainstPeers(regency.RegencyCode, indicator.Code, year, value.Value, FencesOf(indicator)) is { } peers)
                {
                    findings.Add(peers);
                }
            }
        }

        return findings;
    }
}

using MathNet.Numerics.Statistics;

namespace Readiness.Core.Quality;

/// <summary>One earlier yearly value of a regency's indicator.</summary>
public readonly record struct YearValue(int Year, double Value);

/// <summary>What an indicator's declared scale says about the spread its yearly values can have: the width of its
/// declared range (both bounds), and whether it counts things (whole numbers, whose chance spread grows with their
/// size).</summary>
public readonly record struct IndicatorScale(double? Range, bool IsCount)
{
    public static IndicatorScale Of(Readiness.Core.Catalog.Indicator indicator) => new(
        indicator is { Min: { } min, Max: { } max } && max > min ? max - min : null,
        indicator.Unit == Readiness.Core.Catalog.IndicatorUnit.Count);

    /// <summary>The least spread (in MAD units) the history is judged with: <see cref="OutlierThresholds.MinRangeSpread"/>
    /// of the declared range, and for a count the chance spread of a count around <paramref name="expected"/> (a Poisson
    /// count's standard deviation, the square root of its mean, at least 1).</summary>
    public double Floor(double expected, OutlierThresholds thresholds) => Math.Max(
        Range is { } range ? thresholds.MinRangeSpread * range : 0,
        IsCount ? 0.6745 * Math.Sqrt(Math.Max(Math.Abs(expected), 1)) : 0);
}

/// <summary>Tukey's fences of one indicator and year across the regencies that reported it.</summary>
public sealed record PeerFences(int Count, double Q1, double Q3, double Lower, double Upper)
{
    /// <summary>The fences, or null when fewer than <see cref="OutlierThresholds.MinPeers"/> regencies reported or
    /// the values have no spread (IQR 0: every other value would be "outside").</summary>
    public static PeerFences? From(IReadOnlyCollection<double> values, OutlierThresholds thresholds)
    {
        if (values.Count < thresholds.MinPeers)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var q1 = SortedArrayStatistics.Quantile(sorted, 0.25);
        var q3 = SortedArrayStatistics.Quantile(sorted, 0.75);
        var iqr = q3 - q1;
        return iqr <= 0 ? null : new PeerFences(sorted.Length, q1, q3, q1 - (thresholds.IqrFactor * iqr), q3 + (thresholds.IqrFactor * iqr));
    }

    public bool Outside(double value) => value < Lower || value > Upper;
}

/// <summary>Outliers of one value against the regency's own history and its peers, and the thousands-separator
/// suspicion against the previous value. Pure: the caller gathers the values.</summary>
public static class OutlierDetector
{
    /// <summary>The consistency constant of the modified z-score (Iglewicz and Hoaglin): 0.6745 = Φ⁻¹(0.75).</summary>
    private const double ZConstant = 0.6745;

    /// <summary>Earlier years from which the history's trend is followed.</summary>
    private const int TrendHistory = 5;

    /// <summary>The thousands suspicion, or else the history outlier, of <paramref name="value"/>;
    /// <paramref name="earlier"/> holds the regency's values of the indicator in years before <paramref name="year"/>.</summary>
    public static QualityFinding? AgainstHistory(
        string regencyCode,
        string indicatorCode,
        int year,
        double value,
        IReadOnlyList<YearValue> earlier,
        OutlierThresholds thresholds,
        IndicatorScale scale = default)
    {
        var before = earlier.Where(e => e.Year < year).OrderBy(e => e.Year).ToList();
        if (before.Count == 0)
        {
            return null;
        }

        var previous = before[^1];
        if (ThousandsFactor(value, previous.Value, thresholds) is { } factor)
        {
            var suggestion = factor > 1 ? value / 1000 : value * 1000;
            var message = QualityMessages.PossibleThousandsError(indicatorCode, year, value, previous, suggestion, factor > 1);
            return new QualityFinding(
                QualityCodes.PossibleThousandsError, FindingBasis.Previous, regencyCode, year, indicatorCode, indicatorCode, value,
                message.English, message.Indonesian)
            {
                Reference = previous.Value,
                PreviousYear = previous.Year,
                Statistic = factor,
            };
        }

        if (before.Count < thresholds.MinHistory)
        {
            return null;
        }

        var history = before.Select(e => e.Value).ToArray();
        var median = history.Median();
        var flat = history.All(v => v == history[0]);
        // With enough years, the history's robust trend (Theil–Sen: the median of the slopes between every two years),
        // so that a steady rise does not widen the MAD until a tenfold drop looks ordinary: each earlier value carried
        // forward to the year along the trend, then their median and MAD. Three or four years give too unsteady a slope
        // to carry forward; they are judged around their median.
        var slope = flat || before.Count < TrendHistory ? 0 : TheilSenSlope(before);
        var carried = before.Select(e => e.Value + (slope * (year - e.Year))).ToArray();
        var expected = carried.Median();
        var deviations = carried.Select(v => Math.Abs(v - expected)).ToArray();
        var mad = deviations.Median();
        // A handful of years can agree by chance on a MAD far below their real spread (of three values the MAD is the
        // smaller of two distances); their mean absolute deviation, scaled to the MAD's expectation (0.6745 / 0.7979
        // for normal noise), is steadier, so the spread used is the larger of the two.
        var steady = deviations.Average() * (ZConstant / 0.7979);
        // The indicator's scale sets a least spread too: a percentage's few points or a count's chance spread are ordinary
        // even where a few earlier years happened to agree (or a new service rose from 0), and with it a flat history
        // is judged like any other.
        var scaleFloor = scale.Floor(expected, thresholds);
        double? z = null;
        bool outlier;
        if ((!flat || scaleFloor > 0) && Math.Max(Math.Max(Math.Max(mad, steady), thresholds.MinRelativeMad * Math.Abs(median)), scaleFloor) is var spread && spread > 0)
        {
            z = ZConstant * (value - expected) / spread;
            outlier = (Math.Abs(z.Value) > thresholds.ModifiedZ && Material(value, expected, thresholds)) || Extreme(value, expected, scaleFloor / ZConstant, thresholds);
        }
        else
        {
            // A flat history: no spread to judge by, so a large relative change from it is what counts.
            outlier = median == 0 ? value != 0 && Math.Abs(value) > thresholds.RelativeChange
                : Math.Abs(value - median) / Math.Abs(median) > thresholds.RelativeChange;
        }

        if (!outlier)
        {
            return null;
        }

        // The value the history leads to: its median, or with a trend the median of the years carried along it.
        var reference = z is null ? median : expected;
        var text = QualityMessages.HistoryOutlier(indicatorCode, year, value, reference, slope, mad, z, before.Count, previous, thresholds);
        return new QualityFinding(
            QualityCodes.Outlier, FindingBasis.History, regencyCode, year, indicatorCode, indicatorCode, value, text.English, text.Indonesian)
        {
            Reference = reference,
            Mad = mad,
            PreviousYear = previous.Year,
            Statistic = z,
        };
    }

    /// <summary>Whether <paramref name="value"/> lies at least <see cref="OutlierThresholds.MinDeviation"/> away from
    /// <paramref name="expected"/>, relative to it (any change from 0 is).</summary>
    private static bool Material(double value, double expected, OutlierThresholds thresholds) =>
        expected == 0 ? value != 0 : Math.Abs(value - expected) / Math.Abs(expected) >= thresholds.MinDeviation;

    /// <summary>Whether <paramref name="value"/> is <see cref="OutlierThresholds.ExtremeRatio"/> times above or below
    /// <paramref name="expected"/>, with the same sign; not when the expected value itself lies within the scale's
    /// chance spread (<paramref name="noise"/>) of 0, where a ratio means nothing (8 % after 0.5 %).</summary>
    private static bool Extreme(double value, double expected, double noise, OutlierThresholds thresholds)
    {
        if (Math.Abs(expected) <= noise || value == 0 || Math.Sign(value) != Math.Sign(expected))
        {
            return false;
        }

        var ratio = value / expected;
        return ratio >= thresholds.ExtremeRatio || ratio <= 1 / thresholds.ExtremeRatio;
    }

    /// <summary>The median of the slopes between every two of <paramref name="values"/> (distinct years).</summary>
    private static double TheilSenSlope(IReadOnlyList<YearValue> values)
    {
        var slopes = new List<double>(values.Count * (values.Count - 1) / 2);
        for (var i = 0; i < values.Count; i++)
        {
            for (var j = i + 1; j < values.Count; j++)
            {
                if (values[j].Year != values[i].Year)
                {
                    slopes.Add((values[j].Value - values[i].Value) / (values[j].Year - values[i].Year));
                }
            }
        }

        return slopes.Count == 0 ? 0 : slopes.Median();
    }

    /// <summary>The peer outlier of <paramref name="value"/>, or null inside the fences or without them.</summary>
    public static QualityFinding? AgainstPeers(string regencyCode, string indicatorCode, int year, double value, PeerFences? fences)
    {
        if (fences is null || !fences.Outside(value))
        {
            return null;
        }

        var text = QualityMessages.PeerOutlier(indicatorCode, year, value, fences);
        return new QualityFinding(
            QualityCodes.Outlier, FindingBasis.Peers, regencyCode, year, indicatorCode, indicatorCode, value, text.English, text.Indonesian)
        {
            LowerFence = fences.Lower,
            UpperFence = fences.Upper,
        };
    }

    /// <summary>The ratio of <paramref name="value"/> to <paramref name="previous"/> when it is about 1000 or 1/1000.</summary>
    internal static double? ThousandsFactor(double value, double previous, OutlierThresholds thresholds)
    {
        if (previous == 0 || value == 0 || Math.Sign(value) != Math.Sign(previous))
        {
            return null;
        }

        var ratio = value / previous;
        var t = thresholds.ThousandsTolerance;
        return (ratio >= 1000 / t && ratio <= 1000 * t) || (ratio <= t / 1000 && ratio >= 1 / (1000 * t)) ? ratio : null;
    }
}

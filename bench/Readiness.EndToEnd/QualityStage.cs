using System.Diagnostics;
using System.Globalization;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Quality;

namespace Readiness.EndToEnd;

/// <summary>
/// Honesty of the data-quality checks (issue 15): on a synthetic national dataset with trends and noise (514
/// regencies × 10 years, every indicator of the default catalog), how many clean values the checks flag, and whether
/// every injected error (×1000, ÷1000, a part above its whole, a sign flip, a decimal shifted by one) is flagged.
/// </summary>
public static class QualityStage
{
    private const string Stage = "quality";
    internal const int FirstYear = BenchDataSet.Year - 9;
    private const int InjectionsPerKind = 40;

    public static void Run(BenchReport report)
    {
        var catalog = BenchDataSet.Catalog;
        var regencies = BenchDataSet.Registry.Regencies.Select(r => r.Code).ToList();
        var clean = regencies.ToDictionary(r => r, r => Generate(r, catalog), StringComparer.Ordinal);

        // False positives: every clean value of the years that have 3 earlier ones, checked as an upload would.
        long judged = 0, flagged = 0;
        var byBasis = new Dictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var all = clean.Select(p => RegencyYears.From(p.Key, p.Value, catalog)).ToList();
        for (var year = FirstYear + 3; year <= BenchDataSet.Year; year++)
        {
            judged += all.Sum(r => r.Of(year).Count);
            var found = QualityCheck.Run(catalog, year, all);
            flagged += found.Select(f => (f.RegencyCode, f.Year, f.Indicators)).Distinct().Count();
            foreach (var f in found)
            {
                var key = $"{f.Code} {f.Basis.ToString().ToLowerInvariant()} {f.Subject}";
                byBasis[key] = byBasis.GetValueOrDefault(key) + 1;
            }
        }

        var national = watch.Elapsed;
        report.Note("Quality", $"Clean findings by kind: {string.Join("; ", byBasis.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"))}.");
        var rate = (double)flagged / judged;
        report.Add(new ResultRow(Stage, $"clean values flagged {F(rate * 100, "0.00")} % ({flagged:N0} of {judged:N0} regency-year values; a rule finding counts once for its indicators)", rate,
            "1 % of the clean values", 0.01, TargetKind.AtMost, 1.0));

        // Detection: each kind injected into 40 regencies' last year, then the year is checked.
        var random = new Random(15);
        var injected = new List<(string Kind, string Regency, string Indicator)>();
        var dirty = clean.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        var order = regencies.OrderBy(_ => random.Next()).ToList();
        var next = 0;
        void Inject(string kind, string indicator, Func<double, double> change, string? subject = null)
        {
            for (var n = 0; n < InjectionsPerKind; n++)
            {
                var regency = order[next++ % order.Count];
                var rows = dirty[regency];
                var at = rows.FindIndex(o => o.IndicatorCode == indicator && o.Period.Year == BenchDataSet.Year);
                rows[at] = rows[at] with { Value = change(rows[at].Value) };
                injected.Add((kind, regency, subject ?? indicator));
            }
        }

        Inject("×1000", "BRA-03", v => v * 1000);
        Inject("÷1000", "ENV-04", v => v / 1000);
        Inject("part above whole", "SOC-01", _ => 100, subject: "SOC-01-VS-LIV-01");
        Inject("sign flip", "ECO-04", v => -v);
        Inject("decimal shifted ×10", "GOV-04", v => v * 10);
        Inject("decimal shifted ÷10", "LIV-03", v => v / 10);

        var dirtyYears = dirty.Select(p => RegencyYears.From(p.Key, p.Value, catalog)).ToList();
        var targets = injected.Select(i => i.Regency).ToHashSet(StringComparer.Ordinal);
        watch.Restart();
        var findings = QualityCheck.Run(catalog, BenchDataSet.Year, dirtyYears, targets);
        var detected = injected.Count(i => findings.Any(f => f.RegencyCode == i.Regency && (f.Subject == i.Indicator)));
        report.Add(new ResultRow(Stage, $"injected errors flagged {detected} of {injected.Count}", detected, $"{injected.Count} injected", injected.Count, TargetKind.AtLeast, 1.0));
        foreach (var kind in injected.GroupBy(i => i.Kind))
        {
            var hit = kind.Count(i => findings.Any(f => f.RegencyCode == i.Regency && f.Subject == i.Indicator));
            report.Note("Quality", $"{kind.Key} ({kind.First().Indicator}): {hit} of {kind.Count()} flagged, codes {string.Join(", ", findings.Where(f => kind.Any(i => i.Regency == f.RegencyCode && i.Indicator == f.Subject)).Select(f => f.Code).Distinct())}.");
        }

        report.Note("Quality", string.Create(CultureInfo.InvariantCulture,
            $"Synthetic data: {regencies.Count} regencies × {catalog.Indicators.Count} indicators × 10 yearly values ({FirstYear}–{BenchDataSet.Year}), a level per regency, a linear trend and Gaussian noise of 4 % of the level (0.5 points for growth), kept inside the valid ranges and the default rules; pure checks of 7 years took {national.TotalSeconds:0.0} s, the injected year {watch.Elapsed.TotalMilliseconds:0} ms."));
    }

    /// <summary>A regency's clean yearly values: a level, a trend and noise, consistent with the default rules.</summary>
    internal static List<Observation> Generate(string regency, IndicatorCatalog catalog)
    {
        var random = new Random(regency.Aggregate(17, (hash, c) => unchecked((hash * 31) + c)));
        var rows = new List<Observation>();
        var levels = new Dictionary<string, double>();
        foreach (var indicator in catalog.Indicators)
        {
            var (lo, hi) = Span(indicator);
            levels[indicator.Code] = lo + ((hi - lo) * (0.2 + (0.6 * random.NextDouble())));
        }

        var trend = catalog.Indicators.ToDictionary(i => i.Code, i => (Span(i).Hi - Span(i).Lo) * (random.NextDouble() - 0.3) * 0.02);
        for (var year = FirstYear; year <= BenchDataSet.Year; year++)
        {
            var t = year - FirstYear;
            var values = new Dictionary<string, double>();
            foreach (var indicator in catalog.Indicators)
            {
                var level = levels[indicator.Code] + (trend[indicator.Code] * t);
                var sigma = indicator.Code == "ECO-04" ? 0.5 : 0.04 * Math.Abs(level);
                var value = indicator.IsBoolean ? (random.NextDouble() < 0.8 ? 1 : 0) : level + (sigma * Gaussian(random));
                values[indicator.Code] = Math.Clamp(value, indicator.Min ?? 0, indicator.Max ?? double.MaxValue);
            }

            // The default rules' relations, as real data keeps them.
            values["ECO-03"] = Math.Clamp(values["ECO-03"], 1, 15);
            values["SOC-01"] = Math.Min(values["SOC-01"], values["LIV-01"] + 20);
            values["LIV-02"] = Math.Min(values["LIV-02"], values["LIV-01"] + 20);
            values["LIV-01"] = Math.Min(values["LIV-01"], 55);
            values["SOC-01"] = Math.Min(values["SOC-01"], values["LIV-01"] + 20);
            values["LIV-02"] = Math.Min(values["LIV-02"], values["LIV-01"] + 20);
            values["GOV-02"] = Math.Clamp(Math.Min(values["GOV-02"], 1.5 + (values["GOV-03"] / 20)), 1, 5);
            foreach (var (code, value) in values)
            {
                rows.Add(new Observation(regency, code, Period.OfYear(year), Math.Round(value, 3), null, null, "bench", DateTimeOffset.UnixEpoch));
            }
        }

        return rows;
    }

    private static (double Lo, double Hi) Span(Indicator indicator) => indicator.Code switch
    {
        "ECO-04" => (3, 7),
        _ => (indicator.Min ?? 0, indicator.Max ?? (indicator.Unit == IndicatorUnit.Count ? 5000 : 200)),
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

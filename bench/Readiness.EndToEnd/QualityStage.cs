using System.Diagnostics;
using System.Globalization;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Quality;

namespace Readiness.EndToEnd;

/// <summary>
/// Honesty of the data-quality checks (issue 15): on the benchmark's realistic national history
/// (<see cref="BenchDataSet.YearlyHistory"/>: 514 regencies, up to 10 years, a development level per regency, trends and
/// noise, nothing fitted to the rules), how many clean values the checks flag, and whether every injected error
/// (×1000, ÷1000, a part above its whole, a sign flip, a decimal shifted by one) is flagged, by the checks or, when the
/// wrong value leaves the indicator's valid range, by the upload's own range check.
/// </summary>
public static class QualityStage
{
    private const string Stage = "quality";
    internal const int FirstYear = BenchDataSet.HistoryFirstYear;

    // Per kind and indicator: two into a year with 3 earlier years, two with 4, two with the full history.
    private const int PerIndicator = 6;

    private sealed record Injection(string Kind, string Regency, int Year, string Indicator, int EarlierYears, double Before, double After, bool OutOfRange);

    public static void Run(BenchReport report)
    {
        var catalog = BenchDataSet.Catalog;
        var regencies = BenchDataSet.Registry.Regencies.Select(r => r.Code).ToList();
        var clean = regencies.ToDictionary(r => r, r => BenchDataSet.YearlyHistory(r, catalog), StringComparer.Ordinal);

        // False positives: every clean value of the years that have 3 earlier ones, checked as an upload would.
        long judged = 0, flagged = 0;
        var byKind = new Dictionary<string, int>(StringComparer.Ordinal);
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
                byKind[key] = byKind.GetValueOrDefault(key) + 1;
            }
        }

        var national = watch.Elapsed;
        report.Note("Quality", $"Clean findings by kind: {(byKind.Count == 0 ? "none" : string.Join("; ", byKind.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}")))}.");
        var rate = (double)flagged / judged;
        report.Add(new ResultRow(Stage, $"clean values flagged {F(rate * 100, "0.00")} % ({flagged:N0} of {judged:N0} regency-year values; a rule finding counts once for its indicators)", rate,
            "1 % of the clean values", 0.01, TargetKind.AtMost, 1.0));

        var injections = Plan(catalog, clean);
        var dirty = clean.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        foreach (var injection in injections.Where(i => !i.OutOfRange))
        {
            // A value outside the valid range never reaches storage (the upload's out-of-range error); the rest are stored.
            var rows = dirty[injection.Regency];
            var at = rows.FindIndex(o => o.IndicatorCode == injection.Indicator && o.Period.Year == injection.Year);
            rows[at] = rows[at] with { Value = injection.After };
        }

        var dirtyYears = dirty.Select(p => RegencyYears.From(p.Key, p.Value, catalog)).ToList();
        watch.Restart();
        var findings = new List<QualityFinding>();
        foreach (var year in injections.Where(i => !i.OutOfRange).Select(i => i.Year).Distinct())
        {
            findings.AddRange(QualityCheck.Run(catalog, year, dirtyYears, injections.Where(i => i.Year == year).Select(i => i.Regency).ToHashSet(StringComparer.Ordinal)));
        }

        var checkTime = watch.Elapsed;
        // A finding points the value out when it is about the indicator (outliers) or names it (a rule over it).
        List<QualityFinding> On(Injection i) =>
            [.. findings.Where(f => f.RegencyCode == i.Regency && f.Year == i.Year && (f.Subject == i.Indicator || f.IndicatorCodes.Contains(i.Indicator)))];
        var detected = injections.Count(i => i.OutOfRange || On(i).Count > 0);
        report.Add(new ResultRow(Stage, $"injected errors flagged {detected} of {injections.Count} ({injections.Count(i => !i.OutOfRange && On(i).Count > 0)} by the checks, {injections.Count(i => i.OutOfRange)} out of the valid range and so rejected by the upload's range check)",
            detected, $"{injections.Count} injected", injections.Count, TargetKind.AtLeast, 1.0));
        foreach (var kind in injections.GroupBy(i => i.Kind))
        {
            var byChecks = kind.Where(i => !i.OutOfRange && On(i).Count > 0).ToList();
            var missed = kind.Where(i => !i.OutOfRange && On(i).Count == 0).ToList();
            var shortHistory = kind.Where(i => i.EarlierYears <= 4).ToList();
            report.Note("Quality", FormattableString.Invariant(
                $"{kind.Key} ({string.Join(", ", kind.Select(i => i.Indicator).Distinct())}): {kind.Count() - missed.Count} of {kind.Count()} flagged — {byChecks.Count} by the checks (codes {Codes(byChecks.SelectMany(On))}), {kind.Count(i => i.OutOfRange)} rejected as out of range; ")
                + FormattableString.Invariant($"{shortHistory.Count} of them into years with 3–4 earlier years, {shortHistory.Count(i => i.OutOfRange || On(i).Count > 0)} flagged")
                + (missed.Count == 0 ? "." : FormattableString.Invariant($"; missed: {string.Join(", ", missed.Select(i => FormattableString.Invariant($"{i.Indicator} {i.Regency} {i.Year} {i.Before:0.##} → {i.After:0.####}")))}.")));
        }

        report.Note("Quality", FormattableString.Invariant(
            $"Data: `BenchDataSet.YearlyHistory`, {regencies.Count} regencies × {catalog.Indicators.Count} indicators, yearly values {FirstYear}–{BenchDataSet.Year} ({clean.Values.Count(v => v.Min(o => o.Period.Year) > FirstYear)} regencies start reporting in 2019–2021): a development level per regency shared by its indicators, an offset per indicator, a trend and year-to-year noise, counts and ratios log-normal; values kept inside the valid ranges only, nothing fitted to the rules. ")
            + FormattableString.Invariant($"Errors: each kind into several indicators, {PerIndicator} regency-years each (2 with 3 earlier years, 2 with 4, 2 with the full history), one error per regency. Pure checks of {BenchDataSet.Year - FirstYear - 2} clean years took {national.TotalSeconds:0.0} s, the injected years {checkTime.TotalMilliseconds:0} ms."));
    }

    /// <summary>The errors to inject: each kind into several indicators, each into <see cref="PerIndicator"/>
    /// regency-years of distinct regencies, half of them with only 3–4 earlier years.</summary>
    private static List<Injection> Plan(IndicatorCatalog catalog, Dictionary<string, List<Observation>> clean)
    {
        var random = new Random(15);
        var starts = clean.ToDictionary(p => p.Key, p => p.Value.Min(o => o.Period.Year), StringComparer.Ordinal);
        var order = clean.Keys.OrderBy(_ => random.Next()).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        double ValueOf(string regency, int year, string code) => clean[regency].First(o => o.Period.Year == year && o.IndicatorCode == code).Value;
        var injections = new List<Injection>();

        void Inject(string kind, string code, Func<string, int, double, double?> change)
        {
            catalog.TryGet(code, out var indicator);
            ArgumentNullException.ThrowIfNull(indicator);
            for (var n = 0; n < PerIndicator; n++)
            {
                // 3, 3, 4, 4 earlier years, then the full history of a regency reporting since the first year.
                int? earlier = n < 4 ? 3 + (n / 2) : null;
                foreach (var regency in order)
                {
                    var year = earlier is { } e ? starts[regency] + e : BenchDataSet.Year;
                    if (used.Contains(regency) || year > BenchDataSet.Year || (earlier is null && starts[regency] != FirstYear))
                    {
                        continue;
                    }

                    var before = ValueOf(regency, year, code);
                    if (change(regency, year, before) is not { } after || after == before)
                    {
                        continue;
                    }

                    used.Add(regency);
                    injections.Add(new Injection(kind, regency, year, code, year - starts[regency], before, after, !indicator.InRange(after)));
                    break;
                }
            }
        }

        foreach (var code in new[] { "BRA-03", "ENV-04", "SOC-04", "LIV-03", "GOV-01" })
        {
            Inject("×1000", code, (_, _, v) => v * 1000);
        }

        foreach (var code in new[] { "BRA-01", "BRA-03", "GOV-04", "SOC-01", "LIV-04" })
        {
            Inject("÷1000", code, (_, _, v) => v / 1000);
        }

        foreach (var code in new[] { "ECO-04", "ENV-02", "BRA-03" })
        {
            Inject("sign flip", code, (_, _, v) => -v);
        }

        foreach (var code in new[] { "GOV-04", "LIV-03", "BRA-03", "ENV-03", "ECO-03" })
        {
            Inject("decimal shifted ×10", code, (_, _, v) => v * 10);
        }

        foreach (var code in new[] { "LIV-01", "SOC-03", "ECO-02", "ENV-01", "ENV-04" })
        {
            Inject("decimal shifted ÷10", code, (_, _, v) => v / 10);
        }

        // A part typed above its whole: the left side of a default rule pushed past the right side and the tolerance,
        // where the valid range leaves room for it.
        foreach (var rule in catalog.Quality.Rules.Where(r => r.Operator is RuleOperator.LessOrEqual or RuleOperator.Less && r.Left is QualityExpression.IndicatorValue))
        {
            var code = ((QualityExpression.IndicatorValue)rule.Left).Code;
            catalog.TryGet(code, out var indicator);
            var step = indicator!.Max is { } max && indicator.Min is { } min ? (max - min) / 20 : 5;
            Inject("part above whole", code, (regency, year, _) =>
            {
                var right = rule.Right.Evaluate(c => ValueOf(regency, year, c), missingAsZero: false);
                var after = right + rule.Tolerance + step;
                return after is { } a && indicator.InRange(a) ? Math.Round(a, 2) : null;
            });
        }

        return injections;
    }

    private static string Codes(IEnumerable<QualityFinding> findings) =>
        string.Join(", ", findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)) is { Length: > 0 } codes ? codes : "none";

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

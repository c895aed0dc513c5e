using System.Globalization;
using Readiness.Core.Catalog;
using Readiness.Core.Quality;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Output;

/// <summary>The terminal forms of the scores: the ranked table of a year and the indicator-level explanation. Names
/// from the registry and the catalog are printed through <see cref="TerminalText.Safe"/> (the tables do it per cell).</summary>
internal static class ScorePrinter
{
    /// <summary>Short headers of the six dimensions, in <see cref="Dimension"/> order.</summary>
    public static readonly string[] DimensionHeaders = ["Gov", "Bra", "Eco", "Liv", "Soc", "Env"];

    /// <summary>
    /// One line per regency, best first: national rank, code, name, province, overall (1 decimal), level, the six
    /// dimension scores, coverage, the trend against the previous year and the status (final when approved, else provisional).
    /// </summary>
    public static void PrintRanking(TextWriter output, IReadOnlyList<RegencyScore> ranked, string indent = "  ")
    {
        var table = new TextTable(
        [
            TextColumn.Number("#"), new("code"), new("regency"), new("province"), TextColumn.Number("overall"), new("level"),
            .. DimensionHeaders.Select(TextColumn.Number), TextColumn.Number("coverage"), TextColumn.Number("trend"), new("status"),
        ]);
        foreach (var s in ranked)
        {
            table.Add(
            [
                s.NationalRank is { } rank ? Invariant($"{rank}") : "–", s.RegencyCode, s.RegencyName, s.ProvinceName, OneDecimal(s.Overall),
                Invariant($"{s.Level} {s.LevelName}"), .. Enum.GetValues<Dimension>().Select(d => OneDecimal(s.DimensionScores.GetValueOrDefault(d))),
                Percent(s.Coverage), Trend(s.Trend), s.Status.Name(),
            ]);
        }

        table.Write(output, indent);
    }

    /// <summary>
    /// The headline numbers, then per dimension its score, coverage and weight with each indicator's value, score,
    /// weight and periods, then the indicators the regency did not report (each counted as 0).
    /// </summary>
    public static void PrintExplanation(TextWriter output, RegencyScore score, IReadOnlyDictionary<Dimension, double>? dimensionWeights, IReadOnlyList<QualityFinding>? flags = null)
    {
        flags ??= [];
        output.WriteLine(Invariant($"{TerminalText.Safe(score.RegencyName)} ({TerminalText.Safe(score.RegencyCode)}), {TerminalText.Safe(score.ProvinceName)}: readiness {score.Year}"));
        output.WriteLine(Invariant(
            $"  overall {OneDecimal(score.Overall)} · level {score.Level} {score.LevelName} · national rank {Rank(score.NationalRank)} · province rank {Rank(score.ProvinceRank)} · trend {Trend(score.Trend)}"));
        output.WriteLine(Invariant(
            $"  coverage {Percent(score.Coverage)} ({score.IndicatorsReported} of {score.IndicatorsTotal} indicators reported) · catalog {TerminalText.Safe(score.CatalogVersion)}"));
        output.WriteLine(score.IsFinal
            ? "  status final: the regency-year is approved, its data will not change"
            : "  status provisional: the regency-year is not approved yet, its data may still change");

        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            var weight = dimensionWeights is not null && dimensionWeights.TryGetValue(dimension, out var w) ? Invariant($", dimension weight {Number(w)}") : "";
            output.WriteLine();
            output.WriteLine(Invariant(
                $"{dimension}: {OneDecimal(score.DimensionScores.GetValueOrDefault(dimension))} (coverage {Percent(score.DimensionCoverage.GetValueOrDefault(dimension))}{weight})"));
            var table = new TextTable(new("code"), new("indicator"), TextColumn.Number("value"), TextColumn.Number("score"), TextColumn.Number("weight"), new("periods"));
            foreach (var indicator in score.Indicators.Where(i => i.Dimension == dimension))
            {
                table.Add(
                    indicator.IndicatorCode,
                    QualityFinding.CodesOn(flags, indicator.IndicatorCode).Count > 0 ? indicator.IndicatorName + " [!]" : indicator.IndicatorName,
                    indicator.Value is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture) : "–",
                    indicator.Score is { } s ? s.ToString("0.000", CultureInfo.InvariantCulture) : "–",
                    Number(indicator.Weight),
                    indicator.Reported ? Periods(indicator.Periods) : "not reported (scores 0)");
            }

            table.Write(output);
        }

        var missing = score.Indicators.Where(i => !i.Reported).ToList();
        output.WriteLine();
        output.WriteLine(missing.Count == 0
            ? "Missing indicators: none, every catalog indicator was reported."
            : Invariant($"Missing indicators ({missing.Count}, each scored 0): {TerminalText.Safe(string.Join(", ", missing.Select(i => i.IndicatorCode)))}."));
        if (flags.Count > 0)
        {
            output.WriteLine(Invariant($"Open data-quality flags ({flags.Count}, marked [!]; 'readiness quality --year {score.Year} --regency {score.RegencyCode}'):"));
            foreach (var flag in flags)
            {
                output.WriteLine(Invariant($"  [!] {TerminalText.Safe(flag.Indicators)} {flag.Code}: {TerminalText.Safe(flag.MessageIndonesian)} / {TerminalText.Safe(flag.Message)}"));
            }
        }
    }

    public static string OneDecimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Trend(double? trend) => trend is { } t ? t.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–";

    private static string Rank(int? rank) => rank is { } r ? r.ToString(CultureInfo.InvariantCulture) : "–";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The periods a value came from: all of them when few, else the first and last and how many.</summary>
    private static string Periods(string periods)
    {
        var list = periods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return list.Length <= 4 ? string.Join(", ", list) : Invariant($"{list[0]} … {list[^1]} ({list.Length} periods)");
    }
}

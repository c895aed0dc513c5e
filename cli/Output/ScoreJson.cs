using Readiness.Core.Catalog;
using Readiness.Core.Scoring;

namespace Readiness.Cli.Output;

/// <summary>
/// The JSON forms of the score read side, the same shapes as <c>GET /api/scores</c> rows and
/// <c>GET /api/regencies/{code}/scores/{year}/explain</c> return: flat rows with the <see cref="ScoreCsv.Columns"/>,
/// and the indicator-level explanation with its missing indicators.
/// </summary>
internal sealed record ScoreRow(
    int Year,
    string RegencyCode,
    string RegencyName,
    string ProvinceCode,
    string ProvinceName,
    double Overall,
    double Governance,
    double Branding,
    double Economy,
    double Living,
    double Society,
    double Environment,
    double Coverage,
    int Level,
    string LevelName,
    int? NationalRank,
    int? ProvinceRank,
    double? Trend,
    int IndicatorsReported,
    int IndicatorsTotal,
    string CatalogVersion)
{
    public static ScoreRow From(RegencyScore s) => new(
        s.Year, s.RegencyCode, s.RegencyName, s.ProvinceCode, s.ProvinceName, s.Overall, s.Governance, s.Branding, s.Economy,
        s.Living, s.Society, s.Environment, s.Coverage, s.Level, s.LevelName, s.NationalRank, s.ProvinceRank, s.Trend,
        s.IndicatorsReported, s.IndicatorsTotal, s.CatalogVersion);
}

internal sealed record RegencyInfo(string Code, string Name, string ProvinceCode, string ProvinceName);

/// <summary>One dimension: 0–100, the share of its indicator weight reported (0–1), and its weight in the overall
/// score when the score was computed with the current catalog.</summary>
internal sealed record DimensionBreakdown(string Dimension, double Score, double Coverage, double? Weight)
{
    public static IReadOnlyList<DimensionBreakdown> Of(RegencyScore score, IReadOnlyDictionary<Dimension, double>? weights) =>
    [
        .. Enum.GetValues<Dimension>().Select(d => new DimensionBreakdown(
            Name(d),
            score.DimensionScores.GetValueOrDefault(d),
            score.DimensionCoverage.GetValueOrDefault(d),
            weights is not null && weights.TryGetValue(d, out var weight) ? weight : null)),
    ];

    /// <summary>Lower case, as the catalog file writes dimensions.</summary>
    public static string Name(Dimension dimension) => dimension.ToString().ToLowerInvariant();
}

internal sealed record IndicatorBreakdown(
    string Code,
    string Name,
    string Dimension,
    double Weight,
    bool Reported,
    double? Value,
    double? Score,
    IReadOnlyList<string> Periods,
    int ObservationCount)
{
    public static IndicatorBreakdown From(IndicatorScore i) => new(
        i.IndicatorCode, i.IndicatorName, DimensionBreakdown.Name(i.Dimension), i.Weight, i.Reported, i.Value, i.Score,
        i.Periods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), i.ObservationCount);
}

internal sealed record ScoreExplanation(
    RegencyInfo Regency,
    int Year,
    double Overall,
    double Coverage,
    int Level,
    string LevelName,
    int? NationalRank,
    int? ProvinceRank,
    double? Trend,
    int IndicatorsReported,
    int IndicatorsTotal,
    string CatalogVersion,
    IReadOnlyList<DimensionBreakdown> Dimensions,
    IReadOnlyList<IndicatorBreakdown> Indicators,
    IReadOnlyList<string> Missing)
{
    public static ScoreExplanation From(RegencyScore s, IReadOnlyDictionary<Dimension, double>? dimensionWeights) => new(
        new RegencyInfo(s.RegencyCode, s.RegencyName, s.ProvinceCode, s.ProvinceName), s.Year, s.Overall, s.Coverage, s.Level, s.LevelName,
        s.NationalRank, s.ProvinceRank, s.Trend, s.IndicatorsReported, s.IndicatorsTotal, s.CatalogVersion,
        DimensionBreakdown.Of(s, dimensionWeights),
        [.. s.Indicators.Select(IndicatorBreakdown.From)],
        [.. s.Indicators.Where(i => !i.Reported).Select(i => i.IndicatorCode)]);
}

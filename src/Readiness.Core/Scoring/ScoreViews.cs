using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Registry;

namespace Readiness.Core.Scoring;

// The read side's documents, the same for the HTTP API, the CLI's --json and the exports: flat rows with the columns of
// the scores table, a regency's history, and a score explained down to its indicators.

/// <summary>A year's ranked score table; <see cref="Scores"/> rows carry the columns of the CSV and the <c>scores</c> table.</summary>
/// <param name="Status">The status filter asked for (<c>final</c> or <c>provisional</c>); null: every row.</param>
public sealed record ScoreList(int Year, string? Province, int Count, IReadOnlyList<ScoreRow> Scores, string? Status = null);

/// <summary>
/// One row of the score table, flat (<see cref="ComputedAt"/> in UTC, a plain timestamp for Parquet and Power BI): the one shape of the <c>scores</c> table's columns (every one of them), the CSV,
/// XLSX and Parquet exports and the API's rows, in the order and with the names of <see cref="ScoreCsv.Columns"/>.
/// Its CSV mapping is generated.
/// </summary>
[CsvRecord]
public sealed partial record ScoreRow(
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
    string CatalogVersion,
    string PeerGroup,
    int? PeerRank,
    double GovernanceCoverage,
    double BrandingCoverage,
    double EconomyCoverage,
    double LivingCoverage,
    double SocietyCoverage,
    double EnvironmentCoverage,
    [property: CsvFormat("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")] DateTime? ComputedAt,
    string Status)
{
    public static ScoreRow From(RegencyScore s) => new(
        s.Year, s.RegencyCode, s.RegencyName, s.ProvinceCode, s.ProvinceName, s.Overall, s.Governance, s.Branding, s.Economy,
        s.Living, s.Society, s.Environment, s.Coverage, s.Level, s.LevelName, s.NationalRank, s.ProvinceRank, s.Trend,
        s.IndicatorsReported, s.IndicatorsTotal, s.CatalogVersion, s.PeerGroup, s.PeerRank,
        s.DimensionCoverage.GetValueOrDefault(Dimension.Governance), s.DimensionCoverage.GetValueOrDefault(Dimension.Branding),
        s.DimensionCoverage.GetValueOrDefault(Dimension.Economy), s.DimensionCoverage.GetValueOrDefault(Dimension.Living),
        s.DimensionCoverage.GetValueOrDefault(Dimension.Society), s.DimensionCoverage.GetValueOrDefault(Dimension.Environment),
        s.ComputedAt?.UtcDateTime, s.Status.Name());

    /// <summary>The score this row holds, with the indicators stored beside it.</summary>
    public RegencyScore ToScore(IReadOnlyList<IndicatorScore> indicators) => new(
        Year, RegencyCode, RegencyName, ProvinceCode, ProvinceName, Overall,
        RegencyScore.ByDimension(Governance, Branding, Economy, Living, Society, Environment),
        RegencyScore.ByDimension(GovernanceCoverage, BrandingCoverage, EconomyCoverage, LivingCoverage, SocietyCoverage, EnvironmentCoverage),
        Coverage, Level, LevelName, NationalRank, ProvinceRank, Trend, IndicatorsReported, IndicatorsTotal, CatalogVersion, indicators,
        PeerGroup, PeerRank, ComputedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
        ScoreStatuses.Parse(Status));
}

public sealed record RegencyInfo(string Code, string Name, string ProvinceCode, string ProvinceName)
{
    public static RegencyInfo From(Regency regency) => new(regency.Code, regency.Name, regency.ProvinceCode, regency.ProvinceName);

    public static RegencyInfo From(RegencyScore score) => new(score.RegencyCode, score.RegencyName, score.ProvinceCode, score.ProvinceName);
}

/// <summary>Every scored year of a regency, oldest first.</summary>
public sealed record RegencyScoreHistory(RegencyInfo Regency, int Count, IReadOnlyList<YearScore> Years);

/// <summary>One dimension of a score: 0–100, the share of its indicator weight reported (0–1), and the dimension's
/// weight in the overall score when known.</summary>
public sealed record DimensionBreakdown(string Dimension, double Score, double Coverage, double? Weight = null)
{
    public static IReadOnlyList<DimensionBreakdown> Of(RegencyScore score, IReadOnlyDictionary<Dimension, double>? weights = null) =>
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

public sealed record YearScore(
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
    string Status)
{
    public static YearScore From(RegencyScore s) => new(
        s.Year, s.Overall, s.Coverage, s.Level, s.LevelName, s.NationalRank, s.ProvinceRank, s.Trend,
        s.IndicatorsReported, s.IndicatorsTotal, s.CatalogVersion, DimensionBreakdown.Of(s), s.Status.Name());
}

/// <summary>One catalog indicator of an explained score: the aggregated value, its score in [0, 1], its weight within
/// the dimension and the periods the value came from; no value or score when the regency did not report it (it then
/// counts as 0).</summary>
public sealed record IndicatorBreakdown(
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
    /// <summary>The codes of the open data-quality flags on this indicator (<c>outlier</c>, <c>rule-violation</c>…).</summary>
    public IReadOnlyList<string> QualityFlags { get; init; } = [];

    public static IndicatorBreakdown From(IndicatorScore i) => new(
        i.IndicatorCode, i.IndicatorName, DimensionBreakdown.Name(i.Dimension), i.Weight, i.Reported, i.Value, i.Score,
        i.Periods.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), i.ObservationCount);
}

/// <summary>A regency's year explained down to its inputs; <see cref="Missing"/> lists the indicators it did not report;
/// <see cref="Status"/> says whether its data is final (approved) or provisional.</summary>
public sealed record ScoreExplanation(
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
    IReadOnlyList<string> Missing,
    string Status)
{
    /// <summary>The regency-year's open data-quality flags, with their evidence and texts.</summary>
    public IReadOnlyList<Quality.QualityFinding> QualityFlags { get; init; } = [];

    public static ScoreExplanation From(RegencyScore s, IReadOnlyDictionary<Dimension, double>? dimensionWeights, IReadOnlyList<Quality.QualityFinding>? flags = null) => new(
        RegencyInfo.From(s), s.Year, s.Overall, s.Coverage, s.Level, s.LevelName, s.NationalRank, s.ProvinceRank, s.Trend,
        s.IndicatorsReported, s.IndicatorsTotal, s.CatalogVersion,
        DimensionBreakdown.Of(s, dimensionWeights),
        [.. s.Indicators.Select(i => IndicatorBreakdown.From(i) with { QualityFlags = Quality.QualityFinding.CodesOn(flags ?? [], i.IndicatorCode) })],
        [.. s.Indicators.Where(i => !i.Reported).Select(i => i.IndicatorCode)],
        s.Status.Name())
    {
        QualityFlags = flags ?? [],
    };
}

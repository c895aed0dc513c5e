using Readiness.Core.Catalog;

namespace Readiness.Core.Scoring;

/// <summary>A regency's readiness score for one year, with everything needed to explain and rank it.</summary>
/// <remarks>All numbers keep full double precision; round for display only.</remarks>
/// <param name="Overall">0–100: Σ W_d·D_d / Σ W_d over the six dimensions.</param>
/// <param name="DimensionScores">0–100 per dimension, all six present.</param>
/// <param name="DimensionCoverage">0–1 per dimension: Σ w of the reported indicators / Σ w.</param>
/// <param name="Coverage">0–1: Σ W_d·coverage_d / Σ W_d.</param>
/// <param name="Level">Readiness level from the catalog's bands (1 Rintisan … 5 Optimum by default).</param>
/// <param name="NationalRank">Competition rank (1, 2, 2, 4) by <paramref name="Overall"/> among the year's scored
/// regencies; null until <see cref="Ranking.Rank"/> sets it.</param>
/// <param name="ProvinceRank">The same within the province; null until ranked.</param>
/// <param name="Trend">Overall minus the previous year's Overall; null when unranked or without a previous year.</param>
/// <param name="IndicatorsReported">Catalog indicators with a value in the year.</param>
/// <param name="IndicatorsTotal">Indicators in the catalog.</param>
/// <param name="CatalogVersion">Version of the catalog the score was computed with.</param>
/// <param name="Indicators">Every catalog indicator, in catalog order, reported or not.</param>
/// <param name="PeerGroup">Type and population size class (<c>Kabupaten sedang</c>, <c>Kota besar</c>; only the type
/// when the registry has no population), see <see cref="PeerGroups"/>.</param>
/// <param name="PeerRank">The competition rank within the peer group; null until ranked.</param>
/// <param name="ComputedAt">When the stored score was computed; null before it is stored.</param>
/// <param name="Status">Final when the regency-year is approved, else provisional (<see cref="ScoreStatuses"/>); set
/// when the score is written or ranked, from the year's review states.</param>
public sealed record RegencyScore(
    int Year,
    string RegencyCode,
    string RegencyName,
    string ProvinceCode,
    string ProvinceName,
    double Overall,
    IReadOnlyDictionary<Dimension, double> DimensionScores,
    IReadOnlyDictionary<Dimension, double> DimensionCoverage,
    double Coverage,
    int Level,
    string LevelName,
    int? NationalRank,
    int? ProvinceRank,
    double? Trend,
    int IndicatorsReported,
    int IndicatorsTotal,
    string CatalogVersion,
    IReadOnlyList<IndicatorScore> Indicators,
    string PeerGroup = "",
    int? PeerRank = null,
    DateTimeOffset? ComputedAt = null,
    ScoreStatus Status = ScoreStatus.Provisional)
{
    public bool IsFinal => Status == ScoreStatus.Final;

    public double Governance => DimensionScores.GetValueOrDefault(Dimension.Governance);

    public double Branding => DimensionScores.GetValueOrDefault(Dimension.Branding);

    public double Economy => DimensionScores.GetValueOrDefault(Dimension.Economy);

    public double Living => DimensionScores.GetValueOrDefault(Dimension.Living);

    public double Society => DimensionScores.GetValueOrDefault(Dimension.Society);

    public double Environment => DimensionScores.GetValueOrDefault(Dimension.Environment);

    /// <summary>Six per-dimension values (scores or coverage) as flat rows and tables keep them, by dimension.</summary>
    public static IReadOnlyDictionary<Dimension, double> ByDimension(double governance, double branding, double economy, double living, double society, double environment) =>
        new Dictionary<Dimension, double>
        {
            [Dimension.Governance] = governance,
            [Dimension.Branding] = branding,
            [Dimension.Economy] = economy,
            [Dimension.Living] = living,
            [Dimension.Society] = society,
            [Dimension.Environment] = environment,
        };
}

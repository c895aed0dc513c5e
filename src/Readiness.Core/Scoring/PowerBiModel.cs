using Readiness.Core.Catalog;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Core.Scoring;

// The Power BI star schema (infra/powerbi/README.md): facts per year, dimensions whole. Codes are strings, dates are
// dates, scores doubles; every fact key joins to its dimension, RegencyKey to the dim_regency version of the fact's year.

/// <summary>A row of <c>dim_regency</c>, a type-2 slowly changing dimension: one row per version of a regency (two for
/// each of the 26 regencies whose code and province changed in 2022).</summary>
/// <param name="RegencyKey">Surrogate key: the current code's digits × 10 + the version's index (93.01 → 93010 for
/// Merauke in Papua until 2022, 93011 from 2023), stable across exports.</param>
/// <param name="RegencyCode">The current Kemendagri code: the series every version belongs to.</param>
/// <param name="VersionCode">The code the regency had in this version (91.01 for Merauke until 2022).</param>
public sealed record DimRegencyRow(
    int RegencyKey,
    string RegencyCode,
    string VersionCode,
    string RegencyName,
    string Kind,
    string ProvinceCode,
    string ProvinceName,
    string? BpsCode,
    long? Population,
    double? AreaKm2,
    string PeerGroup,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    bool IsCurrent);

public sealed record DimIndicatorRow(string IndicatorCode, string IndicatorName, string DimensionCode, string Unit, string Method, string Aggregation, double Weight, double? Min, double? Max, int Order, string CatalogVersion);

public sealed record DimDimensionRow(string DimensionCode, string DimensionName, double Weight, int Order);

public sealed record DimYearRow(int Year, DateOnly YearStart, DateOnly YearEnd);

/// <summary>A row of <c>fact_scores</c>: every column of the <c>scores</c> table and the regency version's key.</summary>
public sealed record FactScoreRow(int RegencyKey, ScoreRow Score);

public sealed record FactIndicatorScoreRow(int Year, int RegencyKey, string RegencyCode, string IndicatorCode, string DimensionCode, double Weight, bool Reported, double? Value, double? Score, string CatalogVersion);

/// <summary>A row of <c>fact_values</c>: the yearly value of a reported indicator, with the periods it came from.</summary>
public sealed record FactValueRow(int Year, int RegencyKey, string RegencyCode, string IndicatorCode, double Value, string Periods, int ObservationCount);

/// <summary>One year's facts.</summary>
public sealed record PowerBiYear(int Year, IReadOnlyList<FactScoreRow> Scores, IReadOnlyList<FactIndicatorScoreRow> IndicatorScores, IReadOnlyList<FactValueRow> Values);

/// <summary>The whole model: the dimensions and the facts of each exported year.</summary>
public sealed record PowerBiModel(
    IReadOnlyList<DimRegencyRow> Regencies,
    IReadOnlyList<DimIndicatorRow> Indicators,
    IReadOnlyList<DimDimensionRow> Dimensions,
    IReadOnlyList<DimYearRow> Years,
    IReadOnlyList<PowerBiYear> Facts)
{
    /// <summary>The first ValidFrom and the last ValidTo: open ends as Power BI date tables like them.</summary>
    public static readonly DateOnly Beginning = new(1900, 1, 1);

    public static readonly DateOnly End = new(9999, 12, 31);

    /// <summary>Builds the model from the registry, the catalog and each year's scores with their indicators.</summary>
    public static PowerBiModel Build(RegencyRegistry registry, IndicatorCatalog catalog, IReadOnlyList<(int Year, IReadOnlyList<RegencyScore> Scores)> years)
    {
        var regencies = registry.Regencies.SelectMany(r => r.Versions().Select((v, i) => new DimRegencyRow(
            Key(r.Code, i), r.Code, v.Code, r.Name, r.Kind.ToString(), v.ProvinceCode, v.ProvinceName, r.BpsCode, r.Population, r.AreaKm2,
            PeerGroups.Of(r, catalog),
            v.FromYear is { } from ? new DateOnly(from, 1, 1) : Beginning,
            v.ToYear is { } to ? new DateOnly(to, 12, 31) : End,
            v.Current))).ToList();
        var indicators = catalog.Indicators.Select((i, order) => new DimIndicatorRow(
            i.Code, i.Name, DimensionBreakdown.Name(i.Dimension), i.Unit.ToString().ToLowerInvariant(), i.Scoring.Method.ToString().ToLowerInvariant(),
            i.Aggregation.ToString().ToLowerInvariant(), i.Weight, i.Min, i.Max, order, catalog.Version)).ToList();
        var dimensions = Enum.GetValues<Dimension>().Select((d, order) => new DimDimensionRow(
            DimensionBreakdown.Name(d), d.ToString(), catalog.DimensionWeights.GetValueOrDefault(d, 1.0), order)).ToList();

        var facts = new List<PowerBiYear>();
        foreach (var (year, scores) in years.OrderBy(y => y.Year))
        {
            var keyed = scores.Select(s => (Score: s, Key: KeyOf(registry, s.RegencyCode, year))).ToList();
            facts.Add(new PowerBiYear(
                year,
                [.. keyed.Select(k => new FactScoreRow(k.Key, ScoreRow.From(k.Score)))],
                [.. keyed.SelectMany(k => k.Score.Indicators.Select(i => new FactIndicatorScoreRow(
                    year, k.Key, k.Score.RegencyCode, i.IndicatorCode, DimensionBreakdown.Name(i.Dimension), i.Weight, i.Reported, i.Value, i.Score, k.Score.CatalogVersion)))],
                [.. keyed.SelectMany(k => k.Score.Indicators.Where(i => i.Value is not null).Select(i => new FactValueRow(
                    year, k.Key, k.Score.RegencyCode, i.IndicatorCode, i.Value!.Value, i.Periods, i.ObservationCount)))]));
        }

        var dimYears = facts.Select(f => new DimYearRow(f.Year, new DateOnly(f.Year, 1, 1), new DateOnly(f.Year, 12, 31))).ToList();
        return new PowerBiModel(regencies, indicators, dimensions, dimYears, facts);
    }

    /// <summary>The dim_regency key of a regency's version in <paramref name="year"/>.</summary>
    public static int KeyOf(RegencyRegistry registry, string regencyCode, int year)
    {
        if (!registry.TryGetByCode(regencyCode, out var regency))
        {
            throw new ArgumentException($"Regency {regencyCode} of a {year} score is not in the registry; import the registry that scored it.", nameof(regencyCode));
        }

        var versions = regency.Versions();
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Covers(year))
            {
                return Key(regency.Code, i);
            }
        }

        return Key(regency.Code, versions.Count - 1);
    }

    private static int Key(string code, int version) => (int.Parse(code.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) * 10) + version;
}

/// <summary>Where the model's Parquet files go (Blob: <c>exports/powerbi/…</c>), replacing the previous model whole:
/// a year no longer scored loses its folders.</summary>
public interface IPowerBiExports
{
    Task<IReadOnlyList<string>> WriteAsync(PowerBiModel model, CancellationToken cancellationToken);
}

/// <summary>Exports the star schema of the stored scores: every scored year and the dimensions.</summary>
public sealed class PowerBiExportService(IScoreStore scores, IReferenceData referenceData, IPowerBiExports exports)
{
    /// <summary>The files written.</summary>
    public async Task<IReadOnlyList<string>> ExportAsync(CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var loaded = new List<(int, IReadOnlyList<RegencyScore>)>();
        foreach (var year in (await scores.ReadYearStatesAsync(cancellationToken)).Select(s => s.Year).Distinct().Order())
        {
            var rows = await scores.ReadYearWithIndicatorsAsync(year, cancellationToken);
            if (rows.Count > 0)
            {
                loaded.Add((year, rows));
            }
        }

        return await exports.WriteAsync(PowerBiModel.Build(data.Registry, data.Catalog, loaded), cancellationToken);
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Readiness.Core.Catalog;
using Readiness.Core.Scoring;

namespace Readiness.Storage;

/// <summary>A row of <c>scores</c>: PartitionKey = year, RowKey = regency code. Flat, typed columns for Power BI.</summary>
public sealed class ScoreEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Year { get; set; }
    public string RegencyCode { get; set; } = "";
    public string RegencyName { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string ProvinceName { get; set; } = "";
    public double Overall { get; set; }
    public double Governance { get; set; }
    public double Branding { get; set; }
    public double Economy { get; set; }
    public double Living { get; set; }
    public double Society { get; set; }
    public double Environment { get; set; }
    public double Coverage { get; set; }
    public int Level { get; set; }
    public string LevelName { get; set; } = "";
    public int NationalRank { get; set; }
    public int ProvinceRank { get; set; }
    public double? Trend { get; set; }
    public int IndicatorsReported { get; set; }
    public int IndicatorsTotal { get; set; }
    public string CatalogVersion { get; set; } = "";
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>Per-dimension coverage (0–1), so a low dimension score can be told apart from missing data.</summary>
    public double GovernanceCoverage { get; set; }
    public double BrandingCoverage { get; set; }
    public double EconomyCoverage { get; set; }
    public double LivingCoverage { get; set; }
    public double SocietyCoverage { get; set; }
    public double EnvironmentCoverage { get; set; }

    /// <summary>Type and population size class (<c>Kabupaten sedang</c>), and the rank within it (0 until ranked).</summary>
    public string PeerGroup { get; set; } = "";
    public int PeerRank { get; set; }

    /// <summary><c>final</c> (the regency-year is approved) or <c>provisional</c>; always written, so Power BI, which
    /// builds its columns from the first rows, always has it. A row stored before the column existed reads as provisional.</summary>
    public string Status { get; set; } = ScoreStatuses.Provisional;

    /// <summary>The row of <paramref name="score"/> with its dimension coverage; ranks not yet set are stored as 0.</summary>
    public static ScoreEntity From(RegencyScore score, DateTimeOffset computedAt)
    {
        var row = ScoreRow.From(score);
        var coverage = score.DimensionCoverage;
        return new()
        {
            PartitionKey = row.Year.ToString(CultureInfo.InvariantCulture),
            RowKey = row.RegencyCode,
            Year = row.Year,
            RegencyCode = row.RegencyCode,
            RegencyName = row.RegencyName,
            ProvinceCode = row.ProvinceCode,
            ProvinceName = row.ProvinceName,
            Overall = row.Overall,
            Governance = row.Governance,
            Branding = row.Branding,
            Economy = row.Economy,
            Living = row.Living,
            Society = row.Society,
            Environment = row.Environment,
            Coverage = row.Coverage,
            Level = row.Level,
            LevelName = row.LevelName,
            NationalRank = row.NationalRank ?? 0,
            ProvinceRank = row.ProvinceRank ?? 0,
            Trend = row.Trend,
            IndicatorsReported = row.IndicatorsReported,
            IndicatorsTotal = row.IndicatorsTotal,
            CatalogVersion = row.CatalogVersion,
            ComputedAt = computedAt,
            GovernanceCoverage = coverage.GetValueOrDefault(Dimension.Governance),
            BrandingCoverage = coverage.GetValueOrDefault(Dimension.Branding),
            EconomyCoverage = coverage.GetValueOrDefault(Dimension.Economy),
            LivingCoverage = coverage.GetValueOrDefault(Dimension.Living),
            SocietyCoverage = coverage.GetValueOrDefault(Dimension.Society),
            EnvironmentCoverage = coverage.GetValueOrDefault(Dimension.Environment),
            PeerGroup = row.PeerGroup,
            PeerRank = row.PeerRank ?? 0,
            Status = row.Status,
        };
    }

    public ScoreRow Row() => new(
        Year, RegencyCode, RegencyName, ProvinceCode, ProvinceName, Overall, Governance, Branding, Economy, Living, Society, Environment,
        Coverage, Level, LevelName, NationalRank == 0 ? null : NationalRank, ProvinceRank == 0 ? null : ProvinceRank, Trend,
        IndicatorsReported, IndicatorsTotal, CatalogVersion, PeerGroup, PeerRank == 0 ? null : PeerRank,
        GovernanceCoverage, BrandingCoverage, EconomyCoverage, LivingCoverage, SocietyCoverage, EnvironmentCoverage, ComputedAt.UtcDateTime,
        ScoreStatuses.Parse(Status).Name());

    public RegencyScore ToScore(IReadOnlyList<IndicatorScore> indicators) => Row().ToScore(indicators);

    /// <summary>Whether <paramref name="other"/> stores the same score: everything but the keys and bookkeeping.</summary>
    public bool SameScoreAs(ScoreEntity other) => Row() with { ComputedAt = null } == other.Row() with { ComputedAt = null };
}

/// <summary>
/// A row of <c>indicatorscores</c>: PartitionKey = <c>{year}|{regency}</c>, RowKey = indicator code. One partition
/// holds one regency's year, so explaining a score is one query and writing it is one transaction; a whole year is a
/// key range (<c>2024|</c> … <c>2024|~</c>) for Power BI.
/// </summary>
public sealed class IndicatorScoreEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Year { get; set; }
    public string RegencyCode { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string IndicatorCode { get; set; } = "";
    public string IndicatorName { get; set; } = "";
    public string Dimension { get; set; } = "";
    public double Weight { get; set; }
    public bool Reported { get; set; }
    public double? Value { get; set; }
    public double? Score { get; set; }
    public string Periods { get; set; } = "";
    public int ObservationCount { get; set; }
    public int Order { get; set; }
    public string CatalogVersion { get; set; } = "";
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The row of the indicator at <paramref name="order"/> in <paramref name="score"/>'s catalog order.</summary>
    public static IndicatorScoreEntity From(RegencyScore score, IndicatorScore indicator, int order, DateTimeOffset computedAt) => new()
    {
        PartitionKey = Partition(score.Year, score.RegencyCode),
        RowKey = indicator.IndicatorCode,
        Year = score.Year,
        RegencyCode = score.RegencyCode,
        ProvinceCode = score.ProvinceCode,
        IndicatorCode = indicator.IndicatorCode,
        IndicatorName = indicator.IndicatorName,
        Dimension = indicator.Dimension.ToString(),
        Weight = indicator.Weight,
        Reported = indicator.Reported,
        Value = indicator.Value,
        Score = indicator.Score,
        Periods = indicator.Periods,
        ObservationCount = indicator.ObservationCount,
        Order = order,
        CatalogVersion = score.CatalogVersion,
        ComputedAt = computedAt,
    };

    /// <summary>One regency's year: <c>{year}|{regency}</c>.</summary>
    public static string Partition(int year, string regencyCode) => string.Create(CultureInfo.InvariantCulture, $"{year}|{regencyCode}");

    public IndicatorScore ToIndicator() =>
        new(IndicatorCode, IndicatorName, Enum.Parse<Dimension>(Dimension), Weight, Value, Score, Periods, ObservationCount);

    /// <summary>Whether <paramref name="other"/> stores the same indicator score, in the same place of the same catalog.</summary>
    public bool SameScoreAs(IndicatorScoreEntity other) =>
        (ToIndicator(), ProvinceCode, Order, CatalogVersion) == (other.ToIndicator(), other.ProvinceCode, other.Order, other.CatalogVersion);
}

/// <summary>A row of <c>scorestate</c>: PartitionKey = <c>years</c>, RowKey = year.</summary>
public sealed class ScoreStateEntity : ITableEntity
{
    public const string Partition = "years";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Year { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public DateTimeOffset? ComputedAt { get; set; }
    public string? CatalogVersion { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
}

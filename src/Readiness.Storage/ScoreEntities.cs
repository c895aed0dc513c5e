using Azure;
using Azure.Data.Tables;

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

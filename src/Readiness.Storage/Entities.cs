using Azure;
using Azure.Data.Tables;

namespace Readiness.Storage;

/// <summary>A row of <c>observations</c>: PartitionKey = regency code, RowKey = <c>{period}|{indicator}</c>.</summary>
public sealed class ObservationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Regency { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Period { get; set; } = "";
    public DateTime PeriodStart { get; set; }
    public double Value { get; set; }
    public string? Unit { get; set; }
    public string? Note { get; set; }
    public string UploadId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>What the write did (Imported, Updated, Unchanged): how a retried upload counts the keys it already wrote.</summary>
    public string? Change { get; set; }

    // The history entry of the write that stored this value (none for a re-stamp): who, when and what it replaced,
    // so the entry can be appended from the row by whoever comes next if its writer died before appending it.
    public string? KeyId { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public double? PreviousValue { get; set; }
    public string? PreviousUnit { get; set; }
    public string? PreviousNote { get; set; }
    public string? PreviousUploadId { get; set; }
}

/// <summary>A row of <c>observationhistory</c>: PartitionKey = regency code, RowKey = <c>{period}|{indicator}|{uploadId}</c>.
/// Append-only: rows are only ever added (or written again identically), never deleted.</summary>
public sealed class ObservationHistoryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Regency { get; set; } = "";
    public string Indicator { get; set; } = "";
    public string Period { get; set; } = "";
    public string Change { get; set; } = "";
    public double? PreviousValue { get; set; }
    public string? PreviousUnit { get; set; }
    public string? PreviousNote { get; set; }
    public string? PreviousUploadId { get; set; }
    public double Value { get; set; }
    public string? Unit { get; set; }
    public string? Note { get; set; }
    public string UploadId { get; set; } = "";
    public string KeyId { get; set; } = "";
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>A row of <c>uploads</c>: PartitionKey = regency code (or <c>all</c>), RowKey = upload id.</summary>
public sealed class UploadEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "";
    public string Mode { get; set; } = "";
    public bool DryRun { get; set; }
    public string Source { get; set; } = "";
    public string? FileName { get; set; }
    public string? Locale { get; set; }
    public string Scheme { get; set; } = "kemendagri";
    public string? SourcePath { get; set; }
    public int Attempts { get; set; }
    public string? KeyId { get; set; }
    public long Bytes { get; set; }
    public string? Sha256 { get; set; }
    public string? BlobPath { get; set; }
    public string? ReportPath { get; set; }
    public int Rows { get; set; }
    public int Values { get; set; }
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Superseded { get; set; }
    public int Rejected { get; set; }
    public int Errors { get; set; }
    public int Warnings { get; set; }
    public string Years { get; set; } = "";
    public string Regencies { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Failure { get; set; }

    /// <summary>The upload changed values of a year after its due date (issue 14).</summary>
    public bool Late { get; set; }
}

/// <summary>A row of <c>regencies</c>: PartitionKey = province code, RowKey = regency code.</summary>
public sealed class RegencyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string ProvinceCode { get; set; } = "";
    public string ProvinceName { get; set; } = "";
    public string? BpsCode { get; set; }
    public string? Aliases { get; set; }
    public long? Population { get; set; }
    public double? AreaKm2 { get; set; }

    /// <summary>The code before a code change (<c>91.01</c> for Merauke) and the last year it was valid.</summary>
    public string? FormerCode { get; set; }
    public int? FormerCodeUntil { get; set; }
}

/// <summary>A row of <c>indicators</c>: PartitionKey = <c>catalog</c>, RowKey = indicator code. Flat and typed for Power BI.</summary>
public sealed class IndicatorEntity : ITableEntity
{
    public const string CatalogPartition = "catalog";
    public const string LevelsPartition = "levels";
    public const string PopulationClassesPartition = "populationclasses";
    public const string CalendarPartition = "calendar";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CatalogVersion { get; set; } = "";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Dimension { get; set; } = "";
    public double DimensionWeight { get; set; }
    public string Unit { get; set; } = "";
    public double? Min { get; set; }
    public double? Max { get; set; }
    public string Method { get; set; } = "";
    public string? Direction { get; set; }
    public double? Target { get; set; }
    public double? Best { get; set; }
    public double? Worst { get; set; }
    public string Aggregation { get; set; } = "";
    public double Weight { get; set; }
    public int Order { get; set; }

    /// <summary>On <c>levels</c> rows: the band's level, name and exclusive upper bound.</summary>
    public int? Level { get; set; }
    public string? LevelName { get; set; }
    public double? Below { get; set; }

    /// <summary>On <c>populationclasses</c> rows (RowKey = order): the peer-group size class and its exclusive upper bound in people.</summary>
    public string? PopulationClass { get; set; }
    public long? PopulationBelow { get; set; }

    /// <summary>On <c>calendar</c> rows (RowKey = year): the reporting window, days <c>yyyy-MM-dd</c> in WIB.</summary>
    public string? Opens { get; set; }
    public string? Due { get; set; }
    public string? Closes { get; set; }
}

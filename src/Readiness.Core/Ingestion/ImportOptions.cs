namespace Readiness.Core.Ingestion;

/// <summary>Tunables of the import (uploads, the CLI, the inbox and sources alike), bound from the
/// <see cref="ReadinessSettings.Section"/> section (<c>Readiness__MaxUploadBytes</c> and so on).</summary>
public sealed class ImportOptions
{
    /// <summary>Largest upload accepted, enforced while streaming (default 20 MB).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Uploads larger than this are processed in the background (default 2 MB).</summary>
    public long AsyncThresholdBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Inbox files modified more recently than this are still being written and wait for the next run.</summary>
    public int InboxSettleSeconds { get; set; } = 120;

    /// <summary>An unfinished upload whose record has not changed for this long has lost its process: the recovery
    /// pass (timer, <c>readiness uploads recover</c>) re-drives it or ends it Failed. Well above the writer's heartbeat.</summary>
    public int RecoverAfterSeconds { get; set; } = 600;

    /// <summary>Recovery re-drives an unfinished upload at most this many processing attempts, then ends it Failed.</summary>
    public int MaxProcessingAttempts { get; set; } = 10;

    /// <summary>Regency partitions written at once by an upload processed while its request waits.</summary>
    public int WriteParallelism { get; set; } = 8;

    /// <summary>Regency partitions written at once by an upload processed in the background (the queue function,
    /// recovery): fewer than <see cref="WriteParallelism"/>, because up to host.json's <c>batchSize</c> of them share
    /// one instance's memory and its storage account, and a background upload has no one waiting on its speed
    /// (issue 11, <c>bench/results/latest.md</c> "Import memory").</summary>
    public int BackgroundWriteParallelism { get; set; } = 2;

    public int MaxRows { get; set; } = CsvLimits.Default.MaxRows;

    public int MaxColumns { get; set; } = CsvLimits.Default.MaxColumns;

    public int MaxCellLength { get; set; } = CsvLimits.Default.MaxCellLength;

    public CsvLimits Limits => new() { MaxRows = MaxRows, MaxColumns = MaxColumns, MaxCellLength = MaxCellLength };
}

namespace Readiness.Core.Ingestion;

/// <summary>Tunables of the import, bound from configuration (<c>Readiness__*</c> app settings).</summary>
public sealed class ImportSettings
{
    public const string Section = "Readiness";

    /// <summary>Largest upload accepted, enforced while streaming (default 20 MB).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Uploads larger than this are processed in the background (default 2 MB).</summary>
    public long AsyncThresholdBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>Inbox files modified more recently than this are still being written and wait for the next run.</summary>
    public int InboxSettleSeconds { get; set; } = 120;

    /// <summary>Whether sources may be fetched over plain http (tests on 127.0.0.1); https otherwise.</summary>
    public bool AllowHttpSources { get; set; }

    /// <summary>Seconds one source fetch may take, retries included.</summary>
    public int SourceTimeoutSeconds { get; set; } = 120;

    /// <summary>Whether the app sits behind App Service Authentication, so its principal header can be trusted.</summary>
    public bool TrustAppServiceAuth { get; set; }

    /// <summary>Regency partitions written at once.</summary>
    public int WriteParallelism { get; set; } = 8;

    public int MaxRows { get; set; } = CsvLimits.Default.MaxRows;

    public int MaxColumns { get; set; } = CsvLimits.Default.MaxColumns;

    public int MaxCellLength { get; set; } = CsvLimits.Default.MaxCellLength;

    public CsvLimits Limits => new() { MaxRows = MaxRows, MaxColumns = MaxColumns, MaxCellLength = MaxCellLength };
}

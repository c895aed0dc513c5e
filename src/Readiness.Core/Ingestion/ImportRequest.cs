using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Core.Ingestion;

/// <summary>What the caller (HTTP, CLI, inbox) says about an upload.</summary>
public sealed record ImportRequest
{
    /// <summary>The regency folder of multi-regency files (CLI, national backfills).</summary>
    public const string AllRegencies = "all";

    /// <summary>The regency the upload is for, as the caller resolved it (<see cref="RegencyLookupService"/>); null
    /// for a file that names its regencies in a column. Carried as it is into processing, not looked up again.</summary>
    public Regency? Regency { get; init; }

    public ImportMode Mode { get; init; } = ImportMode.Atomic;

    public bool DryRun { get; init; }

    public NumberStyle? Locale { get; init; }

    public RegencyScheme Scheme { get; init; } = RegencyScheme.Kemendagri;

    public string? FileName { get; init; }

    public UploadSource Source { get; init; } = UploadSource.Http;

    /// <summary>Process in the background even when the file is small (<c>async=true</c>).</summary>
    public bool Async { get; init; }

    /// <summary>An upload id assigned beforehand (the inbox claims a file under it); null for a new one.</summary>
    public string? UploadId { get; init; }

    /// <summary>The inbox blob or source URL the file came from.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Who sends the upload, as the history keeps it: the caller's identifier (<c>key:…</c>, an Entra
    /// principal, <c>cli:user</c>), never a secret; null names the path it came by (<c>inbox</c>, <c>source</c>…).</summary>
    public string? KeyId { get; init; }
}

/// <summary>What an import did: the upload record and its full report.</summary>
public sealed record ImportResult(UploadRecord Upload, Validation.ValidationReport Report)
{
    public ImportOutcome Outcome => Upload.Status switch
    {
        UploadStatus.Queued => ImportOutcome.Queued,
        UploadStatus.Completed or UploadStatus.Validated => ImportOutcome.Accepted,
        UploadStatus.Rejected when Report.HasError(Validation.ErrorCodes.FileTooLarge) => ImportOutcome.TooLarge,
        UploadStatus.Rejected => ImportOutcome.Invalid,
        _ => ImportOutcome.Failed,
    };
}

public enum ImportOutcome
{
    Accepted,
    /// <summary>Archived and queued for background processing (HTTP 202).</summary>
    Queued,
    Invalid,
    TooLarge,
    Failed,
}

/// <summary>What one recovery pass did (<see cref="ImportService.RecoverAsync"/>).</summary>
/// <param name="Requeued">Unfinished uploads put back on the queue, to be finished from their archived file.</param>
/// <param name="Failed">Uploads ended Failed, each with its reason (file never archived, or out of attempts).</param>
/// <param name="Active">Unfinished uploads whose record moved recently: their process is still at work.</param>
public sealed record RecoveryRun(int Requeued, IReadOnlyList<UploadRecord> Failed, int Active);

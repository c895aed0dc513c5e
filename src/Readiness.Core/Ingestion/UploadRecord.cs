using System.Text.Json.Serialization;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Core.Ingestion;

/// <summary>Where an upload is in its life. Final states: Completed, Rejected, Failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadStatus>))]
public enum UploadStatus
{
    Received,
    /// <summary>Archived and waiting on the background queue.</summary>
    Queued,
    Validating,
    Writing,
    /// <summary>Every value stored (or, in partial mode, every valid value).</summary>
    Completed,
    /// <summary>Validated only (dryRun): nothing stored.</summary>
    Validated,
    /// <summary>The file was invalid and nothing was stored.</summary>
    Rejected,
    /// <summary>Processing failed for a reason that is not the file's (storage outage after all retries).</summary>
    Failed,
}

/// <summary>How an upload arrived. Stored and answered in lower case (<c>http</c>, <c>inbox</c>), as rows have always
/// been written.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UploadSource>))]
public enum UploadSource
{
    /// <summary><c>POST regencies/{code}/uploads</c> by an API client.</summary>
    [JsonStringEnumMemberName("http")]
    Http,

    /// <summary>The same route, from the regency portal (its requests say <c>X-Readiness-Client: portal</c>).</summary>
    [JsonStringEnumMemberName("portal")]
    Portal,

    /// <summary><c>readiness ingest</c> and the demo.</summary>
    [JsonStringEnumMemberName("cli")]
    Cli,

    /// <summary>A file dropped into the inbox (<see cref="UploadRecord.SourcePath"/> is its blob path): finishing the
    /// upload also moves the file to <c>processed/</c> or <c>failed/</c>.</summary>
    [JsonStringEnumMemberName("inbox")]
    Inbox,

    /// <summary>A remote source fetched on schedule (<see cref="UploadRecord.SourcePath"/> is its URL).</summary>
    [JsonStringEnumMemberName("source")]
    Source,
}

/// <summary>The stored (lower-case) names of <see cref="UploadSource"/>.</summary>
public static class UploadSources
{
    public static string Name(this UploadSource source) => source.ToString().ToLowerInvariant();

    /// <summary>A stored name; a row without one (or with one this version does not know) came over HTTP.</summary>
    public static UploadSource Parse(string? name) =>
        Enum.TryParse<UploadSource>(name, ignoreCase: true, out var source) && Enum.IsDefined(source) ? source : UploadSource.Http;
}

/// <summary>What an invalid file stores. Stored and answered in lower case (<c>atomic</c>, <c>partial</c>), as rows have
/// always been written.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportMode>))]
public enum ImportMode
{
    /// <summary>An invalid file stores nothing.</summary>
    [JsonStringEnumMemberName("atomic")]
    Atomic,

    /// <summary>The valid rows are stored and the rest reported.</summary>
    [JsonStringEnumMemberName("partial")]
    Partial,
}

/// <summary>The stored (lower-case) names of <see cref="ImportMode"/>.</summary>
public static class ImportModes
{
    public static string Name(this ImportMode mode) => mode.ToString().ToLowerInvariant();

    /// <summary>A stored name; a row without one (or with one this version does not know) is atomic.</summary>
    public static ImportMode Parse(string? name) =>
        Enum.TryParse<ImportMode>(name, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : ImportMode.Atomic;
}

/// <summary>One upload as recorded in the <c>uploads</c> table and returned by the API.</summary>
public sealed record UploadRecord
{
    [JsonPropertyName("uploadId")] public required string UploadId { get; init; }

    /// <summary>The regency of the upload, or <see cref="ImportRequest.AllRegencies"/> for a multi-regency file.</summary>
    [JsonPropertyName("regency")] public required string RegencyCode { get; init; }

    [JsonPropertyName("status")] public UploadStatus Status { get; init; }

    [JsonPropertyName("mode")] public ImportMode Mode { get; init; } = ImportMode.Atomic;

    [JsonPropertyName("dryRun")] public bool DryRun { get; init; }

    [JsonPropertyName("source")] public UploadSource Source { get; init; } = UploadSource.Http;

    [JsonPropertyName("fileName")] public string? FileName { get; init; }

    /// <summary>The number style asked for (answered <c>id-ID</c>, <c>en-US</c>), or null to detect it.</summary>
    [JsonPropertyName("locale")] public NumberStyle? Locale { get; init; }

    [JsonPropertyName("regencyScheme")] public RegencyScheme Scheme { get; init; } = RegencyScheme.Kemendagri;

    /// <summary>Where the file came from when it was not sent over HTTP: an inbox blob path or a source URL.</summary>
    [JsonPropertyName("sourcePath")] public string? SourcePath { get; init; }

    /// <summary>Who sent the upload (<see cref="ImportRequest.KeyId"/>, or the path it came by): kept with every value it
    /// changes in the history, also when recovery or a replay finishes it.</summary>
    [JsonPropertyName("keyId")] public string? KeyId { get; init; }

    /// <summary>Processing attempts so far (background uploads are retried by the queue).</summary>
    [JsonPropertyName("attempts")] public int Attempts { get; init; }

    [JsonPropertyName("bytes")] public long Bytes { get; init; }

    [JsonPropertyName("sha256")] public string? Sha256 { get; init; }

    [JsonPropertyName("blobPath")] public string? BlobPath { get; init; }

    [JsonPropertyName("reportPath")] public string? ReportPath { get; init; }

    [JsonPropertyName("rows")] public int Rows { get; init; }

    [JsonPropertyName("values")] public int Values { get; init; }

    [JsonPropertyName("imported")] public int Imported { get; init; }

    [JsonPropertyName("updated")] public int Updated { get; init; }

    [JsonPropertyName("unchanged")] public int Unchanged { get; init; }

    /// <summary>Values not stored because a later submission had already stored the same key.</summary>
    [JsonPropertyName("superseded")] public int Superseded { get; init; }

    [JsonPropertyName("rejected")] public int Rejected { get; init; }

    [JsonPropertyName("errors")] public int Errors { get; init; }

    [JsonPropertyName("warnings")] public int Warnings { get; init; }

    /// <summary>Years whose values changed, and so whose scores were asked to be recomputed. While the upload is
    /// <see cref="UploadStatus.Writing"/>: the years of the file, whose data readers show as pending.</summary>
    [JsonPropertyName("years")] public IReadOnlyList<int> Years { get; init; } = [];

    /// <summary>Regencies whose values changed; while <see cref="UploadStatus.Writing"/>, the regencies of the file.</summary>
    [JsonPropertyName("regencies")] public IReadOnlyList<string> Regencies { get; init; } = [];

    [JsonPropertyName("receivedAt")] public DateTimeOffset ReceivedAt { get; init; }

    [JsonPropertyName("completedAt")] public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>When the record was last saved (the store's own timestamp): an unfinished upload whose record has not
    /// moved for a while has lost its process, and recovery takes it over. Bookkeeping, not part of the answer.</summary>
    [JsonIgnore] public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Why processing failed (not the file's problems: those are in the report).</summary>
    [JsonPropertyName("failure")] public string? Failure { get; init; }

    /// <summary>The upload changed values of a year after the year's due date (and before it closed): taken, and
    /// flagged late (a <c>late-submission</c> warning names the years).</summary>
    [JsonPropertyName("late")] public bool Late { get; init; }

    /// <summary>Whether readers must treat the regency-years of this upload as pending: it may have written part of
    /// its values.</summary>
    [JsonIgnore]
    public bool WritesPending => Status == UploadStatus.Writing && !DryRun;

    /// <summary>This run of the upload is a replay (an operator's <c>replay</c>, or recovery re-driving an interrupted
    /// upload), as its queue message says (<see cref="Ports.UploadWork.Replay"/>): telemetry counts it under the source
    /// <c>replay</c>. Not stored: the record keeps the <see cref="Source"/> it arrived by.</summary>
    [JsonIgnore]
    public bool Replay { get; init; }

    [JsonIgnore]
    public bool IsFinal => Status is UploadStatus.Completed or UploadStatus.Validated or UploadStatus.Rejected or UploadStatus.Failed;
}

using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Audit;

/// <summary>
/// One change of a stored observation, as the append-only history (<c>observationhistory</c>) keeps it: the value
/// before (null when the key was absent) and after, the upload that wrote it, the key (or path) that sent that upload,
/// and when. Keyed by the observation and the upload (<see cref="RowKey"/>), so an entry written again by a retry, a
/// redelivery or a recovery is the same entry, never a second one.
/// </summary>
/// <param name="Change">Imported (the key was absent) or Updated (another value replaced).</param>
/// <param name="PreviousUploadId">The upload that last submitted the previous value.</param>
/// <param name="KeyId">Who sent the upload: the API key id (<c>key:…</c>), the Entra principal, or the path
/// (<c>cli:…</c>, <c>inbox</c>, <c>source</c>); never a secret.</param>
/// <param name="SubmittedAt">When the upload was received.</param>
/// <param name="ChangedAt">When the value was written (whole milliseconds, so a re-read entry is equal).</param>
public sealed record ValueChange(
    string RegencyCode,
    string IndicatorCode,
    Period Period,
    WriteChange Change,
    double? PreviousValue,
    string? PreviousUnit,
    string? PreviousNote,
    string? PreviousUploadId,
    double Value,
    string? Unit,
    string? Note,
    string UploadId,
    string KeyId,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ChangedAt)
{
    /// <summary>The observation's row key, <c>{period}|{indicator}</c>.</summary>
    public string ObservationKey => Observation.KeyFor(Period, IndicatorCode);

    /// <summary>The history row key: <c>{period}|{indicator}|{uploadId}</c> (one upload changes a key once).</summary>
    public string RowKey => $"{ObservationKey}|{UploadId}";

    /// <summary>The entry of <paramref name="observation"/> replacing <paramref name="previous"/> (null: inserted).</summary>
    public static ValueChange Of(Observation observation, StoredValue? previous, string keyId, DateTimeOffset changedAt) => new(
        observation.RegencyCode,
        observation.IndicatorCode,
        observation.Period,
        previous is null ? WriteChange.Imported : WriteChange.Updated,
        previous?.Value,
        previous?.Unit,
        previous?.Note,
        previous?.UploadId,
        observation.Value,
        observation.Unit,
        observation.Note,
        observation.UploadId,
        keyId,
        observation.SubmittedAt,
        changedAt);

    /// <summary>A time as the history keeps it: whole milliseconds (what every store round-trips exactly).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}

/// <summary>Which entries of a regency's history to read: one indicator, one period (a year includes its quarters and
/// months), or all.</summary>
public sealed record HistoryQuery(string? IndicatorCode = null, Period? Period = null);

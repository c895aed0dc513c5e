using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Audit;
using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Observations in the <c>observations</c> table, one partition per regency, and the append-only history of
/// their changes in <c>observationhistory</c> (the same partitions).</summary>
public sealed class TableObservationStore(StorageAccount account) : IObservationStore
{
    private static readonly string[] DiffColumns = ["RowKey", "Value", "Unit", "Note", "UploadId", "Change"];

    /// <summary>The columns <see cref="FromEntity"/> reads.</summary>
    private static readonly string[] ObservationColumns =
    [
        nameof(ObservationEntity.Regency), nameof(ObservationEntity.Indicator), nameof(ObservationEntity.Period), nameof(ObservationEntity.Value),
        nameof(ObservationEntity.Unit), nameof(ObservationEntity.Note), nameof(ObservationEntity.UploadId), nameof(ObservationEntity.SubmittedAt),
    ];

    private readonly TableClient _table = account.Table(StorageNames.Tables.Observations);
    private readonly TableClient _history = account.Table(StorageNames.Tables.ObservationHistory);

    public async Task<Dictionary<string, StoredValue>> ReadPartitionAsync(string regencyCode, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, StoredValue>(StringComparer.Ordinal);
        var query = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}"), select: DiffColumns, cancellationToken: cancellationToken);
        await foreach (var entity in query)
        {
            stored[entity.RowKey] = new StoredValue(entity.GetDouble("Value") ?? double.NaN, entity.GetString("Unit"), entity.GetString("Note"), entity.GetString("UploadId") ?? "", entity.ETag.ToString(),
                Enum.TryParse<WriteChange>(entity.GetString("Change"), out var change) ? change : null);
        }

        return stored;
    }

    public async Task SubmitAsync(string regencyCode, IReadOnlyList<ObservationWrite> batch, CancellationToken cancellationToken)
    {
        if (batch.Count is 0 or > StoreBatch.MaxEntities)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch.Count, $"A transaction holds 1 to {StoreBatch.MaxEntities} entities.");
        }

        // Insert when the key was absent, replace (not merge: a removed note must go) exactly the version we read.
        var actions = batch.Select(w => w.IfMatch is null
            ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(w.Observation, w.Change, w.History))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(w.Observation, w.Change, w.History), new ETag(w.IfMatch)));
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new WriteConflictException($"Partition {regencyCode} changed while writing ({e.ErrorCode}).", e);
        }
    }

    public async IAsyncEnumerable<Observation> ReadAsync(string regencyCode, int? year, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Row keys start with the canonical period, so a year is a key range: "2024" <= key < "2025".
        var filter = year is { } y
            ? TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode} and RowKey ge {y.ToString(System.Globalization.CultureInfo.InvariantCulture)} and RowKey lt {(y + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}");
        // Only the columns an observation has: the audit columns (the previous value, the key, the change) are about
        // half of a row and the readers of observations (scores, quality checks, exports) never look at them.
        await foreach (var entity in _table.QueryAsync<ObservationEntity>(filter, select: ObservationColumns, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    public async Task<Dictionary<string, ValueChange>> ReadCurrentChangesAsync(string regencyCode, CancellationToken cancellationToken)
    {
        var changes = new Dictionary<string, ValueChange>(StringComparer.Ordinal);
        await foreach (var e in _table.QueryAsync<ObservationEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}"), cancellationToken: cancellationToken))
        {
            if (e is { ChangedAt: { } changedAt, KeyId: { } keyId } && Enum.TryParse<WriteChange>(e.Change, out var change) && change != WriteChange.Unchanged)
            {
                changes[e.RowKey] = new ValueChange(e.Regency, e.Indicator, Period.ParseCanonical(e.Period), change, e.PreviousValue, e.PreviousUnit, e.PreviousNote, e.PreviousUploadId,
                    e.Value, e.Unit, e.Note, e.UploadId, keyId, e.SubmittedAt, changedAt);
            }
        }

        return changes;
    }

    public async Task AppendHistoryAsync(string regencyCode, IReadOnlyList<ValueChange> entries, CancellationToken cancellationToken)
    {
        // Upsert-replace: an entry appended again by a retry or a recovery is the same row with the same content.
        foreach (var batch in entries.DistinctBy(e => e.RowKey, StringComparer.Ordinal).Chunk(StoreBatch.MaxEntities))
        {
            await _history.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToHistoryEntity(e))), cancellationToken);
        }
    }

    public async IAsyncEnumerable<ValueChange> ReadHistoryAsync(string regencyCode, HistoryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Row keys start with the canonical period: a year is the range "2024" <= key < "2025" (its quarters and
        // months included), one period the keys "2024Q1|…" ('|' + 1 is '}').
        var filter = query.Period switch
        {
            null => TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}"),
            { Kind: PeriodKind.Year } p => TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode} and RowKey ge {p.ToString()} and RowKey lt {(p.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
            { } p => TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode} and RowKey ge {p + "|"} and RowKey lt {p + "}"}"),
        };
        if (query.IndicatorCode is { } indicator)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Indicator eq {indicator}");
        }

        await foreach (var e in _history.QueryAsync<ObservationHistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromHistoryEntity(e);
        }
    }

    public async Task<HashSet<string>> ReadHistoryKeysAsync(string regencyCode, string uploadId, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // Keys only, filtered here: the upload id ends the row key.
        var suffix = "|" + uploadId;
        await foreach (var e in _history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {regencyCode}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (e.RowKey.EndsWith(suffix, StringComparison.Ordinal))
            {
                keys.Add(e.RowKey[..^suffix.Length]);
            }
        }

        return keys;
    }

    public static ObservationHistoryEntity ToHistoryEntity(ValueChange e) => new()
    {
        PartitionKey = e.RegencyCode,
        RowKey = e.RowKey,
        Regency = e.RegencyCode,
        Indicator = e.IndicatorCode,
        Period = e.Period.ToString(),
        Change = e.Change.ToString(),
        PreviousValue = e.PreviousValue,
        PreviousUnit = e.PreviousUnit,
        PreviousNote = e.PreviousNote,
        PreviousUploadId = e.PreviousUploadId,
        Value = e.Value,
        Unit = e.Unit,
        Note = e.Note,
        UploadId = e.UploadId,
        KeyId = e.KeyId,
        SubmittedAt = e.SubmittedAt,
        ChangedAt = e.ChangedAt,
    };

    public static ValueChange FromHistoryEntity(ObservationHistoryEntity e) => new(
        e.Regency, e.Indicator, Period.ParseCanonical(e.Period), Enum.TryParse<WriteChange>(e.Change, out var change) ? change : WriteChange.Updated,
        e.PreviousValue, e.PreviousUnit, e.PreviousNote, e.PreviousUploadId, e.Value, e.Unit, e.Note, e.UploadId, e.KeyId, e.SubmittedAt, e.ChangedAt);

    public static ObservationEntity ToEntity(Observation o, WriteChange change = WriteChange.Imported, ValueChange? history = null) => new()
    {
        Change = change.ToString(),
        PartitionKey = o.RegencyCode,
        RowKey = o.RowKey,
        Regency = o.RegencyCode,
        Indicator = o.IndicatorCode,
        Period = o.Period.ToString(),
        PeriodStart = o.Period.Start,
        Value = o.Value,
        Unit = o.Unit,
        Note = o.Note,
        UploadId = o.UploadId,
        SubmittedAt = o.SubmittedAt,
        KeyId = history?.KeyId,
        ChangedAt = history?.ChangedAt,
        PreviousValue = history?.PreviousValue,
        PreviousUnit = history?.PreviousUnit,
        PreviousNote = history?.PreviousNote,
        PreviousUploadId = history?.PreviousUploadId,
    };

    public static Observation FromEntity(ObservationEntity e) =>
        new(e.Regency, e.Indicator, Period.ParseCanonical(e.Period), e.Value, e.Unit, e.Note, e.UploadId, e.SubmittedAt);
}

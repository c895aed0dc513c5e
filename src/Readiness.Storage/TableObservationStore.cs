using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Storage;

/// <summary>Observations in the <c>observations</c> table, one partition per regency.</summary>
public sealed class TableObservationStore(StorageAccount account) : IObservationStore
{
    private static readonly string[] DiffColumns = ["RowKey", "Value", "Unit", "Note", "UploadId", "Change"];

    private readonly TableClient _table = account.Table(StorageNames.Tables.Observations);

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
            ? new TableTransactionAction(TableTransactionActionType.Add, ToEntity(w.Observation, w.Change))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(w.Observation, w.Change), new ETag(w.IfMatch)));
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
        await foreach (var entity in _table.QueryAsync<ObservationEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return FromEntity(entity);
        }
    }

    public static ObservationEntity ToEntity(Observation o, WriteChange change = WriteChange.Imported) => new()
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
    };

    public static Observation FromEntity(ObservationEntity e) =>
        new(e.Regency, e.Indicator, Period.ParseCanonical(e.Period), e.Value, e.Unit, e.Note, e.UploadId, e.SubmittedAt);
}

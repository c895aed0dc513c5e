using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Ports;
using Readiness.Core.Scoring;

namespace Readiness.Storage;

/// <summary>The <c>scores</c>, <c>indicatorscores</c> and <c>scorestate</c> tables.</summary>
public sealed class TableScoreStore(StorageAccount account) : IScoreStore
{
    private readonly TableClient _scores = account.Table(StorageNames.Tables.Scores);
    private readonly TableClient _indicators = account.Table(StorageNames.Tables.IndicatorScores);
    private readonly TableClient _state = account.Table(StorageNames.Tables.ScoreState);

    public async Task<IReadOnlyList<RegencyScore>> ReadYearAsync(int year, CancellationToken cancellationToken)
    {
        var rows = new List<RegencyScore>();
        await foreach (var e in _scores.QueryAsync<ScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(year)}"), cancellationToken: cancellationToken))
        {
            rows.Add(e.ToScore([]));
        }

        return rows;
    }

    public async Task<IReadOnlyList<RegencyScore>> ReadRegencyAsync(string regencyCode, CancellationToken cancellationToken)
    {
        var rows = new List<RegencyScore>();
        await foreach (var e in _scores.QueryAsync<ScoreEntity>(TableClient.CreateQueryFilter($"RowKey eq {regencyCode}"), cancellationToken: cancellationToken))
        {
            rows.Add(e.ToScore([]));
        }

        return [.. rows.OrderBy(r => r.Year)];
    }

    public async Task<RegencyScore?> ReadWithIndicatorsAsync(int year, string regencyCode, CancellationToken cancellationToken)
    {
        if (!TableKeys.IsSafe(regencyCode))
        {
            return null;
        }

        var score = await _scores.GetEntityIfExistsAsync<ScoreEntity>(Key(year), regencyCode, cancellationToken: cancellationToken);
        if (!score.HasValue)
        {
            return null;
        }

        var indicators = new List<IndicatorScoreEntity>();
        await foreach (var e in _indicators.QueryAsync<IndicatorScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IndicatorScoreEntity.Partition(year, regencyCode)}"), cancellationToken: cancellationToken))
        {
            indicators.Add(e);
        }

        return score.Value!.ToScore([.. indicators.OrderBy(i => i.Order).Select(i => i.ToIndicator())]);
    }

    public async Task<IReadOnlyList<RegencyScore>> ReadYearWithIndicatorsAsync(int year, CancellationToken cancellationToken)
    {
        var byRegency = new Dictionary<string, List<IndicatorScoreEntity>>(StringComparer.Ordinal);
        var from = IndicatorScoreEntity.Partition(year, "");
        var to = IndicatorScoreEntity.Partition(year, "~");
        await foreach (var e in _indicators.QueryAsync<IndicatorScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to}"), cancellationToken: cancellationToken))
        {
            if (!byRegency.TryGetValue(e.RegencyCode, out var list))
            {
                byRegency[e.RegencyCode] = list = [];
            }

            list.Add(e);
        }

        var rows = new List<RegencyScore>();
        await foreach (var e in _scores.QueryAsync<ScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(year)}"), cancellationToken: cancellationToken))
        {
            rows.Add(e.ToScore(byRegency.TryGetValue(e.RegencyCode, out var indicators) ? [.. indicators.OrderBy(i => i.Order).Select(i => i.ToIndicator())] : []));
        }

        return [.. rows.OrderBy(r => r.NationalRank).ThenBy(r => r.RegencyCode, StringComparer.Ordinal)];
    }

    public async Task<int> WriteAsync(IReadOnlyList<RegencyScore> scores, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var year in scores.GroupBy(s => s.Year))
        {
            var existing = new Dictionary<string, ScoreEntity>(StringComparer.Ordinal);
            await foreach (var e in _scores.QueryAsync<ScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Key(year.Key)}"), cancellationToken: cancellationToken))
            {
                existing[e.RowKey] = e;
            }

            var changed = year.Select(s => ScoreEntity.From(s, computedAt))
                .Where(e => !existing.TryGetValue(e.RowKey, out var old) || !old.SameScoreAs(e))
                .ToList();
            foreach (var batch in changed.Chunk(StoreBatch.MaxEntities))
            {
                await _scores.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }

            written += changed.Count;
        }

        var withIndicators = scores.Where(s => s.Indicators.Count > 0).ToList();
        var indicatorRows = 0;
        await Parallel.ForEachAsync(withIndicators, new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken }, async (score, ct) =>
        {
            var count = await WriteIndicatorsAsync(score, computedAt, ct);
            Interlocked.Add(ref indicatorRows, count);
        });
        return written + indicatorRows;
    }

    public async Task DeleteAsync(int year, IReadOnlyCollection<string> regencyCodes, CancellationToken cancellationToken)
    {
        foreach (var code in regencyCodes)
        {
            await _scores.DeleteEntityAsync(Key(year), code, cancellationToken: cancellationToken);
            var rows = new List<TableTransactionAction>();
            await foreach (var e in _indicators.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {IndicatorScoreEntity.Partition(year, code)}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All));
            }

            foreach (var batch in rows.Chunk(StoreBatch.MaxEntities))
            {
                await _indicators.SubmitTransactionAsync(batch, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<YearState>> ReadYearStatesAsync(CancellationToken cancellationToken)
    {
        var states = new List<YearState>();
        await foreach (var e in _state.QueryAsync<ScoreStateEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ScoreStateEntity.Partition}"), cancellationToken: cancellationToken))
        {
            states.Add(new YearState(e.Year, e.ChangedAt, e.ComputedAt, e.CatalogVersion, e.ScoredAt));
        }

        return [.. states.OrderBy(s => s.Year)];
    }

    public async Task MarkChangedAsync(IReadOnlyCollection<int> years, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var year in years)
        {
            var entity = new TableEntity(ScoreStateEntity.Partition, Key(year)) { ["Year"] = year, ["ChangedAt"] = at };
            await _state.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        }
    }

    public Task MarkComputedAsync(int year, string catalogVersion, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(ScoreStateEntity.Partition, Key(year)) { ["Year"] = year, ["ComputedAt"] = at, ["CatalogVersion"] = catalogVersion };
        return _state.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public Task MarkScoredAsync(int year, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(ScoreStateEntity.Partition, Key(year)) { ["Year"] = year, ["ScoredAt"] = at };
        return _state.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task<int> WriteIndicatorsAsync(RegencyScore score, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var partition = IndicatorScoreEntity.Partition(score.Year, score.RegencyCode);
        var existing = new Dictionary<string, IndicatorScoreEntity>(StringComparer.Ordinal);
        await foreach (var e in _indicators.QueryAsync<IndicatorScoreEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            existing[e.RowKey] = e;
        }

        var entities = score.Indicators.Select((i, order) => IndicatorScoreEntity.From(score, i, order, computedAt)).ToList();
        var actions = entities
            .Where(e => !existing.TryGetValue(e.RowKey, out var old) || !old.SameScoreAs(e))
            .Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e))
            .Concat(existing.Keys.Except(entities.Select(e => e.RowKey)).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)))
            .ToList();
        foreach (var batch in actions.Chunk(StoreBatch.MaxEntities))
        {
            await _indicators.SubmitTransactionAsync(batch, cancellationToken);
        }

        return actions.Count;
    }

    private static string Key(int year) => year.ToString(CultureInfo.InvariantCulture);
}

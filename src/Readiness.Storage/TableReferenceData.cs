using Azure.Data.Tables;
using Readiness.Core;
using Readiness.Core.Catalog;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Storage;

/// <summary>
/// The registry (<c>regencies</c> table) and catalog (<c>indicators</c> table) as the functions app reads them:
/// loaded on first use and kept for <see cref="CacheFor"/>, so a request never reloads them per row.
/// The catalog falls back to the one shipped in the app when the table is empty.
/// </summary>
public sealed class TableReferenceData(StorageAccount account, TimeProvider clock) : IReferenceStore
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private (ReferenceData Data, DateTimeOffset LoadedAt)? _cached;

    public async ValueTask<ReferenceData> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } hit && clock.GetUtcNow() - hit.LoadedAt < CacheFor)
        {
            return hit.Data;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor)
            {
                return again.Data;
            }

            var data = new ReferenceData(await LoadCatalogAsync(cancellationToken) ?? CatalogFile.Default, await LoadRegistryAsync(cancellationToken));
            _cached = (data, clock.GetUtcNow());
            return data;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Forgets the cached data (after an import of the registry or catalog).</summary>
    public void Invalidate() => _cached = null;

    public async Task<RegencyRegistry> LoadRegistryAsync(CancellationToken cancellationToken)
    {
        var regencies = new List<Regency>();
        await foreach (var e in account.Table(StorageNames.Tables.Regencies).QueryAsync<RegencyEntity>(cancellationToken: cancellationToken))
        {
            regencies.Add(new Regency(e.Code, e.Name, e.ProvinceCode, e.ProvinceName, e.BpsCode,
                e.Aliases?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                e.Population, e.AreaKm2, e.FormerCode, e.FormerCodeUntil));
        }

        return new RegencyRegistry(regencies);
    }

    public async Task<IndicatorCatalog?> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        var rows = new List<IndicatorEntity>();
        await foreach (var e in account.Table(StorageNames.Tables.Indicators).QueryAsync<IndicatorEntity>(cancellationToken: cancellationToken))
        {
            rows.Add(e);
        }

        var indicators = rows.Where(r => r.PartitionKey == IndicatorEntity.CatalogPartition).OrderBy(r => r.Order).ToList();
        if (indicators.Count == 0)
        {
            return null;
        }

        return new IndicatorCatalog(
            indicators[0].CatalogVersion,
            indicators.Select(r => new Indicator(
                r.Code, r.Name, Enum.Parse<Dimension>(r.Dimension), Enum.Parse<IndicatorUnit>(r.Unit), r.Min, r.Max,
                new ScoringRule(Enum.Parse<ScoringMethod>(r.Method), r.Direction == "lower" ? Direction.LowerIsBetter : Direction.HigherIsBetter, r.Target, r.Best, r.Worst),
                Enum.Parse<Aggregation>(r.Aggregation), r.Weight)),
            indicators.GroupBy(r => Enum.Parse<Dimension>(r.Dimension)).ToDictionary(g => g.Key, g => g.First().DimensionWeight),
            rows.Where(r => r.PartitionKey == IndicatorEntity.LevelsPartition && r.Level is not null)
                .Select(r => new ReadinessLevel(r.Level!.Value, r.LevelName ?? "", r.Below)),
            rows.Where(r => r.PartitionKey == IndicatorEntity.PopulationClassesPartition && r.PopulationClass is not null)
                .OrderBy(r => r.Order)
                .Select(r => new PopulationClass(r.PopulationClass!, r.PopulationBelow)))
        {
            Calendar = new Core.Review.ReportingCalendar(rows
                .Where(r => r.PartitionKey == IndicatorEntity.CalendarPartition && r.Opens is not null && r.Due is not null && r.Closes is not null)
                .Select(r => new Core.Review.ReportingPeriod(int.Parse(r.RowKey, System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly.ParseExact(r.Opens!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly.ParseExact(r.Due!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly.ParseExact(r.Closes!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))),
        };
    }

    public async Task ReplaceRegistryAsync(RegencyRegistry registry, CancellationToken cancellationToken)
    {
        var table = account.Table(StorageNames.Tables.Regencies);
        var entities = registry.Regencies.Select(r => new RegencyEntity
        {
            PartitionKey = r.ProvinceCode.Length > 0 ? r.ProvinceCode : r.Code[..2],
            RowKey = r.Code,
            Code = r.Code,
            Name = r.Name,
            Kind = r.Kind.ToString(),
            ProvinceCode = r.ProvinceCode,
            ProvinceName = r.ProvinceName,
            BpsCode = r.BpsCode,
            Aliases = r.Aliases.Count > 0 ? string.Join('|', r.Aliases) : null,
            Population = r.Population,
            AreaKm2 = r.AreaKm2,
            FormerCode = r.FormerCode,
            FormerCodeUntil = r.FormerCodeUntil,
        }).ToList();
        await ReplaceAllAsync(table, entities, cancellationToken);
        Invalidate();
    }

    public async Task ReplaceCatalogAsync(IndicatorCatalog catalog, CancellationToken cancellationToken)
    {
        var table = account.Table(StorageNames.Tables.Indicators);
        var entities = catalog.Indicators.Select((i, order) => new IndicatorEntity
        {
            PartitionKey = IndicatorEntity.CatalogPartition,
            RowKey = i.Code,
            CatalogVersion = catalog.Version,
            Code = i.Code,
            Name = i.Name,
            Dimension = i.Dimension.ToString(),
            DimensionWeight = catalog.DimensionWeights.GetValueOrDefault(i.Dimension, 1),
            Unit = i.Unit.ToString(),
            Min = i.Min,
            Max = i.Max,
            Method = i.Scoring.Method.ToString(),
            Direction = i.Scoring.Method == ScoringMethod.Target ? (i.Scoring.Direction == Direction.LowerIsBetter ? "lower" : "higher") : null,
            Target = i.Scoring.Target,
            Best = i.Scoring.Best,
            Worst = i.Scoring.Worst,
            Aggregation = i.Aggregation.ToString(),
            Weight = i.Weight,
            Order = order,
        }).Concat(catalog.Levels.Select(l => new IndicatorEntity
        {
            PartitionKey = IndicatorEntity.LevelsPartition,
            RowKey = l.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CatalogVersion = catalog.Version,
            Level = l.Level,
            LevelName = l.Name,
            Below = l.UpperBound,
        })).Concat(catalog.PopulationClasses.Select((c, order) => new IndicatorEntity
        {
            PartitionKey = IndicatorEntity.PopulationClassesPartition,
            RowKey = order.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CatalogVersion = catalog.Version,
            Order = order,
            PopulationClass = c.Name,
            PopulationBelow = c.Below,
        })).Concat(catalog.Calendar.Periods.Select(p => new IndicatorEntity
        {
            PartitionKey = IndicatorEntity.CalendarPartition,
            RowKey = p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CatalogVersion = catalog.Version,
            Opens = Core.Review.ReportingPeriod.Format(p.Opens),
            Due = Core.Review.ReportingPeriod.Format(p.Due),
            Closes = Core.Review.ReportingPeriod.Format(p.Closes),
        })).ToList();
        await ReplaceAllAsync(table, entities, cancellationToken);
        Invalidate();
    }

    private static async Task ReplaceAllAsync<T>(TableClient table, IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var keep = entities.Select(e => (e.PartitionKey, e.RowKey)).ToHashSet();
        var stale = new List<(string, string)>();
        await foreach (var e in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (!keep.Contains((e.PartitionKey, e.RowKey)))
            {
                stale.Add((e.PartitionKey, e.RowKey));
            }
        }

        foreach (var partition in entities.GroupBy(e => e.PartitionKey))
        {
            foreach (var batch in partition.Chunk(StoreBatch.MaxEntities))
            {
                await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
            }
        }

        foreach (var (pk, rk) in stale)
        {
            await table.DeleteEntityAsync(pk, rk, cancellationToken: cancellationToken);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Ports;
using Readiness.Core.Quality;
using Readiness.Development;

namespace Readiness.EndToEnd;

/// <summary>
/// The cost of the data-quality checks (issue 15): on Azurite holding the national dataset (514 regencies × 10
/// years of every indicator, <see cref="QualityStage"/>'s generator), one regency's upload of its latest year with
/// the checks (rules and outliers against its history and the 514 peers, flags stored) against the same upload
/// with the checks switched off, alternated in the same run.
/// </summary>
public static class QualityCostStage
{
    private const string Stage = "quality";
    private const int Warmup = 5;
    private const int Runs = 25;
    // Upload ids order by time; the seed's sorts before every real one, so the uploads replace it.
    private const string SeedUploadId = "0-seed";

    public static async Task RunAsync(BenchReport report, AzuriteProcess azurite)
    {
        var checks = new SwitchableChecks();
        await using var env = await StorageEnv.CreateAsync(azurite.ConnectionString, writeParallelism: 8, replacements: s => s
            .AddSingleton(checks)
            .Replace(ServiceDescriptor.Singleton<IQualityChecks>(sp => checks.Over(sp.GetRequiredService<QualityService>()))));
        var catalog = BenchDataSet.Catalog;
        var regencies = BenchDataSet.Registry.Regencies;
        Console.WriteLine($"Quality cost: seeding {regencies.Count} regencies × 10 years of yearly values");
        var seed = Stopwatch.StartNew();
        var store = env.Services.GetRequiredService<IObservationStore>();
        var data = regencies.ToDictionary(r => r.Code, r => BenchDataSet.YearlyHistory(r.Code, catalog), StringComparer.Ordinal);
        await Parallel.ForEachAsync(data, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, ct) =>
        {
            foreach (var batch in pair.Value.Chunk(StoreBatch.MaxEntities))
            {
                await store.SubmitAsync(pair.Key, [.. batch.Select(o => new ObservationWrite(o with { UploadId = SeedUploadId }, null))], ct);
            }
        });
        var seeded = seed.Elapsed;

        // The first check of a year in a process reads every regency's year for the peer snapshot. Its ceiling: the
        // same partitions' rows of the year read whole, as many in flight as the checks read, before and after it.
        async Task<double> ReadYearWhole()
        {
            var watch = Stopwatch.StartNew();
            var year = BenchDataSet.Year.ToString(CultureInfo.InvariantCulture);
            var next = (BenchDataSet.Year + 1).ToString(CultureInfo.InvariantCulture);
            await Parallel.ForEachAsync(regencies, new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism }, async (regency, ct) =>
            {
                await foreach (var _ in env.Observations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {regency.Code} and RowKey ge {year} and RowKey lt {next}"), cancellationToken: ct))
                {
                }
            });
            return watch.Elapsed.TotalSeconds;
        }

        var readBefore = await ReadYearWhole();
        checks.Enabled = true;
        var cold = Stopwatch.StartNew();
        await env.Services.GetRequiredService<QualityService>().CheckAsync([BenchDataSet.Year], [regencies[0].Code], CancellationToken.None);
        var coldSeconds = cold.Elapsed.TotalSeconds;
        var readAfter = await ReadYearWhole();
        var readSeconds = (readBefore + readAfter) / 2;

        var with = new List<double>();
        var without = new List<double>();
        var findings = 0;
        for (var i = 0; i < Warmup + Runs; i++)
        {
            foreach (var enabled in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var regency = regencies[1 + (2 * i) + (enabled ? 0 : 1)];
                checks.Enabled = enabled;
                var file = Upload(data[regency.Code], i);
                var watch = Stopwatch.StartNew();
                var result = await env.Imports.ImportAsync(new ImportRequest { Regency = regency, Source = UploadSource.Cli, FileName = "latest.csv" }, new MemoryStream(file, writable: false), CancellationToken.None);
                var seconds = watch.Elapsed.TotalSeconds;
                if (result.Outcome != ImportOutcome.Accepted || result.Report.ErrorCount > 0 || result.Upload.Updated == 0)
                {
                    throw new InvalidOperationException($"Quality cost upload for {regency.Code}: {result.Upload.Status}, {result.Upload.Imported} imported, {result.Upload.Updated} updated, {result.Upload.Unchanged} unchanged, {result.Report.ErrorCount} errors, {result.Report.Rejected} rejected; {result.Report.Errors.FirstOrDefault()?.Message}");
                }

                if (i >= Warmup)
                {
                    (enabled ? with : without).Add(seconds);
                    findings += enabled ? result.Report.Warnings.Count(w => w.Code is QualityCodes.Outlier or QualityCodes.RuleViolation or QualityCodes.PossibleThousandsError) : 0;
                }
            }
        }

        var p50With = Stats.Median(with);
        var p50Without = Stats.Median(without);
        report.Add(new ResultRow(
            Stage + ": one regency's upload with the checks (rules, history and peer outliers over the 514, flags stored)",
            string.Create(CultureInfo.InvariantCulture, $"p50 {p50With * 1000:0.0} ms, p95 {Stats.Percentile(with, 95) * 1000:0.0} ms"), p50With,
            string.Create(CultureInfo.InvariantCulture, $"the same upload without the checks: p50 {p50Without * 1000:0.0} ms, p95 {Stats.Percentile(without, 95) * 1000:0.0} ms"), p50Without,
            TargetKind.AtMost, 1.5));
        report.Add(new ResultRow(
            Stage + ": the first check of a year in a process (builds the peer snapshot from every regency's " + BenchDataSet.Year.ToString(CultureInfo.InvariantCulture) + " rows; once per process, year and `PeerSnapshotMaxAge`)",
            string.Create(CultureInfo.InvariantCulture, $"{coldSeconds * 1000:0} ms ({coldSeconds / p50Without:0.0} × the upload without the checks)"), coldSeconds,
            string.Create(CultureInfo.InvariantCulture, $"reading those {regencies.Count} partitions' {BenchDataSet.Year} rows whole, {PartitionReads.Parallelism} in flight: {readSeconds * 1000:0} ms (before {readBefore * 1000:0}, after {readAfter * 1000:0})"), readSeconds,
            TargetKind.AtMost, 1.5));
        report.Note("Quality cost", string.Create(CultureInfo.InvariantCulture,
            $"Azurite seeded with {data.Values.Sum(v => v.Count):N0} yearly values ({regencies.Count} regencies × {catalog.Indicators.Count} indicators × {QualityStage.FirstYear}–{BenchDataSet.Year}, `BenchDataSet.YearlyHistory`) in {seeded.TotalSeconds:0.0} s. Each upload is one regency's {catalog.Indicators.Count} values of {BenchDataSet.Year}, each changed a little (one transaction); {Warmup} warm-up + {Runs} measured pairs, with and without the checks alternated, each pair on two regencies not uploaded before; {findings} quality warnings in the measured uploads with checks."));
        report.Note("Quality cost", string.Create(CultureInfo.InvariantCulture,
            $"The checks read the uploading regency's whole history and take the other regencies' {BenchDataSet.Year} values from the peer snapshot (`PeerSnapshots`, renewed after `PeerSnapshotMaxAge`). The first check of a year in a process reads every regency's year to build it: {coldSeconds * 1000:0} ms here, reading only the observation columns (`TableObservationStore.ReadAsync` selects them; the audit columns are about half a row), against {readSeconds * 1000:0} ms for reading the same rows whole."));
    }

    /// <summary>A regency's latest-year values, each moved by a small step (a real correction, written as an update).</summary>
    private static byte[] Upload(List<Observation> history, int round)
    {
        var text = new StringBuilder("regency_code,indicator_code,period,value\n");
        foreach (var o in history.Where(o => o.Period.Year == BenchDataSet.Year))
        {
            BenchDataSet.Catalog.TryGet(o.IndicatorCode, out var indicator);
            ArgumentNullException.ThrowIfNull(indicator);
            var step = indicator.Unit == IndicatorUnit.Count ? 1 + (round % 3) : Math.Max(0.01, Math.Abs(o.Value) * 0.001 * (1 + (round % 3)));
            // The generator's counts have decimals; an upload's are whole.
            var current = indicator.Unit == IndicatorUnit.Count ? Math.Round(o.Value) : o.Value;
            var value = indicator.IsBoolean ? 1 - o.Value
                : current + step <= (indicator.Max ?? double.MaxValue) ? current + step
                : current - step;
            text.Append(CultureInfo.InvariantCulture, $"{o.RegencyCode},{o.IndicatorCode},{BenchDataSet.Year},{Math.Round(value, 3)}\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>The import's checks, switchable between runs of the same pipeline.</summary>
    private sealed class SwitchableChecks : IQualityChecks
    {
        private IQualityChecks? _inner;

        public bool Enabled { get; set; }

        public SwitchableChecks Over(IQualityChecks inner)
        {
            _inner = inner;
            return this;
        }

        public Task<IReadOnlyList<QualityFinding>> CheckAfterImportAsync(IReadOnlyCollection<int> years, IReadOnlyCollection<string>? regencyCodes, int readParallelism, CancellationToken cancellationToken) =>
            Enabled && _inner is not null ? _inner.CheckAfterImportAsync(years, regencyCodes, readParallelism, cancellationToken) : Task.FromResult<IReadOnlyList<QualityFinding>>([]);
    }
}

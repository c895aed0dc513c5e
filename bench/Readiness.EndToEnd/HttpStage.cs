using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.EndToEnd;

/// <summary>
/// <c>--stages http</c>: the HTTP surface through the local host (devhost/, started as the tests start it:
/// <see cref="LocalApiHost"/>), against the same work done in-process in the same run. 514 single-regency uploads
/// (288 rows each, one per regency) at 1, 8 and 32 concurrent clients, each run on fresh tables, against the same
/// uploads through <c>ImportService.ImportAsync</c>; then <c>GET /api/scores?year=</c> at 32 clients against reading
/// the same rows from the scores table. Queue functions are off, so no background scoring competes with the uploads.
/// </summary>
public static class HttpStage
{
    private const string Section = "HTTP through the local host";
    private static readonly int[] Concurrencies = [1, 8, 32];
    private const int WarmupUploads = 24;
    private const int ScoreRequests = 32 * 30;

    /// <param name="uploads">Run the upload comparison (<c>http</c> or <c>http-uploads</c>).</param>
    /// <param name="scores">Run the score-read comparison (<c>http</c> or <c>http-scores</c>).</param>
    public static async Task RunAsync(BenchReport report, AzuriteProcess azurite, bool uploads = true, bool scores = true)
    {
        var registry = BenchDataSet.Registry;
        var files = registry.Regencies.Select(r => (Regency: r, Bytes: BenchDataSet.Single(r))).ToList();
        if (uploads)
        {
            await UploadsAsync(report, azurite, registry, files);
        }

        if (scores)
        {
            await ScoresAsync(report, azurite, registry, files);
        }
    }

    private static async Task UploadsAsync(BenchReport report, AzuriteProcess azurite, RegencyRegistry registry, List<(Regency Regency, byte[] Bytes)> files)
    {
        report.Note(Section, string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} uploads of {files[0].Bytes.Length:N0}-byte single-regency files (288 rows each) per run, one per regency of the bench registry, each run on fresh tables; HTTP: `POST /api/regencies/{{code}}/uploads` (`text/csv`, admin key) from one `HttpClient` with bounded concurrency; in-process: `ImportService.ImportAsync` of the same host's services. Queue functions off. Latencies are per request, nearest-rank percentiles."));

        // Warm-up (JIT, connection pools) of both paths on a throwaway host.
        await using (var warm = await StartAsync(azurite, registry))
        {
            await UploadOverHttpAsync(warm, files.Take(WarmupUploads).ToList(), 4);
            await UploadInProcessAsync(warm, files.Skip(WarmupUploads).Take(WarmupUploads).ToList(), 4);
        }

        report.Note(Section, "| clients | path | uploads/s | p50 ms | p95 ms | p99 ms | errors | observations stored | p95 HTTP ÷ in-process |");
        report.Note(Section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        Run? oneClientHttp = null, oneClientInProcess = null;
        foreach (var clients in Concurrencies)
        {
            Console.WriteLine($"HTTP stage: {files.Count} uploads at {clients} clients, in-process then over HTTP");
            var inProcess = await MeasureAsync(azurite, registry, files, clients, http: false);
            var overHttp = await MeasureAsync(azurite, registry, files, clients, http: true);
            foreach (var (run, path) in new[] { (inProcess, "in-process `ImportAsync`"), (overHttp, "HTTP") })
            {
                report.Note(Section, string.Create(CultureInfo.InvariantCulture,
                    $"| {clients} | {path} | {run.PerSecond:N1} | {run.P50 * 1000:0.0} | {run.P95 * 1000:0.0} | {run.P99 * 1000:0.0} | {run.Errors} | {run.Stored:N0} of {files.Count * 288:N0} | {(run == overHttp ? (overHttp.P95 / inProcess.P95).ToString("0.00", CultureInfo.InvariantCulture) : "")} |"));
            }

            if (clients == 1)
            {
                (oneClientHttp, oneClientInProcess) = (overHttp, inProcess);
            }
        }

        var expected = files.Count * 288L;
        report.Add(new ResultRow(
            "single-regency upload over HTTP through the local host, 1 client (p95 of 514)",
            $"p95 {oneClientHttp!.P95 * 1000:0.0} ms (p50 {oneClientHttp.P50 * 1000:0.0} ms, {oneClientHttp.PerSecond:0.0}/s)", oneClientHttp.P95,
            $"`ImportService.ImportAsync` in-process, p95 {oneClientInProcess!.P95 * 1000:0.0} ms (p50 {oneClientInProcess.P50 * 1000:0.0} ms)", oneClientInProcess.P95,
            TargetKind.AtMost, 1.3,
            "zero errors and exact stored counts at 1, 8 and 32 clients", Runs.All(r => r.Errors == 0 && r.Stored == expected)));
    }

    /// <summary>Every run of this stage, for the zero-error condition.</summary>
    private static readonly List<Run> Runs = [];

    private sealed record Run(int Clients, bool Http, double PerSecond, double P50, double P95, double P99, int Errors, long Stored);

    private static async Task<Run> MeasureAsync(AzuriteProcess azurite, RegencyRegistry registry, List<(Regency Regency, byte[] Bytes)> files, int clients, bool http)
    {
        await using var host = await StartAsync(azurite, registry);
        var watch = Stopwatch.StartNew();
        var (latencies, errors) = http
            ? await UploadOverHttpAsync(host, files, clients)
            : await UploadInProcessAsync(host, files, clients);
        var wall = watch.Elapsed.TotalSeconds;
        var stored = await CountAsync(host.Account.Table(StorageNames.Tables.Observations));
        var run = new Run(clients, http, files.Count / wall, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 95), Stats.Percentile(latencies, 99), errors, stored);
        Runs.Add(run);
        return run;
    }

    private static async Task<LocalApiHost> StartAsync(AzuriteProcess azurite, RegencyRegistry registry)
    {
        var host = await LocalApiHost.StartAsync(new LocalApiHostOptions { ConnectionString = azurite.ConnectionString, LoadSampleRegistry = false, RunQueues = false });
        await host.Services.GetRequiredService<ReferenceDataService>().ReplaceRegistryAsync(registry, CancellationToken.None);
        return host;
    }

    private static async Task<(List<double> Latencies, int Errors)> UploadOverHttpAsync(LocalApiHost host, List<(Regency Regency, byte[] Bytes)> files, int clients)
    {
        var client = host.ClientWithKey(host.AdminKey);
        return await LoadAsync(files, clients, async file =>
        {
            using var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            using var response = await client.PostAsync($"api/regencies/{file.Regency.Code}/uploads", content);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return response.IsSuccessStatusCode && body.RootElement.GetProperty("upload").GetProperty("imported").GetInt32() == 288;
        });
    }

    private static async Task<(List<double> Latencies, int Errors)> UploadInProcessAsync(LocalApiHost host, List<(Regency Regency, byte[] Bytes)> files, int clients)
    {
        var imports = host.Services.GetRequiredService<ImportService>();
        return await LoadAsync(files, clients, async file =>
        {
            var result = await imports.ImportAsync(new ImportRequest { Regency = file.Regency, Source = UploadSource.Http, FileName = "single.csv" }, new MemoryStream(file.Bytes), CancellationToken.None);
            return result.Outcome == ImportOutcome.Accepted && result.Upload.Imported == 288;
        });
    }

    /// <summary>Runs <paramref name="work"/> for every item with at most <paramref name="clients"/> at once: each
    /// item's latency, and how many failed or answered wrongly.</summary>
    private static async Task<(List<double> Latencies, int Errors)> LoadAsync<T>(IReadOnlyList<T> items, int clients, Func<T, Task<bool>> work)
    {
        var latencies = new double[items.Count];
        var errors = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) =>
        {
            var watch = Stopwatch.StartNew();
            bool ok;
            try
            {
                ok = await work(items[i]);
            }
            catch (Exception e) when (e is HttpRequestException or Azure.RequestFailedException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                ok = false;
            }

            latencies[i] = watch.Elapsed.TotalSeconds;
            if (!ok)
            {
                Interlocked.Increment(ref errors);
            }
        });
        return ([.. latencies], errors);
    }

    /// <summary><c>GET /api/scores?year=</c> at 32 clients against the same 514 rows read from the scores table.</summary>
    private static async Task ScoresAsync(BenchReport report, AzuriteProcess azurite, RegencyRegistry registry, List<(Regency Regency, byte[] Bytes)> files)
    {
        Console.WriteLine($"HTTP stage: {ScoreRequests} score reads at 32 clients, direct from the table then over HTTP");
        await using var host = await StartAsync(azurite, registry);
        await UploadInProcessAsync(host, files, 8);
        await host.Services.GetRequiredService<ScoreService>().RecomputeAsync([BenchDataSet.Year], CancellationToken.None);
        var table = host.Account.Table(StorageNames.Tables.Scores);
        var year = BenchDataSet.Year.ToString(CultureInfo.InvariantCulture);
        var rows = await CountAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {year}"));
        var client = host.ClientWithKey(host.AdminKey);
        var requests = Enumerable.Range(0, ScoreRequests).ToList();

        // Warm both, then measure the table first and HTTP second.
        await LoadAsync(requests.Take(64).ToList(), 32, async _ => await ReadTableAsync(table, year) == rows);
        await LoadAsync(requests.Take(64).ToList(), 32, async _ => await GetScoresAsync(client, year) == rows);
        var watch = Stopwatch.StartNew();
        var (direct, directErrors) = await LoadAsync(requests, 32, async _ => await ReadTableAsync(table, year) == rows);
        var directRate = ScoreRequests / watch.Elapsed.TotalSeconds;
        watch.Restart();
        var (http, httpErrors) = await LoadAsync(requests, 32, async _ => await GetScoresAsync(client, year) == rows);
        var httpRate = ScoreRequests / watch.Elapsed.TotalSeconds;

        report.Note(Section, string.Create(CultureInfo.InvariantCulture,
            $"`GET /api/scores?year={year}` ({rows} rows, JSON), {ScoreRequests} requests at 32 clients: {httpRate:N1} req/s, p50 {Stats.Percentile(http, 50) * 1000:0.0} ms, p95 {Stats.Percentile(http, 95) * 1000:0.0} ms, {httpErrors} errors. " +
            $"The same rows read from the scores table (one partition query, all columns): {directRate:N1} reads/s, p95 {Stats.Percentile(direct, 95) * 1000:0.0} ms, {directErrors} errors. " +
            $"HTTP ÷ table: {httpRate / directRate:0.00} × the rate, {Stats.Percentile(http, 95) / Stats.Percentile(direct, 95):0.00} × the p95 (the HTTP path also checks the key, reads the registry for the province check and serializes JSON)."));
    }

    private static async Task<int> GetScoresAsync(HttpClient client, string year)
    {
        using var response = await client.GetAsync($"api/scores?year={year}");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("count").GetInt32();
    }

    private static async Task<int> ReadTableAsync(TableClient table, string year) =>
        await CountAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {year}"), all: true);

    private static async Task<int> CountAsync(TableClient table, string? filter = null, bool all = false)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: all ? null : ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}

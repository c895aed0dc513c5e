using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Development;
using Readiness.Storage;

namespace Readiness.EndToEnd;

/// <summary>What one import child process measured.</summary>
public sealed record ImportMemoryMeasurement(int Imports, long Bytes, long Values, long Imported, long Unchanged, long PeakRssKiB, long RssBeforeKiB, double Seconds, string Runtime, string Statuses, MemoryAtPeak AtPeak);

/// <summary>What the resident memory was made of when it was highest (sampled every 50 ms from
/// /proc/self/smaps_rollup): mapped files (the runtime's and the app's code and data files), shared memory (the JIT's
/// code and the runtime's stubs, mapped twice for W^X), anonymous memory (the GC heap and the runtime's native
/// memory), and the GC's own figures of its last collection.</summary>
public sealed record MemoryAtPeak(long RssKiB, long MappedFilesKiB, long ExecutableKiB, long AnonymousKiB, long GcHeapBytes, long GcCommittedBytes);

/// <summary>
/// Peak memory of background imports (issue 11): a 20 MB file (the national file × 5 years, 740,160 rows) archived and
/// processed as the queue function processes it (<c>ImportAsync</c> with <c>Async</c>, then <c>ProcessQueuedAsync</c>),
/// in a fresh child process of this program whose VmHWM is read afterwards. Once into an empty account (every value
/// written), then 6 at once in one process, host.json's most per instance, into the account that holds the file
/// (each reads every partition and writes nothing: 6 × 740,160 more entities would take Azurite many minutes).
/// </summary>
public static class ImportMemoryStage
{
    public const string ChildFlag = "--measure-import";

    /// <summary>Budget of one background import, and the Flex Consumption instance that 6 must fit.</summary>
    private const double OneBudgetMiB = 150;
    private const double InstanceMiB = 2048;
    private const int Concurrent = 6;
    private const int Years = 5;

    public static async Task<int> ChildAsync(string path, string connection, string prefix, int imports)
    {
        var account = StorageAccount.Open(connection, prefix);
        await using var services = new ServiceCollection()
            .AddReadiness(account)
            .AddLogging()
            .Replace(ServiceDescriptor.Singleton<IReferenceData>(new FixedReferenceData(new ReferenceData(BenchDataSet.Catalog, BenchDataSet.Registry))))
            .BuildServiceProvider();
        var service = services.GetRequiredService<ImportService>();
        var before = ProcessCpu.RssKiB();
        using var sampler = new PeakSampler();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, imports).Select(_ => Task.Run(async () =>
        {
            ImportResult accepted;
            await using (var file = File.OpenRead(path))
            {
                accepted = await service.ImportAsync(new ImportRequest { Async = true, FileName = Path.GetFileName(path) }, file, CancellationToken.None);
            }

            return (await service.ProcessQueuedAsync(new UploadWork(accepted.Upload.RegencyCode, accepted.Upload.UploadId), CancellationToken.None))!;
        })));
        watch.Stop();
        var measurement = new ImportMemoryMeasurement(
            imports, new FileInfo(path).Length, results.Sum(r => (long)r.Upload.Values), results.Sum(r => (long)r.Upload.Imported), results.Sum(r => (long)r.Upload.Unchanged),
            ProcessCpu.PeakRssKiB(), before, watch.Elapsed.TotalSeconds, RuntimeSettings(), string.Join(",", results.Select(r => r.Upload.Status).Distinct()), sampler.Stop());
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return results.All(r => r.Upload.Status == UploadStatus.Completed) ? 0 : 1;
    }

    /// <summary>The runtime settings the child ran with (the Functions worker's, from functions/WorkerRuntime.props).</summary>
    private static string RuntimeSettings()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, concurrent {AppContext.GetData("System.GC.Concurrent") ?? "default (on)"}, ConserveMemory {AppContext.GetData("System.GC.ConserveMemory") ?? "0"}, TieredPGO {AppContext.GetData("System.Runtime.TieredPGO") ?? "default (on)"}, GC heap limit {limit / 1048576.0:N0} MiB");
    }

    public static async Task RunAsync(BenchReport report, string workDirectory)
    {
        Console.WriteLine("Import memory: background imports of a 20 MB file in child processes");
        var file = Path.Combine(workDirectory, "national-5x.csv");
        await using (var output = File.Create(file))
        {
            BenchDataSet.WriteNational(output, Years);
        }

        using var azurite = AzuriteProcess.Start(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory());
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var account = StorageAccount.Open(azurite.ConnectionString, prefix);
        await account.EnsureCreatedAsync();
        var one = await MeasureAsync(file, azurite.ConnectionString, prefix, 1);
        var six = await MeasureAsync(file, azurite.ConnectionString, prefix, Concurrent);

        report.Add(new ResultRow(
            "peak memory of one background import of a 20 MB file (740,160 rows, every value written)",
            string.Create(CultureInfo.InvariantCulture, $"{one.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({one.Imported:N0} imported, {one.Seconds:0} s)"), one.PeakRssKiB / 1024.0,
            "budget 150 MiB (was 373 MiB before issue 11)", OneBudgetMiB,
            TargetKind.AtMost, 1.0));
        report.Add(new ResultRow(
            "peak memory of 6 background imports of that file at once, one process (host.json's most per instance)",
            string.Create(CultureInfo.InvariantCulture, $"{six.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({six.Values:N0} values, {six.Seconds:0} s)"), six.PeakRssKiB / 1024.0,
            "a 2 GB Flex Consumption instance: 2,048 MiB", InstanceMiB,
            TargetKind.AtMost, 1.0));

        const string section = "Import memory: background imports";
        report.Note(section, string.Create(CultureInfo.InvariantCulture,
            $"The file: the national file for {Years} years, {one.Bytes:N0} bytes, {one.Values:N0} values. Each child (`Readiness.EndToEnd {ChildFlag} FILE CONNECTION PREFIX N`) runs N imports as the queue function does: `ImportAsync` (archive, queue) then `ProcessQueuedAsync` (validate, read into the compact per-partition buffer, then read, classify and write 8 partitions at a time); peak RSS is VmHWM from /proc/self/status. The child runs with the Functions worker's runtime settings (functions/WorkerRuntime.props, imported by both projects): {one.Runtime}."));
        report.Note(section, "| imports in the process | into | values | imported | unchanged | peak RSS (VmHWM) | RSS before | time | statuses |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (m, into) in new[] { (one, "an empty account"), (six, "the account holding the file (nothing to write)") })
        {
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {m.Imports} | {into} | {m.Values:N0} | {m.Imported:N0} | {m.Unchanged:N0} | {m.PeakRssKiB / 1024.0:0.0} MiB | {m.RssBeforeKiB / 1024.0:0.0} MiB | {m.Seconds:0.0} s | {m.Statuses} |"));
        }

        report.Note(section, "What the resident memory was made of at its highest 50 ms sample (/proc/self/smaps_rollup; code and runtime: mapped files and the JIT's double-mapped code; data: anonymous memory, most of it the GC heap):");
        report.Note(section, "| imports | RSS at the sample | mapped files (code) | JIT code and stubs (shared memory) | anonymous (GC heap and native) | GC heap / committed at the last GC |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- |");
        foreach (var m in new[] { one, six })
        {
            var p = m.AtPeak;
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {m.Imports} | {p.RssKiB / 1024.0:0.0} MiB | {p.MappedFilesKiB / 1024.0:0.0} MiB | {p.ExecutableKiB / 1024.0:0.0} MiB | {p.AnonymousKiB / 1024.0:0.0} MiB | {p.GcHeapBytes / 1048576.0:0.0} / {p.GcCommittedBytes / 1048576.0:0.0} MiB |"));
        }
    }

    private static async Task<ImportMemoryMeasurement> MeasureAsync(string file, string connection, string prefix, int imports)
    {
        var measurement = await MemoryStage.RunChildAsync<ImportMemoryMeasurement>(
            [ChildFlag, file, connection, prefix, imports.ToString(CultureInfo.InvariantCulture)], $"the import child ({imports})");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {imports} import(s): peak RSS {measurement.PeakRssKiB / 1024.0:0.0} MiB, {measurement.Seconds:0.0} s"));
        return measurement;
    }
}

/// <summary>Samples resident memory every 50 ms and keeps its make-up at the highest sample.</summary>
internal sealed class PeakSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopped;
    private MemoryAtPeak _atPeak = new(0, 0, 0, 0, 0, 0);

    public PeakSampler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "peak sampler" };
        _thread.Start();
    }

    public MemoryAtPeak Stop()
    {
        _stopped = true;
        _thread.Join();
        return _atPeak;
    }

    public void Dispose()
    {
        if (!_stopped)
        {
            Stop();
        }
    }

    private void Run()
    {
        while (!_stopped)
        {
            var fields = File.ReadLines("/proc/self/smaps_rollup")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts is [_, _, "kB"])
                .ToDictionary(parts => parts[0].TrimEnd(':'), parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
            if (fields["Rss"] > _atPeak.RssKiB)
            {
                var gc = GC.GetGCMemoryInfo();
                // Rss = anonymous + shared memory (Pss_Shmem: only this process maps it) + mapped files.
                _atPeak = new MemoryAtPeak(fields["Rss"], fields["Rss"] - fields["Anonymous"] - fields["Pss_Shmem"], fields["Pss_Shmem"], fields["Anonymous"], gc.HeapSizeBytes, gc.TotalCommittedBytes);
            }

            Thread.Sleep(50);
        }
    }
}

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
public sealed record ImportMemoryMeasurement(
    int Imports, long Bytes, long Values, long Imported, long Unchanged, long PeakRssKiB, long RssBeforeKiB, double Seconds, string Runtime, string Statuses, MemoryAtPeak AtPeak,
    int Parallelism, long JitMethods, long JitILBytes, long AllocatedBytes, int Gen0, int Gen2, IReadOnlyDictionary<string, long> PeakAtPhaseKiB);

/// <summary>The peak resident memory (VmHWM) when the imports first reach each phase: archived, about to write (the
/// file validated and read into its compact buffer), and every value written. Where the final peak is already
/// reached tells which part of an import needs the memory.</summary>
internal sealed class PhasePeaks : IImportCheckpoints
{
    public const string BeforeWriting = "validated and read, before the first write";
    private readonly Dictionary<string, long> _first = [];

    public IReadOnlyDictionary<string, long> FirstReachedKiB
    {
        get
        {
            lock (_first)
            {
                return new Dictionary<string, long>(_first);
            }
        }
    }

    public ValueTask ReachedAsync(string checkpoint, CancellationToken cancellationToken)
    {
        var phase = checkpoint switch
        {
            ImportCheckpoints.Archived => "archived",
            _ when checkpoint == ImportCheckpoints.Write(1) => BeforeWriting,
            ImportCheckpoints.Written => "written",
            _ => null,
        };
        if (phase is not null)
        {
            lock (_first)
            {
                _first.TryAdd(phase, ProcessCpu.PeakRssKiB());
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>What the resident memory was made of when it was highest (sampled every 50 ms from
/// /proc/self/smaps_rollup): mapped files (the runtime's and the app's code and data files), shared memory (the JIT's
/// code and the runtime's stubs, mapped twice for W^X), anonymous memory (the GC heap and the runtime's native
/// memory), and the GC's own figures of its last collection.</summary>
public sealed record MemoryAtPeak(long RssKiB, long MappedFilesKiB, long ExecutableKiB, long AnonymousKiB, long GcHeapBytes, long GcCommittedBytes);

/// <summary>
/// Peak memory of background imports (issue 11), measured on the worker's build as Azure runs it: this program
/// published ReadyToRun for linux-x64, with the worker's runtime settings (functions/WorkerRuntime.props, imported by
/// both projects) and the Function App's runtime app settings (<c>DOTNET_GCgen0size</c>). Each measurement is a fresh
/// child process whose VmHWM is read afterwards, running the imports as the queue function does (<c>ImportAsync</c>
/// with <c>Async</c>, then <c>ProcessQueuedAsync</c>), into its own empty tables: one import of a 20 MB file (the
/// national file × 5 years, 740,160 rows, every value written); one of a one-year national file; and 6 at once in one
/// process, host.json's most per instance, each of another one-year file, every value written. The 6-at-once figure is
/// scaled to 20 MB files by adding, per import, what the 20 MB import peaked above the one-year import (6 × 740,160
/// more entities would take Azurite most of an hour).
/// </summary>
public static class ImportMemoryStage
{
    public const string ChildFlag = "--measure-import";

    /// <summary>Budget of one background import, and the Flex Consumption instance that 6 must fit.</summary>
    private const double OneBudgetMiB = 150;
    private const double InstanceMiB = 2048;
    private const int Concurrent = 6;
    private const int Years = 5;

    /// <summary>The child: <paramref name="imports"/> background imports at once, the i-th of
    /// <paramref name="paths"/>[i % count], with <see cref="ImportOptions.BackgroundWriteParallelism"/> set when
    /// <paramref name="parallelism"/> is given (otherwise its default).</summary>
    public static async Task<int> ChildAsync(string[] paths, string connection, string prefix, int imports, int? parallelism)
    {
        var account = StorageAccount.Open(connection, prefix);
        await account.EnsureCreatedAsync();
        var collection = new ServiceCollection()
            .AddReadiness(account)
            .AddLogging()
            .Replace(ServiceDescriptor.Singleton<IReferenceData>(new FixedReferenceData(new ReferenceData(BenchDataSet.Catalog, BenchDataSet.Registry))));
        var phases = new PhasePeaks();
        collection.AddSingleton<IImportCheckpoints>(phases);
        if (parallelism is { } p)
        {
            collection.Configure<ImportOptions>(o => o.BackgroundWriteParallelism = p);
        }

        await using var services = collection.BuildServiceProvider();
        var service = services.GetRequiredService<ImportService>();
        var usedParallelism = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value.BackgroundWriteParallelism;
        var before = ProcessCpu.RssKiB();
        using var sampler = new PeakSampler();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, imports).Select(i => Task.Run(async () =>
        {
            var path = paths[i % paths.Length];
            ImportResult accepted;
            await using (var file = File.OpenRead(path))
            {
                accepted = await service.ImportAsync(new ImportRequest { Async = true, FileName = Path.GetFileName(path) }, file, CancellationToken.None);
            }

            return (await service.ProcessQueuedAsync(new UploadWork(accepted.Upload.RegencyCode, accepted.Upload.UploadId), CancellationToken.None))!;
        })));
        watch.Stop();
        var measurement = new ImportMemoryMeasurement(
            imports, paths.Sum(p => new FileInfo(p).Length), results.Sum(r => (long)r.Upload.Values), results.Sum(r => (long)r.Upload.Imported), results.Sum(r => (long)r.Upload.Unchanged),
            ProcessCpu.PeakRssKiB(), before, watch.Elapsed.TotalSeconds, RuntimeSettings(), string.Join(",", results.Select(r => r.Upload.Status).Distinct()), sampler.Stop(),
            usedParallelism, System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompiledILBytes(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(2), phases.FirstReachedKiB);
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return results.All(r => r.Upload.Status == UploadStatus.Completed) ? 0 : 1;
    }

    /// <summary>The runtime settings the child ran with (the Functions worker's, from functions/WorkerRuntime.props,
    /// plus any <c>DOTNET_GC…</c> variable of the experiment): the GC's own view of its configuration, non-default
    /// values only, and whether the app's code is precompiled.</summary>
    private static string RuntimeSettings()
    {
        var gc = GC.GetConfigurationVariables()
            .Where(v => v.Key is "ServerGC" or "ConcurrentGC" or "ConserveMemory" or "Gen0Size" or "GCgen0size" or "HeapHardLimit" or "GCHeapHardLimit" or "TotalPhysicalMemory" || v.Key.Contains("gen0", StringComparison.OrdinalIgnoreCase) || v.Key.Contains("Conserve", StringComparison.OrdinalIgnoreCase) || v.Key.Contains("HardLimit", StringComparison.OrdinalIgnoreCase))
            .Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Key}={v.Value}"));
        var r2r = IsReadyToRun(typeof(ImportService).Assembly.Location);
        return string.Create(CultureInfo.InvariantCulture,
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, TieredPGO {AppContext.GetData("System.Runtime.TieredPGO") ?? "default (on)"}, app code {(r2r ? "ReadyToRun" : "JIT")}; GC: {string.Join(", ", gc)}");
    }

    /// <summary>Whether an assembly carries ReadyToRun code (its PE header's managed native header).</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    public static async Task RunAsync(BenchReport report, string workDirectory)
    {
        Console.WriteLine("Import memory: background imports in child processes of the ReadyToRun build");
        var file = Path.Combine(workDirectory, "national-5x.csv");
        await using (var output = File.Create(file))
        {
            BenchDataSet.WriteNational(output, Years);
        }

        // Six one-year files of years the 20 MB file does not hold, so each of the 6 imports writes all its values.
        var yearFiles = new List<string>();
        for (var year = BenchDataSet.Year - Years - Concurrent + 1; year <= BenchDataSet.Year - Years; year++)
        {
            var path = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"national-{year}.csv"));
            await using var output = File.Create(path);
            BenchDataSet.WriteNationalYears(output, year, year);
            yearFiles.Add(path);
        }

        // The worker as Azure runs it: published ReadyToRun for linux-x64 (azd deploy runs dotnet publish on functions/,
        // whose publish is ReadyToRun), with the worker's runtime settings (functions/WorkerRuntime.props).
        var build = Path.Combine(workDirectory, "import-r2r");
        await ColdStartStage.PublishAsync(Path.Combine(BenchDataSet.RepositoryRoot, "bench", "Readiness.EndToEnd", "Readiness.EndToEnd.csproj"), build,
            "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true");
        var dll = Path.Combine(build, "Readiness.EndToEnd.dll");

        // The three children run at the same time, each against its own in-memory Azurite (a background import writes
        // 2 partitions at a time and mostly waits on storage, so they barely slow each other; one after the other took
        // an hour). Each writes into empty tables, so every value of every file is written.
        async Task<ImportMemoryMeasurement> MeasureOnOwnAzuriteAsync(IReadOnlyList<string> paths, int imports)
        {
            using var azurite = await AzuriteProcess.StartAsync(BenchDataSet.RepositoryRoot, AzuriteSetup.InMemory());
            return await MeasureAsync(dll, paths, azurite.ConnectionString, imports);
        }

        var measured = await Task.WhenAll(
            MeasureOnOwnAzuriteAsync([file], 1),
            MeasureOnOwnAzuriteAsync([yearFiles[0]], 1),
            MeasureOnOwnAzuriteAsync(yearFiles, Concurrent));
        var (one, oneYear, six) = (measured[0], measured[1], measured[2]);
        // A 20 MB file holds 5 years in its compact buffer and its duplicate check where a one-year file holds one:
        // what one 20 MB import needs above a one-year import, added once per import.
        var perFileExtraKiB = Math.Max(0, one.PeakRssKiB - oneYear.PeakRssKiB);
        var sixScaledKiB = six.PeakRssKiB + (Concurrent * perFileExtraKiB);

        report.Add(new ResultRow(
            "peak memory of one background import of a 20 MB file (740,160 rows, every value written), ReadyToRun worker build",
            string.Create(CultureInfo.InvariantCulture, $"{one.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({one.Imported:N0} imported in {one.Seconds:0} s, {one.Imported / one.Seconds:N0} values/s; {one.Parallelism} partitions at a time)"), one.PeakRssKiB / 1024.0,
            "budget 150 MiB (was 373 MiB before issue 11)", OneBudgetMiB,
            TargetKind.AtMost, 1.0));
        report.Add(new ResultRow(
            "peak memory of 6 background imports at once in one process (host.json's `batchSize`), scaled to 20 MB files",
            string.Create(CultureInfo.InvariantCulture, $"{sixScaledKiB / 1024.0:0.0} MiB: measured {six.PeakRssKiB / 1024.0:0.0} MiB with 6 one-year files ({six.Imported:N0} imported in {six.Seconds:0} s) + 6 × {perFileExtraKiB / 1024.0:0.0} MiB (one 20 MB import's peak minus one one-year import's, {oneYear.PeakRssKiB / 1024.0:0.0} MiB)"), sixScaledKiB / 1024.0,
            string.Create(CultureInfo.InvariantCulture, $"6 × the 150 MiB budget: {Concurrent * OneBudgetMiB:0} MiB (the 2 GB Flex instance: {InstanceMiB:N0} MiB)"), Concurrent * OneBudgetMiB,
            TargetKind.AtMost, 1.0));

        const string section = "Import memory: background imports";
        report.Note(section, string.Create(CultureInfo.InvariantCulture,
            $"The 20 MB file: the national file for {Years} years, {one.Bytes:N0} bytes, {one.Values:N0} values; the 6 files of the 6-at-once row: one year each ({string.Join(", ", yearFiles.Select(Path.GetFileNameWithoutExtension))}), {six.Bytes:N0} bytes, {six.Values:N0} values in all. Each child (`Readiness.EndToEnd {ChildFlag} FILES CONNECTION PREFIX N`, from this run's `dotnet publish -r linux-x64 -p:PublishReadyToRun=true` of the benchmark, into empty tables of its own in-memory Azurite; the three children run at the same time) runs N imports at once as the queue function does: `ImportAsync` (archive, queue) then `ProcessQueuedAsync` (validate, read into the compact per-partition buffer, then read, classify and write `BackgroundWriteParallelism` partitions at a time); peak RSS is VmHWM from /proc/self/status. The children get the Function App's runtime app settings (infra/modules/function-app.bicep): {string.Join(", ", WorkerAppSettings.Runtime().Select(s => $"`{s.Key}={s.Value}`"))}. Runtime: {one.Runtime}."));
        report.Note(section, "| imports in the process | values | imported | peak RSS (VmHWM) | RSS before | time | values/s | partitions at a time | methods JIT-compiled | allocated | GCs gen0 / gen2 | statuses |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (m, what) in new[] { (one, "1 (20 MB)"), (oneYear, "1 (one year)"), (six, "6 (one year each)") })
        {
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {m.Values:N0} | {m.Imported:N0} | {m.PeakRssKiB / 1024.0:0.0} MiB | {m.RssBeforeKiB / 1024.0:0.0} MiB | {m.Seconds:0.0} s | {m.Imported / m.Seconds:N0} | {m.Parallelism} | {m.JitMethods:N0} | {m.AllocatedBytes / 1048576.0:N0} MiB | {m.Gen0:N0} / {m.Gen2:N0} | {m.Statuses} |"));
        }

        report.Note(section, "When the peak was reached: VmHWM when the imports first reached each phase (archived; validated and read into the compact buffer, before the first write; every value written):");
        report.Note(section, "| imports | archived | before the first write | written | final peak |");
        report.Note(section, "| --- | --- | --- | --- | --- |");
        foreach (var (m, what) in new[] { (one, "1 (20 MB)"), (oneYear, "1 (one year)"), (six, "6 (one year each)") })
        {
            string At(string phase) => m.PeakAtPhaseKiB.TryGetValue(phase, out var kib) ? string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:0.0} MiB") : "not reached";
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {At("archived")} | {At(PhasePeaks.BeforeWriting)} | {At("written")} | {m.PeakRssKiB / 1024.0:0.0} MiB |"));
        }

        report.Note(section, "What the resident memory was made of at its highest 50 ms sample (/proc/self/smaps_rollup; code and runtime: mapped files and the JIT's double-mapped code; data: anonymous memory, most of it the GC heap):");
        report.Note(section, "| imports | RSS at the sample | mapped files (code) | JIT code and stubs (shared memory) | anonymous (GC heap and native) | GC heap / committed at the last GC |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- |");
        foreach (var (m, what) in new[] { (one, "1 (20 MB)"), (oneYear, "1 (one year)"), (six, "6 (one year each)") })
        {
            var p = m.AtPeak;
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {what} | {p.RssKiB / 1024.0:0.0} MiB | {p.MappedFilesKiB / 1024.0:0.0} MiB | {p.ExecutableKiB / 1024.0:0.0} MiB | {p.AnonymousKiB / 1024.0:0.0} MiB | {p.GcHeapBytes / 1048576.0:0.0} / {p.GcCommittedBytes / 1048576.0:0.0} MiB |"));
        }
    }

    /// <summary>The worker's runtime app settings (<c>DOTNET_GCgen0size</c>), unless the run sets them itself.</summary>
    private static Dictionary<string, string> WorkerEnvironment() =>
        WorkerAppSettings.Runtime().Where(s => Environment.GetEnvironmentVariable(s.Key) is null).ToDictionary(StringComparer.Ordinal);

    private static async Task<ImportMemoryMeasurement> MeasureAsync(string build, IReadOnlyList<string> files, string connection, int imports)
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var measurement = await MemoryStage.RunChildAsync<ImportMemoryMeasurement>(
            [ChildFlag, string.Join(',', files), connection, prefix, imports.ToString(CultureInfo.InvariantCulture)], $"the import child ({imports})", build, WorkerEnvironment());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {imports} import(s) of {files.Count} file(s): peak RSS {measurement.PeakRssKiB / 1024.0:0.0} MiB, {measurement.Seconds:0.0} s"));
        return measurement;
    }
}

internal static partial class WorkerAppSettings
{
    /// <summary>The runtime knobs the Function App sets as app settings (environment variables of the worker), read
    /// from infra/modules/function-app.bicep so the child runs with what Azure runs.</summary>
    public static Dictionary<string, string> Runtime()
    {
        var bicep = File.ReadAllText(Path.Combine(BenchDataSet.RepositoryRoot, "infra", "modules", "function-app.bicep"));
        return DotnetSetting().Matches(bicep).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"name: '(DOTNET_[A-Za-z0-9_]+)'\s+value: '([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex DotnetSetting();
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

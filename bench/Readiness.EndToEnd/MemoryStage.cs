using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Readiness.Core.Ingestion;

namespace Readiness.EndToEnd;

/// <summary>What one child process measured for one file.</summary>
public sealed record MemoryMeasurement(string File, long Bytes, int Rows, long Values, long PeakRssKiB, long PeakAfterValidationKiB, long RssBeforeKiB, long AllocatedBytes, long MaxHeapBytes, double Seconds);

/// <summary>
/// Peak memory of validate + normalize, each file in a fresh child process of this program, so the peaks are
/// comparable: the file is streamed from disk exactly as an import streams it from the archive (a validation pass,
/// then a normalizing pass on a second stream), and the child reports VmHWM from /proc/self/status afterwards.
/// </summary>
public static class MemoryStage
{
    public const string ChildFlag = "--measure-memory";

    /// <summary>The child's side: validate and normalize <paramref name="path"/>, then print one JSON line.</summary>
    public static async Task<int> ChildAsync(string path)
    {
        var reader = new ObservationReader(BenchDataSet.Catalog, BenchDataSet.Registry);
        var options = new ReadOptions();
        var before = ProcessCpu.RssKiB();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        Core.Validation.ValidationReport verdict;
        await using (var first = Open(path))
        {
            verdict = await reader.ValidateAsync(first, options);
        }

        var afterValidation = ProcessCpu.PeakRssKiB();
        long values = 0;
        await using (var second = Open(path))
        {
            await reader.ReadValidAsync(second, options, verdict, _ => values++);
        }

        watch.Stop();
        var measurement = new MemoryMeasurement(
            Path.GetFileName(path), new FileInfo(path).Length, verdict.Rows, values, ProcessCpu.PeakRssKiB(), afterValidation, before,
            GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes, watch.Elapsed.TotalSeconds);
        Console.WriteLine(JsonSerializer.Serialize(measurement));
        return verdict.Valid ? 0 : 1;
    }

    public static async Task RunAsync(BenchReport report, string single, string national1, string national10)
    {
        Console.WriteLine("Memory: validate + normalize in child processes");
        var baseline = await MeasureAsync(single);
        var one = await MeasureAsync(national1);
        var ten = await MeasureAsync(national10);
        report.Add(new ResultRow(
            "peak memory of validate/normalize, 10× national file (streamed)",
            $"{ten.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({ten.Rows:N0} rows)", ten.PeakRssKiB,
            $"1× file {one.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({one.Rows:N0} rows)", one.PeakRssKiB,
            TargetKind.AtMost, 1.5,
            "no buffering of the whole file: the peak grows by less than the file does",
            (ten.PeakRssKiB - one.PeakRssKiB) * 1024L < ten.Bytes - one.Bytes));

        const string section = "Memory: validate + normalize";
        report.Note(section, "Each file is validated and then normalized (two streamed passes, as an import does) in a fresh child process (`Readiness.EndToEnd --measure-memory FILE`); peak RSS is VmHWM from /proc/self/status after the run.");
        report.Note(section, "| file | bytes | rows | values | peak RSS | peak after the validation pass | RSS before reading | allocated | GC heap after | time |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var m in new[] { baseline, one, ten })
        {
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {m.File} | {m.Bytes:N0} | {m.Rows:N0} | {m.Values:N0} | {m.PeakRssKiB / 1024.0:0.0} MiB | {m.PeakAfterValidationKiB / 1024.0:0.0} MiB | {m.RssBeforeKiB / 1024.0:0.0} MiB | {m.AllocatedBytes / 1048576.0:0} MiB | {m.MaxHeapBytes / 1048576.0:0.0} MiB | {m.Seconds:0.00} s |"));
        }

        report.Note(section, string.Create(CultureInfo.InvariantCulture,
            $"Growth from the 1× to the 10× file: {(ten.PeakRssKiB - one.PeakRssKiB) / 1024.0:0.0} MiB of peak RSS for {(ten.Bytes - one.Bytes) / 1048576.0:0.0} MiB more file and {ten.Rows - one.Rows:N0} more rows ({(ten.PeakRssKiB - one.PeakRssKiB) * 1024.0 / (ten.Rows - one.Rows):0.0} bytes per row, against {(ten.Bytes - one.Bytes) / (double)(ten.Rows - one.Rows):0.0} bytes per row of file). What grows is the duplicate check's table of keys seen (their first value and row, 12 bytes a month slot), which exact duplicate detection needs; the file itself is streamed through a 64 KiB buffer."));
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    internal static async Task<MemoryMeasurement> MeasureAsync(string file)
    {
        var measurement = await RunChildAsync<MemoryMeasurement>([ChildFlag, file], $"the memory child for {file}");
        Console.WriteLine($"  {measurement.File}: {measurement.Rows:N0} rows, peak RSS {measurement.PeakRssKiB / 1024.0:0.0} MiB, {measurement.Seconds:0.00} s");
        return measurement;
    }

    /// <summary>Runs this program again with <paramref name="args"/> (a child mode) and reads the JSON line it prints last;
    /// <paramref name="build"/>: another build of it (its .dll, run with <c>dotnet</c>) instead of this process's;
    /// <paramref name="environment"/>: variables set for the child.</summary>
    internal static async Task<T> RunChildAsync<T>(IEnumerable<string> args, string what, string? build = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var (program, prefix) = build is null ? Self() : ("dotnet", [build]);
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        foreach (var arg in prefix.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var child = Process.Start(info) ?? throw new InvalidOperationException("The child process did not start.");
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{what} failed ({child.ExitCode}): {await error}");
        }

        return JsonSerializer.Deserialize<T>(line)!;
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet program.dll</c>.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(MemoryStage).Assembly.Location])
            : (process, []);
    }
}

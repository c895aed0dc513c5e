using System.Diagnostics;
using System.Globalization;

namespace Readiness.EndToEnd;

/// <summary>CPU time of any process, from /proc/PID/stat (Linux), so the report can show who was busy.</summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; 100 on every Linux the SDK supports

    public static double SecondsOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces; fields after its closing parenthesis are fixed: utime is the 12th, stime the 13th.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Peak resident set size of this process (VmHWM), in KiB.</summary>
    public static long PeakRssKiB() => StatusField("VmHWM:");

    /// <summary>Current resident set size of this process (VmRSS), in KiB.</summary>
    public static long RssKiB() => StatusField("VmRSS:");

    private static long StatusField(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}

/// <summary>
/// What the client and Azurite did during one measured stretch: the in-process equivalent of a dotnet-counters
/// snapshot (CPU, allocations, GC pauses) plus Azurite's CPU, which shows when storage is the bottleneck.
/// </summary>
public sealed record Profile(double WallSeconds, double ClientCpuSeconds, double AzuriteCpuSeconds, long AllocatedBytes, int Gen0, int Gen1, int Gen2, double GcPauseSeconds)
{
    public string Describe()
    {
        var azurite = double.IsNaN(AzuriteCpuSeconds)
            ? ""
            : FormattableString.Invariant($"Azurite CPU {AzuriteCpuSeconds:0.00} s ({AzuriteCpuSeconds / WallSeconds:P0} of its one thread); ");
        return FormattableString.Invariant($"wall {WallSeconds:0.000} s; client CPU {ClientCpuSeconds:0.00} s ({ClientCpuSeconds / WallSeconds:P0} of one core); ") +
            azurite +
            FormattableString.Invariant($"allocated {AllocatedBytes / 1048576.0:0.0} MiB; GCs gen0/1/2 {Gen0}/{Gen1}/{Gen2}, paused {GcPauseSeconds * 1000:0} ms");
    }
}

/// <summary>Starts a measured stretch; <see cref="Stop"/> returns its profile.</summary>
public sealed class Probe
{
    private readonly Func<double>? _azuriteCpu;
    private readonly Stopwatch _watch;
    private readonly TimeSpan _cpu;
    private readonly double _azurite;
    private readonly long _allocated;
    private readonly int _gen0;
    private readonly int _gen1;
    private readonly int _gen2;
    private readonly TimeSpan _pause;

    private Probe(Func<double>? azuriteCpu)
    {
        _azuriteCpu = azuriteCpu;
        _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        _azurite = azuriteCpu?.Invoke() ?? double.NaN;
        _allocated = GC.GetTotalAllocatedBytes(precise: false);
        _gen0 = GC.CollectionCount(0);
        _gen1 = GC.CollectionCount(1);
        _gen2 = GC.CollectionCount(2);
        _pause = GC.GetTotalPauseDuration();
        _watch = Stopwatch.StartNew();
    }

    public static Probe Start(Func<double>? azuriteCpu = null) => new(azuriteCpu);

    public Profile Stop()
    {
        var wall = _watch.Elapsed.TotalSeconds;
        return new Profile(
            wall,
            (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds,
            _azuriteCpu is null ? double.NaN : _azuriteCpu() - _azurite,
            GC.GetTotalAllocatedBytes(precise: false) - _allocated,
            GC.CollectionCount(0) - _gen0,
            GC.CollectionCount(1) - _gen1,
            GC.CollectionCount(2) - _gen2,
            (GC.GetTotalPauseDuration() - _pause).TotalSeconds);
    }
}

public static class Stats
{
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

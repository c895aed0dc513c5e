using System.Globalization;
using CsvHelper;
using nietras.SeparatedValues;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;

namespace Readiness.EndToEnd;

/// <summary>
/// Read + validate + normalize of the national file without storage, against a raw parse of every field of the same
/// bytes: CsvHelper (the ceiling) and Sep (for reference). Rounds are interleaved and the median is taken, so a noisy
/// neighbour hurts both sides alike.
/// </summary>
public static class ParseStage
{
    /// <summary>Raw CsvHelper: every record, every field materialized (text as strings, the value as a double).</summary>
    public static long RawCsvHelper(byte[] bytes)
    {
        using var reader = CsvReader.Create(new MemoryStream(bytes, writable: false), CsvReaderOptions.Default, leaveOpen: false);
        long rows = 0, check = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i == 3)
                {
                    check += reader.TryParse<double>(i, out var value) ? (long)value : 0;
                }
                else
                {
                    check += reader.GetString(i).Length;
                }
            }

            rows++;
        }

        return check == long.MinValue ? 0 : rows;
    }

    /// <summary>Raw Sep, the same work as <see cref="RawCsvHelper"/>.</summary>
    public static long RawSep(byte[] bytes)
    {
        using var reader = Sep.Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture }).From(new MemoryStream(bytes, writable: false));
        long rows = 0, check = 0;
        foreach (var row in reader)
        {
            for (var i = 0; i < row.ColCount; i++)
            {
                if (i == 3)
                {
                    check += row[i].TryParse<double>() is { } value ? (long)value : 0;
                }
                else
                {
                    check += row[i].ToString().Length;
                }
            }

            rows++;
        }

        return check == long.MinValue ? 0 : rows;
    }

    /// <summary>The validation pass of an import (<see cref="ObservationReader.ValidateAsync"/>).</summary>
    public static async Task<ValidationReport> ValidateAsync(ObservationReader reader, byte[] bytes) =>
        await reader.ValidateAsync(new MemoryStream(bytes, writable: false), new ReadOptions());

    /// <summary>The normalizing pass of an import (<see cref="ObservationReader.ReadValidAsync"/>), every value handed to a sink.</summary>
    public static async Task<long> NormalizeAsync(ObservationReader reader, byte[] bytes, ValidationReport verdict)
    {
        long values = 0;
        await reader.ReadValidAsync(new MemoryStream(bytes, writable: false), new ReadOptions(), verdict, _ => values++);
        return values;
    }

    public static async Task RunAsync(BenchReport report, byte[] national, long expectedRows, int rounds)
    {
        Console.WriteLine($"Parse: {expectedRows:N0} rows, {national.Length / 1048576.0:0.0} MiB, {rounds} interleaved rounds after warming up");
        var reader = new ObservationReader(BenchDataSet.Catalog, BenchDataSet.Registry);
        var verdict = await ValidateAsync(reader, national);
        if (!verdict.Valid || verdict.Rows != expectedRows || verdict.Values != expectedRows)
        {
            throw new InvalidOperationException($"The generated national file does not validate: {verdict.Rows} rows, {verdict.ErrorCount} errors, first: {verdict.Errors.FirstOrDefault()?.Message}");
        }

        var raw = new List<double>();
        var sep = new List<double>();
        var validate = new List<double>();
        var normalize = new List<double>();
        Profile? validateProfile = null, normalizeProfile = null, rawProfile = null;

        // Warm-up until the JIT has moved the hot loops to optimized (tier-1) code: at least 5 rounds and 3 seconds.
        var warmup = System.Diagnostics.Stopwatch.StartNew();
        var warmupRounds = 0;
        for (; warmupRounds < 5 || warmup.Elapsed < TimeSpan.FromSeconds(3); warmupRounds++)
        {
            RawCsvHelper(national);
            RawSep(national);
            await NormalizeAsync(reader, national, await ValidateAsync(reader, national));
        }

        for (var round = 0; round < rounds; round++)
        {
            var p = Probe.Start();
            Check(RawCsvHelper(national), expectedRows, "CsvHelper");
            var rawRun = p.Stop();

            p = Probe.Start();
            Check(RawSep(national), expectedRows, "Sep");
            var sepRun = p.Stop();

            p = Probe.Start();
            var again = await ValidateAsync(reader, national);
            var validateRun = p.Stop();
            Check(again.Rows, expectedRows, "ValidateAsync");

            p = Probe.Start();
            Check(await NormalizeAsync(reader, national, verdict), expectedRows, "ReadValidAsync");
            var normalizeRun = p.Stop();

            raw.Add(rawRun.WallSeconds);
            sep.Add(sepRun.WallSeconds);
            validate.Add(validateRun.WallSeconds);
            normalize.Add(normalizeRun.WallSeconds);
            (rawProfile, validateProfile, normalizeProfile) = (rawRun, validateRun, normalizeRun);
        }

        double Rate(List<double> seconds) => expectedRows / Stats.Median(seconds);
        var rawRate = Rate(raw);
        report.Add(new ResultRow(
            "read + validate + normalize the national file, no storage (normalizing pass: `ReadValidAsync`)",
            $"{Rate(normalize):N0} rows/s", Rate(normalize),
            $"raw CsvHelper {rawRate:N0} rows/s (Sep {Rate(sep):N0} rows/s)", rawRate,
            TargetKind.AtLeast, 0.5));
        report.Add(new ResultRow(
            "… validation pass (`ValidateAsync`)",
            $"{Rate(validate):N0} rows/s", Rate(validate),
            $"raw CsvHelper {rawRate:N0} rows/s", rawRate,
            TargetKind.AtLeast, 0.5));

        const string section = "Parse: read + validate + normalize";
        report.Note(section, $"Input: the national long file in memory, {expectedRows:N0} rows, {national.Length:N0} bytes; medians of {rounds} interleaved rounds after {warmupRounds} warm-up rounds ({warmup.Elapsed.TotalSeconds:0.0} s).");
        report.Note(section, $"Raw CsvHelper {Stats.Median(raw) * 1000:0} ms, Sep {Stats.Median(sep) * 1000:0} ms, ValidateAsync {Stats.Median(validate) * 1000:0} ms, ReadValidAsync {Stats.Median(normalize) * 1000:0} ms; an import runs both passes: {(Stats.Median(validate) + Stats.Median(normalize)) * 1000:0} ms, {expectedRows / (Stats.Median(validate) + Stats.Median(normalize)):N0} rows/s.");
        report.Note(section, "The ceiling materializes every field: the text fields as strings (`GetString`), the value as a double (`TryParse<double>`); Sep does the same with `ToString()` and `TryParse<double>()`.");
        report.Note(section, $"Profile, raw CsvHelper (last round): {rawProfile!.Describe()}; {rawProfile.AllocatedBytes / (double)expectedRows:0} bytes allocated per row.");
        report.Note(section, $"Profile, ValidateAsync (last round): {validateProfile!.Describe()}; {validateProfile.AllocatedBytes / (double)expectedRows:0} bytes allocated per row.");
        report.Note(section, $"Profile, ReadValidAsync (last round): {normalizeProfile!.Describe()}; {normalizeProfile.AllocatedBytes / (double)expectedRows:0} bytes allocated per row.");
        report.Note(section, "A sampling profile of both passes: `dotnet-trace collect --format speedscope -- dotnet bench/Readiness.EndToEnd/bin/Release/net10.0/Readiness.EndToEnd.dll --parse-loop 40`.");
    }

    /// <summary>Both reading passes over the national file, <paramref name="times"/> times: a steady load for a profiler.</summary>
    public static async Task<int> LoopAsync(int times)
    {
        var national = BenchDataSet.National(1);
        var reader = new ObservationReader(BenchDataSet.Catalog, BenchDataSet.Registry);
        var validate = new List<double>();
        var normalize = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < times; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var verdict = await ValidateAsync(reader, national);
            validate.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await NormalizeAsync(reader, national, verdict);
            normalize.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            RawCsvHelper(national);
            raw.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (times > 0)
        {
            Console.WriteLine(FormattableString.Invariant($"median ms: ValidateAsync {Stats.Median(validate):0.0}, ReadValidAsync {Stats.Median(normalize):0.0}, raw CsvHelper {Stats.Median(raw):0.0}"));
        }

        return 0;
    }

    private static void Check(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what} read {actual:N0} rows, expected {expected:N0}.");
        }
    }
}

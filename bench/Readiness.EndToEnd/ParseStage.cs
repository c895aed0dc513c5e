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

        const string csvHelper = "CsvHelper", sepName = "Sep";
        var times = await ReadingRounds.RunAsync(reader, national, verdict, expectedRows, rounds, minWarmupRounds: 5, new RawRead(csvHelper, RawCsvHelper), new RawRead(sepName, RawSep));
        var rawRate = times.RowsPerSecond(csvHelper, expectedRows);
        report.Add(new ResultRow(
            "read + validate + normalize the national file, no storage (normalizing pass: `ReadValidAsync`)",
            $"{times.RowsPerSecond(ReadingTimes.Normalize, expectedRows):N0} rows/s", times.RowsPerSecond(ReadingTimes.Normalize, expectedRows),
            $"raw CsvHelper {rawRate:N0} rows/s (Sep {times.RowsPerSecond(sepName, expectedRows):N0} rows/s)", rawRate,
            TargetKind.AtLeast, 0.5));
        report.Add(new ResultRow(
            "… validation pass (`ValidateAsync`)",
            $"{times.RowsPerSecond(ReadingTimes.Validate, expectedRows):N0} rows/s", times.RowsPerSecond(ReadingTimes.Validate, expectedRows),
            $"raw CsvHelper {rawRate:N0} rows/s", rawRate,
            TargetKind.AtLeast, 0.5));

        var (validate, normalize) = (Stats.Median(times.Seconds(ReadingTimes.Validate)), Stats.Median(times.Seconds(ReadingTimes.Normalize)));
        const string section = "Parse: read + validate + normalize";
        report.Note(section, $"Input: the national long file in memory, {expectedRows:N0} rows, {national.Length:N0} bytes; medians of {rounds} interleaved rounds after {times.WarmupRounds} warm-up rounds ({times.WarmupSeconds:0.0} s).");
        report.Note(section, $"Raw CsvHelper {Stats.Median(times.Seconds(csvHelper)) * 1000:0} ms, Sep {Stats.Median(times.Seconds(sepName)) * 1000:0} ms, ValidateAsync {validate * 1000:0} ms, ReadValidAsync {normalize * 1000:0} ms; an import runs both passes: {(validate + normalize) * 1000:0} ms, {expectedRows / (validate + normalize):N0} rows/s.");
        report.Note(section, "The ceiling materializes every field: the text fields as strings (`GetString`), the value as a double (`TryParse<double>`); Sep does the same with `ToString()` and `TryParse<double>()`.");
        foreach (var (pass, name) in new[] { (csvHelper, "raw CsvHelper"), (ReadingTimes.Validate, ReadingTimes.Validate), (ReadingTimes.Normalize, ReadingTimes.Normalize) })
        {
            var profile = times.Last(pass);
            report.Note(section, $"Profile, {name} (last round): {profile.Describe()}; {profile.AllocatedBytes / (double)expectedRows:0} bytes allocated per row.");
        }
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
}

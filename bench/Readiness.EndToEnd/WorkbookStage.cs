using System.Globalization;
using ExcelDataReader;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Observations;
using Readiness.Core.Validation;
using SpreadCheetah;

namespace Readiness.EndToEnd;

/// <summary>
/// Workbooks (issue 13): validate + normalize of the national file as an .xlsx, against the raw ExcelDataReader read
/// of the same bytes in the same run (every row, every cell's typed value), and peak memory of the 1× and 10× workbooks
/// in child processes, as <see cref="MemoryStage"/> measures the CSV files. Rounds are interleaved; medians are taken.
/// </summary>
public static class WorkbookStage
{
    /// <summary>The national file's rows as a workbook (SpreadCheetah): text codes and periods, values as numbers.</summary>
    public static async Task WriteNationalAsync(Stream output, int years)
    {
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output);
        await spreadsheet.StartWorksheetAsync(WorkbookTemplate.DataSheet);
        await spreadsheet.AddRowAsync([new Cell("regency_code"), new Cell("indicator_code"), new Cell("period"), new Cell("value"), new Cell("unit"), new Cell("note")]);
        var indicators = BenchDataSet.Catalog.Indicators;
        var row = new Cell[4];
        foreach (var regency in BenchDataSet.Registry.Regencies)
        {
            for (var year = BenchDataSet.Year - years + 1; year <= BenchDataSet.Year; year++)
            {
                for (var month = 1; month <= 12; month++)
                {
                    var period = Period.OfMonth(year, month);
                    for (var i = 0; i < indicators.Count; i++)
                    {
                        row[0] = new Cell(regency.Code);
                        row[1] = new Cell(indicators[i].Code);
                        row[2] = new Cell(period.ToString());
                        row[3] = new Cell(double.Parse(BenchDataSet.ValueText(regency, i, indicators[i], period, 0), NumberStyles.Float, CultureInfo.InvariantCulture));
                        await spreadsheet.AddRowAsync(row);
                    }
                }
            }
        }

        await spreadsheet.FinishAsync();
    }

    /// <summary>Raw ExcelDataReader: every row of the first sheet, every cell's typed value materialized.</summary>
    public static long RawExcelDataReader(byte[] bytes)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var excel = ExcelReaderFactory.CreateReader(new MemoryStream(bytes, writable: false));
        long rows = -1, check = 0;
        while (excel.Read())
        {
            for (var i = 0; i < excel.FieldCount; i++)
            {
                check += excel.GetValue(i) switch
                {
                    string s => s.Length,
                    double d => (long)d,
                    _ => 0,
                };
            }

            rows++;
        }

        return check == long.MinValue ? 0 : rows;
    }

    public static async Task RunAsync(BenchReport report, string work, int rounds)
    {
        var expectedRows = BenchDataSet.NationalRows(1);
        var oneFile = Path.Combine(work, "national-1x.xlsx");
        var tenFile = Path.Combine(work, "national-10x.xlsx");
        var generate = System.Diagnostics.Stopwatch.StartNew();
        await using (var one = File.Create(oneFile))
        {
            await WriteNationalAsync(one, 1);
        }

        await using (var ten = File.Create(tenFile))
        {
            await WriteNationalAsync(ten, BenchDataSet.Years10x);
        }

        generate.Stop();
        var bytes = await File.ReadAllBytesAsync(oneFile);
        Console.WriteLine($"Workbook: {expectedRows:N0} rows, {bytes.Length / 1048576.0:0.0} MiB xlsx, {rounds} interleaved rounds after warming up");
        var reader = new ObservationReader(BenchDataSet.Catalog, BenchDataSet.Registry);
        var verdict = await ParseStage.ValidateAsync(reader, bytes);
        if (!verdict.Valid || verdict.Rows != expectedRows)
        {
            throw new InvalidOperationException($"The national workbook does not validate: {verdict.Rows} rows, {verdict.ErrorCount} errors, first: {verdict.Errors.FirstOrDefault()?.Message}");
        }

        const string excelDataReader = "ExcelDataReader";
        var times = await ReadingRounds.RunAsync(reader, bytes, verdict, expectedRows, rounds, minWarmupRounds: 2, new RawRead(excelDataReader, RawExcelDataReader));
        var rawRate = times.RowsPerSecond(excelDataReader, expectedRows);
        report.Add(new ResultRow(
            "validate + normalize the national workbook (.xlsx), no storage (normalizing pass: `ReadValidAsync`)",
            $"{times.RowsPerSecond(ReadingTimes.Normalize, expectedRows):N0} rows/s", times.RowsPerSecond(ReadingTimes.Normalize, expectedRows),
            $"raw ExcelDataReader {rawRate:N0} rows/s", rawRate,
            TargetKind.AtLeast, 0.5));
        report.Add(new ResultRow(
            "… workbook validation pass (`ValidateAsync`)",
            $"{times.RowsPerSecond(ReadingTimes.Validate, expectedRows):N0} rows/s", times.RowsPerSecond(ReadingTimes.Validate, expectedRows),
            $"raw ExcelDataReader {rawRate:N0} rows/s", rawRate,
            TargetKind.AtLeast, 0.5));

        Console.WriteLine("Workbook memory: validate + normalize in child processes");
        var oneMemory = await MemoryStage.MeasureAsync(oneFile);
        var tenMemory = await MemoryStage.MeasureAsync(tenFile);
        report.Add(new ResultRow(
            "peak memory of validate/normalize, 10× national workbook (streamed)",
            $"{tenMemory.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({tenMemory.Rows:N0} rows)", tenMemory.PeakRssKiB,
            $"1× workbook {oneMemory.PeakRssKiB / 1024.0:0.0} MiB peak RSS ({oneMemory.Rows:N0} rows)", oneMemory.PeakRssKiB,
            TargetKind.AtMost, 1.5));

        const string section = "Workbook: validate + normalize";
        report.Note(section, string.Create(CultureInfo.InvariantCulture, $"Input: the national long file as an .xlsx written by SpreadCheetah from the same generator (text codes and periods, values as number cells, inline strings): 1× {expectedRows:N0} rows, {bytes.Length:N0} bytes; 10× {BenchDataSet.NationalRows(BenchDataSet.Years10x):N0} rows, {new FileInfo(tenFile).Length:N0} bytes; generated in {generate.Elapsed.TotalSeconds:0.0} s."));
        var (validate, normalize) = (Stats.Median(times.Seconds(ReadingTimes.Validate)), Stats.Median(times.Seconds(ReadingTimes.Normalize)));
        report.Note(section, $"Medians of {rounds} interleaved rounds after {times.WarmupRounds} warm-up rounds ({times.WarmupSeconds:0.0} s): raw ExcelDataReader {Stats.Median(times.Seconds(excelDataReader)) * 1000:0} ms, ValidateAsync {validate * 1000:0} ms, ReadValidAsync {normalize * 1000:0} ms; an import runs both passes: {(validate + normalize) * 1000:0} ms, {expectedRows / (validate + normalize):N0} rows/s.");
        report.Note(section, "The ceiling is `ExcelReaderFactory.CreateReader` over the same bytes reading every row and calling `GetValue` on every cell. Each pass of the reader also unpacks the zip once more, counting, to refuse a zip bomb before anything is parsed, and reads the sheet list to choose the data sheet.");
        report.Note(section, $"Profile, raw ExcelDataReader (last round): {times.Last(excelDataReader).Describe()}.");
        report.Note(section, $"Profile, ValidateAsync (last round): {times.Last(ReadingTimes.Validate).Describe()}.");
        report.Note(section, $"Profile, ReadValidAsync (last round): {times.Last(ReadingTimes.Normalize).Describe()}.");
        report.Note(section, "| file | bytes | rows | values | peak RSS | peak after the validation pass | RSS before reading | allocated | time |");
        report.Note(section, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var m in new[] { oneMemory, tenMemory })
        {
            report.Note(section, string.Create(CultureInfo.InvariantCulture,
                $"| {m.File} | {m.Bytes:N0} | {m.Rows:N0} | {m.Values:N0} | {m.PeakRssKiB / 1024.0:0.0} MiB | {m.PeakAfterValidationKiB / 1024.0:0.0} MiB | {m.RssBeforeKiB / 1024.0:0.0} MiB | {m.AllocatedBytes / 1048576.0:0} MiB | {m.Seconds:0.00} s |"));
        }

        // The CSV stage's second condition (the peak grows less than the file) means little for a zip: the xlsx is a
        // tenth of its own XML. What grows is the duplicate check's table of keys, as for CSV.
        report.Note(section, string.Create(CultureInfo.InvariantCulture,
            $"Growth from the 1× to the 10× workbook: {(tenMemory.PeakRssKiB - oneMemory.PeakRssKiB) / 1024.0:0.0} MiB of peak RSS for {tenMemory.Rows - oneMemory.Rows:N0} more rows ({(tenMemory.PeakRssKiB - oneMemory.PeakRssKiB) * 1024.0 / (tenMemory.Rows - oneMemory.Rows):0.0} bytes per row), the duplicate check's keys as for CSV; the sheet is streamed by ExcelDataReader, never loaded whole."));
    }
}

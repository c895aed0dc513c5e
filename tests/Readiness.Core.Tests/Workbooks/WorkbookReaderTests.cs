using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Validation;
using SpreadCheetah;
using SpreadCheetah.Styling;
using static Readiness.Core.Tests.TestData;
using static Readiness.Core.Tests.Workbooks.TestWorkbooks;

namespace Readiness.Core.Tests.Workbooks;

/// <summary>Workbooks through the one reader: typed cells, the sheet, the header, positions, limits (issue 13).</summary>
public class WorkbookReaderTests
{
    private static readonly string[] Header = ["kode_wilayah", "kode_indikator", "periode", "nilai"];

    private static string Describe(NormalizedValue v) => $"{v.Row} {v.Regency.Code} {v.Indicator.Code} {v.Period} {NumberParser.Format(v.Value)}";

    [Fact]
    public async Task TypedCells_AreReadAsTheirTypes_WithoutLocaleGuessing()
    {
        var bytes = await Xlsx(async s =>
        {
            var percent = s.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Percent) });
            var thousands = s.AddStyle(new Style { Format = NumberFormat.Custom("#,##0") });
            var monthYear = s.AddStyle(new Style { Format = NumberFormat.Custom("mmm yyyy") });
            var yearOnly = s.AddStyle(new Style { Format = NumberFormat.Custom("yyyy") });
            await s.StartWorksheetAsync("Data");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 87.5]));
            await s.AddRowAsync([new Cell("13.07"), new Cell("GOV-03"), new Cell("2024"), new Cell(0.64, percent)]);
            await s.AddRowAsync([new Cell("13.07"), new Cell("BRA-03"), new Cell("2024"), new Cell(1250, thousands)]);
            await s.AddRowAsync([new Cell("13.07"), new Cell("ENV-04"), new Cell(new DateTime(2024, 3, 1), monthYear), new Cell(12)]);
            await s.AddRowAsync([new Cell("13.07"), new Cell("ENV-04"), new Cell(new DateTime(2023, 1, 1), yearOnly), new Cell(11)]);
            await s.AddRowAsync(Cells(["13.07", "BRA-02", "2024", true]));
            await s.AddRowAsync([new Cell("13.07"), new Cell("GOV-02"), new Cell("2024"), new Cell(new Formula("2+1.5"), 3.5)]);
            await s.AddRowAsync(Cells(["13.07", "LIV-01", 2024, "87,5"]));
        });

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(("xlsx", "Data", "long", null), (report.FileType, report.Sheet, report.Format, report.Delimiter));
        Assert.Equal(
            ["2 13.07 GOV-01 2024 87.5", "3 13.07 GOV-03 2024 64", "4 13.07 BRA-03 2024 1250", "5 13.07 ENV-04 2024-03 12", "6 13.07 ENV-04 2023 11",
             "7 13.07 BRA-02 2024 1", "8 13.07 GOV-02 2024 3.5", "9 13.07 LIV-01 2024 87.5"],
            values.Select(Describe));
        // Only the text cell 87,5 had a style to decide; the typed numbers never did.
        Assert.Equal("id-ID", report.Locale);
    }

    [Fact]
    public async Task CodesTypedAsNumbers_ResolveAsCodes_WithAWarning()
    {
        var bytes = await Sheet("Data", Header, [13.07, "GOV-01", "2024", 80.0], [35.1, "GOV-01", "2024", 81.0], [1307, "GOV-01", "2024Q1", 82.0], [7.5, "GOV-01", "2024Q2", 83.0]);

        var (report, values) = await Read(bytes);

        Assert.Equal(["13.07", "35.10", "13.07"], values.Select(v => v.Regency.Code));
        Assert.Contains(report.Errors, e => e is { Cell: "Data!A5", Code: ErrorCodes.UnknownRegency, Value: "7.5" });
        var warnings = report.Warnings.Where(w => w.Code == ErrorCodes.RegencyCodeRepaired).ToList();
        Assert.Contains(warnings, w => w.Cell == "Data!A2" && w.Message.Contains("number 13.07", StringComparison.Ordinal) && w.MessageId!.Contains("Format kolom sebagai Teks", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Cell == "Data!A3" && w.Message.Contains("35.10", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Cell == "Data!A4" && w.Message.Contains("number 1307", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErrorPositions_NameTheSheetAndTheCell_AsExcelShowsThem()
    {
        var bytes = await Sheet("Data", Header, ["13.07", "GOV-01", "2024", 87.5], ["13.07", "GOV-01", "2024Q5", 150.0], ["99.99", "GOV-99", "2024", "banyak"]);

        var (report, _) = await Read(bytes);

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e is { Row: 3, Cell: "Data!C3", Code: ErrorCodes.InvalidPeriod, Column: "periode" });
        Assert.Contains(report.Errors, e => e is { Row: 4, Cell: "Data!A4", Code: ErrorCodes.UnknownRegency });
        Assert.Contains(report.Errors, e => e is { Row: 4, Cell: "Data!B4", Code: ErrorCodes.UnknownIndicator });
    }

    [Fact]
    public async Task OutOfRangeNumbers_AndPercentCellsOfOtherUnits_AreErrors()
    {
        var bytes = await Xlsx(async s =>
        {
            var percent = s.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Percent) });
            await s.StartWorksheetAsync("Data");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 187.5]));
            await s.AddRowAsync([new Cell("13.07"), new Cell("BRA-03"), new Cell("2024"), new Cell(0.5, percent)]);
            await s.AddRowAsync(Cells(["13.07", "GOV-02", "2024", new DateTime(2024, 1, 1)]));
        });

        var (report, values) = await Read(bytes);

        Assert.Empty(values);
        Assert.Contains(report.Errors, e => e is { Cell: "Data!D2", Code: ErrorCodes.ConstraintError });
        Assert.Contains(report.Errors, e => e is { Cell: "Data!D3", Code: ErrorCodes.TypeError });
        Assert.Contains(report.Errors, e => e is { Cell: "Data!D4", Code: ErrorCodes.TypeError });
    }

    [Fact]
    public async Task TheDataSheet_IsReadByName_OthersIgnoredWithAWarning()
    {
        var bytes = await Xlsx(async s =>
        {
            await s.StartWorksheetAsync("Catatan");
            await s.AddRowAsync(Cells(["bukan data"]));
            await s.StartWorksheetAsync("Isian");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 87.5]));
        });

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("Isian", report.Sheet);
        Assert.Single(values);
        var warning = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.SheetsIgnored);
        Assert.Contains("'Catatan'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'Catatan'", warning.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutADataSheet_TheFirstVisibleSheetIsRead()
    {
        var bytes = await Xlsx(async s =>
        {
            await s.StartWorksheetAsync("Lama", Hidden);
            await s.AddRowAsync(Cells(["kode_wilayah"]));
            await s.StartWorksheetAsync("Laporan 2024");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", "x"]));
        });

        var (report, _) = await Read(bytes);

        Assert.Equal("Laporan 2024", report.Sheet);
        Assert.Contains(report.Errors, e => e is { Cell: "'Laporan 2024'!D2", Code: ErrorCodes.TypeError });
    }

    [Fact]
    public async Task ATitleBlockAboveTheHeader_IsSkipped_WithAWarningNamingTheHeaderRow()
    {
        var bytes = await Xlsx(async s =>
        {
            await s.StartWorksheetAsync("Data");
            await s.AddRowAsync(Cells(["Laporan Indikator Smart City"]));
            await s.AddRowAsync(Cells(["Kabupaten Lima Puluh Kota, 2024"]));
            s.MergeCells("A1:D1");
            await s.AddRowAsync(Cells([null]));
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 87.5]));
            await s.AddRowAsync(Cells(["13.07", "GOV-02", "2024", 9.0]));
        });

        var (report, values) = await Read(bytes);

        Assert.Equal(["5 13.07 GOV-01 2024 87.5"], values.Select(Describe));
        var warning = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.HeaderBelowTitle);
        Assert.Equal(4, warning.Row);
        Assert.Contains("row 4", warning.Message, StringComparison.Ordinal);
        Assert.Contains("baris 4", warning.MessageId, StringComparison.Ordinal);
        Assert.Contains(report.Errors, e => e is { Row: 6, Cell: "Data!D6", Code: ErrorCodes.ConstraintError });
        Assert.DoesNotContain(report.Warnings, w => w.Code == ErrorCodes.MergedCells);
    }

    [Fact]
    public async Task MergedCellsInTheData_GiveEveryCellTheFirstCellsValue()
    {
        var bytes = await Xlsx(async s =>
        {
            await s.StartWorksheetAsync("Data");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 87.5]));
            await s.AddRowAsync(Cells([null, "GOV-03", "2024", 50.0]));
            await s.AddRowAsync(Cells([null, "ENV-04", "2024", 5.0]));
            s.MergeCells("A2:A4");
        });

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(["13.07", "13.07", "13.07"], values.Select(v => v.Regency.Code));
        var warning = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.MergedCells);
        Assert.Contains("Data!A2:A4", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankAndHiddenRows_BehaveAsDocumented()
    {
        var bytes = await Xlsx(async s =>
        {
            await s.StartWorksheetAsync("Data");
            await s.AddRowAsync(Cells(Header));
            await s.AddRowAsync(Cells(["13.07", "GOV-01", "2024", 87.5]));
            await s.AddRowAsync(Cells([null, null, null, null]));
            await s.AddRowAsync(Cells(["13.07", "GOV-03", "2024", 50.0]));
        });
        bytes = HideRow(bytes, 4);

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(["2 13.07 GOV-01 2024 87.5", "4 13.07 GOV-03 2024 50"], values.Select(Describe));
        Assert.Contains(report.Warnings, w => w is { Code: ErrorCodes.BlankRow, Row: 3 });
        var hidden = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.HiddenRows);
        Assert.Contains("Data!A4", hidden.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WideLayoutAndUploadRegency_ApplyUnchanged()
    {
        var bytes = await Sheet("Data", ["periode", "GOV-01", "BRA-02", "ENV-04"], ["2024", 87.5, "Ya", 3.0], ["2024Q1", null, false, 4.0]);

        var (report, values) = await Read(bytes, new ReadOptions { UploadRegency = Regency("13.07") });

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("wide", report.Format);
        Assert.Equal(["2 13.07 GOV-01 2024 87.5", "2 13.07 BRA-02 2024 1", "2 13.07 ENV-04 2024 3", "3 13.07 BRA-02 2024Q1 0", "3 13.07 ENV-04 2024Q1 4"], values.Select(Describe));
    }

    [Fact]
    public async Task TheFormatComesFromTheBytes_NotTheName()
    {
        var bytes = await Sheet("Data", Header, ["13.07", "GOV-01", "2024", 87.5]);

        // A non-seekable stream (a request body) is spooled; the result is the same.
        var report = await Reader.ValidateAsync(new NonSeekableStream(bytes), new ReadOptions());

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("xlsx", report.FileType);
    }

    [Fact]
    public async Task OdsFiles_AreToldToSaveAsXlsx()
    {
        var ods = Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office:document-content/>"));

        var (report, _) = await Read(ods);

        var error = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.NotCsv, error.Code);
        Assert.Contains("Save As", error.Message, StringComparison.Ordinal);
        Assert.Contains(".xlsx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Simpan Sebagai", error.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipThatIsNoWorkbook_IsNotCsv()
    {
        var (report, _) = await Read(Zip(("readme.txt", "halo")));

        Assert.Equal(ErrorCodes.NotCsv, Assert.Single(report.Errors).Code);
    }

    [Fact]
    public async Task AZipBomb_IsRefusedWithItsOwnCode_BeforeItIsParsed()
    {
        var workbook = await Sheet("Data", Header, ["13.07", "GOV-01", "2024", 87.5]);
        var bomb = WithBomb(workbook, 64L << 20);

        var (report, values) = await Read(bomb, new ReadOptions { Limits = new CsvLimits { MaxDecompressedBytes = 16L << 20 } });

        Assert.True(bomb.Length < 1 << 20, $"{bomb.Length} bytes");
        var error = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.ZipBomb, error.Code);
        Assert.Contains("zip bomb", error.MessageId, StringComparison.Ordinal);
        Assert.Empty(values);
        Assert.True((await Read(bomb)).Report.Valid, "within the default limit the same workbook is read");
    }

    [Fact]
    public async Task RowColumnAndCellLimits_AreEnforcedWhileReading()
    {
        var rows = Enumerable.Range(0, 50).Select(i => new object?[] { "13.07", "ENV-04", $"2024-{(i % 12) + 1:00}", (double)i }).Prepend(Header).ToArray();
        var bytes = await Sheet("Data", rows);

        var tooManyRows = (await Read(bytes, new ReadOptions { Limits = new CsvLimits { MaxRows = 10 } })).Report;
        var tooManyCells = (await Read(bytes, new ReadOptions { Limits = new CsvLimits { MaxCells = 100 } })).Report;
        var tooManyColumns = (await Read(bytes, new ReadOptions { Limits = new CsvLimits { MaxColumns = 3 } })).Report;

        Assert.Contains(tooManyRows.Errors, e => e.Code == ErrorCodes.TooManyRows);
        Assert.Contains(tooManyCells.Errors, e => e.Code == ErrorCodes.TooManyCells);
        Assert.Contains(tooManyColumns.Errors, e => e.Code == ErrorCodes.TooManyColumns);
    }

    [Fact]
    public async Task AHundredThousandRowWorkbook_IsReadWhole()
    {
        var path = Path.Combine(Path.GetTempPath(), $"readiness-100k-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = File.Create(path))
            await using (var s = await Spreadsheet.CreateNewAsync(file))
            {
                await s.StartWorksheetAsync("Data");
                await s.AddRowAsync(Cells(["kode_wilayah", "kode_indikator", "periode", "nilai"]));
                var codes = TestData.Registry.Regencies.Select(r => r.Code).ToArray();
                var indicators = TestData.Catalog.Indicators.Where(i => i.Min is 0 && !i.IsBoolean).Select(i => i.Code).ToArray();
                var rows = 0;
                for (var y = 2001; rows < 100_000; y++)
                {
                    foreach (var code in codes)
                    {
                        foreach (var indicator in indicators)
                        {
                            for (var m = 1; m <= 12 && rows < 100_000; m++, rows++)
                            {
                                await s.AddRowAsync([new Cell(code), new Cell(indicator), new Cell($"{y}-{m:00}"), new Cell(m)]);
                            }
                        }
                    }
                }

                await s.FinishAsync();
            }

            ValidationReport report;
            await using (var file = File.OpenRead(path))
            {
                report = await Reader.ValidateAsync(file, new ReadOptions());
            }

            long values = 0;
            await using (var file = File.OpenRead(path))
            {
                await Reader.ReadValidAsync(file, new ReadOptions(), report, _ => values++);
            }

            Assert.True(report.Valid, report.Errors.FirstOrDefault()?.Message);
            Assert.Equal((100_000, 100_000L), (report.Rows, values));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

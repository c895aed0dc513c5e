using System.Text;
using Readiness.Core.Csv;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using Readiness.Core.Validation;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Ingestion;

public class ObservationReaderTests
{
    private static readonly ReadOptions ForLimaPuluhKota = new() { UploadRegency = Regency("13.07") };

    [Fact]
    public async Task CanonicalLongFile_IsValidAndNormalized()
    {
        var (report, values) = await Read("""
            regency_code,indicator_code,period,value,unit,note
            13.07,GOV-01,2024,87.5,percent,dari laporan tahunan
            13.07,gov-02,2024Q1,3,,
            32.71,ENV-03,2024-03,12.25,,
            """);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(("long", ",", "utf-8", "en-US"), (report.Format, report.Delimiter, report.Encoding, report.Locale));
        Assert.Equal((3, 3, 0), (report.Rows, report.Accepted, report.Rejected));
        Assert.Equal(
            ["13.07 GOV-01 2024 87.5 percent dari laporan tahunan", "13.07 GOV-02 2024Q1 3  ", "32.71 ENV-03 2024-03 12.25  "],
            values.Select(v => $"{v.Regency.Code} {v.Indicator.Code} {v.Period} {NumberParser.Format(v.Value)} {v.Unit} {v.Note}"));
        Assert.Equal([2, 3, 4], values.Select(v => v.Row));
    }

    [Fact]
    public async Task IndonesianExcelFile_WithBomSemicolonsDecimalCommasAndIndonesianHeaders_IsRead()
    {
        var csv = "Kode_Wilayah;Kode Indikator;Periode;Nilai;Satuan;Keterangan;;\r\n" +
                  "Kab. Lima Puluh Kota;ENV-04;Januari 2024;1.234,5;;;;\r\n" +
                  "13.07;GOV-03;Agustus 2024;85%;;\"catatan; dengan titik koma\";;\r\n" +
                  "1307;BRA-02;2024;Ya;;;;\r\n" +
                  ";;;;;;;\r\n" +
                  ";;;;;;;\r\n";

        var (report, values) = await Read(Utf8Bom(csv), ForLimaPuluhKota with { Locale = null });

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(("long", ";", "utf-8-bom", "id-ID"), (report.Format, report.Delimiter, report.Encoding, report.Locale));
        Assert.Equal([1234.5, 85, 1], values.Select(v => v.Value));
        Assert.Equal(["2024-01", "2024-08", "2024"], values.Select(v => v.Period.ToString()));
        Assert.Equal("catatan; dengan titik koma", values[1].Note);
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.BlankRow && w.Row == 5 && w.Message.Contains("Rows 5–6", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.BlankColumn);
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.RegencySchemeHint && w.Message.Contains("Kabupaten Agam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Windows1252File_IsDecoded()
    {
        var bytes = CsvSniffer.Windows1252.GetBytes("regency_code;indicator_code;period;value;note\r\n13.07;GOV-01;2024;80;Dinas Komunikasi – Pariaman café\r\n");

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("windows-1252", report.Encoding);
        Assert.Equal("Dinas Komunikasi – Pariaman café", Assert.Single(values).Note);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Utf16FileWithBom_IsDecoded(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("regency_code\tindicator_code\tperiod\tvalue\n13.07\tGOV-01\t2024\t87,5\n")).ToArray();

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal((bigEndian ? "utf-16be" : "utf-16le", "\t", "id-ID"), (report.Encoding, report.Delimiter, report.Locale));
        Assert.Equal(87.5, Assert.Single(values).Value);
    }

    [Fact]
    public async Task QuotedFieldsWithDelimitersQuotesAndLineBreaks_FollowRfc4180()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value,note\n13.07,GOV-01,2024,\"87,5\",\"says \"\"hello\"\"\nline two\"\n13.07,GOV-02,2024,3,x\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("says \"hello\"\nline two", values[0].Note);
        Assert.Equal(87.5, values[0].Value);
        // The quoted line break does not shift Excel's row numbers.
        Assert.Equal([2, 3], values.Select(v => v.Row));
    }

    [Fact]
    public async Task WideFile_IsDetectedAndEveryFilledCellIsAValue()
    {
        var (report, values) = await Read("""
            kode_wilayah;periode;GOV-01;gov-02;BRA-02;ENV-03
            13.07;2024;87,5;3;Tidak;
            32.71;2024;90;4;Ya;25,5
            """);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("wide", report.Format);
        Assert.Equal((2, 7), (report.Rows, report.Values));
        Assert.Equal(
            ["13.07 GOV-01 87.5", "13.07 GOV-02 3", "13.07 BRA-02 0", "32.71 GOV-01 90", "32.71 GOV-02 4", "32.71 BRA-02 1", "32.71 ENV-03 25.5"],
            values.Select(v => $"{v.Regency.Code} {v.Indicator.Code} {NumberParser.Format(v.Value)}"));
    }

    [Fact]
    public async Task WideFile_UnknownIndicatorColumnIsAHeaderError()
    {
        var (report, _) = await Read("regency_code,period,GOV-01,XYZ-99\n13.07,2024,1,2\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.UnknownIndicator, 1, "D1"), (error.Code, error.Row, error.Cell));
    }

    [Fact]
    public async Task RegencyColumnIsOptionalWhenTheUploadNamesTheRegency()
    {
        var (report, values) = await Read("indicator_code,period,value\nGOV-01,2024,50\n", ForLimaPuluhKota);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("13.07", Assert.Single(values).Regency.Code);
    }

    [Fact]
    public async Task BpsScheme_ReadsFourDigitCodesThroughTheRegistry()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value\n1307,GOV-01,2024,50\n1308,GOV-01,2024,60\n", new ReadOptions { Scheme = RegencyScheme.Bps });

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(["13.06", "13.07"], values.Select(v => v.Regency.Code));
        Assert.Empty(report.Warnings);
    }

    [Theory]
    [InlineData("", ErrorCodes.EmptyFile)]
    [InlineData("\uFEFF  \r\n", ErrorCodes.EmptyFile)]
    [InlineData("regency_code,indicator_code,period,value\n", ErrorCodes.EmptyFile)]
    [InlineData("regency_code,indicator_code,,value\n13.07,GOV-01,2024,1\n", ErrorCodes.BlankHeader)]
    [InlineData("regency_code,nilai,period,value\n13.07,1,2024,1\n", ErrorCodes.DuplicateLabel)]
    [InlineData("regency_code,indicator_code,value\n13.07,GOV-01,1\n", ErrorCodes.MissingLabel)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1,9\n", ErrorCodes.ExtraCell)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024\n", ErrorCodes.MissingCell)]
    [InlineData("regency_code,indicator_code,period,value\n99.99,GOV-01,2024,1\n", ErrorCodes.UnknownRegency)]
    [InlineData("regency_code,indicator_code,period,value\nBogor,GOV-01,2024,1\n", ErrorCodes.AmbiguousRegency)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-99,2024,1\n", ErrorCodes.UnknownIndicator)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,Smarch 2024,1\n", ErrorCodes.InvalidPeriod)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,banyak\n", ErrorCodes.TypeError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-04,2024,12%\n", ErrorCodes.TypeError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,Ya\n", ErrorCodes.TypeError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,101\n", ErrorCodes.ConstraintError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-02,2024,0\n", ErrorCodes.ConstraintError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,BRA-02,2024,2\n", ErrorCodes.ConstraintError)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,\n", ErrorCodes.MissingValue)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.07,GOV-01,2024,2\n", ErrorCodes.DuplicateRow)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,\"87,5\"\n13.07,GOV-03,2024,87.5\n", ErrorCodes.AmbiguousNumberFormat)]
    [InlineData("regency_code;indicator_code;period;value\n13.07;GOV-01;2024;87.5\n", ErrorCodes.AmbiguousNumberFormat)]
    [InlineData("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,\"8\n", ErrorCodes.MalformedQuotes)]
    public async Task EachProblem_HasItsOwnErrorCode(string csv, string code)
    {
        var (report, values) = await Read(csv);

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e.Code == code);
        Assert.All(report.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.DoesNotContain(values, v => report.RejectedRows.Contains(v.Row));
    }

    [Fact]
    public async Task RegencyMismatch_WhenARowIsForAnotherRegency()
    {
        var (report, _) = await Read("regency_code,indicator_code,period,value\n32.71,GOV-01,2024,1\n", ForLimaPuluhKota);

        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.RegencyMismatch, 2, "A2", "32.71"), (error.Code, error.Row, error.Cell, error.Value));
        Assert.Contains("Kota Bogor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmbiguousRegency_NamesBothCandidates()
    {
        var (report, _) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\nBogor,GOV-01,2024,1\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Row);
        Assert.Contains("Kabupaten Bogor (32.01)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kota Bogor (32.71)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdenticalRepeat_IsAWarningAndStoredOnce()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.07,GOV-01,2024,1.0\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Single(values);
        Assert.Equal(ErrorCodes.DuplicateRow, Assert.Single(report.Warnings).Code);
    }

    [Fact]
    public async Task ConflictingDuplicates_RejectBothRows()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.07,GOV-03,2024,5\n13.07,GOV-01,2024,2\n");

        Assert.Equal([2, 4], report.RejectedRows.Order());
        Assert.Equal("GOV-03", Assert.Single(values).Indicator.Code);
    }

    [Fact]
    public async Task ContradictingNumberStyles_PointAtTheCellAndTheReason()
    {
        var (report, _) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,\"87,5\"\n13.07,GOV-03,2024,87.5\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.AmbiguousNumberFormat, "D3"), (error.Code, error.Cell));
        Assert.Contains("D2", error.Message, StringComparison.Ordinal);
        Assert.Contains("locale=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocaleOption_ForcesTheStyle()
    {
        var csv = "regency_code;indicator_code;period;value\n13.07;GOV-01;2024;87.5\n13.07;ENV-04;2024;1,234\n";

        var (report, values) = await Read(csv, new ReadOptions { Locale = NumberStyle.DecimalPoint });

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("en-US", report.Locale);
        Assert.Equal([87.5, 1234], values.Select(v => v.Value));
    }

    [Fact]
    public async Task AmbiguousThousands_InACommaFileWithoutOtherEvidence_ReadEnglishWithAWarning()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value\n13.07,ENV-04,2024,\"1,234\"\n");

        Assert.True(report.Valid);
        Assert.Equal(1234, Assert.Single(values).Value);
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.AmbiguousNumberFormat);
    }

    [Fact]
    public async Task AmbiguousCell_IsReadInTheStyleALaterCellDecides()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value\n13.07,ENV-04,2024,1.234\n13.07,GOV-01,2024,\"87,5\"\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("id-ID", report.Locale);
        Assert.Equal([1234, 87.5], values.Select(v => v.Value));
    }

    [Fact]
    public async Task ReadingPass_ReadsInTheStyleTheValidationPassDecided_AsAValue()
    {
        var bytes = Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value\n13.07,ENV-04,2024,1.234\n13.07,GOV-01,2024,\"87,5\"\n");
        var verdict = await Reader.ValidateAsync(new MemoryStream(bytes), new ReadOptions());
        // The report's locale is the style's name for the user; the reading pass must not depend on it.
        verdict.Locale = "en-US";
        var values = new List<NormalizedValue>();

        await Reader.ReadValidAsync(new MemoryStream(bytes), new ReadOptions(), verdict, values.Add);

        Assert.Equal(NumberStyle.DecimalComma, verdict.NumberStyle);
        Assert.Equal([1234, 87.5], values.Select(v => v.Value));
    }

    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "PNG")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "PDF")]
    [InlineData(new byte[] { 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00, 0x0A, 0x00, 0x31, 0x00, 0x2C, 0x00, 0x32, 0x00, 0x0A, 0x00 }, "UTF-16")]
    [InlineData(new byte[] { 0x61, 0x2C, 0x62, 0x0A, 0x00, 0x2C, 0x32 }, "NUL")]
    public async Task BinaryFiles_AreNotCsv(byte[] bytes, string hint)
    {
        var (report, values) = await Read(bytes);

        var error = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.NotCsv, error.Code);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Empty(values);
    }

    /// <summary>Zip bytes are a workbook now (issue 13): a damaged one is reported as such, not as "save as CSV".</summary>
    [Fact]
    public async Task DamagedZip_IsAnUnreadableWorkbook()
    {
        var (report, values) = await Read([0x50, 0x4B, 0x03, 0x04, 20, 0, 6, 0]);

        var error = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.UnreadableWorkbook, error.Code);
        Assert.Contains("xlsx", error.Message, StringComparison.Ordinal);
        Assert.Contains("xlsx", error.MessageId, StringComparison.Ordinal);
        Assert.Empty(values);
    }

    [Fact]
    public async Task Errors_CarryExcelRowsCellsAndBothLanguages()
    {
        var (report, _) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n\n13.07,GOV-01,2025,abc\n");

        var error = Assert.Single(report.Errors);
        Assert.Equal((4, "value", "D4", "abc"), (error.Row, error.Column, error.Cell, error.Value));
        Assert.NotNull(error.MessageId);
        Assert.Contains("\"message_id\"", report.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_RoundTripsThroughJson()
    {
        var (report, _) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.07,GOV-01,2025,abc\n");

        var again = ValidationReport.FromJson(report.ToJson());

        Assert.Equal(report.ToJson(), again.ToJson());
    }

    [Fact]
    public async Task Limits_AreEnforcedWhileReading()
    {
        var limits = new CsvLimits { MaxRows = 2, MaxCellLength = 10, MaxColumns = 5, MaxRecordBytes = 1024 };
        var options = new ReadOptions { Limits = limits };

        var (rows, _) = await Read("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n13.07,GOV-01,2025,1\n13.07,GOV-01,2026,1\n", options);
        var (cell, _) = await Read("regency_code,indicator_code,period,value,note\n13.07,GOV-01,2024,1,a very long note indeed\n", options);
        var (columns, _) = await Read("a,b,c,d,e,f\n1,2,3,4,5,6\n", options);
        var (line, _) = await Read("regency_code,indicator_code,period,value,note\n13.07,GOV-01,2024,1,\"" + new string('x', 300_000) + "\n", options);

        Assert.Contains(rows.Errors, e => e.Code == ErrorCodes.TooManyRows);
        Assert.Contains(cell.Errors, e => e.Code == ErrorCodes.CellTooLong && e.Cell == "E2");
        Assert.Contains(columns.Errors, e => e.Code == ErrorCodes.TooManyColumns);
        Assert.Contains(line.Errors, e => e.Code == ErrorCodes.LineTooLong);
    }

    [Fact]
    public async Task ManyErrors_AreCountedExactlyButListedUpToTheCap()
    {
        var csv = new StringBuilder("regency_code,indicator_code,period,value\n");
        for (var i = 0; i < ValidationReport.MaxListed + 50; i++)
        {
            csv.Append("13.07,GOV-01,2024,x\n");
        }

        var (report, _) = await Read(csv.ToString());

        Assert.Equal(ValidationReport.MaxListed + 50, report.ErrorCount);
        Assert.Equal(ValidationReport.MaxListed, report.Errors.Count);
        Assert.True(report.Truncated);
    }
}

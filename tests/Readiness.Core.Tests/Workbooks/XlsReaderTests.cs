using Readiness.Core.Normalization;
using Readiness.Core.Validation;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Workbooks;

/// <summary>Excel 97–2003 workbooks (built by <see cref="TestXls"/>) through the same reader as xlsx and CSV.</summary>
public class XlsReaderTests
{
    [Fact]
    public async Task AnXlsWorkbook_IsReadAsTypedCells()
    {
        var bytes = TestXls.Workbook(
            "Isian",
            ["kode_wilayah", "kode_indikator", "periode", "nilai"],
            ["13.07", "GOV-01", "2024", 87.5],
            [13.07, "GOV-03", "2024", new XlsCell(0.64, TestXls.Percent)],
            ["13.07", "BRA-03", new XlsCell(new DateTime(2024, 3, 1), TestXls.Date), 1250.0],
            ["13.07", "BRA-02", "2024", true],
            ["13.07", "GOV-02", "2024Q5", 3.0]);

        var (report, values) = await Read(bytes);

        Assert.Equal(("xls", "Isian"), (report.FileType, report.Sheet));
        Assert.Equal(
            ["2 13.07 GOV-01 2024 87.5", "3 13.07 GOV-03 2024 64", "4 13.07 BRA-03 2024-03 1250", "5 13.07 BRA-02 2024 1"],
            values.Select(v => $"{v.Row} {v.Regency.Code} {v.Indicator.Code} {v.Period} {NumberParser.Format(v.Value)}"));
        Assert.Contains(report.Warnings, w => w is { Code: ErrorCodes.RegencyCodeRepaired, Cell: "Isian!A3" });
        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.InvalidPeriod, "Isian!C6"), (error.Code, error.Cell));
    }
}

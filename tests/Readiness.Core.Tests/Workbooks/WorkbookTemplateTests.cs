using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using ExcelDataReader;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Workbooks;

/// <summary>The xlsx template: what it holds, and that filled in (cells written into its Open XML) it uploads back valid.</summary>
public class WorkbookTemplateTests
{
    private static async Task<byte[]> Template(bool wide, string regency = "13.07")
    {
        using var buffer = new MemoryStream();
        await WorkbookTemplate.WriteAsync(TestData.Catalog, wide, regency, 2024, buffer);
        return buffer.ToArray();
    }

    /// <summary>A value for each indicator that lies in its range, as an officer types it (Ya for yes/no).</summary>
    private static string Typed(Indicator indicator, int i) => indicator.IsBoolean ? "Ya" : ((indicator.Min ?? 0) + 1 + (i % 3)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes values into the template's empty value cells, as Excel stores what is typed: numbers as numbers.</summary>
    private static byte[] Fill(byte[] template, Func<int, string> valueOfRow) => TestWorkbooks.EditFirstSheet(template, xml =>
        Regex.Replace(xml, "<row r=\"(\\d+)\">(.*?)</row>", m =>
        {
            var row = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            if (row == 1)
            {
                return m.Value;
            }

            var value = valueOfRow(row);
            var cell = double.TryParse(value, CultureInfo.InvariantCulture, out _) ? $"<c><v>{value}</v></c>" : $"<c t=\"inlineStr\"><is><t>{value}</t></is></c>";
            var body = m.Groups[2].Value;
            var at = body.IndexOf("<c/>", StringComparison.Ordinal);
            return $"<row r=\"{row}\">{(at >= 0 ? body[..at] + cell + body[(at + 4)..] : body + cell)}</row>";
        }));

    [Fact]
    public async Task LongTemplate_FilledIn_IsValidWithoutAnyOption()
    {
        var indicators = TestData.Catalog.Indicators;
        var filled = Fill(await Template(wide: false), row => Typed(indicators[row - 2], row));

        var (report, values) = await Read(filled);

        Assert.True(report.Valid, report.ToJson());
        Assert.Empty(report.Warnings);
        Assert.Equal(("xlsx", "Data"), (report.FileType, report.Sheet));
        Assert.Equal(indicators.Count, values.Count);
        Assert.All(values, v => Assert.Equal(("13.07", "2024"), (v.Regency.Code, v.Period.ToString())));
        Assert.Equal(indicators.Select((i, n) => i.IsBoolean ? "1" : Typed(i, n + 2)), values.Select(v => NumberParser.Format(v.Value)));
        Assert.Equal(indicators.Select(i => WorkbookTemplate.UnitName(i.Unit)), values.Select(v => v.Unit));
    }

    [Fact]
    public async Task WideTemplate_FilledIn_IsValidWithoutAnyOption()
    {
        var template = await Template(wide: true, regency: "32.71");
        var indicators = TestData.Catalog.Indicators;
        var cells = string.Concat(indicators.Select((i, n) => i.IsBoolean ? "<c t=\"inlineStr\"><is><t>Tidak</t></is></c>" : $"<c><v>{Typed(i, n)}</v></c>"));
        var filled = TestWorkbooks.EditFirstSheet(template, xml => Regex.Replace(xml, "(<row r=\"2\">.*?)</row>", m => m.Groups[1].Value + cells + "</row>"));

        var (report, values) = await Read(filled);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal("wide", report.Format);
        Assert.Equal(indicators.Count, values.Count);
        Assert.All(values, v => Assert.Equal("32.71", v.Regency.Code));
    }

    [Fact]
    public async Task Template_HasTextCodeColumns_Validations_AndIndonesianInstructionsWithUnitsAndRanges()
    {
        var bytes = await Template(wide: false);

        using var zip = new ZipArchive(new MemoryStream(bytes));
        string Part(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        var data = Part("xl/worksheets/sheet1.xml");
        var styles = Part("xl/styles.xml");
        Assert.Contains("numFmtId=\"49\"", styles, StringComparison.Ordinal); // the Text format (@)
        Assert.Contains("type=\"list\"", data, StringComparison.Ordinal);
        Assert.Contains("GOV-01,GOV-02", data, StringComparison.Ordinal);
        Assert.Contains("2024Q1", data, StringComparison.Ordinal);
        Assert.Contains("type=\"decimal\"", data, StringComparison.Ordinal);

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var excel = ExcelReaderFactory.CreateReader(new MemoryStream(bytes));
        Assert.Equal("Data", excel.Name);
        Assert.True(excel.NextResult());
        Assert.Equal(WorkbookTemplate.InstructionsSheet, excel.Name);
        var lines = new List<string>();
        while (excel.Read())
        {
            lines.Add(string.Join(" | ", Enumerable.Range(0, excel.FieldCount).Select(i => excel.GetValue(i)?.ToString() ?? "")));
        }

        Assert.Contains(lines, l => l.Contains("Isi lembar Data", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("GOV-01 | Layanan publik daring | Governance | percent | 0–100", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("BRA-03 |", StringComparison.Ordinal) && l.Contains("count | ≥ 0", StringComparison.Ordinal));
    }
}

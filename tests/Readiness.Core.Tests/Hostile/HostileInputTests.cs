using System.Text;
using CsCheck;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;
using Readiness.TestSupport;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Hostile;

/// <summary>Files that are not CSV at all, or CSV built to hurt: each gets a report with its own code, never an
/// exception, and nothing of it is accepted.</summary>
public class HostileInputTests
{
    private const string Valid = """"
        kode_wilayah;kode_indikator;periode;nilai;satuan;keterangan
        13.07;GOV-01;Januari 2024;87,5;persen;"catatan; dengan ""kutip"""
        Kab. Lima Puluh Kota;BRA-02;2024;Ya;;
        1307;ECO-04;2024Q2;-3,5;persen;
        13.71;ENV-03;Agu 2024;1.234,5;;
        """";

    /// <summary>The corpus: a name, how to make the bytes, and the error code the file must get.</summary>
    public static TheoryData<string, string> Corpus => new()
    {
        { "png", ErrorCodes.NotCsv },
        { "zip", ErrorCodes.UnreadableWorkbook }, // a damaged workbook since zips are read (issue 13)
        { "pdf", ErrorCodes.NotCsv },
        { "nul-bytes", ErrorCodes.NotCsv },
        { "utf16-without-bom", ErrorCodes.NotCsv },
        { "endless-single-line", ErrorCodes.LineTooLong },
        { "ten-megabytes-of-commas", ErrorCodes.LineTooLong },
        { "hundred-thousand-columns", ErrorCodes.LineTooLong },
        { "many-columns", ErrorCodes.TooManyColumns },
        { "unbalanced-quotes", ErrorCodes.MalformedQuotes },
        { "empty", ErrorCodes.EmptyFile },
        { "only-a-bom", ErrorCodes.EmptyFile },
        { "huge-cell", ErrorCodes.CellTooLong },
        { "keys-with-forbidden-characters", ErrorCodes.UnknownRegency },
    };

    private static byte[] Make(string name) => name switch
    {
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[2000]],
        "zip" => [0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("[Content_Types].xml")],
        "pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n"),
        "nul-bytes" => [.. Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1"), 0, 0, 0, .. Encoding.UTF8.GetBytes(",x\n")],
        "utf16-without-bom" => Encoding.Unicode.GetBytes("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,1\n"),
        "endless-single-line" => Encoding.ASCII.GetBytes(new string('a', 3_000_000)),
        "ten-megabytes-of-commas" => Encoding.ASCII.GetBytes(new string(',', 10 * 1024 * 1024)),
        "hundred-thousand-columns" => Encoding.ASCII.GetBytes(string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}")) + "\n1\n"),
        "many-columns" => Encoding.ASCII.GetBytes(string.Join(',', Enumerable.Range(0, 1_000).Select(i => $"c{i}")) + "\n1\n"),
        "unbalanced-quotes" => Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value\n13.07,GOV-01,2024,\"1\n13.07,GOV-02,2024,2\n"),
        "empty" => [],
        "only-a-bom" => [0xEF, 0xBB, 0xBF],
        "huge-cell" => Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value,note\n13.07,GOV-01,2024,1," + new string('x', 100_000) + "\n"),
        "keys-with-forbidden-characters" => Encoding.UTF8.GetBytes("regency_code,indicator_code,period,value\n13/07#?,GOV-01,2024,1\n../13.07,GOV-01,2024,1\n"),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task HostileFile_GetsAReportWithItsOwnCode(string name, string code)
    {
        var (report, values) = await Read(Make(name));

        Assert.False(report.Valid);
        Assert.Contains(report.Errors, e => e.Code == code);
        Assert.Empty(values);
        Assert.All(report.Errors, e => Assert.True(e.Message.Length is > 10 and < 600, e.Message));
    }

    [Fact]
    public async Task RandomBytes_NeverThrowAndNeverPassForData()
    {
        await Gen.Byte.Array[0, 3000].SampleAsync(async bytes =>
        {
            var (report, values) = await Read(bytes);
            Assert.NotNull(report.ToJson());
            Assert.True(report.Valid || values.All(v => !report.RejectedRows.Contains(v.Row)));
        }, iter: 4000);
    }

    [Fact]
    public async Task MutatedValidCsv_AlwaysGetsAConsistentReport()
    {
        await CsvMutations.Of(Valid, "\"';,\t\n\r\0%.-=+@ab1Z9é\uFFFD|", 1, 12).SampleAsync(async text =>
        {
            var (report, values) = await Read(text);

            Assert.Equal(report.ErrorCount == 0, report.Valid);
            Assert.True(report.Accepted >= 0 && report.Rejected <= report.Rows);
            Assert.All(values, v => Assert.DoesNotContain(v.Row, report.RejectedRows));
            Assert.All(values, v => Assert.True(v.Indicator.InRange(v.Value), $"{v.Indicator.Code} {v.Value}"));
        }, iter: 4000);
    }
}

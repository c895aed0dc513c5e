using Readiness.Core.Csv;
using Readiness.Core.Validation;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Regressions;

/// <summary>
/// Issue 13: a badly encoded export stored notes with the control character <c>\x13</c> without a warning. Text
/// cells now keep their printable text, and each cell that held control characters (other than tab and the line
/// breaks Excel writes inside a cell) gets a warning naming it.
/// </summary>
public class ControlCharactersStoredSilently
{
    [Fact]
    public async Task ANoteWithAControlCharacter_IsStoredPrintable_WithAWarningNamingTheCell()
    {
        var (report, values) = await Read("kode_wilayah;kode_indikator;periode;nilai;satuan;keterangan\n13.07;GOV-01;2024;87,5;persen;Dinas\u0013 Kominfo\n13.07;GOV-02;2024;3;;biasa\n");

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(["Dinas Kominfo", "biasa"], values.Select(v => v.Note));
        var warning = Assert.Single(report.Warnings);
        Assert.Equal((ErrorCodes.ControlCharacter, 2, "F2", "keterangan"), (warning.Code, warning.Row, warning.Cell, warning.Column));
        Assert.Equal("Dinas\u0013 Kominfo", warning.Value);
        Assert.StartsWith("Row 2, column keterangan [note]: the cell holds control characters (U+0013)", warning.Message, StringComparison.Ordinal);
        Assert.StartsWith("Baris 2, kolom keterangan [note]: sel berisi karakter kendali (U+0013)", warning.MessageId, StringComparison.Ordinal);
        Assert.Contains("'Dinas Kominfo'", warning.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0001", "U+0001")]
    [InlineData("\u001B[2J", "U+001B")]
    [InlineData("\u007F", "U+007F")]
    [InlineData("\u0085", "U+0085")]
    [InlineData("\v\f", "U+000B, U+000C")]
    public async Task EveryControlCharacter_OfAUnitOrNote_IsReportedAndRemoved(string control, string named)
    {
        var (report, values) = await Read($"regency_code,indicator_code,period,value,unit,note\n13.07,GOV-01,2024,87.5,per{control}sen,a{control}b\n");

        var printable = new string([.. control.Where(c => !char.IsControl(c))]);
        Assert.Equal([$"per{printable}sen"], values.Select(v => v.Unit));
        Assert.Equal([$"a{printable}b"], values.Select(v => v.Note));
        Assert.Equal(["E2", "F2"], report.Warnings.Select(w => w.Cell));
        Assert.All(report.Warnings, w => Assert.Contains($"({named})", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TabsAndLineBreaksInsideACell_AreText()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value,unit,note\n13.07,GOV-01,2024,87.5,,\"baris satu\nbaris\tdua\"\n");

        Assert.Empty(report.Warnings);
        Assert.Equal("baris satu\nbaris\tdua", Assert.Single(values).Note);
    }

    [Fact]
    public async Task AWindows1252ExportWithControlBytes_IsNotStoredSilently()
    {
        var bytes = CsvSniffer.Windows1252.GetBytes("regency_code;indicator_code;period;value;unit;note\r\n13.07;GOV-01;2024;80;;Dinas – Pariaman\r\n");
        bytes = [.. bytes[..^2], 0x13, 0x0D, 0x0A];

        var (report, values) = await Read(bytes);

        Assert.Equal("windows-1252", report.Encoding);
        Assert.Equal("Dinas – Pariaman", Assert.Single(values).Note);
        Assert.Equal(ErrorCodes.ControlCharacter, Assert.Single(report.Warnings).Code);
    }

    [Fact]
    public async Task ANoteOfControlCharactersOnly_IsStoredAsNoNote()
    {
        var (report, values) = await Read("regency_code,indicator_code,period,value,unit,note\n13.07,GOV-01,2024,87.5,,\u0013\u0014\n");

        Assert.Null(Assert.Single(values).Note);
        Assert.Contains("(U+0013, U+0014)", Assert.Single(report.Warnings).Message, StringComparison.Ordinal);
    }
}

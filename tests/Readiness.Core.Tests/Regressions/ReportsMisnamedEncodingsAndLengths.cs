using System.Text;
using Readiness.Core.Csv;
using Readiness.Core.Ingestion;
using Readiness.Core.Validation;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Regressions;

/// <summary>
/// Issue 11, point 6: a UTF-8 file with a BOM and one invalid byte was read as Windows-1252 (the BOM became a
/// <c>missing-label</c>), NUL bytes were "UTF-16 without a byte order mark", UTF-32 was labelled UTF-16, an emoji
/// counted as two characters, and a <c>sep=</c> line with no separator became the header without a word.
/// </summary>
public class ReportsMisnamedEncodingsAndLengths
{
    private const string Header = "regency_code,indicator_code,period,value,unit,note\n";

    [Fact]
    public async Task InvalidUtf8AfterABom_IsAnEncodingErrorAtItsCell_NotWindows1252()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Utf8(Header + "13.07,GOV-01,2024,87.5,,catatan\n13.07,GOV-02,2024,3,,n"), 0xE9, .. "\n"u8];

        var (report, values) = await Read(bytes);

        Assert.Equal("utf-8-bom", report.Encoding);
        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.EncodingError, 3, "F3", "note"), (error.Code, error.Row, error.Cell, error.Column));
        Assert.StartsWith("Baris 3, kolom note: sel berisi byte yang bukan UTF-8", error.MessageId, StringComparison.Ordinal);
        Assert.False(report.HasError(ErrorCodes.MissingLabel));
        Assert.Equal("catatan", Assert.Single(values).Note);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1000)]
    [InlineData(CsvSniffer.SniffBytes + 10)]
    public async Task AFileOfNulBytes_IsCalledThat_NotUtf16(int length)
    {
        var (report, _) = await Read(new byte[length]);

        var error = Assert.Single(report.Errors);
        Assert.Equal(ErrorCodes.NotCsv, error.Code);
        Assert.Contains("NUL bytes (zeros) and no text", error.Message, StringComparison.Ordinal);
        Assert.Contains("byte NUL (nol) tanpa teks", error.MessageId, StringComparison.Ordinal);
        Assert.DoesNotContain("UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16WithoutABom_IsStillRecognised()
    {
        var (report, _) = await Read(Encoding.Unicode.GetBytes(Header + "13.07,GOV-01,2024,87.5,,\n"));

        Assert.Contains("UTF-16 text without a byte order mark", Assert.Single(report.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "utf-32le")]
    [InlineData(true, "utf-32be")]
    public async Task Utf32WithABom_IsReadAndLabelledUtf32(bool bigEndian, string label)
    {
        var encoding = new UTF32Encoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(Header + "13.07,GOV-01,2024,87.5,,café 😀\n")];

        var (report, values) = await Read(bytes);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(label, report.Encoding);
        Assert.Equal("café 😀", Assert.Single(values).Note);
    }

    [Fact]
    public async Task CellLengths_CountCharactersAsAUserDoes_AnEmojiIsOne()
    {
        var limits = new CsvLimits { MaxCellLength = 1000 };
        var emoji = string.Concat(Enumerable.Repeat("😀", 1000));
        var (fits, values) = await Read(Header + $"13.07,GOV-01,2024,87.5,,{emoji}\n", new ReadOptions { Limits = limits });
        Assert.True(fits.Valid, fits.ToJson());
        Assert.Equal(emoji, Assert.Single(values).Note);

        var (tooLong, _) = await Read(Header + $"13.07,GOV-01,2024,87.5,,{emoji}😀\n", new ReadOptions { Limits = limits });
        var error = Assert.Single(tooLong.Errors);
        Assert.Equal(ErrorCodes.CellTooLong, error.Code);
        Assert.Contains("holds 1,001 characters; at most 1,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("berisi 1.001 karakter; paling banyak 1.000", error.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sep=\n")]
    [InlineData("sep=\r\n")]
    [InlineData("SEP= \n")]
    [InlineData("sep=;;\n")]
    [InlineData("sep=abc\n")]
    public async Task ASepLineWithoutASeparator_IsSkippedWithAWarning_NotTakenAsTheHeader(string line)
    {
        foreach (var bom in new[] { false, true })
        {
            var text = line + "regency_code;indicator_code;period;value\n13.07;GOV-01;2024;87,5\n";
            var (report, values) = await Read(bom ? Utf8Bom(text) : Utf8(text));

            Assert.True(report.Valid, report.ToJson());
            Assert.Equal(";", report.Delimiter);
            Assert.Equal(87.5, Assert.Single(values).Value);
            Assert.Equal(2, values[0].Row);
            var warning = Assert.Single(report.Warnings);
            Assert.Equal((ErrorCodes.SeparatorLine, 0), (warning.Code, warning.Row));
            Assert.Contains($"'{line.TrimEnd('\r', '\n')}'", warning.Message, StringComparison.Ordinal);
            Assert.Contains("Hapus baris itu atau tulis sep=;", warning.MessageId, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("sep=;\n", ";")]
    [InlineData("sep=|\r\n", "|")]
    [InlineData("sep=\t\n", "\t")]
    public async Task ASepLineNamingASeparator_IsHonouredSilently(string line, string separator)
    {
        var text = line + string.Join(separator, "regency_code", "indicator_code", "period", "value") + "\n" + string.Join(separator, "13.07", "GOV-01", "2024", "87") + "\n";

        var (report, values) = await Read(text);

        Assert.True(report.Valid, report.ToJson());
        Assert.Equal(separator, report.Delimiter);
        Assert.Empty(report.Warnings);
        Assert.Single(values);
    }
}

using System.Globalization;
using Readiness.Core.Normalization;

namespace Readiness.Cli.Tests;

public sealed class NormalizeCommandTests : IDisposable
{
    private const string Header = "regency_code,indicator_code,period,value";

    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Normalize_MessyFile_WritesSortedCanonicalLongCsvWithLf()
    {
        // Unsorted, ';'-separated with decimal commas, Indonesian headers, names and month names, a wide-ish mess.
        var file = _files.Write("messy.csv",
            "\uFEFFkode_wilayah;kode_indikator;periode;nilai;keterangan\r\n" +
            "Kota Padang;GOV-04;Agustus 2024;5,25;\r\n" +
            "13.07;BRA-01;Q2 2024;1.234,5;\r\n" +
            "13.07;GOV-04;Januari 2024;6,5;\r\n" +
            "13.07;BRA-01;2024-Q1;312,4;\r\n" +
            "13.07;ECO-02;2024;85%;\r\n" +
            "13.07;BRA-02;Okt 2024;Ya;\r\n" +
            "13.07;GOV-04;2024;6;\r\n");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            Header + "\n" +
            "13.07,BRA-01,2024Q1,312.4\n" +
            "13.07,BRA-01,2024Q2,1234.5\n" +
            "13.07,BRA-02,2024-10,1\n" +
            "13.07,ECO-02,2024,85\n" +
            "13.07,GOV-04,2024,6\n" +
            "13.07,GOV-04,2024-01,6.5\n" +
            "13.71,GOV-04,2024-08,5.25\n",
            run.Out);
    }

    [Fact]
    public async Task Normalize_NegativeNumbers_StayPlainNumbers()
    {
        // Formula escaping is for text: -3.5 starts with '-' but is a number and must not become '-3.5.
        var file = _files.Write("growth.csv", Header + "\n13.07,ECO-04,2024,-3.5\n13.71,ECO-04,2024,-0.25\n");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Header + "\n13.07,ECO-04,2024,-3.5\n13.71,ECO-04,2024,-0.25\n", run.Out);
    }

    [Fact]
    public async Task Normalize_FormulaLikeText_IsEscapedForSpreadsheets()
    {
        // A catalog may name an indicator so that Excel would run it as a formula; the output neutralises it.
        var catalog = _files.Write("catalog.json", """
            {
              "version": "test",
              "indicators": [
                { "code": "=CMD", "name": "Formula-like", "dimension": "governance", "unit": "percent", "min": -100, "max": 100,
                  "scoring": { "method": "target", "target": 100 } }
              ]
            }
            """);
        var file = _files.Write("formula.csv", Header + "\n13.07,=cmd,2024,-5\n");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry, "--catalog", catalog);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Header + "\n13.07,\"'=CMD\",2024,-5\n", run.Out);
    }

    [Theory]
    [InlineData("0,1")]
    [InlineData("1.234.567,125")]
    [InlineData("0,000001")]
    [InlineData("33,333333333333336")]
    [InlineData("1.000.000.000.000.000.000")]
    public async Task Normalize_Values_AreInvariantShortestRoundTrip(string written)
    {
        var file = _files.Write("values.csv", "regency_code;indicator_code;period;value\n13.07;BRA-01;2024;" + written + "\n");
        Assert.True(NumberParser.TryParse(written, NumberStyle.DecimalComma, out var parsed));

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        var value = run.Out.Split('\n')[1].Split(',')[3];
        Assert.Equal(NumberParser.Format(parsed), value);
        Assert.Equal(parsed, double.Parse(value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Normalize_InvalidFile_ExitsOneWithTheReportOnStderrAndWritesNothing()
    {
        var file = _files.Write("bad.csv", Header + "\n13.07,GOV-01,2024,72.5\n13.07,GOV-01,2025Q9,1\n");
        var target = _files.File("out.csv");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry, "--out", target);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        // Indonesian by default (--lang id).
        Assert.Contains("bad.csv: TIDAK VALID", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"3/C3\s+invalid-period\s+Baris 3, kolom period: '2025Q9' bukan periode yang sah", run.Error);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public async Task Normalize_InvalidFileWithJson_PrintsTheJsonReportOnStderr()
    {
        var file = _files.Write("bad.csv", Header + "\nBogor,GOV-01,2024,72.5\n");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("\"code\": \"ambiguous-regency\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normalize_Out_WritesTheFileAsUtf8WithoutBomAndLfEndings()
    {
        var file = _files.Write("ok.csv", "regency_code;indicator_code;period;value\r\n13.07;GOV-01;2024;72,5\r\n");
        var target = _files.File("out.csv");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry, "--out", target);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Wrote 1 values", run.Out, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Header + "\n13.07,GOV-01,2024,72.5\n"), await File.ReadAllBytesAsync(target));
    }
}

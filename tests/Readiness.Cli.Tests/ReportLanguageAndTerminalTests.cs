using Readiness.Cli.Output;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>
/// The printed report: Bahasa Indonesia by default, English with <c>--lang en</c>, the text of every warning on
/// <c>ingest</c>, and nothing a file holds can act on the operator's terminal.
/// </summary>
public sealed class ReportLanguageAndTerminalTests : IAsyncLifetime, IDisposable
{
    private const string Header = "kode_wilayah,kode_indikator,periode,nilai,kolom_lain\n";

    private readonly TempDirectory _files = new();
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Validate_PrintsTheReportInIndonesian_ByDefault_AndInEnglishWithLangEn()
    {
        var file = _files.Write("laporan.csv", Header + "13.07,GOV-01,2024Q5,72.5,\n13.07,GOV-01,2024,172.5,\n");

        var indonesian = await Cli.RunAsync("validate", file, "--registry", Cli.Registry);
        var english = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--lang", "en");

        Assert.True(indonesian.ExitCode == 1, indonesian.ToString());
        Assert.Contains("laporan.csv: TIDAK VALID", indonesian.Out, StringComparison.Ordinal);
        Assert.Contains("format long, pemisah ',', pengodean utf-8, locale en-US", indonesian.Out, StringComparison.Ordinal);
        Assert.Contains("baris 2, nilai 2, diterima 0, ditolak 2", indonesian.Out, StringComparison.Ordinal);
        Assert.Contains("  kesalahan (2):", indonesian.Out, StringComparison.Ordinal);
        Assert.Matches(@"2/C2\s+invalid-period\s+Baris 2, kolom periode \[period\]: '2024Q5' bukan periode yang sah\. Tulis periode dalam bentuk 2024, 2024Q1", indonesian.Out);
        Assert.Matches(@"3/D3\s+constraint-error\s+Baris 3, kolom nilai \[value\]: 172,5 di luar rentang yang sah untuk GOV-01 \(Layanan publik daring\): 0–100 \(persen\)", indonesian.Out);
        Assert.Contains("  peringatan (1):", indonesian.Out, StringComparison.Ordinal);
        Assert.Matches(@"1/E1\s+unknown-column\s+Kolom 'kolom_lain' bukan bagian dari format panjang", indonesian.Out);

        Assert.Equal(1, english.ExitCode);
        Assert.Contains("laporan.csv: INVALID", english.Out, StringComparison.Ordinal);
        Assert.Matches(@"2/C2\s+invalid-period\s+Row 2, column periode \[period\]: '2024Q5' is not a period", english.Out);
        Assert.Contains("  warnings (1):", english.Out, StringComparison.Ordinal);
        // The same issues at the same positions, line for line.
        Assert.Equal(indonesian.Out.Split('\n').Length, english.Out.Split('\n').Length);
    }

    [Fact]
    public async Task Lang_AcceptsOnlyIdAndEn()
    {
        var file = _files.Write("x.csv", Header + "13.07,GOV-01,2024,72.5,\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--lang", "fr");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fr", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id", "peringatan (2):", "tersimpan (semua wilayah, atomic)", "Baris 3 kosong dan diabaikan.")]
    [InlineData("en", "warnings (2):", "stored (all regencies, atomic)", "Row 3 is blank and ignored.")]
    public async Task Ingest_PrintsTheTextOfEveryWarning_NotOnlyTheirCount(string lang, string title, string status, string blankRow)
    {
        var file = _files.Write("peringatan.csv", Header + "13.07,GOV-01,2024,72.5,x\n,,,,\n13.07,GOV-02,2024,3,\n");

        var run = await Cli.RunOnAsync(_account, "ingest", file, "--registry", Cli.Registry, "--lang", lang);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(status, run.Out, StringComparison.Ordinal);
        Assert.Contains($"  {title}", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"\n\s+1/E1\s+unknown-column\s+\S", run.Out);
        Assert.Matches($@"\n\s+3\s+blank-row\s+{System.Text.RegularExpressions.Regex.Escape(blankRow)}\n", run.Out);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task TerminalEscapesInACell_AreShownEscaped_NeverSentToTheTerminal(string lang)
    {
        // OSC 0 retitles the terminal, CSI 2J clears it, BEL rings, U+202E reverses what follows.
        var file = _files.Write("jahat\u001b[31m.csv", "regency_code,indicator_code,period,value\n\u001b]0;pwned\u0007\u001b[2J,GOV-01,2024,1\n13.07,GOV-01,\u202E4202,1\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--lang", lang);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(@"'\u001b]0;pwned\u0007\u001b[2J'", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"'\u202e4202'", run.Out, StringComparison.Ordinal);
        Assert.Contains(@"jahat\u001b[31m.csv:", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', run.Out + run.Error);
        Assert.DoesNotContain('\u0007', run.Out + run.Error);
        Assert.DoesNotContain('\u202E', run.Out + run.Error);
    }

    [Fact]
    public void TerminalText_EscapesControlAndBidiCharacters_AndKeepsEveryOtherText()
    {
        Assert.Equal("Kabupaten Lima Puluh Kota – café 😀 ‘1.234,5’", TerminalText.Safe("Kabupaten Lima Puluh Kota – café 😀 ‘1.234,5’"));
        Assert.Equal(@"a\u0000b\u0009c\u000ad\u007fe\u009bf\u2066g", TerminalText.Safe("a\0b\tc\nd\u007Fe\u009Bf\u2066g"));
        Assert.Equal("", TerminalText.Safe(null));
    }

    [Fact]
    public void TextTables_EscapeEveryCell_SoRegistryNamesCannotActOnTheTerminal()
    {
        var table = new TextTable(new TextColumn("regency"), TextColumn.Number("score"));
        table.Add("Kota \u001b]0;x\u0007", "1.0");
        using var output = new StringWriter();

        table.Write(output);

        Assert.Contains(@"Kota \u001b]0;x\u0007", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output.ToString());
    }
}

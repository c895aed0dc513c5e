using System.IO.Compression;
using System.Text.RegularExpressions;
using Readiness.Core.Catalog;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

/// <summary>Workbooks through the CLI (issue 13): template, validate, normalize and ingest read the file's bytes, not its name.</summary>
public sealed class WorkbookCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _files = new();
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _files.Dispose();

    /// <summary>The template with a value typed into every value cell (GOV-01 87.5 … as Excel stores numbers).</summary>
    private async Task<string> FilledTemplateAsync(string name)
    {
        var template = _files.File("template.xlsx");
        var run = await Cli.RunAsync("template", "--out", template, "--regency", "13.07", "--year", "2024", "--registry", Cli.Registry);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Wrote the long template for 13.07, 2024", run.Out, StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(template);
        using var buffer = new MemoryStream();
        buffer.Write(bytes);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = await reader.ReadToEndAsync();
            }

            var indicators = CatalogFile.Default.Indicators;
            xml = Regex.Replace(xml, "<row r=\"(\\d+)\">((?:(?!</row>).)*?)<c/>", m =>
            {
                var indicator = indicators[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 2];
                var cell = indicator.IsBoolean ? "<c t=\"inlineStr\"><is><t>Ya</t></is></c>" : $"<c><v>{(indicator.Min ?? 0) + 1}</v></c>";
                return $"<row r=\"{m.Groups[1].Value}\">{m.Groups[2].Value}{cell}";
            });
            entry.Delete();
            await using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            await writer.WriteAsync(xml);
        }

        // A name that says nothing: the bytes decide.
        return _files.Write(name, buffer.ToArray());
    }

    [Fact]
    public async Task Validate_FilledTemplate_IsValidAndSaysWhichSheetItRead()
    {
        var file = await FilledTemplateAsync("isian-tanpa-ekstensi");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("format long, buku kerja xlsx, lembar Data", run.Out, StringComparison.Ordinal);
        Assert.Contains("baris 24, nilai 24, diterima 24, ditolak 0", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Normalize_FilledTemplate_WritesCanonicalCsv()
    {
        var file = await FilledTemplateAsync("isian.xlsx");

        var run = await Cli.RunAsync("normalize", file, "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("regency_code,indicator_code,period,value", lines[0]);
        Assert.Equal(25, lines.Length);
        Assert.Contains("13.07,GOV-01,2024,1", lines);
        Assert.Contains("13.07,BRA-02,2024,1", lines);
    }

    [Fact]
    public async Task Ingest_FilledTemplate_StoresItsValues()
    {
        var file = await FilledTemplateAsync("isian.xls");

        var run = await Cli.RunOnAsync(_account, "ingest", file, "--regency", "13.07", "--registry", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("diimpor 24", run.Out, StringComparison.Ordinal);
        var stored = await new TableObservationStore(_account).ReadPartitionAsync("13.07", CancellationToken.None);
        Assert.Equal(24, stored.Count);
    }

    [Fact]
    public async Task Template_Csv_WritesTheCsvTemplate()
    {
        var file = _files.File("template.csv");

        var run = await Cli.RunAsync("template", "--out", file, "--format", "csv", "--wide", "--year", "2024");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("regency_code,period,GOV-01", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }
}

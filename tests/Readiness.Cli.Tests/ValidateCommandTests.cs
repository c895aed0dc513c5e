using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Validate_ValidFile_ExitsZeroWithReadableSummary()
    {
        var file = _files.Write("ok.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n13.07,ECO-04,2024Q1,-3.5\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--lang", "en");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ok.csv: valid", run.Out, StringComparison.Ordinal);
        Assert.Contains("format long, delimiter ',', encoding utf-8, locale en-US", run.Out, StringComparison.Ordinal);
        Assert.Contains("rows 2, values 2, accepted 2, rejected 0", run.Out, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Validate_InvalidFile_ExitsOneAndListsEachErrorWithRowCellAndCode()
    {
        var file = _files.Write("bad.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,172.5\n13.07,XYZ-01,2024,1\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--lang", "en");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("bad.csv: INVALID", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"2/D2\s+constraint-error\s+Row 2, column value: 172\.5 is outside", run.Out);
        Assert.Matches(@"3/B3\s+unknown-indicator\s+Row 3, column indicator_code: 'XYZ-01'", run.Out);
    }

    [Fact]
    public async Task Validate_Json_PrintsExactlyTheReportOfTheCore()
    {
        var path = Cli.Sample("32.01-bogor-invalid.csv");
        var reader = new ObservationReader(CatalogFile.Default, Samples.Registry);
        var options = new ReadOptions { UploadRegency = Samples.Registry.Resolve("32.01").Regency };
        await using var stream = File.OpenRead(path);
        var expected = await reader.ValidateAsync(stream, options);

        var run = await Cli.RunAsync("validate", path, "--regency", "32.01", "--registry", Cli.Registry, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(expected.ToJson() + "\n", run.Out);
    }

    [Fact]
    public async Task Validate_WithoutRegistryOption_UsesTheRepositorySampleRegistry()
    {
        var file = _files.Write("named.csv", "kode_wilayah,kode_indikator,periode,nilai\nKab. Lima Puluh Kota,GOV-01,2024,72.5\n");

        var run = await Cli.RunAsync("validate", file);

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task Validate_LocaleOption_ForcesTheNumberStyle()
    {
        var file = _files.Write("points.csv", "regency_code;indicator_code;period;value\n13.07;GOV-01;2024;72.5\n");

        var detected = await Cli.RunAsync("validate", file, "--registry", Cli.Registry);
        var forced = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--locale", "en-US");

        Assert.True(detected.ExitCode == 1, detected.ToString()); // ';' means decimal commas unless told otherwise
        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Contains("locale en-US", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BpsScheme_ReadsFourDigitCodesThroughTheRegistry()
    {
        // BPS 1308 is Lima Puluh Kota (Kemendagri 13.07); as a Kemendagri code 13.08 is not in the sample registry.
        var file = _files.Write("bps.csv", "regency_code,indicator_code,period,value\n1308,GOV-01,2024,72.5\n");

        var kemendagri = await Cli.RunAsync("validate", file, "--registry", Cli.Registry);
        var bps = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--regency-scheme", "bps", "--regency", "13.07");

        Assert.Equal(1, kemendagri.ExitCode);
        Assert.Contains("unknown-regency", kemendagri.Out, StringComparison.Ordinal);
        Assert.True(bps.ExitCode == 0, bps.ToString());
    }

    [Fact]
    public async Task Validate_RegencyOption_RejectsRowsOfAnotherRegency()
    {
        var file = _files.Write("two.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n13.71,GOV-01,2024,80\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--regency", "13.07");

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"3/A3\s+regency-mismatch", run.Out);
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--locale", "fr-FR")]
    [InlineData("--regency-scheme", "iso")]
    [InlineData("--regency", "99.99")]
    [InlineData("--regency", "Bogor")]
    public async Task Validate_UsageErrors_ExitTwoWithAMessageOnStderr(params string[] extra)
    {
        var file = _files.Write("ok.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n");

        var run = await Cli.RunAsync(["validate", file, "--registry", Cli.Registry, .. extra]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Validate_AmbiguousRegencyOption_NamesBothCandidates()
    {
        var file = _files.Write("ok.csv", "regency_code,indicator_code,period,value\n32.01,GOV-01,2024,72.5\n");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--regency", "Bogor");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Kabupaten Bogor (32.01)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Kota Bogor (32.71)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsTwo()
    {
        var run = await Cli.RunAsync("validate", _files.File("nowhere.csv"), "--registry", Cli.Registry);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("nowhere.csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenRegistryOrCatalogFile_ExitsTwo()
    {
        var file = _files.Write("ok.csv", "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,72.5\n");
        var registry = _files.Write("registry.csv", "code,name\n13.07,Kabupaten Lima Puluh Kota\n");
        var catalog = _files.Write("catalog.json", "{ \"version\": \"x\", \"indicators\": [] }");

        var badRegistry = await Cli.RunAsync("validate", file, "--registry", registry);
        var badCatalog = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--catalog", catalog);

        Assert.Equal(2, badRegistry.ExitCode);
        Assert.Contains("registry is not valid", badRegistry.Error, StringComparison.Ordinal);
        Assert.Equal(2, badCatalog.ExitCode);
        Assert.Contains("catalog is not valid", badCatalog.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EmptyFile_IsInvalidDataNotAUsageError()
    {
        var file = _files.Write("empty.csv", "");

        var run = await Cli.RunAsync("validate", file, "--registry", Cli.Registry, "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("\"empty-file\"", run.Out, StringComparison.Ordinal);
    }
}

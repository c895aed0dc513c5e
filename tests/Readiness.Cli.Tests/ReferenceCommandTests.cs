using Readiness.Core.Catalog;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed class ReferenceCommandTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _files = new();
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RegistryImport_FillsTheRegenciesTable()
    {
        var run = await Cli.RunOnAsync(_account, "registry", "import", Cli.Registry);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported 17 regencies from registry.csv", run.Out, StringComparison.Ordinal);
        var registry = await new TableReferenceData(_account, TimeProvider.System).LoadRegistryAsync(CancellationToken.None);
        Assert.Equal(17, registry.Regencies.Count);
        Assert.Equal("13.07", registry.Resolve("50 Kota").Regency?.Code);
    }

    [Fact]
    public async Task RegistryImport_OfTheNationalFile_StoresAll514WithTheirTypedColumnsAndFormerCodes()
    {
        var run = await Cli.RunOnAsync(_account, "registry", "import", Readiness.Development.SharedData.File(Readiness.Development.SharedData.NationalRegistryFile));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported 514 regencies from registry-2025.csv into the regencies table: 514 regencies (416 kabupaten, 98 kota) in 38 provinces; 514 with a BPS code, 514 with population, 510 with area, 26 with a former code.", run.Out, StringComparison.Ordinal);
        var registry = await new TableReferenceData(_account, TimeProvider.System).LoadRegistryAsync(CancellationToken.None);
        Assert.Equal((514, 26), (registry.Count, registry.FormerCodeCount));
        var merauke = registry.Resolve("91.01").Regency!;
        Assert.Equal(("93.01", 255168L, 45016.452, "91.01", 2022), (merauke.Code, merauke.Population!.Value, merauke.AreaKm2!.Value, merauke.FormerCode, merauke.FormerCodeUntil!.Value));
        Assert.Equal(("91", "Papua"), merauke.ProvinceIn(2022));
    }

    [Fact]
    public async Task RegistryImport_InvalidFile_IsAUsageErrorAndWritesNothing()
    {
        var file = _files.Write("registry.csv", "code,name,province_code,province_name\n13.07,A,13,X\n13.07,B,13,X\n");

        var run = await Cli.RunOnAsync(_account, "registry", "import", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("listed twice", run.Error, StringComparison.Ordinal);
        Assert.Empty((await new TableReferenceData(_account, TimeProvider.System).LoadRegistryAsync(CancellationToken.None)).Regencies);
    }

    [Fact]
    public async Task CatalogImport_WithoutFile_WritesTheDefaultCatalog()
    {
        var run = await Cli.RunOnAsync(_account, "catalog", "import");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Imported catalog {CatalogFile.Default.Version} (24 indicators) from the default catalog", run.Out, StringComparison.Ordinal);
        var catalog = await new TableReferenceData(_account, TimeProvider.System).LoadCatalogAsync(CancellationToken.None);
        Assert.NotNull(catalog);
        Assert.Equal(CatalogFile.Default.Indicators.Select(i => i.Code), catalog.Indicators.Select(i => i.Code));
    }

    [Fact]
    public async Task CatalogImport_File_WritesThatCatalog()
    {
        var file = _files.Write("catalog.json", """
            { "version": "2099.1", "indicators": [
              { "code": "GOV-01", "name": "Layanan publik daring", "dimension": "governance", "unit": "percent", "min": 0, "max": 100,
                "scoring": { "method": "target", "target": 100 } } ] }
            """);

        var run = await Cli.RunOnAsync(_account, "catalog", "import", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var catalog = await new TableReferenceData(_account, TimeProvider.System).LoadCatalogAsync(CancellationToken.None);
        Assert.Equal("2099.1", catalog?.Version);
        Assert.Single(catalog!.Indicators);
    }
}

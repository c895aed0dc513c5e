using System.Text;
using Readiness.Core.Registry;

namespace Readiness.Core.Tests.Registry;

/// <summary>Reading a replacement registry or catalog: a bad file is an answer naming what is wrong, never an exception.</summary>
public class ReferenceDataServiceTests
{
    [Fact]
    public void ReadRegistry_TheSampleRegistry_ReadsEveryRegency()
    {
        using var file = File.OpenRead(Path.Combine(TestData.RepositoryRoot, "samples", "registry.csv"));

        var read = ReferenceDataService.ReadRegistry(file, "registry.csv");

        Assert.True(read.Ok);
        Assert.Equal(TestData.Registry.Count, read.Value.Count);
    }

    [Fact]
    public void ReadRegistry_ADuplicateCode_IsAnErrorNamingTheCode()
    {
        const string csv = """
            code,name,province_code,province_name,bps_code,aliases
            13.07,Kabupaten Lima Puluh Kota,13,Sumatera Barat,1308,
            13.07,Kabupaten Agam,13,Sumatera Barat,1307,
            """;

        var read = ReferenceDataService.ReadRegistry(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "regencies.csv");

        Assert.False(read.Ok);
        Assert.Contains("13.07", read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCatalog_TheDefaultCatalog_ReadsEveryIndicator()
    {
        using var file = File.OpenRead(Path.Combine(TestData.RepositoryRoot, "catalog", "catalog.json"));

        var read = ReferenceDataService.ReadCatalog(file, "catalog.json");

        Assert.True(read.Ok);
        Assert.Equal(TestData.Catalog.Indicators.Count, read.Value.Indicators.Count);
    }

    [Fact]
    public void ReadCatalog_MalformedJson_IsAnErrorNamingTheSource()
    {
        var read = ReferenceDataService.ReadCatalog(new MemoryStream(Encoding.UTF8.GetBytes("{ \"version\": ")), "catalog.json");

        Assert.False(read.Ok);
        Assert.Contains("catalog.json", read.Error, StringComparison.Ordinal);
    }
}

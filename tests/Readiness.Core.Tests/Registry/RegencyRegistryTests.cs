using Readiness.Core.Registry;

namespace Readiness.Core.Tests.Registry;

public class RegencyRegistryTests
{
    private static RegencyRegistry Registry => TestData.Registry;

    [Theory]
    [InlineData("13.07", "13.07")]
    [InlineData("1307", "13.07")]
    [InlineData("Kab. Lima Puluh Kota", "13.07")]
    [InlineData("Kabupaten Limapuluh Kota", "13.07")]
    [InlineData("LIMA PULUH KOTA", "13.07")]
    [InlineData("kabupaten lima puluh kota", "13.07")]
    [InlineData("50 Kota", "13.07")]
    [InlineData("KOTA BOGOR", "32.71")]
    [InlineData("Kab Bogor", "32.01")]
    [InlineData("Kota Baru", "63.02")]
    [InlineData("Kotabaru", "63.02")]
    [InlineData("Jakarta Selatan", "31.71")]
    [InlineData("Kota Adm. Jakarta Selatan", "31.71")]
    [InlineData("Padang", "13.71")]
    public void Resolve_KemendagriCodesAndNames(string text, string expected)
    {
        var resolution = Registry.Resolve(text);

        Assert.True(resolution.Found, text);
        Assert.Equal(expected, resolution.Regency!.Code);
    }

    [Fact]
    public void Resolve_BareFourDigitsFollowTheScheme()
    {
        Assert.Equal("13.07", Registry.Resolve("1307", RegencyScheme.Kemendagri).Regency!.Code);
        Assert.Equal("13.06", Registry.Resolve("1307", RegencyScheme.Bps).Regency!.Code);
        Assert.Equal("13.07", Registry.Resolve("1308", RegencyScheme.Bps).Regency!.Code);
        // A dotted code is Kemendagri whatever the scheme.
        Assert.Equal("13.07", Registry.Resolve("13.07", RegencyScheme.Bps).Regency!.Code);
    }

    [Fact]
    public void Resolve_AmbiguousNameNamesBothCandidates()
    {
        var resolution = Registry.Resolve("Bogor");

        Assert.False(resolution.Found);
        Assert.True(resolution.Ambiguous);
        Assert.Equal(["32.01", "32.71"], resolution.Candidates.Select(c => c.Code).Order());
    }

    [Theory]
    [InlineData("99.99")]
    [InlineData("Atlantis")]
    [InlineData("")]
    [InlineData("13.07.01")]
    public void Resolve_UnknownIsNotFound(string text) => Assert.False(Registry.Resolve(text).Found);

    [Fact]
    public void Resolve_RepairsACodeWhoseTrailingZeroExcelDropped()
    {
        var resolution = Registry.Resolve("35.1");

        Assert.Equal("35.10", resolution.Regency!.Code);
        Assert.Contains("trailing zero", resolution.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_WrongPrefixIsNotGuessed()
    {
        var resolution = Registry.Resolve("Kota Lima Puluh Kota");

        Assert.False(resolution.Found);
        Assert.Contains("13.07", resolution.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryCsv_RejectsBadCodesWithTheLine()
    {
        var csv = "code,name,province_code,province_name,bps_code,aliases\n13.07,Kabupaten Lima Puluh Kota,13,Sumatera Barat,1308,\n1307,Agam,13,Sumatera Barat,,\n";

        var error = Assert.Throws<RegistryException>(() => RegistryCsv.Read(new MemoryStream(TestData.Utf8(csv))));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryCsv_RoundTrips()
    {
        var writer = new StringWriter();
        RegistryCsv.Write(Registry.Regencies, writer);

        var again = RegistryCsv.Read(new MemoryStream(TestData.Utf8(writer.ToString())));

        Assert.Equal(Registry.Regencies.Select(r => (r.Code, r.Name, r.BpsCode, string.Join('|', r.Aliases))),
            again.Select(r => (r.Code, r.Name, r.BpsCode, string.Join('|', r.Aliases))));
    }

    [Fact]
    public void ARegency_IsTheSameRegencyInAnotherRegistry_ByItsCode()
    {
        var reloaded = new RegencyRegistry(Registry.Regencies.Select(r => r with { Aliases = [.. r.Aliases] }));

        Assert.True(reloaded.TryGetByCode("13.07", out var again));
        Assert.True(Registry.TryGetByCode("13.07", out var first));
        Assert.NotSame(first, again);
        Assert.Equal(first, again);
        Assert.Equal(first.GetHashCode(), again.GetHashCode());
        Assert.NotEqual(first, Registry.Regencies.First(r => r.Code == "13.71"));
    }
}

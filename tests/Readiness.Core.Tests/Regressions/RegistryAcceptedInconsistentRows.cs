using Readiness.Core.Registry;

namespace Readiness.Core.Tests.Regressions;

/// <summary>Fixed in c352f8f: a registry row whose province code and name disagreed, a row without a name, a malformed
/// BPS code and a registry listing no regency at all were accepted, and uploads were then validated against them.</summary>
public class RegistryAcceptedInconsistentRows
{
    [Theory]
    [InlineData("13.07,Kabupaten Lima Puluh Kota,32,Jawa Barat,,", "does not match the province")]
    [InlineData("13.07,,13,Sumatera Barat,,", "has no name")]
    [InlineData("13.07,Kabupaten Lima Puluh Kota,13,Sumatera Barat,13O8,", "four-digit BPS code")]
    public void RowsThatContradictThemselves_AreRejected(string row, string expected)
    {
        var csv = "code,name,province_code,province_name,bps_code,aliases\n" + row + "\n";

        var error = Assert.Throws<RegistryException>(() => RegistryCsv.Read(new MemoryStream(TestData.Utf8(csv))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutRegencies_IsRejected() =>
        Assert.Throws<RegistryException>(() => RegistryCsv.Read(new MemoryStream(TestData.Utf8("code,name,province_code,province_name,bps_code,aliases\n"))));
}

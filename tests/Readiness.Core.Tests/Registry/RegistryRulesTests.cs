using Readiness.Core.Registry;

namespace Readiness.Core.Tests.Registry;

/// <summary>What a registry refuses, how names and prefixes are folded, and the registry file's optional parts.</summary>
public class RegistryRulesTests
{
    private const string Header = "code,name,province_code,province_name,bps_code,aliases\n";

    private static Regency Make(string code, string name, string? bps = null, params string[] aliases) =>
        new(code, name, code[..2], $"Province {code[..2]}", bps, aliases);

    private static IReadOnlyList<Regency> ReadCsv(string csv) => RegistryCsv.Read(new MemoryStream(TestData.Utf8(csv)));

    [Fact]
    public void ARegencyCodeListedTwice_IsRefused()
    {
        var error = Assert.Throws<RegistryException>(() =>
            new RegencyRegistry([Make("13.06", "Kabupaten Agam"), Make("13.07", "Kabupaten Lima Puluh Kota"), Make("13.06", "Kabupaten Agam Baru")]));

        Assert.Equal("Regency code 13.06 is listed twice.", error.Message);
    }

    [Fact]
    public void ABpsCodeListedTwice_IsRefused_NamingBothRegencies()
    {
        var error = Assert.Throws<RegistryException>(() =>
            new RegencyRegistry([Make("13.06", "Kabupaten Agam", "1307"), Make("13.07", "Kabupaten Lima Puluh Kota", "1307"), Make("13.71", "Kota Padang", "1371")]));

        Assert.Equal("BPS code 1307 is listed for 13.06 and 13.07.", error.Message);
    }

    [Fact]
    public void RegenciesWithoutBpsCodes_AreNotDuplicates_AndAreNotFoundByBps()
    {
        var registry = new RegencyRegistry([Make("13.06", "Kabupaten Agam"), Make("13.07", "Kabupaten Lima Puluh Kota", ""), Make("13.71", "Kota Padang", "1371")]);

        Assert.Equal(3, registry.Count);
        Assert.True(registry.TryGetByBpsCode("1371", out var padang));
        Assert.Equal("13.71", padang.Code);
        Assert.False(registry.TryGetByBpsCode("", out _));
        Assert.Equal(RegencyResolution.Unknown, registry.Resolve("1306", RegencyScheme.Bps));
    }

    [Fact]
    public void Regencies_AreOrderedByCode_WithTheirOrdinal()
    {
        var registry = new RegencyRegistry([Make("32.71", "Kota Bogor"), Make("13.06", "Kabupaten Agam"), Make("13.71", "Kota Padang")]);

        Assert.Equal(["13.06", "13.71", "32.71"], registry.Regencies.Select(r => r.Code));
        Assert.Equal([0, 1, 2], registry.Regencies.Select(registry.Ordinal));
    }

    [Theory]
    [InlineData("Kota Padang", RegencyKind.Kota)]
    [InlineData("KOTA Bogor", RegencyKind.Kota)]
    [InlineData("Kabupaten Agam", RegencyKind.Kabupaten)]
    [InlineData("Kotabaru", RegencyKind.Kabupaten)]
    [InlineData("Jakarta Selatan", RegencyKind.Kabupaten)]
    public void Kind_IsKotaForANameStartingWithTheWordKota(string name, RegencyKind expected) =>
        Assert.Equal(expected, Make("11.01", name).Kind);

    [Fact]
    public void ToString_IsTheNameWithTheCode() => Assert.Equal("Kota Padang (13.71)", TestData.Regency("13.71").ToString());

    [Theory]
    [InlineData("Agam", "13.06")] // four letters are a name, not a code
    [InlineData("'Kota Bogor", "32.71")] // Excel's text apostrophe
    [InlineData("Lima Puluhkota", "13.07")] // spaces do not matter
    [InlineData("Kot Bogor", "32.71")]
    [InlineData("Kotamadya Padang", "13.71")]
    [InlineData("Kota Adm Jakarta Selatan", "31.71")]
    [InlineData("Kota Administrasi Jakarta Selatan", "31.71")]
    [InlineData("Kot Baru", "63.02")] // the prefix is part of the name: Kabupaten Kotabaru
    [InlineData("Kab. Sleman", "34.04")]
    [InlineData("Kabupaten Administrasi Sleman", "34.04")]
    [InlineData("\u00A0Kota Padang\u00A0", "13.71")]
    [InlineData("Ｋｏｔａ Ｐａｄａｎｇ", "13.71")] // full-width letters fold to ASCII
    [InlineData("3578", "35.78")]
    [InlineData("35.78", "35.78")]
    [InlineData("35.1", "35.10")]
    public void Resolve_FoldsCasePunctuationSpacesAndEveryPrefix(string text, string expected)
    {
        var resolution = TestData.Registry.Resolve(text);

        Assert.True(resolution.Found, text);
        Assert.Equal(expected, resolution.Regency!.Code);
        Assert.Equal([resolution.Regency], resolution.Candidates);
    }

    [Theory]
    [InlineData("13.7.")]
    [InlineData("1.307")]
    [InlineData("13-07")]
    [InlineData("13.0x")]
    [InlineData("130")]
    [InlineData("13070")]
    [InlineData("Kota")]
    [InlineData("...")]
    [InlineData(null)]
    public void Resolve_TextThatIsNeitherACodeNorAName_IsUnknown(string? text)
    {
        var resolution = TestData.Registry.Resolve(text);

        Assert.False(resolution.Found);
        Assert.False(resolution.Ambiguous);
        Assert.Empty(resolution.Candidates);
        Assert.Null(resolution.Note);
    }

    [Fact]
    public void Resolve_ACodeWrittenInFull_HasNoNote()
    {
        Assert.Null(TestData.Registry.Resolve("35.10").Note);
        Assert.Null(TestData.Registry.Resolve("3510").Note);
    }

    [Fact]
    public void Resolve_ARepairedCode_SaysWhatItWasReadAs()
    {
        var resolution = TestData.Registry.Resolve("35.1");

        Assert.Equal(
            "'35.1' was read as 35.10: Excel drops the trailing zero of codes such as 35.10; format the column as text.",
            resolution.Note);
    }

    [Fact]
    public void Resolve_AnUnknownBpsCode_IsUnknown() =>
        Assert.Equal(RegencyResolution.Unknown, TestData.Registry.Resolve("9999", RegencyScheme.Bps));

    [Fact]
    public void Resolve_AnOfficialNameWithoutPrefix_AnswersToItsKindsPrefix_AnAliasDoesNot()
    {
        var registry = new RegencyRegistry([Make("31.01", "Kepulauan Seribu", null, "Pulau Seribu")]);

        Assert.Equal("31.01", registry.Resolve("Kabupaten Kepulauan Seribu").Regency?.Code);
        Assert.Equal("31.01", registry.Resolve("Pulau Seribu").Regency?.Code);
        var prefixedAlias = registry.Resolve("Kabupaten Pulau Seribu");
        Assert.False(prefixedAlias.Found);
        Assert.Equal("No kabupaten is called that; did you mean Kepulauan Seribu (31.01)?", prefixedAlias.Note);
    }

    [Fact]
    public void Resolve_TheWrongPrefix_NamesEveryRegencyOfTheOtherKind()
    {
        var registry = new RegencyRegistry([Make("11.01", "Kabupaten Baru"), Make("12.01", "Kabupaten Baru")]);

        var resolution = registry.Resolve("Kota Baru");

        Assert.False(resolution.Found);
        Assert.True(resolution.Ambiguous);
        Assert.Equal("No kota is called that; did you mean Kabupaten Baru (11.01) or Kabupaten Baru (12.01)?", resolution.Note);
    }

    [Fact]
    public void Resolve_AnAliasWithDigits_OfFourCharacters_IsAName()
    {
        var registry = new RegencyRegistry([Make("13.07", "Kabupaten Lima Puluh Kota", null, "L 50")]);

        Assert.Equal("13.07", registry.Resolve("L 50").Regency?.Code);
        Assert.Equal("13.07", registry.Resolve("L 50.").Regency?.Code);
    }

    [Fact]
    public void Resolve_ReadsUpTo120Characters()
    {
        var name = "Kabupaten " + new string('A', 110);
        var registry = new RegencyRegistry([Make("11.01", name, null, name + "B")]);

        Assert.Equal(120, name.Length);
        Assert.True(registry.Resolve(name).Found);
        Assert.False(registry.Resolve(name + "B").Found);
    }

    [Theory]
    [InlineData("1307", "13.06")]
    [InlineData(" 1308 ", "13.07")]
    public void BpsReadingOf_FourDigits_IsTheRegencyWithThatBpsCode(string text, string expected) =>
        Assert.Equal(expected, TestData.Registry.BpsReadingOf(text)?.Code);

    [Theory]
    [InlineData("13.07")]
    [InlineData("130")]
    [InlineData("13a7")]
    [InlineData("9999")]
    public void BpsReadingOf_AnythingElse_IsNone(string text) => Assert.Null(TestData.Registry.BpsReadingOf(text));

    [Theory]
    [InlineData(null, RegencyScheme.Kemendagri)]
    [InlineData("", RegencyScheme.Kemendagri)]
    [InlineData(" Kemendagri ", RegencyScheme.Kemendagri)]
    [InlineData("kemdagri", RegencyScheme.Kemendagri)]
    [InlineData("PERMENDAGRI", RegencyScheme.Kemendagri)]
    [InlineData("bps", RegencyScheme.Bps)]
    [InlineData("BPS", RegencyScheme.Bps)]
    public void RegencySchemes_ReadEveryAcceptedName_KemendagriByDefault(string? text, RegencyScheme expected)
    {
        Assert.True(RegencySchemes.TryParse(text, out var scheme), text);
        Assert.Equal(expected, scheme);
    }

    [Theory]
    [InlineData("bps2")]
    [InlineData("kode")]
    public void RegencySchemes_RefuseAnUnknownScheme(string text) => Assert.False(RegencySchemes.TryParse(text, out _));

    [Fact]
    public void RegistryCsv_OptionalColumnsMayBeLeftOut_AndBlankRowsAreSkipped()
    {
        var regencies = ReadCsv("Name;Code;Province_Code;Province_Name\nKota Padang;13.71;13;Sumatera Barat\n;;;\n");

        var padang = Assert.Single(regencies);
        Assert.Equal(("13.71", "Kota Padang", "13", "Sumatera Barat", (string?)null), (padang.Code, padang.Name, padang.ProvinceCode, padang.ProvinceName, padang.BpsCode));
        Assert.Empty(padang.Aliases);
    }

    [Theory]
    [InlineData("code,province_code,province_name\n", "'name' is missing")]
    [InlineData("name,province_code,province_name\n", "'code' is missing")]
    [InlineData("code,name,province_name\n", "'province_code' is missing")]
    [InlineData("code,name,province_code\n", "'province_name' is missing")]
    public void RegistryCsv_ARequiredColumnMissing_IsNamed(string header, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => ReadCsv(header + "13.71,Kota Padang,13\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("registry: the header must have the columns code,name,province_code,province_name,bps_code,aliases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryCsv_AliasesAreTrimmed_AndEmptyOnesDropped()
    {
        var padang = Assert.Single(ReadCsv(Header + "13.71,Kota Padang,13,Sumatera Barat,, Padang Kota || Kota Tabuik |\n"));

        Assert.Equal(["Padang Kota", "Kota Tabuik"], padang.Aliases);
    }

    [Fact]
    public void RegistryCsv_ARowWithACodeButNoName_IsRefused_ARowWithANameButNoCode_Too()
    {
        Assert.Contains("has no name", Assert.Throws<RegistryException>(() => ReadCsv(Header + "13.71,,13,Sumatera Barat,,\n")).Message, StringComparison.Ordinal);
        Assert.Contains("code '' is not a Kemendagri code", Assert.Throws<RegistryException>(() => ReadCsv(Header + ",Kota Padang,13,Sumatera Barat,,\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistryCsv_WithoutRegencies_SaysSo()
    {
        var error = Assert.Throws<RegistryException>(() => RegistryCsv.Read(new MemoryStream(TestData.Utf8(Header)), "upload.csv"));

        Assert.Equal("upload.csv: the registry lists no regency.", error.Message);
    }

    [Fact]
    public void RegistryCsv_Read_LeavesTheCallersStreamOpen()
    {
        var stream = new MemoryStream(TestData.Utf8(Header + "13.71,Kota Padang,13,Sumatera Barat,1371,\n"));

        RegistryCsv.Read(stream);

        Assert.True(stream.CanRead);
    }

    [Fact]
    public void RegistryCsv_Write_UsesLineFeeds_EscapesFormulas_AndLeavesTheWriterOpen()
    {
        var writer = new StringWriter();

        RegistryCsv.Write([Make("13.71", "=Kota Padang", "1371", "Padang", "Kota Tabuik"), Make("13.06", "Kabupaten Agam")], writer);
        writer.Write("end");

        Assert.Equal(
            Header + "13.71,\"'=Kota Padang\",13,Province 13,1371,Padang|Kota Tabuik\n13.06,Kabupaten Agam,13,Province 13,,\nend",
            writer.ToString());
    }
}

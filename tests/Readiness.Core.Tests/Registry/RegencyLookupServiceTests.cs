using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Core.Tests.Registry;

public class RegencyLookupServiceTests
{
    private static readonly RegencyLookupService Lookups = new(new FixedReferenceData(new ReferenceData(TestData.Catalog, TestData.Registry)));

    [Theory]
    [InlineData("1307", RegencyScheme.Kemendagri, "13.07")]
    [InlineData("Lima Puluh Kota", RegencyScheme.Kemendagri, "13.07")]
    [InlineData("Kota Bogor", RegencyScheme.Kemendagri, "32.71")]
    public async Task FindAsync_ACodeOrName_IsTheRegency(string text, RegencyScheme scheme, string expected)
    {
        var found = await Lookups.FindAsync(text, scheme, CancellationToken.None);

        Assert.True(found.Ok);
        Assert.Equal(expected, found.Value.Code);
        Assert.Null(found.Error);
    }

    [Fact]
    public async Task FindAsync_AnUnknownCode_SaysSoWithTheValue()
    {
        var found = await Lookups.FindAsync("99.99", RegencyScheme.Kemendagri, CancellationToken.None);

        Assert.False(found.Ok);
        Assert.Equal((RegencyLookupFailure.Unknown, "99.99"), (found.Error.Failure, found.Error.Text));
        Assert.StartsWith("'99.99' is not a known regency", found.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindAsync_ANameOfTwoRegencies_IsAmbiguousNamingBoth()
    {
        var found = await Lookups.FindAsync("Bogor", RegencyScheme.Kemendagri, CancellationToken.None);

        Assert.False(found.Ok);
        Assert.Equal(RegencyLookupFailure.Ambiguous, found.Error.Failure);
        Assert.Equal(["32.01", "32.71"], found.Error.Candidates.Select(c => c.Code).Order());
        Assert.Contains("matches Kabupaten Bogor (32.01) and Kota Bogor (32.71)", found.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_EveryFailure_SaysWhatIsWrongAndHowToFixIt_InIndonesianToo()
    {
        var ambiguous = RegencyLookupService.Find(TestData.Registry, "Bogor", RegencyScheme.Kemendagri).Error!;
        var unknown = RegencyLookupService.Find(TestData.Registry, "Atlantis", RegencyScheme.Kemendagri).Error!;
        var unknownBps = RegencyLookupService.Find(TestData.Registry, "9999", RegencyScheme.Bps).Error!;
        var wrongKind = RegencyLookupService.Find(TestData.Registry, "Kota Lima Puluh Kota", RegencyScheme.Kemendagri).Error!;
        var empty = RegencyLookupService.Find(new RegencyRegistry([]), "13.07", RegencyScheme.Kemendagri).Error!;

        Assert.Equal("'Bogor' matches Kabupaten Bogor (32.01) and Kota Bogor (32.71): give the Kemendagri code (such as 32.01) or the full name with its prefix (Kabupaten/Kota).", ambiguous.Message);
        Assert.Equal("'Bogor' cocok dengan lebih dari satu wilayah: Kabupaten Bogor (32.01) dan Kota Bogor (32.71). Tulis kode Kemendagri (misalnya 32.01) atau nama lengkap dengan awalan Kabupaten/Kota.", ambiguous.MessageId);
        Assert.Equal("'Atlantis' tidak ditemukan di daftar wilayah (tulis kode Kemendagri seperti 13.07, kode BPS dengan skema BPS, atau nama kabupaten/kota).", unknown.MessageId);
        Assert.Equal("'9999' is not a known regency (use a four-digit BPS code of the registry such as 1308, a Kemendagri code written with its dot such as 13.07, or the regency's name).", unknownBps.Message);
        Assert.StartsWith("'9999' tidak ditemukan di daftar wilayah (tulis kode BPS empat angka", unknownBps.MessageId, StringComparison.Ordinal);
        Assert.Equal("'Kota Lima Puluh Kota' tidak ditemukan di daftar wilayah (tidak ada kota dengan nama itu; mungkin maksudnya Kabupaten Lima Puluh Kota (13.07)?).", wrongKind.MessageId);
        Assert.Equal("'13.07' tidak dapat dicari karena daftar wilayah (registry) masih kosong; muat daftar wilayah terlebih dahulu.", empty.MessageId);
    }

    [Fact]
    public void Find_InAnEmptyRegistry_SaysTheRegistryIsEmpty()
    {
        var found = RegencyLookupService.Find(new RegencyRegistry([]), "13.07", RegencyScheme.Kemendagri);

        Assert.False(found.Ok);
        Assert.Equal(RegencyLookupFailure.EmptyRegistry, found.Error.Failure);
        Assert.Contains("registry is empty", found.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("all", true)]
    [InlineData(" ALL ", true)]
    [InlineData("13.07", false)]
    public void IsAllRegencies_IsTheMultiRegencyFolderOnly(string text, bool expected) =>
        Assert.Equal(expected, RegencyLookupService.IsAllRegencies(text));

    [Fact]
    public void Find_AnUnknownText_SaysWhatToWriteInstead()
    {
        var found = RegencyLookupService.Find(TestData.Registry, "Atlantis", RegencyScheme.Kemendagri);

        Assert.False(found.Ok);
        Assert.Equal(
            "'Atlantis' is not a known regency (use a Kemendagri code such as 13.07, a BPS code in the BPS scheme, or the regency's name).",
            found.Error.Message);
    }

    [Fact]
    public void Find_APrefixOfTheWrongKind_PassesOnTheRegistrysSuggestion()
    {
        var found = RegencyLookupService.Find(TestData.Registry, "Kota Lima Puluh Kota", RegencyScheme.Kemendagri);

        Assert.False(found.Ok);
        Assert.Equal(RegencyLookupFailure.Unknown, found.Error.Failure);
        Assert.Equal(
            "'Kota Lima Puluh Kota' is not a known regency (No kota is called that; did you mean Kabupaten Lima Puluh Kota (13.07)?).",
            found.Error.Message);
    }
}

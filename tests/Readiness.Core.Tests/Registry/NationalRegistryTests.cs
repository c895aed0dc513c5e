using System.Globalization;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Validation;
using Readiness.Development;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Registry;

/// <summary>The national registry of ../shared/data (514 regencies, 38 provinces, the 2022 Papua split).</summary>
public class NationalRegistryTests
{
    private static RegencyRegistry National => NationalRegistry;

    private static readonly string SharedDirectory = Readiness.Development.SharedData.Directory;

    /// <summary>The shared file's rows as plain fields, read independently of the registry code.</summary>
    private static List<Dictionary<string, string>> Rows(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(SharedDirectory, file));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(','), (h, v) => (h, v)).ToDictionary(p => p.h, p => p.v))];
    }

    [Fact]
    public void TheNationalFile_LoadsAll514_WithTheirTypedColumns()
    {
        Assert.Equal(514, National.Count);
        Assert.Equal(38, National.ProvinceCount);
        Assert.Equal((416, 98), (National.Regencies.Count(r => r.Kind == RegencyKind.Kabupaten), National.Regencies.Count(r => r.Kind == RegencyKind.Kota)));
        Assert.All(National.Regencies, r => Assert.True(r.Population > 0, r.Code));
        Assert.Equal(["11.10", "12.10", "12.20", "14.10"], National.Regencies.Where(r => r.AreaKm2 is null).Select(r => r.Code));
        Assert.Equal(26, National.FormerCodeCount);

        var row = Rows(SharedData.NationalRegistryFile).Single(r => r["code"] == "11.01");
        var acehSelatan = National.Regencies.Single(r => r.Code == "11.01");
        Assert.Equal(long.Parse(row["population"], CultureInfo.InvariantCulture), acehSelatan.Population);
        Assert.Equal(double.Parse(row["area_km2"], CultureInfo.InvariantCulture), acehSelatan.AreaKm2);
        Assert.Contains("514 regencies (416 kabupaten, 98 kota) in 38 provinces", National.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryBpsCode_ResolvesInTheBpsScheme_ToItsRow_199DifferingFromTheKemendagriDigits()
    {
        var rows = Rows(SharedData.NationalRegistryFile);
        foreach (var row in rows)
        {
            var found = National.Resolve(row["bps_code"], RegencyScheme.Bps);
            Assert.Equal(row["code"], found.Regency?.Code);
        }

        Assert.Equal(199, rows.Count(r => r["bps_code"] != r["code"].Replace(".", "", StringComparison.Ordinal)));

        // Every regency of BPS's own list is found under its BPS code, by name.
        var bpsList = File.ReadAllLines(Path.Combine(SharedDirectory, "regencies.csv")).Select(l => l.Split(',')).Where(p => p.Length >= 3).ToList();
        Assert.Equal(514, bpsList.Count);
        Assert.All(bpsList, p => Assert.True(National.Resolve(p[0], RegencyScheme.Bps).Found, p[0]));
    }

    [Theory]
    [InlineData("1308", "13.07", "Kabupaten Lima Puluh Kota")]
    [InlineData("1307", "13.06", "Kabupaten Agam")]
    [InlineData("9401", "93.01", "Kabupaten Merauke")]
    [InlineData("3171", "31.74", "Kota Administrasi Jakarta Selatan")]
    public void BpsSpotChecks(string bps, string code, string name)
    {
        var regency = National.Resolve(bps, RegencyScheme.Bps).Regency;

        Assert.Equal((code, name), (regency?.Code, regency?.Name));
    }

    [Fact]
    public void TheProvinceCodes91And94_AreSwappedBetweenTheSchemes()
    {
        // BPS 91 is Papua Barat, 94 is Papua; Kemendagri has them the other way round.
        var bps91 = National.Regencies.Where(r => r.BpsCode?.StartsWith("91", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(bps91);
        Assert.All(bps91, r => Assert.Contains(r.CodeIn(2021)[..2], new[] { "92" }));
        Assert.All(National.Regencies.Where(r => r.BpsCode?.StartsWith("94", StringComparison.Ordinal) == true), r => Assert.Equal("91", r.CodeIn(2021)[..2]));
    }

    [Fact]
    public void EveryNameAndAlias_ResolvesToItsRegency_OrIsAmbiguousNamingIt()
    {
        var ambiguous = new List<string>();
        foreach (var regency in National.Regencies)
        {
            foreach (var name in regency.Aliases.Prepend(regency.Name))
            {
                var found = National.Resolve(name);
                if (found.Regency is { } single)
                {
                    Assert.Equal(regency.Code, single.Code);
                }
                else
                {
                    Assert.True(found.Ambiguous, $"'{name}' of {regency.Code} resolves to nothing");
                    Assert.Contains(regency, found.Candidates);
                    ambiguous.Add(name);
                }

                // The BPS list's upper-case spelling too.
                var upper = National.Resolve(name.ToUpperInvariant());
                Assert.True(upper.Regency == regency || upper.Candidates.Contains(regency), name);
            }
        }

        // Official names are unique with their prefix; only aliases may be shared.
        Assert.All(National.Regencies, r => Assert.Equal(r.Code, National.Resolve(r.Name).Regency?.Code));
        var lookup = RegencyLookupService.Find(National, "Bogor", RegencyScheme.Kemendagri);
        Assert.Equal(["32.01", "32.71"], lookup.Error!.Candidates.Select(c => c.Code));
    }

    [Fact]
    public void EveryFormerCode_OfTheCodeChangesFile_ResolvesToItsSuccessor_ForTheYearsItWasValid()
    {
        var changes = Rows(SharedData.CodeChangesFile);
        Assert.Equal(26, changes.Count);
        foreach (var change in changes)
        {
            var found = National.Resolve(change["former_code"]);
            Assert.Equal(change["code"], found.Regency?.Code);
            Assert.NotNull(found.Former);
            Assert.Equal(FormerCodeVerdict.Valid, found.Former.For(2022));
            Assert.Equal(FormerCodeVerdict.Retired, found.Former.For(2023));
            var successor = found.Regency!;
            Assert.Equal(change["former_province_code"], successor.ProvinceIn(2022).Code);
            Assert.Equal((change["code"][..2], change["province_name"]), successor.ProvinceIn(2023));
        }
    }

    [Fact]
    public void Merauke_IsInPapuaUntil2022_AndInPapuaSelatanFrom2023()
    {
        var merauke = National.Resolve("93.01").Regency!;

        Assert.Equal(("91", "Papua"), merauke.ProvinceIn(2022));
        Assert.Equal(("93", "Papua Selatan"), merauke.ProvinceIn(2023));
        Assert.Equal(("91.01", "93.01"), (merauke.CodeIn(2018), merauke.CodeIn(2024)));
        Assert.Equal([(null, 2022, "91", false), (2023, null, "93", true)],
            merauke.Versions().Select(v => (v.FromYear, v.ToYear, v.ProvinceCode, v.Current)));
        Assert.Equal("Papua", National.ProvinceName("91"));
        var sorong = National.Resolve("92.71").Regency!;
        Assert.Equal(("96.71", "Papua Barat", "Papua Barat Daya"), (sorong.Code, sorong.ProvinceIn(2021).Name, sorong.ProvinceIn(2024).Name));
    }

    [Fact]
    public async Task AFormerCode_InARowUpTo2022_IsTheSuccessorWithAWarning_LaterItIsAnErrorNamingTheSuccessor()
    {
        var reader = new ObservationReader(TestData.Catalog, National);
        var csv = "regency_code,indicator_code,period,value\n91.01,GOV-01,2021,50\n91.01,GOV-01,2022Q4,60\n91.01,GOV-01,2023,70\n93.01,GOV-01,2024,80\n";

        var (report, values) = await reader.ReadAllAsync(() => new MemoryStream(Utf8(csv)), new ReadOptions());

        Assert.Equal(["93.01 2021", "93.01 2022Q4", "93.01 2024"], values.Select(v => $"{v.Regency.Code} {v.Period}"));
        var warning = Assert.Single(report.Warnings, w => w.Code == ErrorCodes.RegencyCodeFormer);
        Assert.Equal((2, "A2"), (warning.Row, warning.Cell));
        Assert.Contains("former code of Kabupaten Merauke", warning.Message, StringComparison.Ordinal);
        Assert.Contains("kode lama Kabupaten Merauke", warning.MessageId, StringComparison.Ordinal);
        var error = Assert.Single(report.Errors);
        Assert.Equal((ErrorCodes.RegencyCodeRetired, 4, "91.01"), (error.Code, error.Row, error.Value));
        Assert.Equal("Row 4, column regency_code: '91.01' was the code of Kabupaten Merauke only until 2022; for 2023 write its current code 93.01.", error.Message);
        Assert.Equal("Baris 4, kolom regency_code: '91.01' adalah kode Kabupaten Merauke hanya sampai tahun 2022; untuk tahun 2023 tulis kode barunya, 93.01.", error.MessageId);
    }

    [Fact]
    public async Task AFormerCode_InAWideFile_AndUnderTheSuccessorsUpload_IsOneSeries()
    {
        var reader = new ObservationReader(TestData.Catalog, National);
        var csv = "regency_code,period,GOV-01,GOV-02\n9101,2020,50,3\n93.01,2023,55,4\n";

        var (report, values) = await reader.ReadAllAsync(() => new MemoryStream(Utf8(csv)), new ReadOptions { UploadRegency = National.Resolve("93.01").Regency });

        Assert.True(report.Valid, report.ToJson());
        Assert.All(values, v => Assert.Equal("93.01", v.Regency.Code));
        Assert.Equal(4, values.Count);
        Assert.Contains(report.Warnings, w => w.Code == ErrorCodes.RegencyCodeFormer);
    }
}

public class RegistryCsvNationalColumnsTests
{
    private const string Header = "code,name,province_code,province_name,bps_code,aliases,population,area_km2,former_code,former_code_until\n";

    private static IReadOnlyList<Regency> Read(string csv) => RegistryCsv.Read(new MemoryStream(Utf8(csv)));

    [Fact]
    public void AnUnknownExtraColumn_IsAClearError()
    {
        var error = Assert.Throws<RegistryException>(() => Read("code,name,province_code,province_name,populasi\n13.71,Kota Padang,13,Sumatera Barat,909040\n"));

        Assert.Equal(
            "registry: column 5 'populasi' is not a registry column; the header must have the columns code,name,province_code,province_name,bps_code,aliases (bps_code, aliases and population,area_km2,former_code,former_code_until may be left out). Rename or remove the column.",
            error.Message);
    }

    [Fact]
    public void AMissingOptionalColumn_IsFine_AndEmptyCellsAreNull()
    {
        var padang = Assert.Single(Read("code,name,province_code,province_name,population\n13.71,Kota Padang,13,Sumatera Barat,\n"));

        Assert.Equal(((long?)null, (double?)null, (string?)null, (int?)null), (padang.Population, padang.AreaKm2, padang.FormerCode, padang.FormerCodeUntil));
    }

    [Theory]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,909.040,,,", "line 2: population '909.040' of 13.71 is not a whole number")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,909040,\"694,96\",,", "area_km2 '694,96' of 13.71 is not a positive number")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,1371,2022", "former_code '1371' of 13.71 is not a Kemendagri code")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,13.99,", "former_code_until '' of 13.71 is not the year")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,,2022", "former_code '' of 13.71 is not a Kemendagri code")]
    public void ABadTypedCell_IsRefusedNamingTheLineAndTheFix(string row, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => Read(Header + row + "\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,13.06,2022\n13.06,Kabupaten Agam,13,Sumatera Barat,,,,,,\n", "Former code 13.06 of Kota Padang (13.71) is the current code of Kabupaten Agam (13.06)")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,13.99,2022\n13.06,Kabupaten Agam,13,Sumatera Barat,,,,,13.99,2022\n", "Former code 13.99 is listed for 13.06 and 13.71")]
    [InlineData("13.71,Kota Padang,13,Sumatera Barat,,,,,13.71,2022\n", "lists its own code as its former code")]
    public void AFormerCodeThatWouldNameTwoRegencies_IsRefused(string rows, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => new RegencyRegistry(Read(Header + rows)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNationalRegistry_RoundTripsThroughItsWriter()
    {
        var writer = new StringWriter();
        RegistryCsv.Write(NationalRegistry.Regencies, writer);

        var again = new RegencyRegistry(Read(writer.ToString()));

        Assert.Equal(
            NationalRegistry.Regencies.Select(r => (r.Code, r.Population, r.AreaKm2, r.FormerCode, r.FormerCodeUntil, r.FormerProvinceName)),
            again.Regencies.Select(r => (r.Code, r.Population, r.AreaKm2, r.FormerCode, r.FormerCodeUntil, r.FormerProvinceName)));
    }
}

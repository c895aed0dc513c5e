using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests;

public sealed class QualityCommandTests : IAsyncLifetime
{
    /// <summary>Four clean years of 13.07's marketplace products (BRA-03), then 2024 typed a thousand times too large.</summary>
    private const string Thousandfold =
        "regency_code,indicator_code,period,value\n" +
        "13.07,BRA-03,2020,1180\n13.07,BRA-03,2021,1210\n13.07,BRA-03,2022,1230\n13.07,BRA-03,2023,1250\n13.07,BRA-03,2024,1250000\n";

    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await Azurite.CreateAccountAsync();

    public async Task DisposeAsync() => await _account.DeleteAllAsync();

    [Fact]
    public async Task Quality_ListsTheOpenFlagsInIndonesianByDefault_InEnglishAsCsv_AndRunChecksTheYearAgain()
    {
        using var temp = new TempDirectory();
        var ingest = await Cli.RunOnAsync(_account, "ingest", temp.Write("bra.csv", Thousandfold), "--registry", Cli.Registry);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var list = await Cli.RunOnAsync(_account, "quality", "--year", "2024");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("Tanda kualitas data terbuka 2024: 1 di 1 kabupaten/kota.", list.Out, StringComparison.Ordinal);
        Assert.Matches(@"13\.07\s+possible-thousands-error\s+BRA-03\s+1250000\s+.*Apakah maksudnya 1250\?", list.Out);

        var csv = await Cli.RunOnAsync(_account, "quality", "--year", "2024", "--regency", "Lima Puluh Kota", "--csv", "--lang", "en");
        Assert.True(csv.ExitCode == 0, csv.ToString());
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Commands.QualityCommands.CsvColumns), lines[0]);
        Assert.StartsWith("2024,13.07,possible-thousands-error,previous,BRA-03,BRA-03,1250000,,1250,,,,2023,1000,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);

        var otherProvince = await Cli.RunOnAsync(_account, "quality", "--year", "2024", "--province", "32", "--lang", "en");
        Assert.Contains("No open data-quality flags for 2024.", otherProvince.Out, StringComparison.Ordinal);

        var run = await Cli.RunOnAsync(_account, "quality", "run", "--year", "2024");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Pemeriksaan kualitas data 2024: 1 tanda terbuka di 1 kabupaten/kota.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainAndCompleteness_ShowTheOpenFlagsOfTheRegencyYear()
    {
        using var temp = new TempDirectory();
        var ingest = await Cli.RunOnAsync(_account, "ingest", temp.Write("bra.csv", Thousandfold), "--registry", Cli.Registry);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        Assert.Equal(0, (await Cli.RunOnAsync(_account, "score", "--year", "2024")).ExitCode);

        var explain = await Cli.RunOnAsync(_account, "explain", "--regency", "13.07", "--year", "2024");
        Assert.True(explain.ExitCode == 0, explain.ToString());
        Assert.Matches(@"\n\s+BRA-03\s+[^\n]*\[!\]\s+1250000\s", explain.Out);
        Assert.Contains("Open data-quality flags (1, marked [!]; 'readiness quality --year 2024 --regency 13.07'):", explain.Out, StringComparison.Ordinal);
        Assert.Contains("[!] BRA-03 possible-thousands-error: ", explain.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\n\s+GOV-01\s+[^\n]*\[!\]", explain.Out);

        var json = await Cli.RunOnAsync(_account, "explain", "--regency", "13.07", "--year", "2024", "--json");
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        var bra = document.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "BRA-03");
        Assert.Equal(["possible-thousands-error"], bra.GetProperty("qualityFlags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, document.RootElement.GetProperty("qualityFlags").GetArrayLength());

        var completeness = await Cli.RunOnAsync(_account, "completeness", "--year", "2024");
        Assert.Contains("Open data-quality flags: 13.07 (1); see 'readiness quality --year 2024'.", completeness.Out, StringComparison.Ordinal);
        var csv = await Cli.RunOnAsync(_account, "completeness", "--year", "2024", "--regency", "13.07", "--csv");
        var lines = csv.Out.TrimEnd('\n').Split('\n');
        Assert.Equal("1", lines[1].Split(',')[Array.IndexOf(lines[0].Split(','), "OpenFlags")]);
    }

    [Fact]
    public async Task QualityJson_IsTheFlagsWithTheirEvidence_AndRunOfAnEarlierYearChecksTheLaterOnes()
    {
        using var temp = new TempDirectory();
        var ingest = await Cli.RunOnAsync(_account, "ingest", temp.Write("bra.csv", Thousandfold), "--registry", Cli.Registry);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var json = await Cli.RunOnAsync(_account, "quality", "--year", "2024", "--json");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(json.Out);
        var flag = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(("13.07", 2024, "possible-thousands-error", "BRA-03"), (flag.GetProperty("regencyCode").GetString(), flag.GetProperty("year").GetInt32(), flag.GetProperty("code").GetString(), flag.GetProperty("subject").GetString()));
        Assert.Equal((1250000.0, 1250.0, 2023, 1000.0), (flag.GetProperty("value").GetDouble(), flag.GetProperty("reference").GetDouble(), flag.GetProperty("previousYear").GetInt32(), flag.GetProperty("statistic").GetDouble()));
        Assert.Contains("Did you mean 1250?", flag.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("Apakah maksudnya 1250?", flag.GetProperty("messageIndonesian").GetString(), StringComparison.Ordinal);
        Assert.False(flag.TryGetProperty("mad", out _));
        Assert.Equal("[]", (await Cli.RunOnAsync(_account, "quality", "--year", "2023", "--json")).Out.Trim());

        var run = await Cli.RunOnAsync(_account, "quality", "run", "--year", "2023", "--lang", "en");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Data-quality checks of 2023: 0 open flags in 0 regencies.", run.Out, StringComparison.Ordinal);
        Assert.Contains("Data-quality checks of 2024 (a year after 2023, whose history it is): 1 open flags in 1 regencies.", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewStatusAndList_ShowTheOpenFlags()
    {
        using var temp = new TempDirectory();
        var ingest = await Cli.RunOnAsync(_account, "ingest", temp.Write("bra.csv", Thousandfold), "--registry", Cli.Registry);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());

        var status = await Cli.RunOnAsync(_account, "review", "status", "--regency", "13.07", "--year", "2024");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Open data-quality flags: 1.", status.Out, StringComparison.Ordinal);
        Assert.Contains("  possible-thousands-error BRA-03: ", status.Out, StringComparison.Ordinal);
        Assert.Contains("Open data-quality flags: 0.", (await Cli.RunOnAsync(_account, "review", "status", "--regency", "13.07", "--year", "2023")).Out, StringComparison.Ordinal);
        using (var document = System.Text.Json.JsonDocument.Parse((await Cli.RunOnAsync(_account, "review", "status", "--regency", "13.07", "--year", "2024", "--json")).Out))
        {
            Assert.Equal("possible-thousands-error", Assert.Single(document.RootElement.GetProperty("qualityFlags").EnumerateArray()).GetProperty("code").GetString());
        }

        var list = await Cli.RunOnAsync(_account, "review", "list", "--year", "2024", "--province", "13");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Matches(@"\bflags\b", list.Out);
        Assert.Matches(@"13\.07\s[^\n]*\s1\n", list.Out);
        Assert.Matches(@"13\.71\s[^\n]*\s0\n", list.Out);
        using var items = System.Text.Json.JsonDocument.Parse((await Cli.RunOnAsync(_account, "review", "list", "--year", "2024", "--province", "13", "--json")).Out);
        Assert.Equal(1, items.RootElement.EnumerateArray().Single(i => i.GetProperty("regencyCode").GetString() == "13.07").GetProperty("openFlags").GetInt32());
    }

    [Fact]
    public async Task Quality_WithAProvinceThatIsNotTwoDigits_IsAUsageErrorInBothLanguages()
    {
        var run = await Cli.RunOnAsync(_account, "quality", "--year", "2024", "--province", "Sumatera Barat");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("harus kode provinsi dua digit, misalnya --province 13 (must be a two-digit province code)", run.Error, StringComparison.Ordinal);
    }
}

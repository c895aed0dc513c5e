using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Readiness.TestSupport;

namespace Readiness.Browser.Tests;

/// <summary>Template, history, completeness, score and the admin's national view, each compared with the API's answer.</summary>
[Collection(PortalCollection.Name)]
public class ViewTests(PortalFixture fixture)
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    private async Task<PortalPage> SignedInAsync(string key, int width = 1400)
    {
        var portal = await PortalPage.OpenAsync(fixture, width);
        await portal.SignInAsync(key);
        return portal;
    }

    private async Task<JsonElement> ApiAsync(string path)
    {
        using var client = fixture.Host.ClientWithKey(fixture.Host.AdminKey);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private static async Task ChooseYearAsync(IPage page, string select, int year)
    {
        await page.Locator(select).SelectOptionAsync(year.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"form:has({select})").GetByRole(AriaRole.Button).ClickAsync();
    }

    [Fact]
    public async Task Template_Xlsx_DownloadsAWorkbookForTheRegencyAndYear()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        await portal.OpenViewAsync("Templat");

        await page.Locator("#view-templat").GetByLabel("Tahun").SelectOptionAsync("2024");
        await page.GetByLabel("Excel (.xlsx)").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Unduh templat" }).ClickAsync());

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.Contains("13.07", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        await Assertions.Expect(page.Locator("#template-status")).ToContainTextAsync(download.SuggestedFilename);
    }

    [Theory]
    [InlineData("long", "Panjang: satu baris per indikator")]
    [InlineData("wide", "Lebar: satu kolom per indikator")]
    public async Task Template_DownloadsTheRegencysFileForTheChosenYear(string format, string label)
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        await portal.OpenViewAsync("Templat");

        await page.Locator("#view-templat").GetByLabel("Tahun").SelectOptionAsync("2024");
        await page.GetByLabel(label).CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Unduh templat" }).ClickAsync());

        Assert.Equal($"template-{format}-13.07-2024.csv", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        using var client = fixture.Host.ClientWithKey(fixture.RegencyKey);
        Assert.Equal(await client.GetStringAsync($"api/template?format={format}&regency=13.07&year=2024"), text);
        Assert.Contains("13.07", text, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#template-status")).ToContainTextAsync(download.SuggestedFilename);
        Assert.All(portal.Urls, url => Assert.DoesNotContain(fixture.RegencyKey, url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_ListsTheRegencysUploads_AndShowsEachStoredReport()
    {
        var key = await fixture.Host.CreateKeyAsync("32.01");
        using (var client = fixture.Host.ClientWithKey(key))
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Samples.SamplePath("32.01-bogor-invalid.csv")));
            content.Headers.ContentType = new("text/csv");
            using var posted = await client.PostAsync("api/regencies/32.01/uploads", content);
            Assert.Equal(422, (int)posted.StatusCode);
        }

        await using var portal = await SignedInAsync(key);
        var page = portal.Page;
        await portal.OpenViewAsync("Riwayat");

        var listed = await ApiAsync("api/regencies/32.01/uploads?top=50");
        var rows = page.Locator("#history tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(listed.GetProperty("count").GetInt32());
        await Assertions.Expect(rows.First).ToContainTextAsync("Ditolak");
        await rows.First.GetByRole(AriaRole.Button, new() { NameRegex = new("^Lihat laporan") }).ClickAsync();

        var newest = listed.GetProperty("uploads")[0];
        await Assertions.Expect(page.Locator("#history-report h2").First).ToContainTextAsync(newest.GetProperty("uploadId").GetString()!);
        await Assertions.Expect(page.Locator("#history-report table.report").First.Locator("tbody tr"))
            .ToHaveCountAsync(newest.GetProperty("errors").GetInt32());
        await Assertions.Expect(page.Locator("#history-report table.report").First).ToContainTextAsync("A3");
        await portal.ScreenshotAsync("history");
    }

    [Fact]
    public async Task Completeness_ShowsWhatTheRegencyHasAndHasNotReported()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        await portal.OpenViewAsync("Kelengkapan");

        await ChooseYearAsync(page, "#completeness-year", PortalFixture.Year);

        var row = (await ApiAsync($"api/completeness?year={PortalFixture.Year}")).GetProperty("regencies").EnumerateArray()
            .Single(r => r.GetProperty("regencyCode").GetString() == PortalFixture.Regency);
        var missing = row.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        var reported = row.GetProperty("reported").EnumerateArray().Select(m => m.GetString()!).ToList();
        await Assertions.Expect(page.Locator("#completeness .lead")).ToContainTextAsync(
            $"{reported.Count} dari {reported.Count + missing.Count} indikator dilaporkan untuk {PortalFixture.Year}");
        await Assertions.Expect(page.Locator("#completeness ul.missing li")).ToHaveCountAsync(missing.Count);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Belum dilaporkan ({missing.Count})" })).ToBeVisibleAsync();
        if (missing.Count > 0)
        {
            await Assertions.Expect(page.Locator("#completeness ul.missing")).ToContainTextAsync(missing[0]);
        }

        await portal.ScreenshotAsync("completeness");
    }

    [Fact]
    public async Task Score_ShowsSixDimensionsLevelCoverageRanksTrendAndIndicators()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        await portal.OpenViewAsync("Skor");

        await ChooseYearAsync(page, "#score-year", PortalFixture.Year);

        var explained = await ApiAsync($"api/regencies/{PortalFixture.Regency}/scores/{PortalFixture.Year}/explain");
        await Assertions.Expect(page.Locator("[data-score=overall] dd")).ToHaveTextAsync(explained.GetProperty("overall").GetDouble().ToString("N1", Indonesian));
        await Assertions.Expect(page.Locator("[data-score=level] dd")).ToHaveTextAsync(
            $"{explained.GetProperty("level").GetInt32()} · {explained.GetProperty("levelName").GetString()}");
        await Assertions.Expect(page.Locator("[data-score=national-rank] dd")).ToHaveTextAsync(explained.GetProperty("nationalRank").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-score=province-rank] dd")).ToHaveTextAsync(explained.GetProperty("provinceRank").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-score=coverage] dd")).ToContainTextAsync("%");
        await Assertions.Expect(page.Locator("[data-score=trend] dd")).Not.ToBeEmptyAsync();
        // Not approved in the fixture: the score is provisional, said in Indonesian.
        Assert.Equal("provisional", explained.GetProperty("status").GetString());
        await Assertions.Expect(page.Locator("[data-score=status] dd")).ToHaveTextAsync("Sementara (belum disetujui)");
        var tables = page.Locator("#score table");
        await Assertions.Expect(tables.Nth(0).Locator("tbody tr")).ToHaveCountAsync(6);
        foreach (var dimension in new[] { "Tata kelola", "Branding", "Ekonomi", "Kehidupan", "Masyarakat", "Lingkungan" })
        {
            await Assertions.Expect(tables.Nth(0)).ToContainTextAsync(dimension);
        }

        await Assertions.Expect(tables.Nth(1).Locator("tbody tr")).ToHaveCountAsync(explained.GetProperty("indicators").GetArrayLength());
        await Assertions.Expect(tables.Nth(1).Locator("tbody tr.none")).ToHaveCountAsync(explained.GetProperty("missing").GetArrayLength());
        await portal.ScreenshotAsync("score");
    }

    [Fact]
    public async Task Admin_SeesNationalCompletenessAndTheRecentUploadsOfAllRegencies()
    {
        await using var portal = await SignedInAsync(fixture.Host.AdminKey);
        var page = portal.Page;
        await Assertions.Expect(page.Locator("#whoami")).ToHaveTextAsync("Masuk sebagai operator kementerian (admin)");
        await portal.OpenViewAsync("Nasional");

        await ChooseYearAsync(page, "#national-year", PortalFixture.Year);

        var completeness = await ApiAsync($"api/completeness?year={PortalFixture.Year}");
        var regencies = completeness.GetProperty("regencies").EnumerateArray().ToList();
        var silent = regencies.Count(r => r.GetProperty("reported").GetArrayLength() == 0);
        await Assertions.Expect(page.Locator("#national .lead")).ToContainTextAsync($"{silent} dari {regencies.Count} wilayah belum melaporkan apa pun");
        await Assertions.Expect(page.Locator("#national tbody tr")).ToHaveCountAsync(regencies.Count);
        var recent = await ApiAsync("api/uploads?top=50");
        await Assertions.Expect(page.Locator("#recent tbody tr")).ToHaveCountAsync(recent.GetProperty("count").GetInt32());
        await Assertions.Expect(page.Locator("#recent")).ToContainTextAsync(recent.GetProperty("uploads")[0].GetProperty("regency").GetString()!);
        await portal.ScreenshotAsync("admin-national");
    }

    [Fact]
    public async Task LanguageSwitch_TurnsThePageIntoEnglishAndBack_AndTheLangAttributeFollows()
    {
        await using var portal = await SignedInAsync(fixture.RegencyKey);
        var page = portal.Page;
        await portal.OpenViewAsync("Kelengkapan");
        await ChooseYearAsync(page, "#completeness-year", PortalFixture.Year);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Data completeness" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Upload", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#completeness .lead")).ToContainTextAsync("indicators reported for 2024");
        await Assertions.Expect(page.Locator("#whoami")).ToHaveTextAsync("Signed in as the officer of Kabupaten Lima Puluh Kota (13.07)");
        await Assertions.Expect(page.Locator("#lang")).ToHaveAttributeAsync("lang", "id");
        Assert.Equal("en", await page.EvaluateAsync<string>("() => localStorage.getItem('readiness.lang')"));

        // The choice outlives a reload (the key does too, in this tab); then back to Indonesian.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti ke Bahasa Indonesia" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await Assertions.Expect(page.Locator("#kelengkapan-title")).ToHaveTextAsync("Kelengkapan data");
    }
}

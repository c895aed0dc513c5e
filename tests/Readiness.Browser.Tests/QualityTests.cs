using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Readiness.Browser.Tests;

/// <summary>
/// The data-quality flags (issue 15) as officers meet them: an upload whose value is 1000× the regency's earlier
/// years is stored with a warning outcome and an open "Perlu diperiksa" section that names the indicator and year and
/// asks "Apakah maksudnya 1250?", in English after the switch; the score's explanation marks the flagged indicator and
/// lists the flags; completeness shows the regency-year's open flags. Each compared with what the API answers.
/// </summary>
[Collection(PortalCollection.Name)]
public class QualityTests(PortalFixture fixture)
{
    /// <summary>No sample file and no other test has it: its history is imported here.</summary>
    private const string UploadRegency = "63.02";

    private async Task<PortalPage> SignedInAsync(string key)
    {
        var portal = await PortalPage.OpenAsync(fixture);
        await portal.SignInAsync(key);
        return portal;
    }

    private async Task<JsonElement> ApiAsync(string path)
    {
        using var client = fixture.Host.ClientWithKey(fixture.Host.AdminKey);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private static async Task ShowYearAsync(IPage page, string form)
    {
        await page.Locator($"{form} select").SelectOptionAsync(PortalFixture.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"{form} button").ClickAsync();
    }

    /// <summary>A report message as the quality table shows it: without the regency-year it starts with, which the
    /// table's own columns show.</summary>
    private static string Shown(string message, string regency) =>
        message.StartsWith($"{regency} {PortalFixture.Year}: ", StringComparison.Ordinal) ? message[$"{regency} {PortalFixture.Year}: ".Length..] : message;

    [Fact]
    public async Task Upload_OfAThousandfoldValue_IsStoredWithAWarningOutcome_AndAnOpenSectionSaysWhatToCheck_InBothLanguages()
    {
        await fixture.ImportAsync("kotabaru-history.csv", PortalFixture.HistoryOf(UploadRegency));
        await using var portal = await SignedInAsync(await fixture.Host.CreateKeyAsync(UploadRegency));
        var page = portal.Page;
        // 1250 written as 1.250.000; and schools online (98 %) far above the desa with 4G (40 %): a rule of the catalog.
        var csv = $"regency_code,indicator_code,period,value\n{UploadRegency},BRA-03,2024,1250000\n{UploadRegency},SOC-01,2024,98\n{UploadRegency},LIV-01,2024,40\n";

        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(new FilePayload { Name = "kotabaru-2024.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync();

        // Stored, but not the plain green "accepted": a warning that counts and names the values to check.
        var outcome = page.Locator(".outcome");
        // The first upload of a year in the host waits for its first quality check, which reads every regency's year
        // (the peer snapshot): longer than the portal's other answers on a loaded 2-core machine.
        await Assertions.Expect(outcome).ToContainTextAsync("Berkas disimpan. 2 nilai perlu diperiksa: ", new() { Timeout = 60_000 });
        await Assertions.Expect(outcome).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bwarn\b"));
        await Assertions.Expect(outcome).ToContainTextAsync("BRA-03 (2024)");
        await Assertions.Expect(outcome).ToContainTextAsync("SOC-01, LIV-01 (2024)");
        Assert.DoesNotContain("diterima dan disimpan", await outcome.TextContentAsync(), StringComparison.Ordinal);

        var id = await page.Locator(".result .hint .mono").TextContentAsync();
        var stored = await ApiAsync($"api/regencies/{UploadRegency}/uploads/{id}");
        Assert.Equal("Completed", stored.GetProperty("upload").GetProperty("status").GetString());
        var warnings = stored.GetProperty("report").GetProperty("warnings").EnumerateArray().ToList();
        var thousands = Assert.Single(warnings, w => w.GetProperty("code").GetString() == "possible-thousands-error");
        Assert.Contains("Apakah maksudnya 1250?", thousands.GetProperty("message_id").GetString(), StringComparison.Ordinal);

        // The open section (not folded into a <details>), one row per quality warning, labelled by indicator and year.
        var section = page.Locator("section.quality");
        await Assertions.Expect(section).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("details section.quality")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Perlu diperiksa (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(section.Locator("tbody tr")).ToHaveCountAsync(2);
        var row = section.Locator("tbody tr[data-code=possible-thousands-error]");
        var cells = row.Locator("td");
        await Assertions.Expect(cells.Nth(0)).ToHaveTextAsync(UploadRegency);
        await Assertions.Expect(cells.Nth(1)).ToHaveTextAsync("BRA-03");
        await Assertions.Expect(cells.Nth(2)).ToHaveTextAsync("2024");
        await Assertions.Expect(cells.Nth(3)).ToContainTextAsync("Kemungkinan salah pemisah ribuan");
        await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync(Shown(thousands.GetProperty("message_id").GetString()!, UploadRegency));
        await Assertions.Expect(cells.Nth(4)).ToContainTextAsync("Apakah maksudnya 1250?");
        await Assertions.Expect(cells.Nth(5)).ToContainTextAsync("Periksa pemisah ribuan dan tanda desimal");
        var rule = section.Locator("tbody tr[data-code=rule-violation] td");
        await Assertions.Expect(rule.Nth(1)).ToHaveTextAsync("SOC-01, LIV-01");
        await Assertions.Expect(rule.Nth(4)).ToContainTextAsync("SOC-01-VS-LIV-01");
        // No quality warning is placed on the file as a whole ("berkas") any more.
        await Assertions.Expect(page.Locator("table.report td").GetByText("berkas", new() { Exact = true })).ToHaveCountAsync(0);
        await portal.ScreenshotAsync("upload-quality");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(outcome).ToContainTextAsync("The file was stored. 2 values need checking: ");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "To check (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(cells.Nth(4)).ToHaveTextAsync(Shown(thousands.GetProperty("message").GetString()!, UploadRegency));
        await Assertions.Expect(cells.Nth(4)).ToContainTextAsync("Did you mean 1250?");
        await Assertions.Expect(cells.Nth(5)).ToContainTextAsync("Check the thousands separator and the decimal mark");
        Assert.Empty(portal.Problems);
    }

    [Fact]
    public async Task ScoreExplanation_MarksTheFlaggedIndicator_AndListsTheFlags()
    {
        var explained = await ApiAsync($"api/regencies/{PortalFixture.FlaggedRegency}/scores/{PortalFixture.Year}/explain");
        var flags = explained.GetProperty("qualityFlags").EnumerateArray().ToList();
        var thousands = Assert.Single(flags, f => f.GetProperty("code").GetString() == "possible-thousands-error");
        var flagged = explained.GetProperty("indicators").EnumerateArray().Where(i => i.GetProperty("qualityFlags").GetArrayLength() > 0).ToList();
        Assert.Contains(flagged, i => i.GetProperty("code").GetString() == PortalFixture.FlaggedIndicator);

        await using var portal = await SignedInAsync(await fixture.Host.CreateKeyAsync(PortalFixture.FlaggedRegency));
        var page = portal.Page;
        await portal.OpenViewAsync("Skor");
        await ShowYearAsync(page, "#score-form");

        var mark = page.Locator($"#score tr[data-indicator={PortalFixture.FlaggedIndicator}] .flag");
        await Assertions.Expect(mark).ToHaveTextAsync("⚠ perlu diperiksa: Kemungkinan salah pemisah ribuan");
        // The ⚠ is decoration; the words carry the meaning (not colour alone).
        await Assertions.Expect(mark.Locator("[aria-hidden=true]")).ToHaveTextAsync("⚠ ");
        await Assertions.Expect(page.Locator("#score tr[data-indicator] .flag")).ToHaveCountAsync(flagged.Count);
        await Assertions.Expect(page.Locator("#score tr[data-indicator=GOV-01] .flag")).ToHaveCountAsync(0);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Catatan kualitas data ({flags.Count})" })).ToBeVisibleAsync();
        var items = page.Locator("#score ul.flags li");
        await Assertions.Expect(items).ToHaveCountAsync(flags.Count);
        await Assertions.Expect(page.Locator("#score ul.flags li[data-code=possible-thousands-error]")).ToContainTextAsync(thousands.GetProperty("messageIndonesian").GetString()!);
        await Assertions.Expect(page.Locator("#score ul.flags")).ToContainTextAsync("Apakah maksudnya 1250?");
        await portal.ScreenshotAsync("score-quality");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(mark).ToHaveTextAsync("⚠ to check: Possible thousands-separator mistake");
        await Assertions.Expect(page.Locator("#score ul.flags li[data-code=possible-thousands-error]")).ToContainTextAsync(thousands.GetProperty("message").GetString()!);
    }

    [Fact]
    public async Task Completeness_ShowsTheRegencyYearsOpenFlags_ForTheRegency_AndInTheAdminsTable()
    {
        var regencies = (await ApiAsync($"api/completeness?year={PortalFixture.Year}")).GetProperty("regencies").EnumerateArray().ToList();
        var row = regencies.Single(r => r.GetProperty("regencyCode").GetString() == PortalFixture.FlaggedRegency);
        var open = row.GetProperty("openFlags").GetInt32();
        Assert.True(open > 0);
        var count = open.ToString(CultureInfo.InvariantCulture);

        await using (var officer = await SignedInAsync(await fixture.Host.CreateKeyAsync(PortalFixture.FlaggedRegency)))
        {
            await officer.OpenViewAsync("Kelengkapan");
            await ShowYearAsync(officer.Page, "#completeness-form");
            var line = officer.Page.Locator("#completeness [data-open-flags]");
            await Assertions.Expect(line).ToHaveAttributeAsync("data-open-flags", count);
            await Assertions.Expect(line).ToContainTextAsync($"Catatan kualitas data yang terbuka untuk {PortalFixture.Year}: {count}.");
        }

        await using var admin = await SignedInAsync(fixture.Host.AdminKey);
        await admin.OpenViewAsync("Kelengkapan");
        await ShowYearAsync(admin.Page, "#completeness-form");
        var table = admin.Page.Locator("#completeness table").Last;
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("Catatan kualitas terbuka");
        await Assertions.Expect(table.Locator($"tr[data-regency=\"{PortalFixture.FlaggedRegency}\"] td[data-open-flags]")).ToHaveTextAsync($"⚠ {count}");
        await Assertions.Expect(table.Locator("td[data-open-flags]")).ToHaveCountAsync(regencies.Count);
        foreach (var other in regencies)
        {
            await Assertions.Expect(table.Locator($"tr[data-regency=\"{other.GetProperty("regencyCode").GetString()}\"] td[data-open-flags]"))
                .ToHaveAttributeAsync("data-open-flags", other.GetProperty("openFlags").GetInt32().ToString(CultureInfo.InvariantCulture));
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Readiness.Core.Access;
using Readiness.TestSupport;

namespace Readiness.Browser.Tests;

/// <summary>The completeness view of a province key and of the ministry: the year's reporting rate per province and in
/// total, and each regency's review state and timeliness, compared with the API's answer. A year no other test touches
/// (2020) is submitted for one regency of Jawa Timur; the shipped catalog has no reporting calendar, so timeliness is
/// not judged and the page says so.</summary>
[Collection(PortalCollection.Name)]
public class ReportingViewTests(PortalFixture fixture)
{
    private const int Year = 2020;
    private const string Regency = "35.78";

    private async Task SubmitOnceAsync()
    {
        using var client = fixture.Host.ClientWithKey(fixture.Host.AdminKey);
        var review = await client.GetFromJsonAsync<JsonElement>($"api/regencies/{Regency}/years/{Year}/review");
        if (review.GetProperty("state").GetString() == "Open")
        {
            using var submitted = await client.PostAsync($"api/regencies/{Regency}/years/{Year}/review", new StringContent("""{"action":"submit"}""", Encoding.UTF8, "application/json"));
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        }
    }

    private async Task<JsonElement> ApiAsync(string path)
    {
        using var client = fixture.Host.ClientWithKey(fixture.Host.AdminKey);
        return await client.GetFromJsonAsync<JsonElement>(path);
    }

    private static async Task ShowYearAsync(IPage page)
    {
        await page.Locator("#completeness-year").SelectOptionAsync(Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("form:has(#completeness-year)").GetByRole(AriaRole.Button).ClickAsync();
    }

    [Fact]
    public async Task ProvinceKey_SeesItsProvincesReportingRate_AndEachRegencysReviewState()
    {
        await SubmitOnceAsync();
        var (_, key) = await fixture.Host.Services.GetRequiredService<ApiKeyService>().CreateAsync(Role.Province, null, null, "walidata 35", CancellationToken.None, "35");
        await using var portal = await PortalPage.OpenAsync(fixture);
        await portal.SignInAsync(key);
        var page = portal.Page;
        await portal.OpenViewAsync(View.Kelengkapan);

        await ShowYearAsync(page);

        var national = (await ApiAsync($"api/completeness?year={Year}&province=35")).GetProperty("reporting").GetProperty("national");
        var total = page.Locator("#completeness section.reporting tr[data-province=all]");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Tingkat pelaporan {Year}" })).ToBeVisibleAsync();
        await Assertions.Expect(total.Locator("[data-figure=expected]")).ToHaveTextAsync(national.GetProperty("expected").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(total.Locator("[data-figure=submitted]")).ToHaveTextAsync("1");
        await Assertions.Expect(total.Locator("[data-figure=onTime]")).ToHaveTextAsync("tidak dinilai");
        await Assertions.Expect(page.Locator("#completeness section.reporting tr[data-province='35']")).ToContainTextAsync("Jawa Timur (35)");
        await Assertions.Expect(page.Locator("#completeness .notice[data-judged=false]")).ToContainTextAsync("tidak dapat dinilai");
        var row = page.Locator($"#completeness tr[data-regency='{Regency}']");
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveTextAsync("Diajukan");
        await Assertions.Expect(row.Locator("[data-timeliness]")).ToHaveTextAsync("Tidak dinilai");
        // Only the province's regencies are listed.
        await Assertions.Expect(page.Locator("#completeness tr[data-regency]")).ToHaveCountAsync(national.GetProperty("expected").GetInt32());

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Reporting rate {Year}" })).ToBeVisibleAsync();
        await Assertions.Expect(total.Locator("[data-figure=onTime]")).ToHaveTextAsync("not judged");
        await Assertions.Expect(page.Locator("#completeness .notice[data-judged=false]")).ToContainTextAsync("cannot be judged");
        await Assertions.Expect(row.Locator("[data-state]")).ToHaveTextAsync("Submitted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ganti ke Bahasa Indonesia" }).ClickAsync();
        await portal.ScreenshotAsync("completeness-province");
    }

    [Fact]
    public async Task Admin_SeesEveryProvincesReportingRate_AndTheTotal()
    {
        await SubmitOnceAsync();
        // axe-core is injected as a script, which the portal's own policy refuses.
        await using var portal = await PortalPage.OpenAsync(fixture, bypassPolicy: true);
        await portal.SignInAsync(fixture.Host.AdminKey);
        var page = portal.Page;
        await portal.OpenViewAsync(View.Kelengkapan);

        await ShowYearAsync(page);

        var reporting = (await ApiAsync($"api/completeness?year={Year}")).GetProperty("reporting");
        var provinces = reporting.GetProperty("provinces").GetArrayLength();
        await Assertions.Expect(page.Locator("#completeness section.reporting tbody tr")).ToHaveCountAsync(provinces + 1);
        var total = page.Locator("#completeness section.reporting tr[data-province=all]");
        await Assertions.Expect(total.Locator("[data-figure=expected]")).ToHaveTextAsync(reporting.GetProperty("national").GetProperty("expected").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(total.Locator("[data-figure=submitted]")).ToHaveTextAsync(reporting.GetProperty("national").GetProperty("submitted").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(total).ToContainTextAsync("Jumlah");
        Assert.Empty(await portal.AxeViolationsAsync());
    }
}

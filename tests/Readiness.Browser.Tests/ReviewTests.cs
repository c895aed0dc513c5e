using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Readiness.Browser.Tests;

/// <summary>
/// The review view (Tinjauan, issue 14) in Chromium: the regency submits, the province's Walidata verifies or returns,
/// the ministry approves; each role sees only the actions the API allows it; a refusal says what to do in Indonesian,
/// then English; a locked year's upload is refused in the upload view. Each test works on regency-years no other
/// test touches (the samples hold 2023 and 2024 only).
/// </summary>
[Collection(PortalCollection.Name)]
public class ReviewTests(PortalFixture fixture)
{
    private async Task<PortalPage> SignedInAsync(string key)
    {
        var portal = await PortalPage.OpenAsync(fixture);
        await portal.SignInAsync(key);
        return portal;
    }

    /// <summary>Opens Tinjauan and shows <paramref name="year"/>: a regency key its own year, other keys the work list.</summary>
    private static async Task ShowYearAsync(PortalPage portal, int year, string? state = null)
    {
        var page = portal.Page;
        if (await page.Locator("#view-tinjauan").IsHiddenAsync())
        {
            await portal.OpenViewAsync(View.Tinjauan);
        }

        await page.Locator("#review-year").SelectOptionAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (state is not null)
        {
            await page.Locator("#review-state").SelectOptionAsync(state);
        }

        await page.Locator("#review-form button[type=submit]").ClickAsync();
    }

    /// <summary>From the work list, opens the regency-year of <paramref name="regency"/>.</summary>
    private static async Task OpenFromListAsync(IPage page, string regency)
    {
        await page.Locator($"#review-list tr[data-regency='{regency}'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#review-title")).ToContainTextAsync(regency);
        await Assertions.Expect(page.Locator("#review-title")).ToBeFocusedAsync();
    }

    /// <summary>The actions the page offers, in its order.</summary>
    private static async Task<string[]> OfferedAsync(IPage page) =>
        await page.Locator("#review-actions button[data-action]").EvaluateAllAsync<string[]>("buttons => buttons.map(b => b.dataset.action)");

    private async Task<JsonElement> ReviewAsync(string key, string regency, int year)
    {
        using var client = fixture.Host.ClientWithKey(key);
        return await client.GetFromJsonAsync<JsonElement>($"api/regencies/{regency}/years/{year}/review");
    }

    private async Task ActAsync(string key, string regency, int year, string action, string? comment = null)
    {
        using var client = fixture.Host.ClientWithKey(key);
        using var answer = await client.PostAsJsonAsync($"api/regencies/{regency}/years/{year}/review", new { action, comment });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private static string[] NextActions(JsonElement review) => [.. review.GetProperty("nextActions").EnumerateArray().Select(a => a.GetString()!)];

    [Fact]
    public async Task RegencySubmits_ProvinceVerifies_AdminApproves_ThenTheYearsUploadIsRefusedAsLocked()
    {
        const string regency = "35.10";
        const int year = 2022;
        var regencyKey = await fixture.Host.CreateKeyAsync(regency);

        // The regency submits its year and reads what the submission found (not blocking).
        await using var officer = await SignedInAsync(regencyKey);
        var page = officer.Page;
        await ShowYearAsync(officer, year);
        await Assertions.Expect(page.Locator("#review-title")).ToHaveTextAsync($"Kabupaten Banyuwangi ({regency}) · {year}");
        await Assertions.Expect(page.Locator("[data-review=state]")).ToContainTextAsync("Terbuka (Open)");
        Assert.Equal(["submit"], await OfferedAsync(page));
        await page.GetByLabel("Komentar").FillAsync("data 2022 sudah lengkap");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajukan", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#review-outcome .notice")).ToContainTextAsync("Data telah diajukan");
        await Assertions.Expect(page.Locator("#findings-title")).ToHaveTextAsync("Temuan saat pengajuan");
        await Assertions.Expect(page.Locator(".findings")).ToContainTextAsync("tidak menghalangi pengajuan");
        await Assertions.Expect(page.Locator("[data-finding=quality]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-review=state]")).ToContainTextAsync("Diajukan (Submitted)");
        await Assertions.Expect(page.Locator("#review-actions")).ToHaveCountAsync(0);
        var step = page.Locator("table.review-history tbody tr").First;
        await Assertions.Expect(step).ToContainTextAsync("Diajukan");
        await Assertions.Expect(step).ToContainTextAsync("Kabupaten/kota");
        await Assertions.Expect(step).ToContainTextAsync("data 2022 sudah lengkap");
        await Assertions.Expect(step.Locator("td").First).ToContainTextAsync("WIB");
        await officer.ScreenshotAsync("review-submitted");

        // The province's Walidata finds it in the work list of Submitted years and verifies it.
        await using (var walidata = await SignedInAsync(await fixture.Host.CreateProvinceKeyAsync("35")))
        {
            var province = walidata.Page;
            await Assertions.Expect(province.Locator("#whoami")).ToHaveTextAsync("Masuk sebagai Walidata provinsi Jawa Timur (35)");
            await Assertions.Expect(province.Locator("#view-tinjauan")).ToBeVisibleAsync();
            await ShowYearAsync(walidata, year, "Submitted");
            await Assertions.Expect(province.Locator("#review-list tbody tr")).ToHaveCountAsync(1);
            await OpenFromListAsync(province, regency);
            Assert.Equal(["verify", "return"], await OfferedAsync(province));
            await province.GetByRole(AriaRole.Button, new() { Name = "Verifikasi", Exact = true }).ClickAsync();
            await Assertions.Expect(province.Locator("[data-review=state]")).ToContainTextAsync("Diverifikasi (Verified)");
            await Assertions.Expect(province.Locator("#review-list tbody tr")).ToHaveCountAsync(0);
        }

        // The ministry approves it from the national work list.
        await using (var ministry = await SignedInAsync(fixture.Host.AdminKey))
        {
            var admin = ministry.Page;
            await ShowYearAsync(ministry, year, "Verified");
            await OpenFromListAsync(admin, regency);
            Assert.Equal(NextActions(await ReviewAsync(fixture.Host.AdminKey, regency, year)), await OfferedAsync(admin));
            await admin.GetByRole(AriaRole.Button, new() { Name = "Setujui", Exact = true }).ClickAsync();
            await Assertions.Expect(admin.Locator("[data-review=state]")).ToContainTextAsync("Disetujui (Approved)");
            await Assertions.Expect(admin.Locator("[data-review=state]")).ToContainTextAsync("Skor tahun ini final");
            await Assertions.Expect(admin.Locator("table.review-history tbody tr")).ToHaveCountAsync(3);
            await Assertions.Expect(admin.Locator("table.review-history tbody tr").First).ToContainTextAsync("Kementerian (admin)");
            await ministry.ScreenshotAsync("review-approved");
        }

        // The regency's upload for the approved year is refused whole, and the page says why and what to do.
        await page.ReloadAsync();
        await ShowYearAsync(officer, year);
        await Assertions.Expect(page.Locator("[data-review=lock]")).ToHaveAttributeAsync("data-locked", "true");
        await officer.OpenViewAsync("Unggah");
        var csv = $"regency_code,indicator_code,period,value\n{regency},GOV-01,{year},80\n";
        await page.GetByLabel("Berkas CSV").SetInputFilesAsync(new FilePayload { Name = "banyuwangi-2022.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Unggah", Exact = true }).ClickAsync(),
            response => response.Url.Contains("/uploads", StringComparison.Ordinal) && response.Request.Method == "POST");
        Assert.Equal(409, answer.Status);
        var refused = await answer.JsonAsync();
        Assert.NotNull(refused);
        var error = refused.Value.GetProperty("report").GetProperty("errors")[0];
        Assert.Equal("period-locked", error.GetProperty("code").GetString());
        await Assertions.Expect(page.Locator(".outcome")).ToContainTextAsync("Berkas ditolak seluruhnya: tahun datanya dikunci");
        await Assertions.Expect(page.Locator(".outcome")).Not.ToContainTextAsync("mode sebagian untuk menyimpan");
        await Assertions.Expect(page.Locator("ul.locked li")).ToHaveTextAsync(error.GetProperty("message_id").GetString()!);
        await Assertions.Expect(page.Locator("ul.locked li")).ToContainTextAsync("minta kementerian membuka kembali");
        await Assertions.Expect(page.Locator("[data-count=imported] dd")).ToHaveTextAsync("0");
        await officer.ScreenshotAsync("upload-period-locked");
        Assert.Empty(officer.Problems);
    }

    [Fact]
    public async Task Return_NeedsAComment_AndTheFormSaysSoBeforeAnythingIsSent()
    {
        const string regency = "34.04";
        const int year = 2022;
        await ActAsync(await fixture.Host.CreateKeyAsync(regency), regency, year, "submit");
        await using var walidata = await SignedInAsync(await fixture.Host.CreateProvinceKeyAsync("34"));
        var page = walidata.Page;
        var posts = 0;
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
            }
        };
        await ShowYearAsync(walidata, year);
        await OpenFromListAsync(page, regency);

        var comment = page.GetByLabel("Komentar");
        await Assertions.Expect(comment).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Komentar wajib diisi untuk Kembalikan"));
        await Assertions.Expect(page.Locator("#review-comment-hint")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kembalikan", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#review-comment-error")).ToHaveTextAsync("Komentar belum diisi. Untuk Kembalikan, tulis alasannya (apa yang harus diperbaiki), lalu tekan tombolnya lagi.");
        await Assertions.Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(comment).ToBeFocusedAsync();
        Assert.Equal(0, posts);
        Assert.Equal("Submitted", (await ReviewAsync(fixture.Host.AdminKey, regency, year)).GetProperty("state").GetString());

        await comment.FillAsync("ENV-03 belum diisi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kembalikan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-review=state]")).ToContainTextAsync("Terbuka (Open)");
        var step = page.Locator("table.review-history tbody tr").First;
        await Assertions.Expect(step).ToContainTextAsync("Dikembalikan");
        await Assertions.Expect(step).ToContainTextAsync("Provinsi (Walidata)");
        await Assertions.Expect(step).ToContainTextAsync("ENV-03 belum diisi");
        Assert.Equal(1, posts);
        var stored = await ReviewAsync(fixture.Host.AdminKey, regency, year);
        Assert.Equal("Open", stored.GetProperty("state").GetString());
        Assert.Equal("ENV-03 belum diisi", stored.GetProperty("history")[1].GetProperty("comment").GetString());
    }

    [Fact]
    public async Task EachRole_SeesOnlyTheActionsTheApiAllowsIt_AndTheMenuOfItsRole()
    {
        const string regency = "33.74";
        const int year = 2021;
        var regencyKey = await fixture.Host.CreateKeyAsync(regency);
        var provinceKey = await fixture.Host.CreateProvinceKeyAsync("33");

        await using var officer = await SignedInAsync(regencyKey);
        await using var walidata = await SignedInAsync(provinceKey);
        await using var ministry = await SignedInAsync(fixture.Host.AdminKey);
        var menu = (PortalPage p) => p.Page.Locator("#nav li:not([hidden]) a").EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.view)");
        Assert.Equal(["unggah", "templat", "riwayat", "kelengkapan", "skor", "tinjauan"], await menu(officer));
        Assert.Equal(["riwayat", "kelengkapan", "skor", "tinjauan"], await menu(walidata));
        Assert.Equal(["unggah", "templat", "riwayat", "kelengkapan", "skor", "tinjauan", "nasional"], await menu(ministry));
        await Assertions.Expect(officer.Page.Locator("#scope")).ToBeHiddenAsync();
        await Assertions.Expect(walidata.Page.Locator("#scope")).ToBeVisibleAsync();

        async Task ExpectOfferedAsync(PortalPage portal, string key, string[] expected)
        {
            await ShowYearAsync(portal, year);
            if (portal != officer)
            {
                await OpenFromListAsync(portal.Page, regency);
            }

            await Assertions.Expect(portal.Page.Locator("[data-review=state]")).Not.ToBeEmptyAsync();
            Assert.Equal(expected, NextActions(await ReviewAsync(key, regency, year)));
            Assert.Equal(expected, await OfferedAsync(portal.Page));
            if (expected.Length == 0)
            {
                await Assertions.Expect(portal.Page.Locator("[data-review=no-actions]")).ToHaveTextAsync("Tidak ada tindakan yang dapat Anda lakukan pada status ini.");
            }
        }

        // Open: the regency may submit; the Walidata has nothing to do yet.
        await ExpectOfferedAsync(officer, regencyKey, ["submit"]);
        await ExpectOfferedAsync(walidata, provinceKey, []);
        await ExpectOfferedAsync(ministry, fixture.Host.AdminKey, ["submit", "unlock"]);

        // Submitted: the regency may no longer act; the Walidata verifies or returns; the ministry may also.
        await ActAsync(regencyKey, regency, year, "submit");
        await ExpectOfferedAsync(officer, regencyKey, []);
        await ExpectOfferedAsync(walidata, provinceKey, ["verify", "return"]);
        await ExpectOfferedAsync(ministry, fixture.Host.AdminKey, ["verify", "return", "unlock"]);
        await Assertions.Expect(ministry.Page.Locator("#review-until")).ToBeVisibleAsync();
        await Assertions.Expect(walidata.Page.Locator("#review-until")).ToHaveCountAsync(0);

        // Verified: only the ministry approves.
        await ActAsync(provinceKey, regency, year, "verify");
        await ExpectOfferedAsync(walidata, provinceKey, ["return"]);
        await ExpectOfferedAsync(ministry, fixture.Host.AdminKey, ["approve", "return", "unlock"]);
    }

    [Fact]
    public async Task AnotherReviewerFirst_Gets409_InIndonesianThenEnglish_AndReloadShowsTheNewState()
    {
        const string regency = "73.71";
        const int year = 2021;
        await ActAsync(await fixture.Host.CreateKeyAsync(regency), regency, year, "submit");
        await using var walidata = await SignedInAsync(await fixture.Host.CreateProvinceKeyAsync("73"));
        var page = walidata.Page;
        await ShowYearAsync(walidata, year);
        await OpenFromListAsync(page, regency);
        Assert.Equal(["verify", "return"], await OfferedAsync(page));

        // Meanwhile the ministry returns the year.
        await ActAsync(fixture.Host.AdminKey, regency, year, "return", "GOV-01 perlu dicek");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verifikasi", Exact = true }).ClickAsync();

        var refusal = page.Locator("#review-outcome .refusal");
        await Assertions.Expect(refusal).ToHaveAttributeAsync("role", "alert");
        var indonesian = refusal.Locator("p").Nth(0);
        var english = refusal.Locator("p").Nth(1);
        await Assertions.Expect(indonesian).ToHaveAttributeAsync("lang", "id");
        await Assertions.Expect(indonesian).ToContainTextAsync($"{regency} tahun {year} berstatus Open");
        await Assertions.Expect(indonesian).ToContainTextAsync("Muat ulang untuk melihat status terbaru");
        await Assertions.Expect(english).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(english).ToContainTextAsync($"{regency} {year} is Open");
        await Assertions.Expect(english).ToContainTextAsync("Reload to see the current state");
        await walidata.ScreenshotAsync("review-conflict");

        await refusal.GetByRole(AriaRole.Button, new() { Name = "Muat ulang" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-review=state]")).ToContainTextAsync("Terbuka (Open)");
        await Assertions.Expect(page.Locator("#review-outcome .refusal")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-review=no-actions]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.review-history tbody tr").First).ToContainTextAsync("GOV-01 perlu dicek");
    }

    [Fact]
    public async Task Admin_GrantsALockException_UntilADay_WhichTheFormAsksForFirst()
    {
        const string regency = "31.71";
        const int year = 2021;
        await using var ministry = await SignedInAsync(fixture.Host.AdminKey);
        var page = ministry.Page;
        await ShowYearAsync(ministry, year);
        await OpenFromListAsync(page, regency);

        var grant = page.GetByRole(AriaRole.Button, new() { Name = "Beri pengecualian kunci", Exact = true });
        await grant.ClickAsync();
        await Assertions.Expect(page.Locator("#review-until-error")).ToContainTextAsync("Tanggal belum diisi");
        await Assertions.Expect(page.Locator("#review-until")).ToBeFocusedAsync();
        Assert.Equal(0, (await ReviewAsync(fixture.Host.AdminKey, regency, year)).GetProperty("history").GetArrayLength());

        await page.GetByLabel("Pengecualian kunci sampai (tanggal)").FillAsync("2099-12-31");
        await grant.ClickAsync();
        await Assertions.Expect(page.Locator("#review-outcome .notice")).ToContainTextAsync("Pengecualian kunci disimpan; status tetap Terbuka (Open)");
        await Assertions.Expect(page.Locator("#review-detail")).ToContainTextAsync("Pengecualian kunci berlaku sampai akhir 31 Desember 2099 (WIB)");
        var step = page.Locator("table.review-history tbody tr").First;
        await Assertions.Expect(step).ToContainTextAsync("Pengecualian kunci (sampai 31 Desember 2099)");
        await Assertions.Expect(step).ToContainTextAsync("Kementerian (admin)");
        Assert.Equal("2099-12-31", (await ReviewAsync(fixture.Host.AdminKey, regency, year)).GetProperty("unlockedUntil").GetString());
    }

    [Fact]
    public async Task ReviewView_CanBeUsedWithTheKeyboardAlone()
    {
        const string regency = "51.03";
        const int year = 2021;
        await using var officer = await SignedInAsync(await fixture.Host.CreateKeyAsync(regency));
        var page = officer.Page;

        // Signed in, the first view's heading has the focus; the menu is before it.
        await TabToAsync(page, "#nav a[data-view=tinjauan]", backwards: true);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#tinjauan-title")).ToBeFocusedAsync();
        await TabToAsync(page, "#review-year");
        for (var i = 0; i < 12 && await page.Locator("#review-year").InputValueAsync() != year.ToString(System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(page.Locator("#review-year")).ToHaveValueAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TabToAsync(page, "#review-form button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#review-title")).ToContainTextAsync($"({regency}) · {year}");

        await TabToAsync(page, "#review-comment");
        await page.Keyboard.TypeAsync("lengkap");
        await TabToAsync(page, "#review-actions button[data-action=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-review=state]")).ToContainTextAsync("Diajukan (Submitted)");
        Assert.Equal("Submitted", (await ReviewAsync(fixture.Host.AdminKey, regency, year)).GetProperty("state").GetString());
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="selector"/> has the focus (at most 40 times), as a keyboard user does.</summary>
    private static async Task TabToAsync(IPage page, string selector, bool backwards = false)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }

        Assert.Fail($"{selector} was not reached with the Tab key.");
    }

    [Fact]
    public async Task ProvinceKey_ReadsItsProvincesCompletenessAndScores_AndCannotUpload()
    {
        var key = await fixture.Host.CreateProvinceKeyAsync("13");
        await using var walidata = await SignedInAsync(key);
        var page = walidata.Page;
        using var client = fixture.Host.ClientWithKey(key);

        await walidata.OpenViewAsync("Kelengkapan");
        await page.Locator("#completeness-year").SelectOptionAsync("2024");
        await page.Locator("#completeness-form button").ClickAsync();
        var completeness = await client.GetFromJsonAsync<JsonElement>("api/completeness?year=2024");
        var rows = completeness.GetProperty("regencies").EnumerateArray().ToList();
        Assert.True(rows.Count > 1);
        Assert.All(rows, r => Assert.StartsWith("13.", r.GetProperty("regencyCode").GetString(), StringComparison.Ordinal));
        // One row per regency (the reporting rate's table above it has rows per province).
        await Assertions.Expect(page.Locator("#completeness tbody tr[data-regency]")).ToHaveCountAsync(rows.Count);

        await walidata.OpenViewAsync("Skor");
        await page.Locator("#score-year").SelectOptionAsync("2024");
        await page.Locator("#score-form button").ClickAsync();
        var scores = await client.GetFromJsonAsync<JsonElement>("api/scores?year=2024&province=13");
        await Assertions.Expect(page.Locator("#score tbody tr")).ToHaveCountAsync(scores.GetProperty("count").GetInt32());
        await Assertions.Expect(page.Locator("#score tbody tr").First).ToContainTextAsync(scores.GetProperty("scores")[0].GetProperty("regencyName").GetString()!);

        // One of its regencies in detail, named in the menu's field.
        await page.Locator("#scope").FillAsync("13.07");
        await page.Locator("#scope").DispatchEventAsync("change");
        await page.Locator("#score-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#score h2")).ToContainTextAsync("Lima Puluh Kota");

        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Unggah", Exact = true })).ToBeHiddenAsync();
        await page.GotoAsync(fixture.PortalUrl + "#/unggah");
        await Assertions.Expect(page.Locator("#view-unggah")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#view-tinjauan")).ToBeVisibleAsync();
        Assert.Empty(walidata.Problems);
    }
}

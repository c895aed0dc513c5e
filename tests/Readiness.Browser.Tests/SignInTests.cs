using Microsoft.Playwright;

namespace Readiness.Browser.Tests;

[Collection(PortalCollection.Name)]
public class SignInTests(PortalFixture fixture)
{
    [Fact]
    public async Task SignIn_WithARegencyKey_NamesTheRegency_KeepsTheKeyInThisTabOnly_AndSignOutForgetsIt()
    {
        await using var portal = await PortalPage.OpenAsync(fixture);
        var page = portal.Page;
        var apiCalls = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/me", StringComparison.Ordinal))
            {
                apiCalls.Add(request);
            }
        };

        await portal.SignInAsync(fixture.RegencyKey);

        await Assertions.Expect(page.Locator("#whoami")).ToHaveTextAsync("Masuk sebagai petugas Kabupaten Lima Puluh Kota (13.07)");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unggah data" })).ToBeVisibleAsync();
        var sent = Assert.Single(apiCalls);
        Assert.Equal("Bearer " + fixture.RegencyKey, (await sent.AllHeadersAsync())["authorization"]);
        Assert.Equal(fixture.RegencyKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('readiness.key')"));
        Assert.DoesNotContain(fixture.RegencyKey, await page.EvaluateAsync<string>("() => JSON.stringify(localStorage)"), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.RegencyKey, await page.Locator("#key").InputValueAsync(), StringComparison.Ordinal);

        // A reload keeps the session (same tab); every view visited meanwhile keeps the key out of every URL.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#whoami")).ToContainTextAsync("Lima Puluh Kota");
        foreach (var view in new[] { "Templat", "Riwayat", "Kelengkapan", "Skor", "Unggah" })
        {
            await portal.OpenViewAsync(view);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Keluar" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Kunci API")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("Anda telah keluar");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('readiness.key')"));
        Assert.All(portal.Urls, url => Assert.DoesNotContain(fixture.RegencyKey, Uri.UnescapeDataString(url), StringComparison.Ordinal));
        Assert.Empty(portal.Problems);
    }

    [Fact]
    public async Task SignIn_WithAnUnknownKey_SaysInIndonesianWhatToDo()
    {
        await using var portal = await PortalPage.OpenAsync(fixture);
        var page = portal.Page;

        await page.GetByLabel("Kunci API").FillAsync("rdy_0123456789abcdef_" + new string('a', 64));
        await page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();

        var error = page.Locator("#signin-error");
        await Assertions.Expect(error).ToContainTextAsync("Kunci API tidak dikenal");
        await Assertions.Expect(error).ToContainTextAsync("minta kunci baru kepada operator kementerian");
        await Assertions.Expect(page.GetByLabel("Kunci API")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('readiness.key')"));
        Assert.Empty(portal.Problems);
    }

    [Fact]
    public async Task SignIn_WithAnEmptyField_AsksForTheKeyWithoutCallingTheServer()
    {
        await using var portal = await PortalPage.OpenAsync(fixture);

        await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }).ClickAsync();

        await Assertions.Expect(portal.Page.Locator("#signin-error")).ToContainTextAsync("Kunci API belum diisi");
        Assert.DoesNotContain(portal.Urls, url => url.Contains("/api/me", StringComparison.Ordinal));
    }
}

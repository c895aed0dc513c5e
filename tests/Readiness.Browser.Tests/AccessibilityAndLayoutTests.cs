using Microsoft.Playwright;
using Readiness.TestSupport;

namespace Readiness.Browser.Tests;

/// <summary>
/// WCAG 2.1 AA as axe-core judges it (no serious or critical violation) on every view, in both languages, with
/// content on the page (an invalid upload's report, a stored report, the score, the data-quality flags); and the phone layout: at 390 px no
/// view scrolls sideways (wide tables scroll inside their own frame).
/// </summary>
[Collection(PortalCollection.Name)]
public class AccessibilityAndLayoutTests(PortalFixture fixture)
{
    private static readonly (View Menu, string Form)[] YearViews =
    [
        (View.Kelengkapan, "#completeness-form"),
        (View.Skor, "#score-form"),
    ];

    /// <summary>Visits every view with data on it, calling <paramref name="check"/> on each (named for the failure message).</summary>
    private async Task VisitEveryViewAsync(PortalPage portal, Func<string, Task> check)
    {
        var page = portal.Page;
        await check("masuk");
        await portal.SignInAsync(await fixture.Host.CreateKeyAsync("32.01"));

        // Found by id, not by name: the same walk runs in both languages.
        await page.Locator("#file").SetInputFilesAsync(Samples.SamplePath("32.01-bogor-invalid.csv"));
        await page.Locator("#upload-submit").ClickAsync();
        await Assertions.Expect(page.Locator("table.preview")).ToBeVisibleAsync();
        await check("unggah");

        await portal.OpenViewAsync(View.Templat);
        await check("templat");

        await portal.OpenViewAsync(View.Riwayat);
        await page.Locator("#history tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#history-report table.report")).Not.ToHaveCountAsync(0);
        await check("riwayat");

        foreach (var (menu, form) in YearViews)
        {
            await portal.OpenViewAsync(menu);
            await page.Locator($"{form} select").SelectOptionAsync(PortalFixture.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator($"{form} button").ClickAsync();
            await Assertions.Expect(page.Locator($"{form} + div > *").First).Not.ToHaveClassAsync("loading");
            await check(menu.ToString().ToLowerInvariant());
        }

        // The regency's own review of the year shown first, with its Submit form.
        await portal.OpenViewAsync(View.Tinjauan);
        await Assertions.Expect(page.Locator("#review-actions button[data-action=submit]")).ToBeVisibleAsync();
        await check("tinjauan");

        await page.Locator("#signout").ClickAsync();
        await portal.SignInAsync(fixture.Host.AdminKey);
        await page.Locator("#scope").FillAsync("13.07");
        await portal.OpenViewAsync(View.Skor);
        await page.Locator("#score-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#score h2")).ToContainTextAsync("Lima Puluh Kota");
        await check("skor (admin)");
        await portal.OpenViewAsync(View.Nasional);
        await Assertions.Expect(page.Locator("#recent table")).ToBeVisibleAsync();
        await check("nasional");
        await portal.OpenViewAsync(View.Tinjauan);
        await page.Locator("#review-list tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#review-actions")).ToBeVisibleAsync();
        await check("tinjauan (admin)");

        // The fixture's flagged regency: a stored report with its open "Perlu diperiksa" section, the score with its
        // marked indicator and list of flags, and the completeness line of its open flags.
        await page.Locator("#scope").FillAsync(PortalFixture.FlaggedRegency);
        await portal.OpenViewAsync(View.Riwayat);
        await page.Locator("#history tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#history-report section.quality")).ToBeVisibleAsync();
        await check("riwayat (quality)");
        foreach (var (menu, form, shown) in new[] { (View.Skor, "#score-form", "#score .flag"), (View.Kelengkapan, "#completeness-form", "#completeness [data-open-flags]") })
        {
            await portal.OpenViewAsync(menu);
            await page.Locator($"{form} select").SelectOptionAsync(PortalFixture.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator($"{form} button").ClickAsync();
            await Assertions.Expect(page.Locator(shown).First).ToBeVisibleAsync();
            await check(menu.ToString().ToLowerInvariant() + " (quality)");
        }

        // A province key (Walidata): its work list first, then its province's completeness and scores.
        await page.Locator("#signout").ClickAsync();
        await portal.SignInAsync(await fixture.Host.CreateProvinceKeyAsync("13"));
        await Assertions.Expect(page.Locator("#review-list table")).ToBeVisibleAsync();
        await page.Locator("#review-list tbody tr").First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#review-detail h2")).ToBeVisibleAsync();
        await check("tinjauan (province)");
        foreach (var (menu, form) in YearViews)
        {
            await portal.OpenViewAsync(menu);
            await page.Locator($"{form} select").SelectOptionAsync(PortalFixture.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator($"{form} button").ClickAsync();
            // Completeness shows the reporting rate's table before the regencies' one; the score view one table.
            await Assertions.Expect(page.Locator($"{form} + div table").Last).ToBeVisibleAsync();
            await check(menu.ToString().ToLowerInvariant() + " (province)");
        }
    }

    [Theory]
    [InlineData("id")]
    [InlineData("en")]
    public async Task EveryView_HasNoSeriousOrCriticalAxeViolation(string language)
    {
        await using var portal = await PortalPage.OpenAsync(fixture, bypassPolicy: true);
        if (language == "en")
        {
            await portal.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        }

        var found = new List<string>();
        await VisitEveryViewAsync(portal, async view =>
        {
            found.AddRange((await portal.AxeViolationsAsync()).Select(v => $"{view}: {v}"));
        });

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task EveryView_At390Pixels_HasNoHorizontalScroll()
    {
        await using var portal = await PortalPage.OpenAsync(fixture, width: 390, height: 844);
        var wide = new List<string>();
        await VisitEveryViewAsync(portal, async view =>
        {
            var widths = await portal.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
            {
                // Name the widest elements that stick out, so a failure says where to look.
                var culprits = await portal.Page.EvaluateAsync<string>("""
                    () => [...document.querySelectorAll('body *')].filter(e => !e.parentElement.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
                      .slice(0, 8).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`).join(', ')
                    """);
                wide.Add($"{view}: {widths[0]} px wide in a {widths[1]} px window ({culprits})");
            }

            await portal.ScreenshotAsync("phone-" + view.Replace(' ', '-').Replace("(", "").Replace(")", ""));
        });

        Assert.True(wide.Count == 0, string.Join("\n", wide));
        Assert.Empty(portal.Problems);
    }
}

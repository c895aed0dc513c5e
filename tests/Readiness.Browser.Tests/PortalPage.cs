using System.Text.Json;
using Microsoft.Playwright;

namespace Readiness.Browser.Tests;

/// <summary>The portal's views, as the menu's <c>data-view</c> names them.</summary>
internal enum View
{
    Unggah,
    Templat,
    Riwayat,
    Kelengkapan,
    Skor,
    Tinjauan,
    Nasional,
}

/// <summary>
/// One officer's tab on the portal: its own browser context (storage, cookies) on the shared Chromium, every request
/// URL it made, and whatever the page reported as a Content-Security-Policy violation (there must be none).
/// </summary>
internal sealed class PortalPage : IAsyncDisposable
{
    private readonly List<string> _urls = [];
    private readonly List<string> _policyViolations = [];

    private PortalPage(PortalFixture fixture, IBrowserContext context, IPage page)
    {
        Fixture = fixture;
        Context = context;
        Page = page;
        page.Request += (_, request) =>
        {
            lock (_urls)
            {
                _urls.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _policyViolations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _policyViolations.Add("page error: " + error);
    }

    public PortalFixture Fixture { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Urls
    {
        get
        {
            lock (_urls)
            {
                return [.. _urls];
            }
        }
    }

    /// <summary>CSP violations and uncaught script errors seen so far.</summary>
    public IReadOnlyList<string> Problems => [.. _policyViolations];

    /// <param name="bypassPolicy">Only for axe: Playwright injects its script inline, which the page's policy forbids.</param>
    public static async Task<PortalPage> OpenAsync(PortalFixture fixture, int width = 1400, int height = 900, bool bypassPolicy = false)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            BypassCSP = bypassPolicy,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(20_000);
        // Assertions wait as long as actions do (their own default is 5 s): an upload on a loaded 2-core CI machine
        // runs the quality checks and the history before the page shows its outcome.
        Assertions.SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        var portal = new PortalPage(fixture, context, page);
        await page.GotoAsync(fixture.PortalUrl);
        await Assertions.Expect(page.Locator("body[data-ready=true]")).ToBeAttachedAsync();
        return portal;
    }

    /// <summary>Opens another page than the portal (a generated report file) in its own context, Indonesian locale.</summary>
    public static async Task<PortalPage> OpenFileAsync(PortalFixture fixture, string url, int width, int height)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return new PortalPage(fixture, context, page);
    }

    /// <summary>Signs in with <paramref name="key"/> as an officer does: the field "Kunci API" (in Indonesian, the
    /// default), the button "Masuk"; in English, the same field and button found by id.</summary>
    public async Task SignInAsync(string key)
    {
        var indonesian = await Page.Locator("html").GetAttributeAsync("lang") == "id";
        await (indonesian ? Page.GetByLabel("Kunci API") : Page.Locator("#key")).FillAsync(key);
        await (indonesian ? Page.GetByRole(AriaRole.Button, new() { Name = "Masuk", Exact = true }) : Page.Locator("#signin button[type=submit]")).ClickAsync();
        await Assertions.Expect(Page.Locator("#whoami")).ToBeVisibleAsync();
    }

    /// <summary>Opens a view from the menu by its (Indonesian) name, as an officer reads it.</summary>
    public async Task OpenViewAsync(string name)
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(Page.Locator(".view:not([hidden]) h1")).ToBeFocusedAsync();
    }

    /// <summary>Opens a view from the menu whatever the language.</summary>
    public async Task OpenViewAsync(View view)
    {
        await Page.Locator($"#nav a[data-view={view.ToString().ToLowerInvariant()}]").ClickAsync();
        await Assertions.Expect(Page.Locator(".view:not([hidden]) h1")).ToBeFocusedAsync();
    }

    /// <summary>The serious and critical violations axe-core finds on the page as it is now.</summary>
    public async Task<IReadOnlyList<string>> AxeViolationsAsync()
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = PortalFixture.AxeScript });
        }

        var violations = await Page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document)).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalFixture.ScreenshotFolder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}

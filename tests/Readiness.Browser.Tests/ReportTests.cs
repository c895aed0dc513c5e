using System.Globalization;
using Microsoft.Playwright;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;
using Readiness.Core.Scoring;
using Readiness.Development;

namespace Readiness.Browser.Tests;

/// <summary>
/// The national HTML report (<see cref="ScoreReport"/>) of the 514 regencies of the official registry, scored on
/// deterministic synthetic values, in Chromium: sorting and filtering the table, the language toggle, AA contrast as
/// axe-core judges it, the longest name readable in full, and a phone's viewport.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ReportTests(PortalFixture fixture) : IAsyncLifetime
{
    private const int Year = 2024;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"readiness-report-{Guid.NewGuid():N}.html");
    private IReadOnlyList<RegencyScore> _ranked = [];

    public async Task InitializeAsync()
    {
        var registry = RegistryCsv.Load(SharedData.File(SharedData.NationalRegistryFile));
        var catalog = CatalogFile.Default;
        var scores = registry.Regencies.Select((regency, r) => ScoreCalculator.ScoreRegency(
            regency,
            Year,
            catalog.Indicators.Select((indicator, i) => new Observation(
                regency.Code, indicator.Code, Period.OfYear(Year), Value(indicator, (r * 31) + (i * 17)), null, null, "report", DateTimeOffset.UnixEpoch)),
            catalog)).ToList();
        // Every fifth regency-year approved: the report shows both badges.
        _ranked = Ranking.Rank([.. scores.Select((s, i) => i % 5 == 0 ? s with { Status = ScoreStatus.Final } : s)], new Dictionary<string, double>());
        await File.WriteAllTextAsync(_file, ScoreReport.ToHtml(Year, _ranked, catalog, DateTimeOffset.UnixEpoch));
    }

    public Task DisposeAsync()
    {
        File.Delete(_file);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task NationalReport_SortsAndFilters_InBothLanguages_WithAaContrast()
    {
        await using var report = await OpenAsync(1400, 900);
        var page = report.Page;
        var rows = page.Locator("#scores tbody tr");
        Assert.Equal(514, await rows.CountAsync());
        Assert.Equal("id", await page.Locator("html").GetAttributeAsync("lang"));

        // Sort by the overall score, ascending then descending, as the header button does.
        var overall = page.Locator("#scores thead th button", new() { HasText = "Skor" }).First;
        await overall.ClickAsync();
        Assert.Equal("ascending", await page.Locator("#scores thead th[aria-sort]").GetAttributeAsync("aria-sort"));
        Assert.Equal(_ranked.Min(s => s.Overall), await OverallOfRowAsync(page, 0), 6);
        await overall.ClickAsync();
        Assert.Equal("descending", await page.Locator("#scores thead th[aria-sort]").GetAttributeAsync("aria-sort"));
        Assert.Equal(_ranked.Max(s => s.Overall), await OverallOfRowAsync(page, 0), 6);

        // Filter by a province, then a peer group: only those rows stay, the count says how many.
        var province = _ranked.GroupBy(s => s.ProvinceName).OrderByDescending(g => g.Count()).First();
        await page.Locator("select[name=province]").SelectOptionAsync(province.Key);
        Assert.Equal(province.Count(), await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        var peer = province.GroupBy(s => s.PeerGroup).OrderByDescending(g => g.Count()).First();
        await page.Locator("select[name=peer]").SelectOptionAsync(peer.Key);
        Assert.Equal(peer.Count(), await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{peer.Count()} / 514"), await page.Locator("#shown").TextContentAsync());
        await page.Locator("#q").FillAsync(peer.First().RegencyCode);
        Assert.Equal(1, await page.Locator("#scores tbody tr:not([hidden])").CountAsync());

        Assert.Empty(await report.AxeViolationsAsync());

        // In English: the peer groups' labels too, the filter's values unchanged.
        await page.Locator("#lang").ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(PeerGroups.English(peer.Key), (await page.Locator("select[name=peer] option:checked").TextContentAsync())?.Trim());
        Assert.Equal(1, await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        Assert.Empty(await report.AxeViolationsAsync());
    }

    [Fact]
    public async Task NationalReport_FiltersByStatus_WithBadgesInBothLanguages_WithAaContrast()
    {
        await using var report = await OpenAsync(1400, 900);
        var page = report.Page;
        var final = _ranked.Count(s => s.IsFinal);

        await page.Locator("select[name=status]").SelectOptionAsync("Final");
        Assert.Equal(final, await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        Assert.Equal(final, await page.Locator("#scores tbody tr:not([hidden]) .st.final").CountAsync());
        await page.Locator("select[name=status]").SelectOptionAsync("Sementara");
        Assert.Equal(514 - final, await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        // innerText: what the reader sees (the other language's span is display:none).
        Assert.Equal("Sementara", await page.Locator("#scores tbody tr:not([hidden]) .st").First.InnerTextAsync());
        Assert.Empty(await report.AxeViolationsAsync());

        await page.Locator("#lang").ClickAsync();
        Assert.Equal("Provisional", (await page.Locator("select[name=status] option:checked").TextContentAsync())?.Trim());
        Assert.Equal("Provisional", await page.Locator("#scores tbody tr:not([hidden]) .st").First.InnerTextAsync());
        Assert.Equal(514 - final, await page.Locator("#scores tbody tr:not([hidden])").CountAsync());
        Assert.Empty(await report.AxeViolationsAsync());
    }

    [Fact]
    public async Task NationalReport_OnAPhone_FitsTheScreen_AndTheLongestNameReadsInFull()
    {
        await using var report = await OpenAsync(390, 844);
        var page = report.Page;
        Assert.Equal("width=device-width, initial-scale=1", await page.Locator("meta[name=viewport]").GetAttributeAsync("content"));

        // The page itself does not scroll sideways: the wide table scrolls in its own box.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone");

        var longest = _ranked.MaxBy(s => s.RegencyName.Length)!;
        await page.Locator("#q").FillAsync(longest.RegencyCode);
        var name = page.Locator("#scores tbody tr:not([hidden]) td.name");
        Assert.Contains(longest.RegencyName, await name.InnerTextAsync(), StringComparison.Ordinal);
        // Wrapped, never clipped: the cell shows everything it holds.
        Assert.True(await name.EvaluateAsync<bool>("c => c.scrollWidth <= c.clientWidth && getComputedStyle(c).textOverflow !== 'ellipsis'"), $"'{longest.RegencyName}' is cut");
        Assert.Empty(await report.AxeViolationsAsync());
        await report.ScreenshotAsync("report-phone");
    }

    private async Task<PortalPage> OpenAsync(int width, int height) =>
        await PortalPage.OpenFileAsync(fixture, new Uri(_file).AbsoluteUri, width, height);

    private static async Task<double> OverallOfRowAsync(IPage page, int index) =>
        double.Parse(
            await page.Locator("#scores tbody tr").Nth(index).Locator("td").Nth(5).GetAttributeAsync("data-v") ?? "nan",
            CultureInfo.InvariantCulture);

    /// <summary>A deterministic value inside the indicator's range.</summary>
    private static double Value(Indicator indicator, int seed)
    {
        if (indicator.IsBoolean)
        {
            return seed % 3 == 0 ? 0 : 1;
        }

        var lo = indicator.Min ?? 0;
        var hi = indicator.Max ?? (lo + 1000);
        return Math.Round(lo + ((hi - lo) * (seed % 101) / 100.0), indicator.Unit == IndicatorUnit.Count ? 0 : 2);
    }
}

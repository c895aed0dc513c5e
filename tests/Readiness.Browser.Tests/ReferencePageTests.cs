using System.Text.Json;
using Microsoft.Playwright;

namespace Readiness.Browser.Tests;

/// <summary>
/// The API reference page (<c>/api/portal/reference.html</c>), reached from the portal's footer: it renders every
/// operation of the served OpenAPI document under the portal's strict policy, passes axe, and fits a phone.
/// </summary>
[Collection(PortalCollection.Name)]
public class ReferencePageTests(PortalFixture fixture)
{
    [Fact]
    public async Task ReferencePage_FromThePortalsFooter_RendersEveryOperation_UnderThePolicy_OnAPhone()
    {
        var operations = await DocumentedOperationIdsAsync();
        await using var portal = await PortalPage.OpenAsync(fixture, width: 390, height: 844);

        await portal.Page.GetByRole(AriaRole.Link, new() { Name = "Referensi API untuk tim TI (OpenAPI)" }).ClickAsync();
        await Assertions.Expect(portal.Page.Locator("#op-PostUpload")).ToBeVisibleAsync();

        var rendered = await portal.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('section.operation')].map(s => s.id.slice(3))");
        Assert.Equal(operations.Order(StringComparer.Ordinal), rendered.Order(StringComparer.Ordinal));
        Assert.Contains("multipart/form-data", await portal.Page.Locator("#op-PostUpload").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await portal.Page.Locator("#schema-Problem").IsVisibleAsync());
        var widths = await portal.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var culprits = await portal.Page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')].filter(e => !e.parentElement.closest('.table-wrap, pre') && e.getBoundingClientRect().right > window.innerWidth + 1)
              .slice(0, 8).map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} ${Math.round(e.getBoundingClientRect().width)}`).join(', ')
            """);
        Assert.True(widths[0] <= widths[1], $"the reference page is {widths[0]} px wide in a {widths[1]} px window ({culprits})");
        Assert.Empty(portal.Problems);
        await portal.ScreenshotAsync("reference-phone");
    }

    [Fact]
    public async Task ReferencePage_HasNoSeriousOrCriticalAxeViolation()
    {
        await using var portal = await PortalPage.OpenAsync(fixture, bypassPolicy: true);
        await portal.Page.GotoAsync(new Uri(fixture.Host.BaseAddress, "api/portal/reference.html").ToString());
        await Assertions.Expect(portal.Page.Locator("#op-PostUpload")).ToBeVisibleAsync();

        Assert.Empty(await portal.AxeViolationsAsync());
    }

    private async Task<List<string>> DocumentedOperationIdsAsync()
    {
        using var response = await fixture.Host.Client.GetAsync("api/openapi.json");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return
        [
            .. document.RootElement.GetProperty("paths").EnumerateObject()
                .SelectMany(path => path.Value.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Object && m.Value.TryGetProperty("operationId", out _)))
                .Select(m => m.Value.GetProperty("operationId").GetString()!),
        ];
    }
}

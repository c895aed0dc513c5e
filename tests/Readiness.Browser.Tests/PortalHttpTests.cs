using System.Net;
using Readiness.Functions.Portal;

namespace Readiness.Browser.Tests;

/// <summary>The portal's files over a real socket, as a browser (or an intranet proxy) gets them.</summary>
[Collection(PortalCollection.Name)]
public class PortalHttpTests(PortalFixture fixture)
{
    [Fact]
    public async Task Page_IsServedWithoutAKey_WithItsPolicy_AndRevalidatesWith304()
    {
        var client = fixture.Host.Client;

        using var page = await client.GetAsync("api/portal/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", page.Content.Headers.ContentType?.CharSet);
        Assert.Equal(PortalFunctions.ContentSecurityPolicy, Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(page.Headers.CacheControl?.NoCache);
        var tag = page.Headers.ETag;
        Assert.NotNull(tag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "api/portal/");
        again.Headers.IfNoneMatch.Add(tag);
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("api/portal/js/app.js", "text/javascript")]
    [InlineData("api/portal/styles.css", "text/css")]
    [InlineData("API/Portal/icon.svg", "image/svg+xml")]
    public async Task Asset_HasItsContentType(string path, string mediaType)
    {
        using var response = await fixture.Host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PortalWithoutTrailingSlash_RedirectsToTheFolder_AndUnknownFilesAre404()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Host.BaseAddress };

        using var redirect = await client.GetAsync("api/portal");
        using var missing = await client.GetAsync("api/portal/js/nothing.js");

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal("/api/portal/", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

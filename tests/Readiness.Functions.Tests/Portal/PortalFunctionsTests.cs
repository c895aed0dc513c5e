using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Readiness.Functions.Portal;

namespace Readiness.Functions.Tests.Portal;

/// <summary>The portal's files as the function serves them; over a socket and in a browser: tests/Readiness.Browser.Tests.</summary>
public partial class PortalFunctionsTests
{
    private static (IActionResult Result, HttpResponse Response) Get(string requestPath, string? path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = requestPath;
        return (new PortalFunctions().GetPortal(context.Request, path), context.Response);
    }

    [Theory]
    [InlineData("", "text/html; charset=utf-8")]
    [InlineData("index.html", "text/html; charset=utf-8")]
    [InlineData("styles.css", "text/css; charset=utf-8")]
    [InlineData("js/app.js", "text/javascript; charset=utf-8")]
    [InlineData("icon.svg", "image/svg+xml; charset=utf-8")]
    public void Asset_IsServedWithItsContentTypeAStrictPolicyAndRevalidation(string path, string contentType)
    {
        var (result, response) = Get("/api/portal/" + path, path);

        var file = Assert.IsType<FileContentResult>(result);
        Assert.Equal(contentType, file.ContentType);
        Assert.NotEmpty(file.FileContents);
        Assert.NotNull(file.EntityTag);
        Assert.Equal(PortalFunctions.ContentSecurityPolicy, response.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("default-src 'self'", PortalFunctions.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", PortalFunctions.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public void Root_WithoutTrailingSlash_RedirectsToTheFolder()
    {
        var (result, _) = Get("/api/portal", null);

        var redirect = Assert.IsType<RedirectResult>(result);
        Assert.Equal("/api/portal/", redirect.Url);
    }

    [Theory]
    [InlineData("nothing.js")]
    [InlineData("../host.json")]
    [InlineData("js/../../Readiness.Functions.dll")]
    public void UnknownFile_Is404(string path)
    {
        var (result, response) = Get("/api/portal/" + path, path);

        var content = Assert.IsType<ContentResult>(result);
        Assert.Equal(404, content.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public void EveryFileThePageLinks_IsEmbedded_AndNothingComesFromAnotherOrigin()
    {
        var assets = PortalAssets.Shared.All.ToDictionary(a => a.Path, a => Encoding.UTF8.GetString(a.Content));
        var index = assets[PortalFunctions.IndexPath];

        var linked = LinkedFiles().Matches(index).Select(m => m.Groups["file"].Value).ToList();
        var imported = assets.Where(a => a.Key.EndsWith(".js", StringComparison.Ordinal))
            .SelectMany(a => ImportedModules().Matches(a.Value).Select(m => "js/" + m.Groups["module"].Value));

        Assert.Contains("styles.css", linked);
        Assert.Contains("js/app.js", linked);
        Assert.All(linked.Concat(imported), file => Assert.True(assets.ContainsKey(file), $"{file} is linked but not embedded"));
        Assert.All(assets, asset => Assert.DoesNotMatch(ExternalUrl(), asset.Value));
    }

    [Fact]
    public void Page_HasNoInlineScriptOrStyle_SoTheStrictPolicyHolds()
    {
        var index = Encoding.UTF8.GetString(PortalAssets.Shared.Find(PortalFunctions.IndexPath)!.Content);

        Assert.DoesNotMatch(@"<script(?![^>]*\ssrc=)", index);
        Assert.DoesNotContain("<style", index, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\sstyle=", index);
        Assert.DoesNotMatch(@"\son[a-z]+=", index);
        Assert.Contains("<html lang=\"id\">", index, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:src|href)="(?<file>[^"#][^"]*)""")]
    private static partial Regex LinkedFiles();

    [GeneratedRegex("""from '\./(?<module>[^']+)'""")]
    private static partial Regex ImportedModules();

    /// <summary>An address of another site (the SVG's XML namespace is a name, not a download).</summary>
    [GeneratedRegex("""https?://(?!www\.w3\.org/2000/svg)""")]
    private static partial Regex ExternalUrl();
}

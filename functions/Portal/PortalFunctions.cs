using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Readiness.Functions.Portal;

/// <summary>
/// The officers' web portal, served by the Function App itself under <c>/api/portal/</c> (the host owns <c>/</c>, and
/// the route prefix is the API's): the same origin as the API, so the page needs no CORS and works on an intranet.
/// Anonymous on purpose: the files are public; every call the page makes to the API carries the officer's key.
/// </summary>
public sealed class PortalFunctions
{
    public const string PortalRoute = "portal/{*path}";
    public const string IndexPath = "index.html";

    /// <summary>
    /// Strict: only the app's own files run or style the page (no inline script or style, no eval), it talks only to
    /// its own origin, and no other site may frame it.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    [Function(nameof(GetPortal))]
    public IActionResult GetPortal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PortalRoute)] HttpRequest req,
        string? path)
    {
        var headers = req.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";

        var relative = (path ?? "").Trim('/');
        if (relative.Length == 0 && !req.Path.Value!.EndsWith('/'))
        {
            // The page's relative links (app.js, styles.css) resolve against a folder: /api/portal -> /api/portal/.
            return new RedirectResult(req.PathBase + req.Path + "/" + req.QueryString, permanent: true, preserveMethod: true);
        }

        var asset = PortalAssets.Shared.Find(relative.Length == 0 ? IndexPath : relative);
        if (asset is null)
        {
            headers.CacheControl = "no-store";
            return new ContentResult { StatusCode = StatusCodes.Status404NotFound, ContentType = "text/plain; charset=utf-8", Content = "Halaman tidak ditemukan. / Page not found." };
        }

        // Revalidated on every use (a cheap 304 by ETag), so a deployment is seen at once and the page and its scripts
        // never mix versions; the files carry no version in their names to make long caching safe.
        headers.CacheControl = "no-cache";
        return new FileContentResult(asset.Content, asset.ContentType) { EntityTag = asset.ETag };
    }
}

using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Readiness.Functions.Portal;

/// <summary>One file of the portal, as served: its bytes, content type and strong entity tag.</summary>
public sealed record PortalAsset(string Path, byte[] Content, string ContentType, EntityTagHeaderValue ETag);

/// <summary>
/// The portal's files (<c>functions/Portal/wwwroot</c>), embedded in the functions assembly so the app serves them
/// itself, with no CDN and no file system layout to deploy: read once, content types from ASP.NET Core's own table.
/// </summary>
public sealed class PortalAssets
{
    /// <summary>The manifest-resource prefix the project file gives the embedded files.</summary>
    public const string ResourcePrefix = "portal/";

    private static readonly Lazy<PortalAssets> Embedded = new(() => Load(typeof(PortalAssets).Assembly));

    private readonly FrozenDictionary<string, PortalAsset> _assets;

    private PortalAssets(FrozenDictionary<string, PortalAsset> assets) => _assets = assets;

    public static PortalAssets Shared => Embedded.Value;

    public IEnumerable<PortalAsset> All => _assets.Values;

    /// <summary>The asset at <paramref name="path"/> (relative to the portal's root, <c>/</c> separated), or null.</summary>
    public PortalAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static PortalAssets Load(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, PortalAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            // Browsers must not guess: every text asset says it is UTF-8.
            if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("+xml", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }

            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
            assets[path] = new PortalAsset(path, content, type, tag);
        }

        return new PortalAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

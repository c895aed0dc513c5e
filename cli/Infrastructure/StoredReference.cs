using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Registry;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The registry in the <c>regencies</c> table, as the commands that read stored data (explain, uploads, sources, keys,
/// completeness) resolve <c>--regency</c> against it.
/// </summary>
internal static class StoredReference
{
    /// <summary>
    /// <c>--regency</c> (a Kemendagri code or a name) through the stored registry: a usage error (exit 2) when it is
    /// unknown or ambiguous, naming the candidates. With <paramref name="allowAll"/>, <c>all</c> means the
    /// multi-regency uploads.
    /// </summary>
    public static async Task<Regency?> ResolveRegencyAsync(IServiceProvider services, string text, CancellationToken cancellationToken, bool allowAll = false) =>
        allowAll && RegencyLookupService.IsAllRegencies(text)
            ? null
            : LocalReference.Usable(await services.GetRequiredService<RegencyLookupService>().FindAsync(text, RegencyScheme.Kemendagri, cancellationToken));
}

using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The registry and catalog in the <c>regencies</c> and <c>indicators</c> tables, as the commands that read stored
/// data (scores, explain, uploads, sources, completeness) resolve <c>--regency</c> against them.
/// </summary>
internal static class StoredReference
{
    public static ValueTask<ReferenceData> GetAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IReferenceData>().GetAsync(cancellationToken);

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

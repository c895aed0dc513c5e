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
    public static async Task<Regency?> ResolveRegencyAsync(IServiceProvider services, string text, CancellationToken cancellationToken, bool allowAll = false)
    {
        if (allowAll && string.Equals(text.Trim(), ImportRequest.AllRegencies, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var data = await GetAsync(services, cancellationToken);
        if (data.Registry.Regencies.Count == 0)
        {
            throw new CliException($"--regency '{text}' cannot be resolved: the regencies table is empty. Run 'readiness registry import FILE' first.");
        }

        return LocalReference.ResolveRegency(data.Registry, text, RegencyScheme.Kemendagri);
    }
}

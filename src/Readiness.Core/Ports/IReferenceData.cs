using Readiness.Core.Catalog;
using Readiness.Core.Registry;

namespace Readiness.Core.Ports;

/// <summary>The catalog and registry an import validates against, loaded once and reused.</summary>
public sealed record ReferenceData(IndicatorCatalog Catalog, RegencyRegistry Registry);

public interface IReferenceData
{
    ValueTask<ReferenceData> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Reference data fixed at start-up (CLI files, tests).</summary>
public sealed class FixedReferenceData(ReferenceData data) : IReferenceData
{
    public ValueTask<ReferenceData> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(data);
}

/// <summary>Where the registry and catalog are kept (the <c>regencies</c> and <c>indicators</c> tables). Both are
/// replaced whole, and already validated: a <see cref="RegencyRegistry"/> or <see cref="IndicatorCatalog"/> exists
/// only once its file passed. The next <see cref="IReferenceData.GetAsync"/> sees the replacement.</summary>
public interface IReferenceStore : IReferenceData
{
    /// <summary>Upserts every regency and removes those no longer listed.</summary>
    Task ReplaceRegistryAsync(RegencyRegistry registry, CancellationToken cancellationToken);

    Task ReplaceCatalogAsync(IndicatorCatalog catalog, CancellationToken cancellationToken);
}

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

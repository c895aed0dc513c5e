using Readiness.Core.Catalog;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Development;

namespace Readiness.TestSupport;

/// <summary>The sample registry (samples/registry.csv) and the default catalog, as tests use them.</summary>
public static class Samples
{
    public static RegencyRegistry Registry { get; } = RegistryCsv.Load(Path.Combine(RepositoryRoot.OfThisBuild, "samples", "registry.csv"));

    /// <summary>A regency of the sample registry by its Kemendagri code, as a caller resolved it.</summary>
    public static Regency RegencyOf(string code) =>
        Registry.TryGetByCode(code, out var regency) ? regency : throw new ArgumentException($"{code} is not in the sample registry.", nameof(code));

    public static ReferenceData ReferenceData { get; } = new(CatalogFile.Default, Registry);

    public static string SamplePath(string name) => Path.Combine(RepositoryRoot.OfThisBuild, "samples", name);
}

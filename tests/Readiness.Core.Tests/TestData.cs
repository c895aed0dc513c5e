using System.Text;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Registry;
using Readiness.Core.Validation;

namespace Readiness.Core.Tests;

/// <summary>The sample registry and default catalog, and helpers to read CSV built in the test.</summary>
internal static class TestData
{
    public static string RepositoryRoot => Development.RepositoryRoot.OfThisBuild;

    public static RegencyRegistry Registry { get; } = RegistryCsv.Load(Path.Combine(RepositoryRoot, "samples", "registry.csv"));

    public static IndicatorCatalog Catalog => CatalogFile.Default;

    /// <summary>The national registry (514 regencies, Kepmendagri 2025), read from the checkout's sibling
    /// <c>shared/data</c>, never copied into the repository.</summary>
    public static RegencyRegistry NationalRegistry => LazyNational.Value;

    private static readonly Lazy<RegencyRegistry> LazyNational = new(() => RegistryCsv.Load(Development.SharedData.File(Development.SharedData.NationalRegistryFile)));

    public static ObservationReader Reader { get; } = new(Catalog, Registry);

    public static Regency Regency(string code) => Registry.TryGetByCode(code, out var r) ? r : throw new ArgumentException(code);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Utf8Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    public static Task<(ValidationReport Report, List<NormalizedValue> Values)> Read(string csv, ReadOptions? options = null) =>
        Read(Utf8(csv), options);

    public static Task<(ValidationReport Report, List<NormalizedValue> Values)> Read(byte[] bytes, ReadOptions? options = null) =>
        Reader.ReadAllAsync(() => new MemoryStream(bytes), options ?? new ReadOptions());
}

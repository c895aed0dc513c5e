using CsvHelper;
using Readiness.Core.Catalog;
using Readiness.Core.Ports;

namespace Readiness.Core.Registry;

/// <summary>
/// Replacing the reference data (<c>PUT registry</c>, <c>PUT catalog</c>, <c>readiness registry|catalog import</c>,
/// the demo): a file is read and validated once, here, into a <see cref="RegencyRegistry"/> or
/// <see cref="IndicatorCatalog"/>, and only then stored, so a bad file changes nothing.
/// </summary>
public sealed class ReferenceDataService(IReferenceStore store)
{
    /// <summary>Reads a registry CSV (<c>code,name,province_code,province_name,bps_code,aliases</c>): the registry,
    /// or what is wrong with the file, naming <paramref name="source"/> and the line.</summary>
    public static Result<RegencyRegistry, string> ReadRegistry(Stream csv, string source)
    {
        try
        {
            // The registry refuses duplicate codes; the reader refuses malformed codes and an empty file.
            return new RegencyRegistry(RegistryCsv.Read(csv, source));
        }
        catch (Exception e) when (e is RegistryException or CsvFormatException)
        {
            return e.Message;
        }
    }

    /// <summary>Reads a catalog JSON file: the catalog, or what is wrong with it, naming <paramref name="source"/>.</summary>
    public static Result<IndicatorCatalog, string> ReadCatalog(Stream json, string source)
    {
        try
        {
            return CatalogFile.Load(json, source);
        }
        catch (CatalogException e)
        {
            return e.Message;
        }
    }

    /// <summary>Replaces the stored registry; the count of regencies it lists.</summary>
    public async Task<int> ReplaceRegistryAsync(RegencyRegistry registry, CancellationToken cancellationToken)
    {
        await store.ReplaceRegistryAsync(registry, cancellationToken);
        return registry.Count;
    }

    /// <summary>Replaces the stored catalog; the next recompute scores with it. The count of its indicators.</summary>
    public async Task<int> ReplaceCatalogAsync(IndicatorCatalog catalog, CancellationToken cancellationToken)
    {
        await store.ReplaceCatalogAsync(catalog, cancellationToken);
        return catalog.Indicators.Count;
    }
}

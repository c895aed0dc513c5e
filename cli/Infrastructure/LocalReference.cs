using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;

namespace Readiness.Cli.Infrastructure;

/// <summary>The registry and catalog files that validate and normalize check against (no storage involved).</summary>
internal sealed record LocalReference(IndicatorCatalog Catalog, RegencyRegistry Registry)
{
    /// <summary>
    /// Loads <paramref name="registryFile"/> (default: the repository's <c>samples/registry.csv</c>) and
    /// <paramref name="catalogFile"/> (default: the catalog shipped with the application).
    /// </summary>
    public static LocalReference Load(FileInfo? registryFile, FileInfo? catalogFile)
    {
        var registryPath = registryFile?.FullName ?? RepositoryLocator.SampleRegistry()
            ?? throw new CliException("--registry FILE is required here: no samples/registry.csv was found above the current directory.");
        return new LocalReference(LoadCatalog(catalogFile), LoadRegistry(registryPath));
    }

    public static RegencyRegistry LoadRegistry(string path)
    {
        try
        {
            return RegistryCsv.Load(path);
        }
        catch (RegistryException e)
        {
            throw new CliException($"The registry is not valid: {e.Message}");
        }
    }

    public static IReadOnlyList<Regency> ReadRegistry(FileInfo file)
    {
        try
        {
            using var stream = CommonOptions.OpenRead(file);
            var regencies = RegistryCsv.Read(stream, file.FullName);
            _ = new RegencyRegistry(regencies); // duplicate codes are caught here, before anything is stored
            return regencies;
        }
        catch (RegistryException e)
        {
            throw new CliException($"The registry is not valid: {e.Message}");
        }
    }

    public static IndicatorCatalog LoadCatalog(FileInfo? file)
    {
        if (file is null)
        {
            return CatalogFile.Default;
        }

        try
        {
            return CatalogFile.Load(file.FullName);
        }
        catch (CatalogException e)
        {
            throw new CliException($"The catalog is not valid: {e.Message}");
        }
    }

    /// <summary>How to read one file, with <c>--regency</c> resolved through the registry (a usage error if unknown).</summary>
    public ReadOptions ReadOptions(string? regency, NumberStyle? locale, RegencyScheme scheme) => new()
    {
        UploadRegency = regency is null ? null : ResolveRegency(Registry, regency, scheme),
        Locale = locale,
        Scheme = scheme,
    };

    public static Regency ResolveRegency(RegencyRegistry registry, string text, RegencyScheme scheme)
    {
        var resolution = registry.Resolve(text, scheme);
        if (resolution.Regency is { } regency)
        {
            return regency;
        }

        if (resolution.Ambiguous)
        {
            throw new CliException($"--regency '{text}' matches {string.Join(" and ", resolution.Candidates)}: give the code or the full name.");
        }

        var known = registry.Regencies.Count == 0 ? "the registry is empty" : $"the registry has {registry.Regencies.Count} regencies";
        throw new CliException($"--regency '{text}' is not a known regency ({resolution.Note ?? known}).");
    }
}

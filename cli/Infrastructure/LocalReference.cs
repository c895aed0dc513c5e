using Readiness.Core;
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
        return new LocalReference(LoadCatalog(catalogFile), ReadRegistry(new FileInfo(registryPath)));
    }

    /// <summary>A registry CSV, validated once (the same reading as <c>PUT registry</c>); a usage error when it is not one.</summary>
    public static RegencyRegistry ReadRegistry(FileInfo file)
    {
        using var stream = CommonOptions.OpenRead(file);
        var read = ReferenceDataService.ReadRegistry(stream, file.FullName);
        return read.Ok ? read.Value : throw new CliException($"The registry is not valid: {read.Error}");
    }

    /// <summary>A catalog JSON file (the same reading as <c>PUT catalog</c>), or the shipped catalog when none is given.</summary>
    public static IndicatorCatalog LoadCatalog(FileInfo? file)
    {
        if (file is null)
        {
            return CatalogFile.Default;
        }

        using var stream = CommonOptions.OpenRead(file);
        var read = ReferenceDataService.ReadCatalog(stream, file.FullName);
        return read.Ok ? read.Value : throw new CliException($"The catalog is not valid: {read.Error}");
    }

    /// <summary>How to read one file, with <c>--regency</c> resolved through the registry (a usage error if unknown).</summary>
    public ReadOptions ReadOptions(string? regency, NumberStyle? locale, RegencyScheme scheme) => new()
    {
        UploadRegency = regency is null ? null : ResolveRegency(Registry, regency, scheme),
        Locale = locale,
        Scheme = scheme,
    };

    /// <summary><c>--regency</c> through <paramref name="registry"/>: a usage error (exit 2) naming the candidates when
    /// it is unknown or ambiguous.</summary>
    public static Regency ResolveRegency(RegencyRegistry registry, string text, RegencyScheme scheme) =>
        Usable(RegencyLookupService.Find(registry, text, scheme));

    /// <summary>The found regency, or the lookup's error as a usage error.</summary>
    public static Regency Usable(Result<Regency, RegencyLookupError> found) => found.Ok
        ? found.Value
        : throw new CliException(found.Error.Failure == RegencyLookupFailure.EmptyRegistry
            ? $"--regency {found.Error.Message} Run 'readiness registry import FILE' first."
            : $"--regency {found.Error.Message}");
}

using Readiness.Core.Catalog;
using Readiness.Core.Registry;

namespace Readiness.Core.Scoring;

/// <summary>
/// Fair comparison: a regency is ranked among its peers as well as nationally, peers being the regencies of its type
/// (Kabupaten or Kota) in its population size class (the catalog's <see cref="IndicatorCatalog.PopulationClasses"/>),
/// as the Kompas IKCI index compares cities within size classes.
/// </summary>
public static class PeerGroups
{
    /// <summary><c>Kabupaten kecil</c>, <c>Kota besar</c>, …; only the type (<c>Kota</c>) when the registry has no
    /// population for the regency, so it is still compared with its own kind.</summary>
    public static string Of(Regency regency, IndicatorCatalog catalog) =>
        regency.Population is { } population
            ? $"{regency.Kind} {catalog.PopulationClassFor(population).Name}"
            : regency.Kind.ToString();

    /// <summary>Every peer group the catalog's classes make, in order (Kabupaten first, smallest class first).</summary>
    public static IReadOnlyList<string> All(IndicatorCatalog catalog) =>
        [.. Enum.GetValues<RegencyKind>().SelectMany(kind => catalog.PopulationClasses.Select(c => $"{kind} {c.Name}"))];
}

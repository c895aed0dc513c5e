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

    /// <summary>The English label of a peer group (<c>Kabupaten kecil</c> → <c>Regency, small</c>) where English is
    /// shown; the stored and exported value stays the Indonesian code. A class name the catalog added without an
    /// English word is kept as it is.</summary>
    public static string English(string peerGroup)
    {
        var parts = peerGroup.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return peerGroup;
        }

        var kind = parts[0] switch
        {
            nameof(RegencyKind.Kabupaten) => "Regency",
            nameof(RegencyKind.Kota) => "City",
            _ => parts[0],
        };
        var size = parts.Length < 2 ? null : parts[1].ToLowerInvariant() switch
        {
            "kecil" => "small",
            "sedang" => "medium",
            "besar" => "large",
            _ => parts[1],
        };
        return size is null ? kind : $"{kind}, {size}";
    }

    /// <summary>Every peer group the catalog's classes make, in order (Kabupaten first, smallest class first).</summary>
    public static IReadOnlyList<string> All(IndicatorCatalog catalog) =>
        [.. Enum.GetValues<RegencyKind>().SelectMany(kind => catalog.PopulationClasses.Select(c => $"{kind} {c.Name}"))];
}

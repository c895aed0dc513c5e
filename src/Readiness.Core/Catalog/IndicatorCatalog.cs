using System.Collections.Frozen;

namespace Readiness.Core.Catalog;

/// <summary>
/// The versioned set of indicators, dimension weights and readiness bands that validation and scoring read.
/// Lookups are prepared once: the catalog is built per run, never per row.
/// </summary>
public sealed class IndicatorCatalog
{
    private readonly FrozenDictionary<string, Indicator> _byCode;

    public IndicatorCatalog(
        string version,
        IEnumerable<Indicator> indicators,
        IReadOnlyDictionary<Dimension, double> dimensionWeights,
        IEnumerable<ReadinessLevel> levels,
        IEnumerable<PopulationClass>? populationClasses = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        Version = version;
        Indicators = [.. indicators];
        _byCode = Indicators.ToFrozenDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        DimensionWeights = dimensionWeights;
        Levels = [.. levels.OrderBy(l => l.Level)];
        PopulationClasses = populationClasses?.ToList() is { Count: > 0 } classes ? classes : DefaultPopulationClasses;
        for (var i = 0; i < Indicators.Count; i++)
        {
            IndexOf[Indicators[i].Code] = i;
        }
    }

    public string Version { get; }

    /// <summary>The indicators in catalog order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    public IReadOnlyDictionary<Dimension, double> DimensionWeights { get; }

    /// <summary>Readiness bands, lowest level first.</summary>
    public IReadOnlyList<ReadinessLevel> Levels { get; }

    /// <summary>The population size classes of the peer groups, smallest first; the last has no upper bound.</summary>
    public IReadOnlyList<PopulationClass> PopulationClasses { get; }

    /// <summary>The peer-group size classes when a catalog names none: the Kompas IKCI-style split at 250,000 and 1,000,000 people.</summary>
    public static IReadOnlyList<PopulationClass> DefaultPopulationClasses { get; } =
        [new("kecil", 250_000), new("sedang", 1_000_000), new("besar", null)];

    /// <summary>The size class of a population.</summary>
    public PopulationClass PopulationClassFor(long population) =>
        PopulationClasses.FirstOrDefault(c => c.Below is { } below && population < below) ?? PopulationClasses[^1];
    /// <summary>The data-quality rules and outlier thresholds (catalog sections <c>validationRules</c> and
    /// <c>qualityThresholds</c>); none when the file has neither.</summary>
    public Quality.QualitySettings Quality { get; init; } = Readiness.Core.Quality.QualitySettings.None;

    /// <summary>The reporting window of each year (catalog section <c>reportingCalendar</c>); none when it has none.</summary>
    public Review.ReportingCalendar Calendar { get; init; } = Review.ReportingCalendar.None;

    /// <summary>Position of each indicator in <see cref="Indicators"/>, for compact keys.</summary>
    internal Dictionary<string, int> IndexOf { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Finds an indicator by code, ignoring case and surrounding spaces.</summary>
    public bool TryGet(string code, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Indicator? indicator) =>
        _byCode.TryGetValue(code.Trim(), out indicator);

    public int Ordinal(Indicator indicator) => IndexOf[indicator.Code];

    public IEnumerable<Indicator> InDimension(Dimension dimension) => Indicators.Where(i => i.Dimension == dimension);

    /// <summary>The band an overall score falls in.</summary>
    public ReadinessLevel LevelFor(double overall) =>
        Levels.FirstOrDefault(l => l.UpperBound is { } upper && overall < upper) ?? Levels[^1];
}

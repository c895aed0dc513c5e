using System.Text.Json;
using System.Text.Json.Serialization;

namespace Readiness.Core.Catalog;

/// <summary>Reads and writes the catalog's JSON file (<c>catalog/catalog.json</c>), with errors that name the
/// indicator and field at fault.</summary>
public static partial class CatalogFile
{
    /// <summary>The app's convention, and what people write in a file by hand: comments and trailing commas; numbers
    /// stay numbers.</summary>
    private static readonly JsonSerializerOptions Json = new(WebJson.Indented)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The catalog shipped with the application (the default when no file is given).</summary>
    public static IndicatorCatalog Default { get; } = LoadEmbeddedDefault();

    public static IndicatorCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    public static IndicatorCatalog Load(Stream stream, string source = "catalog")
    {
        CatalogDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<CatalogDocument>(stream, Json);
        }
        catch (JsonException e)
        {
            // The reader's own message names internal types; the position is what a person needs.
            var where = e.LineNumber is { } line ? $" near line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            throw new CatalogException($"{source}: not a valid catalog JSON file{where}{path}: check the brackets, quotes, commas and that numbers are numbers.", e);
        }

        return document is null ? throw new CatalogException($"{source}: the file is empty.") : Build(document, source);
    }

    public static IndicatorCatalog Parse(string json) => Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

    public static string ToJson(IndicatorCatalog catalog) => JsonSerializer.Serialize(ToDocument(catalog), Json);

    private static IndicatorCatalog LoadEmbeddedDefault()
    {
        using var stream = typeof(CatalogFile).Assembly.GetManifestResourceStream("Readiness.Core.catalog.json")
            ?? throw new InvalidOperationException("The default catalog is not embedded in Readiness.Core.");
        return Load(stream, "default catalog");
    }

    private static IndicatorCatalog Build(CatalogDocument document, string source)
    {
        if (string.IsNullOrWhiteSpace(document.Version))
        {
            throw new CatalogException($"{source}: 'version' is required.");
        }

        if (document.Indicators is not { Count: > 0 })
        {
            throw new CatalogException($"{source}: 'indicators' must list at least one indicator.");
        }

        var indicators = new List<Indicator>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in document.Indicators)
        {
            var indicator = BuildIndicator(entry, source);
            if (!seen.Add(indicator.Code))
            {
                throw new CatalogException($"{source}: indicator {indicator.Code} is listed twice.");
            }

            indicators.Add(indicator);
        }

        var weights = Enum.GetValues<Dimension>().ToDictionary(d => d, _ => 1.0);
        foreach (var (name, weight) in document.DimensionWeights ?? [])
        {
            var dimension = ParseEnum<Dimension>(name, source, "dimensionWeights");
            if (weight < 0 || !double.IsFinite(weight))
            {
                throw new CatalogException($"{source}: the weight of dimension {name} must be a non-negative number.");
            }

            weights[dimension] = weight;
        }

        if (weights.Values.Sum() <= 0)
        {
            throw new CatalogException($"{source}: at least one dimension needs a positive weight.");
        }

        var levels = (document.Levels ?? DefaultLevels).Select(l => new ReadinessLevel(l.Level, l.Name ?? $"Level {l.Level}", l.Below)).ToList();
        ValidateLevels(levels, source);
        var classes = document.PopulationClasses?.Select(c => new PopulationClass(c.Name?.Trim() ?? "", c.Below)).ToList();
        ValidatePopulationClasses(classes, source);
        return new IndicatorCatalog(document.Version.Trim(), indicators, weights, levels, classes)
        {
            Quality = BuildQuality(document, indicators, source),
            Calendar = BuildCalendar(document.ReportingCalendar, source),
        };
    }

    private static Indicator BuildIndicator(IndicatorEntry entry, string source)
    {
        if (string.IsNullOrWhiteSpace(entry.Code))
        {
            throw new CatalogException($"{source}: an indicator has no 'code'.");
        }

        var code = entry.Code.Trim().ToUpperInvariant();
        var where = $"{source}: indicator {code}";
        if (code.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            throw new CatalogException($"{where}: the code may not contain spaces, '/', '\\', '#', '?', '|' or control characters.");
        }

        var unit = ParseEnum<IndicatorUnit>(entry.Unit, where, "unit");
        var scoring = entry.Scoring ?? throw new CatalogException($"{where}: 'scoring' is required.");
        var method = ParseEnum<ScoringMethod>(scoring.Method, where, "scoring.method");
        var direction = scoring.Direction is null
            ? Direction.HigherIsBetter
            : scoring.Direction.Trim().ToLowerInvariant() switch
            {
                "higher" or "higher-is-better" => Direction.HigherIsBetter,
                "lower" or "lower-is-better" => Direction.LowerIsBetter,
                _ => throw new CatalogException($"{where}: scoring.direction must be 'higher' or 'lower', not '{scoring.Direction}'."),
            };
        var rule = new ScoringRule(method, direction, scoring.Target, scoring.Best, scoring.Worst);
        switch (method)
        {
            case ScoringMethod.Target when rule.Target is not > 0:
                throw new CatalogException($"{where}: the target method needs a positive 'target'.");
            case ScoringMethod.Range when rule.Best is null || rule.Worst is null || rule.Best == rule.Worst:
                throw new CatalogException($"{where}: the range method needs different 'best' and 'worst' values.");
            default:
                break;
        }

        if (entry.Min is { } min && entry.Max is { } max && min > max)
        {
            throw new CatalogException($"{where}: 'min' is larger than 'max'.");
        }

        var aggregation = entry.Aggregation is null
            ? (unit is IndicatorUnit.Boolean or IndicatorUnit.Level ? Aggregation.Last : Aggregation.Mean)
            : ParseEnum<Aggregation>(entry.Aggregation, where, "aggregation");
        var weight = entry.Weight ?? 1.0;
        if (weight < 0 || !double.IsFinite(weight))
        {
            throw new CatalogException($"{where}: 'weight' must be a non-negative number.");
        }

        var dimension = ParseEnum<Dimension>(entry.Dimension, where, "dimension");
        var (lower, upper) = unit == IndicatorUnit.Boolean ? (0.0, 1.0) : (entry.Min, entry.Max);
        return new Indicator(code, entry.Name?.Trim() ?? code, dimension, unit, lower, upper, rule, aggregation, weight);
    }

    private static void ValidateLevels(List<ReadinessLevel> levels, string source)
    {
        if (levels.Count == 0 || levels[^1].UpperBound is not null)
        {
            throw new CatalogException($"{source}: 'levels' must end with a level that has no 'below' bound.");
        }

        for (var i = 1; i < levels.Count - 1; i++)
        {
            if (levels[i].UpperBound <= levels[i - 1].UpperBound)
            {
                throw new CatalogException($"{source}: the 'below' bounds of the levels must increase.");
            }
        }
    }

    private static void ValidatePopulationClasses(List<PopulationClass>? classes, string source)
    {
        if (classes is null)
        {
            return;
        }

        if (classes.Count == 0 || classes[^1].Below is not null || classes.Take(classes.Count - 1).Any(c => c.Below is null))
        {
            throw new CatalogException($"{source}: 'populationClasses' must give every class but the last a 'below' bound (people), and the last none.");
        }

        if (classes.Any(c => c.Name.Length == 0) || classes.Select(c => c.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != classes.Count)
        {
            throw new CatalogException($"{source}: every population class needs its own 'name'.");
        }

        for (var i = 1; i < classes.Count - 1; i++)
        {
            if (classes[i].Below <= classes[i - 1].Below)
            {
                throw new CatalogException($"{source}: the 'below' bounds of the population classes must increase.");
            }
        }
    }

    private static T ParseEnum<T>(string? text, string where, string field)
        where T : struct, Enum
    {
        var normalized = text?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<T>(normalized, ignoreCase: true, out var value) && !int.TryParse(normalized, out _)
            ? value
            : throw new CatalogException(
                $"{where}: '{field}' must be one of {string.Join(", ", Enum.GetNames<T>().Select(Kebab))}, not '{text}'.");
    }

    /// <summary>An enum name as the catalog spells it: <c>SkipIfAnyMissing</c> is <c>skip-if-any-missing</c>.</summary>
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));

    private static CatalogDocument ToDocument(IndicatorCatalog catalog) => new()
    {
        Version = catalog.Version,
        DimensionWeights = catalog.DimensionWeights.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value),
        Levels = [.. catalog.Levels.Select(l => new LevelEntry { Level = l.Level, Name = l.Name, Below = l.UpperBound })],
        PopulationClasses = [.. catalog.PopulationClasses.Select(c => new PopulationClassEntry { Name = c.Name, Below = c.Below })],
        Indicators =
        [
            .. catalog.Indicators.Select(i => new IndicatorEntry
            {
                Code = i.Code,
                Name = i.Name,
                Dimension = i.Dimension.ToString().ToLowerInvariant(),
                Unit = i.Unit.ToString().ToLowerInvariant(),
                Min = i.Min,
                Max = i.Max,
                Scoring = new ScoringEntry
                {
                    Method = i.Scoring.Method.ToString().ToLowerInvariant(),
                    Direction = i.Scoring.Method == ScoringMethod.Target
                        ? (i.Scoring.Direction == Direction.LowerIsBetter ? "lower" : "higher")
                        : null,
                    Target = i.Scoring.Target,
                    Best = i.Scoring.Best,
                    Worst = i.Scoring.Worst,
                },
                Aggregation = i.Aggregation.ToString().ToLowerInvariant(),
                Weight = i.Weight,
            }),
        ],
        ValidationRules = ToRuleEntries(catalog.Quality),
        QualityThresholds = ToThresholdEntries(catalog.Quality),
        ReportingCalendar = ToCalendarEntries(catalog.Calendar),
    };

    private static readonly List<LevelEntry> DefaultLevels =
    [
        new() { Level = 1, Name = "Rintisan", Below = 20 },
        new() { Level = 2, Name = "Terkelola", Below = 40 },
        new() { Level = 3, Name = "Terdefinisi", Below = 60 },
        new() { Level = 4, Name = "Terpadu dan Terukur", Below = 80 },
        new() { Level = 5, Name = "Optimum" },
    ];

    private sealed class CatalogDocument
    {
        public string? Version { get; set; }
        public Dictionary<string, double>? DimensionWeights { get; set; }
        public List<LevelEntry>? Levels { get; set; }
        public List<PopulationClassEntry>? PopulationClasses { get; set; }
        public List<IndicatorEntry>? Indicators { get; set; }
        public List<RuleEntry>? ValidationRules { get; set; }
        public Dictionary<string, ThresholdEntry>? QualityThresholds { get; set; }
        public List<CalendarEntry>? ReportingCalendar { get; set; }
    }

    private sealed class PopulationClassEntry
    {
        public string? Name { get; set; }
        public long? Below { get; set; }
    }

    private sealed class LevelEntry
    {
        public int Level { get; set; }
        public string? Name { get; set; }
        public double? Below { get; set; }
    }

    private sealed class IndicatorEntry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? Dimension { get; set; }
        public string? Unit { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
        public ScoringEntry? Scoring { get; set; }
        public string? Aggregation { get; set; }
        public double? Weight { get; set; }
    }

    private sealed class ScoringEntry
    {
        public string? Method { get; set; }
        public string? Direction { get; set; }
        public double? Target { get; set; }
        public double? Best { get; set; }
        public double? Worst { get; set; }
    }
}

public sealed class CatalogException(string message, Exception? inner = null) : Exception(message, inner);

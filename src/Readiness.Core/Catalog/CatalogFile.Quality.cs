using Readiness.Core.Quality;

namespace Readiness.Core.Catalog;

/// <summary>The catalog's data-quality sections: <c>validationRules</c> and <c>qualityThresholds</c> (a
/// <c>default</c> entry and entries per indicator code; absent fields keep the defaults).</summary>
public static partial class CatalogFile
{
    private static QualitySettings BuildQuality(CatalogDocument document, List<Indicator> indicators, string source)
    {
        if (document.ValidationRules is null && document.QualityThresholds is null)
        {
            return QualitySettings.None;
        }

        var known = new HashSet<string>(indicators.Select(i => i.Code), StringComparer.OrdinalIgnoreCase);
        var byCode = indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        double? BoundOf(string code, string function) => byCode.TryGetValue(code, out var indicator)
            ? function == "max" ? indicator.Max : indicator.Min
            : null;
        var rules = new List<ValidationRule>();
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in document.ValidationRules ?? [])
        {
            var rule = BuildRule(entry, known, BoundOf, source);
            if (!codes.Add(rule.Code))
            {
                throw new CatalogException($"{source}: validation rule {rule.Code} is listed twice.");
            }

            rules.Add(rule);
        }

        var thresholds = document.QualityThresholds ?? [];
        var defaults = thresholds.TryGetValue("default", out var defaultEntry)
            ? BuildThresholds(defaultEntry, OutlierThresholds.Default, $"{source}: qualityThresholds.default")
            : OutlierThresholds.Default;
        var perIndicator = new Dictionary<string, OutlierThresholds>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, entry) in thresholds)
        {
            if (string.Equals(code, "default", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var canonical = code.Trim().ToUpperInvariant();
            if (!known.Contains(canonical))
            {
                throw new CatalogException($"{source}: qualityThresholds names unknown indicator '{code}'; use a code of 'indicators' or 'default'.");
            }

            perIndicator[canonical] = BuildThresholds(entry, defaults, $"{source}: qualityThresholds.{canonical}");
        }

        return new QualitySettings(rules, defaults, perIndicator);
    }

    private static ValidationRule BuildRule(RuleEntry entry, HashSet<string> known, Func<string, string, double?> boundOf, string source)
    {
        if (string.IsNullOrWhiteSpace(entry.Code))
        {
            throw new CatalogException($"{source}: a validation rule has no 'code'.");
        }

        var code = entry.Code.Trim();
        var where = $"{source}: validation rule {code}";
        QualityExpression Side(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new CatalogException($"{where}: '{field}' is required (an expression such as \"SOC-01 - LIV-01\").");
            }

            try
            {
                return QualityExpression.Parse(text, known.Contains, boundOf);
            }
            catch (QualityExpressionException e)
            {
                throw new CatalogException($"{where}: '{field}' at {e.Message}.", e);
            }
        }

        var left = Side(entry.Left, "left");
        var right = Side(entry.Right, "right");
        if (!ValidationRule.TryParseOperator(entry.Operator, out var op))
        {
            throw new CatalogException($"{where}: 'operator' must be one of ==, !=, <, <=, >, >=, not '{entry.Operator}'.");
        }

        var strategy = entry.MissingValueStrategy is null
            ? MissingValueStrategy.SkipIfAnyMissing
            : ParseEnum<MissingValueStrategy>(entry.MissingValueStrategy, where, "missingValueStrategy");
        var importance = entry.Importance is null ? RuleImportance.Medium : ParseEnum<RuleImportance>(entry.Importance, where, "importance");
        var tolerance = entry.Tolerance ?? 0;
        if (tolerance < 0 || !double.IsFinite(tolerance))
        {
            throw new CatalogException($"{where}: 'tolerance' must be a non-negative number.");
        }

        var nameId = entry.Name?.Trim() ?? code;
        return new ValidationRule(code, nameId, entry.NameEnglish?.Trim() ?? nameId, left, op, right, strategy, importance, tolerance);
    }

    private static OutlierThresholds BuildThresholds(ThresholdEntry entry, OutlierThresholds fallback, string where)
    {
        var thresholds = new OutlierThresholds(
            entry.ModifiedZ ?? fallback.ModifiedZ,
            entry.MinHistory ?? fallback.MinHistory,
            entry.RelativeChange ?? fallback.RelativeChange,
            entry.MinPeers ?? fallback.MinPeers,
            entry.IqrFactor ?? fallback.IqrFactor,
            entry.ThousandsTolerance ?? fallback.ThousandsTolerance,
            entry.MinRelativeMad ?? fallback.MinRelativeMad,
            entry.MinDeviation ?? fallback.MinDeviation,
            entry.ExtremeRatio ?? fallback.ExtremeRatio,
            entry.MinRangeSpread ?? fallback.MinRangeSpread);
        if (thresholds.ModifiedZ is not > 0 || thresholds.RelativeChange is not > 0 || thresholds.IqrFactor is not > 0
            || !double.IsFinite(thresholds.ModifiedZ + thresholds.RelativeChange + thresholds.IqrFactor))
        {
            throw new CatalogException($"{where}: modifiedZ, relativeChange and iqrFactor must be positive numbers.");
        }

        if (thresholds.MinRelativeMad is not (>= 0 and < 1))
        {
            throw new CatalogException($"{where}: minRelativeMad must lie between 0 and 1 (0.05 = 5 % of the median).");
        }

        if (thresholds.MinDeviation is not (>= 0 and < 10))
        {
            throw new CatalogException($"{where}: minDeviation must lie between 0 and 10 (0.5 = half the value the history leads to).");
        }

        if (thresholds.ExtremeRatio is not (> 1 and < 1000) || !double.IsFinite(thresholds.ExtremeRatio))
        {
            throw new CatalogException($"{where}: extremeRatio must lie between 1 and 1000 (5 = five times or a fifth of the value the history leads to).");
        }

        if (thresholds.MinRangeSpread is not (>= 0 and < 1))
        {
            throw new CatalogException($"{where}: minRangeSpread must lie between 0 and 1 (0.03 = 3 % of the indicator's declared range).");
        }

        if (thresholds.MinHistory < 1 || thresholds.MinPeers < 4)
        {
            throw new CatalogException($"{where}: minHistory must be at least 1 and minPeers at least 4.");
        }

        if (thresholds.ThousandsTolerance is not (> 1 and < 30))
        {
            throw new CatalogException($"{where}: thousandsTolerance must lie between 1 and 30 (1.5 = a ratio between 667 and 1500).");
        }

        return thresholds;
    }

    private static List<RuleEntry>? ToRuleEntries(QualitySettings quality) => quality.Rules.Count == 0 ? null :
    [
        .. quality.Rules.Select(r => new RuleEntry
        {
            Code = r.Code,
            Name = r.NameIndonesian,
            NameEnglish = r.NameEnglish,
            Left = r.Left.ToString(),
            Operator = r.OperatorText,
            Right = r.Right.ToString(),
            MissingValueStrategy = r.MissingValues switch
            {
                MissingValueStrategy.SkipIfAllMissing => "skip-if-all-missing",
                MissingValueStrategy.NeverSkip => "never-skip",
                _ => "skip-if-any-missing",
            },
            Importance = r.Importance.ToString().ToLowerInvariant(),
            Tolerance = r.Tolerance == 0 ? null : r.Tolerance,
        }),
    ];

    private static Dictionary<string, ThresholdEntry>? ToThresholdEntries(QualitySettings quality)
    {
        if (ReferenceEquals(quality, QualitySettings.None))
        {
            return null;
        }

        static ThresholdEntry Entry(OutlierThresholds t) => new()
        {
            ModifiedZ = t.ModifiedZ,
            MinHistory = t.MinHistory,
            RelativeChange = t.RelativeChange,
            MinPeers = t.MinPeers,
            IqrFactor = t.IqrFactor,
            ThousandsTolerance = t.ThousandsTolerance,
            MinRelativeMad = t.MinRelativeMad,
            MinDeviation = t.MinDeviation,
            ExtremeRatio = t.ExtremeRatio,
            MinRangeSpread = t.MinRangeSpread,
        };
        var entries = quality.PerIndicator.ToDictionary(p => p.Key, p => Entry(p.Value));
        entries["default"] = Entry(quality.Defaults);
        return entries;
    }

    private sealed class RuleEntry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? NameEnglish { get; set; }
        public string? Left { get; set; }
        public string? Operator { get; set; }
        public string? Right { get; set; }
        public string? MissingValueStrategy { get; set; }
        public string? Importance { get; set; }
        public double? Tolerance { get; set; }
    }

    private sealed class ThresholdEntry
    {
        public double? ModifiedZ { get; set; }
        public int? MinHistory { get; set; }
        public double? RelativeChange { get; set; }
        public int? MinPeers { get; set; }
        public double? IqrFactor { get; set; }
        public double? ThousandsTolerance { get; set; }
        public double? MinRelativeMad { get; set; }
        public double? MinDeviation { get; set; }
        public double? ExtremeRatio { get; set; }
        public double? MinRangeSpread { get; set; }
    }
}

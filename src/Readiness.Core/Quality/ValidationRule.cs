using System.Text.Json.Serialization;
namespace Readiness.Core.Quality;

/// <summary>How a rule treats indicators without a value in the regency-year (as DHIS2 does).</summary>
public enum MissingValueStrategy
{
    /// <summary>Not evaluated when any indicator of either side is missing (the default).</summary>
    SkipIfAnyMissing,
    /// <summary>Not evaluated only when every indicator of both sides is missing; the missing ones count as 0.</summary>
    SkipIfAllMissing,
    /// <summary>Always evaluated; missing indicators count as 0.</summary>
    NeverSkip,
}

[JsonConverter(typeof(JsonStringEnumConverter<RuleImportance>))]
public enum RuleImportance
{
    [JsonStringEnumMemberName("high")]
    High,
    [JsonStringEnumMemberName("medium")]
    Medium,
    [JsonStringEnumMemberName("low")]
    Low,
}

/// <summary>The comparison of a rule's two sides.</summary>
public enum RuleOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>
/// A validation rule of the catalog: <c>Left Operator Right</c> over the yearly values of one regency-year, e.g.
/// "schools online cannot exceed the share of desa with 4G by more than 40 points".
/// </summary>
/// <param name="Tolerance">How far the comparison may miss and still hold (absolute, ≥ 0): for <c>==</c> the sides
/// may differ by this much; for <c>&lt;=</c> the left side may exceed the right by this much; and so on.</param>
public sealed record ValidationRule(
    string Code,
    string NameIndonesian,
    string NameEnglish,
    QualityExpression Left,
    RuleOperator Operator,
    QualityExpression Right,
    MissingValueStrategy MissingValues,
    RuleImportance Importance,
    double Tolerance = 0)
{
    /// <summary>The indicators the rule reads, both sides.</summary>
    public IReadOnlyList<string> Indicators => [.. Left.Indicators.Concat(Right.Indicators).Distinct(StringComparer.OrdinalIgnoreCase)];

    public string OperatorText => OperatorSymbol(Operator);

    /// <summary>Whether <paramref name="left"/> and <paramref name="right"/> satisfy the rule, tolerance included.</summary>
    public bool Holds(double left, double right) => Operator switch
    {
        RuleOperator.Equal => Math.Abs(left - right) <= Tolerance,
        RuleOperator.NotEqual => Math.Abs(left - right) > Tolerance,
        RuleOperator.Less => left < right + Tolerance,
        RuleOperator.LessOrEqual => left <= right + Tolerance,
        RuleOperator.Greater => left > right - Tolerance,
        RuleOperator.GreaterOrEqual => left >= right - Tolerance,
        _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
    };

    public static string OperatorSymbol(RuleOperator op) => op switch
    {
        RuleOperator.Equal => "==",
        RuleOperator.NotEqual => "!=",
        RuleOperator.Less => "<",
        RuleOperator.LessOrEqual => "<=",
        RuleOperator.Greater => ">",
        RuleOperator.GreaterOrEqual => ">=",
        _ => throw new InvalidOperationException($"Unknown operator {op}."),
    };

    public static bool TryParseOperator(string? text, out RuleOperator op)
    {
        foreach (var candidate in Enum.GetValues<RuleOperator>())
        {
            if (string.Equals(text?.Trim(), OperatorSymbol(candidate), StringComparison.Ordinal))
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }
}

/// <summary>The outlier thresholds of one indicator (catalog section <c>qualityThresholds</c>).</summary>
/// <param name="ModifiedZ">A value whose modified z-score against the regency's own history exceeds this is an outlier.</param>
/// <param name="MinHistory">Earlier periods needed before the history is judged.</param>
/// <param name="RelativeChange">When the history is flat (every earlier year the same): a change from it by more than this fraction
/// (1 = 100 %) is an outlier.</param>
/// <param name="MinPeers">Regencies that must have reported the indicator and year before peers are judged.</param>
/// <param name="IqrFactor">Tukey's fences: Q1 − k·IQR and Q3 + k·IQR.</param>
/// <param name="ThousandsTolerance">A ratio to the previous value within [1000 / t, 1000 · t] (or its inverse)
/// raises the thousands-separator suspicion.</param>
/// <param name="MinRelativeMad">The MAD used is at least this fraction of the history's median: three or four
/// years can agree by chance to a MAD near 0, which would make an ordinary change look extreme.</param>
/// <param name="MinDeviation">A history outlier must also lie at least this fraction away from the value its history
/// leads to (0.5: below half of it or above one and a half times it). Three to nine years give the z-score too unsteady
/// a spread to judge a small change by, and every mistake the checks look for (a decimal shifted, × or ÷ 1000, a sign
/// flipped) moves a value further than that.</param>
/// <param name="ExtremeRatio">A value at least this many times above or below the value its history leads to (same
/// sign) is an outlier whatever the history's spread: a count that grew fast for years can still not drop to a tenth.</param>
/// <param name="MinRangeSpread">The spread used is at least this fraction of the indicator's declared range (both
/// bounds declared; 0.03 = 3 points of a percentage): a few years agreeing by chance, or a service rising from 0, do
/// not make an ordinary step extreme.</param>
public sealed record OutlierThresholds(
    double ModifiedZ = 3.5,
    int MinHistory = 3,
    double RelativeChange = 1.0,
    int MinPeers = 30,
    double IqrFactor = 3.0,
    double ThousandsTolerance = 1.5,
    double MinRelativeMad = 0.05,
    double MinDeviation = 0.5,
    double ExtremeRatio = 5,
    double MinRangeSpread = 0.03)
{
    public static OutlierThresholds Default { get; } = new();
}

/// <summary>The catalog's data-quality settings: its validation rules and outlier thresholds.</summary>
public sealed class QualitySettings(
    IReadOnlyList<ValidationRule> rules,
    OutlierThresholds defaults,
    IReadOnlyDictionary<string, OutlierThresholds> perIndicator)
{
    public static QualitySettings None { get; } = new([], OutlierThresholds.Default, new Dictionary<string, OutlierThresholds>());

    public IReadOnlyList<ValidationRule> Rules { get; } = rules;

    /// <summary>The thresholds of indicators without their own.</summary>
    public OutlierThresholds Defaults { get; } = defaults;

    /// <summary>Indicators with their own thresholds, by upper-case code.</summary>
    public IReadOnlyDictionary<string, OutlierThresholds> PerIndicator { get; } = perIndicator;

    public OutlierThresholds ThresholdsFor(string indicatorCode) =>
        PerIndicator.TryGetValue(indicatorCode.ToUpperInvariant(), out var own) ? own : Defaults;
}

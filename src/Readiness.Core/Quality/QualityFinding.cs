using System.Text.Json.Serialization;

namespace Readiness.Core.Quality;

/// <summary>What a finding compares against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingBasis>))]
public enum FindingBasis
{
    /// <summary>A validation rule of the catalog.</summary>
    [JsonStringEnumMemberName("rule")]
    Rule,
    /// <summary>The regency's own earlier years of the indicator.</summary>
    [JsonStringEnumMemberName("history")]
    History,
    /// <summary>The same indicator and year in the other regencies.</summary>
    [JsonStringEnumMemberName("peers")]
    Peers,
    /// <summary>The regency's previous value of the indicator (thousands-separator suspicion).</summary>
    [JsonStringEnumMemberName("previous")]
    Previous,
}

/// <summary>
/// One data-quality warning about a regency-year, flat so that it stores as one table row: every field is set or
/// null, never nested. <see cref="Code"/> is <c>rule-violation</c>, <c>outlier</c> or <c>possible-thousands-error</c>.
/// </summary>
/// <param name="Subject">What the finding is about, unique within its regency-year and basis: the rule code, or
/// the indicator code.</param>
/// <param name="Indicators">The indicator codes involved, comma-separated (one for an outlier).</param>
/// <param name="Value">The value judged: the indicator's yearly value, or a rule's left side.</param>
/// <param name="Reference">A rule's right side; the history's median; the previous value.</param>
/// <param name="Statistic">The modified z-score, the ratio to the previous value; null otherwise.</param>
public sealed record QualityFinding(
    string Code,
    FindingBasis Basis,
    string RegencyCode,
    int Year,
    string Subject,
    string Indicators,
    double Value,
    string Message,
    string MessageIndonesian)
{
    public RuleImportance? Importance { get; init; }

    public double? Reference { get; init; }

    public double? Mad { get; init; }

    public double? LowerFence { get; init; }

    public double? UpperFence { get; init; }

    public int? PreviousYear { get; init; }

    public double? Statistic { get; init; }

    /// <summary>The indicator codes as a list.</summary>
    public IReadOnlyList<string> IndicatorCodes => Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The distinct codes of the findings that involve <paramref name="indicatorCode"/>, in order.</summary>
    public static IReadOnlyList<string> CodesOn(IEnumerable<QualityFinding> findings, string indicatorCode) =>
    [
        .. findings.Where(f => f.IndicatorCodes.Contains(indicatorCode, StringComparer.OrdinalIgnoreCase)).Select(f => f.Code).Distinct().Order(StringComparer.Ordinal),
    ];

    /// <summary>The key of the finding within its regency-year: <c>{basis}|{subject}</c>.</summary>
    public string Key => $"{Basis.ToString().ToLowerInvariant()}|{Subject}";
}

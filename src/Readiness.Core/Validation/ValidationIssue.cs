using System.Text.Json.Serialization;

namespace Readiness.Core.Validation;

/// <summary>One error or warning, positioned as the user sees the file in Excel (header = row 1).</summary>
public sealed record ValidationIssue
{
    /// <summary>1-based row of the file as Excel shows it; 0 for the file as a whole.</summary>
    [JsonPropertyName("row")]
    public int Row { get; init; }

    /// <summary>The column's header as written in the file (or its Excel letter when the header is blank).</summary>
    [JsonPropertyName("column")]
    public string? Column { get; init; }

    /// <summary>Excel cell reference such as <c>D7</c>, when the issue is about one cell.</summary>
    [JsonPropertyName("cell")]
    public string? Cell { get; init; }

    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>Plain English: what is wrong and how to fix it; a cell's message starts with its row and column
    /// (<c>Row 7, column kode_wilayah [regency_code]: …</c>).</summary>
    [JsonPropertyName("message")]
    public required string Message { get; init; }

    /// <summary>The same in Bahasa Indonesia, with the same facts and the same fix (<c>Baris 7, kolom …</c>); null only
    /// in reports stored before every message had one.</summary>
    [JsonPropertyName("message_id")]
    public string? MessageId { get; init; }

    /// <summary>The offending value as it was in the file (shortened when very long).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    // The evidence of a data-quality warning (rule-violation, outlier, possible-thousands-error), each field set only
    // where it applies and left out of the JSON otherwise, so the other issues read as before.

    /// <summary>The regency-year a data-quality warning is about (its values are stored ones, not one cell).</summary>
    [JsonPropertyName("regency")]
    public string? Regency { get; init; }

    [JsonPropertyName("year")]
    public int? Year { get; init; }

    /// <summary>What the value is compared against: <c>rule</c>, <c>history</c> (the regency's earlier years),
    /// <c>peers</c> (the other regencies' same year) or <c>previous</c> (the previous value, thousands suspicion).</summary>
    [JsonPropertyName("basis")]
    public string? Basis { get; init; }

    /// <summary>The indicator codes involved (one for an outlier).</summary>
    [JsonPropertyName("indicators")]
    public IReadOnlyList<string>? Indicators { get; init; }

    /// <summary>The value judged as a number (<see cref="Value"/> as text): the indicator's yearly value, or a rule's
    /// left side.</summary>
    [JsonPropertyName("observed")]
    public double? Observed { get; init; }

    /// <summary>The catalog rule broken, and its importance (<c>high</c>, <c>medium</c>, <c>low</c>).</summary>
    [JsonPropertyName("rule")]
    public string? Rule { get; init; }

    [JsonPropertyName("importance")]
    public string? Importance { get; init; }

    /// <summary>A rule's right side, which the left side was compared with.</summary>
    [JsonPropertyName("right")]
    public double? Right { get; init; }

    /// <summary>The median and MAD of the regency's earlier years, and the modified z-score (none when the MAD is 0).</summary>
    [JsonPropertyName("median")]
    public double? Median { get; init; }

    [JsonPropertyName("mad")]
    public double? Mad { get; init; }

    [JsonPropertyName("modified_z")]
    public double? ModifiedZ { get; init; }

    /// <summary>Tukey's fences of the peers.</summary>
    [JsonPropertyName("lower_fence")]
    public double? LowerFence { get; init; }

    [JsonPropertyName("upper_fence")]
    public double? UpperFence { get; init; }

    /// <summary>The regency's previous value of the indicator and its year, and the ratio of the value to it.</summary>
    [JsonPropertyName("previous_value")]
    public double? PreviousValue { get; init; }

    [JsonPropertyName("previous_year")]
    public int? PreviousYear { get; init; }

    [JsonPropertyName("ratio")]
    public double? Ratio { get; init; }
}

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
}

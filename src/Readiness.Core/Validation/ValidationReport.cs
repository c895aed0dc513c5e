using System.Text.Json;
using System.Text.Json.Serialization;
using Readiness.Core.Normalization;

namespace Readiness.Core.Validation;

/// <summary>
/// The one report shape for an uploaded file, returned by the HTTP API, printed by the CLI and stored beside the
/// raw upload. Modelled on Frictionless validation reports and DHIS2 import summaries.
/// </summary>
public sealed class ValidationReport
{
    /// <summary>At most this many errors and warnings are listed each; the counts stay exact.</summary>
    public const int MaxListed = 1000;

    private readonly List<ValidationIssue> _errors = [];
    private readonly List<ValidationIssue> _warnings = [];
    private int _restoredRejected;

    [JsonPropertyName("valid")]
    public bool Valid => ErrorCount == 0;

    /// <summary><c>long</c> or <c>wide</c>; null when the header could not be read.</summary>
    [JsonPropertyName("format")]
    public string? Format { get; set; }

    /// <summary><c>xlsx</c>, <c>xls</c> or <c>xlsb</c> for a workbook (detected from its bytes); null for CSV.</summary>
    [JsonPropertyName("fileType")]
    public string? FileType { get; set; }

    /// <summary>The worksheet read, for a workbook.</summary>
    [JsonPropertyName("sheet")]
    public string? Sheet { get; set; }

    [JsonPropertyName("delimiter")]
    public string? Delimiter { get; set; }

    [JsonPropertyName("encoding")]
    public string? Encoding { get; set; }

    /// <summary>The number style the values were read in: <c>id-ID</c> (1.234,5) or <c>en-US</c> (1,234.5).</summary>
    [JsonPropertyName("locale")]
    public string? Locale { get; set; }

    /// <summary>
    /// The same style as a value, for the reading pass of an import (which must read in the style this pass decided);
    /// not stored, like <see cref="RejectedRows"/>.
    /// </summary>
    [JsonIgnore]
    public NumberStyle? NumberStyle { get; set; }

    /// <summary>Data rows read (blank rows not counted).</summary>
    [JsonPropertyName("rows")]
    public int Rows { get; set; }

    /// <summary>Values the file carries (one per row in long format, one per filled indicator cell in wide).</summary>
    [JsonPropertyName("values")]
    public int Values { get; set; }

    [JsonPropertyName("accepted")]
    public int Accepted => Rows - Rejected;

    [JsonPropertyName("rejected")]
    public int Rejected => RejectedRows.Count + _restoredRejected;

    [JsonPropertyName("errorCount")]
    public int ErrorCount { get; private set; }

    [JsonPropertyName("warningCount")]
    public int WarningCount { get; private set; }

    /// <summary>True when more issues were found than <see cref="MaxListed"/>.</summary>
    [JsonPropertyName("truncated")]
    public bool Truncated { get; private set; }

    [JsonPropertyName("errors")]
    public IReadOnlyList<ValidationIssue> Errors => _errors;

    [JsonPropertyName("warnings")]
    public IReadOnlyList<ValidationIssue> Warnings => _warnings;

    /// <summary>Excel row numbers with at least one error: these rows are never stored.</summary>
    [JsonIgnore]
    public HashSet<int> RejectedRows { get; } = [];

    /// <summary>Whether the file could not be read as a table at all (no row was read).</summary>
    [JsonIgnore]
    public bool Unreadable { get; set; }

    public void AddError(ValidationIssue issue)
    {
        ErrorCount++;
        if (issue.Row > 1)
        {
            RejectedRows.Add(issue.Row);
        }

        Add(_errors, issue);
    }

    public void AddWarning(ValidationIssue issue)
    {
        WarningCount++;
        Add(_warnings, issue);
    }

    public bool HasError(string code) => _errors.Exists(e => e.Code == code);

    public string ToJson(bool indented = true) => JsonSerializer.Serialize(this, indented ? WebJson.Indented : WebJson.Options);

    public static ValidationReport FromJson(string json)
    {
        var snapshot = JsonSerializer.Deserialize<Snapshot>(json, WebJson.Options) ?? throw new JsonException("Empty report.");
        var report = new ValidationReport
        {
            Format = snapshot.Format,
            FileType = snapshot.FileType,
            Sheet = snapshot.Sheet,
            Delimiter = snapshot.Delimiter,
            Encoding = snapshot.Encoding,
            Locale = snapshot.Locale,
            Rows = snapshot.Rows,
            Values = snapshot.Values,
        };
        report._errors.AddRange(snapshot.Errors ?? []);
        report._warnings.AddRange(snapshot.Warnings ?? []);
        report.ErrorCount = snapshot.ErrorCount;
        report.WarningCount = snapshot.WarningCount;
        report.Truncated = snapshot.Truncated;
        // Row numbers are not part of the JSON; the count is, for summaries read back from storage.
        report._restoredRejected = snapshot.Rejected;
        return report;
    }

    private void Add(List<ValidationIssue> list, ValidationIssue issue)
    {
        if (list.Count < MaxListed)
        {
            list.Add(issue);
        }
        else
        {
            Truncated = true;
        }
    }

    private sealed class Snapshot
    {
        [JsonPropertyName("format")] public string? Format { get; set; }
        [JsonPropertyName("fileType")] public string? FileType { get; set; }
        [JsonPropertyName("sheet")] public string? Sheet { get; set; }
        [JsonPropertyName("delimiter")] public string? Delimiter { get; set; }
        [JsonPropertyName("encoding")] public string? Encoding { get; set; }
        [JsonPropertyName("locale")] public string? Locale { get; set; }
        [JsonPropertyName("rows")] public int Rows { get; set; }
        [JsonPropertyName("values")] public int Values { get; set; }
        [JsonPropertyName("rejected")] public int Rejected { get; set; }
        [JsonPropertyName("errorCount")] public int ErrorCount { get; set; }
        [JsonPropertyName("warningCount")] public int WarningCount { get; set; }
        [JsonPropertyName("truncated")] public bool Truncated { get; set; }
        [JsonPropertyName("errors")] public List<ValidationIssue>? Errors { get; set; }
        [JsonPropertyName("warnings")] public List<ValidationIssue>? Warnings { get; set; }
    }
}

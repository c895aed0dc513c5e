namespace Readiness.Core.Validation;

/// <summary>
/// The codes of validation errors and warnings, shared by the HTTP API, the CLI and stored reports.
/// Names follow Frictionless and csvlint where they have one.
/// </summary>
public static class ErrorCodes
{
    // The file as a whole.
    public const string NotCsv = "not-csv";
    public const string EmptyFile = "empty-file";
    public const string FileTooLarge = "file-too-large";
    public const string EncodingError = "encoding-error";
    public const string TooManyRows = "too-many-rows";
    public const string TooManyColumns = "too-many-columns";
    public const string LineTooLong = "line-too-long";
    public const string MalformedQuotes = "malformed-quotes";

    /// <summary>A first line <c>sep=</c> that names no separator (a warning: the line is skipped).</summary>
    public const string SeparatorLine = "separator-line";

    // The header row.
    public const string BlankHeader = "blank-header";
    public const string BlankColumn = "blank-column";
    public const string DuplicateLabel = "duplicate-label";
    public const string MissingLabel = "missing-label";
    public const string UnknownColumn = "unknown-column";

    // Row shape.
    public const string ExtraCell = "extra-cell";
    public const string MissingCell = "missing-cell";
    public const string BlankRow = "blank-row";
    public const string CellTooLong = "cell-too-long";
    public const string MissingValue = "missing-value";

    /// <summary>Control characters (other than tab and line breaks) in a text cell (a warning: they are removed).</summary>
    public const string ControlCharacter = "control-character";

    // Cell content.
    public const string UnknownRegency = "unknown-regency";
    public const string AmbiguousRegency = "ambiguous-regency";
    public const string RegencyMismatch = "regency-mismatch";
    public const string RegencyCodeRepaired = "regency-code-repaired";
    public const string RegencySchemeHint = "regency-scheme-hint";
    public const string RegencyCodeFormer = "regency-code-former";
    public const string RegencyCodeRetired = "regency-code-retired";
    public const string UnknownIndicator = "unknown-indicator";
    public const string InvalidPeriod = "invalid-period";
    public const string TypeError = "type-error";
    public const string ConstraintError = "constraint-error";
    public const string DuplicateRow = "duplicate-row";
    public const string AmbiguousNumberFormat = "ambiguous-number-format";

    // Workbooks and title blocks (issue 13).
    public const string ZipBomb = "zip-bomb";
    public const string TooManyCells = "too-many-cells";
    public const string UnreadableWorkbook = "unreadable-workbook";
    public const string HeaderBelowTitle = "header-below-title";
    public const string SheetsIgnored = "sheets-ignored";
    public const string HiddenRows = "hidden-rows";
    public const string MergedCells = "merged-cells";

    // Review and locking (issue 14).

    /// <summary>The upload would change a value of a regency-year that is under review (Submitted, Verified, Approved),
    /// being submitted, not yet open or past its closing date: rejected as a whole.</summary>
    public const string PeriodLocked = "period-locked";

    /// <summary>A warning: the upload changed values of a year after its due date (taken, and flagged late).</summary>
    public const string LateSubmission = "late-submission";
}

using CsvHelper;

namespace Readiness.Core.Ingestion;

/// <summary>What a cell holds, as its reader typed it: CSV cells are always text.</summary>
internal enum CellKind
{
    Empty,
    Text,
    Number,
    Date,
    Boolean,
}

/// <summary>
/// The current row of a file as the reader's one pass sees it, whichever reader produced it: the fields of a CSV
/// record (text) or the typed cells of a worksheet row. Every rule of the pass works on this, so the CSV contract and
/// workbooks share one normalizer and one validator.
/// </summary>
internal abstract class RowCells
{
    public abstract int Count { get; }

    /// <summary>Empty, or only white space.</summary>
    public abstract bool IsBlank(int index);

    /// <summary>The cell as text, trimmed; null when empty. A typed cell gives its invariant form.</summary>
    public abstract string? Text(int index);

    public virtual CellKind Kind(int index) => IsBlank(index) ? CellKind.Empty : CellKind.Text;

    /// <summary>The value of a <see cref="CellKind.Number"/> cell (a date's serial number for a date cell).</summary>
    public virtual double Number(int index) => double.NaN;

    public virtual DateTime Date(int index) => default;

    public virtual bool Boolean(int index) => false;

    /// <summary>The cell is formatted as a percentage (<c>0.64</c> shown as <c>64%</c>).</summary>
    public virtual bool PercentFormat(int index) => false;

    /// <summary>The date format shows a month (or a day), not only the year.</summary>
    public virtual bool DateShowsMonth(int index) => true;
}

/// <summary>A CSV record: every cell is text.</summary>
internal sealed class CsvRowCells(CsvReader reader) : RowCells
{
    public CsvReader Reader => reader;

    public override int Count => reader.FieldCount;

    public override bool IsBlank(int index) => index >= reader.FieldCount || reader.IsEmpty(index) || reader.GetSpan(index).Trim(" \t"u8).IsEmpty;

    public override string? Text(int index)
    {
        if (index >= reader.FieldCount || reader.IsEmpty(index))
        {
            return null;
        }

        var text = reader.GetString(index)?.Trim();
        return text is { Length: > 0 } ? text : null;
    }
}

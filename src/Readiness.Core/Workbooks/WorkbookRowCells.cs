using System.Globalization;
using ExcelDataReader;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;

namespace Readiness.Core.Workbooks;

/// <summary>
/// The current row of a worksheet as typed cells (ExcelDataReader's values: text, numbers, dates, Booleans; a
/// formula's cached value), with merged ranges filled in: every cell of a merged range holds the value of its first
/// cell, as Excel shows it.
/// </summary>
internal sealed class WorkbookRowCells : RowCells
{
    private readonly IExcelDataReader _excel;
    private readonly object?[] _values;
    private readonly string?[] _formats;
    private readonly List<Merge> _merges;
    private int _nextMerge;
    private readonly List<Merge> _active = [];

    public WorkbookRowCells(IExcelDataReader excel, int fieldCount)
    {
        _excel = excel;
        _values = new object?[fieldCount];
        _formats = new string?[fieldCount];
        _merges = [.. (excel.MergeCells ?? []).Where(m => m.FromColumn < fieldCount).Select(m => new Merge(m)).OrderBy(m => m.Range.FromRow)];
    }

    public override int Count => _values.Length;

    /// <summary>The merged ranges of the sheet (0-based), for the report.</summary>
    public IEnumerable<CellRange> MergedRanges => _merges.Select(m => m.Range);

    /// <summary>Reads the reader's current row (0-based <paramref name="rowIndex"/>) into the cells.</summary>
    public void Load(int rowIndex)
    {
        var fields = Math.Min(_excel.FieldCount, _values.Length);
        for (var i = 0; i < fields; i++)
        {
            var value = _excel.GetValue(i);
            _values[i] = value;
            _formats[i] = value is double or DateTime or int or long or float or decimal ? _excel.GetNumberFormatString(i) : null;
        }

        for (var i = fields; i < _values.Length; i++)
        {
            (_values[i], _formats[i]) = (null, null);
        }

        if (_merges.Count > 0)
        {
            FillMerges(rowIndex);
        }
    }

    private void FillMerges(int rowIndex)
    {
        while (_nextMerge < _merges.Count && _merges[_nextMerge].Range.FromRow <= rowIndex)
        {
            _active.Add(_merges[_nextMerge++]);
        }

        _active.RemoveAll(m => m.Range.ToRow < rowIndex);
        foreach (var merge in _active)
        {
            var range = merge.Range;
            if (range.FromRow == rowIndex)
            {
                (merge.Value, merge.Format) = (_values[range.FromColumn], _formats[range.FromColumn]);
            }

            for (var c = range.FromColumn; c <= Math.Min(range.ToColumn, _values.Length - 1); c++)
            {
                if (c != range.FromColumn || rowIndex != range.FromRow)
                {
                    (_values[c], _formats[c]) = (merge.Value, merge.Format);
                }
            }
        }
    }

    public override bool IsBlank(int index) => index >= _values.Length || _values[index] switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    public override string? Text(int index)
    {
        if (index >= _values.Length)
        {
            return null;
        }

        var text = _values[index] switch
        {
            null => null,
            string s => s.Trim(),
            double d => NumberParser.Format(d),
            DateTime date => date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString(),
        };
        return text is { Length: > 0 } ? text : null;
    }

    public override CellKind Kind(int index) => index >= _values.Length ? CellKind.Empty : _values[index] switch
    {
        null => CellKind.Empty,
        string s => string.IsNullOrWhiteSpace(s) ? CellKind.Empty : CellKind.Text,
        double or int or long or float or decimal => CellKind.Number,
        DateTime => CellKind.Date,
        bool => CellKind.Boolean,
        _ => CellKind.Text,
    };

    public override double Number(int index) => Convert.ToDouble(_values[index], CultureInfo.InvariantCulture);

    public override DateTime Date(int index) => (DateTime)_values[index]!;

    public override bool Boolean(int index) => (bool)_values[index]!;

    public override bool PercentFormat(int index) => _formats[index] is { } format && IsPercentFormat(format);

    public override bool DateShowsMonth(int index)
    {
        if (_formats[index] is not { } format)
        {
            return true;
        }

        // Quoted literals and [color]/[$-421] sections say nothing about which date parts are shown.
        var visible = StripLiterals(format);
        return visible.Contains('m', StringComparison.OrdinalIgnoreCase) || visible.Contains('d', StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A number format that shows the value ×100 with a percent sign (a % outside quotes).</summary>
    public static bool IsPercentFormat(string format) => StripLiterals(format).Contains('%', StringComparison.Ordinal);

    private static string StripLiterals(string format)
    {
        var kept = new System.Text.StringBuilder(format.Length);
        var quoted = false;
        var bracket = false;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '[')
            {
                bracket = true;
            }
            else if (bracket && c == ']')
            {
                bracket = false;
            }
            else if (!quoted && !bracket && c == '\\')
            {
                i++;
            }
            else if (!quoted && !bracket)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    private sealed class Merge(CellRange range)
    {
        public CellRange Range { get; } = range;

        public object? Value { get; set; }

        public string? Format { get; set; }
    }
}

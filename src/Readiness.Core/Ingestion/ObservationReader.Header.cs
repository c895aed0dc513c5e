using Readiness.Core.Catalog;
using Readiness.Core.Csv;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // The header: the column layout (long or wide, which column is which field) and its errors.
    private sealed partial class Pass
    {
        // Column layout, from the header.
        private readonly List<string> _columnNames = [];
        private readonly Dictionary<Field, int> _fields = [];
        private readonly int[] _fieldAt = [.. Enum.GetValues<Field>().Select(_ => -1)];
        private readonly List<(int Index, Indicator Indicator)> _wideColumns = [];
        private int _headerWidth;
        private bool _wide;

        /// <summary>How far down a title block may push the header: it must be within the first 20 rows.</summary>
        private const int HeaderSearchRows = 20;

        /// <summary>The row the header is on (1 unless a title block is above it).</summary>
        private int _headerRow = 1;

        /// <summary>Whether a row names at least one column of the contract (a field alias or an indicator code).</summary>
        private bool NamesAnyColumn(IReadOnlyList<string> names) =>
            names.Any(n => n.Length > 0 && (HeaderAliases.TryMap(n, out _) || _catalog.TryGet(n, out _)));

        /// <summary>Whether a row names every column the file needs: a header found below a title block.</summary>
        private bool NamesRequiredColumns(IReadOnlyList<string> names)
        {
            var fields = new HashSet<Field>();
            var indicators = 0;
            foreach (var name in names)
            {
                if (name.Length == 0)
                {
                    continue;
                }

                if (HeaderAliases.TryMap(name, out var field))
                {
                    fields.Add(field);
                }
                else if (_catalog.TryGet(name, out _))
                {
                    indicators++;
                }
            }

            var regency = options.UploadRegency is not null || fields.Contains(Field.Regency);
            var layout = fields.Contains(Field.Indicator) && fields.Contains(Field.Value) ? fields.Contains(Field.Period)
                : !fields.Contains(Field.Indicator) && !fields.Contains(Field.Value) && indicators > 0 && fields.Contains(Field.Period);
            return regency && layout;
        }

        private void HeaderFoundBelowTitle(int headerRow, IReadOnlyList<string> firstRow)
        {
            var title = string.Join(" ", firstRow.Where(n => n.Length > 0));
            Warning(headerRow, null, null, ReaderMessages.HeaderBelowTitle(headerRow, Shorten(title) ?? ""), null);
        }

        private bool ReadHeader(IReadOnlyList<string> headers, int headerRow)
        {
            _headerRow = headerRow;
            var lastNamed = -1;
            for (var i = 0; i < headers.Count; i++)
            {
                _columnNames.Add(headers[i].Trim().Trim('\uFEFF'));
                if (_columnNames[i].Length > 0)
                {
                    lastNamed = i;
                }
            }

            if (lastNamed < 0)
            {
                HeaderError(null, null, ReaderMessages.BlankFirstRow);
                return false;
            }

            _headerWidth = lastNamed + 1;
            if (_headerWidth < headers.Count)
            {
                Warning(headerRow, null, null, ReaderMessages.BlankColumnsAfterHeader(headers.Count - _headerWidth, ColumnLetter(_headerWidth)), null);
            }

            var fatal = false;
            var firstByField = new Dictionary<Field, int>();
            var unknown = new List<int>();
            for (var i = 0; i < _headerWidth; i++)
            {
                var name = _columnNames[i];
                if (name.Length == 0)
                {
                    HeaderError(i, null, ReaderMessages.UnnamedColumn(ColumnLetter(i)));
                    fatal = true;
                }
                else if (HeaderAliases.TryMap(name, out var field))
                {
                    if (firstByField.TryGetValue(field, out var first))
                    {
                        HeaderError(i, name, ReaderMessages.SameFieldTwice(ColumnLetter(first), _columnNames[first], ColumnLetter(i), name, HeaderAliases.Canonical(field)));
                        fatal = true;
                    }
                    else
                    {
                        firstByField[field] = i;
                    }
                }
                else if (_catalog.TryGet(name, out var indicator))
                {
                    if (_wideColumns.Exists(c => c.Indicator == indicator))
                    {
                        HeaderError(i, name, ReaderMessages.IndicatorColumnTwice(indicator));
                        fatal = true;
                    }
                    else
                    {
                        _wideColumns.Add((i, indicator));
                    }
                }
                else
                {
                    unknown.Add(i);
                }
            }

            foreach (var (field, index) in firstByField)
            {
                _fields[field] = index;
                _fieldAt[(int)field] = index;
            }

            _wide = !_fields.ContainsKey(Field.Indicator) && !_fields.ContainsKey(Field.Value) && _wideColumns.Count > 0;
            report.Format = _wide ? "wide" : "long";
            foreach (var i in unknown)
            {
                var name = _columnNames[i];
                if (_wide && LooksLikeIndicatorCode(name))
                {
                    HeaderError(i, name, ReaderMessages.UnknownIndicatorColumn(name, _catalog.Version));
                    fatal = true;
                }
                else
                {
                    Warning(headerRow, name, CellRef(i, headerRow), ReaderMessages.UnknownColumn(name, _wide), name);
                }
            }

            if (!_wide && _wideColumns.Count > 0)
            {
                foreach (var (index, _) in _wideColumns)
                {
                    Warning(headerRow, _columnNames[index], CellRef(index, headerRow), ReaderMessages.IndicatorColumnInLongFormat(_columnNames[index]), _columnNames[index]);
                }

                _wideColumns.Clear();
            }

            IEnumerable<Field> required = _wide ? [Field.Period] : [Field.Indicator, Field.Period, Field.Value];
            if (options.UploadRegency is null)
            {
                required = required.Prepend(Field.Regency);
            }

            foreach (var field in required.Where(f => !_fields.ContainsKey(f)))
            {
                HeaderError(null, HeaderAliases.Canonical(field), ReaderMessages.MissingColumn(field, hasWideColumns: _wideColumns.Count > 0, _columnNames));
                fatal = true;
            }

            return !fatal;
        }

        private static bool LooksLikeIndicatorCode(string name) =>
            name.Length is >= 4 and <= 12 && name.Contains('-', StringComparison.Ordinal) && name.Any(char.IsAsciiDigit) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }
}

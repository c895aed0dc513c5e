using CsvHelper;
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

        private bool ReadHeader(CsvReader reader)
        {
            var headers = reader.Headers;
            report.Delimiter = reader.Separator == '\t' ? "\t" : reader.Separator.ToString();
            StyleFromOptionOrSeparator(reader.Separator);

            if (headers.Count > options.Limits.MaxColumns)
            {
                FileError(ReaderMessages.TooManyColumns(headers.Count, options.Limits.MaxColumns));
                return false;
            }

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
                Warning(1, null, null, ReaderMessages.BlankColumnsAfterHeader(headers.Count - _headerWidth, ColumnLetter(_headerWidth)), null);
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
                    Warning(1, name, CellRef(i, 1), ReaderMessages.UnknownColumn(name, _wide), name);
                }
            }

            if (!_wide && _wideColumns.Count > 0)
            {
                foreach (var (index, _) in _wideColumns)
                {
                    Warning(1, _columnNames[index], CellRef(index, 1), ReaderMessages.IndicatorColumnInLongFormat(_columnNames[index]), _columnNames[index]);
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

using Readiness.Core.Catalog;
using Readiness.Core.Normalization;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // The file's number style (id-ID 1.234,5 or en-US 1,234.5): decided once, by the option, the separator or the
    // first cell that tells; cells that read differently in the two styles wait for the decision.
    private sealed partial class Pass
    {
        private readonly List<Deferred> _deferred = [];
        private StyleDecision? _style;
        private bool _styleForced;

        /// <summary>Reading a workbook: its number cells are typed, so only its text cells have a style.</summary>
        private bool _workbook;

        private sealed record StyleDecision(NumberStyle Style, ReaderMessages.StyleReason Reason);

        private sealed record Deferred(int Row, string? Column, string? Cell, Indicator Indicator, string Text);

        /// <summary>What a cell's evidence means under the style decided so far.</summary>
        private enum StyleVerdict
        {
            /// <summary>Read the value in the file's style.</summary>
            Read,
            /// <summary>Reads differently in the two styles and nothing has decided: wait for the decision.</summary>
            Defer,
            /// <summary>The first cell that tells: it decides the file's style.</summary>
            Decides,
            /// <summary>Only readable in the style the file does not use: an error.</summary>
            Contradicts,
            NotANumber,
        }

        /// <summary>The one rule both paths follow: the fast path takes a value only when this says <see cref="StyleVerdict.Read"/>.</summary>
        private StyleVerdict Judge(StyleEvidence evidence) => evidence switch
        {
            StyleEvidence.NotANumber => StyleVerdict.NotANumber,
            StyleEvidence.None => StyleVerdict.Read,
            StyleEvidence.Ambiguous => _style is null ? StyleVerdict.Defer : StyleVerdict.Read,
            _ when _style is null => StyleVerdict.Decides,
            _ => _style.Style == StyleOf(evidence) ? StyleVerdict.Read : StyleVerdict.Contradicts,
        };

        /// <summary>The value in the file's style (en-US while none is decided: only values that read alike get here then).</summary>
        private double InStyle(double asComma, double asPoint) =>
            (_style?.Style ?? NumberStyle.DecimalPoint) == NumberStyle.DecimalComma ? asComma : asPoint;

        /// <summary>The value in the style the file does not use: the other reading of an ambiguous cell.</summary>
        private double OtherStyle(double asComma, double asPoint) =>
            (_style?.Style ?? NumberStyle.DecimalPoint) == NumberStyle.DecimalComma ? asPoint : asComma;

        private static NumberStyle StyleOf(StyleEvidence evidence) =>
            evidence == StyleEvidence.DecimalComma ? NumberStyle.DecimalComma : NumberStyle.DecimalPoint;

        private void Decide(NumberStyle style, string? cell, string text)
        {
            _style = new StyleDecision(style, ReaderMessages.StyleFromCell(cell, text, style));
            RecordStyle();
        }

        /// <summary>Puts the decided style on the report: as a value for the reading pass, by name for the user.</summary>
        private void RecordStyle()
        {
            report.NumberStyle = _style?.Style;
            report.Locale = _style?.Style.LocaleName();
        }

        private void ReportOtherStyle(int row, string? name, string? cell, string text, NumberStyle style) =>
            Error(row, name, cell, _styleForced ? ReaderMessages.NotInForcedStyle(text, _style!.Style) : ReaderMessages.InconsistentStyle(text, style, _style!.Style, _style.Reason), text);

        /// <summary>The style known before any cell: the locale option's, else decimal commas for ';' and tab files.</summary>
        private void StyleFromOptionOrSeparator(char separator)
        {
            if (options.Locale is { } forced)
            {
                (_style, _styleForced) = (new StyleDecision(forced, ReaderMessages.StyleFromOption), true);
            }
            else if (separator is ';' or '\t')
            {
                _style = new StyleDecision(NumberStyle.DecimalComma, ReaderMessages.StyleFromSeparator(separator));
            }

            RecordStyle();
        }

        private static double ParseAs(ReadOnlySpan<char> number, NumberStyle style) =>
            NumberParser.TryParse(number, style, out var value) ? value : double.NaN;

        /// <summary>
        /// Ends a file whose style no cell decided. Values such as <c>1.250</c> read differently in the two styles and
        /// are never stored on a guess: the indicator's type is evidence (a count is whole, a value outside the valid
        /// range is not a reading), and when it points one way for every such cell that decides the file's style; when
        /// nothing decides, each of them is an <c>ambiguous-number-format</c> error naming both readings.
        /// </summary>
        private void FinishNumberStyle()
        {
            if (_style is null && _deferred.Count == 0)
            {
                if (!_workbook)
                {
                    // A comma file whose numbers all read alike: en-US, as before; a workbook's numbers are typed.
                    _style = new StyleDecision(NumberStyle.DecimalPoint, ReaderMessages.StyleByDefault);
                    RecordStyle();
                }

                return;
            }

            if (_style is null)
            {
                Deferred? commaWitness = null, pointWitness = null;
                foreach (var deferred in _deferred)
                {
                    var (asComma, asPoint) = (ParseAs(deferred.Text, NumberStyle.DecimalComma), ParseAs(deferred.Text, NumberStyle.DecimalPoint));
                    if (ContradictsType(deferred.Indicator, asPoint, asComma))
                    {
                        commaWitness ??= deferred;
                    }
                    else if (ContradictsType(deferred.Indicator, asComma, asPoint))
                    {
                        pointWitness ??= deferred;
                    }
                }

                if ((commaWitness ?? pointWitness) is not { } witness || (commaWitness is not null && pointWitness is not null))
                {
                    RejectUndecided();
                    return;
                }

                var style = commaWitness is not null ? NumberStyle.DecimalComma : NumberStyle.DecimalPoint;
                var value = ParseAs(witness.Text, style);
                _style = new StyleDecision(style, ReaderMessages.StyleFromIndicatorType(witness.Cell, witness.Text, witness.Indicator, value));
                RecordStyle();
                Warning(witness.Row, witness.Column, witness.Cell, ReaderMessages.StyleDecidedByType(_deferred.Count, witness.Text, witness.Indicator, value, style), witness.Text);
            }

            foreach (var deferred in _deferred)
            {
                CheckRange(deferred.Row, deferred.Column, deferred.Cell, deferred.Indicator, ParseAs(deferred.Text, _style.Style), deferred.Text);
            }
        }

        /// <summary>Nothing decides the style: every value that reads differently in the two is an error, none a guess.</summary>
        private void RejectUndecided()
        {
            _style = new StyleDecision(NumberStyle.DecimalPoint, ReaderMessages.StyleByDefault);
            RecordStyle();
            foreach (var deferred in _deferred)
            {
                var (asComma, asPoint) = (ParseAs(deferred.Text, NumberStyle.DecimalComma), ParseAs(deferred.Text, NumberStyle.DecimalPoint));
                if (!deferred.Indicator.InRange(asComma) && !deferred.Indicator.InRange(asPoint))
                {
                    Error(deferred.Row, deferred.Column, deferred.Cell, ReaderMessages.OutOfRange(asPoint, deferred.Indicator), deferred.Text);
                }
                else
                {
                    Error(deferred.Row, deferred.Column, deferred.Cell, ReaderMessages.AmbiguousNumber(deferred.Text, deferred.Indicator, asComma, asPoint), deferred.Text);
                }
            }
        }
    }
}

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

        /// <summary>Ends a comma-separated file whose style no cell decided: values such as 1.234 were read in en-US style.</summary>
        private void FinishNumberStyle()
        {
            if (_style is null)
            {
                _style = new StyleDecision(NumberStyle.DecimalPoint, ReaderMessages.StyleByDefault);
                RecordStyle();
                if (_deferred.Count > 0)
                {
                    var first = _deferred[0];
                    Warning(first.Row, first.Column, first.Cell, ReaderMessages.ReadAsEnglish(_deferred.Count, first.Text, ParseAs(first.Text, NumberStyle.DecimalPoint)), first.Text);
                }
            }

            foreach (var deferred in _deferred)
            {
                CheckRange(deferred.Row, deferred.Column, deferred.Cell, deferred.Indicator, ParseAs(deferred.Text, _style.Style), deferred.Text);
            }
        }
    }
}

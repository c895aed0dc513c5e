using System.Buffers;
using System.Globalization;
using System.Text;
using Readiness.Core.Csv;

namespace Readiness.Core.Ingestion;

public sealed partial class ObservationReader
{
    // Text cells as a user sees them: lengths in characters (text elements), and control characters a spreadsheet
    // does not show (a badly encoded export) removed from the stored texts with a warning.
    private sealed partial class Pass
    {
        /// <summary>C0 controls but tab and line breaks (which Excel writes inside a cell), DEL and the C1 controls.</summary>
        private static readonly SearchValues<char> ControlChars = SearchValues.Create(
            [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (char)c), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c)]);

        /// <summary>The same controls among the bytes of ASCII text (the C1 controls are not ASCII).</summary>
        private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
            [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (byte)c), 0x7F]);

        /// <summary>The characters of a text as a user counts them: an emoji or a letter with its accent is one.</summary>
        private static int Characters(string text) => System.Text.Ascii.IsValid(text) ? text.Length : new StringInfo(text).LengthInTextElements;

        /// <summary>Whether ASCII bytes hold a control character the general path would report.</summary>
        private static bool HasControlBytes(ReadOnlySpan<byte> bytes) => bytes.IndexOfAny(ControlBytes) >= 0;

        private static bool HasControlChars(string text) => text.AsSpan().IndexOfAny(ControlChars) >= 0;

        /// <summary>
        /// A stored text cell (unit, note) without its control characters, with a warning naming the cell and the
        /// characters; null when nothing printable is left.
        /// </summary>
        private string? Printable(int row, Field field, string? text)
        {
            if (text is null || !HasControlChars(text))
            {
                return text;
            }

            var kept = new StringBuilder(text.Length);
            var found = new SortedSet<int>();
            foreach (var c in text)
            {
                if (ControlChars.Contains(c))
                {
                    found.Add(c);
                }
                else
                {
                    kept.Append(c);
                }
            }

            var printable = kept.ToString().Trim();
            var column = _fieldAt[(int)field];
            var codes = string.Join(", ", found.Select(c => string.Create(CultureInfo.InvariantCulture, $"U+{c:X4}")));
            Warning(row, Name(column), CellRef(column, row), ReaderMessages.ControlCharacters(codes, Shorten(printable)!), Shorten(text));
            return printable.Length == 0 ? null : printable;
        }
    }
}

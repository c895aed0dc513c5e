using System.Buffers;
using System.Globalization;
using System.Text;

namespace Readiness.Cli.Output;

/// <summary>
/// Text from a file, a report or the registry made safe to print on a terminal: control characters (C0, DEL, C1:
/// the escape sequences that retitle, recolour or clear a terminal) and the bidirectional overrides that reorder
/// what is shown are written as <c>\u001b</c>, so a cell can neither act on the operator's terminal nor hide from
/// them. Every printer in <c>cli/Output</c> passes what it did not write itself through <see cref="Safe"/>.
/// </summary>
internal static class TerminalText
{
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c),
         '\u061C', '\u200E', '\u200F', .. Enumerable.Range(0x202A, 5).Select(c => (char)c), .. Enumerable.Range(0x2066, 4).Select(c => (char)c)]);

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Unsafe) < 0)
        {
            return text ?? "";
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Unsafe.Contains(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

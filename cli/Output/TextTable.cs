namespace Readiness.Cli.Output;

/// <summary>A plain-text table for the terminal: columns as wide as their widest cell, numbers right-aligned; every
/// cell printed through <see cref="TerminalText.Safe"/> (names come from the registry and the catalog).</summary>
internal sealed class TextTable(params TextColumn[] columns)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length)
        {
            throw new ArgumentException($"A row of this table has {columns.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add([.. cells.Select(TerminalText.Safe)]);
    }

    public void Write(TextWriter output, string indent = "  ")
    {
        var headers = columns.Select(c => TerminalText.Safe(c.Header)).ToArray();
        var widths = columns.Select((c, i) => _rows.Select(r => r[i].Length).Append(headers[i].Length).Max()).ToArray();
        output.WriteLine(Line(headers));
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row));
        }

        string Line(string[] cells) =>
            (indent + string.Join("  ", cells.Select((cell, i) => columns[i].Right ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])))).TrimEnd();
    }
}

/// <summary>A column of a <see cref="TextTable"/>: its header, and whether its cells are numbers (right-aligned).</summary>
internal sealed record TextColumn(string Header, bool Right = false)
{
    public static TextColumn Number(string header) => new(header, Right: true);
}

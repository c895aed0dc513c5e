using System.Globalization;
using System.Text;

namespace Readiness.EndToEnd;

/// <summary>How a figure compares with its ceiling.</summary>
public enum TargetKind
{
    /// <summary>The figure is a rate: ratio = figure / ceiling must be at least the bound.</summary>
    AtLeast,

    /// <summary>The figure is a time or a size: ratio = figure / ceiling must be at most the bound.</summary>
    AtMost,
}

/// <summary>One line of the results table.</summary>
public sealed record ResultRow(string Stage, string Figure, double FigureValue, string Ceiling, double CeilingValue, TargetKind Kind, double Bound, string? ExtraCondition = null, bool ExtraConditionMet = true)
{
    public double Ratio => FigureValue / CeilingValue;

    public bool Pass => ExtraConditionMet && (Kind == TargetKind.AtLeast ? Ratio >= Bound : Ratio <= Bound);

    public string TargetText => (Kind == TargetKind.AtLeast ? "≥ " : "≤ ") + Bound.ToString("0.0#", CultureInfo.InvariantCulture) + " ×" + (ExtraCondition is null ? "" : "; " + ExtraCondition);

    /// <summary>How far from the bound: the margin (PASS) or the shortfall (MISS), in percent of the bound.</summary>
    public string Margin
    {
        get
        {
            var distance = Kind == TargetKind.AtLeast ? (Ratio - Bound) / Bound : (Bound - Ratio) / Bound;
            return distance.ToString("+0%;-0%", CultureInfo.InvariantCulture);
        }
    }
}

/// <summary>Collects the results and the notes of one run and writes them as Markdown.</summary>
public sealed class BenchReport
{
    public const string EnvironmentSection = "Environment";

    private readonly List<ResultRow> _rows = [];
    private readonly List<(string Title, List<string> Lines)> _sections = [];

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(ResultRow row)
    {
        _rows.Add(row);
        Console.WriteLine($"  {row.Stage}: {row.Figure} vs {row.Ceiling} → ratio {F(row.Ratio, "0.00")} ({row.TargetText}) {(row.Pass ? "PASS" : "MISS")}");
    }

    /// <summary>Adds a line to a named section of notes (created on first use, kept in order).</summary>
    public void Note(string section, string line)
    {
        var existing = _sections.FindIndex(s => s.Title == section);
        if (existing < 0)
        {
            _sections.Add((section, [line]));
        }
        else
        {
            _sections[existing].Lines.Add(line);
        }

        Console.WriteLine($"  [{section}] {line}");
    }

    public string ToMarkdown(string header)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark results");
        md.AppendLine();
        md.AppendLine(header);
        md.AppendLine();
        md.AppendLine("| stage | figure | ceiling measured in the same run | ratio | target | result |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var row in _rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Stage} | {row.Figure} | {row.Ceiling} | {F(row.Ratio, "0.00")} × | {row.TargetText} | {(row.Pass ? "PASS" : "**MISS**")} ({row.Margin}) |");
        }

        md.AppendLine();
        var missed = _rows.Where(r => !r.Pass).ToList();
        md.AppendLine(missed.Count == 0
            ? "All targets met."
            : $"{missed.Count} of {_rows.Count} targets missed: {string.Join("; ", missed.Select(m => $"{m.Stage} ({m.Margin} from the target)"))}.");
        // The environment last, whenever it was first noted.
        foreach (var (title, lines) in _sections.OrderBy(s => s.Title == EnvironmentSection ? 1 : 0))
        {
            md.AppendLine();
            md.AppendLine("## " + title);
            md.AppendLine();
            var inTable = false;
            foreach (var line in lines)
            {
                var tableLine = line.StartsWith('|');
                if (tableLine != inTable && md.Length > 0)
                {
                    md.AppendLine(); // a table needs blank lines around it to render after a list
                }

                md.AppendLine(tableLine ? line : "- " + line);
                inTable = tableLine;
            }
        }

        return md.ToString();
    }

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}

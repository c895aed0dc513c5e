using System.Globalization;
using CsvHelper;

namespace Readiness.Core.Scoring;

/// <summary>
/// The score table as CSV, with the same columns as the <c>scores</c> table, for analysts and Excel. Text cells that a
/// spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR) get a leading apostrophe;
/// numbers are written as numbers, so <c>-3.5</c> stays <c>-3.5</c>.
/// </summary>
public static class ScoreCsv
{
    public static readonly string[] Columns =
    [
        "Year", "RegencyCode", "RegencyName", "ProvinceCode", "ProvinceName", "Overall", "Governance", "Branding", "Economy",
        "Living", "Society", "Environment", "Coverage", "Level", "LevelName", "NationalRank", "ProvinceRank", "Trend",
        "IndicatorsReported", "IndicatorsTotal", "CatalogVersion",
    ];

    /// <summary>Writer options every CSV the system writes out uses: RFC 4180, UTF-8, formula injection escaped.</summary>
    public static CsvWriterOptions SafeOptions { get; } = new()
    {
        Injection = CsvInjection.Escape,
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static void Write(IEnumerable<RegencyScore> scores, Stream output)
    {
        using var writer = CsvWriter.Create(output, SafeOptions, leaveOpen: true);
        writer.WriteRecord(Columns);
        foreach (var s in scores)
        {
            writer.WriteField(s.Year);
            writer.WriteField(s.RegencyCode);
            writer.WriteField(s.RegencyName);
            writer.WriteField(s.ProvinceCode);
            writer.WriteField(s.ProvinceName);
            writer.WriteField(s.Overall);
            writer.WriteField(s.Governance);
            writer.WriteField(s.Branding);
            writer.WriteField(s.Economy);
            writer.WriteField(s.Living);
            writer.WriteField(s.Society);
            writer.WriteField(s.Environment);
            writer.WriteField(s.Coverage);
            writer.WriteField(s.Level);
            writer.WriteField(s.LevelName);
            writer.WriteField(s.NationalRank);
            writer.WriteField(s.ProvinceRank);
            writer.WriteField(s.Trend);
            writer.WriteField(s.IndicatorsReported);
            writer.WriteField(s.IndicatorsTotal);
            writer.WriteField(s.CatalogVersion);
            writer.EndRecord();
        }

        writer.Flush();
    }

    public static string ToText(IEnumerable<RegencyScore> scores)
    {
        using var buffer = new MemoryStream();
        Write(scores, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Globalization;
using CsvHelper;

namespace Readiness.Core.Scoring;

/// <summary>
/// The score table as CSV, the rows of <see cref="ScoreRow"/> with the same columns as the <c>scores</c> table, for analysts and Excel. Text cells that a
/// spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR) get a leading apostrophe;
/// numbers are written as numbers, so <c>-3.5</c> stays <c>-3.5</c>.
/// </summary>
public static class ScoreCsv
{
    /// <summary>The published column names, in order: what analysts' sheets and Power BI reports are built on, so
    /// <see cref="ScoreRow"/> keeps them (the export tests compare its header, Parquet schema and JSON to these).</summary>
    public static readonly string[] Columns =
    [
        "Year", "RegencyCode", "RegencyName", "ProvinceCode", "ProvinceName", "Overall", "Governance", "Branding", "Economy",
        "Living", "Society", "Environment", "Coverage", "Level", "LevelName", "NationalRank", "ProvinceRank", "Trend",
        "IndicatorsReported", "IndicatorsTotal", "CatalogVersion", "PeerGroup", "PeerRank", "GovernanceCoverage",
        "BrandingCoverage", "EconomyCoverage", "LivingCoverage", "SocietyCoverage", "EnvironmentCoverage", "ComputedAt", "Status",
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
        // Header and fields from the same generated mapping of ScoreRow, so they cannot drift apart.
        writer.WriteHeader<ScoreRow>();
        foreach (var row in scores.Select(ScoreRow.From))
        {
            writer.WriteRecord(row);
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

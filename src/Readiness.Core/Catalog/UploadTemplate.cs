using System.Globalization;
using CsvHelper;
using Readiness.Core.Scoring;

namespace Readiness.Core.Catalog;

/// <summary>A CSV a regency can fill in: every catalog indicator, in long or wide format, formula-safe.</summary>
public static class UploadTemplate
{
    /// <summary>Long: one row per indicator with the regency and period filled in and the value left empty.
    /// Wide: the header and one row per period.</summary>
    public static void Write(IndicatorCatalog catalog, bool wide, string regencyCode, int year, Stream output)
    {
        using var writer = CsvWriter.Create(output, ScoreCsv.SafeOptions, leaveOpen: true);
        var period = year.ToString(CultureInfo.InvariantCulture);
        if (wide)
        {
            writer.WriteRecord(["regency_code", "period", .. catalog.Indicators.Select(i => i.Code)]);
            writer.WriteRecord([regencyCode, period, .. catalog.Indicators.Select(_ => "")]);
        }
        else
        {
            writer.WriteRecord(["regency_code", "indicator_code", "period", "value", "unit", "note"]);
            foreach (var indicator in catalog.Indicators)
            {
                writer.WriteRecord([regencyCode, indicator.Code, period, "", indicator.Unit.ToString().ToLowerInvariant(), $"{indicator.Name} ({indicator.RangeText})"]);
            }
        }

        writer.Flush();
    }
}

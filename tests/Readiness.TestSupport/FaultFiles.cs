using System.Globalization;
using System.Text;
using Readiness.Core.Catalog;

namespace Readiness.TestSupport;

/// <summary>Valid long-format files of the sample registry and the default catalog for the fault tests: every
/// indicator of each regency, monthly, with a value inside the indicator's range that <c>variant</c> shifts in the even
/// months only, so two variants differ in half the keys and agree in the other half (the mix that exercises imported,
/// updated and unchanged at once).</summary>
public static class FaultFiles
{
    public const string Header = "regency_code,indicator_code,period,value\n";

    public static string Long(IEnumerable<string> regencyCodes, int variant, int months = 12, int year = 2024)
    {
        var csv = new StringBuilder(Header);
        foreach (var regency in regencyCodes)
        {
            foreach (var indicator in CatalogFile.Default.Indicators)
            {
                for (var month = 1; month <= months; month++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{regency},{indicator.Code},{year}-{month:00},{Value(indicator, month + (month % 2 == 0 ? variant : 0))}\n");
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>The first <paramref name="count"/> regencies of the sample registry.</summary>
    public static IReadOnlyList<string> Regencies(int count) => [.. Samples.Registry.Regencies.Take(count).Select(r => r.Code)];

    private static int Value(Indicator indicator, int seed) => indicator.Unit switch
    {
        IndicatorUnit.Boolean => seed % 2,
        IndicatorUnit.Index when indicator.Max == 5 => 1 + (seed % 5),
        _ => 1 + (seed % 25),
    };
}

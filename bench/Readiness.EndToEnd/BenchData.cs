using System.Globalization;
using System.Text;
using Readiness.Core.Catalog;
using Readiness.Core.Observations;
using Readiness.Core.Registry;

namespace Readiness.BenchData;

/// <summary>
/// The benchmark data, generated deterministically: the same bytes on every machine and every run.
/// <para>
/// The registry comes from <c>../shared/data/regencies.csv</c> (514 regencies, BPS codes) and <c>provinces.csv</c>.
/// The benchmark needs 514 distinct, valid Kemendagri-style codes, not the official Kemendagri mapping, so each code is
/// synthesized from the BPS code's digits (<c>1308</c> becomes <c>13.08</c>) and the BPS code is kept as the
/// regency's BPS code. For real data the registry must be imported from Kemendagri's list: BPS and Kemendagri codes
/// differ inside some provinces (BPS <c>1308</c> is Lima Puluh Kota, which Kemendagri writes <c>13.07</c>).
/// </para>
/// <para>
/// Every value is a pure function of (regency, indicator, period, variant), so any file's rows agree with any other's,
/// and a different <c>variant</c> changes every value (for uploads that must write).
/// </para>
/// </summary>
public static class BenchDataSet
{
    public const string Header = "regency_code,indicator_code,period,value,unit,note";

    /// <summary>The year of the 1× national file and of the single-regency file.</summary>
    public const int Year = 2024;

    /// <summary>The 10× file covers ten years, ending with <see cref="Year"/>.</summary>
    public const int Years10x = 10;

    public static IndicatorCatalog Catalog => CatalogFile.Default;

    /// <summary>The repository root: the first folder above the program (or the working directory) with Readiness.slnx.</summary>
    public static string RepositoryRoot => Readiness.Development.RepositoryRoot.OfThisBuild;

    /// <summary>Where regencies.csv and provinces.csv are read from: READINESS_SHARED_DATA or ../shared/data.</summary>
    public static string SharedDataDirectory => Readiness.Development.SharedData.DirectoryOf(RepositoryRoot);

    private static readonly Lazy<RegencyRegistry> LazyRegistry = new(() => LoadRegistry(SharedDataDirectory));

    public static RegencyRegistry Registry => LazyRegistry.Value;

    /// <summary>Builds the registry from the shared BPS lists (see the class remarks for the code scheme).</summary>
    public static RegencyRegistry LoadRegistry(string directory)
    {
        var culture = CultureInfo.InvariantCulture;
        var provinces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(directory, "provinces.csv")))
        {
            var parts = SplitLine(line);
            if (parts.Length >= 2)
            {
                provinces[parts[0]] = TitleCase(parts[1]);
            }
        }

        var regencies = new List<Regency>();
        foreach (var line in File.ReadLines(Path.Combine(directory, "regencies.csv")))
        {
            var parts = SplitLine(line);
            if (parts.Length < 3 || parts[0].Length != 4 || !parts[0].All(char.IsAsciiDigit))
            {
                continue;
            }

            var bps = parts[0];
            var code = string.Create(culture, $"{bps[..2]}.{bps[2..]}");
            regencies.Add(new Regency(code, TitleCase(parts[2]), parts[1], provinces.GetValueOrDefault(parts[1], ""), bps, []));
        }

        return new RegencyRegistry(regencies);
    }

    /// <summary>Rows of the national long file: every regency × every indicator × the 12 months of each year.</summary>
    public static long NationalRows(int years) => (long)Registry.Count * Catalog.Indicators.Count * 12 * years;

    /// <summary>The national long file: <paramref name="years"/> years ending with <see cref="Year"/>, regency by regency.</summary>
    public static void WriteNational(Stream output, int years, int variant = 0) => WriteNationalYears(output, Year - years + 1, Year, variant);

    /// <summary>The national long file of the years <paramref name="firstYear"/> to <paramref name="lastYear"/> (not an
    /// overload of <see cref="WriteNational"/>: (output, 2019, 2019) bound to (output, years, variant) and wrote 2,014
    /// years).</summary>
    public static void WriteNationalYears(Stream output, int firstYear, int lastYear, int variant = 0)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Header);
        foreach (var regency in Registry.Regencies)
        {
            WriteRegency(writer, regency, firstYear, lastYear, variant);
        }
    }

    /// <summary>A typical single-regency upload: 24 indicators × 12 months of one year = 288 rows.</summary>
    public static void WriteSingle(Stream output, Regency regency, int variant = 0)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 14, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine(Header);
        WriteRegency(writer, regency, Year, Year, variant);
    }

    public static byte[] National(int years, int variant = 0)
    {
        using var buffer = new MemoryStream();
        WriteNational(buffer, years, variant);
        return buffer.ToArray();
    }

    public static byte[] Single(Regency regency, int variant = 0)
    {
        using var buffer = new MemoryStream();
        WriteSingle(buffer, regency, variant);
        return buffer.ToArray();
    }

    /// <summary>The observations a file of <paramref name="regency"/> for <see cref="Year"/> stores, in row-key order.</summary>
    public static List<Observation> Observations(Regency regency, string uploadId, DateTimeOffset submittedAt, int variant = 0)
    {
        var list = new List<Observation>(12 * Catalog.Indicators.Count);
        for (var month = 1; month <= 12; month++)
        {
            var period = Period.OfMonth(Year, month);
            for (var i = 0; i < Catalog.Indicators.Count; i++)
            {
                var indicator = Catalog.Indicators[i];
                var value = double.Parse(ValueText(regency, i, indicator, period, variant), NumberStyles.Float, CultureInfo.InvariantCulture);
                list.Add(new Observation(regency.Code, indicator.Code, period, value, null, null, uploadId, submittedAt));
            }
        }

        list.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        return list;
    }

    private static void WriteRegency(StreamWriter writer, Regency regency, int firstYear, int lastYear, int variant)
    {
        for (var year = firstYear; year <= lastYear; year++)
        {
            for (var month = 1; month <= 12; month++)
            {
                var period = Period.OfMonth(year, month);
                var periodText = period.ToString();
                for (var i = 0; i < Catalog.Indicators.Count; i++)
                {
                    var indicator = Catalog.Indicators[i];
                    writer.Write(regency.Code);
                    writer.Write(',');
                    writer.Write(indicator.Code);
                    writer.Write(',');
                    writer.Write(periodText);
                    writer.Write(',');
                    writer.Write(ValueText(regency, i, indicator, period, variant));
                    writer.Write(",,\n");
                }
            }
        }
    }

    /// <summary>
    /// A plausible value inside the indicator's valid range, written the way an en-US export writes it. Never three
    /// decimals (<c>1.234</c> would be ambiguous between the two number styles) and never a thousands separator.
    /// </summary>
    public static string ValueText(Regency regency, int indicatorIndex, Indicator indicator, Period period, int variant)
    {
        var u = Unit(Hash(regency.Code, indicatorIndex, period.SortKey, variant));
        var culture = CultureInfo.InvariantCulture;
        switch (indicator.Unit)
        {
            case IndicatorUnit.Boolean:
                return u < 0.6 ? "1" : "0";
            case IndicatorUnit.Count:
                return ((int)Math.Floor(u * 2_000)).ToString(culture);
            case IndicatorUnit.Index or IndicatorUnit.Level:
                {
                    var (lo, hi) = (indicator.Min ?? 1, indicator.Max ?? 5);
                    return Clamp(Math.Round(lo + (u * (hi - lo)), 2), lo, hi).ToString("0.00", culture);
                }

            default:
                {
                    var lo = indicator.Min ?? 0;
                    var hi = indicator.Max ?? indicator.Unit switch
                    {
                        IndicatorUnit.Days => 30,
                        IndicatorUnit.Minutes => 120,
                        IndicatorUnit.Ratio => 1_500,
                        _ => 100,
                    };
                    return Clamp(Math.Round(lo + (u * (hi - lo)), 1), lo, hi).ToString("0.0", culture);
                }
        }
    }

    /// <summary>The first year of <see cref="YearlyHistory"/>: ten years ending with <see cref="Year"/>.</summary>
    public const int HistoryFirstYear = Year - Years10x + 1;

    /// <summary>
    /// A regency's yearly values as real data moves (issue 15's honesty benchmark; the quality cost's seed): each
    /// regency has a development level shared by its indicators (well-connected regencies score well on most), each
    /// indicator its own offset from it, a trend over the years and year-to-year noise; values stay inside the valid
    /// range only (a percentage saturates at 100), nothing is fitted to the catalog's rules. About one regency in six
    /// starts reporting late (2019–2021), so its latest year has only 3 to 5 earlier ones. Deterministic.
    /// </summary>
    public static List<Observation> YearlyHistory(string regencyCode, IndicatorCatalog catalog)
    {
        var random = new Random((int)(Hash(regencyCode, -1, 0, 15) & 0x7FFF_FFFF));
        var development = random.NextDouble();
        var start = random.NextDouble() < 1.0 / 6 ? 2019 + random.Next(3) : HistoryFirstYear;
        var rows = new List<Observation>((Year - start + 1) * catalog.Indicators.Count);
        foreach (var indicator in catalog.Indicators)
        {
            var profile = ProfileOf(indicator);
            // The regency's own standing on this indicator: its development plus an offset of its own.
            var standing = Math.Clamp(development + (0.15 * Gaussian(random)), 0, 1);
            var lo = indicator.Min ?? double.MinValue;
            var hi = indicator.Max ?? double.MaxValue;
            var adoption = Year - (int)Math.Round(9 * (1 - standing)) - random.Next(3);
            for (var year = start; year <= Year; year++)
            {
                var t = year - HistoryFirstYear;
                double value;
                if (indicator.IsBoolean)
                {
                    // A portal, once launched, stays.
                    value = year >= adoption ? 1 : 0;
                }
                else if (profile.Multiplicative)
                {
                    // Counts and ratios: a level spread log-normally over the regencies, growing by a share a year.
                    var level = profile.Low * Math.Pow(profile.High / profile.Low, standing);
                    value = level * Math.Exp((profile.Trend * t) + (profile.Noise * Gaussian(random)));
                    value = indicator.Unit == IndicatorUnit.Count ? Math.Round(value) : value;
                }
                else
                {
                    var level = profile.Low + ((profile.High - profile.Low) * standing);
                    value = level + (profile.Trend * (t - 5)) + (profile.Noise * Gaussian(random));
                }

                value = Math.Round(Clamp(value, lo, hi), indicator.Unit == IndicatorUnit.Count ? 0 : 2);
                rows.Add(new Observation(regencyCode, indicator.Code, Period.OfYear(year), value, null, null, "bench", DateTimeOffset.UnixEpoch));
            }
        }

        return rows;
    }

    /// <param name="Low">The typical level of the least developed regency (the most developed: <paramref name="High"/>).</param>
    /// <param name="Trend">Per year: points (additive) or a share (multiplicative, 0.1 = +10 %).</param>
    /// <param name="Noise">Year to year: points (additive) or a log-normal spread (multiplicative).</param>
    private readonly record struct Profile(double Low, double High, double Trend, double Noise, bool Multiplicative = false);

    /// <summary>Typical Indonesian levels and movements of the default catalog's indicators (other codes: by unit).</summary>
    private static Profile ProfileOf(Indicator indicator) => indicator.Code switch
    {
        "GOV-01" => new(20, 90, 3, 3),
        "GOV-02" => new(1.5, 4.2, 0.1, 0.15),
        "GOV-03" => new(20, 95, 3, 3),
        "GOV-04" => new(20, 3, -0.04, 0.1, Multiplicative: true),
        "BRA-01" => new(60, 2_000, 0.05, 0.12, Multiplicative: true),
        "BRA-03" => new(10, 400, 0.12, 0.12, Multiplicative: true),
        "BRA-04" => new(2.5, 4, 0.05, 0.15),
        "ECO-01" => new(10, 70, 5, 3),
        "ECO-02" => new(30, 95, 4, 3),
        "ECO-03" => new(9, 2, -0.1, 0.4),
        "ECO-04" => new(3.5, 6.5, 0, 0.8),
        "LIV-01" => new(40, 98, 3, 2),
        "LIV-02" => new(5, 80, 6, 4),
        "LIV-03" => new(60, 12, -0.03, 0.08, Multiplicative: true),
        "LIV-04" => new(60, 98, 1, 1.5),
        "SOC-01" => new(30, 98, 4, 3),
        "SOC-02" => new(2.8, 3.8, 0.05, 0.1),
        "SOC-03" => new(90, 99.5, 0.5, 0.5),
        "SOC-04" => new(0.2, 4, 0.1, 0.1, Multiplicative: true),
        "ENV-01" => new(30, 90, 2, 3),
        "ENV-02" => new(60, 90, 0, 3),
        "ENV-03" => new(5, 25, 0.3, 1),
        "ENV-04" => new(3, 40, 0.15, 0.12, Multiplicative: true),
        _ => indicator.Unit switch
        {
            IndicatorUnit.Count or IndicatorUnit.Ratio => new(10, 1_000, 0.05, 0.12, Multiplicative: true),
            IndicatorUnit.Index or IndicatorUnit.Level => new(1.5, 4, 0.05, 0.15),
            _ => new(20, 90, 2, 3),
        },
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Clamp(double value, double lo, double hi) => Math.Min(Math.Max(value, lo), hi);

    /// <summary>SplitMix64 over the key: stable across runs, machines and .NET versions (unlike string.GetHashCode).</summary>
    private static ulong Hash(string code, int indicator, int periodKey, int variant)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)variant;
        foreach (var c in code)
        {
            h = Mix(h ^ c);
        }

        h = Mix(h ^ (ulong)(uint)indicator);
        return Mix(h ^ (ulong)(uint)periodKey);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    private static string[] SplitLine(string line) => line.Split(',', StringSplitOptions.TrimEntries);

    private static string TitleCase(string upper) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(upper.ToLowerInvariant());
}

using System.Globalization;
using Readiness.Core.Ingestion;

namespace Readiness.Core.Quality;

/// <summary>
/// The texts of the data-quality warnings, English and Bahasa Indonesia side by side, in the style of
/// <see cref="ReaderMessages"/>: the same facts (values, codes, years) in both, and what to check. Numbers are
/// written as each language reads them (English 1250.5, Indonesian 1250,5), without grouping, so the two stay
/// comparable.
/// </summary>
public static class QualityMessages
{
    private static readonly NumberFormatInfo IndonesianNumbers = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static ReaderMessage RuleViolation(ValidationRule rule, double left, double right, IReadOnlyList<string> missing)
    {
        var tolerance = rule.Tolerance > 0 ? $" (tolerance {En(rule.Tolerance)})" : "";
        var toleranceId = rule.Tolerance > 0 ? $" (toleransi {Id(rule.Tolerance)})" : "";
        var zero = missing.Count > 0 ? $" {string.Join(", ", missing)} has no value and counts as 0." : "";
        var zeroId = missing.Count > 0 ? $" {string.Join(", ", missing)} belum berisi nilai dan dihitung 0." : "";
        return new(
            QualityCodes.RuleViolation,
            $"Rule {rule.Code} \"{rule.NameEnglish}\" does not hold: {rule.Left} {rule.OperatorText} {rule.Right}{tolerance} is {En(left)} {rule.OperatorText} {En(right)}.{zero} Check the values of {string.Join(", ", rule.Indicators)} for this year; correct the wrong one and upload again.",
            $"Aturan {rule.Code} \"{rule.NameIndonesian}\" tidak terpenuhi: {rule.Left} {rule.OperatorText} {rule.Right}{toleranceId} bernilai {Id(left)} {rule.OperatorText} {Id(right)}.{zeroId} Periksa nilai {string.Join(", ", rule.Indicators)} untuk tahun ini; perbaiki yang salah lalu unggah ulang.");
    }

    public static ReaderMessage PossibleThousandsError(string indicator, int year, double value, YearValue previous, double suggestion, bool tooLarge)
    {
        var (times, kali) = tooLarge ? ("1000 times", "1000 kali") : ("1/1000 of", "1/1000 dari");
        return new(
            QualityCodes.PossibleThousandsError,
            $"{indicator} {year}: the value {En(value)} is about {times} the previous value {En(previous.Value)} ({previous.Year}). Did you mean {En(suggestion)}? A thousands separator and a decimal mark may have been mixed up (in Indonesian notation 1.250 = 1250 and 1,25 = 1.25). Check the cell and upload the corrected value.",
            $"{indicator} {year}: nilai {Id(value)} sekitar {kali} nilai sebelumnya {Id(previous.Value)} ({previous.Year}). Apakah maksudnya {Id(suggestion)}? Pemisah ribuan dan tanda desimal mungkin tertukar (1.250 = 1250 dan 1,25 = 1.25 dalam penulisan Inggris). Periksa sel itu lalu unggah nilai yang benar.");
    }

    public static ReaderMessage HistoryOutlier(
        string indicator, int year, double value, double median, double slope, double mad, double? z, int periods, YearValue previous, OutlierThresholds thresholds)
    {
        var (why, whyId) = z is { } score && Math.Abs(score) <= thresholds.ModifiedZ
            ? ($"it is {En(Math.Round(value / median, 2))} times the {En(median)} its earlier years lead to ({En(thresholds.ExtremeRatio)} times above or below counts whatever their spread; modified z-score {En(Math.Round(score, 1))}, MAD {En(mad)})",
               $"nilainya {Id(Math.Round(value / median, 2))} kali {Id(median)} yang diharapkan dari tahun-tahun sebelumnya ({Id(thresholds.ExtremeRatio)} kali lebih tinggi atau lebih rendah selalu dihitung; skor-z termodifikasi {Id(Math.Round(score, 1))}, MAD {Id(mad)})")
            : z is { } score2
            ? slope == 0
                ? ($"its modified z-score is {En(Math.Round(score2, 1))} (limit {En(thresholds.ModifiedZ)}; median {En(median)}, MAD {En(mad)})",
                   $"skor-z termodifikasinya {Id(Math.Round(score2, 1))} (batas {Id(thresholds.ModifiedZ)}; median {Id(median)}, MAD {Id(mad)})")
                : ($"its modified z-score is {En(Math.Round(score2, 1))} (limit {En(thresholds.ModifiedZ)}; the earlier years' trend of {Signed(En(Math.Round(slope, 4)))} a year leads to a median of {En(median)}, MAD {En(mad)})",
                   $"skor-z termodifikasinya {Id(Math.Round(score2, 1))} (batas {Id(thresholds.ModifiedZ)}; tren tahun-tahun sebelumnya {Signed(Id(Math.Round(slope, 4)))} per tahun mengarah ke median {Id(median)}, MAD {Id(mad)})")
            : ($"it differs from the unchanging median {En(median)} (MAD 0) by more than {En(thresholds.RelativeChange * 100)} %",
               $"nilainya berbeda lebih dari {Id(thresholds.RelativeChange * 100)} % dari median {Id(median)} yang tidak berubah (MAD 0)");
        return new(
            QualityCodes.Outlier,
            $"{indicator} {year}: the value {En(value)} is far from this regency's {periods} earlier years: {why}; the previous value was {En(previous.Value)} ({previous.Year}). Check that the value, its unit and its decimal mark are right; if it is right (a real change), no action is needed.",
            $"{indicator} {year}: nilai {Id(value)} jauh dari {periods} tahun sebelumnya di kabupaten/kota ini: {whyId}; nilai sebelumnya {Id(previous.Value)} ({previous.Year}). Periksa nilai, satuan dan tanda desimalnya; jika memang benar (perubahan nyata), tidak perlu tindakan.");
    }

    public static ReaderMessage PeerOutlier(string indicator, int year, double value, PeerFences fences) => new(
        QualityCodes.Outlier,
        $"{indicator} {year}: the value {En(value)} lies outside the range of the {fences.Count} regencies that reported it (Tukey fences {En(fences.Lower)} to {En(fences.Upper)}; Q1 {En(fences.Q1)}, Q3 {En(fences.Q3)}). Check the value and its unit; if it is right, no action is needed.",
        $"{indicator} {year}: nilai {Id(value)} berada di luar rentang {fences.Count} kabupaten/kota yang melaporkannya (batas Tukey {Id(fences.Lower)} sampai {Id(fences.Upper)}; Q1 {Id(fences.Q1)}, Q3 {Id(fences.Q3)}). Periksa nilai dan satuannya; jika memang benar, tidak perlu tindakan.");

    private static string Signed(string number) => number.StartsWith('-') ? number : "+" + number;

    internal static string En(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    internal static string Id(double value) => Math.Round(value, 4).ToString("0.####", IndonesianNumbers);
}

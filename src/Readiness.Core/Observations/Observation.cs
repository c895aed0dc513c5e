namespace Readiness.Core.Observations;

/// <summary>One stored value: a regency's indicator for a period, in canonical form.</summary>
/// <param name="RegencyCode">Kemendagri code <c>PP.RR</c>.</param>
/// <param name="IndicatorCode">Catalog code, upper case.</param>
public sealed record Observation(
    string RegencyCode,
    string IndicatorCode,
    Period Period,
    double Value,
    string? Unit,
    string? Note,
    string UploadId,
    DateTimeOffset SubmittedAt)
{
    /// <summary>Row key in the observations table: <c>{period}|{indicator}</c>, so a regency's partition sorts by period.</summary>
    public string RowKey => KeyFor(Period, IndicatorCode);

    public static string KeyFor(Period period, string indicatorCode) => $"{period}|{indicatorCode}";
}

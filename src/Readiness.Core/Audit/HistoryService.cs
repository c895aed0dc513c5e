using System.Text.Json.Serialization;
using Readiness.Core.Normalization;
using Readiness.Core.Observations;
using Readiness.Core.Ports;

namespace Readiness.Core.Audit;

/// <summary>A history filter that could not be read: which one, what it said, and how to fix it, in Bahasa Indonesia
/// first and in English.</summary>
public sealed record HistoryFilterError(string Parameter, string? Value, string Indonesian, string English)
{
    /// <summary>Both texts, Indonesian first: what an officer reads.</summary>
    public string Message => $"{Indonesian} ({English})";

    /// <summary>A filter given more than once (<c>?period=2023&amp;period=2024</c>).</summary>
    public static HistoryFilterError GivenTwice(string parameter, string? value) => new(parameter, value,
        $"Parameter {parameter} diberikan lebih dari sekali; berikan sekali saja, misalnya {parameter}={Example(parameter)}.",
        $"{parameter} is given more than once; give it once, such as {parameter}={Example(parameter)}.");

    private static string Example(string parameter) => parameter == HistoryService.PeriodParameter ? "2024" : "GOV-01";
}

/// <summary>One history entry as the API and the CLI's <c>--json</c> answer it.</summary>
public sealed record HistoryEntry(
    [property: JsonPropertyName("indicator")] string Indicator,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("change")] string Change,
    [property: JsonPropertyName("previousValue")] double? PreviousValue,
    [property: JsonPropertyName("previousUnit")] string? PreviousUnit,
    [property: JsonPropertyName("previousNote")] string? PreviousNote,
    [property: JsonPropertyName("previousUploadId")] string? PreviousUploadId,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("uploadId")] string UploadId,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt,
    [property: JsonPropertyName("changedAt")] DateTimeOffset ChangedAt)
{
    public static HistoryEntry From(ValueChange c) => new(
        c.IndicatorCode, c.Period.ToString(), c.Change.ToString().ToLowerInvariant(), c.PreviousValue, c.PreviousUnit, c.PreviousNote, c.PreviousUploadId,
        c.Value, c.Unit, c.Note, c.UploadId, c.KeyId, c.SubmittedAt, c.ChangedAt);
}

/// <summary>The history of one regency's values (<c>GET regencies/{code}/history</c>, <c>readiness history</c>).</summary>
public sealed record RegencyHistory(
    [property: JsonPropertyName("regency")] string Regency,
    [property: JsonPropertyName("indicator")] string? Indicator,
    [property: JsonPropertyName("period")] string? Period,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("changes")] IReadOnlyList<HistoryEntry> Changes);

/// <summary>
/// Reads the append-only history of observation changes: the values of a regency over time, newest first, each with
/// the upload that wrote it, who sent it, when, and the value it replaced. Values stored before the history existed
/// appear as the previous value of their first change.
/// </summary>
public sealed class HistoryService(IObservationStore observations, IReferenceData referenceData)
{
    public const string IndicatorParameter = "indicator";
    public const string PeriodParameter = "period";

    /// <summary>Reads the filters as an officer types them: an indicator code of the catalog (any case) and a period
    /// in any form uploads accept (<c>2024</c>, <c>2024Q1</c>, <c>Januari 2024</c>; a year includes its quarters and
    /// months). Absent or empty: no filter.</summary>
    public async Task<Result<HistoryQuery, HistoryFilterError>> ParseAsync(string? indicator, string? period, CancellationToken cancellationToken)
    {
        string? code = null;
        if (!string.IsNullOrWhiteSpace(indicator))
        {
            var catalog = (await referenceData.GetAsync(cancellationToken)).Catalog;
            if (!catalog.TryGet(indicator.Trim(), out var found))
            {
                var examples = string.Join(", ", catalog.Indicators.Take(3).Select(i => i.Code));
                return new HistoryFilterError(IndicatorParameter, indicator,
                    $"Indikator '{indicator.Trim()}' tidak ada di katalog. Tulis kode indikator dari katalog, misalnya {examples} (daftar lengkap: GET /api/indicators).",
                    $"Indicator '{indicator.Trim()}' is not in the catalog. Write an indicator code of the catalog, such as {examples} (the full list: GET /api/indicators).");
            }

            code = found.Code;
        }

        Period? parsed = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!PeriodParser.TryParse(period.Trim(), out var p))
            {
                return new HistoryFilterError(PeriodParameter, period,
                    $"Periode '{period.Trim()}' tidak dapat dibaca. Tulis tahun (2024), triwulan (2024Q1) atau bulan (2024-01, Januari 2024).",
                    $"Period '{period.Trim()}' cannot be read. Write a year (2024), a quarter (2024Q1) or a month (2024-01, January 2024).");
            }

            parsed = p;
        }

        return new HistoryQuery(code, parsed);
    }

    /// <summary>The entries of <paramref name="regencyCode"/> that <paramref name="query"/> selects, newest first.</summary>
    public async Task<RegencyHistory> ReadAsync(string regencyCode, HistoryQuery query, CancellationToken cancellationToken)
    {
        var changes = new List<ValueChange>();
        await foreach (var change in observations.ReadHistoryAsync(regencyCode, query, cancellationToken))
        {
            changes.Add(change);
        }

        var newestFirst = changes
            .OrderByDescending(c => c.ChangedAt)
            .ThenByDescending(c => c.UploadId, StringComparer.Ordinal)
            .ThenBy(c => c.ObservationKey, StringComparer.Ordinal)
            .Select(HistoryEntry.From)
            .ToList();
        return new RegencyHistory(regencyCode, query.IndicatorCode, query.Period?.ToString(), newestFirst.Count, newestFirst);
    }
}

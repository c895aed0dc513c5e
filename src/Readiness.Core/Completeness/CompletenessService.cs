using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Review;

namespace Readiness.Core.Completeness;

/// <summary>One regency's reporting for a year (DHIS2-style data-set completeness). <paramref name="Pending"/>: an
/// upload for it is still being written, so what is stored may be part of a file and is not yet its answer.</summary>
public sealed record RegencyCompleteness(
    string RegencyCode,
    string RegencyName,
    string ProvinceCode,
    int Year,
    IReadOnlyList<string> Reported,
    IReadOnlyList<string> Missing,
    double Share,
    bool Pending = false)
{
    /// <summary>The regency-year's open data-quality flags (<c>readiness quality</c> lists them).</summary>
    public int OpenFlags { get; init; }

    /// <summary>The province whose reporting figures count the regency in <see cref="Year"/> (<see cref="Regency.ProvinceIn"/>:
    /// <c>91</c> for Merauke until 2022); set by <see cref="CompletenessService.ReportAsync"/>.</summary>
    public string? ReportingProvinceCode { get; init; }

    /// <summary>The review state of the regency-year (Open when never acted on); set by <see cref="CompletenessService.ReportAsync"/>.</summary>
    public ReviewState? ReviewState { get; init; }

    /// <summary>When the current submission was made (the last <c>submit</c>); null when not submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>How many times the year was submitted (2 or more: returned and submitted again).</summary>
    public int? Submissions { get; init; }

    /// <summary>Whether the current submission came by the due day (see <see cref="ReportingRate"/>).</summary>
    public SubmissionTimeliness? Timeliness { get; init; }
}

/// <summary>The completeness answer of a year: one row per regency the caller may see (of the province when
/// <paramref name="Province"/> is given), and the reporting rate and timeliness over them.</summary>
public sealed record CompletenessReport(int Year, string? Province, int Count, IReadOnlyList<RegencyCompleteness> Regencies, ReportingSummary Reporting);

/// <summary>Who has reported what for a year, over every regency of the registry, so the ministry sees who has
/// not reported; and who has submitted the year for review, on time or late (<see cref="ReportingRate"/>).</summary>
public sealed class CompletenessService(IObservationStore observations, IReferenceData referenceData, IUploadStore uploads, IReviewStore reviews, Quality.IQualityFlagStore? qualityFlags = null)
{
    /// <summary>The completeness rows of every registry regency (or of one) for a year, in registry order.</summary>
    public async Task<IReadOnlyList<RegencyCompleteness>> ForYearAsync(int year, string? regencyCode, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        return await RowsAsync(data, year, [.. data.Registry.Regencies.Where(r => regencyCode is null || r.Code == regencyCode)], regencyCode, cancellationToken);
    }

    /// <summary>
    /// The completeness rows of a year with each regency's review state and timeliness, and the reporting figures over
    /// them, nationally and per province of the year. <paramref name="caller"/> (null: everything, as the CLI sees it)
    /// limits the rows to those it may read; <paramref name="provinceCode"/> to the regencies that belonged to that
    /// province in <paramref name="year"/>; <paramref name="regencyCode"/> to one regency.
    /// </summary>
    public async Task<CompletenessReport> ReportAsync(int year, string? provinceCode, string? regencyCode, Caller? caller, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var regencies = ReportingRate.Expected(data.Registry, year, provinceCode)
            .Where(r => (caller is null || caller.MayRead(r.Code)) && (regencyCode is null || r.Code == regencyCode))
            .ToList();
        var single = regencies.Count == 1 ? regencies[0].Code : null;
        var rows = await RowsAsync(data, year, regencies, single, cancellationToken);

        Dictionary<string, RegencyYearReview> stored;
        if (single is not null)
        {
            stored = new(StringComparer.Ordinal);
            if (await reviews.GetAsync(single, year, withHistory: true, cancellationToken) is { } review)
            {
                stored[single] = review;
            }
        }
        else
        {
            stored = (await reviews.ListAsync(year, null, withHistory: true, cancellationToken)).ToDictionary(r => r.RegencyCode, StringComparer.Ordinal);
        }

        var inputs = regencies.Zip(rows, (regency, row) =>
            ReportingRate.Input(regency, year, stored.GetValueOrDefault(regency.Code), row.Reported.Count > 0 || row.Pending)).ToList();
        var (reports, summary) = ReportingRate.Summarize(year, inputs, data.Catalog.Calendar.For(year));
        var answered = rows.Zip(reports, (row, report) => row with
        {
            ReportingProvinceCode = report.ProvinceCode,
            ReviewState = report.State,
            SubmittedAt = report.SubmittedAt,
            Submissions = report.Submissions,
            Timeliness = report.Timeliness,
        }).ToList();
        return new CompletenessReport(year, provinceCode, answered.Count, answered, summary);
    }

    private async Task<IReadOnlyList<RegencyCompleteness>> RowsAsync(ReferenceData data, int year, IReadOnlyList<Regency> regencies, string? regencyCode, CancellationToken cancellationToken)
    {
        var pending = await PendingRegencyYears.ReadAsync(uploads, cancellationToken);
        var flags = qualityFlags is null ? [] : await qualityFlags.ReadAsync(year, null, regencyCode, cancellationToken);
        var flagsByRegency = flags.CountBy(f => f.RegencyCode).ToDictionary(StringComparer.Ordinal);
        var results = new RegencyCompleteness[regencies.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, regencies.Count), new ParallelOptions { MaxDegreeOfParallelism = PartitionReads.Parallelism, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await foreach (var observation in observations.ReadAsync(regencies[i].Code, year, ct))
            {
                reported.Add(observation.IndicatorCode);
            }

            var have = data.Catalog.Indicators.Where(ind => reported.Contains(ind.Code)).Select(ind => ind.Code).ToList();
            var missing = data.Catalog.Indicators.Where(ind => !reported.Contains(ind.Code)).Select(ind => ind.Code).ToList();
            var regency = regencies[i];
            results[i] = new RegencyCompleteness(regency.Code, regency.Name, regency.ProvinceCode, year, have, missing, data.Catalog.Indicators.Count == 0 ? 0 : (double)have.Count / data.Catalog.Indicators.Count, pending.Contains(regency.Code, year))
            {
                OpenFlags = flagsByRegency.GetValueOrDefault(regency.Code),
            };
        });

        return results;
    }
}

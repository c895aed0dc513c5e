using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Validation;

namespace Readiness.Core.Review;

/// <summary>What the period locks say about one upload: the regency-years it would change that are locked (it is
/// rejected whole when there is any), and those it may change late.</summary>
public sealed record PeriodCheck(IReadOnlyList<PeriodLockStatus> Locked, IReadOnlyList<PeriodLockStatus> Late)
{
    public static PeriodCheck None { get; } = new([], []);

    public bool Rejects => Locked.Count > 0;

    /// <summary>Adds one <c>period-locked</c> error per locked regency-year to the report.</summary>
    public void AddErrors(ValidationReport report)
    {
        foreach (var locked in Locked)
        {
            report.AddError(locked.ToError());
        }
    }

    /// <summary>Adds a <c>late-submission</c> warning for each late regency-year whose values the upload changed;
    /// returns whether there was any (the upload's <see cref="UploadRecord.Late"/>).</summary>
    public bool AddLateWarnings(ValidationReport report, WriteCounts? counts)
    {
        if (counts is null || Late.Count == 0)
        {
            return false;
        }

        var changedYears = counts.ChangedYears.ToHashSet();
        var changedRegencies = counts.ChangedRegencies.ToHashSet(StringComparer.Ordinal);
        var late = Late.Where(l => changedYears.Contains(l.Year) && changedRegencies.Contains(l.RegencyCode)).ToList();
        foreach (var status in late)
        {
            report.AddWarning(status.ToLateWarning());
        }

        return late.Count > 0;
    }
}

/// <summary>
/// The period locks of the import (issue 14), for every path an upload takes (HTTP, portal, CLI, inbox, sources,
/// replay, recovery), since they all import through <see cref="ImportService"/>. An upload that would change a value
/// of a locked regency-year (see <see cref="PeriodLockStatus"/>) is rejected as a whole; one that changes nothing there
/// (an identical re-upload) is not. Only the locked regency-years' partitions are read for that, so an upload into
/// open years costs one review read per year.
/// </summary>
public sealed class PeriodLockGuard(ReviewService reviews, IObservationStore observations)
{
    public async Task<PeriodCheck> CheckAsync(UploadRecord upload, UploadValues values, ReportingCalendar calendar, CancellationToken cancellationToken)
    {
        var regencyYears = values.RegencyYears;
        if (regencyYears.Count == 0)
        {
            return PeriodCheck.None;
        }

        var statuses = await reviews.LocksAsync(regencyYears, upload.ReceivedAt, calendar, cancellationToken);
        var late = statuses.Where(s => s.Late).ToList();
        var locked = statuses.Where(s => s.Locked).ToList();
        if (locked.Count == 0)
        {
            return new PeriodCheck([], late);
        }

        var writer = new ObservationWriter(observations);
        var settings = new WriteSettings(upload.UploadId, upload.ReceivedAt) { DryRun = true };
        var changing = new List<PeriodLockStatus>();
        foreach (var byRegency in locked.GroupBy(l => l.RegencyCode, StringComparer.Ordinal))
        {
            var changedYears = await writer.ChangedYearsAsync(values, byRegency.Key, settings, cancellationToken);
            changing.AddRange(byRegency.Where(l => changedYears.Contains(l.Year)));
        }

        return new PeriodCheck(changing, late);
    }
}

using Readiness.Core.Validation;

namespace Readiness.Core.Review;

/// <summary>Why a regency-year takes no upload that would change its values.</summary>
public enum LockReason
{
    /// <summary>Open: uploads are taken.</summary>
    None,

    /// <summary>Submitted, Verified or Approved: the review holds the values.</summary>
    Review,

    /// <summary>A submission is waiting for uploads already being written; no new one may start.</summary>
    BeingSubmitted,

    /// <summary>The year's reporting has not opened yet.</summary>
    NotYetOpen,

    /// <summary>Past the year's closing date, and no lock exception is open.</summary>
    Closed,
}

/// <summary>Whether a regency-year is locked for an upload received at a given moment, and why.</summary>
public sealed record PeriodLockStatus(string RegencyCode, int Year, LockReason Reason, ReviewState State, ReportingPeriod? Period, DateOnly? UnlockedUntil, bool Late)
{
    public bool Locked => Reason != LockReason.None;

    /// <summary>
    /// The lock for an upload received at <paramref name="receivedAt"/>, judged at <paramref name="now"/>: the review
    /// state first (a lock exception does not open a submitted year: the Walidata returns it), then a pending
    /// submission, then the calendar by the time of receipt (a file received before the closing date is taken even if
    /// it is processed later), with a lock exception holding the year open until its end.
    /// </summary>
    public static PeriodLockStatus Evaluate(RegencyYearReview review, ReportingPeriod? period, DateTimeOffset receivedAt, DateTimeOffset now, TimeSpan markerTtl)
    {
        var excepted = review.UnlockedUntil is { } until && receivedAt < ReportingPeriod.EndOf(until);
        var reason = review.State != ReviewState.Open ? LockReason.Review
            : review.IsBeingSubmitted(now, markerTtl) ? LockReason.BeingSubmitted
            : period is null ? LockReason.None
            : period.IsNotYetOpen(receivedAt) ? LockReason.NotYetOpen
            : period.IsClosed(receivedAt) && !excepted ? LockReason.Closed
            : LockReason.None;
        var late = reason == LockReason.None && period is not null && period.IsLate(receivedAt);
        return new PeriodLockStatus(review.RegencyCode, review.Year, reason, review.State, period, review.UnlockedUntil, late);
    }

    /// <summary>The <c>period-locked</c> error of an upload that would change this regency-year: what is locked, why,
    /// and what to do, in English and Indonesian.</summary>
    public ValidationIssue ToError()
    {
        var (en, id) = Reason switch
        {
            LockReason.Review when State == ReviewState.Approved => (
                $"{RegencyCode} {Year} is Approved by the ministry, so its values are locked and nothing of this upload was stored. To change them, ask the ministry to reopen the year (readiness review reopen), then upload again.",
                $"Data {RegencyCode} tahun {Year} sudah Approved (disetujui) kementerian, sehingga nilainya terkunci dan tidak ada data dari unggahan ini yang disimpan. Untuk mengubahnya, minta kementerian membuka kembali tahun itu (readiness review reopen), lalu unggah ulang."),
            LockReason.Review => (
                $"{RegencyCode} {Year} is {State} for review, so its values are locked and nothing of this upload was stored. To change them, ask the province's Walidata (or the ministry) to return the year to Open (readiness review return), then upload again.",
                $"Data {RegencyCode} tahun {Year} berstatus {State} (dalam peninjauan), sehingga nilainya terkunci dan tidak ada data dari unggahan ini yang disimpan. Untuk mengubahnya, minta Walidata provinsi (atau kementerian) mengembalikan tahun itu ke Open (readiness review return), lalu unggah ulang."),
            LockReason.BeingSubmitted => (
                $"{RegencyCode} {Year} is being submitted for review right now, so its values are locked and nothing of this upload was stored. If the data must still change, ask the province's Walidata to return the year once it is Submitted, then upload again.",
                $"Data {RegencyCode} tahun {Year} sedang diajukan (submit) untuk ditinjau saat ini, sehingga nilainya terkunci dan tidak ada data dari unggahan ini yang disimpan. Jika data masih harus diubah, minta Walidata provinsi mengembalikan tahun itu setelah berstatus Submitted, lalu unggah ulang."),
            LockReason.NotYetOpen => (
                $"Reporting for {Year} opens on {Day(Period!.Opens)} (WIB), so nothing of this upload was stored for {RegencyCode}. Upload the {Year} data from that day on.",
                $"Pelaporan tahun {Year} baru dibuka pada {Day(Period!.Opens)} (WIB), sehingga tidak ada data dari unggahan ini yang disimpan untuk {RegencyCode}. Unggah data {Year} mulai hari itu."),
            _ => (
                $"Reporting for {Year} closed on {Day(Period!.Closes)} (WIB){ExceptionEnded("en")}, so the values of {RegencyCode} {Year} are locked and nothing of this upload was stored. Ask the ministry for a lock exception (readiness review unlock --regency {RegencyCode} --year {Year} --until DATE), then upload again.",
                $"Pelaporan tahun {Year} ditutup pada {Day(Period!.Closes)} (WIB){ExceptionEnded("id")}, sehingga nilai {RegencyCode} tahun {Year} terkunci dan tidak ada data dari unggahan ini yang disimpan. Minta pengecualian kunci (lock exception) kepada kementerian (readiness review unlock --regency {RegencyCode} --year {Year} --until DATE), lalu unggah ulang."),
        };
        return new ValidationIssue { Code = ErrorCodes.PeriodLocked, Message = en, MessageId = id, Value = $"{RegencyCode} {Year}" };
    }

    /// <summary>The <c>late-submission</c> warning of an upload that changed this regency-year after its due date.</summary>
    public ValidationIssue ToLateWarning() => new()
    {
        Code = ErrorCodes.LateSubmission,
        Message = $"{RegencyCode} {Year}: the values were due on {Day(Period!.Due)} (WIB); they are taken and recorded as late. Reporting for {Year} closes on {Day(Period.Closes)}.",
        MessageId = $"{RegencyCode} {Year}: batas waktu nilai ini {Day(Period!.Due)} (WIB); nilai diterima dan dicatat terlambat. Pelaporan tahun {Year} ditutup pada {Day(Period.Closes)}.",
        Value = $"{RegencyCode} {Year}",
    };

    private string ExceptionEnded(string language) => UnlockedUntil is not { } until ? ""
        : language == "en" ? $" and its lock exception ended on {Day(until)}" : $" dan pengecualian kuncinya berakhir pada {Day(until)}";

    private static string Day(DateOnly day) => ReportingPeriod.Format(day);
}

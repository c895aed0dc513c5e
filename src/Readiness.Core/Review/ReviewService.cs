using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Readiness.Core.Access;
using Readiness.Core.Completeness;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Quality;

namespace Readiness.Core.Review;

/// <summary>A regency-year's review as readers see it: the stored review (with its history), the year's reporting
/// window, whether an upload received now would be locked, and the open data-quality flags a reviewer weighs.</summary>
public sealed record ReviewStatus(RegencyYearReview Review, ReportingPeriod? Period, PeriodLockStatus Lock, IReadOnlyList<QualityFinding> QualityFlags)
{
    public ReviewState State => Review.State;

    /// <summary>Approved: the regency-year's scores are final; otherwise provisional.</summary>
    public bool IsFinal => Review.IsFinal;
}

/// <summary>One line of a work list: a registry regency's review state in a year (Open when never acted on) and its
/// open data-quality flags of the year.</summary>
public sealed record ReviewListItem(string RegencyCode, string RegencyName, string ProvinceCode, int Year, ReviewState State, DateTimeOffset? ChangedAt, DateOnly? UnlockedUntil, int OpenFlags);

/// <summary>What a submission found, shown and never blocking: the year's completeness and its open quality flags.</summary>
public sealed record SubmissionFindings(RegencyCompleteness? Completeness, IReadOnlyList<QualityFinding> Quality);

/// <summary>How a review action ended, as HTTP and the CLI answer it.</summary>
public enum ReviewOutcomeKind
{
    /// <summary>Taken: the new state.</summary>
    Done,

    /// <summary>The caller's role may not take this action on this regency (403).</summary>
    Forbidden,

    /// <summary>Not allowed from the current state, or another reviewer acted first, or uploads are still being written (409).</summary>
    Conflict,

    /// <summary>A bad request: no comment where one is needed, a bad date (400).</summary>
    Invalid,

    /// <summary>The regency is not in the registry (404).</summary>
    NotFound,
}

/// <summary>The answer to a review action: its kind, the status after it (the current one when refused), and a reason
/// in English and Indonesian when refused.</summary>
public sealed record ReviewOutcome(ReviewOutcomeKind Kind, ReviewStatus? Status, string? Message = null, string? MessageId = null, SubmissionFindings? Findings = null)
{
    public bool Done => Kind == ReviewOutcomeKind.Done;
}

/// <summary>A review action as asked: who, on which regency-year, what, and why.</summary>
/// <param name="Until">For <see cref="ReviewAction.Unlock"/>: the last day (WIB) uploads are taken.</param>
public sealed record ReviewCommand(Caller Caller, string RegencyCode, int Year, ReviewAction Action, string? Comment = null, DateOnly? Until = null);

/// <summary>
/// The review of regency-years: <c>Open → Submitted → Verified → Approved</c>, return and reopen (see
/// <see cref="ReviewRules"/>), lock exceptions, and the status every reader (the import's lock, scores' final or
/// provisional) asks for. Every change is written conditionally on the version read, so of two reviewers acting at once
/// exactly one wins and the other is told the state the winner left.
/// <para>
/// A submission must not overtake an upload that is writing into the year. The import records its upload as
/// <c>Writing</c> (with its regency-years) before it reads the year's state, and is rejected when it finds the year
/// locked or being submitted; a submission first marks the year as being submitted, then waits until no upload of the
/// year is <c>Writing</c>, then submits. Whichever order the two storage steps come in, either the submission sees the
/// upload (and waits for all of it) or the upload sees the marker (and is rejected whole).
/// </para>
/// </summary>
public sealed class ReviewService(
    IReviewStore store,
    IReferenceData referenceData,
    IUploadStore uploads,
    CompletenessService completeness,
    QualityService quality,
    IOptions<ReviewOptions> options,
    TimeProvider clock,
    ILogger<ReviewService> logger,
    IScoreStore? scores = null,
    IScoreRequests? scoreRequests = null)
{
    private readonly ReviewOptions _settings = options.Value;

    /// <summary>The review of one regency-year with its history, the year's reporting window and its lock now.</summary>
    public async Task<ReviewStatus> GetStatusAsync(string regencyCode, int year, CancellationToken cancellationToken)
    {
        var review = await store.GetAsync(regencyCode, year, withHistory: true, cancellationToken) ?? new RegencyYearReview(regencyCode, year);
        return await StatusOfAsync(review, cancellationToken);
    }

    /// <summary>The state of every regency-year of <paramref name="year"/> that was ever acted on; any other is Open.
    /// One query (for scores: final when Approved).</summary>
    public Task<IReadOnlyDictionary<string, ReviewState>> StatesAsync(int year, CancellationToken cancellationToken) =>
        store.StatesAsync(year, cancellationToken);

    /// <summary>The work list: every registry regency of the year (of one province when given) with its state and its
    /// count of open quality flags, filtered by <paramref name="state"/> when given, in code order. One query of the
    /// reviews and one of the year's flags.</summary>
    public async Task<IReadOnlyList<ReviewListItem>> ListAsync(int year, string? provinceCode, ReviewState? state, CancellationToken cancellationToken)
    {
        var data = await referenceData.GetAsync(cancellationToken);
        var stored = (await store.ListAsync(year, provinceCode, withHistory: false, cancellationToken)).ToDictionary(r => r.RegencyCode, StringComparer.Ordinal);
        var flags = (await quality.ReadAsync(year, provinceCode, null, cancellationToken)).CountBy(f => f.RegencyCode).ToDictionary(StringComparer.Ordinal);
        return [.. data.Registry.Regencies
            .Where(r => provinceCode is null || r.ProvinceCode == provinceCode)
            .Select(r => stored.TryGetValue(r.Code, out var review)
                ? new ReviewListItem(r.Code, r.Name, r.ProvinceCode, year, review.State, review.ChangedAt, review.UnlockedUntil, flags.GetValueOrDefault(r.Code))
                : new ReviewListItem(r.Code, r.Name, r.ProvinceCode, year, ReviewState.Open, null, null, flags.GetValueOrDefault(r.Code)))
            .Where(i => state is null || i.State == state)
            .OrderBy(i => i.RegencyCode, StringComparer.Ordinal)];
    }

    /// <summary>Takes a review action; never throws for a refusal (see <see cref="ReviewOutcomeKind"/>).</summary>
    public async Task<ReviewOutcome> TakeAsync(ReviewCommand command, CancellationToken cancellationToken)
    {
        var (caller, code, year, action) = (command.Caller, command.RegencyCode, command.Year, command.Action);
        var data = await referenceData.GetAsync(cancellationToken);
        if (!data.Registry.TryGetByCode(code, out _))
        {
            return new ReviewOutcome(ReviewOutcomeKind.NotFound, null,
                $"Regency {code} is not in the registry: use its Kemendagri code (PP.RR).",
                $"Kabupaten/kota {code} tidak ada di registri: gunakan kode Kemendagri-nya (PP.RR).");
        }

        if (!ReviewRules.MayTake(caller, action, code))
        {
            var (who, siapa) = ReviewRules.WhoMay(action);
            return new ReviewOutcome(ReviewOutcomeKind.Forbidden, null,
                $"A {caller.RoleName} key may not {action.Name()} {code} {year}: that is for {who}.",
                $"Kunci {caller.RoleName} tidak boleh melakukan {action.Name()} untuk {code} tahun {year}: itu untuk {siapa}.");
        }

        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        if (Invalid(command, comment) is { } invalid)
        {
            return invalid;
        }

        var review = await store.GetAsync(code, year, withHistory: true, cancellationToken) ?? new RegencyYearReview(code, year);
        if (ReviewRules.Target(action, review.State) is not { } target)
        {
            return await RefuseAsync(review,
                $"{code} {year} is {review.State}: {action.Name()} is not possible from there ({Allowed(action)}).",
                $"{code} tahun {year} berstatus {review.State}: {action.Name()} tidak dapat dilakukan dari status itu ({Allowed(action)}).",
                cancellationToken);
        }

        var now = clock.GetUtcNow();
        try
        {
            if (action == ReviewAction.Submit)
            {
                if (review.IsBeingSubmitted(now, _settings.SubmittingMarkerTtl))
                {
                    return await RefuseAsync(review,
                        $"{code} {year} is being submitted by another request right now: wait a moment and look at its state.",
                        $"{code} tahun {year} sedang diajukan oleh permintaan lain saat ini: tunggu sebentar lalu lihat statusnya.",
                        cancellationToken);
                }

                var marked = await store.SaveAsync(review with { SubmittingSince = now }, null, cancellationToken);
                var writing = await WaitForUploadsAsync(code, year, cancellationToken);
                if (writing.Count > 0)
                {
                    await ClearMarkerAsync(marked, cancellationToken);
                    return await RefuseAsync(marked with { SubmittingSince = null },
                        $"{code} {year} was not submitted: upload {string.Join(", ", writing)} is still being written into it. Try again once it has finished (its status: GET /api/regencies/{code}/uploads).",
                        $"{code} tahun {year} tidak diajukan: unggahan {string.Join(", ", writing)} masih sedang ditulis ke tahun itu. Coba lagi setelah selesai (statusnya: GET /api/regencies/{code}/uploads).",
                        cancellationToken);
                }

                review = marked with { SubmittingSince = null };
                now = clock.GetUtcNow();
            }

            var transition = new ReviewTransition(0, action, review.State, target, now, caller.Identifier, caller.RoleName, comment, command.Until);
            var changed = review with
            {
                State = target,
                UnlockedUntil = action == ReviewAction.Unlock ? command.Until : review.UnlockedUntil,
                SubmittingSince = null,
            };
            var saved = await store.SaveAsync(changed, transition, cancellationToken);
            logger.LogInformation("Review of {Regency} {Year}: {Action} by {Caller} ({Role}), {From} -> {To}", code, year, action, caller.Identifier, caller.RoleName, transition.From, target);
            if (Scoring.ScoreStatuses.Of(transition.From) != Scoring.ScoreStatuses.Of(target))
            {
                await RequestRescoreAsync(code, year, action, cancellationToken);
            }

            var status = await StatusOfAsync(saved, cancellationToken);
            var findings = action == ReviewAction.Submit
                ? new SubmissionFindings((await completeness.ForYearAsync(year, code, cancellationToken)).FirstOrDefault(), status.QualityFlags)
                : null;
            return new ReviewOutcome(ReviewOutcomeKind.Done, status, Findings: findings);
        }
        catch (WriteConflictException)
        {
            var current = await store.GetAsync(code, year, withHistory: true, cancellationToken) ?? new RegencyYearReview(code, year);
            return await RefuseAsync(current,
                $"Another reviewer changed {code} {year} at the same moment; it is now {current.State}. Look at it again before acting.",
                $"Peninjau lain mengubah {code} tahun {year} pada saat yang sama; statusnya sekarang {current.State}. Periksa lagi sebelum bertindak.",
                cancellationToken);
        }
    }

    /// <summary>The lock an upload received at <paramref name="receivedAt"/> meets in each of the regency-years, judged
    /// now. Reads the stored reviews once per year (point reads for a few regencies).</summary>
    public async Task<IReadOnlyList<PeriodLockStatus>> LocksAsync(IReadOnlyCollection<(string RegencyCode, int Year)> regencyYears, DateTimeOffset receivedAt, Review.ReportingCalendar calendar, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var locks = new List<PeriodLockStatus>(regencyYears.Count);
        foreach (var byYear in regencyYears.GroupBy(ry => ry.Year))
        {
            var wanted = byYear.Select(ry => ry.RegencyCode).Distinct(StringComparer.Ordinal).ToList();
            Dictionary<string, RegencyYearReview> stored;
            if (wanted.Count <= 8)
            {
                stored = new(StringComparer.Ordinal);
                foreach (var code in wanted)
                {
                    if (await store.GetAsync(code, byYear.Key, withHistory: false, cancellationToken) is { } review)
                    {
                        stored[code] = review;
                    }
                }
            }
            else
            {
                stored = (await store.ListAsync(byYear.Key, null, withHistory: false, cancellationToken)).ToDictionary(r => r.RegencyCode, StringComparer.Ordinal);
            }

            var period = calendar.For(byYear.Key);
            locks.AddRange(wanted.Select(code => PeriodLockStatus.Evaluate(
                stored.GetValueOrDefault(code) ?? new RegencyYearReview(code, byYear.Key), period, receivedAt, now, _settings.SubmittingMarkerTtl)));
        }

        return locks;
    }

    private async Task<ReviewStatus> StatusOfAsync(RegencyYearReview review, CancellationToken cancellationToken)
    {
        var period = (await referenceData.GetAsync(cancellationToken)).Catalog.Calendar.For(review.Year);
        var flags = await quality.ReadAsync(review.Year, null, review.RegencyCode, cancellationToken);
        var now = clock.GetUtcNow();
        return new ReviewStatus(review, period, PeriodLockStatus.Evaluate(review, period, now, now, _settings.SubmittingMarkerTtl), flags);
    }

    private async Task<ReviewOutcome> RefuseAsync(RegencyYearReview current, string message, string messageId, CancellationToken cancellationToken) =>
        new(ReviewOutcomeKind.Conflict, await StatusOfAsync(current, cancellationToken), message, messageId);

    private ReviewOutcome? Invalid(ReviewCommand command, string? comment)
    {
        if (command.Year is < Observations.Period.MinYear or > Observations.Period.MaxYear)
        {
            return new ReviewOutcome(ReviewOutcomeKind.Invalid, null,
                $"The year {command.Year} is not a reporting year: give a year such as 2024.",
                $"Tahun {command.Year} bukan tahun pelaporan: tulis tahun seperti 2024.");
        }

        if (ReviewRules.NeedsComment(command.Action) && comment is null)
        {
            return new ReviewOutcome(ReviewOutcomeKind.Invalid, null,
                $"To {command.Action.Name()} a year, say why in 'comment': the regency reads it to know what to fix.",
                $"Untuk {command.Action.Name()} sebuah tahun, tuliskan alasannya di 'comment': kabupaten/kota membacanya untuk tahu apa yang harus diperbaiki.");
        }

        if (comment is { Length: > ReviewRules.MaxCommentLength })
        {
            return new ReviewOutcome(ReviewOutcomeKind.Invalid, null,
                $"The comment has {comment.Length} characters; at most {ReviewRules.MaxCommentLength} are kept. Shorten it.",
                $"Komentar berisi {comment.Length} karakter; paling banyak {ReviewRules.MaxCommentLength}. Persingkat komentarnya.");
        }

        if (command.Action == ReviewAction.Unlock)
        {
            var today = ReportingPeriod.DayOf(clock.GetUtcNow());
            if (command.Until is not { } until || until < today)
            {
                return new ReviewOutcome(ReviewOutcomeKind.Invalid, null,
                    $"A lock exception needs 'until', the last day (yyyy-MM-dd, WIB) uploads are taken, today ({ReportingPeriod.Format(today)}) or later.",
                    $"Pengecualian kunci memerlukan 'until', hari terakhir (yyyy-MM-dd, WIB) unggahan diterima, hari ini ({ReportingPeriod.Format(today)}) atau sesudahnya.");
            }
        }

        return null;
    }

    private static string Allowed(ReviewAction action) => action switch
    {
        ReviewAction.Submit => "only an Open year can be submitted",
        ReviewAction.Verify => "only a Submitted year can be verified",
        ReviewAction.Approve => "only a Verified year can be approved",
        ReviewAction.Return => "only a Submitted or Verified year can be returned",
        ReviewAction.Reopen => "only an Approved year can be reopened",
        _ => "",
    };

    /// <summary>Waits until no upload is writing into the regency-year, up to <see cref="ReviewOptions.SubmitWaitSeconds"/>;
    /// returns the ids of those still writing then (none when it may go on).</summary>
    private async Task<IReadOnlyList<string>> WaitForUploadsAsync(string regencyCode, int year, CancellationToken cancellationToken)
    {
        // Wall-clock time: this waits for another process, whatever the app's clock says.
        var waited = Stopwatch.StartNew();
        for (var pause = 50; ; pause = Math.Min(pause * 2, 1000))
        {
            var writing = (await uploads.ListUnfinishedAsync([regencyCode, ImportRequest.AllRegencies], cancellationToken))
                .Where(u => PendingRegencyYears.From([u]).Contains(regencyCode, year))
                .Select(u => u.UploadId)
                .ToList();
            if (writing.Count == 0 || waited.Elapsed.TotalSeconds >= _settings.SubmitWaitSeconds)
            {
                return writing;
            }

            await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>
    /// Into or out of Approved, the regency's score changes between final and provisional: the year is marked changed
    /// and the regency rescored (the upload path: one regency, then a delayed re-rank), so the stored row, the exports
    /// and the Power BI model follow the review without a full recompute. The review is already saved: a failure here
    /// is logged, not answered, and the mark lets the nightly recompute (or <c>readiness score</c>) catch up.
    /// </summary>
    private async Task RequestRescoreAsync(string regencyCode, int year, ReviewAction action, CancellationToken cancellationToken)
    {
        if (scores is null || scoreRequests is null)
        {
            return;
        }

        try
        {
            await scores.MarkChangedAsync([year], clock.GetUtcNow(), cancellationToken);
            await scoreRequests.RequestAsync(new ScoreRequest([year], [regencyCode], $"review {action.Name()} {regencyCode} {year}"), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Review of {Regency} {Year} ({Action}) saved, but its rescore could not be requested: the nightly recompute, or 'readiness score' for that year, brings the score's status up to date", regencyCode, year, action);
        }
    }

    private async Task ClearMarkerAsync(RegencyYearReview marked, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(marked with { SubmittingSince = null }, null, cancellationToken);
        }
        catch (WriteConflictException)
        {
            // Someone else changed it since: their write replaced the marker already.
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Readiness.Core;
using Readiness.Core.Access;
using Readiness.Core.Completeness;
using Readiness.Core.Quality;
using Readiness.Core.Review;
using Readiness.Core.Scoring;

namespace Readiness.Functions.Http;

/// <summary>The reporting window of a year as answered (days in WIB).</summary>
public sealed record CalendarView(string Opens, string Due, string Closes)
{
    public static CalendarView? From(ReportingPeriod? period) => period is null ? null
        : new(ReportingPeriod.Format(period.Opens), ReportingPeriod.Format(period.Due), ReportingPeriod.Format(period.Closes));
}

/// <summary>Whether an upload received now would be locked, and why (<c>review</c>, <c>being-submitted</c>,
/// <c>not-yet-open</c>, <c>closed</c>), with the texts an officer reads.</summary>
public sealed record LockView(bool Locked, string? Reason, bool Late, string? Message, string? MessageId)
{
    public static LockView From(PeriodLockStatus status)
    {
        var error = status.Locked ? status.ToError() : null;
        var reason = status.Reason switch
        {
            LockReason.None => null,
            LockReason.BeingSubmitted => "being-submitted",
            LockReason.NotYetOpen => "not-yet-open",
            var r => r.ToString().ToLowerInvariant(),
        };
        return new LockView(status.Locked, reason, status.Late, error?.Message, error?.MessageId);
    }
}

/// <summary>A regency-year's review as the API answers it: the state, whether its scores are final, what the caller
/// may do next, the lock, the reporting window, an open lock exception, the history (oldest first), and the open
/// data-quality flags of the regency-year (their count and the flags).</summary>
public sealed record ReviewView(
    string Regency,
    int Year,
    ReviewState State,
    bool Final,
    IReadOnlyList<ReviewAction> NextActions,
    LockView Lock,
    CalendarView? Calendar,
    string? UnlockedUntil,
    IReadOnlyList<ReviewTransition> History,
    int OpenFlags,
    IReadOnlyList<QualityFinding> Flags)
{
    public static ReviewView From(ReviewStatus status, Caller caller) => new(
        status.Review.RegencyCode,
        status.Review.Year,
        status.State,
        status.IsFinal,
        ReviewRules.NextActions(caller, status.Review),
        LockView.From(status.Lock),
        CalendarView.From(status.Period),
        status.Review.UnlockedUntil is { } until ? ReportingPeriod.Format(until) : null,
        status.Review.History,
        status.QualityFlags.Count,
        status.QualityFlags);
}

/// <summary>What a submission found: the year's completeness and its open quality flags. Never blocking.</summary>
public sealed record FindingsView(RegencyCompleteness? Completeness, int QualityFlags, IReadOnlyList<QualityFinding> Quality);

/// <summary>The answer to an action: the new review, and for a submission its findings.</summary>
public sealed record ReviewActionResult(ReviewView Review, FindingsView? Findings);

/// <summary>The work list of a year.</summary>
public sealed record ReviewWorkList(int Year, string? Province, ReviewState? State, int Count, IReadOnlyList<ReviewListItem> Regencies);

/// <summary>The body of <c>POST …/review</c>.</summary>
public sealed record ReviewBody(
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("until")] string? Until);

/// <summary>
/// <c>GET|POST regencies/{code}/years/{year}/review</c> and <c>GET review?year=</c> (issue 14): the review state of a
/// regency-year, the actions on it, and the work list of a Walidata or the ministry. Who may take which action is the
/// core's rule (<see cref="ReviewRules"/>): a refusal is 403, an action the state does not allow (or another reviewer's
/// that came first) 409 with the current state. Texts are Indonesian first, then English.
/// </summary>
public sealed class ReviewFunctions(ReviewService reviews, ScoreService scores, ILogger<ReviewFunctions> logger)
{
    public const string ReviewRoute = "regencies/{code}/years/{year}/review";
    public const string WorkListRoute = "review";
    private const long MaxBodyBytes = 16 * 1024;

    [Function(nameof(GetReview))]
    public Task<IActionResult> GetReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReviewRoute)] HttpRequest req,
        string code,
        string year,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadFor(code), async (call, cancellationToken) =>
        {
            var parsed = QueryOptions.Year(year, "year");
            if (!parsed.Ok)
            {
                return call.Refuse(parsed.Error);
            }

            var status = await reviews.GetStatusAsync(call.RegencyCode, parsed.Value, cancellationToken);
            return ApiResults.Json(StatusCodes.Status200OK, ReviewView.From(status, call.Caller));
        });

    [Function(nameof(PostReview))]
    public Task<IActionResult> PostReview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReviewRoute)] HttpRequest req,
        string code,
        string year,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.AnyFor(code), async (call, cancellationToken) =>
        {
            var parsed = QueryOptions.Year(year, "year");
            if (!parsed.Ok)
            {
                return call.Refuse(parsed.Error);
            }

            var read = await SmallBody.ReadJsonAsync<ReviewBody>(req, MaxBodyBytes, """a JSON object {"action": "submit|verify|approve|return|reopen|unlock", "comment": "…", "until": "yyyy-MM-dd"}""", e => BadBody("body",
                $"Isi permintaan harus objek JSON {{\"action\", \"comment\", \"until\"}}; tidak terbaca di {e.Path ?? "$"} (baris {e.LineNumber + 1}).",
                $"The body must be a JSON object {{\"action\", \"comment\", \"until\"}}; it could not be read at {e.Path ?? "$"} (line {e.LineNumber + 1})."), cancellationToken);
            if (!read.Ok)
            {
                return call.Refuse(read.Error);
            }

            var body = read.Value;

            if (!ReviewNames.TryParseAction(body?.Action, out var action))
            {
                return call.Refuse(BadBody("action",
                    $"'action' harus salah satu dari submit, verify, approve, return, reopen, unlock, bukan '{body?.Action}'.",
                    $"'action' must be one of submit, verify, approve, return, reopen, unlock, not '{body?.Action}'."));
            }

            DateOnly? until = null;
            if (body!.Until is { } text)
            {
                if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    return call.Refuse(BadBody("until",
                        $"'until' harus tanggal yyyy-MM-dd (misalnya 2025-03-31), bukan '{text}'.",
                        $"'until' must be a date yyyy-MM-dd (such as 2025-03-31), not '{text}'."));
                }

                until = day;
            }

            var outcome = await reviews.TakeAsync(new ReviewCommand(call.Caller, call.RegencyCode, parsed.Value, action, body.Comment, until), cancellationToken);
            return outcome.Kind switch
            {
                ReviewOutcomeKind.Done => ApiResults.Json(StatusCodes.Status200OK, new ReviewActionResult(
                    ReviewView.From(outcome.Status!, call.Caller),
                    outcome.Findings is { } f ? new FindingsView(f.Completeness, f.Quality.Count, f.Quality) : null)),
                ReviewOutcomeKind.Forbidden => call.Refuse(Problem(StatusCodes.Status403Forbidden, "Forbidden", outcome, null,
                    new Dictionary<string, object?> { ["role"] = call.Caller.RoleName, ["action"] = action.Name() })),
                ReviewOutcomeKind.Conflict => call.Refuse(Problem(StatusCodes.Status409Conflict, "Conflict", outcome, null,
                    new Dictionary<string, object?> { ["state"] = outcome.Status!.State.ToString(), ["review"] = ReviewView.From(outcome.Status, call.Caller) })),
                ReviewOutcomeKind.NotFound => call.Refuse(Problem(StatusCodes.Status404NotFound, "Unknown regency", outcome, "code", null)),
                _ => call.Refuse(Problem(StatusCodes.Status400BadRequest, "Invalid review action", outcome, "body", null)),
            };
        });

    [Function(nameof(ListReviews))]
    public Task<IActionResult> ListReviews(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WorkListRoute)] HttpRequest req,
        FunctionContext context) =>
        ApiResults.GuardAsync(req, context, logger, Need.ReadPublished, async (call, cancellationToken) =>
        {
            var year = QueryOptions.RequiredYear(req.Query);
            if (!year.Ok)
            {
                return call.Refuse(year.Error);
            }

            var province = await ProvinceFilter.ReadAsync(req.Query, scores, cancellationToken);
            if (!province.Ok)
            {
                return call.Refuse(province.Error);
            }

            var stateText = QueryOptions.Single(req.Query, "state");
            if (!stateText.Ok)
            {
                return call.Refuse(stateText.Error);
            }

            ReviewState? state = null;
            if (stateText.Value is { } s)
            {
                if (!ReviewNames.TryParseState(s, out var parsed))
                {
                    return call.Refuse(new OptionError("state", s, "state must be Open, Submitted, Verified or Approved, such as state=Submitted (status: Open, Submitted, Verified atau Approved)."));
                }

                state = parsed;
            }

            // The ministry lists every regency; a Walidata its province's; a regency its own line.
            var caller = call.Caller;
            var scope = caller.IsProvince ? caller.ProvinceCode : province.Value;
            IReadOnlyList<ReviewListItem> items = caller.IsProvince && province.Value is { } asked && asked != caller.ProvinceCode
                ? []
                : await reviews.ListAsync(year.Value, scope, state, cancellationToken);
            if (caller.Role == Role.Regency)
            {
                items = [.. items.Where(i => i.RegencyCode == caller.RegencyCode)];
            }

            return ApiResults.Json(StatusCodes.Status200OK, new ReviewWorkList(year.Value, scope, state, items.Count, items));
        });

    private static ApiProblem BadBody(string parameter, string indonesian, string english) =>
        new(StatusCodes.Status400BadRequest, "Invalid review action", $"{indonesian} ({english})", parameter,
            new Dictionary<string, object?> { ["detail_id"] = indonesian, ["detail_en"] = english });

    /// <summary>A refusal of the core, Indonesian first with English after it, each also on its own.</summary>
    private static ApiProblem Problem(int status, string title, ReviewOutcome outcome, string? parameter, Dictionary<string, object?>? extensions)
    {
        var all = extensions ?? [];
        all["detail_id"] = outcome.MessageId;
        all["detail_en"] = outcome.Message;
        return new ApiProblem(status, title, $"{outcome.MessageId} ({outcome.Message})", parameter, all);
    }
}

using Readiness.Core.Access;

namespace Readiness.Core.Review;

/// <summary>
/// Who may move a regency-year from which state to which. A regency submits its own year; the province's Walidata
/// verifies or returns the years of its regencies; the ministry (admin) may do everything, and alone approves,
/// reopens an approved year and grants lock exceptions. Return and reopen need a comment (the regency must learn why).
/// </summary>
public static class ReviewRules
{
    /// <summary>The longest comment kept (the history is shown whole).</summary>
    public const int MaxCommentLength = 1000;

    /// <summary>The state an action leads to from <paramref name="from"/>, or null when it is not allowed from there.</summary>
    public static ReviewState? Target(ReviewAction action, ReviewState from) => (action, from) switch
    {
        (ReviewAction.Submit, ReviewState.Open) => ReviewState.Submitted,
        (ReviewAction.Verify, ReviewState.Submitted) => ReviewState.Verified,
        (ReviewAction.Approve, ReviewState.Verified) => ReviewState.Approved,
        (ReviewAction.Return, ReviewState.Submitted or ReviewState.Verified) => ReviewState.Open,
        (ReviewAction.Reopen, ReviewState.Approved) => ReviewState.Open,
        (ReviewAction.Unlock, _) => from,
        _ => null,
    };

    /// <summary>Whether <paramref name="caller"/>'s role may take <paramref name="action"/> on a year of
    /// <paramref name="regencyCode"/> at all (whatever its state).</summary>
    public static bool MayTake(Caller caller, ReviewAction action, string regencyCode) => caller.Role switch
    {
        Role.Admin => true,
        Role.Province => caller.IsOfProvince(regencyCode) && action is ReviewAction.Verify or ReviewAction.Return,
        Role.Regency => caller.MayActFor(regencyCode) && action is ReviewAction.Submit,
        _ => false,
    };

    /// <summary>The actions <paramref name="caller"/> may take now on <paramref name="review"/>, in workflow order.</summary>
    public static IReadOnlyList<ReviewAction> NextActions(Caller caller, RegencyYearReview review) =>
        [.. Enum.GetValues<ReviewAction>().Where(a => MayTake(caller, a, review.RegencyCode) && Target(a, review.State) is not null)];

    /// <summary>Whether <paramref name="action"/> needs a comment.</summary>
    public static bool NeedsComment(ReviewAction action) => action is ReviewAction.Return or ReviewAction.Reopen;

    /// <summary>Which roles may take an action, said plainly for a 403 (English, Indonesian).</summary>
    public static (string English, string Indonesian) WhoMay(ReviewAction action) => action switch
    {
        ReviewAction.Submit => ("the regency's own key (or the ministry)", "kunci kabupaten/kota itu sendiri (atau kementerian)"),
        ReviewAction.Verify or ReviewAction.Return => ("the key of the regency's province (Walidata) or the ministry", "kunci provinsinya (Walidata) atau kementerian"),
        _ => ("the ministry (admin keys) only", "hanya kementerian (kunci admin)"),
    };
}

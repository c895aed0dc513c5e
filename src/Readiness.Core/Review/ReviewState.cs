using System.Text.Json.Serialization;
using Readiness.Core.Access;

namespace Readiness.Core.Review;

/// <summary>Where a regency-year is in its review (Satu Data: the regency produces, the province's Walidata checks, the
/// ministry approves). Anything but <see cref="Open"/> locks the year's values.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewState>))]
public enum ReviewState
{
    /// <summary>The regency may upload and change its data.</summary>
    Open,

    /// <summary>The regency says its data is complete; the province checks it.</summary>
    Submitted,

    /// <summary>The province (Walidata) has checked it; the ministry approves it.</summary>
    Verified,

    /// <summary>The ministry approved it: the year's scores are final.</summary>
    Approved,
}

/// <summary>What a reviewer does to a regency-year. Answered and read in lower case (<c>submit</c>, <c>return</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewAction>))]
public enum ReviewAction
{
    [JsonStringEnumMemberName("submit")]
    Submit,

    [JsonStringEnumMemberName("verify")]
    Verify,

    [JsonStringEnumMemberName("approve")]
    Approve,

    /// <summary>Back to <see cref="ReviewState.Open"/> from Submitted or Verified, with a required comment.</summary>
    [JsonStringEnumMemberName("return")]
    Return,

    /// <summary>An approved year back to <see cref="ReviewState.Open"/> (the ministry's unapproval), with a comment.</summary>
    [JsonStringEnumMemberName("reopen")]
    Reopen,

    /// <summary>A lock exception: the year takes uploads after its closing date, until a given date (state unchanged).</summary>
    [JsonStringEnumMemberName("unlock")]
    Unlock,
}

/// <summary>The lower-case names of <see cref="ReviewAction"/> and <see cref="ReviewState"/>.</summary>
public static class ReviewNames
{
    public static string Name(this ReviewAction action) => action.ToString().ToLowerInvariant();

    public static bool TryParseAction(string? text, out ReviewAction action) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out action) && Enum.IsDefined(action) && !int.TryParse(text, out _);

    public static bool TryParseState(string? text, out ReviewState state) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out state) && Enum.IsDefined(state) && !int.TryParse(text, out _);
}

/// <summary>One step of a regency-year's history: who (key id or principal, and role), when, what, and why.</summary>
/// <param name="Sequence">1 for the first step of the regency-year, then one more each time.</param>
/// <param name="UnlockedUntil">For <see cref="ReviewAction.Unlock"/>: the last day (WIB) uploads are taken.</param>
public sealed record ReviewTransition(
    [property: JsonPropertyName("sequence")] int Sequence,
    [property: JsonPropertyName("action")] ReviewAction Action,
    [property: JsonPropertyName("from")] ReviewState From,
    [property: JsonPropertyName("to")] ReviewState To,
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("by")] string By,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("unlockedUntil")] DateOnly? UnlockedUntil = null);

/// <summary>
/// The review of one regency-year as stored: its state, an open lock exception, and (when read with it) its history,
/// oldest first. <see cref="Version"/> is the store's ETag: every change is written conditionally on it, so of two
/// reviewers acting at once exactly one wins. A regency-year never acted on is <see cref="ReviewState.Open"/> with no
/// version.
/// </summary>
public sealed record RegencyYearReview(string RegencyCode, int Year)
{
    public ReviewState State { get; init; } = ReviewState.Open;

    /// <summary>A lock exception: uploads received up to the end of this day (WIB) are taken after the closing date.</summary>
    public DateOnly? UnlockedUntil { get; init; }

    /// <summary>Set while a submission waits for uploads still being written (see <see cref="ReviewService"/>):
    /// uploads treat the year as locked from this moment, so none can start writing into it.</summary>
    public DateTimeOffset? SubmittingSince { get; init; }

    /// <summary>When the last transition happened.</summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>How many transitions the history holds (the next one's <see cref="ReviewTransition.Sequence"/> - 1).</summary>
    public int Transitions { get; init; }

    /// <summary>Oldest first; empty when read without it.</summary>
    public IReadOnlyList<ReviewTransition> History { get; init; } = [];

    /// <summary>The store's version (ETag) this was read at; null when never stored.</summary>
    public string? Version { get; init; }

    /// <summary>Approved: the data behind the year's scores is final; otherwise they are provisional.</summary>
    public bool IsFinal => State == ReviewState.Approved;

    /// <summary>Whether a submission that began at <see cref="SubmittingSince"/> may still be waiting at
    /// <paramref name="now"/>: a marker older than <paramref name="ttl"/> was left by a process that died.</summary>
    public bool IsBeingSubmitted(DateTimeOffset now, TimeSpan ttl) => SubmittingSince is { } since && now - since < ttl;
}

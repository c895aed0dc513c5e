using Readiness.Core.Review;

namespace Readiness.Core.Ports;

/// <summary>The <c>reviews</c> table: the review state of each regency-year and its append-only history.</summary>
public interface IReviewStore
{
    /// <summary>One regency-year, with its history when <paramref name="withHistory"/>; null when never acted on.</summary>
    Task<RegencyYearReview?> GetAsync(string regencyCode, int year, bool withHistory, CancellationToken cancellationToken);

    /// <summary>The stored regency-years of a year, with their histories when <paramref name="withHistory"/> (the same
    /// one partition query), of one province (by current code) when <paramref name="provinceCode"/> is given;
    /// regency-years never acted on are not listed.</summary>
    Task<IReadOnlyList<RegencyYearReview>> ListAsync(int year, string? provinceCode, bool withHistory, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="review"/>, conditional on its <see cref="RegencyYearReview.Version"/> (null: it must not
    /// exist yet), and appends <paramref name="transition"/> to its history in the same atomic write. Returns the review
    /// as stored, with its new version; throws <see cref="WriteConflictException"/> when another writer changed it first.
    /// </summary>
    Task<RegencyYearReview> SaveAsync(RegencyYearReview review, ReviewTransition? transition, CancellationToken cancellationToken);
}

public static class ReviewStoreExtensions
{
    /// <summary>The state of every regency-year of <paramref name="year"/> that was ever acted on (one query, no
    /// histories); any other is Open. What the review list and a score's final/provisional status read.</summary>
    public static async Task<IReadOnlyDictionary<string, ReviewState>> StatesAsync(this IReviewStore store, int year, CancellationToken cancellationToken) =>
        (await store.ListAsync(year, null, withHistory: false, cancellationToken)).ToDictionary(r => r.RegencyCode, r => r.State, StringComparer.Ordinal);
}

namespace Readiness.Core.Scoring;

/// <summary>Step 6 of the methodology (docs/methodology.md): ranks and trend over all scored regencies of a year.</summary>
public static class Ranking
{
    /// <summary>
    /// Ranks one year's scores nationally, within each province (of that year) and within each peer group by <see cref="RegencyScore.Overall"/>, with
    /// standard competition ranking (1, 2, 2, 4), and sets the trend against the previous year.
    /// </summary>
    /// <remarks>
    /// Overall scores are compared at full double precision: only exactly equal scores tie. Trend = Overall − the
    /// previous year's Overall of the same regency code, null when <paramref name="previousYearOverallByRegency"/>
    /// has none. The result is ordered by national rank, then regency code (ordinal).
    /// </remarks>
    /// <exception cref="ArgumentException">The scores span several years, list a regency twice, or have a
    /// non-number Overall.</exception>
    public static IReadOnlyList<RegencyScore> Rank(
        IReadOnlyList<RegencyScore> yearScores,
        IReadOnlyDictionary<string, double> previousYearOverallByRegency)
    {
        ArgumentNullException.ThrowIfNull(yearScores);
        ArgumentNullException.ThrowIfNull(previousYearOverallByRegency);
        Validate(yearScores);

        var national = CompetitionRanks(yearScores);
        var province = yearScores
            .GroupBy(s => s.ProvinceCode, StringComparer.Ordinal)
            .SelectMany(g => CompetitionRanks([.. g]))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var peers = yearScores
            .GroupBy(s => s.PeerGroup, StringComparer.Ordinal)
            .SelectMany(g => CompetitionRanks([.. g]))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

        return
        [
            .. yearScores
                .Select(s => s with
                {
                    NationalRank = national[s.RegencyCode],
                    ProvinceRank = province[s.RegencyCode],
                    PeerRank = peers[s.RegencyCode],
                    Trend = previousYearOverallByRegency.TryGetValue(s.RegencyCode, out var previous) ? s.Overall - previous : null,
                })
                .OrderBy(s => s.NationalRank)
                .ThenBy(s => s.RegencyCode, StringComparer.Ordinal),
        ];
    }

    /// <summary>Rank = 1 + the number of scores strictly above; equal scores share a rank and leave a gap.</summary>
    private static Dictionary<string, int> CompetitionRanks(IReadOnlyList<RegencyScore> scores)
    {
        var ordered = scores.OrderByDescending(s => s.Overall).ToList();
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            ranks[ordered[i].RegencyCode] = i > 0 && ordered[i].Overall == ordered[i - 1].Overall
                ? ranks[ordered[i - 1].RegencyCode]
                : i + 1;
        }

        return ranks;
    }

    private static void Validate(IReadOnlyList<RegencyScore> scores)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var score in scores)
        {
            if (score.Year != scores[0].Year)
            {
                throw new ArgumentException($"Ranking is per year, got {scores[0].Year} and {score.Year}.", "yearScores");
            }

            if (!codes.Add(score.RegencyCode))
            {
                throw new ArgumentException($"Regency {score.RegencyCode} is listed twice for {score.Year}.", "yearScores");
            }

            if (double.IsNaN(score.Overall))
            {
                throw new ArgumentException($"Regency {score.RegencyCode} has no overall score.", "yearScores");
            }
        }
    }
}

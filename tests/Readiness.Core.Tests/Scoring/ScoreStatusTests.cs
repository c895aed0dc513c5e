using Readiness.Core.Review;
using Readiness.Core.Scoring;

namespace Readiness.Core.Tests.Scoring;

/// <summary>A score is final only when its regency-year is approved; its names are the same everywhere.</summary>
public sealed class ScoreStatusTests
{
    [Theory]
    [InlineData(ReviewState.Open, ScoreStatus.Provisional)]
    [InlineData(ReviewState.Submitted, ScoreStatus.Provisional)]
    [InlineData(ReviewState.Verified, ScoreStatus.Provisional)]
    [InlineData(ReviewState.Approved, ScoreStatus.Final)]
    public void Status_IsFinalOnlyWhenApproved(ReviewState state, ScoreStatus expected) =>
        Assert.Equal(expected, ScoreStatuses.Of(state));

    [Fact]
    public void Status_OfARegencyYearNeverReviewed_IsProvisional()
    {
        var states = new Dictionary<string, ReviewState>(StringComparer.Ordinal) { ["13.07"] = ReviewState.Approved, ["13.71"] = ReviewState.Verified };

        Assert.Equal(
            [ScoreStatus.Final, ScoreStatus.Provisional, ScoreStatus.Provisional],
            new[] { "13.07", "13.71", "32.71" }.Select(code => ScoreStatuses.Of(states, code)));
    }

    [Fact]
    public void Names_AreLowerCase_AndParseBack()
    {
        Assert.Equal(("final", "provisional"), (ScoreStatus.Final.Name(), ScoreStatus.Provisional.Name()));
        Assert.Equal(["final", "provisional"], ScoreStatuses.Names);
        Assert.All(Enum.GetValues<ScoreStatus>(), s => Assert.Equal(s, ScoreStatuses.Parse(s.Name())));
    }

    [Theory]
    [InlineData(" FINAL ", true, ScoreStatus.Final)]
    [InlineData("Provisional", true, ScoreStatus.Provisional)]
    [InlineData("approved", false, ScoreStatus.Provisional)]
    [InlineData("1", false, ScoreStatus.Provisional)]
    [InlineData("", false, ScoreStatus.Provisional)]
    [InlineData(null, false, ScoreStatus.Provisional)]
    public void TryParse_TakesOnlyTheTwoNames(string? text, bool ok, ScoreStatus parsed)
    {
        Assert.Equal(ok, ScoreStatuses.TryParse(text, out var status));
        Assert.Equal(parsed, status);
    }

    [Fact]
    public void AScore_IsProvisionalUntilItsStatusIsSet()
    {
        var score = ScoringTestData.Unranked("13.07", "13", 50);

        Assert.Equal(ScoreStatus.Provisional, score.Status);
        Assert.False(score.IsFinal);
        Assert.True((score with { Status = ScoreStatus.Final }).IsFinal);
    }

    [Fact]
    public void Ranking_KeepsEachScoresStatus()
    {
        var ranked = Ranking.Rank(
            [ScoringTestData.Unranked("13.07", "13", 50) with { Status = ScoreStatus.Final }, ScoringTestData.Unranked("13.71", "13", 60)],
            new Dictionary<string, double>());

        Assert.Equal([("13.71", ScoreStatus.Provisional), ("13.07", ScoreStatus.Final)], ranked.Select(s => (s.RegencyCode, s.Status)));
    }

    [Fact]
    public void Labels_AreIndonesianFirst_ThenEnglish() =>
        Assert.Equal((("Final", "Final"), ("Sementara", "Provisional")), (ScoreStatus.Final.Label(), ScoreStatus.Provisional.Label()));
}

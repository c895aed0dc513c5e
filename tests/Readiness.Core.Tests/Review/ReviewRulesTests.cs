using Readiness.Core.Access;
using Readiness.Core.Review;

namespace Readiness.Core.Tests.Review;

public class ReviewRulesTests
{
    private static readonly Caller Regency = new(Role.Regency, "13.07", "key:r");
    private static readonly Caller OtherRegency = new(Role.Regency, "32.71", "key:o");
    private static readonly Caller Province = new(Role.Province, null, "key:p", "13");
    private static readonly Caller OtherProvince = new(Role.Province, null, "key:q", "32");
    private static readonly Caller Admin = new(Role.Admin, null, "key:a");

    [Theory]
    [InlineData(ReviewAction.Submit, ReviewState.Open, ReviewState.Submitted)]
    [InlineData(ReviewAction.Verify, ReviewState.Submitted, ReviewState.Verified)]
    [InlineData(ReviewAction.Approve, ReviewState.Verified, ReviewState.Approved)]
    [InlineData(ReviewAction.Return, ReviewState.Submitted, ReviewState.Open)]
    [InlineData(ReviewAction.Return, ReviewState.Verified, ReviewState.Open)]
    [InlineData(ReviewAction.Reopen, ReviewState.Approved, ReviewState.Open)]
    [InlineData(ReviewAction.Unlock, ReviewState.Verified, ReviewState.Verified)]
    public void Target_OfAnAllowedTransition_IsTheNextState(ReviewAction action, ReviewState from, ReviewState to) =>
        Assert.Equal(to, ReviewRules.Target(action, from));

    [Theory]
    [InlineData(ReviewAction.Approve, ReviewState.Submitted)]
    [InlineData(ReviewAction.Approve, ReviewState.Open)]
    [InlineData(ReviewAction.Verify, ReviewState.Open)]
    [InlineData(ReviewAction.Verify, ReviewState.Verified)]
    [InlineData(ReviewAction.Submit, ReviewState.Submitted)]
    [InlineData(ReviewAction.Return, ReviewState.Open)]
    [InlineData(ReviewAction.Return, ReviewState.Approved)]
    [InlineData(ReviewAction.Reopen, ReviewState.Verified)]
    public void Target_FromAStateThatDoesNotAllowIt_IsNull(ReviewAction action, ReviewState from) =>
        Assert.Null(ReviewRules.Target(action, from));

    [Fact]
    public void MayTake_FollowsTheRoles()
    {
        Assert.True(ReviewRules.MayTake(Regency, ReviewAction.Submit, "13.07"));
        Assert.False(ReviewRules.MayTake(OtherRegency, ReviewAction.Submit, "13.07"));
        Assert.False(ReviewRules.MayTake(Regency, ReviewAction.Verify, "13.07"));
        Assert.False(ReviewRules.MayTake(Regency, ReviewAction.Return, "13.07"));

        Assert.True(ReviewRules.MayTake(Province, ReviewAction.Verify, "13.07"));
        Assert.True(ReviewRules.MayTake(Province, ReviewAction.Return, "13.71"));
        Assert.False(ReviewRules.MayTake(Province, ReviewAction.Submit, "13.07"));
        Assert.False(ReviewRules.MayTake(Province, ReviewAction.Approve, "13.07"));
        Assert.False(ReviewRules.MayTake(Province, ReviewAction.Unlock, "13.07"));
        Assert.False(ReviewRules.MayTake(OtherProvince, ReviewAction.Verify, "13.07"));

        foreach (var action in Enum.GetValues<ReviewAction>())
        {
            Assert.True(ReviewRules.MayTake(Admin, action, "13.07"));
        }
    }

    [Fact]
    public void NextActions_AreWhatTheRoleMayDoFromTheState()
    {
        var submitted = new RegencyYearReview("13.07", 2024) { State = ReviewState.Submitted };
        Assert.Empty(ReviewRules.NextActions(Regency, submitted));
        Assert.Equal([ReviewAction.Verify, ReviewAction.Return], ReviewRules.NextActions(Province, submitted));
        Assert.Equal([ReviewAction.Verify, ReviewAction.Return, ReviewAction.Unlock], ReviewRules.NextActions(Admin, submitted));
        Assert.Equal([ReviewAction.Submit], ReviewRules.NextActions(Regency, new RegencyYearReview("13.07", 2024)));
        Assert.Equal([ReviewAction.Reopen, ReviewAction.Unlock], ReviewRules.NextActions(Admin, submitted with { State = ReviewState.Approved }));
    }

    [Fact]
    public void ProvinceKey_ReadsItsProvincesRegenciesOnly_AndActsForNone()
    {
        Assert.True(Province.MayRead("13.07"));
        Assert.False(Province.MayRead("32.71"));
        Assert.False(Province.MayRead("130.7"));
        Assert.False(Province.MayActFor("13.07"));
        Assert.True(Regency.MayRead("13.07"));
        Assert.False(Regency.MayRead("13.71"));
        Assert.True(Admin.MayRead("32.71"));
    }

    [Theory]
    [InlineData("submit", ReviewAction.Submit)]
    [InlineData(" Return ", ReviewAction.Return)]
    [InlineData("REOPEN", ReviewAction.Reopen)]
    public void Actions_ParseCaseInsensitively(string text, ReviewAction expected)
    {
        Assert.True(ReviewNames.TryParseAction(text, out var action));
        Assert.Equal(expected, action);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("approve!")]
    [InlineData("")]
    [InlineData(null)]
    public void Actions_RejectWhatIsNoAction(string? text) => Assert.False(ReviewNames.TryParseAction(text, out _));
}

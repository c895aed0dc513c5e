using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Core.Ports;
using Readiness.Core.Review;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Review;

public class ReviewServiceTests
{
    private static readonly Caller Regency = new(Role.Regency, "13.07", "key:regency1307");
    private static readonly Caller Province = new(Role.Province, null, "key:province13", "13");
    private static readonly Caller OtherProvince = new(Role.Province, null, "key:province32", "32");
    private static readonly Caller Admin = new(Role.Admin, null, "key:admin");

    private static Task<ReviewOutcome> Take(AzuritePipeline pipeline, Caller caller, ReviewAction action, string? comment = null, DateOnly? until = null, string regency = "13.07") =>
        pipeline.Reviews.TakeAsync(new ReviewCommand(caller, regency, 2024, action, comment, until), CancellationToken.None);

    [Fact]
    public async Task RegencyYear_GoesThroughSubmitVerifyApproveReopen_AndKeepsWhoWhenAndWhy()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        Assert.Equal(ReviewState.Open, (await pipeline.Reviews.GetStatusAsync("13.07", 2024, CancellationToken.None)).State);

        var submitted = await Take(pipeline, Regency, ReviewAction.Submit, "lengkap");
        Assert.True(submitted.Done, submitted.Message);
        Assert.Equal(ReviewState.Submitted, submitted.Status!.State);
        Assert.NotNull(submitted.Findings);
        Assert.Equal("13.07", submitted.Findings!.Completeness!.RegencyCode);

        Assert.Equal(ReviewState.Verified, (await Take(pipeline, Province, ReviewAction.Verify)).Status!.State);
        var approved = await Take(pipeline, Admin, ReviewAction.Approve);
        Assert.True(approved.Status!.IsFinal);
        Assert.Equal(ReviewState.Open, (await Take(pipeline, Admin, ReviewAction.Reopen, "koreksi GOV-01")).Status!.State);

        var status = await pipeline.Reviews.GetStatusAsync("13.07", 2024, CancellationToken.None);
        Assert.Equal(ReviewState.Open, status.State);
        Assert.False(status.IsFinal);
        Assert.Equal(
            [(1, ReviewAction.Submit, ReviewState.Open, ReviewState.Submitted, "key:regency1307", "regency", "lengkap"),
             (2, ReviewAction.Verify, ReviewState.Submitted, ReviewState.Verified, "key:province13", "province", null),
             (3, ReviewAction.Approve, ReviewState.Verified, ReviewState.Approved, "key:admin", "admin", null),
             (4, ReviewAction.Reopen, ReviewState.Approved, ReviewState.Open, "key:admin", "admin", "koreksi GOV-01")],
            status.Review.History.Select(t => (t.Sequence, t.Action, t.From, t.To, t.By, t.Role, t.Comment)));
        Assert.All(status.Review.History, t => Assert.True(DateTimeOffset.UtcNow - t.At < TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task Action_FromAStateThatDoesNotAllowIt_IsAConflict_NamingTheCurrentState()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await Take(pipeline, Regency, ReviewAction.Submit);

        var approve = await Take(pipeline, Admin, ReviewAction.Approve);

        Assert.Equal(ReviewOutcomeKind.Conflict, approve.Kind);
        Assert.Equal(ReviewState.Submitted, approve.Status!.State);
        Assert.Contains("only a Verified year can be approved", approve.Message, StringComparison.Ordinal);
        Assert.Contains("berstatus Submitted", approve.MessageId, StringComparison.Ordinal);
        Assert.Equal(ReviewOutcomeKind.Conflict, (await Take(pipeline, Regency, ReviewAction.Submit)).Kind);
    }

    [Fact]
    public async Task Roles_ThatMayNot_AreForbidden_AndReturnWithoutAComment_IsInvalid()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        Assert.Equal(ReviewOutcomeKind.Forbidden, (await Take(pipeline, Province, ReviewAction.Submit)).Kind);
        Assert.Equal(ReviewOutcomeKind.Forbidden, (await Take(pipeline, new Caller(Role.Regency, "32.71", "key:x"), ReviewAction.Submit)).Kind);
        await Take(pipeline, Regency, ReviewAction.Submit);
        Assert.Equal(ReviewOutcomeKind.Forbidden, (await Take(pipeline, OtherProvince, ReviewAction.Verify)).Kind);
        Assert.Equal(ReviewOutcomeKind.Forbidden, (await Take(pipeline, Regency, ReviewAction.Verify)).Kind);
        Assert.Equal(ReviewOutcomeKind.Forbidden, (await Take(pipeline, Province, ReviewAction.Unlock, until: new DateOnly(2099, 1, 1))).Kind);

        var bare = await Take(pipeline, Province, ReviewAction.Return, "  ");
        Assert.Equal(ReviewOutcomeKind.Invalid, bare.Kind);
        Assert.Contains("comment", bare.MessageId, StringComparison.Ordinal);
        Assert.Equal(ReviewOutcomeKind.NotFound, (await Take(pipeline, Admin, ReviewAction.Submit, regency: "99.99")).Kind);

        var returned = await Take(pipeline, Province, ReviewAction.Return, "ENV-03 belum diisi");
        Assert.Equal(ReviewState.Open, returned.Status!.State);
        Assert.Equal("ENV-03 belum diisi", returned.Status.Review.History[^1].Comment);
    }

    [Fact]
    public async Task Unlock_OpensTheYearUntilADate_KeepsTheState_AndIsInTheHistory()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        Assert.Equal(ReviewOutcomeKind.Invalid, (await Take(pipeline, Admin, ReviewAction.Unlock)).Kind);
        Assert.Equal(ReviewOutcomeKind.Invalid, (await Take(pipeline, Admin, ReviewAction.Unlock, until: new DateOnly(2001, 1, 1))).Kind);

        var unlocked = await Take(pipeline, Admin, ReviewAction.Unlock, "surat 12/2025", new DateOnly(2099, 3, 31));

        Assert.True(unlocked.Done, unlocked.Message);
        Assert.Equal(ReviewState.Open, unlocked.Status!.State);
        Assert.Equal(new DateOnly(2099, 3, 31), unlocked.Status.Review.UnlockedUntil);
        var step = Assert.Single(unlocked.Status.Review.History);
        Assert.Equal((ReviewAction.Unlock, new DateOnly(2099, 3, 31), "surat 12/2025"), (step.Action, step.UnlockedUntil, step.Comment));
    }

    [Fact]
    public async Task WorkList_ListsEveryRegencyOfTheYear_OfAProvince_AndOfAState()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await Take(pipeline, Regency, ReviewAction.Submit);
        await Take(pipeline, Admin, ReviewAction.Submit, regency: "32.71");

        var all = await pipeline.Reviews.ListAsync(2024, null, null, CancellationToken.None);
        Assert.Equal(Samples.Registry.Regencies.Count, all.Count);
        Assert.Equal(["13.06", "13.07", "13.71"], (await pipeline.Reviews.ListAsync(2024, "13", null, CancellationToken.None)).Select(i => i.RegencyCode));
        Assert.Equal(["13.07", "32.71"], (await pipeline.Reviews.ListAsync(2024, null, ReviewState.Submitted, CancellationToken.None)).Select(i => i.RegencyCode));
        Assert.Equal(["13.07"], (await pipeline.Reviews.ListAsync(2024, "13", ReviewState.Submitted, CancellationToken.None)).Select(i => i.RegencyCode));
        Assert.Empty(await pipeline.Reviews.ListAsync(2023, null, ReviewState.Submitted, CancellationToken.None));
        Assert.Equal(ReviewState.Submitted, (await pipeline.Reviews.StatesAsync(2024, CancellationToken.None))["32.71"]);
    }

    [Fact]
    public async Task Store_WritesConditionallyOnTheVersion_AndAppendsHistoryAtomically()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var store = pipeline.Services.GetRequiredService<IReviewStore>();
        var step = new ReviewTransition(0, ReviewAction.Submit, ReviewState.Open, ReviewState.Submitted, DateTimeOffset.UtcNow, "key:a", "admin", null);
        var first = await store.SaveAsync(new RegencyYearReview("13.07", 2024) { State = ReviewState.Submitted }, step, CancellationToken.None);

        // A second first write, and a write from the version before the first: both lose, and leave no history step.
        await Assert.ThrowsAsync<WriteConflictException>(() => store.SaveAsync(new RegencyYearReview("13.07", 2024) { State = ReviewState.Submitted }, step, CancellationToken.None));
        var second = await store.SaveAsync(first with { State = ReviewState.Verified }, step with { Action = ReviewAction.Verify, From = ReviewState.Submitted, To = ReviewState.Verified }, CancellationToken.None);
        await Assert.ThrowsAsync<WriteConflictException>(() => store.SaveAsync(first with { State = ReviewState.Open }, step with { Action = ReviewAction.Return }, CancellationToken.None));

        var stored = await store.GetAsync("13.07", 2024, withHistory: true, CancellationToken.None);
        Assert.Equal(second.Version, stored!.Version);
        Assert.Equal(ReviewState.Verified, stored.State);
        Assert.Equal([ReviewAction.Submit, ReviewAction.Verify], stored.History.Select(h => h.Action));
        Assert.Null(await store.GetAsync("13.06", 2024, withHistory: true, CancellationToken.None));
    }
}

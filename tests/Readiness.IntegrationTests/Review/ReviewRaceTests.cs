using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core.Access;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Review;
using Readiness.Core.Validation;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Review;

/// <summary>
/// Concurrency of issue 14, on a real Azurite: two reviewers acting at once (exactly one wins, by the state's ETag),
/// and an upload racing a submission (it lands entirely before the submission or is rejected entirely).
/// </summary>
public class ReviewRaceTests
{
    private static readonly Caller Regency = new(Role.Regency, "13.07", "key:regency");
    private static readonly Caller Province = new(Role.Province, null, "key:province", "13");
    private static readonly Caller Admin = new(Role.Admin, null, "key:admin");

    private static Task<ReviewOutcome> Take(AzuritePipeline pipeline, Caller caller, string regency, int year, ReviewAction action, string? comment = null) =>
        pipeline.Reviews.TakeAsync(new ReviewCommand(caller, regency, year, action, comment), CancellationToken.None);

    /// <summary>A file of one regency-year: 24 indicators × 12 months, so its writes take several transactions.</summary>
    private static string File(string regency, int year, double offset)
    {
        var csv = new StringBuilder("regency_code,indicator_code,period,value\n");
        foreach (var indicator in new[] { "GOV-01", "GOV-03", "ENV-03", "SOC-01" })
        {
            for (var month = 1; month <= 12; month++)
            {
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{regency},{indicator},{year}-{month:D2},{offset + month}\n");
            }
        }

        return csv.ToString();
    }

    [Fact]
    public async Task TwoReviewersAtOnce_ExactlyOneWins_TheOtherIsToldTheStateTheWinnerLeft()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var years = Enumerable.Range(2015, 8).ToList();
        foreach (var year in years)
        {
            Assert.True((await Take(pipeline, Regency, "13.07", year, ReviewAction.Submit)).Done);
        }

        // Per year the Walidata and the ministry verify at the same moment: whichever lands first, the other cannot.
        var races = await Task.WhenAll(years.Select(year => Task.Run(async () =>
        {
            var both = await Task.WhenAll(
                Task.Run(() => Take(pipeline, Province, "13.07", year, ReviewAction.Verify)),
                Task.Run(() => Take(pipeline, Admin, "13.07", year, ReviewAction.Verify)));
            return (Year: year, Verify: both[0], Return: both[1]);
        })));

        foreach (var race in races)
        {
            var outcomes = new[] { race.Verify, race.Return };
            var winner = Assert.Single(outcomes, o => o.Done);
            var loser = Assert.Single(outcomes, o => !o.Done);
            Assert.Equal(ReviewOutcomeKind.Conflict, loser.Kind);
            Assert.Equal(winner.Status!.State, loser.Status!.State);
            var stored = await pipeline.Reviews.GetStatusAsync("13.07", race.Year, CancellationToken.None);
            Assert.Equal(winner.Status.State, stored.State);
            Assert.Equal(2, stored.Review.History.Count);
        }
    }

    [Fact]
    public async Task UploadWritingWhenASubmissionStarts_LandsWholeBeforeIt()
    {
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pause = new PauseAt(ImportCheckpoints.Write(1), resume.Task);
        await using var pipeline = await AzuritePipeline.CreateAsync(s => s.AddSingleton<IImportCheckpoints>(pause));
        var upload = Task.Run(() => pipeline.ImportAsync(File("13.07", 2024, 0)));
        await pause.Reached;

        // The upload has passed its lock check and is about to write: the submission marks the year and waits.
        var submit = Task.Run(() => Take(pipeline, Regency, "13.07", 2024, ReviewAction.Submit));
        var store = pipeline.Services.GetRequiredService<IReviewStore>();
        while ((await store.GetAsync("13.07", 2024, false, CancellationToken.None))?.SubmittingSince is null)
        {
            await Task.Yield();
        }

        Assert.False(submit.IsCompleted);
        resume.SetResult();
        var (imported, submitted) = (await upload, await submit);

        Assert.Equal(UploadStatus.Completed, imported.Upload.Status);
        Assert.Equal(48, imported.Upload.Imported);
        Assert.True(submitted.Done, submitted.Message);
        Assert.True(imported.Upload.CompletedAt <= submitted.Status!.Review.History[^1].At);
        Assert.Equal(48, (await pipeline.StoredAsync("13.07")).Count);
    }

    [Fact]
    public async Task UploadStartingWhileASubmissionWaits_IsRejectedWhole()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var store = pipeline.Services.GetRequiredService<IReviewStore>();
        var marked = await store.SaveAsync(new RegencyYearReview("13.07", 2024) { SubmittingSince = DateTimeOffset.UtcNow }, null, CancellationToken.None);

        var upload = await pipeline.ImportAsync(File("13.07", 2024, 0));

        Assert.Equal(UploadStatus.Rejected, upload.Upload.Status);
        Assert.Contains("being submitted", Assert.Single(upload.Report.Errors, e => e.Code == ErrorCodes.PeriodLocked).Message, StringComparison.Ordinal);
        Assert.Empty(await pipeline.StoredAsync("13.07"));

        // A marker left by a process that died long ago holds nothing.
        await store.SaveAsync(marked with { SubmittingSince = DateTimeOffset.UtcNow.AddHours(-1) }, null, CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, (await pipeline.ImportAsync(File("13.07", 2024, 0))).Upload.Status);
    }

    [Fact]
    public async Task UploadsRacingSubmissions_InParallel_EachLandsWholeBeforeTheSubmissionOrIsRejectedWhole()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var codes = new[] { "13.06", "13.07", "13.71", "32.01", "32.04", "32.71", "32.73", "33.74" };
        var rounds = await Task.WhenAll(codes.Select(code => Task.Run(async () =>
        {
            var both = await Task.WhenAll(
                Task.Run(async () => (object)await pipeline.ImportAsync(File(code, 2024, 0))),
                Task.Run(async () => (object)await Take(pipeline, Admin, code, 2024, ReviewAction.Submit)));
            return (Code: code, Upload: (ImportResult)both[0], Submit: (ReviewOutcome)both[1]);
        })));

        foreach (var (code, upload, submit) in rounds)
        {
            var stored = (await pipeline.StoredAsync(code)).Count;
            var status = await pipeline.Reviews.GetStatusAsync(code, 2024, CancellationToken.None);
            Assert.Null(status.Review.SubmittingSince);
            if (upload.Upload.Status == UploadStatus.Completed)
            {
                Assert.Equal(48, stored);
                if (submit.Done)
                {
                    Assert.True(upload.Upload.CompletedAt <= status.Review.History[^1].At, $"{code}: the submission overtook the upload");
                }
            }
            else
            {
                Assert.Equal(UploadStatus.Rejected, upload.Upload.Status);
                Assert.Equal([ErrorCodes.PeriodLocked], upload.Report.Errors.Select(e => e.Code).Distinct());
                Assert.Equal(0, stored);
            }

            Assert.True(submit.Done, $"{code}: {submit.Message}");
            Assert.Equal(ReviewState.Submitted, status.State);
        }
    }

    /// <summary>Holds the import at one checkpoint until the test lets it go.</summary>
    private sealed class PauseAt(string checkpoint, Task resume) : IImportCheckpoints
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public async ValueTask ReachedAsync(string reached, CancellationToken cancellationToken)
        {
            if (reached == checkpoint)
            {
                _reached.TrySetResult();
                await resume;
            }
        }
    }
}

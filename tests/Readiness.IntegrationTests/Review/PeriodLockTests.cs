using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Readiness.Core.Access;
using Readiness.Core.Catalog;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Core.Registry;
using Readiness.Core.Review;
using Readiness.Core.Validation;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Review;

/// <summary>Locked regency-years take no upload that would change them, on any path through the import.</summary>
public class PeriodLockTests
{
    private const string Header = "regency_code,indicator_code,period,value\n";
    private static readonly Caller Admin = new(Role.Admin, null, "key:admin");

    private static Task<ReviewOutcome> SubmitAsync(AzuritePipeline pipeline, string regency = "13.07", int year = 2024) =>
        pipeline.Reviews.TakeAsync(new ReviewCommand(Admin, regency, year, ReviewAction.Submit), CancellationToken.None);

    /// <summary>The shipped catalog with a reporting calendar for 2024: opens 2024-01-01, due 2025-01-31, closes 2025-03-31.</summary>
    private static Task UseCalendarAsync(AzuritePipeline pipeline)
    {
        var json = JsonNode.Parse(CatalogFile.ToJson(CatalogFile.Default))!.AsObject();
        json["reportingCalendar"] = JsonNode.Parse("""[{"year": 2024, "opens": "2024-01-01", "due": "2025-01-31", "closes": "2025-03-31"}]""");
        return pipeline.Services.GetRequiredService<ReferenceDataService>().ReplaceCatalogAsync(CatalogFile.Parse(json.ToJsonString()), CancellationToken.None);
    }

    [Fact]
    public async Task SubmittedYear_RejectsAChangingUploadWhole_ArchivesItWithItsReport_AndTakesAnIdenticalOne()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var first = Header + "13.07,GOV-01,2024,80\n13.07,GOV-02,2024,3\n";
        Assert.Equal(UploadStatus.Completed, (await pipeline.ImportAsync(first)).Upload.Status);
        Assert.True((await SubmitAsync(pipeline)).Done);
        var before = await pipeline.DumpAsync("observations");

        // 13.07 2024 changes (GOV-01) and 13.71 is open: the whole file is refused, 13.71 included.
        var changed = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,81\n13.07,GOV-02,2024,3\n13.71,GOV-01,2024,70\n");

        Assert.Equal(UploadStatus.Rejected, changed.Upload.Status);
        Assert.Equal(ImportOutcome.Invalid, changed.Outcome);
        var error = Assert.Single(changed.Report.Errors);
        Assert.Equal(ErrorCodes.PeriodLocked, error.Code);
        Assert.Contains("13.07 2024 is Submitted", error.Message, StringComparison.Ordinal);
        Assert.Contains("berstatus Submitted", error.MessageId, StringComparison.Ordinal);
        Assert.Equal(before, await pipeline.DumpAsync("observations"));
        Assert.Empty(changed.Upload.Years);
        var blobs = await pipeline.BlobNamesAsync();
        Assert.Contains(blobs, b => b.EndsWith(changed.Upload.UploadId + ".csv", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.EndsWith(changed.Upload.UploadId + ".report.json", StringComparison.Ordinal));
        var stored = await pipeline.Imports.GetAsync(changed.Upload.RegencyCode, changed.Upload.UploadId, CancellationToken.None);
        Assert.Equal(ErrorCodes.PeriodLocked, Assert.Single(stored!.Value.Report!.Errors).Code);

        // A dry run says the same; an identical re-upload changes no value, so it is taken; another year is open.
        var dry = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,81\n", new ImportRequest { DryRun = true });
        Assert.Equal([ErrorCodes.PeriodLocked], dry.Report.Errors.Select(e => e.Code));
        Assert.Equal(UploadStatus.Rejected, dry.Upload.Status);
        var identical = await pipeline.ImportAsync(first);
        Assert.Equal((UploadStatus.Completed, 0, 0, 2), (identical.Upload.Status, identical.Upload.Imported, identical.Upload.Updated, identical.Upload.Unchanged));
        Assert.Equal(UploadStatus.Completed, (await pipeline.ImportAsync(Header + "13.07,GOV-01,2023,75\n")).Upload.Status);

        // A new value (an insert) in the locked year changes it too; partial mode is no way around the lock.
        var added = await pipeline.ImportAsync(Header + "13.07,ENV-03,2024Q1,12\n", new ImportRequest { Mode = ImportMode.Partial });
        Assert.Equal(UploadStatus.Rejected, added.Upload.Status);
        Assert.Equal(before.Count + 1, (await pipeline.DumpAsync("observations")).Count);
    }

    [Fact]
    public async Task ReturnedYear_TakesUploadsAgain_AndTheInboxPathIsLockedToo()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await SubmitAsync(pipeline, "13.07");
        var request = new ImportRequest { Regency = Samples.RegencyOf("13.07"), Source = UploadSource.Inbox };
        var locked = await pipeline.ImportAsync("indicator_code,period,value\nGOV-01,2024,50\n", request);
        Assert.Equal([ErrorCodes.PeriodLocked], locked.Report.Errors.Select(e => e.Code));

        var returned = await pipeline.Reviews.TakeAsync(new ReviewCommand(Admin, "13.07", 2024, ReviewAction.Return, "tolong lengkapi"), CancellationToken.None);
        Assert.True(returned.Done);
        Assert.Equal(UploadStatus.Completed, (await pipeline.ImportAsync("indicator_code,period,value\nGOV-01,2024,50\n", request with { Source = UploadSource.Http })).Upload.Status);
    }

    [Fact]
    public async Task Calendar_FlagsLateUploads_LocksClosedYears_AndALockExceptionOpensOneRegencyYear()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 2, 10, 3, 0, 0, TimeSpan.Zero));
        await using var pipeline = await AzuritePipeline.CreateAsync(clock: clock);
        await UseCalendarAsync(pipeline);

        var late = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,80\n13.07,GOV-01,2023,70\n");
        Assert.Equal(UploadStatus.Completed, late.Upload.Status);
        Assert.True(late.Upload.Late);
        var warning = Assert.Single(late.Report.Warnings, w => w.Code == ErrorCodes.LateSubmission);
        Assert.Contains("13.07 2024", warning.Message, StringComparison.Ordinal);
        Assert.Contains("due on 2025-01-31", warning.Message, StringComparison.Ordinal);
        Assert.Contains("2025-01-31", warning.MessageId, StringComparison.Ordinal);
        Assert.True((await pipeline.Imports.GetAsync(late.Upload.RegencyCode, late.Upload.UploadId, CancellationToken.None))!.Value.Upload.Late);
        Assert.False((await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,80\n")).Upload.Late);

        clock.SetUtcNow(new DateTimeOffset(2025, 4, 2, 3, 0, 0, TimeSpan.Zero));
        var closed = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,81\n13.71,GOV-01,2024,60\n");
        Assert.Equal(UploadStatus.Rejected, closed.Upload.Status);
        Assert.Equal(2, closed.Report.Errors.Count(e => e.Code == ErrorCodes.PeriodLocked));
        Assert.Contains("closed on 2025-03-31", closed.Report.Errors[0].Message, StringComparison.Ordinal);
        var status = await pipeline.Reviews.GetStatusAsync("13.07", 2024, CancellationToken.None);
        Assert.Equal((LockReason.Closed, new DateOnly(2025, 3, 31)), (status.Lock.Reason, status.Period!.Closes));

        var unlocked = await pipeline.Reviews.TakeAsync(new ReviewCommand(Admin, "13.07", 2024, ReviewAction.Unlock, "surat dinas", new DateOnly(2025, 4, 30)), CancellationToken.None);
        Assert.True(unlocked.Done, unlocked.Message);
        var excepted = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,81\n");
        Assert.Equal(UploadStatus.Completed, excepted.Upload.Status);
        Assert.True(excepted.Upload.Late);
        Assert.Equal(UploadStatus.Rejected, (await pipeline.ImportAsync(Header + "13.71,GOV-01,2024,60\n")).Upload.Status);

        clock.SetUtcNow(new DateTimeOffset(2025, 5, 1, 3, 0, 0, TimeSpan.Zero));
        var after = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,82\n");
        Assert.Contains("lock exception ended on 2025-04-30", Assert.Single(after.Report.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_StoredWithTheCatalog_IsReadBack()
    {
        await using var pipeline = await AzuritePipeline.CreateAsync();
        await UseCalendarAsync(pipeline);
        var data = await pipeline.Services.GetRequiredService<IReferenceData>().GetAsync(CancellationToken.None);
        Assert.Equal(new ReportingPeriod(2024, new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 31), new DateOnly(2025, 3, 31)), data.Catalog.Calendar.For(2024));
    }

    [Fact]
    public async Task QueuedUpload_ReceivedBeforeTheClosingDate_IsTakenWhenProcessedAfterIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 31, 10, 0, 0, TimeSpan.Zero));
        await using var pipeline = await AzuritePipeline.CreateAsync(clock: clock);
        await UseCalendarAsync(pipeline);
        var queued = await pipeline.ImportAsync(Header + "13.07,GOV-01,2024,80\n", new ImportRequest { Async = true });
        Assert.Equal(UploadStatus.Queued, queued.Upload.Status);

        clock.SetUtcNow(new DateTimeOffset(2025, 4, 3, 0, 0, 0, TimeSpan.Zero));
        var done = await pipeline.Imports.ProcessQueuedAsync(new UploadWork(queued.Upload.RegencyCode, queued.Upload.UploadId), CancellationToken.None);
        Assert.Equal(UploadStatus.Completed, done!.Upload.Status);
    }
}

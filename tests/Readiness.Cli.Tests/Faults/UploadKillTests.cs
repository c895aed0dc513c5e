using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.TestSupport;

namespace Readiness.Cli.Tests.Faults;

/// <summary>
/// The fault matrix's "the uploading process dies" rows: a real <c>readiness ingest</c> in a child process, paused at
/// a checkpoint and SIGKILLed there; then the recovery pass (<c>readiness uploads recover</c>, what the UploadRecovery
/// timer runs, no replay by hand) and a comparison with a clean run of the same uploads, entity by entity.
/// The file: 3 regencies × 24 indicators × 12 months = 864 values, into partitions that already hold an earlier
/// upload's values for 2 of the regencies (half of them equal), so it imports 288, updates 288 and leaves 288
/// unchanged, in 7 transactions.
/// </summary>
public sealed class UploadKillTests
{
    private static readonly string Baseline = FaultFiles.Long(FaultFiles.Regencies(2), variant: 0, months: 12);
    private static readonly string Upload = FaultFiles.Long(FaultFiles.Regencies(3), variant: 1, months: 12);

    /// <summary>Observation fields that differ between two runs by nature: whose upload and when (the history compares
    /// the uploads by their order instead, <see cref="AzuritePipeline.HistoryAsync"/>).</summary>
    private static readonly string[] RunSpecific = ["UploadId", "SubmittedAt", "ChangedAt", "PreviousUploadId"];

    public static TheoryData<string, UploadStatus> KillPoints() => new()
    {
        { ImportCheckpoints.Received, UploadStatus.Failed },
        { ImportCheckpoints.Archiving, UploadStatus.Failed },
        { ImportCheckpoints.Archived, UploadStatus.Completed },
        { ImportCheckpoints.Write(1), UploadStatus.Completed },
        { ImportCheckpoints.Write(3), UploadStatus.Completed },
        { ImportCheckpoints.History(3), UploadStatus.Completed },
        { ImportCheckpoints.Write(7), UploadStatus.Completed },
        { ImportCheckpoints.Written, UploadStatus.Completed },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public async Task KilledAt_RecoveryEndsTheUpload_WithTheCleanRunsDataAndCounts(string checkpoint, UploadStatus expected)
    {
        using var files = new TempDirectory();
        var baseline = files.Write("baseline.csv", Baseline);
        var upload = files.Write("upload.csv", Upload);
        await using var crashed = await AzuritePipeline.CreateAsync();
        await using var clean = await AzuritePipeline.CreateAsync();
        Assert.Equal(0, (await Cli.RunOnAsync(crashed.Account, "ingest", baseline)).ExitCode);
        Assert.Equal(0, (await Cli.RunOnAsync(clean.Account, "ingest", baseline)).ExitCode);
        var cleanRun = await Cli.RunOnAsync(clean.Account, "ingest", upload);
        Assert.True(cleanRun.ExitCode == 0, cleanRun.ToString());
        var beforeUpload = await crashed.DumpAsync(StorageNames.Tables.Observations, RunSpecific);
        var historyBeforeUpload = await crashed.HistoryAsync();

        using (var child = CliChild.Start(crashed.Account, checkpoint, "ingest", upload))
        {
            await child.WaitUntilPausedAsync();
            child.Kill();
        }

        var stuck = Newest(await crashed.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.False(stuck.IsFinal, $"killed at {checkpoint}, the upload is {stuck.Status}");
        var recovery = await Cli.RunOnAsync(crashed.Account, "uploads", "recover", "--older-than", "0");

        var recovered = Newest(await crashed.Imports.ListAsync("all", 10, CancellationToken.None));
        var reference = Newest(await clean.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.Equal(expected, recovered.Status);
        if (expected == UploadStatus.Failed)
        {
            // Killed before the archive committed the file: nothing was stored, and the reason says what to do.
            Assert.Equal(1, recovery.ExitCode);
            Assert.Equal(ImportService.NotStoredReason, recovered.Failure);
            Assert.Contains("upload the file again", recovery.Out, StringComparison.Ordinal);
            Assert.Equal(beforeUpload, await crashed.DumpAsync(StorageNames.Tables.Observations, RunSpecific));
            Assert.Equal(historyBeforeUpload, await crashed.HistoryAsync());
            var replay = await Cli.RunOnAsync(crashed.Account, "uploads", "replay", "--regency", "all", "--id", recovered.UploadId);
            Assert.Equal(2, replay.ExitCode);
            return;
        }

        Assert.True(recovery.ExitCode == 0, recovery.ToString());
        Assert.Equal(
            (reference.Rows, reference.Values, reference.Imported, reference.Updated, reference.Unchanged, reference.Superseded, reference.Bytes, reference.Sha256, string.Join(',', reference.Years), string.Join(',', reference.Regencies)),
            (recovered.Rows, recovered.Values, recovered.Imported, recovered.Updated, recovered.Unchanged, recovered.Superseded, recovered.Bytes, recovered.Sha256, string.Join(',', recovered.Years), string.Join(',', recovered.Regencies)));
        Assert.Equal((288, 288, 288, 0), (reference.Imported, reference.Updated, reference.Unchanged, reference.Superseded));
        var expectedRows = await clean.DumpAsync(StorageNames.Tables.Observations, RunSpecific);
        Assert.Equal(expectedRows, await crashed.DumpAsync(StorageNames.Tables.Observations, RunSpecific));
        Assert.Equal(3 * 24 * 12, expectedRows.Count);
        var expectedHistory = await clean.HistoryAsync();
        Assert.Equal(576 + 288 + 288, expectedHistory.Count); // the baseline's inserts, then the upload's inserts and updates
        Assert.Equal(expectedHistory, await crashed.HistoryAsync());
        var second = await crashed.Imports.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        Assert.Equal((0, 0, 0), (second.Requeued, second.Failed.Count, second.Active));
    }

    [Fact]
    public async Task WhileAnUploadIsPausedMidWrite_CompletenessAndScoresShowItsRegenciesPending_UntilRecoveryEndsIt()
    {
        using var files = new TempDirectory();
        var upload = files.Write("upload.csv", Upload);
        await using var pipeline = await AzuritePipeline.CreateAsync();
        var regencies = FaultFiles.Regencies(3);

        using (var child = CliChild.Start(pipeline.Account, ImportCheckpoints.Write(5), "ingest", upload))
        {
            await child.WaitUntilPausedAsync();
            var during = await pipeline.Completeness.ForYearAsync(2024, null, CancellationToken.None);
            Assert.Contains(2024, await pipeline.Scores.DueYearsAsync(false, CancellationToken.None)); // marked changed before writing
            var recompute = await pipeline.Scores.RecomputeAsync(null, CancellationToken.None);
            var stored = await pipeline.StoredAsync();

            Assert.InRange(stored.Count, 1, 864 - 1); // part of the file is in
            Assert.All(during.Where(r => regencies.Contains(r.RegencyCode)), r => Assert.True(r.Pending, $"{r.RegencyCode} is not pending"));
            Assert.DoesNotContain(during, r => !r.Pending && r.Reported.Count > 0);
            Assert.Empty(await pipeline.ScoreStore.ReadYearAsync(2024, CancellationToken.None)); // nothing half-written was scored
            Assert.Equal(0, recompute.RegenciesScored);
            child.Kill();
        }

        var recovery = await Cli.RunOnAsync(pipeline.Account, "uploads", "recover", "--older-than", "0");
        var after = await pipeline.Completeness.ForYearAsync(2024, null, CancellationToken.None);
        await pipeline.Scores.RecomputeAsync(await pipeline.Scores.DueYearsAsync(false, CancellationToken.None), CancellationToken.None);

        Assert.True(recovery.ExitCode == 0, recovery.ToString());
        Assert.All(after.Where(r => regencies.Contains(r.RegencyCode)), r => Assert.Equal((false, 0), (r.Pending, r.Missing.Count)));
        Assert.Equal(regencies, (await pipeline.ScoreStore.ReadYearAsync(2024, CancellationToken.None)).Select(s => s.RegencyCode).Order(StringComparer.Ordinal));
    }

    private static UploadRecord Newest(IReadOnlyList<UploadRecord> uploads) => uploads[0];
}

using System.Runtime.InteropServices;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Readiness.Core;
using Readiness.Core.Ingestion;
using Readiness.Core.Ports;
using Readiness.Development;
using Readiness.Storage;
using Readiness.TestSupport;

namespace Readiness.IntegrationTests.Faults;

/// <summary>
/// The fault matrix's "storage goes away mid-upload" rows, each on a private Azurite of its own (never the shared one):
/// frozen with SIGSTOP for longer than the client's retry budget, and SIGKILLed and restarted on the same
/// <c>--location</c>. The synchronous upload fails, its record cannot even be marked while storage is away, and the
/// recovery pass (no replay by hand) finishes it once storage answers; the result is compared with a clean run entity
/// by entity. 17 regencies × 288 values = 4,896 values, 51 transactions.
/// </summary>
public class StorageOutageTests
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    private static readonly string File = FaultFiles.Long(FaultFiles.Regencies(17), variant: 1);

    private static readonly string[] RunSpecific = ["UploadId", "SubmittedAt", "ChangedAt"];

    /// <summary>A retry budget of about 10 s (1 retry, 5 s per try), so a longer outage exceeds it. Not shorter: the same
    /// client runs the recovery pass against the restarted Azurite, whose first reads take seconds on a loaded machine.</summary>
    private static void ShortRetryBudget(ClientOptions options)
    {
        options.Retry.MaxRetries = 1;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);

    /// <summary>Recovery as the timer and the queue run it: one pass, then every message it queued processed.</summary>
    private static async Task<RecoveryRun> RecoverAsync(AzuritePipeline pipeline)
    {
        var pass = await pipeline.Imports.RecoverAsync(TimeSpan.Zero, CancellationToken.None);
        foreach (var body in await pipeline.DrainAsync(StorageNames.Queues.Uploads))
        {
            await pipeline.Imports.ProcessQueuedAsync(UploadRequestMessage.TryParse(body)!, CancellationToken.None);
        }

        return pass;
    }

    private static async Task<UploadRecord> AssertLikeCleanRunAsync(AzuritePipeline recovered, AzuritePipeline clean)
    {
        var reference = (await clean.ImportAsync(File)).Upload;
        var upload = Assert.Single(await recovered.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.Equal(UploadStatus.Completed, upload.Status);
        Assert.Equal((reference.Imported, reference.Updated, reference.Unchanged, reference.Superseded, reference.Bytes, reference.Sha256),
            (upload.Imported, upload.Updated, upload.Unchanged, upload.Superseded, upload.Bytes, upload.Sha256));
        var expected = await clean.DumpAsync(StorageNames.Tables.Observations, RunSpecific);
        Assert.Equal(4896, expected.Count);
        Assert.Equal(expected, await recovered.DumpAsync(StorageNames.Tables.Observations, RunSpecific));
        Assert.Equal(await clean.HistoryAsync(), await recovered.HistoryAsync());
        return upload;
    }

    /// <summary>Two accounts on <paramref name="azurite"/>, and a synchronous upload into the first that is held at
    /// its 10th transaction (every partition with it) until <paramref name="resume"/> completes.</summary>
    private static async Task<(AzuritePipeline Crashed, AzuritePipeline Clean, Task<ImportResult> Import)> StartPausedAsync(AzuriteProcess azurite, Task resume)
    {
        var paused = new PauseOnce(ImportCheckpoints.Write(10), resume);
        var crashed = await AzuritePipeline.CreateAsync(s => s.AddSingleton<IImportCheckpoints>(paused), connectionString: azurite.ConnectionString, clientOptions: ShortRetryBudget);
        var clean = await AzuritePipeline.CreateAsync(connectionString: azurite.ConnectionString);
        var import = crashed.ImportAsync(File);
        await paused.Reached;
        return (crashed, clean, import);
    }

    [Fact]
    public async Task AzuriteFrozenBeyondTheRetryBudget_MidWrite_RecoveryFinishesTheUploadLikeACleanRun()
    {
        await using var azurite = await AzuriteProcess.StartAsync(RepositoryRoot.OfThisBuild, AzuriteSetup.InMemory());
        var resumed = new TaskCompletionSource();
        var (crashed, clean, import) = await StartPausedAsync(azurite, resumed.Task);
        await using var disposeCrashed = crashed;
        await using var disposeClean = clean;
        Assert.Equal(0, Signal(azurite.Pid, SigStop));
        try
        {
            resumed.SetResult(); // the writer goes on into a frozen storage
            await Assert.ThrowsAnyAsync<Exception>(() => import);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            Signal(azurite.Pid, SigCont);
        }

        var stuck = Assert.Single(await crashed.Imports.ListAsync("all", 10, CancellationToken.None));
        Assert.Equal(UploadStatus.Writing, stuck.Status); // not Failed: it wrote part of its values, so it is finished, not given up
        Assert.InRange((await crashed.StoredAsync()).Count, 1, 4895);
        Assert.True((await crashed.Completeness.ForYearAsync(2024, null, CancellationToken.None)).Where(r => r.Reported.Count > 0).All(r => r.Pending));

        var pass = await RecoverAsync(crashed);

        Assert.Equal(1, pass.Requeued);
        await AssertLikeCleanRunAsync(crashed, clean);
    }

    [Fact]
    public async Task AzuriteKilledAndRestartedOnItsLocation_MidWrite_RecoveryFinishesTheUploadLikeACleanRun()
    {
        await using var azurite = await AzuriteProcess.StartAsync(RepositoryRoot.OfThisBuild, AzuriteSetup.TemporaryFolder());
        var resumed = new TaskCompletionSource();
        var (crashed, clean, import) = await StartPausedAsync(azurite, resumed.Task);
        await using var disposeCrashed = crashed;
        await using var disposeClean = clean;
        // Azurite saves its tables every few seconds, and a SIGKILL loses what came after: wait until the upload's
        // record and first writes are saved, as production storage would have them at once.
        await Task.Delay(TimeSpan.FromSeconds(8));
        resumed.SetResult();
        await Task.Delay(150);
        azurite.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => import);
        azurite.Restart();

        // Compared with what Azurite really kept. It saves its tables every few seconds as one snapshot, so on a busy
        // machine it may have kept nothing of the upload; then nothing of it may be stored either (the record is
        // written before the first value). Otherwise it kept the record and part of the writes.
        var kept = await crashed.Imports.ListAsync("all", 10, CancellationToken.None);
        var keptRows = (await crashed.StoredAsync()).Count;
        if (kept.Count == 0)
        {
            Assert.Equal(0, keptRows);
            return;
        }

        Assert.False(Assert.Single(kept).IsFinal, $"{kept[0].Status}");
        Assert.InRange(keptRows, 0, 4895);

        var pass = await RecoverAsync(crashed);

        Assert.Equal(1, pass.Requeued);
        await AssertLikeCleanRunAsync(crashed, clean);
    }

    /// <summary>Holds the import at one checkpoint, every partition with it, until the test lets it go.</summary>
    private sealed class PauseOnce(string checkpoint, Task resume) : IImportCheckpoints
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        public async ValueTask ReachedAsync(string reached, CancellationToken cancellationToken)
        {
            if (reached == checkpoint)
            {
                _reached.TrySetResult();
            }

            if (_reached.Task.IsCompleted)
            {
                await resume;
            }
        }
    }
}

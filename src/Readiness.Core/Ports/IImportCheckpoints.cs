namespace Readiness.Core.Ports;

/// <summary>
/// Named moments of an import (<see cref="ImportCheckpoints"/>), for fault-injection tests that stop a process exactly
/// there. Production registers none; the CLI honours <c>READINESS_TEST_PAUSE_AT</c> only to let the kill tests pause a
/// child process at one of them and SIGKILL it.
/// </summary>
public interface IImportCheckpoints
{
    ValueTask ReachedAsync(string checkpoint, CancellationToken cancellationToken);
}

/// <summary>The checkpoint names, in the order an upload passes them.</summary>
public static class ImportCheckpoints
{
    /// <summary>The upload is recorded (Received); nothing archived yet.</summary>
    public const string Received = "received";

    /// <summary>Part of the file has been read into the archive, which has not committed it.</summary>
    public const string Archiving = "archiving";

    /// <summary>The archive committed the file; the record does not yet say so.</summary>
    public const string Archived = "archived";

    /// <summary>Before the n-th transaction of observations (1-based, counted over the whole upload): <c>write:3</c>.</summary>
    public static string Write(int transaction) => $"write:{transaction}";

    /// <summary>The n-th transaction of observations committed, its history entries not yet appended: <c>history:3</c>.</summary>
    public static string History(int transaction) => $"history:{transaction}";

    /// <summary>Every observation written; the record is not final yet.</summary>
    public const string Written = "written";
}

/// <summary>No checkpoints: what every host runs.</summary>
public sealed class NoImportCheckpoints : IImportCheckpoints
{
    public static readonly NoImportCheckpoints Instance = new();

    public ValueTask ReachedAsync(string checkpoint, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

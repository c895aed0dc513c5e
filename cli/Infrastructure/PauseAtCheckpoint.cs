using Readiness.Core.Ports;

namespace Readiness.Cli.Infrastructure;

/// <summary>
/// The kill tests' hook (tests/Readiness.Cli.Tests/Faults): with <c>READINESS_TEST_PAUSE_AT=NAME</c> (an
/// <see cref="ImportCheckpoints"/> name such as <c>archiving</c> or <c>write:3</c>), the CLI prints
/// <c>READINESS_PAUSED NAME</c> on stderr when an import reaches that checkpoint and then waits, every import task with
/// it, until the test SIGKILLs the process. Unset (always, outside those tests), nothing is registered.
/// </summary>
internal sealed class PauseAtCheckpoint(string checkpoint, TextWriter error) : IImportCheckpoints
{
    public const string EnvironmentVariable = "READINESS_TEST_PAUSE_AT";

    public const string Marker = "READINESS_PAUSED";

    private readonly TaskCompletionSource _never = new();
    private int _paused;

    public static PauseAtCheckpoint? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } name ? new PauseAtCheckpoint(name.Trim(), Console.Error) : null;

    public async ValueTask ReachedAsync(string reached, CancellationToken cancellationToken)
    {
        if (reached == checkpoint && Interlocked.Exchange(ref _paused, 1) == 0)
        {
            await error.WriteLineAsync($"{Marker} {reached}");
            await error.FlushAsync(cancellationToken);
        }

        if (Volatile.Read(ref _paused) == 1)
        {
            await _never.Task.WaitAsync(cancellationToken);
        }
    }
}

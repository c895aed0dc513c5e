using System.CommandLine;
using Azure;
using Readiness.Storage;

namespace Readiness.Cli.Infrastructure;

/// <summary>Where a command writes: the invocation's output and error writers (the real console, or a test's).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error);

internal static class GuardedAction
{
    /// <summary>
    /// Sets the command's action with the CLI's error handling: <see cref="CliException"/> and storage failures become
    /// one line on stderr and their exit code, Ctrl+C exits 130. Anything else is a bug and keeps its stack trace.
    /// </summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CliConsole, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = new CliConsole(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
            try
            {
                return await action(parseResult, console, cancellationToken);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C also reaches child processes such as the demo's Azurite, so whatever failed after it is moot.
                console.Error.WriteLine("cancelled");
                return ExitCodes.Cancelled;
            }
            catch (CliException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                if (e.ExitCode == ExitCodes.Usage)
                {
                    console.Error.WriteLine($"Run '{CommonOptions.CommandPath(parseResult)} --help' for usage.");
                }

                return e.ExitCode;
            }
            catch (RequestFailedException e)
            {
                console.Error.WriteLine($"error: {StorageErrors.Explain(e)}");
                return ExitCodes.Failure;
            }
            catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException))
            {
                console.Error.WriteLine($"error: storage unreachable after retries: {FirstLine(e.InnerExceptions[^1].Message)}");
                return ExitCodes.Failure;
            }
        });

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}

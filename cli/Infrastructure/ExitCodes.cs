namespace Readiness.Cli.Infrastructure;

/// <summary>The process exit codes every command uses (documented in the root command's help).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The data was invalid: a file failed validation or an upload was rejected.</summary>
    public const int Invalid = 1;

    /// <summary>The command line was wrong: unknown option, missing file, bad locale, unknown regency, bad reference file.</summary>
    public const int Usage = 2;

    /// <summary>The environment failed: storage unreachable, Azurite would not start, a storage request failed.</summary>
    public const int Failure = 3;

    /// <summary>Ctrl+C (128 + SIGINT), as shells expect.</summary>
    public const int Cancelled = 130;
}

/// <summary>An error the user can act on: printed as one line on stderr, then the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    public int ExitCode => exitCode;
}

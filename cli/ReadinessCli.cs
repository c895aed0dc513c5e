using System.CommandLine;
using System.CommandLine.Invocation;
using Readiness.Cli.Commands;
using Readiness.Cli.Infrastructure;

namespace Readiness.Cli;

/// <summary>The <c>readiness</c> operator CLI: thin verbs over the core and storage use cases.</summary>
public static class ReadinessCli
{
    public static RootCommand CreateRootCommand() => new(
        "Smart City Readiness Pipeline operator CLI: validate, normalize and ingest regency indicator CSV files, load reference data, " +
        "compute, list and explain readiness scores, watch uploads, the inbox, remote sources and reporting completeness, and run the " +
        "end-to-end demo. Exit codes: 0 success, 1 invalid data (file invalid, upload rejected, no scores for the year or regency, a source failed), " +
        "2 usage error (unknown or missing option, missing file, bad locale or year, unknown or ambiguous --regency, invalid registry " +
        "or catalog file), 3 environment failure (storage unreachable, Azurite would not start), 130 cancelled.")
    {
        ValidateCommand.Create(),
        NormalizeCommand.Create(),
        TemplateCommand.Create(),
        IngestCommand.Create(),
        ReferenceCommands.Registry(),
        ReferenceCommands.Catalog(),
        ScoreCommands.Score(),
        ScoreCommands.Scores(),
        ScoreCommands.Explain(),
        UploadCommands.Create(),
        InboxCommand.Create(),
        SourceCommands.Create(),
        CompletenessCommand.Create(),
        HistoryCommand.Create(),
        ReviewCommands.Create(),
        QualityCommands.Create(),
        KeyCommands.Create(),
        DemoCommand.Create(),
    };

    /// <summary>
    /// Parses and runs a command line, writing to <paramref name="output"/> and <paramref name="error"/> (the console,
    /// or a test's writers). A command line that does not parse exits with 2 (usage), not System.CommandLine's 1,
    /// which this CLI reserves for invalid data.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync($"Run '{CommonOptions.CommandPath(parseResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = true,
            // After Ctrl+C, give the demo time to stop the Azurite it started (which saves its data on the way out).
            ProcessTerminationTimeout = TimeSpan.FromSeconds(20),
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }
}

using System.CommandLine;
using Readiness.Cli.Infrastructure;
using Readiness.Cli.Output;

namespace Readiness.Cli.Commands;

/// <summary><c>readiness validate FILE</c>: the validation report of a file, without storing anything.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var reading = new FileReadingOptions();
        var json = CommonOptions.Json("Print the validation report as JSON, exactly as the HTTP API returns it.");
        var lang = ReportLanguages.Option();
        var command = new Command("validate", "Validate a CSV file against the registry and catalog and print the report. Exit code 0 when valid, 1 when invalid, 2 on a usage error.");
        reading.AddTo(command);
        command.Options.Add(json);
        command.Options.Add(lang);
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var (reader, options, file) = reading.Bind(parseResult);
            Core.Validation.ValidationReport report;
            await using (var stream = CommonOptions.OpenRead(file))
            {
                report = await reader.ValidateAsync(stream, options, cancellationToken);
            }

            if (parseResult.GetValue(json))
            {
                console.Out.WriteLine(report.ToJson());
            }
            else
            {
                ReportPrinter.PrintReport(console.Out, file.Name, report, language: parseResult.GetValue(lang));
            }

            return report.Valid ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }
}

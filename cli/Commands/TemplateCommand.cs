using System.CommandLine;
using System.Globalization;
using Readiness.Cli.Infrastructure;
using Readiness.Core.Catalog;

namespace Readiness.Cli.Commands;

/// <summary><c>readiness template --out FILE</c>: the upload template, as an Excel workbook (the default) or CSV.</summary>
internal static class TemplateCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "Write the template to this file (.xlsx or .csv).", HelpName = "FILE", Required = true };
        var format = new Option<string>("--format") { Description = "xlsx (an Excel workbook with a Data and a Petunjuk sheet, the default) or csv.", HelpName = "xlsx|csv", DefaultValueFactory = _ => "xlsx" };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var wide = new Option<bool>("--wide") { Description = "One column per indicator instead of one row per indicator." };
        var regency = CommonOptions.Regency();
        var scheme = CommonOptions.Scheme();
        var year = new Option<int>("--year")
        {
            Description = "The year the template is for. Default: this year (in Western Indonesia Time).",
            HelpName = "YYYY",
            DefaultValueFactory = _ => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).Year,
            CustomParser = result => result.Tokens.Count == 1 ? CommonOptions.ParseYear(result, result.Tokens[0].Value) : 0,
        };
        var registry = CommonOptions.Registry("Regency registry CSV, to resolve --regency. Default: samples/registry.csv of the repository.");
        var catalog = CommonOptions.Catalog();
        var command = new Command("template", "Write the upload template for a regency and year: an .xlsx with the code columns formatted as text, range and list validations and Indonesian instructions (or, with --format csv, the CSV template). Filled in, it uploads back as it is.")
        {
            output, format, wide, regency, scheme, year, registry, catalog,
        };
        command.SetGuardedAction(async (parseResult, console, cancellationToken) =>
        {
            var indicators = LocalReference.LoadCatalog(parseResult.GetValue(catalog));
            var code = "";
            if (parseResult.GetValue(regency) is { } text)
            {
                code = LocalReference.Load(parseResult.GetValue(registry), parseResult.GetValue(catalog)).ReadOptions(text, null, parseResult.GetValue(scheme)).UploadRegency!.Code;
            }

            var target = parseResult.GetRequiredValue(output);
            var forYear = parseResult.GetValue(year);
            try
            {
                await using var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None);
                if (parseResult.GetValue(format) == "csv")
                {
                    UploadTemplate.Write(indicators, parseResult.GetValue(wide), code, forYear, stream);
                }
                else
                {
                    await WorkbookTemplate.WriteAsync(indicators, parseResult.GetValue(wide), code, forYear, stream, cancellationToken);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot write {target.FullName}: {e.Message}", ExitCodes.Failure);
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote the {(parseResult.GetValue(wide) ? "wide" : "long")} template for {(code.Length > 0 ? code : "any regency")}, {forYear}, to {target.FullName}."));
            return ExitCodes.Success;
        });
        return command;
    }
}
